/**
 * A layout-neutral table: what an appendix says and how it is structured, not how a given program
 * draws it. The Excel add-in, the Worker's CSV and the HTML preview all render this one model.
 */

/** What a cell holds, which decides its alignment and number format. */
export type CellKind = "index" | "text" | "count" | "points" | "percent" | "delta" | "composite";

export type Tone = "up" | "down" | "same" | "new" | "merged";

export interface TableCell {
  /** The figure (for numeric kinds) or the text itself. */
  readonly value: number | string | null;
  /** Exactly what the letter prints ("242.300 (70.87%)", "Tăng 0.92", "89"). */
  readonly text: string;
  readonly kind: CellKind;
  /** Delta direction, for colouring (green up, red down). */
  readonly tone?: Tone;
  readonly bold?: boolean;
}

export interface HeaderCell {
  readonly text: string;
  /** 0-based position inside the header block. */
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
}

export interface ColumnDef {
  readonly key: string;
  /** Width in characters, as the seed's columns. */
  readonly width: number;
  readonly kind: CellKind;
  /** Excel number format for the cell value (locale decides the separators). */
  readonly numberFormat: string;
}

export interface TitleLine {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
}

export interface TableRow {
  readonly cells: readonly TableCell[];
  /** Resolved unit id, when the row is a unit. */
  readonly unitId?: string;
  /** Row of the input dataset this row came from (1-based), for "go to cell". */
  readonly sourceRow?: number;
  readonly bold?: boolean;
}

export interface AppendixTable {
  readonly id: "PL1" | "PL2" | "PL3" | "PL4";
  /** "Phụ lục 1". */
  readonly sheetName: string;
  readonly titleLines: readonly TitleLine[];
  readonly columns: readonly ColumnDef[];
  readonly header: readonly HeaderCell[];
  readonly headerRowCount: number;
  readonly rows: readonly TableRow[];
  /** Footnotes under the table (units new, merged or gone; where figures come from). */
  readonly notes: readonly string[];
}

/** Excel number formats by cell kind; the workbook's locale decides the separators ("General" shows
 * points as printed: 89, 62.28, 3.4). */
export const NUMBER_FORMATS: Record<CellKind, string> = {
  index: "0",
  text: "@",
  count: "#,##0",
  points: "General",
  percent: '0.00"%"',
  delta: "@",
  composite: "@",
};

export function column(key: string, width: number, kind: CellKind): ColumnDef {
  return { key, width, kind, numberFormat: NUMBER_FORMATS[kind] };
}

/** A text cell (unit names, STT labels, notes). */
export function textCell(text: string, bold?: boolean): TableCell {
  if (bold) return { value: text, text, kind: "text", bold };
  return text === "" ? EMPTY_TEXT : { value: text, text, kind: "text" };
}

/** The empty text cell (most Phụ lục 4 notes), one frozen object. */
const EMPTY_TEXT: TableCell = Object.freeze({ value: "", text: "", kind: "text" });

const BLANKS: Readonly<Record<CellKind, TableCell>> = Object.freeze(
  Object.fromEntries((Object.keys(NUMBER_FORMATS) as CellKind[]).map((kind) => [kind, Object.freeze({ value: null, text: "", kind })])) as Record<CellKind, TableCell>,
);

/** The blank cell of a kind (one frozen object per kind). */
export function blankCell(kind: CellKind = "text"): TableCell {
  return BLANKS[kind];
}

/** Rectangular grid of the header (merged cells repeated), handy for CSV and tests. */
export function headerGrid(table: Pick<AppendixTable, "header" | "headerRowCount" | "columns">): string[][] {
  const grid = Array.from({ length: table.headerRowCount }, () => new Array<string>(table.columns.length).fill(""));
  for (const h of table.header) {
    for (let r = h.row; r < h.row + h.rowSpan; r++) {
      for (let c = h.col; c < h.col + h.colSpan; c++) {
        const line = grid[r];
        if (line) line[c] = r === h.row && c === h.col ? h.text : "";
      }
    }
  }
  return grid;
}

/** Body as printed text, row by row. */
export function bodyText(table: AppendixTable): string[][] {
  return table.rows.map((r) => r.cells.map((c) => c.text));
}
