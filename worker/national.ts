/**
 * Fetching a period's national summary and storing it when it changed — used by the national fetch
 * route and by a province's fetch (which also takes the national summary when none is stored yet).
 */
import type { NationalSummary, Period } from "../shared";
import { readNational, type NationalRevision, nationalRevisionStatement, NATIONAL_SCOPE } from "./db/national";
import { fetchLogStatements } from "./db/portal";
import { ApiError } from "./errors";
import { sha256Hex } from "./hash";
import type { RoundClock } from "./portal/client";
import { fetchNational, type NationalFetch } from "./portal/national";
import { portalTimeout, REPORTING_2026_FROM_YEAR } from "./portal/sources";
import type { Db } from "./db/session";
import type { Bindings } from "./env";

async function canonicalChecksum(summary: NationalSummary): Promise<string> {
  return sha256Hex(JSON.stringify(summary));
}

function logStatements(db: Db, id: string, period: string, by: string, now: string, got: NationalFetch, revision: number | null): Promise<D1PreparedStatement[]> {
  const results = [{ criterion: got.request.criterion, ok: got.error === null, attempts: got.attempts, ...(got.error ? { status: got.status, error: got.error } : {}) }];
  const raw = got.raw === undefined ? [] : [{ criterion: got.request.criterion, page: 1, request: got.request, body: got.raw }];
  return fetchLogStatements(db, { id, province: NATIONAL_SCOPE, period, fetchedAt: now, fetchedBy: by, complete: got.error === null, revision, results, raw });
}

/**
 * Fetch a period's summary and store it when it changed: the revision stored (new or unchanged), or
 * an ApiError (502) when the portal failed — its raw answer is logged either way.
 */
export async function fetchAndStoreNational(env: Bindings, period: string, parsed: Period, by: string, round?: RoundClock): Promise<{ revision: NationalRevision; created: boolean; fetchId: string }> {
  if (parsed.year < REPORTING_2026_FROM_YEAR) throw new ApiError("VALIDATION_FAILED", `Cổng chỉ có bảng tổng hợp toàn quốc từ năm ${REPORTING_2026_FROM_YEAR}; kỳ ${period} giữ thứ hạng ghi trong văn bản.`);
  const db = env.DB;
  const timeoutMs = portalTimeout(env);
  const got = await fetchNational(parsed, { ...(env.PORTAL_BASE_URL ? { baseUrl: env.PORTAL_BASE_URL } : {}), ...(timeoutMs ? { timeoutMs } : {}), ...(round ? { round } : {}) });
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  if (!got.summary) {
    await db.batch(await logStatements(db, id, period, by, now, got, null));
    throw new ApiError("UPSTREAM_FAILED", `Không lấy được bảng tổng hợp toàn quốc kỳ ${period}: ${got.error ?? "Cổng không trả lời."} Bảng đã lưu (nếu có) được giữ nguyên.`, [{ path: got.request.criterion, code: got.status === null ? "NO_ANSWER" : `HTTP_${got.status}`, message: got.error ?? "" }], got.stoppedBy ? { "Retry-After": "300" } : {});
  }
  const head = await readNational(db, period);
  const checksum = await canonicalChecksum(got.summary);
  if (head && head.checksum === checksum) {
    await db.batch(await logStatements(db, id, period, by, now, got, head.revision));
    return { revision: head, created: false, fetchId: id };
  }
  const number = (head?.revision ?? 0) + 1;
  const revision: NationalRevision = { period, revision: number, etag: `"n${number}-${checksum.slice(0, 16)}"`, checksum, createdAt: now, createdBy: by, fetchId: id, summary: got.summary };
  try {
    await db.batch([...(await logStatements(db, id, period, by, now, got, number)), nationalRevisionStatement(db, revision)]);
  } catch (err) {
    // Another fetch stored this revision number first: theirs is the summary now.
    const current = await readNational(db, period);
    if (!current || current.revision < number) throw err;
    return { revision: current, created: false, fetchId: id };
  }
  return { revision, created: true, fetchId: id };
}

