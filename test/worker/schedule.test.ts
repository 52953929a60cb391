/**
 * Snapshots on a schedule, in workerd with real D1: the Worker's `scheduled` and `queue` handlers are
 * called directly (worker/index.ts), the scheduled one with a recording queue in place of the
 * SNAPSHOT_QUEUE binding (the local queue would consume in the background), the consumer with batches
 * from `createMessageBatch` and its acks/retries read with `getQueueResult`. The portal is the stub
 * (test/portal-stub.ts): the recorded Phú Thọ answers for the 2026 API, answers registered per province
 * id for the older service (periods before 2026). The test provinces SX–SZ are added to PORTAL_SOURCES
 * here, so their portal calls and fetch logs are this file's own.
 */
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import entry from "../../worker/index";
import { portalCacheKey } from "../../worker/portal-month";
import { schedulePeriods, SNAPSHOT_BY, SNAPSHOT_MAX_RETRIES, SNAPSHOT_SPACING_SECONDS, type SnapshotMessage } from "../../worker/schedule";
import { call, json, makeKey, type Envelope } from "./helpers";

/** The Worker's handlers as the runtime calls them (controller or batch, env, ctx). */
const worker = entry as Required<Pick<ExportedHandler<Env>, "scheduled" | "queue">>;
const PT_ROOT = "019d2be3-6a88-732b-8b17-b68020c8553a";
const EXTRA_SOURCES = {
  SX: { rootDepartmentId: PT_ROOT, provinceName: "Tỉnh Thử Lịch X", legacyProvinceId: "stub-766-SX" },
  SY: { rootDepartmentId: PT_ROOT, provinceName: "Tỉnh Thử Lịch Y", legacyProvinceId: "stub-766-SY" },
  SZ: { rootDepartmentId: "stub-429", provinceName: "Tỉnh Thử Lịch Z", legacyProvinceId: "stub-766-SZ" },
};
const testEnv = (queue?: Queue): Env => ({ ...env, PORTAL_SOURCES: JSON.stringify({ ...(JSON.parse(env.PORTAL_SOURCES) as object), ...EXTRA_SOURCES }), ...(queue ? { SNAPSHOT_QUEUE: queue } : {}) });

/** A queue binding that only records what is sent. */
function recordingQueue() {
  const sent: { body: SnapshotMessage; delaySeconds?: number }[] = [];
  const queue = {
    send: async (body: SnapshotMessage, o: { delaySeconds?: number } = {}) => void sent.push({ body, ...o }),
    sendBatch: async (messages: Iterable<{ body: SnapshotMessage; delaySeconds?: number }>) => void sent.push(...messages),
  };
  return { queue: queue as unknown as Queue, sent };
}

async function cronRun(time: number) {
  const { queue, sent } = recordingQueue();
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: time, cron: "0 1 * * *" }), testEnv(queue), ctx);
  return sent;
}

let n = 0;
/** One delivery of a message to the consumer; what it acked and retried. */
async function deliver(body: SnapshotMessage, attempts = 1) {
  n += 1;
  const batch = createMessageBatch<SnapshotMessage>("chiso766-snapshots", [{ id: `m${n}`, timestamp: new Date(), attempts, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch, testEnv(), ctx);
  const result = await getQueueResult(batch, ctx);
  return { acked: result.explicitAcks.includes(`m${n}`), retried: result.retryMessages.some((m: { msgId: string }) => m.msgId === `m${n}`) };
}

/** Rows as the older service lists units: every value a string; `shift` moves the first unit's scores. */
function legacyRows(shift = 0): Record<string, string>[] {
  const units = ["Sở Tư pháp - tỉnh Thử", "UBND xã Một - tỉnh Thử", "UBND phường Hai - tỉnh Thử"];
  return units.map((name, i) => {
    const g = { CKMB: 15 + i + (i === 0 ? shift : 0), TDGQ: 16, CLGQ: 8, TTTT: 7, MDHL: 14, MDSH: 17 };
    const total = Object.values(g).reduce((a, b) => a + b, 0);
    const id = String(910_000 + i);
    return {
      ID: id, TEN: name, TEN_COQUAN: name, MA_COQUAN: `H98.${i + 1}`, LOAI_COQUAN: i === 0 ? "2" : "3", CAPDONVIID: i === 0 ? "1" : "2", ID_COQUAN: id,
      TDGQ: String(g.TDGQ), MDHL: String(g.MDHL), MDSH: String(g.MDSH), TTTT: String(g.TTTT), CLGQ: String(g.CLGQ), CKMB: String(g.CKMB), TONG_SCORE: String(total), ROW_STT: String(i + 1),
    };
  });
}
const rowsAnswer = (rows: unknown) => ({ status: 200, contentType: "application/json", body: JSON.stringify(rows) });
const FIREWALL = { status: 200, contentType: "text/html", body: "<html><body>Request Rejected</body></html>" };
async function register(id: string, answers: { status: number; contentType: string; body: string }[]): Promise<void> {
  expect((await fetch(`http://portal.stub/__766/${encodeURIComponent(id)}`, { method: "PUT", body: JSON.stringify(answers) })).status).toBe(204);
}
const portalCalls = async () => (await (await fetch("http://portal.stub/__calls")).json()) as Record<string, number>;
/** Forget the Cache API's copy of a month, so the next fetch really asks the (stub) portal. */
async function coldCache(id: string, period: string, legacy = false): Promise<void> {
  const base = legacy ? new URL("/jsp/rest.jsp", env.PORTAL_BASE_URL).href : env.PORTAL_BASE_URL;
  await caches.default.delete(portalCacheKey(id, period, base, legacy ? "portal-766" : "portal-2026"));
}
const revisions = (province: string, period: string) =>
  env.DB.prepare("SELECT revision, source, created_by, checksum FROM period_revisions WHERE province = ?1 AND period = ?2 ORDER BY revision").bind(province, period).all<{ revision: number; source: string; created_by: string; checksum: string }>();
const fetchLog = (province: string, period: string) =>
  env.DB.prepare("SELECT id, complete, revision, results, fetched_by FROM portal_fetches WHERE province = ?1 AND period = ?2 ORDER BY fetched_at, rowid").bind(province, period).all<{ id: string; complete: number; revision: number | null; results: string; fetched_by: string }>();
const nationalCalls = (period: string) => env.DB.prepare("SELECT COUNT(*) AS n FROM portal_fetches WHERE province = 'VN' AND period = ?1 AND fetched_by = ?2").bind(period, SNAPSHOT_BY).first<{ n: number }>();

let admin = "";
beforeAll(async () => {
  admin = await makeKey("*", "read,write");
});
const putSettings = (province: string, body: unknown, key = admin) => call(`/v1/provinces/${province}/settings`, { method: "PUT", key, body });

describe("the periods of a run", () => {
  it("are the month of the scheduled time in Vietnam (UTC+7) and the one just ended", () => {
    expect(schedulePeriods(Date.UTC(2026, 8, 15, 1, 0))).toEqual(["2026-09", "2026-08"]);
    // 17:30 UTC on 31 August is already 1 September in Hà Nội.
    expect(schedulePeriods(Date.UTC(2026, 7, 31, 17, 30))).toEqual(["2026-09", "2026-08"]);
    expect(schedulePeriods(Date.UTC(2026, 7, 31, 16, 59))).toEqual(["2026-08", "2026-07"]);
    expect(schedulePeriods(Date.UTC(2026, 0, 1, 1, 0))).toEqual(["2026-01", "2025-12"]);
  });
});

describe("the cron run (producer)", () => {
  it("with no province opted in sends nothing and asks the portal nothing", async () => {
    const sent = await cronRun(Date.UTC(2027, 2, 1, 1, 0));
    expect(sent).toEqual([]);
    expect((await nationalCalls("2027-03"))?.n).toBe(0);
  });

  it("enqueues each opted-in province once, spaced, and no other; one national call per period for the whole run", async () => {
    for (const p of ["PT", "QH", "QJ", "HN"]) expect((await putSettings(p, { snapshots: true })).status).toBe(200);
    // Opted out again, and a province that only made its figures public: neither is enqueued.
    expect((await putSettings("HN", { snapshots: false })).status).toBe(200);
    expect((await putSettings("QA", { snapshots: false, publicRead: true })).status).toBe(200);
    const time = Date.UTC(2026, 8, 30, 18, 0); // 1 October 2026, 01:00 in Hà Nội
    const sent = await cronRun(time);
    expect(sent.map((m) => m.body.province)).toEqual(["PT", "QH", "QJ"]);
    expect(sent.map((m) => m.delaySeconds)).toEqual([0, SNAPSHOT_SPACING_SECONDS, 2 * SNAPSHOT_SPACING_SECONDS]);
    for (const m of sent) expect(m.body).toEqual({ province: m.body.province, periods: ["2026-10", "2026-09"], runAt: new Date(time).toISOString() });
    // The national summary: one call per period, shared by the three provinces; stored once each.
    expect((await nationalCalls("2026-10"))?.n).toBe(1);
    expect((await nationalCalls("2026-09"))?.n).toBe(1);
    const national = await env.DB.prepare("SELECT period, created_by FROM national_revisions WHERE period IN ('2026-09', '2026-10') ORDER BY period").all<{ period: string; created_by: string }>();
    expect(national.results).toEqual([{ period: "2026-09", created_by: SNAPSHOT_BY }, { period: "2026-10", created_by: SNAPSHOT_BY }]);
  });

  it("a January run asks the national summary for January only (none exists before 2026); the next day's run again once per period", async () => {
    const sent = await cronRun(Date.UTC(2026, 0, 2, 1, 0));
    expect(sent.map((m) => m.body.periods)).toEqual([["2026-01", "2025-12"], ["2026-01", "2025-12"], ["2026-01", "2025-12"]]);
    expect((await nationalCalls("2026-01"))?.n).toBe(1);
    expect((await nationalCalls("2025-12"))?.n).toBe(0);
    await cronRun(Date.UTC(2026, 0, 3, 1, 0));
    expect((await nationalCalls("2026-01"))?.n).toBe(2);
    // The same summary the next day: logged, but no second revision.
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM national_revisions WHERE period = '2026-01'").first<{ n: number }>())?.n).toBe(1);
  });

  it("a failed national call is logged and the provinces are still enqueued", async () => {
    await fetch("http://portal.stub/__national/2027-05", { method: "PUT", body: JSON.stringify([{ status: 404, contentType: "application/json", body: '{"code":"NOT_FOUND"}' }]) });
    const sent = await cronRun(Date.UTC(2027, 4, 10, 1, 0));
    expect(sent).toHaveLength(3);
    const [log] = (await fetchLog("VN", "2027-05")).results;
    expect(log).toMatchObject({ complete: 0, revision: null, fetched_by: SNAPSHOT_BY });
  });
});

describe("the consumer: a snapshot only on change", () => {
  const message: SnapshotMessage = { province: "SX", periods: ["2026-01", "2025-12"], runAt: "2026-01-02T01:00:00.000Z" };

  it("stores each period as a 'schedule' revision, the 2026 month in six portal calls and the older one in one", async () => {
    await register("stub-766-SX", [rowsAnswer(legacyRows())]);
    await coldCache(PT_ROOT, "2026-01");
    const before = (await portalCalls())["stub-766-SX"] ?? 0;
    expect(await deliver(message)).toEqual({ acked: true, retried: false });
    for (const period of message.periods) expect((await revisions("SX", period)).results).toMatchObject([{ revision: 1, source: "schedule", created_by: SNAPSHOT_BY }]);
    const [log] = (await fetchLog("SX", "2026-01")).results;
    const criteria = JSON.parse(log?.results ?? "[]") as { attempts: number; pages: number }[];
    expect(criteria).toHaveLength(6);
    expect(criteria.reduce((s, c) => s + c.attempts * c.pages, 0)).toBe(6);
    expect(((await portalCalls())["stub-766-SX"] ?? 0) - before).toBe(1);
    // It reads like any stored month: the revision list names the schedule and the time of capture.
    const list = await json<{ revisions: { source: string; createdBy: string; capturedAt: string }[] }>(await call("/v1/provinces/SX/periods/2025-12/revisions", { key: admin }));
    expect(list.revisions).toEqual([expect.objectContaining({ source: "schedule", createdBy: SNAPSHOT_BY, capturedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })]);
  });

  it("the same answers again store nothing new; the fetch is logged against the revision it equals, its raw bodies not stored twice", async () => {
    await coldCache(PT_ROOT, "2026-01");
    await coldCache("stub-766-SX", "2025-12", true);
    const bodiesBefore = (await env.DB.prepare("SELECT COUNT(*) AS n FROM portal_bodies").first<{ n: number }>())?.n ?? 0;
    expect(await deliver({ ...message, runAt: "2026-01-03T01:00:00.000Z" })).toEqual({ acked: true, retried: false });
    for (const period of message.periods) {
      expect((await revisions("SX", period)).results).toHaveLength(1);
      expect((await fetchLog("SX", period)).results.map((l) => [l.complete, l.revision])).toEqual([[1, 1], [1, 1]]);
    }
    // Seven answers (six criteria + the older service) referenced twice, stored once.
    const ids = (await fetchLog("SX", "2026-01")).results.map((l) => l.id);
    const refs = await env.DB.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT body_checksum) AS bodies FROM portal_answers WHERE fetch_id IN (?1, ?2)").bind(ids[0], ids[1]).first<{ n: number; bodies: number }>();
    expect(refs).toEqual({ n: 12, bodies: 6 });
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM portal_bodies").first<{ n: number }>())?.n).toBe(bodiesBefore);
    // portal_raw still reads every answer whole.
    const raw = await env.DB.prepare("SELECT criterion, body FROM portal_raw WHERE fetch_id = ?1 ORDER BY criterion").bind(ids[1]).all<{ criterion: string; body: string }>();
    expect(raw.results).toHaveLength(6);
    expect((JSON.parse(raw.results[0]?.body ?? "{}") as { code: string }).code).toBe("OK");
  });

  it("a changed answer is a second revision of that period only", async () => {
    await register("stub-766-SX", [rowsAnswer(legacyRows(2))]);
    await coldCache("stub-766-SX", "2025-12", true);
    expect(await deliver({ ...message, runAt: "2026-01-04T01:00:00.000Z" })).toEqual({ acked: true, retried: false });
    expect((await revisions("SX", "2025-12")).results.map((r) => [r.revision, r.source])).toEqual([[1, "schedule"], [2, "schedule"]]);
    expect((await revisions("SX", "2026-01")).results).toHaveLength(1);
    const stored = await json<{ datasets: { unitScores: { unit: string; groups: Record<string, number> }[] } }>(await call("/v1/provinces/SX/periods/2025-12", { key: admin }));
    expect(stored.datasets.unitScores[0]?.groups["CKMB"]).toBe(17);
  });

  it("a snapshot's report says when it was taken in Vietnam time (08:00 in Hà Nội, not the UTC 01:00 it was stored at)", async () => {
    const list = await json<{ revisions: { revision: number; createdAt: string }[] }>(await call("/v1/provinces/SX/periods/2025-12/revisions", { key: admin }));
    const head = list.revisions[0];
    const report = await json<{ narrative: { timestamp: string | null } }>(await call("/v1/provinces/SX/periods/2025-12/report", { key: admin }));
    // Computed here without the product's helpers: the capture time plus seven hours.
    const vn = new Date(Date.parse(head?.createdAt ?? "") + 7 * 3_600_000);
    const two = (n: number) => String(n).padStart(2, "0");
    const printed = `${vn.getUTCHours()}h${two(vn.getUTCMinutes())}' ngày ${two(vn.getUTCDate())}/${two(vn.getUTCMonth() + 1)}/${vn.getUTCFullYear()}`;
    expect(report.narrative.timestamp).toBe(`Số liệu được tính tại thời điểm ${printed}. Số liệu này có thể thay đổi theo thời gian.`);
  });

  it("a clerk's own save does not count: the next snapshot compares with the portal's latest and keeps the clerk's head", async () => {
    const head = await call("/v1/provinces/SX/periods/2025-12", { key: admin });
    const etag = head.headers.get("etag") ?? "";
    await head.body?.cancel();
    const put = await call("/v1/provinces/SX/periods/2025-12", { method: "PUT", key: admin, headers: { "if-match": etag }, body: { unitScores: [{ unit: "Sở Tư pháp - tỉnh Thử", groups: { CKMB: 1, TDGQ: 1, CLGQ: 1, TTTT: 1, MDHL: 1, MDSH: 1 } }] } });
    expect(put.status).toBe(200);
    await put.body?.cancel();
    await coldCache("stub-766-SX", "2025-12", true);
    expect(await deliver({ ...message, runAt: "2026-01-05T01:00:00.000Z" })).toEqual({ acked: true, retried: false });
    expect((await revisions("SX", "2025-12")).results.map((r) => r.source)).toEqual(["schedule", "schedule", "put"]);
  });
});

describe("the consumer: the portal changed after a clerk's save", () => {
  it("the snapshot becomes the head on top of the clerk's revision, which stays readable; the clerk's next save with the old ETag is a 409 naming the new head", async () => {
    const message: SnapshotMessage = { province: "SX", periods: ["2025-12"], runAt: "2026-01-06T01:00:00.000Z" };
    const before = (await revisions("SX", "2025-12")).results.map((r) => [r.revision, r.source]);
    const clerksRevision = before[before.length - 1]?.[0] as number;
    const clerksEtag = (await env.DB.prepare("SELECT etag FROM period_revisions WHERE province = 'SX' AND period = '2025-12' AND revision = ?1").bind(clerksRevision).first<{ etag: string }>())?.etag ?? "";
    await register("stub-766-SX", [rowsAnswer(legacyRows(3))]);
    await coldCache("stub-766-SX", "2025-12", true);
    expect(await deliver(message)).toEqual({ acked: true, retried: false });
    const after = (await revisions("SX", "2025-12")).results.map((r) => [r.revision, r.source]);
    expect(before[before.length - 1]?.[1]).toBe("put");
    expect(after).toEqual([...before, [clerksRevision + 1, "schedule"]]);
    const kept = await call(`/v1/provinces/SX/periods/2025-12?revision=${clerksRevision}`, { key: admin });
    expect(kept.status).toBe(200);
    expect((await json<{ source: string }>(kept)).source).toBe("put");
    const stale = await call("/v1/provinces/SX/periods/2025-12", { method: "PUT", key: admin, headers: { "if-match": clerksEtag }, body: { unitScores: [{ unit: "Sở Tư pháp - tỉnh Thử", total: 50 }] } });
    expect(stale.status).toBe(409);
    const head = await env.DB.prepare("SELECT etag FROM period_heads WHERE province = 'SX' AND period = '2025-12'").first<{ etag: string }>();
    expect(stale.headers.get("etag")).toBe(head?.etag);
    await stale.body?.cancel();
  });
});

describe("the consumer: a failed portal call", () => {
  const periods = ["2026-01", "2025-12"];

  it("keeps the last snapshot as it is, logs the failure and has the queue retry; a retry asks only for what failed", async () => {
    await register("stub-766-SY", [rowsAnswer(legacyRows())]);
    expect(await deliver({ province: "SY", periods, runAt: new Date().toISOString() })).toEqual({ acked: true, retried: false });
    // The next day's run (runAt: the scheduled time, before its messages are delivered).
    const message: SnapshotMessage = { province: "SY", periods, runAt: new Date().toISOString() };
    const before = (await revisions("SY", "2025-12")).results;
    expect(before).toHaveLength(1);

    await register("stub-766-SY", [FIREWALL]);
    await coldCache("stub-766-SY", "2025-12", true);
    await coldCache(PT_ROOT, "2026-01");
    expect(await deliver(message, 1)).toEqual({ acked: false, retried: true });
    expect((await revisions("SY", "2025-12")).results).toEqual(before);
    const log = (await fetchLog("SY", "2025-12")).results;
    expect(log.at(-1)).toMatchObject({ complete: 0, revision: null });
    const logged2026 = (await fetchLog("SY", "2026-01")).results.length;

    // The retry (attempt 2): January was settled in this run and is not asked again; December still fails.
    expect(await deliver(message, 2)).toEqual({ acked: false, retried: true });
    expect((await fetchLog("SY", "2026-01")).results).toHaveLength(logged2026);
    expect((await fetchLog("SY", "2025-12")).results).toHaveLength(log.length + 1);

    // The last attempt (1 + max_retries): acked and logged, never retried for ever; still nothing replaced.
    expect(await deliver(message, 1 + SNAPSHOT_MAX_RETRIES)).toEqual({ acked: true, retried: false });
    expect((await revisions("SY", "2025-12")).results).toEqual(before);

    // The portal answers again: the next delivery stores the period.
    await register("stub-766-SY", [rowsAnswer(legacyRows(3))]);
    expect(await deliver(message, 3)).toEqual({ acked: true, retried: false });
    expect((await revisions("SY", "2025-12")).results).toHaveLength(2);
  });

  it("a 2026 month the portal refuses (429) stores nothing and is retried", async () => {
    await coldCache("stub-429", "2026-01");
    expect(await deliver({ province: "SZ", periods: ["2026-01"], runAt: "2026-01-06T01:00:00.000Z" })).toEqual({ acked: false, retried: true });
    expect((await revisions("SZ", "2026-01")).results).toEqual([]);
    expect((await fetchLog("SZ", "2026-01")).results.map((l) => l.complete)).toEqual([0]);
  });

  it("a province the portal does not know is acked (no retry helps) and a malformed message too", async () => {
    expect(await deliver({ province: "ZZ", periods: ["2026-01"], runAt: "2026-01-06T01:00:00.000Z" })).toEqual({ acked: true, retried: false });
    expect(await deliver({ province: "SX" } as SnapshotMessage)).toEqual({ acked: true, retried: false });
  });
});

describe("GET/PUT /v1/provinces/{province}/settings", () => {
  it("needs a key: 401 without, 403 for another province's key or a read-only key on PUT", async () => {
    expect((await json<Envelope>(await call("/v1/provinces/HN/settings"))).error.code).toBe("UNAUTHORIZED");
    const other = await makeKey("PT", "read,write");
    const res = await call("/v1/provinces/HN/settings", { key: other });
    expect(res.status).toBe(403);
    expect((await json<Envelope>(res)).error.message).toBe("Khóa truy cập này chỉ dùng cho tỉnh, thành phố PT.");
    const reader = await makeKey("HN", "read");
    expect((await call("/v1/provinces/HN/settings", { key: reader })).status).toBe(200);
    const refused = await putSettings("HN", { snapshots: true }, reader);
    expect(refused.status).toBe(403);
    expect((await json<Envelope>(refused)).error.message).toBe("Khóa truy cập này chỉ được đọc, không được ghi.");
    expect((await putSettings("HN", { snapshots: true })).status).toBe(200);
  });

  it("validates the body with Vietnamese messages naming the JSON path", async () => {
    const writer = await makeKey("HN", "read,write");
    const wrongType = await json<Envelope>(await putSettings("HN", { snapshots: "có" }, writer));
    expect(wrongType.error.code).toBe("VALIDATION_FAILED");
    expect(wrongType.error.issues).toEqual([{ path: "body.snapshots", code: "invalid_type", message: "Sai kiểu dữ liệu (cần boolean)" }]);
    const extra = await json<Envelope>(await putSettings("HN", { snapshots: true, hour: 9 }, writer));
    expect(extra.error.issues.map((i) => i.message)).toEqual(["Trường không được hỗ trợ: hour"]);
    const unknown = await call("/v1/provinces/ZZ/settings", { method: "PUT", key: admin, body: { snapshots: true } });
    expect(unknown.status).toBe(404);
    expect((await json<Envelope>(unknown)).error.message).toMatch(/^Không có tỉnh, thành phố "ZZ" trong danh mục 34 tỉnh, thành phố\./);
  });

  it("stores and reads back; publicRead changes only with an administrator's key and is kept when left out; the OpenAPI document lists the path", async () => {
    const writer = await makeKey("HN", "read,write");
    // A province's write key sets snapshots; making its months public is the administrator's ("*") call.
    const before = await json<{ snapshots: boolean; publicRead: boolean }>(await call("/v1/provinces/HN/settings", { key: writer }));
    expect(before.publicRead).toBe(false);
    const refused = await putSettings("HN", { snapshots: !before.snapshots, publicRead: true }, writer);
    expect(refused.status).toBe(403);
    expect((await json<Envelope>(refused)).error.issues[0]?.path).toBe("body.publicRead");
    // Refused whole: not even the snapshots part was stored.
    expect(await json(await call("/v1/provinces/HN/settings", { key: writer }))).toEqual(before);
    expect(await json(await putSettings("HN", { snapshots: true, publicRead: true }, admin))).toEqual({ snapshots: true, publicRead: true });
    // Sent unchanged, publicRead is no change: the province's own key may send what it read.
    expect(await json(await putSettings("HN", { snapshots: true, publicRead: true }, writer))).toEqual({ snapshots: true, publicRead: true });
    expect(await json(await putSettings("HN", { snapshots: false }, writer))).toEqual({ snapshots: false, publicRead: true });
    expect(await json(await call("/v1/provinces/HN/settings", { key: writer }))).toEqual({ snapshots: false, publicRead: true });
    const doc = await json<{ paths: Record<string, { get?: unknown; put?: unknown }> }>(await call("/openapi.json"));
    expect(doc.paths["/v1/provinces/{province}/settings"]?.put).toBeDefined();
  });
});
