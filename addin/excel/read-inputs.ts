/**
 * Read every input table in one sync. A missing table is simply absent from the result (the engine
 * then reports what it lacks); nothing is written.
 */
import { INPUT_SHEETS, type InputSheet, type InputTables } from "./inputs";
import type { ExcelContext, RangeLike, TableLike } from "./types";

export async function readInputTables(context: ExcelContext): Promise<{ tables: InputTables; syncs: number; missing: string[] }> {
  const queued: { sheet: InputSheet; table: TableLike; body: RangeLike }[] = [];
  for (const sheet of INPUT_SHEETS) {
    const table = context.workbook.tables.getItemOrNullObject(sheet.tableName);
    table.load("name");
    const body = table.getDataBodyRange();
    body.load("values");
    queued.push({ sheet, table, body });
  }
  await context.sync();
  const tables: Record<string, unknown[][]> = {};
  const missing: string[] = [];
  for (const q of queued) {
    if (q.table.isNullObject) missing.push(q.sheet.sheetName);
    else tables[q.sheet.id] = q.body.values;
  }
  return { tables: tables as InputTables, syncs: 1, missing };
}
