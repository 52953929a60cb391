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
