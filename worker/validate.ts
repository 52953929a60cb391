/**
 * The only way routes read input: JSON bodies (content type checked: 415 otherwise, malformed JSON
 * → 400), query strings and path parameters, each parsed with a zod schema; failures become
 * VALIDATION_FAILED with every issue's JSON path in Vietnamese.
 */
import type { Context } from "hono";
import * as z from "zod";
import { formatCount, parsePeriod, type Period, periodKey } from "../shared";
import { LIMITS, PeriodKeySchema, ProvinceIdSchema } from "../shared/api-schema";
import type { AppEnv } from "./env";
import { ApiError, type ApiIssue } from "./errors";

export function zodIssues(error: z.ZodError, prefix = ""): ApiIssue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join("."),
    code: i.code,
    message: vietnamese(i),
  }));
}

function vietnamese(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case "invalid_type":
      return `Sai kiểu dữ liệu (cần ${i.expected})`;
    case "too_big":
      return i.origin === "array" ? `Quá nhiều dòng (tối đa ${String(i.maximum)})` : i.origin === "string" ? `Quá dài (tối đa ${String(i.maximum)} ký tự)` : `Giá trị quá lớn (tối đa ${String(i.maximum)})`;
    case "too_small":
      return i.origin === "string" ? "Không được để trống" : `Giá trị quá nhỏ (tối thiểu ${String(i.minimum)})`;
    case "unrecognized_keys":
      return `Trường không được hỗ trợ: ${i.keys.join(", ")}`;
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

export async function jsonBody<T extends z.ZodType>(c: Context<AppEnv>, schema: T, limit: BodyLimit = LIMITS): Promise<z.infer<T>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim())) throw new ApiError("UNSUPPORTED_MEDIA_TYPE");
  const length = Number(c.req.header("content-length") ?? "0");
  if (length > limit.maxBodyBytes) throw tooLarge(limit);
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > limit.maxBodyBytes) throw tooLarge(limit);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ApiError("MALFORMED_JSON");
  }
  return parseWith(schema, raw, "body");
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, where: "body" | "query" | "path"): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const rows = r.error.issues.find((i) => i.code === "too_big" && i.origin === "array");
  if (rows) throw new ApiError("PAYLOAD_TOO_LARGE", `Quá nhiều dòng: tối đa ${LIMITS.maxRowsPerDataset} dòng mỗi bảng.`, zodIssues(r.error, where));
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

export const query = <T extends z.ZodType>(c: Context<AppEnv>, schema: T): z.infer<T> => parseWith(schema, c.req.query(), "query");
export const params = <T extends z.ZodType>(c: Context<AppEnv>, schema: T): z.infer<T> => parseWith(schema, c.req.param(), "path");

const PeriodPathSchema = z.object({ province: ProvinceIdSchema, period: PeriodKeySchema });

/** The province and period of …/provinces/{province}/periods/{period}…: the period's canonical key, and parsed. */
export function periodPath(c: Context<AppEnv>): { province: string; period: string; parsed: Period } {
  const p = params(c, PeriodPathSchema);
  const parsed = parsePeriod(p.period);
  if (!parsed) throw new ApiError("VALIDATION_FAILED", `Kỳ báo cáo "${p.period}" không hợp lệ.`);
  return { province: p.province, period: periodKey(parsed), parsed };
}
