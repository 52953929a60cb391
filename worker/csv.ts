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
