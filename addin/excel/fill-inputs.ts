/**
 * Fill one input table with rows that came from the Worker (e.g. fetched from the portal): find the
 * table, read its rows (a missing table must not be asked for its body: two syncs), then write (third). A table that already holds data is left alone unless
 * the clerk asked to replace it; replacing removes the old rows so the table does not grow each time.
 */
import { inputSheet, type InputSheet } from "../sheets/inputs";
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
  const body = table.getDataBodyRange();
  body.load("values");
  await context.sync();
  const queued = queueRows(def, table, body, rows, replace);
  if (queued.refused || !queued.written) return { ...queued, syncs: 2 };
  await context.sync();
  return { ...queued, syncs: 3 };
}

/**
 * Queue the writing of `rows` into an input table whose body values are loaded (no sync here): refused
 * when the table holds data and the clerk did not ask to replace it; otherwise the old rows go (blank
 * ones too: a new table's empty first row would stay above the data) and the new ones are added.
 */
export function queueRows(def: InputSheet, table: TableLike, body: RangeLike, rows: readonly (readonly (string | number | boolean)[])[], replace: boolean): { written: number; refused: string | null } {
  const hasData = body.values.some((r) => r.some((v) => v !== "" && v !== null));
  if (hasData && !replace) return { written: 0, refused: `Bảng "${def.sheetName}" đã có số liệu: chọn “Thay số liệu cũ” nếu muốn thay.` };
  if (!rows.length) return { written: 0, refused: null };
  if (body.values.length) body.delete("Up");
  table.rows.add(undefined, rows.map((r) => [...r]));
  return { written: rows.length, refused: null };
}
