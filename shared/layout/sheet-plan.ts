/**
 * Pure: an appendix table → what its sheet holds (one 2-D block of values and number formats, the
 * merged ranges, which rows are titles, header, body, notes, the column widths). No Office.js here,
 * so it is tested as plain data; the add-in (addin/excel/write-report.ts) and the Worker's .xlsx both write a plan.
 */
import { columnLetter } from "../text/a1";
import { NUMBER_FORMATS, type AppendixTable } from "./table";

export interface Block {
  /** 0-based first row and column, and size. */
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export interface SheetPlan {
  readonly name: string;
  readonly columnCount: number;
  readonly values: (string | number)[][];
  readonly numberFormats: string[][];
  readonly merges: readonly Block[];
  readonly titleRows: readonly { row: number; bold: boolean; italic: boolean }[];
  readonly header: Block;
  readonly body: Block;
  readonly notesRow: number;
  /** Column widths in characters. */
  readonly widths: readonly number[];
  /** Column of "Tăng/Giảm" texts to colour, if any. */
  readonly deltaColumn: number | null;
  /** Body rows to print bold (group rows of Phụ lục 1). */
  readonly boldRows: readonly number[];
  /** Columns whose body is centred. */
  readonly centred: readonly number[];
}


export function address(b: Block): string {
  const start = `${columnLetter(b.col)}${b.row + 1}`;
  const end = `${columnLetter(b.col + b.cols - 1)}${b.row + b.rows}`;
  return start === end ? start : `${start}:${end}`;
}

/**
 * A cell goes to Excel as a number (so it can be summed and sorted) when what it prints is just that
 * number ("89", "11.212"); "10.4/18 điểm" or "62.3 điểm" stay text, exactly as printed.
 */
function asNumber(c: AppendixTable["rows"][number]["cells"][number]): boolean {
  return typeof c.value === "number" && c.kind !== "delta" && /^-?[\d.,]+$/.test(c.text);
}

/** Columns to centre (row numbers and ranks). */
export function centredColumns(table: Pick<AppendixTable, "columns">): number[] {
  return table.columns.flatMap((c, i) => (c.kind === "index" ? [i] : []));
}

/** A table laid out like an appendix: any of Phụ lục 1–4, or another table of that shape ("Toàn quốc"). */
export type PlannedTable = Omit<AppendixTable, "id">;

export function planAppendix(table: PlannedTable, name = table.sheetName): SheetPlan {
  const cols = table.columns.length;
  const values: (string | number)[][] = [];
  const formats: string[][] = [];
  const merges: Block[] = [];
  const push = (row: (string | number)[], fmt: string[]) => {
    values.push(row);
    formats.push(fmt);
  };
  const textRow = (text: string) => [text, ...new Array<string>(cols - 1).fill("")];
  const textFormats = () => new Array<string>(cols).fill("@");

  const titleRows = table.titleLines.map((t, i) => {
    push(textRow(t.text), textFormats());
    merges.push({ row: i, col: 0, rows: 1, cols });
    return { row: i, bold: !!t.bold, italic: !!t.italic };
  });
  push(textRow(""), textFormats());

  const headerStart = values.length;
  for (let r = 0; r < table.headerRowCount; r++) push(new Array<string>(cols).fill(""), textFormats());
  for (const h of table.header) {
    const line = values[headerStart + h.row];
    if (line) line[h.col] = h.text;
    if (h.rowSpan > 1 || h.colSpan > 1) merges.push({ row: headerStart + h.row, col: h.col, rows: h.rowSpan, cols: h.colSpan });
  }

  const bodyStart = values.length;
  const boldRows: number[] = [];
  table.rows.forEach((row, i) => {
    push(
      row.cells.map((c) => (c.value === null ? "" : asNumber(c) ? (c.value as number) : c.text)),
      row.cells.map((c) => (asNumber(c) ? NUMBER_FORMATS[c.kind] : "@")),
    );
    if (row.bold) boldRows.push(bodyStart + i);
  });

  const notesRow = values.length + (table.notes.length ? 1 : 0);
  if (table.notes.length) {
    push(textRow(""), textFormats());
    for (const n of table.notes) push(textRow(n), textFormats());
  }
  const delta = table.columns.findIndex((c) => c.kind === "delta");
  return {
    name,
    columnCount: cols,
    values,
    numberFormats: formats,
    merges,
    titleRows,
    header: { row: headerStart, col: 0, rows: table.headerRowCount, cols },
    body: { row: bodyStart, col: 0, rows: table.rows.length, cols },
    notesRow,
    widths: table.columns.map((c) => c.width),
    deltaColumn: delta >= 0 ? delta : null,
    boldRows,
    centred: centredColumns(table),
  };
}
