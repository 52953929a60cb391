/**
 * One error shape for every failure: `{error: {code, message, issues[], requestId}}`, always JSON,
 * always built through the Context so CORS headers survive. Hono's own text errors (malformed JSON,
 * body limit) are mapped into it.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ERROR_MESSAGES, type ErrorCode, type ErrorEnvelope } from "../shared/api-schema";
import type { AppEnv } from "./env";

export interface ApiIssue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PRECONDITION_REQUIRED: 428,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UPSTREAM_FAILED: 502,
  INTERNAL: 500,
};

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly issues: readonly ApiIssue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? ERROR_MESSAGES[code]);
  }
}

export function errorResponse(c: Context<AppEnv>, code: ErrorCode, message: string, issues: readonly ApiIssue[] = [], headers: Record<string, string> = {}): Response {
  const body: ErrorEnvelope = { error: { code, message, issues: [...issues], requestId: c.get("requestId") ?? "" } };
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json(body, STATUS[code]);
}

/** The root app's onError: every thrown thing becomes the envelope. */
export function handleError(err: unknown, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) return errorResponse(c, err.code, err.message, err.issues, err.headers);
  if (err instanceof HTTPException) {
    if (err.status === 400 && /malformed json/i.test(err.message)) return errorResponse(c, "MALFORMED_JSON", ERROR_MESSAGES.MALFORMED_JSON);
    if (err.status === 413) return errorResponse(c, "PAYLOAD_TOO_LARGE", ERROR_MESSAGES.PAYLOAD_TOO_LARGE);
    const byStatus = (Object.entries(STATUS) as [ErrorCode, number][]).find(([code, status]) => status === err.status && code !== "VALIDATION_FAILED" && code !== "MALFORMED_JSON");
    const code: ErrorCode = byStatus?.[0] ?? (err.status >= 500 ? "INTERNAL" : "BAD_REQUEST");
    return errorResponse(c, code, ERROR_MESSAGES[code]);
  }
  console.error(JSON.stringify({ requestId: c.get("requestId"), error: String(err), stack: err instanceof Error ? err.stack : undefined }));
  return errorResponse(c, "INTERNAL", ERROR_MESSAGES.INTERNAL);
}
