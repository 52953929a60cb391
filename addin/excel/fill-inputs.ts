/**
 * Fill one input table with rows that came from the Worker (e.g. fetched from the portal): find the
 * table, read its rows (a missing table must not be asked for its body: two syncs), then write (third). A table that already holds data is left alone unless
 * the clerk asked to replace it; replacing reuses the table's rows so it does not grow each time.
 */
import { COLUMN_FORMATS, inputSheet, type InputSheet } from "../sheets/inputs";
import type { ExcelContext, RangeLike, TableLike } from "./types";

export interface FillResult {
  readonly written: number;
  readonly refused: string | null;
  readonly syncs: number;
}

export async function fillInputTable(context: ExcelContext, target: InputSheet["id"], rows: readonly (readonly (string | number)[])[], replace: boolean): Promise<FillResult> {
  const def = inputSheet(target);
  const table = context.workbook.tables.getItemOrNullObject(def.tableName);
  table.load("name");
  await context.sync();
  if (table.isNullObject) return { written: 0, refused: `Chưa có bảng "${def.sheetName}": bấm “Tạo bảng nhập liệu” trước.`, syncs: 1 };
  const body = loadBody(table);
  await context.sync();
  const queued = queueRows(def, table, body, rows, replace);
  if (queued.refused || !queued.written) return { ...queued, syncs: 2 };
  await context.sync();
  return { ...queued, syncs: 3 };
}

/** Queue the loads queueRows needs: the body's values and the table's row count. */
export function loadBody(table: TableLike): RangeLike {
  const body = table.getDataBodyRange();
  body.load("values");
  table.rows.load("count");
  return body;
}

/**
 * Queue the writing of `rows` into an input table whose body and row count are loaded (loadBody; no
 * sync here): refused when the table holds data and the clerk did not ask to replace it. Otherwise
 * the table's filters are cleared (rows of a filtered table are not deleted, and values written into
 * it land in the wrong rows), the table is resized to the new row count — extra rows deleted, missing
 * ones added; an emptied table (only its insert row) gets all of them added, its insert row is never
 * deleted — then each column's number format is set again (text columns as "@") and only then the
 * values, so a "=…" or "-" in a text column stays text.
 */
export function queueRows(def: InputSheet, table: TableLike, body: RangeLike, rows: readonly (readonly (string | number | boolean)[])[], replace: boolean): { written: number; refused: string | null } {
  const hasData = body.values.some((r) => r.some((v) => v !== "" && v !== null));
  if (hasData && !replace) return { written: 0, refused: `Bảng "${def.sheetName}" đã có số liệu: chọn “Thay số liệu cũ” nếu muốn thay.` };
  if (!rows.length) return { written: 0, refused: null };
  // The table as it is in the sheet: a column the clerk added stays (blank in the new rows).
  const cols = Math.max(def.columns.length, body.values[0]?.length ?? 0);
  const have = table.rows.count;
  table.clearFilters();
  if (have > rows.length) body.getRow(rows.length).getAbsoluteResizedRange(have - rows.length, cols).delete("Up");
  if (rows.length > have) table.rows.add(undefined, Array.from({ length: rows.length - have }, () => new Array<string>(cols).fill("")));
  const target = table.getDataBodyRange();
  const formats = Array.from({ length: cols }, (_, c) => {
    const column = def.columns[c];
    return column ? COLUMN_FORMATS[column.kind] : "General";
  });
  target.numberFormat = rows.map(() => formats);
  target.values = rows.map((r) => (r.length < cols ? [...r, ...new Array<string>(cols - r.length).fill("")] : [...r]));
  return { written: rows.length, refused: null };
}
