/**
 * Read every input table in one sync. A missing table is simply absent from the result (the engine
 * then reports what it lacks); nothing is written.
 */
import { INPUT_SHEETS, type InputSheet, type InputTables } from "../sheets/inputs";
import type { ExcelContext, RangeLike, TableLike } from "./types";

export async function readInputTables(context: ExcelContext): Promise<{ tables: InputTables; syncs: number; missing: string[] }> {
  try {
    return await readInOneSync(context);
  } catch {
    // A missing table can make the whole batch fail in some Excel versions (its body range is asked of
    // a null object): look first, then read only the tables that exist.
    return await readInTwoSyncs(context);
  }
}

async function readInOneSync(context: ExcelContext): Promise<{ tables: InputTables; syncs: number; missing: string[] }> {
  const queued: { sheet: InputSheet; table: TableLike; body: RangeLike }[] = [];
  for (const sheet of INPUT_SHEETS) {
    const table = context.workbook.tables.getItemOrNullObject(sheet.tableName);
    table.load("name");
    const body = table.getDataBodyRange();
    body.load("values");
    queued.push({ sheet, table, body });
  }
  await context.sync();
  return collect(queued, 1);
}

async function readInTwoSyncs(context: ExcelContext): Promise<{ tables: InputTables; syncs: number; missing: string[] }> {
  const looks = INPUT_SHEETS.map((sheet) => {
    const table = context.workbook.tables.getItemOrNullObject(sheet.tableName);
    table.load("name");
    return { sheet, table };
  });
  await context.sync();
  const queued = looks.map(({ sheet, table }) => {
    const body = table.isNullObject ? null : table.getDataBodyRange();
    body?.load("values");
    return { sheet, table, body };
  });
  await context.sync();
  return collect(queued, 2);
}

function collect(queued: { sheet: InputSheet; table: TableLike; body: RangeLike | null }[], syncs: number): { tables: InputTables; syncs: number; missing: string[] } {
  const tables: Record<string, unknown[][]> = {};
  const missing: string[] = [];
  for (const q of queued) {
    if (q.table.isNullObject || !q.body) missing.push(q.sheet.sheetName);
    else tables[q.sheet.id] = q.body.values;
  }
  return { tables: tables as InputTables, syncs, missing };
}
