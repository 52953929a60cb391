/**
 * The add-in's client of the Worker. Every request goes through one `send` (URL, key, JSON body, time
 * limit, network failure → UnreachableError); every answer is parsed with the shared zod schemas of
 * shared/api-schema.ts, never cast: the Worker's error envelope becomes an ApiClientError carrying its
 * Vietnamese message, and an answer that does not match the contract becomes one too ("BAD_RESPONSE",
 * naming where it is wrong) instead of a crash further on.
 */
import type * as z from "zod";
import { type BuildOptionsSchema, ErrorEnvelopeSchema, type LetterLinkRequest, PORTAL_ROUND_MS, type PutPeriodBody, type ErrorCode } from "../../shared/api-schema";
import { CatalogUnitsSchema, type LetterLink, LetterLinkSchema, NationalBodySchema, type NationalBody, PortalFetchResultSchema, ProvinceHistorySchema, type ProvinceHistory, PortalStreamLineSchema, PutResultSchema, ReportResponseSchema, RevisionListSchema, StoredPeriodSchema, type StoredPeriodBody, type TargetsBody, TargetsBodySchema } from "../../shared/api-responses";
import { type Catalog, provinceByCode, type Report, type ReportInput } from "../../shared";

export class ApiClientError extends Error {
  constructor(
    /** The envelope's code, or BAD_RESPONSE when the answer itself is not what the contract says. */
    readonly code: ErrorCode | "BAD_RESPONSE",
    message: string,
    readonly status: number,
    /** The envelope's issues (for a portal fetch: one per failed criterion). */
    readonly issues: readonly { path: string; code: string; message: string }[] = [],
    /** The ETag the Worker named (a 428 on a month that already has a revision). */
    readonly etag: string | null = null,
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

/** The engine's options the Worker accepts along with the input (letter number and date, …). */
export type ReportOptions = z.input<typeof BuildOptionsSchema>;

interface SendRequest {
  readonly method: "GET" | "POST" | "PUT";
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Default time limit for the whole exchange, answer included (ApiConfig.timeoutMs overrides it). */
  readonly timeoutMs: number;
}

/**
 * The one exchange with the Worker: the request (key, JSON body) and `read` of its answer run under
 * one time limit; a failed connection, a dropped answer or the time-out is an UnreachableError.
 */
/**
 * The newest D1 bookmark (X-D1-Bookmark) each Worker answered with, sent back with every request:
 * with read replicas, a read then never sees an older state than one this task pane saw — its own
 * writes included. Bookmarks sort as text.
 */
const bookmarks = new Map<string, string>();

async function send<T>(config: ApiConfig, request: SendRequest, read: (res: Response) => Promise<T>): Promise<T> {
  const doFetch = config.fetch ?? fetch;
  const base = config.baseUrl.replace(/\/$/, "");
  const bookmark = bookmarks.get(base);
  const limit = config.timeoutMs ?? request.timeoutMs;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limit);
  try {
    const res = await doFetch(`${base}${request.path}`, {
      method: request.method,
      headers: {
        ...(request.headers ?? {}),
        ...(bookmark ? { "x-d1-bookmark": bookmark } : {}),
        ...(request.json !== undefined ? { "content-type": "application/json" } : {}),
        ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
      },
      ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
      signal: controller.signal,
    });
    const newer = res.headers?.get("x-d1-bookmark");
    if (newer && newer > (bookmarks.get(base) ?? "")) bookmarks.set(base, newer);
    return await read(res);
  } catch (err) {
    if (err instanceof ApiClientError) throw err;
    if (controller.signal.aborted) throw new UnreachableError(`Máy chủ không trả lời trong ${Math.ceil(limit / 1000)} giây.`);
    throw new UnreachableError(err instanceof Error ? err.message : String(err));
  } finally {
    clearTimeout(timer);
  }
}

const NOT_JSON = Symbol("not JSON");

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** "appendices[0].rows[3].cells[1].kind" */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");
}

/** An answer that does not match the contract, as a Vietnamese error naming where. */
function malformed(status: number, where: string): ApiClientError {
  return new ApiClientError("BAD_RESPONSE", `Máy chủ trả về dữ liệu không đúng định dạng (${where}); add-in và máy chủ có thể khác phiên bản.`, status);
}

/** `body` parsed with `schema`, or a BAD_RESPONSE naming the first wrong field (`place` prefixes it). */
function parsed<T>(schema: z.ZodType<T>, body: unknown, status: number, place = ""): T {
  if (body === NOT_JSON) throw malformed(status, `${place}không phải JSON`);
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const [first] = r.error.issues;
  const more = r.error.issues.length - 1;
  throw malformed(status, `${place}${(first && pathText(first.path)) || "toàn bộ"}${more > 0 ? ` và ${more} chỗ khác` : ""}`);
}

/** An error status as an ApiClientError: the envelope's code, message and issues when it has one. */
function failure(status: number, body: unknown, etag: string | null): ApiClientError {
  const e = ErrorEnvelopeSchema.safeParse(body);
  if (!e.success) return new ApiClientError("INTERNAL", `Máy chủ trả lỗi ${status}.`, status, [], etag);
  return new ApiClientError(e.data.error.code, e.data.error.message, status, e.data.error.issues, etag);
}

/** Read a JSON answer: an error status throws, a success is parsed with `schema`. */
const json =
  <T>(schema: z.ZodType<T>) =>
  async (res: Response): Promise<T> => {
    const body = jsonOf(await res.text());
    if (res.status >= 400) throw failure(res.status, body, res.headers.get("etag"));
    return parsed(schema, body, res.status);
  };

export async function postReport(config: ApiConfig, input: ReportInput, options: ReportOptions = {}): Promise<Report> {
  return send(config, { method: "POST", path: "/v1/reports", json: { ...input, options }, timeoutMs: 20_000 }, json(ReportResponseSchema));
}

/**
 * The national summary of a period as the Worker stores it, ranked against the previous period
 * (GET /v1/national/periods/{period}); a period it has not stored is an ApiClientError NOT_FOUND (404).
 */
export async function getNational(config: ApiConfig, period: string): Promise<NationalBody> {
  return send(config, { method: "GET", path: `/v1/national/periods/${encodeURIComponent(period)}`, headers: { accept: "application/json" }, timeoutMs: 15_000 }, json(NationalBodySchema));
}

/**
 * A province's catalog of units in force at a date, as the Worker keeps it (built in, or built from the
 * portal's answer on the province's first fetch): what "Chuẩn hoá" resolves pasted names against for a
 * province the add-in has no catalog of.
 */
export async function getCatalog(config: ApiConfig, province: string, date: string): Promise<Catalog> {
  const body = await send(config, { method: "GET", path: `/v1/catalog/units?province=${encodeURIComponent(province)}&date=${encodeURIComponent(date)}`, headers: { accept: "application/json" }, timeoutMs: 15_000 }, json(CatalogUnitsSchema));
  const city = provinceByCode(province)?.kind === "thanh_pho_tw" || /^Thành phố/i.test(body.provinceName);
  return { id: body.province, provinceName: body.provinceName, provinceWord: city ? "Thành phố" : "Tỉnh", units: body.units };
}

/**
 * The province's targets in force on the first day of `period`, and its own list as stored
 * (GET /v1/provinces/{p}/targets?period=): what the add-in's plan judges compliance against.
 */
export async function getTargets(config: ApiConfig, province: string, period: string): Promise<TargetsBody> {
  return send(config, { method: "GET", path: `/v1/provinces/${encodeURIComponent(province)}/targets?period=${encodeURIComponent(period)}`, headers: { accept: "application/json" }, timeoutMs: 15_000 }, json(TargetsBodySchema));
}

/**
 * The province's stored periods from `from` to `to` (total and six groups each) with every unit's line
 * (`include=units`: total and rank per period, a unit before the 1/7/2025 reform a line of its own), as
 * GET /v1/provinces/{p}/history answers: the sheet "Diễn biến" and the draft's trend sentence.
 */
export async function getHistory(config: ApiConfig, province: string, from: string, to: string): Promise<ProvinceHistory> {
  const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&include=units`;
  return send(config, { method: "GET", path: `/v1/provinces/${encodeURIComponent(province)}/history?${query}`, headers: { accept: "application/json" }, timeoutMs: 15_000 }, json(ProvinceHistorySchema));
}

export interface CriterionProgress {
  readonly criterion: string;
  readonly ok: boolean;
  readonly index: number;
  readonly of: number;
  readonly error?: string;
}

/** The Worker's answer to a portal fetch, as the schema describes it; the report is the engine's. */
export type PortalFetchResult = Readonly<Omit<z.output<typeof PortalFetchResultSchema>, "report">> & { readonly report: Report };

/**
 * Read the Worker's NDJSON answer line by line: each criterion goes to `onProgress` as it comes, the
 * final line is the result or the error. Every line is parsed with the shared line schema.
 */
function stream(onProgress: (p: CriterionProgress) => void) {
  return async (res: Response): Promise<PortalFetchResult> => {
    if (!(res.headers.get("content-type") ?? "").includes("application/x-ndjson")) return json(PortalFetchResultSchema)(res);
    const reader = res.body?.getReader();
    if (!reader) throw malformed(res.status, "câu trả lời rỗng");
    const decoder = new TextDecoder();
    let buffered = "";
    let final: PortalFetchResult | null = null;
    let count = 0;
    const take = (text: string) => {
      if (!text.trim()) return;
      const place = `dòng ${++count}: `;
      if (final) throw malformed(res.status, `${place}thêm dòng sau dòng kết quả`);
      const line = parsed(PortalStreamLineSchema, jsonOf(text), res.status, place);
      if (line.type === "criterion") onProgress(line);
      else if (line.type === "result") final = line.body;
      else throw failure(line.status, { error: line.error }, null);
    };
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        const parts = buffered.split("\n");
        buffered = parts.pop() ?? "";
        parts.forEach(take);
      }
      take(buffered + decoder.decode());
    } catch (err) {
      void reader.cancel().catch(() => undefined);
      throw err;
    }
    if (!final) throw new ApiClientError("INTERNAL", "Máy chủ ngừng trả lời giữa chừng, trước dòng kết quả; thử lại sau.", 502);
    return final;
  };
}

/**
 * Ask the Worker to fetch the period from the portal and store it. A month already stored gets a new
 * revision (the old ones are kept): on 428 the request is repeated once with the ETag the Worker named.
 * With `onProgress`, the Worker streams each criterion as the portal answers it. The Worker ends its
 * round with the portal within PORTAL_ROUND_MS (20 s; a dead portal answers 502 at once or after one
 * try's time-out), so the limit here is that plus the time to store and build the report
 * (PORTAL_FETCH_CLIENT_MS, 35 s, the streamed answer included): a dead portal is shown within it.
 */
/** The add-in's limit for one fetch from the portal: the Worker's round plus storing and the report. */
export const PORTAL_FETCH_CLIENT_MS = PORTAL_ROUND_MS + 15_000;

export async function fetchFromPortal(config: ApiConfig, province: string, period: string, onProgress?: (p: CriterionProgress) => void): Promise<PortalFetchResult> {
  const path = `/v1/provinces/${encodeURIComponent(province)}/periods/${encodeURIComponent(period)}/fetch`;
  const accept = { accept: onProgress ? "application/x-ndjson, application/json" : "application/json" };
  const read = onProgress ? stream(onProgress) : json(PortalFetchResultSchema);
  const ask = (headers: Record<string, string>) => send(config, { method: "POST", path, headers, timeoutMs: PORTAL_FETCH_CLIENT_MS }, read);
  try {
    return await ask(accept);
  } catch (err) {
    if (!(err instanceof ApiClientError && err.status === 428 && err.etag)) throw err;
    return await ask({ ...accept, "if-match": err.etag });
  }
}

const periodPath = (province: string, period: string) => `/v1/provinces/${encodeURIComponent(province)}/periods/${encodeURIComponent(period)}`;

/** A read whose 404 means "nothing stored" (null), not a failure. */
const orNone =
  <T>(read: (res: Response) => Promise<T>) =>
  async (res: Response): Promise<T | null> => {
    if (res.status === 404) {
      void res.body?.cancel().catch(() => undefined);
      return null;
    }
    return read(res);
  };

/** The Worker's answer to a PUT of a period: the new revision and its ETag. */
export type PutResult = z.output<typeof PutResultSchema>;
/** The revisions of a period, newest first. */
export type RevisionList = z.output<typeof RevisionListSchema>;
export type StoredPeriod = StoredPeriodBody;

/**
 * Store the period's datasets as a new revision (PUT …/periods/{period}). `ifMatch`: the ETag of the
 * revision the clerk last read or saved; without it the Worker takes the first revision only (a 428
 * otherwise). A stale ETag is a 409: both are ApiClientErrors carrying the head's ETag. Never retried here:
 * the clerk decides whether to reload or store on top.
 */
export async function putPeriod(config: ApiConfig, province: string, period: string, body: PutPeriodBody, ifMatch: string | null): Promise<PutResult> {
  const headers: Record<string, string> = { accept: "application/json", ...(ifMatch ? { "if-match": ifMatch } : {}) };
  return send(config, { method: "PUT", path: periodPath(province, period), headers, json: body, timeoutMs: 20_000 }, json(PutResultSchema));
}

/** The revisions stored for a period (GET …/revisions), newest first; null when none is stored. */
export async function getRevisions(config: ApiConfig, province: string, period: string): Promise<RevisionList | null> {
  return send(config, { method: "GET", path: `${periodPath(province, period)}/revisions`, headers: { accept: "application/json" }, timeoutMs: 15_000 }, orNone(json(RevisionListSchema)));
}

/** A stored revision of a period with its datasets (the head without `revision`); null when none is stored. */
export async function getPeriod(config: ApiConfig, province: string, period: string, revision?: number): Promise<StoredPeriod | null> {
  const query = revision !== undefined ? `?revision=${revision}` : "";
  return send(config, { method: "GET", path: `${periodPath(province, period)}${query}`, headers: { accept: "application/json" }, timeoutMs: 15_000 }, orNone(json(StoredPeriodSchema)));
}

/** The Worker's report of a stored period built from one revision (GET …/report?revision=n), against the previous stored period. */
export async function getStoredReport(config: ApiConfig, province: string, period: string, revision: number): Promise<Report> {
  return send(config, { method: "GET", path: `${periodPath(province, period)}/report?revision=${revision}`, headers: { accept: "application/json" }, timeoutMs: 20_000 }, json(ReportResponseSchema));
}

/**
 * A link to the period's letter as a Word document (POST …/letter-link): signed by the Worker for 5
 * minutes, bound to the revision (the head now, or `request.revision`) and the letter's number and date,
 * carrying no key — for the system browser, which cannot send one. 404 when the period is not stored.
 */
export async function getLetterLink(config: ApiConfig, province: string, period: string, request: LetterLinkRequest): Promise<LetterLink> {
  return send(config, { method: "POST", path: `${periodPath(province, period)}/letter-link`, headers: { accept: "application/json" }, json: request, timeoutMs: 15_000 }, json(LetterLinkSchema));
}
