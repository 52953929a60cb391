/**
 * Client of the national portal's 2026 reporting API (portal-api.md §1), polite by construction:
 * one request at a time, 10 s per call, bounded retries with exponential backoff and jitter on network
 * errors and 5xx only, and a full stop on 403/429 (the portal is a public service). Every answer is
 * kept raw with the request that produced it; a month is complete only when all six criteria arrived
 * and passed the shape check. `fetch` and `sleep` are injected, so the policy is tested without a network.
 */
import { PORTAL_2026_CRITERIA, type Portal2026Criterion } from "../../shared/portal-2026";
import type { Period } from "../../shared/model";
import { periodEnd, periodStart } from "../../shared/period";

export const PORTAL_BASE = "https://dichvucong.gov.vn/api/v1/reporting/evaluation";

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
}

export interface PortalRequest {
  readonly criterion: Portal2026Criterion;
  readonly url: string;
  readonly body: Readonly<Record<string, unknown>>;
}

export type CriterionResult =
  | { readonly criterion: Portal2026Criterion; readonly ok: true; readonly requests: readonly PortalRequest[]; readonly raw: readonly unknown[]; readonly attempts: number }
  | { readonly criterion: Portal2026Criterion; readonly ok: false; readonly requests: readonly PortalRequest[]; readonly raw: readonly unknown[]; readonly attempts: number; readonly status: number | null; readonly error: string };

export interface MonthFetch {
  readonly results: readonly CriterionResult[];
  /** Every criterion answered and passed the shape check. */
  readonly complete: boolean;
  /** 403 or 429: the portal asked us to stop; later criteria were not requested. */
  readonly stoppedBy: 403 | 429 | null;
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

export async function fetchMonth(rootDepartmentId: string, period: Period, options: PortalClientOptions = {}): Promise<MonthFetch> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const retries = options.retries ?? 3;
  const backoff = options.backoffMs ?? 500;
  const base = (options.baseUrl ?? PORTAL_BASE).replace(/\/$/, "");
  const results: CriterionResult[] = [];
  let stoppedBy: 403 | 429 | null = null;

  for (const criterion of PORTAL_2026_CRITERIA) {
    if (stoppedBy) {
      results.push({ criterion, ok: false, requests: [], raw: [], attempts: 0, status: null, error: "Không hỏi: Cổng đã yêu cầu dừng (403/429)." });
      continue;
    }
    const requests: PortalRequest[] = [];
    const raw: unknown[] = [];
    let attempts = 0;
    let failure: { status: number | null; error: string } | null = null;
    for (let page = 1; ; page++) {
      const request: PortalRequest = { criterion, url: `${base}/${criterion}`, body: requestBody(criterion, period, rootDepartmentId, page) };
      requests.push(request);
      let answer: unknown = undefined;
      for (let attempt = 0; attempt <= retries; attempt++) {
        attempts++;
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 10_000);
        try {
          const res = await doFetch(request.url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(request.body), signal: controller.signal });
          if (STOP.has(res.status)) {
            await res.body?.cancel();
            stoppedBy = res.status as 403 | 429;
            failure = { status: res.status, error: res.status === 429 ? "Cổng báo quá nhiều yêu cầu (429): dừng, thử lại sau." : "Cổng từ chối truy cập (403): dừng." };
            break;
          }
          if (res.status >= 500) {
            await res.body?.cancel();
            failure = { status: res.status, error: `Cổng lỗi máy chủ (${res.status}).` };
          } else if (!res.ok) {
            await res.body?.cancel();
            failure = { status: res.status, error: `Cổng trả lỗi ${res.status}.` };
            break;
          } else {
            const text = await res.text();
            try {
              answer = JSON.parse(text);
              failure = null;
            } catch {
              // A truncated or broken body is kept raw and is not retried into something else.
              raw.push(text);
              failure = { status: res.status, error: `Câu trả lời không đọc được (${text.length} ký tự, có thể bị cắt).` };
            }
            break;
          }
        } catch (err) {
          failure = { status: null, error: controller.signal.aborted ? `Cổng không trả lời trong ${String((options.timeoutMs ?? 10_000) / 1000).replace(".", ",")} giây.` : `Không kết nối được Cổng (${err instanceof Error ? err.message : String(err)}).` };
        } finally {
          clearTimeout(timer);
        }
        if (attempt < retries) await sleep(backoff * 2 ** attempt + Math.floor(random() * backoff));
      }
      if (answer === undefined) break;
      raw.push(answer);
      const pagination = isObj(answer) && isObj(answer["data"]) && isObj(answer["data"]["pagination"]) ? answer["data"]["pagination"] : null;
      const current = Number(pagination?.["currentPage"] ?? 1);
      const total = Number(pagination?.["totalPages"] ?? 1);
      if (!(current < total) || page >= 50) break;
    }
    if (!failure && raw.length) {
      const problems = raw.flatMap((r) => checkAnswer(criterion, r));
      if (problems.length) failure = { status: 200, error: `Dữ liệu không đúng cấu trúc đã biết: ${problems.join("; ")}.` };
    }
    results.push(failure ? { criterion, ok: false, requests, raw, attempts, ...failure } : { criterion, ok: true, requests, raw, attempts });
  }
  return { results, complete: results.every((r) => r.ok), stoppedBy };
}
