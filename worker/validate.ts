/**
 * The only way routes read input: JSON bodies (`application/json`, UTF-8 only: 415 for another type
 * or charset, 400 naming the byte offset of invalid UTF-8, malformed JSON → 400), query strings and path parameters, each parsed with a zod schema; failures become
 * VALIDATION_FAILED with every issue's JSON path in Vietnamese.
 */
import type { Context } from "hono";
import * as z from "zod/mini";
import { formatCount, parsePeriod, type Period, periodKey } from "../shared";
import { LIMITS, PeriodKeySchema, ProvinceIdSchema } from "../shared/api-schema";
import type { AppEnv } from "./env";
import { ApiError, type ApiIssue } from "./errors";

export function zodIssues(error: z.core.$ZodError, prefix = ""): ApiIssue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join("."),
    code: i.code,
    message: vietnamese(i),
  }));
}

/**
 * zod's own messages: "Invalid input" (the schemas are zod/mini's, which loads no locale), or the English
 * of a locale; any other message is the schema's Vietnamese one and is kept.
 */
const ZOD_DEFAULT = /^(Invalid|Too (big|small)|Unrecognized|Expected)\b/;

/** A dataset's rows over the schema's limit (the only arrays bounded by it). */
const isRowLimit = (i: z.core.$ZodIssue): boolean => i.code === "too_big" && i.origin === "array" && Number(i.maximum) === LIMITS.maxRowsPerDataset;

function vietnamese(i: z.core.$ZodIssue): string {
  // A schema's own message names the field ("Tổng điểm phải từ 0 đến 100 điểm"): it wins.
  if (i.message && !ZOD_DEFAULT.test(i.message) && (i.code === "too_big" || i.code === "too_small" || i.code === "not_multiple_of" || i.code === "invalid_type" || i.code === "invalid_union")) return i.message;
  switch (i.code) {
    case "invalid_type":
      return `Sai kiểu dữ liệu (cần ${i.expected})`;
    case "too_big":
      return i.origin === "array" ? (isRowLimit(i) ? `Quá nhiều dòng (tối đa ${formatCount(LIMITS.maxRowsPerDataset)})` : `Quá nhiều mục (tối đa ${formatCount(Number(i.maximum))})`) : i.origin === "string" ? `Quá dài (tối đa ${String(i.maximum)} ký tự)` : `Giá trị quá lớn (tối đa ${String(i.maximum)})`;
    case "too_small":
      return i.origin === "string" ? "Không được để trống" : `Giá trị quá nhỏ (tối thiểu ${String(i.minimum)})`;
    case "unrecognized_keys":
      return `Trường không được hỗ trợ: ${i.keys.join(", ")}`;
    case "invalid_key": {
      // A record's key (an indicator's code): what is wrong with it, e.g. "quá dài (tối đa 64 ký tự)".
      const why = i.issues.map(vietnamese).join("; ");
      return `Tên trường không hợp lệ: ${why.charAt(0).toLowerCase()}${why.slice(1)}`;
    }
    case "invalid_format":
    case "invalid_value":
    case "invalid_union":
      return i.message && !/^Invalid/.test(i.message) ? i.message : "Giá trị không hợp lệ";
    default:
      return i.message || "Giá trị không hợp lệ";
  }
}

/** A body's size limit; `hint` (Vietnamese) follows the 413 message: how to send more. */
export interface BodyLimit {
  readonly maxBodyBytes: number;
  readonly hint?: string;
}

const tooLarge = (limit: BodyLimit) => new ApiError("PAYLOAD_TOO_LARGE", `Dữ liệu gửi lên vượt ${limit.maxBodyBytes / 1024 / 1024} MB.${limit.hint ? ` ${limit.hint}` : ""}`);

/**
 * A JSON body's media type: `application/json`, optionally `; charset=utf-8` (any case, quoted or not);
 * anything else is 415 — another type, or another charset (the body would be read as UTF-8 regardless,
 * and a latin-1 or UTF-16 body would be stored wrong).
 */
export function checkJsonContentType(header: string | undefined): void {
  const [type = "", ...params] = (header ?? "").split(";");
  if (type.trim().toLowerCase() !== "application/json") {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", `Cần gửi nội dung dạng application/json (đã gửi "${clip(type.trim()) || "không có Content-Type"}").`);
  }
  for (const param of params) {
    const eq = param.indexOf("=");
    const name = (eq < 0 ? param : param.slice(0, eq)).trim().toLowerCase();
    if (name !== "charset") continue;
    const value = (eq < 0 ? "" : param.slice(eq + 1)).trim().replace(/^"(.*)"$/, "$1").toLowerCase();
    if (value !== "utf-8" && value !== "utf8") {
      throw new ApiError("UNSUPPORTED_MEDIA_TYPE", `Chỉ nhận nội dung mã hoá UTF-8 (charset=utf-8), không nhận charset=${clip(value) || "(trống)"}.`);
    }
  }
}

const clip = (text: string): string => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

/**
 * The offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequence), or -1 when all are.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const cont = bytes[i + k];
      if (cont === undefined || cont < (k === 1 ? lo : 0x80) || cont > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** A body's text: strict UTF-8 (a leading byte-order mark dropped), or 400 naming the first bad byte's offset — never U+FFFD stored. */
export function decodeUtf8Body(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = invalidUtf8Offset(new Uint8Array(bytes));
    const at = offset < 0 ? "" : ` tại byte thứ ${offset} (đếm từ 0)`;
    throw new ApiError("BAD_REQUEST", `Nội dung gửi lên không phải UTF-8 hợp lệ${at}; không có gì được lưu.`, [
      { path: "body", code: "INVALID_UTF8", message: `Chuỗi byte không phải UTF-8${at}.` },
    ]);
  }
}

/** A JSON body as sent, not yet validated: media type, size, UTF-8 and JSON checked (415, 413, 400). */
export async function jsonValue(c: Context<AppEnv>, limit: BodyLimit = LIMITS): Promise<unknown> {
  checkJsonContentType(c.req.header("content-type"));
  const length = Number(c.req.header("content-length") ?? "0");
  if (length > limit.maxBodyBytes) throw tooLarge(limit);
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > limit.maxBodyBytes) throw tooLarge(limit);
  const text = decodeUtf8Body(bytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError("MALFORMED_JSON");
  }
}

export async function jsonBody<T extends z.core.$ZodType>(c: Context<AppEnv>, schema: T, limit: BodyLimit = LIMITS): Promise<z.infer<T>> {
  return parseWith(schema, await jsonValue(c, limit), "body");
}

export function parseWith<T extends z.core.$ZodType>(schema: T, value: unknown, where: "body" | "query" | "path"): z.infer<T> {
  const r = z.safeParse(schema, value);
  if (r.success) return r.data;
  // A dataset over the row limit is a 413; any other list too long (a row's data-quality flags…) a 400 naming it.
  const rows = r.error.issues.find(isRowLimit);
  if (rows) throw new ApiError("PAYLOAD_TOO_LARGE", `Quá nhiều dòng: tối đa ${formatCount(LIMITS.maxRowsPerDataset)} dòng mỗi bảng.`, zodIssues(r.error, where));
  throw new ApiError("VALIDATION_FAILED", undefined, zodIssues(r.error, where));
}

/**
 * Rows per dataset under a lower limit than the schema's (an anonymous report): 413 naming each
 * dataset over it by its JSON path, the limit and `hint`. Looks at the body's arrays and `previous`'s.
 */
export function checkRows(body: Readonly<Record<string, unknown>>, max: number, hint: string): void {
  const issues: ApiIssue[] = [];
  const look = (value: Readonly<Record<string, unknown>>, path: string) => {
    for (const [name, rows] of Object.entries(value)) {
      if (Array.isArray(rows) && rows.length > max) issues.push({ path: `${path}.${name}`, code: "too_big", message: `${formatCount(rows.length)} dòng, quá giới hạn ${formatCount(max)} dòng` });
    }
  };
  look(body, "body");
  const previous = body["previous"];
  if (typeof previous === "object" && previous !== null) look(previous as Record<string, unknown>, "body.previous");
  if (issues.length) throw new ApiError("PAYLOAD_TOO_LARGE", `Quá nhiều dòng: tối đa ${formatCount(max)} dòng mỗi bảng. ${hint}`, issues);
}

export const query = <T extends z.core.$ZodType>(c: Context<AppEnv>, schema: T): z.infer<T> => parseWith(schema, c.req.query(), "query");
export const params = <T extends z.core.$ZodType>(c: Context<AppEnv>, schema: T): z.infer<T> => parseWith(schema, c.req.param(), "path");

const PeriodPathSchema = z.object({ province: ProvinceIdSchema, period: PeriodKeySchema });

/** The province and period of …/provinces/{province}/periods/{period}…: the period's canonical key, and parsed. */
export function periodPath(c: Context<AppEnv>): { province: string; period: string; parsed: Period } {
  const p = params(c, PeriodPathSchema);
  const parsed = parsePeriod(p.period);
  if (!parsed) throw new ApiError("VALIDATION_FAILED", `Kỳ báo cáo "${p.period}" không hợp lệ.`);
  return { province: p.province, period: periodKey(parsed), parsed };
}
