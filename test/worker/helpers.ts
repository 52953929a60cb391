import { env, exports } from "cloudflare:workers";
import { seedReportInput } from "../../samples/seed-000-input";
import { sha256Hex } from "../../worker/hash";

export const BASE = "http://chiso766.test";
export const ADDIN_ORIGIN = "https://localhost:3000";

let n = 0;
/** Insert an API key straight into D1 (as `npm run keys -- create` does) and return its secret. */
export async function makeKey(province = "HN", scopes = "read,write", revoked = false): Promise<string> {
  n += 1;
  const secret = `c766_test_${n}_${crypto.randomUUID()}`;
  await env.DB.prepare("INSERT INTO api_keys (id, key_hash, label, province, scopes, created_at, revoked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
    .bind(`k${n}-${crypto.randomUUID()}`, await sha256Hex(secret), `test ${n}`, province, scopes, "2026-11-23T00:00:00Z", revoked ? "2026-11-23T01:00:00Z" : null)
    .run();
  return secret;
}

export interface CallOptions {
  method?: string;
  key?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function call(path: string, o: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.key) headers["authorization"] = `Bearer ${o.key}`;
  let body: string | undefined = o.rawBody;
  if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers["content-type"] ??= "application/json";
  }
  return exports.default.fetch(new Request(`${BASE}${path}`, { method: o.method ?? (body ? "POST" : "GET"), headers, ...(body !== undefined ? { body } : {}) }));
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/**
 * The response with its body dropped, for a test that looks at status and headers only: the workers
 * pool needs every response body consumed (read with `json` / `text`, or dropped here).
 */
export async function discard(res: Response | Promise<Response>): Promise<Response> {
  const r = await res;
  await r.body?.cancel();
  return r;
}

export interface Envelope {
  error: { code: string; message: string; issues: { path: string; code: string; message: string }[]; requestId: string };
}

/** Seed 000's December 2024 and November 2024 as a clerk stores them (PUT bodies), for the read-endpoint tests. */
export function seedMonths() {
  const seed = seedReportInput();
  return {
    december: { dataTimestamp: seed.dataTimestamp, summary: seed.summary, unitScores: seed.unitScores, overdueDossiers: seed.overdueDossiers, overduePetitions: seed.overduePetitions, letter: seed.letter },
    november: { summary: seed.previous?.summary, unitScores: seed.previous?.unitScores },
  };
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
