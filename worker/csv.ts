/**
 * CSV for Excel (Power Query "From Web") and Google Sheets IMPORTDATA: UTF-8 with a byte-order mark
 * (so Excel shows Vietnamese correctly), CRLF line ends, RFC 4180 quoting (fields with a comma, a
 * quote, CR or LF are quoted; quotes doubled), and no text that a spreadsheet would run as a formula.
 */
export const BOM = "\uFEFF";

/**
 * What a spreadsheet may run as a formula: a text starting — also after leading spaces (any white
 * space String.prototype.trim removes) — with = + - @, their full-width forms ＝ ＋ － ＠ (which
 * spreadsheets in East-Asian locales fold to ASCII), or a pipe | ｜ (DDE in older Excel); and a tab or
 * CR first.
 */
export const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@|\uFF1D\uFF0B\uFF0D\uFF20\uFF5C])/;

export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  // A text cell that a spreadsheet would run as a formula is neutralised (OWASP CSV injection): unit
  // names as clerks typed them reach this file. Numbers stay numbers.
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return BOM + rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export function csvResponse(body: string, filename: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `inline; filename="${filename}"`,
      ...headers,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Tables as CSV (en or vi) or .xlsx: every CSV endpoint answers through these.

import { type PlainTable, tableXlsx } from "../shared";

/** `?format=`: json, csv or xlsx (typed numbers). */
export type TableFormat = "csv" | "xlsx";
/** `?locale=` of a CSV: en (comma separator, decimal point; the default) or vi (semicolon, decimal comma). */
export type CsvLocale = "en" | "vi";

/**
 * A field of a vi-VN CSV (separator ";", decimal comma, no thousands separator): numbers with a comma
 * for the point; texts neutralised and quoted as in the comma CSV, and quoted also when they hold ";".
 */
export function csvFieldVi(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value).replace(".", ",") : "";
  const text = csvField(value);
  return !text.startsWith('"') && text.includes(";") ? `"${text}"` : text;
}

/** CSV text of rows for a locale: UTF-8 BOM, CRLF; en with commas, vi with semicolons and decimal commas. */
export function toLocaleCsv(rows: readonly (readonly unknown[])[], locale: CsvLocale = "en"): string {
  if (locale === "en") return toCsv(rows);
  return BOM + rows.map((r) => r.map(csvFieldVi).join(";")).join("\r\n") + "\r\n";
}

/** The body of a table in a format: CSV text (for the locale) or .xlsx bytes. */
export function tableBody(format: TableFormat, table: PlainTable, locale: CsvLocale = "en"): string | Uint8Array {
  return format === "xlsx" ? tableXlsx(table) : toLocaleCsv([table.header, ...table.rows], locale);
}

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A table's answer: `name` without extension; CSV inline, .xlsx as an attachment. */
export function tableResponse(format: TableFormat, body: string | Uint8Array, name: string, headers: Record<string, string> = {}): Response {
  if (format === "csv") return csvResponse(body as string, `${name}.csv`, headers);
  return new Response(body as BodyInit, { headers: { "content-type": XLSX_CONTENT_TYPE, "content-disposition": `attachment; filename="${name}.xlsx"`, ...headers } });
}

/** Builds and answers a table in one go (the endpoints without a cache of bodies). */
export function answerTable(format: TableFormat, locale: CsvLocale, table: PlainTable, name: string, headers: Record<string, string> = {}): Response {
  return tableResponse(format, tableBody(format, table, locale), name, headers);
}
