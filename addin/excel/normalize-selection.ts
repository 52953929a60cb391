/**
 * "Chuẩn hoá vùng đã chọn": read the block the clerk selected (one sync), normalise it for the chosen
 * input table, and append the rows to that table (second sync). A table that already holds data is
 * left alone unless the clerk asked to replace it; the pasted block itself is never changed.
 */
import type { Catalog } from "../../shared";
import { queueRows } from "./fill-inputs";
import { inputSheet, type InputSheet } from "../sheets/inputs";
import { normalizePaste, type Normalized } from "../sheets/normalize";
import type { ExcelContext } from "./types";

export interface NormalizeResult {
  readonly normalized: Normalized | null;
  /** Sheet of the pasted block (issues point into it). */
  readonly sourceSheet: string;
  readonly written: number;
  readonly refused: string | null;
  readonly syncs: number;
}

export async function normalizeSelection(context: ExcelContext, target: InputSheet["id"], catalog: Catalog, date: string, replace: boolean): Promise<NormalizeResult> {
  const def = inputSheet(target);
  const selected = context.workbook.getSelectedRange();
  selected.load("values,rowIndex,columnIndex");
  selected.worksheet.load("name");
  const table = context.workbook.tables.getItemOrNullObject(def.tableName);
  table.load("name");
  await context.sync();
  const sourceSheet = selected.worksheet.name;
  if (table.isNullObject) return { normalized: null, sourceSheet, written: 0, refused: `Chưa có bảng "${def.sheetName}": bấm “Tạo bảng nhập liệu” trước.`, syncs: 1 };
  const body = table.getDataBodyRange();
  body.load("values");
  await context.sync();
  if (sourceSheet === def.sheetName) return { normalized: null, sourceSheet, written: 0, refused: "Vùng chọn đang ở chính bảng nhập liệu: dán số liệu vào một sheet khác rồi chọn vùng đó.", syncs: 1 };
  const normalized = normalizePaste(selected.values, target, catalog, date, { row: selected.rowIndex, col: selected.columnIndex });
  const queued = queueRows(def, table, body, normalized.rows, replace);
  if (queued.refused || !queued.written) return { normalized, sourceSheet, ...queued, syncs: 2 };
  await context.sync();
  return { normalized, sourceSheet, ...queued, syncs: 3 };
}
