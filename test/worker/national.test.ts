/**
 * The national summary in workerd with real D1: POST …/national/periods/{period}/fetch asks the stub
 * portal (test/portal-stub.ts: the 34-province answer of test/fixtures/national-2026, or answers a test
 * registered for a period), keeps the raw answer in the fetch log, stores a revision only when the
 * summary changed; GET ranks it against the previous period, as JSON and CSV. No network.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, json, makeKey } from "./helpers";

let writer = "";
let reader = "";
beforeAll(async () => {
  writer = await makeKey("HN", "read,write");
  reader = await makeKey("PT", "read");
});

const recorded = JSON.stringify((await import("../fixtures/national-2026/month-2026-08.json")).default);
const register = (period: string, answers: { status: number; body: string; contentType?: string }[]) =>
  fetch(`http://portal.stub/__national/${period}`, { method: "PUT", body: JSON.stringify(answers.map((a) => ({ contentType: "application/json", ...a }))) });
const fetchNational = (period: string, key = writer) => call(`/v1/national/periods/${period}/fetch`, { method: "POST", key });
const logRows = (period: string) => env.DB.prepare("SELECT complete, revision, results FROM portal_fetches WHERE province = 'VN' AND period = ?1 ORDER BY fetched_at").bind(period).all<{ complete: number; revision: number | null; results: string }>();

interface NationalBody {
  period: string;
  revision: number;
  created: boolean;
  denominator: number;
  previous: { period: string } | null;
  entries: { code: string; name: string; total: number; rank: number; change: { text: string; places: number | null } }[];
  issues: { code: string; message: string }[];
}

describe("POST /v1/national/periods/{period}/fetch", () => {
  it("stores the 34 provinces as revision 1, ranked; the raw answer is kept with its request", async () => {
    const res = await fetchNational("2026-08");
    expect(res.status).toBe(201);
    const body = await json<NationalBody>(res);
    expect(body).toMatchObject({ period: "2026-08", revision: 1, created: true, denominator: 34, previous: null });
    expect(body.entries).toHaveLength(34);
    expect(body.issues).toEqual([]);
    const hn = body.entries.find((e) => e.code === "HN");
    expect(hn).toMatchObject({ name: "Thành phố Hà Nội", total: 54.79 });
    // Competition ranks: the two provinces tied on every score share a rank, the next is skipped.
    const tied = body.entries.filter((e) => e.total === 55.06);
    expect(tied).toHaveLength(2);
    expect(tied[0]?.rank).toBe(tied[1]?.rank);
    expect(body.entries.some((e) => e.rank === (tied[0]?.rank ?? 0) + 1)).toBe(false);
    const [log] = (await logRows("2026-08")).results;
    expect(log).toMatchObject({ complete: 1, revision: 1 });
    const raw = await env.DB.prepare("SELECT criterion, request, body FROM portal_raw r JOIN portal_fetches f ON f.id = r.fetch_id WHERE f.province = 'VN' AND f.period = '2026-08'").first<{ criterion: string; request: string; body: string }>();
    expect(raw?.criterion).toBe("service-results");
    expect(JSON.parse(raw?.request ?? "{}").body).toEqual({ timeType: "month", year: 2026, month: 8, departmentType: "ADMINISTRATIVE_UNIT" });
    expect(JSON.parse(raw?.body ?? "{}")).toEqual(JSON.parse(recorded));
  });

  it("the same summary again is no new revision (200, unchanged); a changed one is revision 2", async () => {
    const again = await fetchNational("2026-08");
    expect(again.status).toBe(200);
    expect(await json<NationalBody>(again)).toMatchObject({ revision: 1, created: false });
    const changed = JSON.parse(recorded) as { data: { evaluation: { totalScore: number; groupScores: Record<string, number> }[] } };
    const first = changed.data.evaluation[0];
    if (first) {
      first.totalScore = Math.round((first.totalScore + 1) * 100) / 100;
      first.groupScores["CKMB"] = Math.round(((first.groupScores["CKMB"] ?? 0) + 1) * 100) / 100;
    }
    await register("2026-08", [{ status: 200, body: JSON.stringify(changed) }]);
    const second = await fetchNational("2026-08");
    expect(second.status).toBe(201);
    expect(await json<NationalBody>(second)).toMatchObject({ revision: 2, created: true });
    expect((await logRows("2026-08")).results.map((r) => r.revision)).toEqual([1, 1, 2]);
  });

  it("a summary of the wrong shape (35 provinces, a renamed group): 502 naming it, raw kept, stored revision untouched", async () => {
    const extra = JSON.parse(recorded) as { data: { evaluation: Record<string, unknown>[] } };
    extra.data.evaluation.push({ ...extra.data.evaluation[0], departmentCode: "H99" });
    await register("2026-07", [{ status: 200, body: JSON.stringify(extra) }]);
    const res = await fetchNational("2026-07");
    expect(res.status).toBe(502);
    const err = await json<{ error: { message: string } }>(res);
    expect(err.error.message).toContain("data.evaluation: 35 tỉnh, thành phố thay vì 34");
    expect((await logRows("2026-07")).results).toMatchObject([{ complete: 0, revision: null }]);
    expect((await call("/v1/national/periods/2026-07")).status).toBe(404);
  });

  it("5xx is retried; 429 stops at once with Retry-After; neither stores a revision", async () => {
    await register("2026-06", [{ status: 503, body: "busy" }, { status: 200, body: recorded }]);
    const retried = await fetchNational("2026-06");
    expect(retried.status).toBe(201);
    await register("2026-05", [{ status: 429, body: "slow down" }]);
    const stopped = await fetchNational("2026-05");
    expect(stopped.status).toBe(502);
    expect(stopped.headers.get("retry-after")).toBe("300");
    expect((await json<{ error: { message: string } }>(stopped)).error.message).toContain("429");
    expect((await call("/v1/national/periods/2026-05")).status).toBe(404);
  });

  it("needs a key with write scope; a period before 2026 is refused (the letters' stated rank stands)", async () => {
    expect((await call("/v1/national/periods/2026-08/fetch", { method: "POST" })).status).toBe(401);
    expect((await fetchNational("2026-08", reader)).status).toBe(403);
    const old = await fetchNational("2025-12");
    expect(old.status).toBe(400);
    expect((await json<{ error: { message: string } }>(old)).error.message).toContain("từ năm 2026");
  });
});

describe("GET /v1/national/periods/{period}", () => {
  it("ranks against the previous stored period: change in places worded as the letters do", async () => {
    // 2026-09: Hà Nội's groups up by 10 points in all → it climbs; against August (revision 2) as stored.
    const sept = JSON.parse(recorded) as { data: { evaluation: { departmentCode: string; totalScore: number; groupScores: Record<string, number> }[] } };
    const hn = sept.data.evaluation.find((e) => e.departmentCode === "H26");
    if (hn) {
      hn.groupScores["MDHL"] = (hn.groupScores["MDHL"] ?? 0) + 10;
      hn.totalScore = Math.round((hn.totalScore + 10) * 100) / 100;
    }
    await register("2026-09", [{ status: 200, body: JSON.stringify(sept) }]);
    expect((await fetchNational("2026-09")).status).toBe(201);
    const res = await call("/v1/national/periods/2026-09");
    expect(res.status).toBe(200);
    const body = await json<NationalBody>(res);
    expect(body.previous).toMatchObject({ period: "2026-08" });
    const row = body.entries.find((e) => e.code === "HN");
    expect(row?.total).toBe(64.79);
    expect(row?.change.places).toBeGreaterThan(0);
    expect(row?.change.text).toBe(`tăng ${row?.change.places} bậc`);
    const etag = res.headers.get("etag") ?? "";
    expect((await call("/v1/national/periods/2026-09", { headers: { "if-none-match": etag } })).status).toBe(304);
  });

  it("as CSV for spreadsheets: a header and the 34 provinces in rank order", async () => {
    const res = await call("/v1/national/periods/2026-09?format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split(/\r\n/);
    expect(lines[0]).toBe("Hạng,Mã,\"Tỉnh, thành phố\",Tổng điểm,So với kỳ trước (điểm),So với kỳ trước (bậc),CKMB điểm,CKMB hạng,TDGQ điểm,TDGQ hạng,CLGQ điểm,CLGQ hạng,TTTT điểm,TTTT hạng,MDHL điểm,MDHL hạng,MDSH điểm,MDSH hạng");
    expect(lines).toHaveLength(35);
    expect(lines[1]?.startsWith("1,")).toBe(true);
  });

  it("an earlier revision with ?revision=; 404 for a period never fetched", async () => {
    const r1 = await json<NationalBody>(await call("/v1/national/periods/2026-08?revision=1"));
    expect(r1.revision).toBe(1);
    expect((await call("/v1/national/periods/2026-10")).status).toBe(404);
  });
});

describe("a province's fetch takes the national summary for its headline", () => {
  interface FetchBody {
    revision: number;
    report: { narrative: { headline: string | null }; issues: { code: string; message: string; location: { column?: string } }[] };
  }
  const provinceFetch = (period: string) => call(`/v1/provinces/PT/periods/${period}/fetch`, { method: "POST", key: ptWriter });
  let ptWriter = "";
  beforeAll(async () => {
    ptWriter = await makeKey("PT", "read,write");
  });

  it("with no national summary stored, it is fetched and the headline has 'xếp hạng N/34'", async () => {
    const res = await provinceFetch("2026-03");
    expect(res.status).toBe(201);
    const body = await json<FetchBody>(res);
    expect(body.report.narrative.headline).toMatch(/xếp hạng \d+\/34 tỉnh, thành phố/);
    const stored = await json<NationalBody>(await call("/v1/national/periods/2026-03"));
    const pt = stored.entries.find((e) => e.code === "PT");
    expect(body.report.narrative.headline).toContain(`xếp hạng ${pt?.rank}/34 tỉnh, thành phố`);
    // The total is the sum of the portal's six group scores (the portal prints no grand total).
    expect(body.report.narrative.headline).toMatch(/^Tổng số điểm Tỉnh đạt được tháng 03\/2026: \d+(\.\d+)?\/100 điểm, xếp hạng/);
  });

  // The 503 is retried three times with backoff and jitter (0.5 + 1 + 2 s, up to 1.5 s more): beyond vitest's default 5 s.
  it("when the national call fails the month is still stored, and the missing rank is an issue saying why", { timeout: 20_000 }, async () => {
    await register("2026-04", [{ status: 503, body: "busy" }]);
    const res = await provinceFetch("2026-04");
    expect(res.status).toBe(201);
    const body = await json<FetchBody>(res);
    expect(body.revision).toBe(1);
    expect(body.report.narrative.headline ?? "").not.toMatch(/xếp hạng/);
    expect(body.report.issues.find((i) => i.location.column === "national")?.message).toBe("Chưa có bảng tổng hợp toàn quốc tháng 04/2026 (Cổng lỗi máy chủ (503)); câu tổng điểm thiếu xếp hạng toàn quốc.");
    // Once the national summary is fetched, the stored month's report has its rank.
    await register("2026-04", [{ status: 200, body: recorded }]);
    expect((await fetchNational("2026-04")).status).toBe(201);
    const report = await json<FetchBody["report"]>(await call("/v1/provinces/PT/periods/2026-04/report", { key: ptWriter }));
    expect(report.narrative.headline).toMatch(/xếp hạng \d+\/34 tỉnh, thành phố/);
  });
});

describe("any of the 34 provinces, with no configuration: An Giang", () => {
  it("fetches a month (answers in the recorded shape, synthetic units), builds its catalog, and the headline has its national rank", async () => {
    const agWriter = await makeKey("AG", "read,write");
    const res = await call("/v1/provinces/AG/periods/2026-08/fetch", { method: "POST", key: agWriter });
    expect(res.status).toBe(201);
    const body = await json<{ report: { narrative: { headline: string | null }; ranking: { entries: { name: string }[] } }; inputs: { unitScores: { unit: string }[] } }>(res);
    expect(body.inputs.unitScores.every((u) => !u.unit.includes("Phú Thọ"))).toBe(true);
    expect(body.inputs.unitScores.some((u) => u.unit.endsWith("- Tỉnh An Giang"))).toBe(true);
    expect(body.report.ranking.entries.length).toBeGreaterThan(100);
    const national = await json<NationalBody>(await call("/v1/national/periods/2026-08"));
    const ag = national.entries.find((e) => e.code === "AG");
    expect(ag?.name).toBe("Tỉnh An Giang");
    expect(body.report.narrative.headline).toMatch(new RegExp(`^Tổng số điểm Tỉnh đạt được tháng 08/2026: [\\d.]+/100 điểm, xếp hạng ${ag?.rank}/34 tỉnh, thành phố`));
    // The add-in's "Chuẩn hoá" reads this catalog with the shared schema (addin/api/client.ts getCatalog).
    const { CatalogUnitsSchema } = await import("../../shared/api-responses");
    const units = CatalogUnitsSchema.safeParse(await json(await call("/v1/catalog/units?province=AG&date=2026-08-31", { key: agWriter })));
    expect(units.success, JSON.stringify(units.error?.issues.slice(0, 3))).toBe(true);
    expect(units.data?.units.length).toBeGreaterThan(100);
    // Names a clerk pastes resolve against the catalog built from the answer, with or without diacritics and the suffix.
    const unit = body.inputs.unitScores.find((u) => u.unit.startsWith("UBND Phường"))?.unit ?? "";
    const plain = unit.replace(/ - Tỉnh An Giang$/, "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D");
    const put = await call("/v1/provinces/AG/periods/2026-07", { method: "PUT", key: agWriter, body: { unitScores: [{ unit: plain, total: 50 }, { unit: `${unit}`, total: 40 }] } });
    expect(put.status).toBe(201);
    const july = await json<{ issues: { code: string }[]; ranking: { entries: { name: string }[] } }>(await call("/v1/provinces/AG/periods/2026-07/report", { key: agWriter }));
    expect(july.issues.filter((i) => i.code === "UNKNOWN_UNIT")).toEqual([]);
    // Both spellings are the same unit: the second is reported as its duplicate.
    expect(july.issues.filter((i) => i.code === "DUPLICATE_UNIT")).toHaveLength(1);
    expect(july.ranking.entries.map((e) => e.name)).toContain(unit.replace(/ - Tỉnh An Giang$/, ""));
  });
});

describe("POST /v1/reports (stateless) takes the stored national summary too", () => {
  it("a 2026 month sent by the add-in gets 'xếp hạng N/34' from the stored summary; a month without one says the rank is missing", async () => {
    const groups = { CKMB: 10, TDGQ: 15, CLGQ: 8, TTTT: 6, MDHL: 12, MDSH: 9 };
    const res = await call("/v1/reports", { body: { province: "HN", period: "2026-08", summary: { groups } } });
    expect(res.status).toBe(200);
    const report = await json<{ narrative: { headline: string }; issues: { message: string; location: { column?: string } }[] }>(res);
    const stored = await json<NationalBody>(await call("/v1/national/periods/2026-08"));
    const hn = stored.entries.find((e) => e.code === "HN");
    expect(report.narrative.headline).toBe(`Tổng số điểm Thành phố đạt được tháng 08/2026: 60/100 điểm, xếp hạng ${hn?.rank}/34 tỉnh, thành phố`);
    const none = await json<typeof report>(await call("/v1/reports", { body: { province: "HN", period: "2026-11", summary: { groups } } }));
    expect(none.issues.find((i) => i.location.column === "national")?.message).toContain("Chưa có bảng tổng hợp toàn quốc tháng 11/2026");
  });
});

describe("the Worker's national body is what the add-in's schema reads", () => {
  it("GET …/national/periods/{period} parses with NationalBodySchema, and the OpenAPI document names it", async () => {
    const { NationalBodySchema } = await import("../../shared/api-responses");
    const parsed = NationalBodySchema.safeParse(await json(await call("/v1/national/periods/2026-08")));
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    const doc = await json<{ components: { schemas: Record<string, unknown> } }>(await call("/openapi.json"));
    expect(doc.components.schemas["National"]).toBeDefined();
  });
});
