/**
 * Snapshots on a schedule (README "Snapshots on a schedule"): the Cron Trigger (wrangler.toml,
 * `0 1 * * *` = 08:00 Asia/Ho_Chi_Minh) takes the national summary once per period for the whole run and
 * enqueues one message per province that opted in (`province_settings.snapshots`), spaced so the
 * provinces do not ask the portal together. The queue consumer (the same Worker) fetches each period of
 * its province one after another, exactly as a clerk's fetch does (portal-month.ts), and stores a
 * revision with source "schedule" only when the mapped datasets differ from the latest revision taken
 * from the portal (a clerk's fetch or an earlier snapshot; a clerk's own PUT does not count). A failed
 * portal call stores nothing but its fetch log and has the queue deliver the message again, a bounded
 * number of times.
 */
import * as z from "zod/mini";
import type { PutPeriodBody } from "../shared/api-schema";
import { parsePeriod, type Period, periodKey, previousPeriod, VIETNAM_OFFSET_MS } from "../shared";
import { forgetCatalog } from "./catalogs";
import { canonicalDatasets, canonicalJson, latestPortalRevision, readHead, readPeriod, RevisionConflict, writeRevision } from "./db/periods";
import { settledFetchSince } from "./db/portal";
import { snapshotProvinces } from "./db/settings";
import { ApiError } from "./errors";
import { sha256Hex } from "./hash";
import { fetchAndStoreNational } from "./national";
import { fetchPortalPeriod } from "./portal-month";
import { periodSource, REPORTING_2026_FROM_YEAR } from "./portal/sources";

/** Who stored a snapshot (revisions' created_by, the fetch log's fetched_by). */
export const SNAPSHOT_BY = "Lịch tự động";
/** Seconds between two provinces' messages: province i is delivered i × this after the run. */
export const SNAPSHOT_SPACING_SECONDS = 30;
/** Must equal `max_retries` of the consumer in wrangler.toml: the last delivery is attempt 1 + this. */
export const SNAPSHOT_MAX_RETRIES = 3;
/** Queues: at most 100 messages per sendBatch, and a delay of at most 12 hours. */
const SEND_BATCH_MAX = 100;
const MAX_DELAY_SECONDS = 43_200;

export const SnapshotMessageSchema = z.strictObject({
  province: z.string().check(z.minLength(1), z.maxLength(16)),
  periods: z.array(z.string().check(z.minLength(4), z.maxLength(16))).check(z.minLength(1), z.maxLength(4)),
  /** The run's scheduled time (ISO): a retried message skips the periods settled since. */
  runAt: z.string().check(z.minLength(1)),
});
export type SnapshotMessage = z.infer<typeof SnapshotMessageSchema>;

/** The current period (the month of `time` in Vietnam) and the one just ended, as keys. */
export function schedulePeriods(time: number): [string, string] {
  const local = new Date(time + VIETNAM_OFFSET_MS);
  const current: Period = { kind: "month", year: local.getUTCFullYear(), month: local.getUTCMonth() + 1 };
  return [periodKey(current), periodKey(previousPeriod(current))];
}

export interface ScheduleRun {
  readonly runAt: string;
  readonly periods: readonly string[];
  readonly provinces: readonly string[];
  readonly national: readonly { period: string; revision?: number; created?: boolean; error?: string }[];
}

/** Producer side: one national call per period (from 2026), then one message per opted-in province. */
export async function runSchedule(scheduledTime: number, env: Env, queue: Queue<SnapshotMessage> = env.SNAPSHOT_QUEUE as Queue<SnapshotMessage>): Promise<ScheduleRun> {
  const runAt = new Date(scheduledTime).toISOString();
  const periods = schedulePeriods(scheduledTime);
  const provinces = await snapshotProvinces(env.DB);
  const national: ScheduleRun["national"][number][] = [];
  if (provinces.length) {
    for (const period of periods) {
      const parsed = parsePeriod(period) as Period;
      if (parsed.year < REPORTING_2026_FROM_YEAR) continue;
      // Shared by every province of the run; it stores only on change. Its failure is logged, not fatal:
      // the reports then say the national rank is missing.
      try {
        const got = await fetchAndStoreNational(env, period, parsed, SNAPSHOT_BY);
        national.push({ period, revision: got.revision.revision, created: got.created });
      } catch (err) {
        const error = err instanceof ApiError ? err.message : String(err);
        console.error(JSON.stringify({ schedule: runAt, national: period, error }));
        national.push({ period, error });
      }
    }
    const messages = provinces.map((province, i) => ({ body: { province, periods, runAt }, contentType: "json" as const, delaySeconds: Math.min(i * SNAPSHOT_SPACING_SECONDS, MAX_DELAY_SECONDS) }));
    for (let start = 0; start < messages.length; start += SEND_BATCH_MAX) await queue.sendBatch(messages.slice(start, start + SEND_BATCH_MAX));
  }
  const run: ScheduleRun = { runAt, periods, provinces, national };
  console.log(JSON.stringify({ schedule: run }));
  return run;
}

/**
 * The checksum of what the portal said: the datasets' canonical form (as GET answers them, db/periods.ts
 * canonicalDatasets) without the time of capture, so a fresh fetch and a stored revision compare alike
 * even when one has an empty dataset the other leaves out.
 */
export async function contentChecksum(body: PutPeriodBody): Promise<string> {
  const { dataTimestamp: _t, note: _n, ...content } = canonicalDatasets(body);
  return sha256Hex(canonicalJson(content));
}

export type SnapshotStatus = "stored" | "unchanged" | "settled" | "failed" | "conflict" | "skipped";
export interface SnapshotOutcome {
  readonly period: string;
  readonly status: SnapshotStatus;
  readonly revision?: number;
  readonly fetchId?: string;
  readonly error?: string;
}

/** One period of one province: fetch, compare, store on change. Never throws for the portal's failures. */
export async function snapshotPeriod(env: Env, province: string, period: string, runAt: string, retried: boolean): Promise<SnapshotOutcome> {
  const db = env.DB;
  const parsed = parsePeriod(period);
  if (!parsed) return { period, status: "skipped", error: `Kỳ "${period}" không hợp lệ.` };
  const key = periodKey(parsed);
  let source;
  try {
    source = periodSource(env, province, parsed);
  } catch (err) {
    // A province without a portal source (or without the older service's id): no retry helps.
    return { period: key, status: "skipped", error: err instanceof Error ? err.message : String(err) };
  }
  if (retried && (await settledFetchSince(db, province, key, SNAPSHOT_BY, runAt))) return { period: key, status: "settled" };
  let fetched;
  try {
    fetched = await fetchPortalPeriod(db, { province, period: key, parsed, by: SNAPSHOT_BY, source });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { period: key, status: "failed", error: [err.message, ...err.issues.map((i) => `${i.path}: ${i.message}`)].join(" ") };
  }
  const content = await contentChecksum(fetched.body);
  const latest = await latestPortalRevision(db, province, key);
  if (latest !== null) {
    const stored = await readPeriod(db, province, key, latest);
    if (stored && (await contentChecksum(stored.datasets)) === content) {
      await db.batch(await fetched.logStatements(latest));
      return { period: key, status: "unchanged", revision: latest, fetchId: fetched.log.id };
    }
  }
  const head = await readHead(db, province, key);
  const next = (head?.revision ?? 0) + 1;
  const body: PutPeriodBody = { ...fetched.body, note: `Chụp theo lịch từ Cổng DVCQG lúc ${fetched.log.now}` };
  try {
    const written = await writeRevision(db, { province, period: key, expectedRevision: head?.revision ?? null, body, createdBy: SNAPSHOT_BY, now: fetched.log.now, source: "schedule" }, [...fetched.catalogStatements(), ...(await fetched.logStatements(next))]);
    forgetCatalog(province);
    return { period: key, status: "stored", revision: written.revision, fetchId: fetched.log.id };
  } catch (err) {
    if (!(err instanceof RevisionConflict)) throw err;
    // Someone stored a revision between our read of the head and our write: keep the log, try again later.
    await db.batch(await fetched.logStatements(null));
    return { period: key, status: "conflict", fetchId: fetched.log.id, error: "Một bản khác vừa được lưu cùng lúc; thử lại sau." };
  }
}

/**
 * Consumer side: per message, the periods one after another (never in parallel within a province).
 * A failed fetch or a lost race → `retry()` (the queue's retry_delay, at most SNAPSHOT_MAX_RETRIES
 * times); on the last attempt the message is acked and the failure logged. Every fetch is in the log.
 */
export async function consumeSnapshot(message: Message<unknown>, env: Env): Promise<SnapshotOutcome[]> {
  const parsed = SnapshotMessageSchema.safeParse(message.body);
  if (!parsed.success) {
    console.error(JSON.stringify({ snapshot: "malformed message", id: message.id, body: message.body }));
    message.ack();
    return [];
  }
  const { province, periods, runAt } = parsed.data;
  const outcomes: SnapshotOutcome[] = [];
  for (const period of periods) outcomes.push(await snapshotPeriod(env, province, period, runAt, message.attempts > 1));
  const again = outcomes.filter((o) => o.status === "failed" || o.status === "conflict");
  const record = { snapshot: province, runAt, attempt: message.attempts, outcomes };
  if (!again.length) {
    console.log(JSON.stringify(record));
    message.ack();
  } else if (message.attempts > SNAPSHOT_MAX_RETRIES) {
    console.error(JSON.stringify({ ...record, gaveUp: true }));
    message.ack();
  } else {
    console.warn(JSON.stringify({ ...record, retry: true }));
    message.retry();
  }
  return outcomes;
}

export async function consumeSnapshots(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const message of batch.messages) await consumeSnapshot(message, env);
}
