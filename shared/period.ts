/** Reporting periods: month, quarter, year. Keys "2024-12", "2025-Q1", "2025". */
import type { Period } from "./model";

const MONTH_RE = /^(\d{4})-(\d{1,2})$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/i;
const YEAR_RE = /^(\d{4})$/;

/** Parse a period key; `null` when it is not one. "12/2024" and "tháng 12/2024" are accepted too. */
export function parsePeriod(input: string | Period): Period | null {
  if (typeof input !== "string") return isValidPeriod(input) ? input : null;
  const text = input.trim();
  let m = MONTH_RE.exec(text);
  if (m) return checked({ kind: "month", year: Number(m[1]), month: Number(m[2]) });
  m = /^(?:th[áa]ng\s*)?(\d{1,2})\s*\/\s*(\d{4})$/i.exec(text);
  if (m) return checked({ kind: "month", year: Number(m[2]), month: Number(m[1]) });
  m = QUARTER_RE.exec(text);
  if (m) return checked({ kind: "quarter", year: Number(m[1]), quarter: Number(m[2]) });
  m = YEAR_RE.exec(text);
  if (m) return checked({ kind: "year", year: Number(m[1]) });
  return null;
}

function checked(p: Period): Period | null {
  return isValidPeriod(p) ? p : null;
}

function isValidPeriod(p: Period): boolean {
  if (!Number.isInteger(p.year) || p.year < 2000 || p.year > 2100) return false;
  if (p.kind === "month") return Number.isInteger(p.month) && p.month >= 1 && p.month <= 12;
  if (p.kind === "quarter") return Number.isInteger(p.quarter) && p.quarter >= 1 && p.quarter <= 4;
  return p.kind === "year";
}

export function periodKey(p: Period): string {
  if (p.kind === "month") return `${p.year}-${String(p.month).padStart(2, "0")}`;
  if (p.kind === "quarter") return `${p.year}-Q${p.quarter}`;
  return String(p.year);
}

/** "tháng 12/2024", "quý 1/2025", "năm 2025" (lower case, for running text). */
export function periodLabel(p: Period): string {
  if (p.kind === "month") return `tháng ${String(p.month).padStart(2, "0")}/${p.year}`;
  if (p.kind === "quarter") return `quý ${p.quarter}/${p.year}`;
  return `năm ${p.year}`;
}

/** Seed style for the month alone: "tháng 11" (Phụ lục 2's column "Tăng/giảm so với tháng 11"). */
export function periodShortLabel(p: Period): string {
  if (p.kind === "month") return `tháng ${p.month}`;
  if (p.kind === "quarter") return `quý ${p.quarter}`;
  return `năm ${p.year}`;
}

export function previousPeriod(p: Period): Period {
  if (p.kind === "month") return p.month === 1 ? { kind: "month", year: p.year - 1, month: 12 } : { kind: "month", year: p.year, month: p.month - 1 };
  if (p.kind === "quarter") return p.quarter === 1 ? { kind: "quarter", year: p.year - 1, quarter: 4 } : { kind: "quarter", year: p.year, quarter: p.quarter - 1 };
  return { kind: "year", year: p.year - 1 };
}

/** First day of the period, ISO date. */
export function periodStart(p: Period): string {
  const month = p.kind === "month" ? p.month : p.kind === "quarter" ? (p.quarter - 1) * 3 + 1 : 1;
  return `${p.year}-${String(month).padStart(2, "0")}-01`;
}

/** Last day of the period, ISO date. */
export function periodEnd(p: Period): string {
  const lastMonth = p.kind === "month" ? p.month : p.kind === "quarter" ? p.quarter * 3 : 12;
  const days = new Date(Date.UTC(p.year, lastMonth, 0)).getUTCDate();
  return `${p.year}-${String(lastMonth).padStart(2, "0")}-${String(days).padStart(2, "0")}`;
}

export function samePeriod(a: Period, b: Period): boolean {
  return periodKey(a) === periodKey(b);
}

/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving). */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/**
 * A clock time as the letters print it (Vietnam time): "2026-08-06T02:00:00Z" → "2026-08-06T09:00:00+07:00".
 * A time written with +07:00, or with no zone at all (a clerk's "2025-01-06 09:00"), stays as written.
 */
export function vietnamTime(iso: string): string {
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(iso) || /\+07:?00$/.test(iso)) return iso;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/**
 * The letters' timestamp: "9h00' ngày 06/01/2025" from "2025-01-06T09:00:00+07:00". A time in another
 * zone (the portal fetch's "…Z") is first put in Vietnam time; one without a zone is printed as written.
 */
export function formatDataTimestamp(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(vietnamTime(iso.trim()));
  if (!m) return null;
  const date = `${m[3]}/${m[2]}/${m[1]}`;
  if (m[4] === undefined) return `ngày ${date}`;
  return `${Number(m[4])}h${m[5]}' ngày ${date}`;
}

/** Month keys ("2025-06") as consecutive integers, for ranges of stored months: 2025-06 → 2025 × 12 + 5. */
export function monthIndex(key: string): number {
  return Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1;
}

/** The month key of a {@link monthIndex}. */
export function monthKey(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The month keys from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthKey(i));
  return out;
}

/** Whether a period key is a month's ("2025-06"), not a quarter's or a year's. */
export const isMonthKey = (key: string): boolean => /^\d{4}-\d{2}$/.test(key);
