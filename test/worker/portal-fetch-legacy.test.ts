/**
 * POST …/periods/{period}/fetch for the periods before 2026, which the portal serves only through its
 * older service (report_tinh_766_service, one form-encoded request per period): workerd with real D1,
 * the portal being the stub (test/portal-stub.ts), which answers what each test registers — rows in the
 * shape recorded from the real service (portal-api-details.md §3.4), every value a string. Same rules as
 * the 2026 path: raw answer kept first, If-Match, 502 with nothing stored.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { HA_NOI, unitsAt } from "../../shared";
import { portalCacheKey } from "../../worker/routes/portal-fetch";
import { call, discard, json, makeKey, type Envelope } from "./helpers";

/**
 * Rows as the older service lists a province's units: every value a string, the province's own row
 * absent, ROW_STT numbering the list by total. Scores are invented, each total the exact sum of its groups.
 */
function legacyRows(units: readonly { name: string; commune: boolean }[]): Record<string, string>[] {
  const rows = units.map((u, i) => {
    const hundredths = { CKMB: 1200 + ((i * 37) % 600), TDGQ: 1400 + ((i * 53) % 600), CLGQ: 600 + ((i * 29) % 600), TTTT: 500 + ((i * 31) % 500), MDHL: 1200 + ((i * 41) % 600), MDSH: 1500 + ((i * 43) % 700) };
    const total = Object.values(hundredths).reduce((a, b) => a + b, 0);
    const text = (h: number) => String(h / 100);
    const id = String(900_000 + i);
    const row = { ID: id, TEN: u.name, TEN_COQUAN: u.name, MA_COQUAN: `H99.${u.commune ? 100 + i : i + 1}`, LOAI_COQUAN: u.commune ? "3" : "2", CAPDONVIID: u.commune ? "2" : "1", ID_COQUAN: id };
    return { total, row: { ...row, TDGQ: text(hundredths.TDGQ), MDHL: text(hundredths.MDHL), MDSH: text(hundredths.MDSH), TTTT: text(hundredths.TTTT), CLGQ: text(hundredths.CLGQ), CKMB: text(hundredths.CKMB), TONG_SCORE: text(total) } };
  });
  return rows.sort((a, b) => b.total - a.total).map((r, i) => ({ ...r.row, ROW_STT: String(i + 1) }));
}

/** One answer of the stub's older service (test/portal-stub.ts, LegacyAnswer). */
interface LegacyAnswer {
  status: number;
  contentType: string;
  body: string;
}
const rowsAnswer = (rows: unknown): LegacyAnswer => ({ status: 200, contentType: "application/json", body: JSON.stringify(rows) });
/** What the stub's older service answers for a province id, call after call (the last one repeated). */
async function register(id: string, answers: LegacyAnswer[]): Promise<void> {
  const res = await fetch(`http://portal.stub/__766/${encodeURIComponent(id)}`, { method: "PUT", body: JSON.stringify(answers) });
  expect(res.status).toBe(204);
}

/** Hà Nội as the older service lists it after 1/7/2025: its sở/ban/ngành and 126 xã/phường, suffixed. */
const HA_NOI_ROWS = legacyRows(unitsAt(HA_NOI, "2025-10-01").filter((u) => u.level !== "province").map((u) => ({ name: `${u.name} - thành phố Hà Nội`, commune: u.level === "commune" })));
const SMALL_ROWS = legacyRows([
  { name: "Sở Tư pháp - tỉnh Thử", commune: false },
  { name: "UBND xã Một - tỉnh Thử", commune: true },
  { name: "UBND phường Hai - tỉnh Thử", commune: true },
]);

let writer = "";
let reader = "";
beforeAll(async () => {
  writer = await makeKey("*", "read,write");
  reader = await makeKey("*", "read");
  await register("389181", [rowsAnswer(HA_NOI_ROWS)]);
  await register("stub-766-QH", [rowsAnswer(SMALL_ROWS.map(({ CKMB, ...row }) => ({ ...row, CK_MB: CKMB })))]);
  // A first answer, then a firewall page instead of JSON.
  await register("stub-766-QI", [rowsAnswer(SMALL_ROWS), { status: 200, contentType: "text/html", body: "<html><body>Request Rejected</body></html>" }]);
});

interface FetchResult {
  revision: number;
  etag: string;
  fetch: { cached: boolean; criteria: { criterion: string; ok: boolean; attempts: number; pages: number }[] };
  inputs: { unitScores: { unit: string; groups: Record<string, number | null> }[]; summary: unknown[] };
  report: { period: string; ranking: { level: string; entries: { total: number }[] }; issues: { code: string; message: string }[] };
}

const SERVICE = "report_tinh_766_service";
const fetchPeriod = (province: string, period: string, headers: Record<string, string> = {}) => call(`/v1/provinces/${province}/periods/${period}/fetch`, { method: "POST", key: writer, headers });
const portalCalls = async () => (await (await fetch("http://portal.stub/__calls")).json()) as Record<string, number>;
const fetchRows = (province: string, period: string) =>
  env.DB.prepare("SELECT id, complete, revision, results FROM portal_fetches WHERE province = ?1 AND period = ?2 ORDER BY fetched_at").bind(province, period).all<{ id: string; complete: number; revision: number | null }>();
const rawOf = (fetchId: string | undefined) => env.DB.prepare("SELECT criterion, page, request, body FROM portal_raw WHERE fetch_id = ?1").bind(fetchId).all<{ criterion: string; page: number; request: string; body: string }>();
const unresolved = (r: FetchResult["report"]) => r.issues.filter((i) => i.code === "UNKNOWN_UNIT" || i.code === "GROUPS_SUM_MISMATCH" || i.code === "UNPARSEABLE_CELL");

describe("POST /fetch before 2026: the older service", () => {
  it("stores Hà Nội's October 2025 from one form-encoded request, names resolved against the built-in catalog", async () => {
    const res = await fetchPeriod("HN", "2025-10");
    expect(res.status).toBe(201);
    const body = await json<FetchResult>(res);
    expect(body.revision).toBe(1);
    expect(res.headers.get("etag")).toBe(body.etag);
    expect(body.fetch.criteria.map((c) => [c.criterion, c.ok, c.pages])).toEqual([[SERVICE, true, 1]]);
    expect(unresolved(body.report)).toEqual([]);
    expect(body.report.ranking.level).toBe("commune");
    expect(body.report.ranking.entries).toHaveLength(126);
    // The add-in's unit table: the portal's names and group points; the older service has no province row.
    expect(body.inputs.unitScores).toHaveLength(144);
    expect(body.inputs.unitScores.map((u) => u.unit)).toContain("UBND phường Ba Đình - thành phố Hà Nội");
    expect(body.inputs.summary).toEqual([]);
  });

  it("keeps the raw answer with its request (p_tinh_id 389181, the month) before the revision", async () => {
    const [log] = (await fetchRows("HN", "2025-10")).results;
    expect(log).toMatchObject({ complete: 1, revision: 1 });
    const raw = (await rawOf(log?.id)).results;
    expect(raw.map((r) => [r.criterion, r.page])).toEqual([[SERVICE, 1]]);
    expect(JSON.parse(raw[0]?.request ?? "{}")).toMatchObject({ url: "http://portal.stub/jsp/rest.jsp", body: { service: SERVICE, p_tinh_id: "389181", p_nam: "2025", p_thang: 10, p_quy: 0 } });
    const rows = JSON.parse(raw[0]?.body ?? "[]") as Record<string, unknown>[];
    expect(rows).toHaveLength(144);
    expect(typeof rows[0]?.["TONG_SCORE"]).toBe("string");
  });

  it("the stored month reads back like a PUT one, totals and groups as numbers", async () => {
    const got = await call("/v1/provinces/HN/periods/2025-10", { key: reader });
    expect(got.status).toBe(200);
    const stored = await json<{ datasets: { unitScores: { unit: string; total: number; groups: Record<string, number> }[] } }>(got);
    const first = stored.datasets.unitScores[0];
    expect(typeof first?.total).toBe("number");
    const sum = Object.values(first?.groups ?? {}).reduce((a, b) => a + b, 0);
    expect(first?.total).toBeCloseTo(sum, 6);
  });

  it("a second fetch follows the If-Match rule; with it, revision 2 from the cached answer", async () => {
    const before = (await portalCalls())["389181"];
    const refused = await fetchPeriod("HN", "2025-10");
    expect(refused.status).toBe(428);
    expect((await json<Envelope>(refused)).error.code).toBe("PRECONDITION_REQUIRED");
    const again = await fetchPeriod("HN", "2025-10", { "if-match": refused.headers.get("etag") ?? "" });
    expect(again.status).toBe(200);
    expect(await json<FetchResult>(again)).toMatchObject({ revision: 2, fetch: { cached: true } });
    expect((await portalCalls())["389181"]).toBe(before);
  });

  it("streams its one request as progress with Accept: application/x-ndjson", async () => {
    const res = await fetchPeriod("HN", "2025-11", { accept: "application/x-ndjson" });
    const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l["type"], l["criterion"], l["index"], l["of"]])).toEqual([
      ["criterion", SERVICE, 0, 1],
      ["result", undefined, undefined, undefined],
    ]);
    expect(lines[1]).toMatchObject({ status: 201, body: { revision: 1 } });
  });

  it("a province without a built-in catalog gets one from the rows; a 2026 catalog already stored is kept", async () => {
    // QJ: its 2026 month first (catalog keyed by the 2026 ids), then December 2025 from the older
    // service, whose rows name the same units as the 2026 answer does.
    const first = await fetchPeriod("QJ", "2026-08");
    expect(first.status).toBe(201);
    const names = (await json<FetchResult>(first)).inputs.unitScores.map((u) => u.unit);
    await register("stub-766-QJ", [rowsAnswer(legacyRows(names.map((name) => ({ name, commune: /^UBND (xã|phường)/i.test(name) }))))]);
    const res = await fetchPeriod("QJ", "2025-12");
    expect(res.status).toBe(201);
    expect(unresolved((await json<FetchResult>(res)).report)).toEqual([]);
    const later = await json<{ entries: unknown[] }>(await call("/v1/provinces/QJ/periods/2026-08/rankings?level=commune", { key: reader }));
    expect(later.entries).toHaveLength(148);
    const report = await json<FetchResult["report"]>(await call("/v1/provinces/QJ/periods/2025-12/report", { key: reader }));
    expect(unresolved(report)).toEqual([]);
  });
});

describe("POST /fetch before 2026: a failing older service stores no revision", () => {
  it("a renamed field: 502 naming the field and its JSON path, nothing stored, the raw answer kept", async () => {
    const res = await fetchPeriod("QH", "2025-10");
    expect(res.status).toBe(502);
    const e = await json<Envelope>(res);
    expect(e.error.code).toBe("UPSTREAM_FAILED");
    expect(e.error.message).toContain("số liệu đã lưu được giữ nguyên");
    expect(e.error.issues.map((i) => [i.path, i.code])).toEqual([[SERVICE, "HTTP_200"]]);
    expect(e.error.issues[0]?.message).toContain("[0].CKMB: Thiếu trường CKMB");
    expect((await discard(call("/v1/provinces/QH/periods/2025-10", { key: reader }))).status).toBe(404);
    const [log] = (await fetchRows("QH", "2025-10")).results;
    expect(log).toMatchObject({ complete: 0, revision: null });
    expect(JSON.parse((await rawOf(log?.id)).results[0]?.body ?? "[]")[0]).toHaveProperty("CK_MB");
    const catalog = await env.DB.prepare("SELECT COUNT(*) AS n FROM portal_catalogs WHERE province = 'QH'").first<{ n: number }>();
    expect(catalog?.n).toBe(0);
  });

  it("a failed refetch (a firewall page instead of JSON) never replaces the stored month", async () => {
    const first = await fetchPeriod("QI", "2025-09");
    expect(first.status).toBe(201);
    const stored = await json<FetchResult>(first);
    expect(unresolved(stored.report)).toEqual([]);
    await caches.default.delete(portalCacheKey("stub-766-QI", "2025-09", "http://portal.stub/jsp/rest.jsp", "portal-766"));
    const again = await fetchPeriod("QI", "2025-09", { "if-match": stored.etag });
    expect(again.status).toBe(502);
    expect((await json<Envelope>(again)).error.issues[0]?.message).toContain("không đọc được");
    const head = await discard(call("/v1/provinces/QI/periods/2025-09", { key: reader }));
    expect(head.headers.get("etag")).toBe(stored.etag);
    const revisions = await json<{ revisions: unknown[] }>(await call("/v1/provinces/QI/periods/2025-09/revisions", { key: reader }));
    expect(revisions.revisions).toHaveLength(1);
    const logs = (await fetchRows("QI", "2025-09")).results;
    expect(logs.map((l) => [l.complete, l.revision])).toEqual([
      [1, 1],
      [0, null],
    ]);
  });

  it("a province whose older-service id is unknown: 404 naming the setting, the portal not asked", async () => {
    const before = await portalCalls();
    const res = await fetchPeriod("QA", "2025-10");
    expect(res.status).toBe(404);
    expect((await json<Envelope>(res)).error.message).toContain("legacyProvinceId");
    expect(await portalCalls()).toEqual(before);
  });
});
