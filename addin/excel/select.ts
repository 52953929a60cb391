/** Select the cell an issue points at ("'Nhập - Hồ sơ quá hạn'!B25"). One sync. */
import type { ExcelContext } from "./types";

export async function selectCell(context: ExcelContext, reference: string): Promise<boolean> {
  const m = /^'((?:[^']|'')+)'!([A-Z]+\d+(?::[A-Z]+\d+)?)$/.exec(reference);
  if (!m?.[1] || !m[2]) return false;
  const sheet = context.workbook.worksheets.getItemOrNullObject(m[1].replace(/''/g, "'"));
  sheet.load("name");
  await context.sync();
  if (sheet.isNullObject) return false;
  sheet.activate();
  sheet.getRange(m[2]).select();
  await context.sync();
  return true;
}
