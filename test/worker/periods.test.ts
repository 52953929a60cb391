/** Stored months: revisions, ETags, concurrency, atomic writes, reports against last month, CSV. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seedReportInput } from "../../samples/seed-000-input";
import { revisionStatements, writeRevision, ROWS_PER_STATEMENT } from "../../worker/db/periods";
import { call, discard, json, makeKey, type Envelope } from "./helpers";

const seed = seedReportInput();
const december = { dataTimestamp: seed.dataTimestamp, summary: seed.summary, unitScores: seed.unitScores, overdueDossiers: seed.overdueDossiers, overduePetitions: seed.overduePetitions, letter: seed.letter };
const november = { summary: seed.previous?.summary, unitScores: seed.previous?.unitScores };
const P = "/v1/provinces/HN/periods";

let writer = "";
beforeAll(async () => {
  writer = await makeKey("HN", "read,write");
});

async function put(period: string, body: unknown, headers: Record<string, string> = {}) {
  return call(`${P}/${period}`, { method: "PUT", key: writer, body, headers });
}

describe("PUT and GET a month", () => {
  it("first PUT → 201 with revision 1 and an ETag; a second needs If-Match", async () => {
    const first = await put("2024-06", november);
    expect(first.status).toBe(201);
    const etag = first.headers.get("etag") ?? "";
    expect(await json(first)).toMatchObject({ revision: 1, etag });

    const noMatch = await put("2024-06", november);
    expect(noMatch.status).toBe(428);
    expect((await json<Envelope>(noMatch)).error.code).toBe("PRECONDITION_REQUIRED");

    const stale = await discard(put("2024-06", november, { "if-match": '"r0-stale"' }));
    expect(stale.status).toBe(409);
    expect(stale.headers.get("etag")).toBe(etag);

    const second = await put("2024-06", { ...november, note: "sửa số liệu" }, { "if-match": etag });
    expect(second.status).toBe(200);
    expect(await json(second)).toMatchObject({ revision: 2 });
  });

  it("If-Match compares strongly, and names no revision of a month that has none", async () => {
    const head = (await discard(call(`${P}/2024-06`, { key: writer }))).headers.get("etag") ?? "";
    const weak = await discard(put("2024-06", november, { "if-match": `W/${head}` }));
    expect(weak.status).toBe(409);
    const none = await discard(put("2019-02", november, { "if-match": head }));
    expect(none.status).toBe(409);
  });

  it("GET returns the latest or ?revision=n; revisions list who, when, checksum, counts", async () => {
    const latest = await json<{ revision: number; datasets: { unitScores: unknown[] } }>(await call(`${P}/2024-06`, { key: writer }));
    expect(latest.revision).toBe(2);
    expect(latest.datasets.unitScores).toEqual(november.unitScores);
    const old = await json<{ revision: number }>(await call(`${P}/2024-06?revision=1`, { key: writer }));
    expect(old.revision).toBe(1);
    const list = await json<{ revisions: { revision: number; createdBy: string; checksum: string; counts: { unitScores: number }; note: string | null }[] }>(
      await call(`${P}/2024-06/revisions`, { key: writer }),
    );
    expect(list.revisions.map((r) => [r.revision, r.counts.unitScores, r.note])).toEqual([
      [2, 30, "sửa số liệu"],
      [1, 30, null],
    ]);
    expect(list.revisions[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(list.revisions[0]?.createdBy).toMatch(/^test /);
  });

  it("a missing month or revision is a 404", async () => {
    const res = await discard(call(`${P}/2019-01`, { key: writer }));
    expect(res.status).toBe(404);
  });
});

describe("concurrent writers", () => {
  it("two PUTs with the same If-Match: exactly one wins, no revision is lost", async () => {
    const first = await discard(put("2024-05", november));
    const etag = first.headers.get("etag") ?? "";
    const [a, b] = await Promise.all([discard(put("2024-05", { ...november, note: "A" }, { "if-match": etag })), discard(put("2024-05", { ...november, note: "B" }, { "if-match": etag }))]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const list = await json<{ revisions: { revision: number; note: string | null }[] }>(await call(`${P}/2024-05/revisions`, { key: writer }));
    expect(list.revisions.map((r) => r.revision)).toEqual([2, 1]);
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM period_rows WHERE province = 'HN' AND period = '2024-05'").first<{ n: number }>();
    expect(rows?.n).toBe(60);
  });
});

describe("D1 writes", () => {
  it("a bulk write binds far more than 100 parameters, in chunks of at most 100", async () => {
    const units = Array.from({ length: 300 }, (_, i) => ({ unit: "UBND quận Ba Đình", total: i }));
    const { statements } = await revisionStatements(env.DB, { province: "HN", period: "2023-01", expectedRevision: null, body: { overdueDossiers: units }, createdBy: "t", now: "x" });
    expect(statements.length).toBe(2 + Math.ceil(300 / ROWS_PER_STATEMENT));
    const res = await discard(put("2023-01", { overdueDossiers: units }));
    expect(res.status).toBe(201);
    const n = await env.DB.prepare("SELECT COUNT(*) AS n FROM period_rows WHERE period = '2023-01'").first<{ n: number }>();
    expect(n?.n).toBe(300);
  });

  it("a failure in the last chunk leaves nothing half-written", async () => {
    const body = { overdueDossiers: Array.from({ length: 100 }, (_, i) => ({ unit: "Sở Tư pháp", total: i })) };
    const built = await revisionStatements(env.DB, { province: "HN", period: "2023-02", expectedRevision: null, body, createdBy: "t", now: "x" });
    // Replace the last row chunk with one that violates the dataset CHECK constraint.
    const broken = [...built.statements];
    broken.splice(broken.length - 2, 1, env.DB.prepare("INSERT INTO period_rows (province, period, revision, dataset, row_no, payload) VALUES ('HN', '2023-02', 1, 'nonsense', 1, '{}')"));
    await expect(env.DB.batch(broken)).rejects.toThrow();
    const counts = await env.DB.batch([
      env.DB.prepare("SELECT COUNT(*) AS n FROM period_revisions WHERE period = '2023-02'"),
      env.DB.prepare("SELECT COUNT(*) AS n FROM period_rows WHERE period = '2023-02'"),
      env.DB.prepare("SELECT COUNT(*) AS n FROM period_heads WHERE period = '2023-02'"),
    ]);
    expect(counts.map((r) => (r.results[0] as { n: number }).n)).toEqual([0, 0, 0]);
    // And the real write still works afterwards.
    await expect(writeRevision(env.DB, { province: "HN", period: "2023-02", expectedRevision: null, body, createdBy: "t", now: "x" })).resolves.toMatchObject({ revision: 1 });
  });
});

describe("reports from stored months", () => {
  beforeAll(async () => {
    for (const [period, body] of [["2024-11", november], ["2024-12", december]] as const) {
      await discard(put(period, body));
    }
  });

  it("the report is built against the previous stored month", async () => {
    const report = await json<{ previousPeriod: string; ranking: { entries: { name: string; deltaText: string }[] }; narrative: { headline: string } }>(await call(`${P}/2024-12/report`, { key: writer }));
    expect(report.previousPeriod).toBe("2024-11");
    expect(report.ranking.entries.slice(0, 2).map((e) => [e.name, e.deltaText])).toEqual([
      ["UBND quận Tây Hồ", "Tăng 0.92"],
      ["UBND huyện Phú Xuyên", "Giảm 3.4"],
    ]);
    expect(report.narrative.headline).toContain("62.28/100 điểm (tăng 1.29 điểm so với tháng 11/2024), xếp hạng 61/63");
  });

  it("?include= as POST /v1/reports: the head and the parts asked for, equal to the whole report's; an ETag of their own", async () => {
    const wholeRes = await call(`${P}/2024-12/report`, { key: writer });
    const wholeTag = wholeRes.headers.get("etag") ?? "";
    const whole = await json<Record<string, unknown>>(wholeRes);
    // Order and repeats do not matter: the same parts, the same answer and ETag.
    const res = await call(`${P}/2024-12/report?include=ranking, issues,ranking`, { key: writer });
    expect(res.status).toBe(200);
    const tag = res.headers.get("etag") ?? "";
    expect(tag).toBe(`${wholeTag.slice(0, -1)}+issues+ranking"`);
    const part = await json<Record<string, unknown>>(res);
    expect(Object.keys(part).sort()).toEqual(["counts", "dataTimestamp", "issues", "methodology", "period", "previousPeriod", "province", "ranking"]);
    for (const k of Object.keys(part)) expect(part[k], k).toEqual(whole[k]);
    expect((await discard(call(`${P}/2024-12/report?include=issues,ranking`, { key: writer, headers: { "if-none-match": tag } }))).status).toBe(304);
    // The whole report's ETag does not stand for a part, nor a part's for the whole.
    expect((await discard(call(`${P}/2024-12/report?include=issues,ranking`, { key: writer, headers: { "if-none-match": wholeTag } }))).status).toBe(200);
    expect((await discard(call(`${P}/2024-12/report`, { key: writer, headers: { "if-none-match": tag } }))).status).toBe(200);
    // All four parts named: the whole report, under its own ETag.
    const all = await discard(call(`${P}/2024-12/report?include=narrative,appendices,issues,ranking`, { key: writer, headers: { "if-none-match": wholeTag } }));
    expect(all.status).toBe(304);
    const unknown = await call(`${P}/2024-12/report?include=ranking,charts`, { key: writer });
    expect(unknown.status).toBe(400);
    expect((await json<Envelope>(unknown)).error.issues).toEqual([{ path: "query.include", code: "custom", message: 'Không có phần "charts"; include nhận: appendices, issues, ranking, narrative' }]);
  });

  it("rankings as CSV: UTF-8 BOM, RFC 4180, Vietnamese text", async () => {
    const res = await call(`${P}/2024-12/rankings?format=csv`, { key: writer });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("Hạng,Mã đơn vị,Tên đơn vị,Số điểm,Điểm kỳ trước,Tăng/giảm,So với kỳ trước");
    expect(lines[1]).toBe("1,HN.D.TAY_HO,UBND quận Tây Hồ,89,88.08,0.92,Tăng 0.92");
    expect(lines).toHaveLength(32);
  });

  it("appendices as JSON and CSV", async () => {
    const pl3 = await json<{ id: string; rows: unknown[] }>(await call(`${P}/2024-12/appendices/3`, { key: writer }));
    expect(pl3.id).toBe("PL3");
    expect(pl3.rows).toHaveLength(47);
    const csv = await (await call(`${P}/2024-12/appendices/3?format=csv`, { key: writer })).text();
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("STT,Tên đơn vị,Tổng số hồ sơ quá hạn đang xử lý / Xử lý quá hạn (*) / Tổng,Tổng số hồ sơ quá hạn đang xử lý / Xử lý quá hạn (*) / Cấp huyện,Tổng số hồ sơ quá hạn đang xử lý / Xử lý quá hạn (*) / Cấp xã");
    expect(lines[1]).toBe("1,Sở Tư pháp,11212,,");
  });

  it("conditional GET: 304 for the same version, and a new revision changes the report", async () => {
    const first = await discard(call(`${P}/2024-12/report`, { key: writer }));
    const etag = first.headers.get("etag") ?? "";
    const again = await discard(call(`${P}/2024-12/report`, { key: writer, headers: { "if-none-match": etag } }));
    expect(again.status).toBe(304);
    const csvTag = (await discard(call(`${P}/2024-12/rankings?format=csv`, { key: writer }))).headers.get("etag");
    expect(csvTag).not.toBe(etag);
    // Store a corrected December (Tây Hồ 90) as revision 2: the report follows it.
    const units = (december.unitScores ?? []).map((u) => (u.unit === "UBND quận Tây Hồ" ? { ...u, total: "90", statedDelta: "Tăng 1.92" } : u));
    const res = await discard(put("2024-12", { ...december, unitScores: units }, { "if-match": (await discard(call(`${P}/2024-12`, { key: writer }))).headers.get("etag") ?? "" }));
    expect(res.status).toBe(200);
    const after = await call(`${P}/2024-12/report`, { key: writer, headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    const report = await json<{ ranking: { entries: { name: string; total: number; deltaText: string }[] } }>(after);
    expect(report.ranking.entries[0]).toMatchObject({ name: "UBND quận Tây Hồ", total: 90, deltaText: "Tăng 1.92" });
  });

  it("an added alias changes the report's ETag (no stale 304)", async () => {
    const first = await discard(call(`${P}/2024-12/report`, { key: writer }));
    const etag = first.headers.get("etag") ?? "";
    const added = await discard(call("/v1/catalog/aliases", { key: writer, body: { province: "HN", unitId: "HN.D.HOAN_KIEM", alias: "Hoàn Kiếm (cũ)" } }));
    expect(added.status).toBe(201);
    const after = await discard(call(`${P}/2024-12/report`, { key: writer, headers: { "if-none-match": etag } }));
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
  });

  it("rankings as JSON for another level", async () => {
    const body = await json<{ level: string; entries: unknown[] }>(await call(`${P}/2024-12/rankings?level=department`, { key: writer }));
    expect(body.level).toBe("department");
  });
});
