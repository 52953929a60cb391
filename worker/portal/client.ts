/**
 * Client of the national portal's 2026 reporting API (portal-api.md §1), polite by construction:
 * one request at a time, 10 s per call, bounded retries with exponential backoff and jitter on network
 * errors and 5xx only, and a full stop on 403/429 (the portal is a public service). A dead portal is
 * found fast: a connection failure or time-out before the portal has answered anything in the round
 * is not retried and stops the round (the other criteria would not answer either), and the whole
 * round is bounded by a deadline (PORTAL_ROUND_MS, 20 s). Every answer is
 * kept raw with the request that produced it; a month is complete only when all six criteria arrived
 * and passed the shape check. `fetch` and `sleep` are injected, so the policy is tested without a network.
 */
import { type Period, periodEnd, periodStart, PORTAL_2026_CRITERIA, type Portal2026Criterion } from "../../shared";
import { PORTAL_ROUND_MS } from "../../shared/api-schema";

export const PORTAL_BASE = "https://dichvucong.gov.vn/api/v1/reporting/evaluation";

/** Per try: the portal's slowest recorded answers take about 3 s. */
export const PORTAL_TIMEOUT_MS = 10_000;
/**
 * One round (a month's six criteria, or one request of the older service or the national summary)
 * never takes longer: requests, retries and their waits all end by then (shared with the add-in,
 * whose own time limit for a fetch is this plus the time to store and build the report).
 */
export { PORTAL_ROUND_MS };

/**
 * Cloudflare's own answers for an origin it could not reach (521 down, 522/524 timed out, 523
 * unreachable, 530 DNS): the same as a failed connection, not a busy server.
 */
const UNREACHABLE_STATUS = new Set([521, 522, 523, 524, 530]);

/** A round's end time and its clock, made once per round and passed to every call of the round. */
export interface RoundClock {
  readonly now: () => number;
  /** Epoch ms (of `now`) by which the round ends. */
  readonly deadline: number;
  /** The round's length, for messages. */
  readonly ms: number;
}

export function roundClock(options: Pick<PortalClientOptions, "now" | "roundMs"> = {}): RoundClock {
  const now = options.now ?? Date.now;
  const ms = options.roundMs ?? PORTAL_ROUND_MS;
  return { now, deadline: now() + ms, ms };
}

export interface PortalClientOptions {
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly timeoutMs?: number;
  /** Retries after the first try, for network errors, time-outs and 5xx. */
  readonly retries?: number;
  readonly backoffMs?: number;
  /** 0..1, for the jitter added to each backoff. */
  readonly random?: () => number;
  /** Called as each criterion (or the older service's one request) is settled, for progress shown to the clerk. */
  readonly onCriterion?: (result: CriterionResult<string>, index: number, of: number) => void;
  /** The round's length (default PORTAL_ROUND_MS); a caller sharing one round across calls passes `round`. */
  readonly roundMs?: number;
  /** The round this call belongs to (its deadline); made from `roundMs` when absent. */
  readonly round?: RoundClock;
  readonly now?: () => number;
}

export interface PortalRequest<C extends string = Portal2026Criterion> {
  readonly criterion: C;
  readonly url: string;
  /** The JSON body (2026 API) or the `params` object of the form-encoded body (766 service). */
  readonly body: Readonly<Record<string, unknown>>;
}

/** One criterion (2026 API) or one service (766) of a fetch: raw answers kept with their requests. */
export type CriterionResult<C extends string = Portal2026Criterion> =
  | { readonly criterion: C; readonly ok: true; readonly requests: readonly PortalRequest<C>[]; readonly raw: readonly unknown[]; readonly attempts: number }
  | { readonly criterion: C; readonly ok: false; readonly requests: readonly PortalRequest<C>[]; readonly raw: readonly unknown[]; readonly attempts: number; readonly status: number | null; readonly error: string };

/** What both portal interfaces return for one period. */
export interface MonthFetch<C extends string = Portal2026Criterion> {
  readonly results: readonly CriterionResult<C>[];
  /** Every criterion answered and passed the shape check. */
  readonly complete: boolean;
  /** 403 or 429: the portal asked us to stop; later criteria were not requested. */
  readonly stoppedBy: 403 | 429 | null;
  /** The portal could not be reached (connection failed, time-out, the round's deadline): later criteria were not requested. */
  readonly unreachable?: boolean;
}

/** The request body of one criterion for a period and a province's root department. */
export function requestBody(criterion: Portal2026Criterion, period: Period, rootDepartmentId: string, page = 1): Record<string, unknown> {
  const paging = { rootDepartmentId, currentPage: page, pageSize: criterion === "dvc-progress-tree" ? 100 : 200 };
  if (criterion === "handling-satisfaction") return { fromDate: periodStart(period), toDate: periodEnd(period), ...paging };
  if (period.kind === "month") return { timeType: "month", year: period.year, month: period.month, ...paging };
  if (period.kind === "quarter") return { timeType: "quarter", year: period.year, quarter: period.quarter, ...paging };
  return { timeType: "year", year: period.year, ...paging };
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Shape check of one answer: what the mapping relies on is there (null stays allowed). Vietnamese. */
export function checkAnswer(criterion: Portal2026Criterion, raw: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(raw)) return ["câu trả lời không phải JSON đối tượng"];
  if (raw["code"] !== "OK") problems.push(`mã trả về "${String(raw["code"])}" khác "OK"`);
  const data = raw["data"];
  if (!isObj(data)) return [...problems, "thiếu trường data"];
  const treeShape = criterion.endsWith("-tree");
  const head = treeShape ? data["parent"] : data["overview"];
  const list = treeShape ? data["children"] : data["evaluation"];
  if (!isObj(head)) problems.push(`thiếu trường data.${treeShape ? "parent" : "overview"}`);
  if (!Array.isArray(list)) return [...problems, `thiếu danh sách data.${treeShape ? "children" : "evaluation"}`];
  const need: Partial<Record<Portal2026Criterion, string[]>> = {
    "dvc-progress-tree": ["totalReceived", "totalOnTime"],
    "formality-online-payment-tree": ["totalDossierOnlinePaymentSuccess", "totalDossierFinancialObligation", "totalFeeFormality"],
  };
  [head, ...list].forEach((row, i) => {
    const where = i === 0 ? "dòng tỉnh" : `dòng ${i}`;
    if (!isObj(row)) {
      problems.push(`${where} không phải đối tượng`);
      return;
    }
    if (typeof row["departmentId"] !== "string") problems.push(`${where}: thiếu departmentId`);
    if (!treeShape && !Array.isArray(row["metrics"])) problems.push(`${where}: thiếu metrics`);
    for (const field of need[criterion] ?? []) if (!(field in row)) problems.push(`${where}: thiếu trường ${field}`);
  });
  return problems.slice(0, 10);
}

const STOP = new Set([403, 429]);

export interface CallOutcome {
  /** The parsed JSON answer, when one arrived. */
  readonly answer?: unknown;
  /** A body that arrived but is not JSON (kept as received). */
  readonly text?: string;
  readonly attempts: number;
  readonly failure: { readonly status: number | null; readonly error: string } | null;
  readonly stop: 403 | 429 | null;
  /** The failure is the portal out of reach (no connection, no answer in time, the round's deadline passed). */
  readonly unreachable: boolean;
}

const seconds = (ms: number) => String(Math.round(ms / 100) / 10).replace(".", ",");

/**
 * One request under the politeness policy: a time-out per try, retries with exponential backoff and
 * jitter on network errors, time-outs and 5xx only, no retry of a 4xx or of a body that arrived
 * broken, and a stop on 403/429. Shared by both portal interfaces. With `firstContact` (nothing of
 * the round has been answered yet) a failed connection or a time-out is not retried: the portal is
 * down. No try starts and no wait runs past the round's deadline.
 */
export async function politeCall(url: string, init: { headers: Record<string, string>; body: string }, options: PortalClientOptions = {}, firstContact = false): Promise<CallOutcome> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const retries = options.retries ?? 3;
  const backoff = options.backoffMs ?? 500;
  const timeoutMs = options.timeoutMs ?? PORTAL_TIMEOUT_MS;
  const round = options.round ?? roundClock(options);
  const late = { status: null, error: `Cổng DVCQG không trả lời trong thời hạn ${seconds(round.ms)} giây của một lần lấy số liệu: Cổng có thể đang ngừng hoạt động, thử lại sau.` } as const;
  let failure: CallOutcome["failure"] = null;
  let unreachable = false;
  let attempts = 0;
  for (let attempt = 0; attempt <= retries; attempt++) {
    const left = round.deadline - round.now();
    if (left <= 0) return { attempts, stop: null, unreachable: true, failure: attempts ? failure : late };
    attempts++;
    const limit = Math.min(timeoutMs, left);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), limit);
    try {
      const res = await doFetch(url, { method: "POST", headers: init.headers, body: init.body, signal: controller.signal });
      unreachable = false;
      if (STOP.has(res.status)) {
        await res.body?.cancel();
        const stop = res.status as 403 | 429;
        return { attempts, stop, unreachable: false, failure: { status: stop, error: stop === 429 ? "Cổng báo quá nhiều yêu cầu (429): dừng, thử lại sau." : "Cổng từ chối truy cập (403): dừng." } };
      }
      if (UNREACHABLE_STATUS.has(res.status)) {
        await res.body?.cancel();
        failure = { status: res.status, error: `Không kết nối được Cổng DVCQG (Cloudflare báo ${res.status}: máy chủ của Cổng không liên lạc được).` };
        unreachable = true;
      } else if (res.status >= 500) {
        await res.body?.cancel();
        failure = { status: res.status, error: `Cổng lỗi máy chủ (${res.status}).` };
      } else if (!res.ok) {
        await res.body?.cancel();
        return { attempts, stop: null, unreachable: false, failure: { status: res.status, error: `Cổng trả lỗi ${res.status}.` } };
      } else {
        const text = await res.text();
        try {
          return { attempts, stop: null, unreachable: false, failure: null, answer: JSON.parse(text) as unknown };
        } catch {
          // A truncated or broken body is kept raw and is not retried into something else.
          return { attempts, stop: null, unreachable: false, text, failure: { status: res.status, error: `Câu trả lời không đọc được (${text.length} ký tự, có thể bị cắt).` } };
        }
      }
    } catch (err) {
      unreachable = true;
      failure = {
        status: null,
        error: controller.signal.aborted
          ? limit < timeoutMs
            ? late.error
            : `Cổng không trả lời trong ${seconds(timeoutMs)} giây.`
          : `Không kết nối được Cổng DVCQG (${err instanceof Error ? err.message : String(err)}).`,
      };
    } finally {
      clearTimeout(timer);
    }
    if (unreachable && firstContact) break;
    if (attempt < retries) {
      const wait = backoff * 2 ** attempt + Math.floor(random() * backoff);
      if (round.now() + wait >= round.deadline) break;
      await sleep(wait);
    }
  }
  return { attempts, stop: null, unreachable, failure };
}

export async function fetchMonth(rootDepartmentId: string, period: Period, options: PortalClientOptions = {}): Promise<MonthFetch> {
  const base = (options.baseUrl ?? PORTAL_BASE).replace(/\/$/, "");
  const headers = { "content-type": "application/json", accept: "application/json" };
  const results: CriterionResult[] = [];
  let stoppedBy: 403 | 429 | null = null;
  let unreachable = false;
  // Until the portal answers something, a failed connection or time-out ends the round at once.
  let contacted = false;
  const call = { ...options, round: options.round ?? roundClock(options) };

  for (const criterion of PORTAL_2026_CRITERIA) {
    if (stoppedBy || unreachable) {
      const error = stoppedBy ? "Không hỏi: Cổng đã yêu cầu dừng (403/429)." : "Không hỏi: Cổng DVCQG không liên lạc được.";
      results.push({ criterion, ok: false, requests: [], raw: [], attempts: 0, status: null, error });
      continue;
    }
    const requests: PortalRequest[] = [];
    const raw: unknown[] = [];
    let attempts = 0;
    let failure: CallOutcome["failure"] = null;
    for (let page = 1; ; page++) {
      const request: PortalRequest = { criterion, url: `${base}/${criterion}`, body: requestBody(criterion, period, rootDepartmentId, page) };
      requests.push(request);
      const got = await politeCall(request.url, { headers, body: JSON.stringify(request.body) }, call, !contacted);
      attempts += got.attempts;
      failure = got.failure;
      stoppedBy = got.stop;
      unreachable = got.unreachable;
      contacted ||= !got.unreachable;
      if (got.text !== undefined) raw.push(got.text);
      if (got.answer === undefined) break;
      raw.push(got.answer);
      const answer = got.answer;
      const pagination = isObj(answer) && isObj(answer["data"]) && isObj(answer["data"]["pagination"]) ? answer["data"]["pagination"] : null;
      const current = Number(pagination?.["currentPage"] ?? 1);
      const total = Number(pagination?.["totalPages"] ?? 1);
      if (!(current < total) || page >= 50) break;
    }
    if (!failure && raw.length) {
      const problems = raw.flatMap((r) => checkAnswer(criterion, r));
      if (problems.length) failure = { status: 200, error: `Dữ liệu không đúng cấu trúc đã biết: ${problems.join("; ")}.` };
    }
    const result: CriterionResult = failure ? { criterion, ok: false, requests, raw, attempts, ...failure } : { criterion, ok: true, requests, raw, attempts };
    results.push(result);
    options.onCriterion?.(result, results.length - 1, PORTAL_2026_CRITERIA.length);
  }
  return { results, complete: results.every((r) => r.ok), stoppedBy, ...(unreachable ? { unreachable } : {}) };
}

/**
 * One answer from the pages of a criterion: the first page with the lists of every page joined
 * (`evaluation` for shape A, `children` for shape B). A single page is returned as it is.
 */
export function mergePages(pages: readonly unknown[]): unknown {
  const [first, ...rest] = pages.filter(isObj);
  if (!first || !rest.length || !isObj(first["data"])) return first;
  const data = first["data"];
  const key = Array.isArray(data["evaluation"]) ? "evaluation" : "children";
  const list = (page: Json): unknown[] => (isObj(page["data"]) && Array.isArray(page["data"][key]) ? page["data"][key] : []);
  return { ...first, data: { ...data, [key]: [first, ...rest].flatMap(list) } };
}
