/**
 * The task pane's client of the Worker: JSON in and out, a time limit, and the Worker's error
 * envelope turned into a typed error with its Vietnamese message.
 */
import type { ErrorEnvelope } from "../../shared/api-schema";
import type { ReportInput } from "../../shared/model";
import type { BuildOptions, Report } from "../../shared/report";

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
  readonly inputs: { readonly unitScores: readonly Record<string, unknown>[] };
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

/**
 * Ask the Worker to fetch the period from the portal and store it. A month already stored gets a new
 * revision (the old ones are kept): on 428 the request is repeated once with the ETag the Worker named.
 * The Worker asks six criteria with retries, so the time limit is generous (2 minutes).
 */
export async function fetchFromPortal(config: ApiConfig, province: string, period: string): Promise<PortalFetchResult> {
  const path = `/v1/provinces/${encodeURIComponent(province)}/periods/${encodeURIComponent(period)}/fetch`;
  let res = await send(config, path, { method: "POST" }, 120_000);
  const etag = res.headers.get("etag");
  if (res.status === 428 && etag) {
    await res.body?.cancel();
    res = await send(config, path, { method: "POST", headers: { "if-match": etag } }, 120_000);
  }
  const body = (await res.json().catch(() => null)) as PortalFetchResult | ErrorEnvelope | null;
  if (!res.ok) {
    const e = body && "error" in body ? body.error : null;
    throw new ApiClientError(e?.code ?? "INTERNAL", e?.message ?? `Máy chủ trả lỗi ${res.status}.`, res.status, e?.issues ?? []);
  }
  if (!body || !("inputs" in body) || !("report" in body)) throw new ApiClientError("INTERNAL", "Máy chủ trả về dữ liệu không đúng.", res.status);
  return body;
}
