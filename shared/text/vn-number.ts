/**
 * Vietnamese numbers as the letters write them, both ways.
 *
 * Reading: the column's kind decides what an ambiguous text means. In a `count` column "6.566" is six
 * thousand five hundred sixty-six; in a `points` or `percent` column it is six point five six six.
 * A cell that cannot be read is a {@link ParseFailure}, never NaN and never a silent 0. A blank cell
 * ("", "-", "–") is `null`, which is not 0 either. The functions never throw.
 *
 * Writing: counts with dot thousands ("1.029.961"), points and rates with a dot decimal and trailing
 * zeros trimmed ("62.28", "89", "3.4"), as the letters print them; a comma decimal where the letter's
 * prose uses one ("44,8%").
 */
import { fold } from "./vn-text";
import { UNPRINTABLE } from "../bounds";
import { differs, roundHalfAwayFromZero, roundToInteger } from "../rounding";

export type ValueKind = "count" | "points" | "percent";

export type ParseFailureCode =
  | "NOT_A_NUMBER"
  | "NOT_AN_INTEGER"
  | "NEGATIVE"
  | "BAD_DELTA_WORD"
  | "UNSUPPORTED_TYPE";

export interface ParseSuccess<T> {
  ok: true;
  /** `null` for a blank cell. */
  value: T | null;
  /** Set when the cell was read but a person should look at it (e.g. "11.212" arriving as 11.212). */
  warning?: string;
}
export interface ParseFailure {
  ok: false;
  code: ParseFailureCode;
  /** Vietnamese, ready to show the clerk (without the cell address, which the caller adds). */
  message: string;
}
export type ParseResult<T> = ParseSuccess<T> | ParseFailure;

const BLANKS = new Set(["", "-", "–", "—", "−", "…", "...", "n/a", "#n/a"]);
const SPACE_RE = /[\s\u00A0\u202F\u2007]+/g;

function fail(code: ParseFailureCode, message: string): ParseFailure {
  return { ok: false, code, message };
}

function show(raw: string): string {
  const clipped = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  return `"${clipped}"`;
}

/** Strip unit words and symbols that letters put next to figures ("điểm", "hồ sơ", "TTHC", "%"). */
function stripUnits(text: string): string {
  return text
    .replace(/%/g, " ")
    .replace(/điểm|diem|hồ sơ|ho so|tthc|pakn|lượt|luot/gi, " ")
    .replace(SPACE_RE, " ")
    .trim();
}

const NUMBER_SHAPE = /^[+-]?\d[\d., ]*$/;
const PLAIN_DECIMAL = /^\d{1,15}(?:\.\d{1,6})?$/;
const DOT_THOUSANDS = /^\d{1,3}(?:\.\d{3})+$/;
/** "Tăng 0.92", "Giảm 3.4 điểm", "Tăng 7.28%" in their usual NFC spelling. */
const PLAIN_DELTA = /^(Tăng|Giảm|tăng|giảm) (\d{1,6}(?:\.\d{1,4})?)(?: điểm|%)?$/;

/**
 * Digits with separators → number, by kind. Returns undefined when the text is not a number at all.
 * Spaces inside a number are thousands separators ("1 029 961").
 */
function readDigits(text: string, kind: ValueKind): number | undefined {
  if (!NUMBER_SHAPE.test(text)) return undefined;
  const negative = text.startsWith("-");
  const body = text.replace(/^[+-]/, "").replace(/ /g, "");
  if (!/^\d[\d.,]*\d$|^\d$/.test(body)) return undefined;
  const dots = body.split(".").length - 1;
  const commas = body.split(",").length - 1;
  let integer: string;
  let fraction = "";
  const groupsOk = (parts: string[]) => parts.slice(1).every((g) => g.length === 3) && (parts[0]?.length ?? 0) <= 3;
  if (dots && commas) {
    // Both present: the last one is the decimal separator, the other groups thousands.
    const decimalSep = body.lastIndexOf(".") > body.lastIndexOf(",") ? "." : ",";
    const thousandSep = decimalSep === "." ? "," : ".";
    const [intPart = "", frac = ""] = body.split(decimalSep);
    if (body.split(decimalSep).length !== 2) return undefined;
    if (!groupsOk(intPart.split(thousandSep))) return undefined;
    integer = intPart.split(thousandSep).join("");
    fraction = frac;
  } else if (dots + commas === 0) {
    integer = body;
  } else {
    const sep = dots ? "." : ",";
    const parts = body.split(sep);
    if (parts.length > 2) {
      if (!groupsOk(parts)) return undefined;
      integer = parts.join("");
    } else if (kind === "count" && groupsOk(parts)) {
      // "242.300", "6.566", "1,234": thousands in a count column.
      integer = parts.join("");
    } else {
      integer = parts[0] ?? "";
      fraction = parts[1] ?? "";
    }
  }
  const value = Number(`${integer}${fraction ? `.${fraction}` : ""}`);
  if (!Number.isFinite(value)) return undefined;
  return negative ? -value : value;
}

/** Read one figure of the given kind from a cell (a number from Excel or text from a letter). */
export function parseNumber(input: unknown, kind: ValueKind): ParseResult<number> {
  try {
    if (input === null || input === undefined) return { ok: true, value: null };
    if (typeof input === "number") return fromJsNumber(input, kind);
    if (typeof input === "boolean") return fail("UNSUPPORTED_TYPE", `Ô chứa giá trị đúng/sai thay vì số`);
    if (typeof input !== "string") return fail("UNSUPPORTED_TYPE", `Ô chứa dữ liệu không phải số`);
    // Fast path for the plain shapes that make up most cells: "62.28", "4573", "242.300" (count).
    if (PLAIN_DECIMAL.test(input)) {
      if (kind !== "count") return { ok: true, value: Number(input) };
      if (!input.includes(".")) return { ok: true, value: Number(input) };
      if (DOT_THOUSANDS.test(input)) return { ok: true, value: Number(input.replace(/\./g, "")) };
    }
    const raw = input.normalize("NFC").replace(SPACE_RE, " ").trim();
    if (BLANKS.has(raw.toLowerCase())) return { ok: true, value: null };
    const [beforeSlash] = raw.split("/"); // "10.4/18 điểm" → points 10.4
    const text = stripUnits(beforeSlash ?? raw);
    const value = readDigits(text, kind);
    if (value === undefined) return fail("NOT_A_NUMBER", `Không đọc được số từ ${show(raw)}`);
    return checkKind(value, kind, raw);
  } catch {
    return fail("NOT_A_NUMBER", `Không đọc được số`);
  }
}

function fromJsNumber(value: number, kind: ValueKind): ParseResult<number> {
  if (!Number.isFinite(value)) return fail("NOT_A_NUMBER", `Ô chứa giá trị không hợp lệ (${String(value)})`);
  if (kind === "count" && value < 0) return fail("NEGATIVE", `Số lượng không được âm: ${String(value)}`);
  if (kind === "count" && !Number.isInteger(value)) {
    // Excel in an English locale turns the pasted count "11.212" into 11.212. Read it back as
    // thousands, and say so: the clerk should confirm.
    const thousands = roundToInteger(value * 1000);
    if (!differs(thousands, value * 1000, 0) && value >= 1 && value < 1_000_000) {
      return {
        ok: true,
        value: thousands,
        warning: `Số ${String(value).replace(".", ",")} trong cột số lượng được hiểu là ${formatCount(thousands)} (dấu chấm phân cách hàng nghìn)`,
      };
    }
    return fail("NOT_AN_INTEGER", `Số lượng phải là số nguyên, ô chứa ${String(value)}`);
  }
  return checkKind(value, kind, String(value));
}

function checkKind(value: number, kind: ValueKind, raw: string): ParseResult<number> {
  if (kind === "count") {
    if (!Number.isInteger(value)) return fail("NOT_AN_INTEGER", `Số lượng phải là số nguyên, ô chứa ${show(raw)}`);
    if (value < 0) return fail("NEGATIVE", `Số lượng không được âm: ${show(raw)}`);
  }
  return { ok: true, value: value === 0 ? 0 : value };
}

/**
 * Read a delta as the letters word it: "Tăng 0.92" → 0.92, "Giảm 3.4" → -3.4, "Bằng điểm" → 0,
 * "Tăng 7.28%" → 7.28 (percentage points), "Tăng 6.566" in a count column → 6566; also "+1.2", "-0,5".
 */
export function parseDelta(input: unknown, kind: ValueKind): ParseResult<number> {
  try {
    if (input === null || input === undefined) return { ok: true, value: null };
    if (typeof input === "number") {
      if (!Number.isFinite(input)) return fail("NOT_A_NUMBER", `Ô chứa giá trị không hợp lệ`);
      return { ok: true, value: input === 0 ? 0 : input };
    }
    if (typeof input !== "string") return fail("UNSUPPORTED_TYPE", `Ô chứa dữ liệu không phải số`);
    const plain = kind === "count" ? null : PLAIN_DELTA.exec(input);
    if (plain) {
      const magnitude = Number(plain[2]);
      const value = plain[1] === "Giảm" || plain[1] === "giảm" ? -magnitude : magnitude;
      return { ok: true, value: value === 0 ? 0 : value };
    }
    const raw = input.normalize("NFC").replace(SPACE_RE, " ").trim();
    if (BLANKS.has(raw.toLowerCase())) return { ok: true, value: null };
    const folded = fold(raw);
    if (/^(bang|khong doi|khong thay doi)( diem)?$/.test(folded)) return { ok: true, value: 0 };
    const word = /^(tang|giam)\b/.exec(folded);
    let sign = 1;
    let rest = raw;
    if (word) {
      sign = word[1] === "giam" ? -1 : 1;
      rest = raw.replace(/^[^\d+-]+/, "");
    } else if (!/^[+-]?\s*\d/.test(raw)) {
      return fail("BAD_DELTA_WORD", `Không hiểu mức tăng/giảm ${show(raw)} (cần dạng "Tăng 0.92", "Giảm 3.4" hoặc "Bằng điểm")`);
    }
    let magnitudeText = rest.trim();
    const signMatch = /^([+-])\s*/.exec(magnitudeText);
    if (signMatch) {
      if (word) return fail("BAD_DELTA_WORD", `Mức tăng/giảm ${show(raw)} vừa có chữ vừa có dấu`);
      if (signMatch[1] === "-") sign = -1;
      magnitudeText = magnitudeText.slice(signMatch[0].length);
    }
    const number = parseNumber(magnitudeText, kind === "count" ? "count" : "points");
    if (!number.ok) return fail(number.code, `Không đọc được mức tăng/giảm ${show(raw)}`);
    if (number.value === null) return fail("NOT_A_NUMBER", `Thiếu con số trong ${show(raw)}`);
    const value = sign * number.value;
      return { ok: true, value: value === 0 ? 0 : value };
  } catch {
    return fail("NOT_A_NUMBER", `Không đọc được mức tăng/giảm`);
  }
}

export interface CountWithRate {
  count: number | null;
  rate: number | null;
}

/** "242.300 (70.87%)", "593 TTHC (41.04%)", "1.029.961 hồ sơ (35.01%)", "26.258 hồ sơ", "87.5%". */
export function parseCountWithRate(input: unknown): ParseResult<CountWithRate> {
  if (input === null || input === undefined) return { ok: true, value: null };
  if (typeof input === "number") {
    const c = parseNumber(input, "count");
    return c.ok ? { ok: true, value: c.value === null ? null : { count: c.value, rate: null }, ...(c.warning ? { warning: c.warning } : {}) } : c;
  }
  if (typeof input !== "string") return fail("UNSUPPORTED_TYPE", `Ô chứa dữ liệu không phải số`);
  const raw = input.replace(SPACE_RE, " ").trim();
  if (BLANKS.has(raw.toLowerCase())) return { ok: true, value: null };
  const m = /^(.*?)\(([^)]*)\)\s*$/.exec(raw);
  if (m) {
    const count = parseNumber(m[1], "count");
    const rate = parseNumber(m[2], "percent");
    if (!count.ok) return count;
    if (!rate.ok) return rate;
    return { ok: true, value: { count: count.value, rate: rate.value } };
  }
  if (raw.includes("%")) {
    const rate = parseNumber(raw, "percent");
    return rate.ok ? { ok: true, value: { count: null, rate: rate.value } } : rate;
  }
  const count = parseNumber(raw, "count");
  return count.ok ? { ok: true, value: { count: count.value, rate: null } } : count;
}

/** "10.4/18 điểm" → { points: 10.4, max: 18 }; "62.3 điểm" → { points: 62.3, max: null }. */
export function parsePointsOfMax(input: unknown): ParseResult<{ points: number; max: number | null }> {
  if (typeof input === "string" && input.includes("/")) {
    const [a = "", b = ""] = input.split("/");
    const points = parseNumber(a, "points");
    const max = parseNumber(b, "points");
    if (!points.ok) return points;
    if (!max.ok) return max;
    if (points.value === null) return { ok: true, value: null };
    return { ok: true, value: { points: points.value, max: max.value } };
  }
  const points = parseNumber(input, "points");
  if (!points.ok) return points;
  return { ok: true, value: points.value === null ? null : { points: points.value, max: null } };
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

export interface DecimalFormat {
  /** At most this many decimals (half away from zero); default 2. */
  maxDecimals?: number;
  /** At least this many (pads with zeros: "6.0"); default 0, so "89", "3.4". */
  minDecimals?: number;
  /** "." in tables (as the seed letters), "," in running text ("58,3"). */
  decimalSeparator?: "." | ",";
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/**
 * Every printer is total: a figure prints as digits when they are exact — finite, and at most 2⁵³ − 1
 * units of the last printed place (counts up to 9.007.199.254.740.991, 2-decimal points up to about
 * 90 billion) — and as {@link UNPRINTABLE} ("—") otherwise: NaN, ±Infinity and 1e100 never print as
 * "NaN", "Infinity" or "1e+100". The read stage keeps no figure above 10⁹, so a report never needs "—"
 * for its own figures; the printers hold on their own for any caller.
 */
function printableUnits(value: number, decimals: number): boolean {
  return Number.isFinite(value) && Math.abs(value) * 10 ** decimals <= Number.MAX_SAFE_INTEGER;
}

/** 1029961 → "1.029.961". */
export function formatCount(value: number): string {
  if (value >= 0 && value < 1000 && Number.isInteger(value)) return String(value);
  if (!printableUnits(value, 0)) return UNPRINTABLE;
  const rounded = roundToInteger(value);
  const sign = rounded < 0 ? "-" : "";
  return sign + groupThousands(String(Math.abs(rounded)));
}

/** A rank or position ("3", "34"): a safe integer as is, anything else "—". */
export function formatIndex(value: number): string {
  return Number.isSafeInteger(value) ? String(value === 0 ? 0 : value) : UNPRINTABLE;
}

/** 62.28 → "62.28"; 89 → "89"; 3.40 → "3.4"; with minDecimals 1: 6 → "6.0"; with ",": "58,3". */
export function formatDecimal(value: number, format: DecimalFormat = {}): string {
  const max = Math.max(0, Math.min(format.maxDecimals ?? 2, 12));
  const min = Math.max(0, Math.min(format.minDecimals ?? 0, max));
  if (!printableUnits(value, max)) return UNPRINTABLE;
  const rounded = roundHalfAwayFromZero(value, max);
  const scale = 10 ** max;
  // Integer arithmetic on the rounded figure: exact for the sizes a letter prints.
  const units = roundToInteger(Math.abs(rounded) * scale);
  const intPart = Math.floor(units / scale);
  let frac = max > 0 ? String(units % scale).padStart(max, "0") : "";
  let end = frac.length;
  while (end > min && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end);
  const sign = rounded < 0 ? "-" : "";
  return sign + String(intPart) + (frac ? (format.decimalSeparator ?? ".") + frac : "");
}

export const formatPoints = (value: number, format: DecimalFormat = {}): string => formatDecimal(value, format);

/** 70.87 → "70.87%"; 44.8 with "," → "44,8%". */
export function formatPercent(value: number, format: DecimalFormat = {}): string {
  const text = formatDecimal(value, format);
  return text === UNPRINTABLE ? text : `${text}%`;
}

/** "10.4/18 điểm" (decimals as the appendix prints group points). */
export function formatPointsOfMax(points: number, max: number, format: DecimalFormat = {}): string {
  const p = formatDecimal(points, format);
  return p === UNPRINTABLE ? p : `${p}/${formatDecimal(max)} điểm`;
}

/** "242.300 (70.87%)", "593 TTHC (41.04%)", "1.029.961 hồ sơ (35.01%)", "26.258 hồ sơ". */
export function formatCountWithRate(count: number, rate: number | null, unitWord = ""): string {
  if (formatCount(count) === UNPRINTABLE) return UNPRINTABLE;
  const c = unitWord ? `${formatCount(count)} ${unitWord}` : formatCount(count);
  return rate === null ? c : `${c} (${formatPercent(rate)})`;
}

export interface DeltaFormat {
  /** Appended to non-zero deltas: " điểm" in Phụ lục 1 ("Tăng 3.21 điểm"). */
  suffix?: string;
  /** Lower case for running text: "tăng 1.29 điểm". */
  lowerCase?: boolean;
}

/**
 * The letters' wording: "Tăng 0.92", "Giảm 3.4", "Bằng điểm" (points); "Tăng 7.28%" (rates, in
 * percentage points); "Tăng 6.566" (counts).
 */
export function formatDelta(delta: number, kind: ValueKind, format: DeltaFormat = {}): string {
  if (!printableUnits(delta, kind === "count" ? 0 : 2)) return UNPRINTABLE;
  const rounded = kind === "count" ? roundToInteger(delta) : roundHalfAwayFromZero(delta, 2);
  let text: string;
  if (rounded === 0) {
    text = kind === "points" ? "Bằng điểm" : "Không đổi";
  } else {
    const word = rounded > 0 ? "Tăng" : "Giảm";
    const magnitude = Math.abs(rounded);
    const number =
      kind === "count" ? formatCount(magnitude) : kind === "percent" ? formatPercent(magnitude) : formatPoints(magnitude);
    text = `${word} ${number}${format.suffix ?? ""}`;
  }
  return format.lowerCase ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
