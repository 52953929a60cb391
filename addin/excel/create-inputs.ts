/**
 * "Tạo bảng nhập liệu": one sheet per dataset with an Excel table, Vietnamese headers, widths and
 * number formats. A sheet or table that already exists is left exactly as it is (the clerk's data is
 * never overwritten). Two syncs: look, then create what is missing.
 */
import { COLUMN_FORMATS, INPUT_SHEETS, TABLE_HEADER_ROW } from "../sheets/inputs";
import { columnLetter } from "../../shared";
import type { DataValidationLike, ExcelContext, Features, RangeLike, TableLike, WorksheetLike } from "./types";


/** Rows of each input column that get data validation. */
const VALIDATED_ROWS = 2000;

export async function createInputSheets(context: ExcelContext, features: Features = { pageLayout: false }): Promise<{ created: string[]; kept: string[]; syncs: number }> {
  const looks = INPUT_SHEETS.map((def) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(def.sheetName);
    sheet.load("name");
    const table = context.workbook.tables.getItemOrNullObject(def.tableName);
    table.load("name");
    return { def, sheet, table };
  });
  await context.sync();
  const created: string[] = [];
  const kept: string[] = [];
  for (const { def, sheet, table } of looks) {
    if (!sheet.isNullObject || !(table as TableLike).isNullObject) {
      kept.push(def.sheetName);
      continue;
    }
    const ws: WorksheetLike = context.workbook.worksheets.add(def.sheetName);
    const last = columnLetter(def.columns.length - 1);
    const title = ws.getRange("A1");
    title.values = [[def.title]];
    title.format.font.bold = true;
    const headerRow = TABLE_HEADER_ROW;
    const header = ws.getRange(`A${headerRow}:${last}${headerRow}`);
    header.values = [def.columns.map((c) => c.header)];
    const t = ws.tables.add(`A${headerRow}:${last}${headerRow + 1}`, true);
    t.name = def.tableName;
    // The table's first body row carries each column's format; Excel extends it to rows the clerk adds.
    ws.getRange(`A${headerRow + 1}:${last}${headerRow + 1}`).numberFormat = [def.columns.map((c) => COLUMN_FORMATS[c.kind])];
    def.columns.forEach((c, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = Math.round(c.width * 7)));
    if (features.dataValidation) {
      def.columns.forEach((c, i) => {
        if (c.kind !== "count" && c.kind !== "points") return;
        const v = (ws.getRangeByIndexes(headerRow, i, VALIDATED_ROWS, 1) as RangeLike & { dataValidation: DataValidationLike }).dataValidation;
        // Text is let through (the clerk may paste "11.212" or "62,3"): the engine reads it; obvious slips are stopped.
        v.rule = c.kind === "count" ? { wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } } : { decimal: { formula1: 0, formula2: 100, operator: "Between" } };
        v.errorAlert = { showAlert: true, style: "Warning", title: "Kiểm tra số liệu", message: c.kind === "count" ? "Số lượng phải là số nguyên không âm." : "Điểm phải từ 0 đến 100." };
      });
    }
    ws.freezePanes.freezeRows(headerRow);
    created.push(def.sheetName);
  }
  if (created.length) await context.sync();
  return { created, kept, syncs: created.length ? 2 : 1 };
}
