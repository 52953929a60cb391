/**
 * The task pane's client of the Worker: JSON in and out, a time limit, and the Worker's error
 * envelope turned into a typed error with its Vietnamese message.
 */
import type { ErrorEnvelope } from "../../shared/api-schema";
import type { BuildOptions, Report, ReportInput } from "../../shared";

export class ApiClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** The envelope's issues (for a portal fetch: one per failed criterion). */
    readonly issues: readonly { path: string; code: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** The Worker could not be reached at all (offline, wrong address, time-out). */
export class UnreachableError extends Error {}

export interface ApiConfig {
  readonly baseUrl: string;
  readonly apiKey?: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export async function postReport(config: ApiConfig, input: ReportInput, options: Omit<BuildOptions, "catalog" | "extraUnits" | "methodologies"> = {}): Promise<Report> {
  const doFetch = config.fetch ?? fetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeoutMs ?? 20_000);
  let res: Response;
  try {
    res = await doFetch(`${config.baseUrl.replace(/\/$/, "")}/v1/reports`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}) },
      body: JSON.stringify({ ...input, options }),
      signal: controller.signal,
    });
  } catch (err) {
    throw new UnreachableError(err instanceof Error ? err.message : String(err));
  } finally {
    clearTimeout(timer);
  }
  const body = (await res.json().catch(() => null)) as Report | ErrorEnvelope | null;
  if (!res.ok) {
    const e = body && "error" in body ? body.error : null;
    throw new ApiClientError(e?.code ?? "INTERNAL", e?.message ?? `Máy chủ trả lỗi ${res.status}.`, res.status);
  }
  if (!body || !("appendices" in body)) throw new ApiClientError("INTERNAL", "Máy chủ trả về dữ liệu không đúng.", res.status);
  return body;
}

export interface CriterionOutcome {
  readonly criterion: string;
  readonly ok: boolean;
  readonly attempts: number;
  readonly pages: number;
  readonly error?: string;
}

export interface PortalFetchResult {
  readonly revision: number;
  readonly fetch: { readonly cached: boolean; readonly criteria: readonly CriterionOutcome[] };
  /** Rows for the input tables: unit scores as records, Phụ lục 1 as [STT, Tiêu chí, figure, ""] rows. */
  readonly inputs: { readonly unitScores: readonly Record<string, unknown>[]; readonly summary?: readonly (readonly (string | number)[])[] };
  readonly report: Report;
}

async function send(config: ApiConfig, path: string, init: { method: string; headers?: Record<string, string>; body?: string }, timeoutMs: number): Promise<Response> {
  const doFetch = config.fetch ?? fetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeoutMs ?? timeoutMs);
  try {
    return await doFetch(`${config.baseUrl.replace(/\/$/, "")}${path}`, {
      method: init.method,
      headers: { ...(init.headers ?? {}), ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}) },
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: controller.signal,
    });
  } catch (err) {
    throw new UnreachableError(err instanceof Error ? err.message : String(err));
  } finally {
    clearTimeout(timer);
  }
}

export interface CriterionProgress {
  readonly criterion: string;
  readonly ok: boolean;
  readonly index: number;
  readonly of: number;
  readonly error?: string;
}

type StreamLine =
  | ({ type: "criterion" } & CriterionProgress)
  | { type: "result"; status: number; body: PortalFetchResult }
  | { type: "error"; status: number; error: ErrorEnvelope["error"] };

/** Read the Worker's NDJSON answer line by line: progress as it comes, then the final line. */
async function readStream(res: Response, onProgress: (p: CriterionProgress) => void): Promise<{ status: number; body: PortalFetchResult | ErrorEnvelope | null }> {
  const reader = res.body?.getReader();
  if (!reader) return { status: res.status, body: null };
  const decoder = new TextDecoder();
  let buffered = "";
  let final: { status: number; body: PortalFetchResult | ErrorEnvelope | null } = { status: 502, body: null };
  const take = (text: string) => {
    if (!text.trim()) return;
    const line = JSON.parse(text) as StreamLine;
    if (line.type === "criterion") onProgress(line);
    else if (line.type === "result") final = { status: line.status, body: line.body };
    else final = { status: line.status, body: { error: line.error } };
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    parts.forEach(take);
  }
  take(buffered + decoder.decode());
  return final;
}

/**
 * Ask the Worker to fetch the period from the portal and store it. A month already stored gets a new
 * revision (the old ones are kept): on 428 the request is repeated once with the ETag the Worker named.
 * With `onProgress`, the Worker streams each criterion as the portal answers it. The Worker asks six
 * criteria with retries, so the time limit is generous (2 minutes).
 */
export async function fetchFromPortal(config: ApiConfig, province: string, period: string, onProgress?: (p: CriterionProgress) => void): Promise<PortalFetchResult> {
  const path = `/v1/provinces/${encodeURIComponent(province)}/periods/${encodeURIComponent(period)}/fetch`;
  const accept = { accept: onProgress ? "application/x-ndjson, application/json" : "application/json" };
  let res = await send(config, path, { method: "POST", headers: accept }, 120_000);
  const etag = res.headers.get("etag");
  if (res.status === 428 && etag) {
    await res.body?.cancel();
    res = await send(config, path, { method: "POST", headers: { ...accept, "if-match": etag } }, 120_000);
  }
  const streamedAnswer = onProgress && (res.headers.get("content-type") ?? "").includes("application/x-ndjson");
  const { status, body } = streamedAnswer
    ? await readStream(res, onProgress).catch(() => ({ status: 502, body: null }))
    : { status: res.status, body: (await res.json().catch(() => null)) as PortalFetchResult | ErrorEnvelope | null };
  if (status >= 400) {
    const e = body && "error" in body ? body.error : null;
    throw new ApiClientError(e?.code ?? "INTERNAL", e?.message ?? `Máy chủ trả lỗi ${status}.`, status, e?.issues ?? []);
  }
  if (!body || !("inputs" in body) || !("report" in body)) throw new ApiClientError("INTERNAL", "Máy chủ trả về dữ liệu không đúng.", status);
  return body;
}
