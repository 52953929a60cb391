/**
 * The sheet "Mô phỏng" in the workbook (laid out by addin/sheets/simulation.ts), found through its
 * workbook name (chiso766mp_MoPhong: it follows a renamed sheet; "Lập phụ lục" does not replace it):
 * - {@link readSimulationSheet}: find it (1 sync), read its used range — values and number formats —
 *   (1 sync); null when the workbook has none;
 * - {@link writeSimulationSheet}: the new sheet built under a temporary name, then swapped for the old
 *   one in one request, as the report's sheets are (a failure leaves the old sheet, typed figures and
 *   all); a fixed number of syncs whatever the number of units (the batch splits only past the request
 *   budget) and a fixed number of formatting operations;
 * - {@link writeSimulationResult}: the previous result block cleared, the new one written beside the
 *   input area (from column N), the sheet activated and the block's first cell selected: one sync.
 * The input sheets are never touched.
 */
import { INPUT_FILL, RESULT_COL, RESULT_WIDTHS, SIMULATION_NAME, type Block, type ResultBlock, type SimulationLayout, type SimulationSheet } from "../sheets/simulation";
import { SECTION_FILL } from "../../shared";
import { Batch, REQUEST_BUDGET } from "./batch";
import type { ExcelContext, NamedItemLike, WorksheetLike } from "./types";
import { borders, FONT, LINE_HEIGHT, POINTS_PER_CHAR, rangeOf, sheetOfFormula, TEMPORARY_PREFIX, uniqueName, WriteError, writeBlock } from "./write-report";

/** The sheet's font size (a working sheet of thousands of rows, as "Kiểm tra dữ liệu"). */
const FONT_SIZE = 12;
/** Points per character of column width at that size. */
const WIDTH = POINTS_PER_CHAR;
/** The header cells of the columns the clerk types into: a darker yellow. */
const INPUT_HEADER_FILL = "#FFE699";
/** The widest column the read looks at (A:Z covers the input area and the result block). */
const READ_COLUMNS = "A:Z";

/** What the read found: the sheet as laid out, and where the old result block ends. */
export interface SimulationRead extends SimulationSheet {
  /** The result block's cells to clear before writing a new one; null when there is none. */
  readonly result: Block | null;
}

interface Found {
  readonly sheet: WorksheetLike | null;
  readonly name: NamedItemLike | null;
  /** Every sheet name, lower case. */
  readonly taken: Set<string>;
}

/** The add-in's "Mô phỏng" through its workbook name, and the names taken (1 sync). */
async function findSimulationSheet(context: ExcelContext): Promise<Found> {
  const { names, worksheets } = context.workbook;
  names.load("items/name,items/formula");
  worksheets.load("items/name");
  await context.sync();
  const name = names.items.find((n) => n.name === SIMULATION_NAME) ?? null;
  const target = sheetOfFormula(name?.formula)?.toLowerCase();
  const sheet = target ? (worksheets.items.find((s) => s.name.toLowerCase() === target) ?? null) : null;
  return { sheet, name, taken: new Set(worksheets.items.map((s) => s.name.toLowerCase())) };
}

/** The sheet's used range (values, number formats) and the old result block's extent; null without the sheet. 2 syncs. */
export async function readSimulationSheet(context: ExcelContext): Promise<{ read: SimulationRead | null; syncs: number }> {
  const found = await findSimulationSheet(context);
  if (!found.sheet) return { read: null, syncs: 1 };
  const used = found.sheet.getRange(READ_COLUMNS).getUsedRangeOrNullObject();
  used.load("values,numberFormat,rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  const name = found.sheet.name;
  if (used.isNullObject) return { read: { sheet: name, row: 0, col: 0, values: [], formats: [], result: null }, syncs: 2 };
  const right = used.columnIndex + used.columnCount;
  const bottom = used.rowIndex + used.rowCount;
  const result = right > RESULT_COL ? { row: 0, col: RESULT_COL, rows: bottom, cols: right - RESULT_COL } : null;
  return { read: { sheet: name, row: used.rowIndex, col: used.columnIndex, values: used.values, formats: used.numberFormat, result }, syncs: 2 };
}

/** Queue the input area: values and formats, widths, the merged title rows, the header, borders, the input columns tinted. */
async function fillSimulation(sheet: WorksheetLike, layout: SimulationLayout, batch: Batch): Promise<void> {
  await writeBlock(sheet, batch, 0, 0, layout.values, layout.numberFormats);
  const cols = layout.header.cols;
  await batch.room(0, 30 + cols + layout.titleRows.length * 4);
  const all = rangeOf(sheet, { row: 0, col: 0, rows: layout.values.length, cols });
  all.format.font.name = FONT;
  all.format.font.size = FONT_SIZE;
  all.format.verticalAlignment = "Center";
  layout.widths.forEach((w, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round(w * WIDTH)));
  for (const r of layout.titleRows) {
    const title = rangeOf(sheet, { row: r, col: 0, rows: 1, cols });
    title.merge(false);
    title.format.wrapText = true;
    if (r === 0) title.format.font.bold = true;
    else {
      title.format.font.italic = true;
      title.format.rowHeight = LINE_HEIGHT * 2;
    }
  }
  const header = rangeOf(sheet, layout.header);
  header.format.font.bold = true;
  header.format.horizontalAlignment = "Center";
  header.format.wrapText = true;
  header.format.fill.color = SECTION_FILL;
  // "Cần thêm để đạt ngưỡng" in 10 characters: three lines.
  header.format.rowHeight = LINE_HEIGHT * 3;
  borders(rangeOf(sheet, { ...layout.header, rows: layout.header.rows + layout.body.rows }));
  if (layout.input) {
    rangeOf(sheet, layout.input).format.fill.color = INPUT_FILL;
    rangeOf(sheet, { row: layout.header.row, col: layout.input.col, rows: 1, cols: layout.input.cols }).format.fill.color = INPUT_HEADER_FILL;
    rangeOf(sheet, { row: layout.body.row, col: 1, rows: layout.body.rows, cols: 1 }).format.horizontalAlignment = "Center";
  }
  sheet.freezePanes.freezeRows(layout.header.row + 1);
}

/**
 * Create or refresh "Mô phỏng": built under a temporary name, then in one request the old sheet and its
 * name go, the new sheet takes the name "Mô phỏng" and the workbook name. What was typed is the
 * layout's already (the caller read it first). Syncs: 1 + the batch (1 below the budget) + 1.
 */
export async function writeSimulationSheet(context: ExcelContext, layout: SimulationLayout, budget = REQUEST_BUDGET): Promise<{ sheet: string; syncs: number }> {
  const found = await findSimulationSheet(context);
  const batch = new Batch(context, budget);
  const temporary = uniqueName(`${TEMPORARY_PREFIX}mô phỏng`, found.taken);
  let sheet: WorksheetLike | null = null;
  try {
    await batch.room(0, 2);
    sheet = context.workbook.worksheets.add(temporary);
    await fillSimulation(sheet, layout, batch);
    await batch.flush();
  } catch (err) {
    if (sheet) {
      try {
        sheet.delete();
        await context.sync();
      } catch {
        // Left as "chiso766 đang lập …": the next "Lập phụ lục" removes it.
      }
    }
    throw new WriteError(`Không ghi xong sheet “${layout.name}” (${err instanceof Error ? err.message : String(err)}). Sheet cũ và số đã gõ giữ nguyên; bấm “Mô phỏng” lại.`);
  }
  // The old sheet's name is free once it goes (read before it does).
  const old = found.sheet?.name.toLowerCase();
  const name = uniqueName(layout.name, new Set([...found.taken].filter((n) => n !== old && n !== temporary.toLowerCase())));
  sheet.activate();
  found.name?.delete();
  found.sheet?.delete();
  sheet.name = name;
  context.workbook.names.add(SIMULATION_NAME, sheet.getRange("A1"), "Sheet Mô phỏng do chiso766 tạo; bấm “Mô phỏng” để làm mới (số đã gõ được giữ).");
  await context.sync();
  return { sheet: name, syncs: 2 + batch.syncs };
}

/** Write the result block beside the input area (the old one cleared first), show it. Syncs: 1 below the budget. */
export async function writeSimulationResult(context: ExcelContext, sheetName: string, block: ResultBlock, clear: Block | null, budget = REQUEST_BUDGET): Promise<{ syncs: number }> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
  const batch = new Batch(context, budget);
  const width = RESULT_WIDTHS.length;
  await batch.room(0, 1);
  if (clear) rangeOf(sheet, clear).clear("All");
  await writeBlock(sheet, batch, 0, RESULT_COL, block.values, block.values.map((r) => r.map(() => "@")));
  // Nothing wraps: the block's rows are the input area's rows too, and must keep their height; the last
  // column's text ("Vượt qua") runs on into the empty cells after it.
  await batch.room(0, 12 + width + block.sections.length * 12);
  const all = rangeOf(sheet, { row: 0, col: RESULT_COL, rows: block.values.length, cols: width });
  all.format.font.name = FONT;
  all.format.font.size = FONT_SIZE;
  RESULT_WIDTHS.forEach((w, c) => (sheet.getRangeByIndexes(0, RESULT_COL + c, 1, 1).format.columnWidth = Math.round(w * WIDTH)));
  for (const r of block.boldRows) rangeOf(sheet, { row: r, col: RESULT_COL, rows: 1, cols: 1 }).format.font.bold = true;
  for (const r of block.italicRows) rangeOf(sheet, { row: r, col: RESULT_COL, rows: 1, cols: 1 }).format.font.italic = true;
  for (const s of block.sections) {
    const at = (b: Block) => ({ ...b, col: RESULT_COL + b.col });
    rangeOf(sheet, { row: s.title, col: RESULT_COL, rows: 1, cols: 1 }).format.font.bold = true;
    const header = rangeOf(sheet, at(s.header));
    header.format.font.bold = true;
    header.format.fill.color = SECTION_FILL;
    header.format.horizontalAlignment = "Center";
    borders(rangeOf(sheet, at({ ...s.header, rows: s.header.rows + s.body.rows })));
  }
  sheet.activate();
  sheet.getRangeByIndexes(0, RESULT_COL, 1, 1).select();
  await batch.flush();
  return { syncs: batch.syncs };
}
