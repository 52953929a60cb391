/**
 * POST …/periods/{period}/fetch in workerd with real D1; the portal is the replaying stub (Miniflare's
 * outbound service, test/portal-stub.ts) serving the recorded Phú Thọ answers and failing on purpose for
 * the test provinces QA–QG. No test touches the network.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { portalCacheKey } from "../../worker/routes/portal-fetch";
import { call, discard, json, makeKey, type Envelope } from "./helpers";

let writer = "";
let reader = "";
beforeAll(async () => {
  writer = await makeKey("*", "read,write");
  reader = await makeKey("*", "read");
});

interface FetchResult {
  revision: number;
  etag: string;
  fetch: { id: string; cached: boolean; criteria: { criterion: string; ok: boolean; attempts: number; pages: number }[] };
  inputs: { unitScores: { unit: string; groups: Record<string, number | null>; indicators?: Record<string, { numerator: number | null; denominator: number | null; rate: number | null; points: number | null }> }[]; summary: (string | number)[][] };
  report: { ranking: { entries: unknown[] }; issues: { code: string; message: string }[] };
}

const fetchMonth = (province: string, period = "2026-08", headers: Record<string, string> = {}) =>
  call(`/v1/provinces/${province}/periods/${period}/fetch`, { method: "POST", key: writer, headers });
const portalCalls = async () => (await (await fetch("http://portal.stub/__calls")).json()) as Record<string, number>;
const fetchRows = (province: string) => env.DB.prepare("SELECT id, complete, revision, results FROM portal_fetches WHERE province = ?1 ORDER BY fetched_at").bind(province).all<{ id: string; complete: number; revision: number | null; results: string }>();

describe("POST /fetch: a complete month", () => {
  it("stores the recorded Phú Thọ month as revision 1 and returns its report, scores matching the portal", async () => {
    const res = await fetchMonth("PT");
    expect(res.status).toBe(201);
    const body = await json<FetchResult>(res);
    expect(body.revision).toBe(1);
    expect(res.headers.get("etag")).toBe(body.etag);
    expect(body.fetch.criteria.map((c) => [c.criterion, c.ok, c.pages])).toEqual([
      ["transparency", true, 1],
      ["dvc-progress-tree", true, 1],
      ["provide-online-tree", true, 1],
      ["formality-online-payment-tree", true, 1],
      ["handling-satisfaction", true, 1],
      ["dossier-digitized", true, 1],
    ]);
    expect(body.report.ranking.entries).toHaveLength(148);
    expect(body.report.issues.filter((i) => i.code === "POINTS_MISMATCH" || i.code === "UNKNOWN_UNIT")).toEqual([]);
    expect(body.report.issues.some((i) => i.code === "PORTAL_DATA_QUALITY")).toBe(true);
    // What the add-in writes into its unit table: the portal's names and group points.
    expect(body.inputs.unitScores).toHaveLength(163);
    expect(body.inputs.unitScores.every((u) => u.unit.length > 0 && Object.keys(u.groups).length === 6)).toBe(true);
    expect(body.inputs.summary.filter((r) => /\/\d+ điểm$/.test(String(r[2])))).toHaveLength(6);
    expect(body.inputs.unitScores.map((u) => u.unit)).toEqual(expect.arrayContaining(["Sở Công Thương - Tỉnh Phú Thọ", "UBND Phường Việt Trì"]));
    // …and into “Nhập - Chỉ tiêu”: each unit's indicators as the portal published them (5.4 of the Ban quản lý các khu công nghiệp: 486/588, 5.51).
    const bql = body.inputs.unitScores.find((u) => u.unit === "Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ");
    expect(bql?.indicators?.["DOSSIER_RECEIVING_SATISFACTION"]).toEqual({ numerator: 486, denominator: 588, rate: null, points: 5.51 });
    expect(body.inputs.unitScores.every((u) => Object.keys(u.indicators ?? {}).length >= 15)).toBe(true);
  });

  it("keeps every raw answer as received, with its request, linked to the revision", async () => {
    const [log] = (await fetchRows("PT")).results;
    expect(log).toMatchObject({ complete: 1, revision: 1 });
    const raw = await env.DB.prepare("SELECT criterion, page, request, body FROM portal_raw WHERE fetch_id = ?1 ORDER BY criterion").bind(log?.id).all<{ criterion: string; request: string; body: string }>();
    expect(raw.results).toHaveLength(6);
    const t = raw.results.find((r) => r.criterion === "transparency");
    expect(JSON.parse(t?.request ?? "{}")).toMatchObject({ url: expect.stringMatching(/\/transparency$/), body: { timeType: "month", year: 2026, month: 8, rootDepartmentId: "019d2be3-6a88-732b-8b17-b68020c8553a" } });
    const answer = JSON.parse(t?.body ?? "{}") as { code: string; data: { evaluation: unknown[] } };
    expect(answer.code).toBe("OK");
    expect(answer.data.evaluation.length).toBeGreaterThan(100);
  });

  it("the stored month reads back like a PUT one: GET, revisions, report (catalog from the portal's units)", async () => {
    const got = await discard(call("/v1/provinces/PT/periods/2026-08", { key: reader }));
    expect(got.status).toBe(200);
    const report = await call("/v1/provinces/PT/periods/2026-08/rankings?level=commune", { key: reader });
    expect(report.status).toBe(200);
    expect((await json<{ entries: unknown[] }>(report)).entries).toHaveLength(148);
  });

  it("a second fetch needs If-Match (nothing is asked of the portal without it); with it, the cached answer makes revision 2 at no portal cost", async () => {
    const before = (await portalCalls())["019d2be3-6a88-732b-8b17-b68020c8553a"];
    const refused = await fetchMonth("PT");
    expect(refused.status).toBe(428);
    expect((await json<Envelope>(refused)).error.code).toBe("PRECONDITION_REQUIRED");
    const head = refused.headers.get("etag") ?? "";
    const again = await fetchMonth("PT", "2026-08", { "if-match": head });
    expect(again.status).toBe(200);
    const body = await json<FetchResult>(again);
    expect(body).toMatchObject({ revision: 2, fetch: { cached: true } });
    expect((await portalCalls())["019d2be3-6a88-732b-8b17-b68020c8553a"]).toBe(before);
  });

  it("retries a 5xx and succeeds", async () => {
    const res = await fetchMonth("QA");
    expect(res.status).toBe(201);
    expect((await json<FetchResult>(res)).fetch.criteria[0]).toMatchObject({ criterion: "transparency", ok: true, attempts: 2 });
  });

  it("joins the pages of a paged answer", async () => {
    const res = await fetchMonth("QF");
    expect(res.status).toBe(201);
    const body = await json<FetchResult>(res);
    expect(body.fetch.criteria.every((c) => c.pages === 2)).toBe(true);
    expect(body.report.ranking.entries).toHaveLength(148);
  });

  it("an empty province is a valid, complete month", async () => {
    const res = await fetchMonth("QE");
    expect(res.status).toBe(201);
    expect((await json<FetchResult>(res)).report.ranking.entries).toEqual([]);
  });
});

describe("POST /fetch with Accept: application/x-ndjson (progress per criterion)", () => {
  const lines = async (res: Response) => (await res.text()).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);

  it("streams one line per criterion as it is answered, then the result", async () => {
    const res = await fetchMonth("PT", "2026-07", { accept: "application/x-ndjson" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    const got = await lines(res);
    expect(got.slice(0, 6).map((l) => [l["type"], l["criterion"], l["ok"], l["index"], l["of"]])).toEqual(
      ["transparency", "dvc-progress-tree", "provide-online-tree", "formality-online-payment-tree", "handling-satisfaction", "dossier-digitized"].map((c, i) => ["criterion", c, true, i, 6]),
    );
    expect(got[6]).toMatchObject({ type: "result", status: 201, body: { revision: 1 } });
    expect(got).toHaveLength(7);
    expect((await discard(call("/v1/provinces/PT/periods/2026-07", { key: reader }))).status).toBe(200);
  });

  it("a failing portal streams what arrived, then the error envelope; nothing stored", async () => {
    const res = await fetchMonth("QB", "2026-07", { accept: "application/x-ndjson" });
    const got = await lines(res);
    expect(got.map((l) => l["type"])).toEqual(["criterion", "criterion", "criterion", "error"]);
    expect(got[2]).toMatchObject({ criterion: "provide-online-tree", ok: false, error: "Cổng báo quá nhiều yêu cầu (429): dừng, thử lại sau." });
    expect(got[3]).toMatchObject({ type: "error", status: 502, error: { code: "UPSTREAM_FAILED" } });
    expect((await discard(call("/v1/provinces/QB/periods/2026-07", { key: reader }))).status).toBe(404);
  });

  it("checks before the portal is asked stay plain HTTP errors", async () => {
    const res = await discard(fetchMonth("PT", "2026-07", { accept: "application/x-ndjson" }));
    expect(res.status).toBe(428);
  });
});

describe("POST /fetch: an incomplete fetch stores no revision", () => {
  async function expectNothingStored(province: string) {
    const got = await discard(call(`/v1/provinces/${province}/periods/2026-08`, { key: reader }));
    expect(got.status).toBe(404);
    const [log] = (await fetchRows(province)).results;
    expect(log).toMatchObject({ complete: 0, revision: null });
  }

  it("429: stops asking, answers 502 naming the criteria in Vietnamese, Retry-After", async () => {
    const before = (await portalCalls())["stub-429"] ?? 0;
    const res = await fetchMonth("QB");
    expect(res.status).toBe(502);
    expect(res.headers.get("retry-after")).toBe("300");
    const e = await json<Envelope>(res);
    expect(e.error.code).toBe("UPSTREAM_FAILED");
    expect(e.error.message).toContain("số liệu đã lưu được giữ nguyên");
    expect(e.error.issues.map((i) => [i.path, i.code])).toEqual([
      ["provide-online-tree", "HTTP_429"],
      ["formality-online-payment-tree", "NO_ANSWER"],
      ["handling-satisfaction", "NO_ANSWER"],
      ["dossier-digitized", "NO_ANSWER"],
    ]);
    expect((await portalCalls())["stub-429"]).toBe(before + 3);
    await expectNothingStored("QB");
  });

  it("a truncated body: 502, the broken body kept raw", async () => {
    const res = await fetchMonth("QC");
    expect(res.status).toBe(502);
    expect((await json<Envelope>(res)).error.issues[0]?.message).toContain("có thể bị cắt");
    await expectNothingStored("QC");
    const [log] = (await fetchRows("QC")).results;
    const raw = await env.DB.prepare("SELECT body FROM portal_raw WHERE fetch_id = ?1 AND criterion = 'handling-satisfaction'").bind(log?.id).first<{ body: string }>();
    expect(raw?.body).toHaveLength(4000);
  });

  it("a renamed field: 502 with the missing field named", async () => {
    const res = await fetchMonth("QD");
    expect(res.status).toBe(502);
    expect((await json<Envelope>(res)).error.issues[0]?.message).toContain("thiếu trường totalOnTime");
    await expectNothingStored("QD");
  });

  it("a failed refetch never replaces the stored month", async () => {
    const first = await fetchMonth("QG");
    expect(first.status).toBe(201);
    const stored = await json<FetchResult>(first);
    await caches.default.delete(portalCacheKey("stub-gone-after-one-month", "2026-08", env.PORTAL_BASE_URL));
    const again = await discard(fetchMonth("QG", "2026-08", { "if-match": stored.etag }));
    expect(again.status).toBe(502);
    const head = await discard(call("/v1/provinces/QG/periods/2026-08", { key: reader }));
    expect(head.headers.get("etag")).toBe(stored.etag);
    const revisions = await json<{ revisions: unknown[] }>(await call("/v1/provinces/QG/periods/2026-08/revisions", { key: reader }));
    expect(revisions.revisions).toHaveLength(1);
  });

  it("a province without a known portal root is a 404 naming the setting", async () => {
    const res = await fetchMonth("ZZ");
    expect(res.status).toBe(404);
    expect((await json<Envelope>(res)).error.message).toContain("PORTAL_SOURCES");
  });

  it("needs the write scope", async () => {
    const res = await discard(call("/v1/provinces/PT/periods/2026-08/fetch", { method: "POST", key: reader }));
    expect(res.status).toBe(403);
  });
});
