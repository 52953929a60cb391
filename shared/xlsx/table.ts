/**
 * A plain table (one header row, then rows of numbers and texts) as a one-sheet .xlsx: what the
 * Worker's CSV endpoints answer with `?format=xlsx`. Numbers are written as numbers (typed cells), so a
 * spreadsheet in any locale — vi-VN with its decimal comma included — reads 88.08 as a number, with
 * no guessing from text. Texts are shared strings, never formulas. Bold header, frozen, columns sized
 * to their longest text (bounded).
 */
import { type CellStyle, type SheetCell, type SheetSpec, writeXlsx } from "./spreadsheet";
import { textWidthPx } from "./row-height";

export type TableValue = string | number | null | undefined;

export interface PlainTable {
  /** The sheet's name (made valid for Excel when written). */
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly TableValue[])[];
}

const HEADER: CellStyle = Object.freeze({ font: { bold: true }, fill: "#E7EEF7", wrap: true, vertical: "top" });
const FONT_PT = 10;
const MIN_WIDTH_PX = 48;
const MAX_WIDTH_PX = 360;
/** Rows looked at to size the columns (a long table's first rows tell enough). */
const SIZING_ROWS = 500;

const cellOf = (v: TableValue): SheetCell => ({ value: v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? null : v });

/** Column widths in pixels: the longest text among the header and the first rows, bounded. */
function widths(table: PlainTable): number[] {
  const count = Math.max(table.header.length, ...table.rows.slice(0, SIZING_ROWS).map((r) => r.length));
  return Array.from({ length: count }, (_, col) => {
    let px = textWidthPx(table.header[col] ?? "", FONT_PT, true);
    for (const row of table.rows.slice(0, SIZING_ROWS)) {
      const v = row[col];
      if (v !== null && v !== undefined) px = Math.max(px, textWidthPx(String(v), FONT_PT));
    }
    return Math.min(MAX_WIDTH_PX, Math.max(MIN_WIDTH_PX, Math.ceil(px + 14)));
  });
}

export function tableSheet(table: PlainTable): SheetSpec {
  return {
    name: table.name,
    rows: [table.header.map((h) => ({ value: h, style: HEADER })), ...table.rows.map((r) => r.map(cellOf))],
    columnWidths: widths(table),
    frozenRows: 1,
  };
}

export function tableXlsx(table: PlainTable): Uint8Array {
  return writeXlsx({ sheets: [tableSheet(table)], creator: "chiso766" });
}
