/**
 * Write a built report into the workbook in two syncs, whatever the row count:
 * 1. read which sheets this add-in created last time (workbook names "chiso766_…" that point at
 *    them: they follow a renamed sheet, so tracking is not by sheet name alone) and which names are
 *    taken;
 * 2. delete those sheets, then add and fill "Phụ lục 1" … "Phụ lục 4", "Kiểm tra dữ liệu" (issues
 *    linked to their input cells) and "Dự thảo văn bản" (the letter's sentences), each sheet's data
 *    in one 2-D assignment, formatting, merges, a ranking chart, page setup where supported.
 * Input sheets and any sheet the clerk made are never touched.
 */
import { address, planAppendix, type Block, type Report, type SheetPlan } from "../../shared";
import { issueCell, type InputRead } from "../sheets/inputs";
import type { ExcelContext, Features, PageLayoutLike, RangeLike, WorksheetLike } from "./types";

export const NAME_PREFIX = "chiso766_";
const FONT = "Times New Roman";
const FONT_SIZE = 13;
/** Points per character of column width, for Times New Roman 13. */
const POINTS_PER_CHAR = 7.5;
const GREEN = "#0A7A2F";
const RED = "#C0161C";

export interface WriteResult {
  readonly sheets: readonly string[];
  readonly syncs: number;
  readonly replaced: readonly string[];
}

/** "='Phụ lục 1'!$A$1" → "Phụ lục 1". */
export function sheetOfFormula(formula: unknown): string | null {
  if (typeof formula !== "string") return null;
  const m = /^=?(?:'((?:[^']|'')+)'|([^!'=]+))!/.exec(formula.trim());
  if (!m) return null;
  return (m[1] ?? m[2] ?? "").replace(/''/g, "'");
}

function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${wanted} (${i})`;
  taken.add(name.toLowerCase());
  return name;
}

function rangeOf(sheet: WorksheetLike, b: Block): RangeLike {
  return sheet.getRangeByIndexes(b.row, b.col, b.rows, b.cols);
}

function borders(range: RangeLike): void {
  for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"]) {
    const b = range.format.borders.getItem(edge);
    b.style = "Continuous";
    b.weight = "Thin";
  }
}

/** Queue everything one appendix sheet needs (no sync here). */
function fillAppendix(sheet: WorksheetLike, plan: SheetPlan, features: Features): void {
  const all = rangeOf(sheet, { row: 0, col: 0, rows: plan.values.length, cols: plan.columnCount });
  all.numberFormat = plan.numberFormats;
  all.values = plan.values;
  all.format.font.name = FONT;
  all.format.font.size = FONT_SIZE;
  all.format.verticalAlignment = "Center";
  plan.widths.forEach((w, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round(w * POINTS_PER_CHAR)));
  for (const m of plan.merges) rangeOf(sheet, m).merge(false);
  for (const t of plan.titleRows) {
    const r = rangeOf(sheet, { row: t.row, col: 0, rows: 1, cols: plan.columnCount });
    r.format.horizontalAlignment = "Center";
    r.format.font.bold = t.bold;
    r.format.font.italic = t.italic;
  }
  const header = rangeOf(sheet, plan.header);
  header.format.font.bold = true;
  header.format.horizontalAlignment = "Center";
  header.format.wrapText = true;
  borders(rangeOf(sheet, { ...plan.header, rows: plan.header.rows + plan.body.rows }));
  for (const r of plan.boldRows) rangeOf(sheet, { row: r, col: 0, rows: 1, cols: plan.columnCount }).format.font.bold = true;
  if (plan.body.rows > 0) for (const c of plan.centred) rangeOf(sheet, { row: plan.body.row, col: c, rows: plan.body.rows, cols: 1 }).format.horizontalAlignment = "Center";
  if (plan.deltaColumn !== null && plan.body.rows > 0) {
    const delta = rangeOf(sheet, { row: plan.body.row, col: plan.deltaColumn, rows: plan.body.rows, cols: 1 });
    for (const [word, color] of [["Tăng", GREEN], ["Giảm", RED]] as const) {
      const cf = delta.conditionalFormats.add("ContainsText");
      cf.textComparison.format.font.color = color;
      cf.textComparison.rule = { operator: "BeginsWith", text: word };
    }
  }
  if (plan.notesRow < plan.values.length) {
    rangeOf(sheet, { row: plan.notesRow, col: 0, rows: plan.values.length - plan.notesRow, cols: 1 }).format.font.italic = true;
  }
  sheet.freezePanes.freezeRows(plan.header.row + plan.header.rows);
  if (features.pageLayout) {
    const page = (sheet as WorksheetLike & { pageLayout: PageLayoutLike }).pageLayout;
    page.orientation = "Portrait";
    page.paperSize = "A4";
    page.centerHorizontally = true;
    page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    page.setPrintTitleRows(`$${plan.header.row + 1}:$${plan.header.row + plan.header.rows}`);
  }
}

/** The issues as a table, each linked to the input cell it concerns. */
function fillIssues(sheet: WorksheetLike, report: Report, read: InputRead | null): void {
  const head = ["Mức độ", "Mã", "Nội dung", "Ô liên quan"];
  const label = { error: "Lỗi", warning: "Cảnh báo", info: "Ghi chú" } as const;
  const rows = report.issues.map((i) => {
    const target = read ? issueCell(i.location, read.rowMaps) : null;
    return [label[i.severity], i.code, i.message, target ? `${target.sheet}!${target.address}` : ""];
  });
  const title = [`Kiểm tra dữ liệu: ${report.counts.errors} lỗi, ${report.counts.warnings} cảnh báo, ${report.counts.infos} ghi chú`, "", "", ""];
  const values = [title, head, ...rows];
  const range = sheet.getRangeByIndexes(0, 0, values.length, 4);
  range.numberFormat = values.map(() => ["@", "@", "@", "@"]);
  range.values = values;
  range.format.font.name = FONT;
  range.format.font.size = 12;
  sheet.getRange("A1:D1").format.font.bold = true;
  const header = sheet.getRange("A2:D2");
  header.format.font.bold = true;
  header.format.fill.color = "#E7EEF7";
  for (const [c, w] of [[0, 10], [1, 26], [2, 100], [3, 28]] as const) sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round(w * 6.5);
  sheet.getRangeByIndexes(2, 2, Math.max(1, rows.length), 1).format.wrapText = true;
  report.issues.forEach((issue, i) => {
    const target = read ? issueCell(issue.location, read.rowMaps) : null;
    const cell = sheet.getRangeByIndexes(i + 2, 0, 1, 1);
    cell.format.font.color = issue.severity === "error" ? RED : issue.severity === "warning" ? "#8A5A00" : "#444444";
    if (target) {
      sheet.getRangeByIndexes(i + 2, 3, 1, 1).hyperlink = { documentReference: `'${target.sheet.replace(/'/g, "''")}'!${target.address}`, textToDisplay: `${target.sheet}!${target.address}`, screenTip: "Đi tới ô dữ liệu" };
    }
  });
  sheet.freezePanes.freezeRows(2);
}

function fillDraft(sheet: WorksheetLike, report: Report): void {
  const lines = ["DỰ THẢO CÁC CÂU VĂN CÓ SỐ LIỆU", "", ...report.narrative.sentences.map((s) => `- ${s}`)];
  const range = sheet.getRangeByIndexes(0, 0, lines.length, 1);
  range.numberFormat = lines.map(() => ["@"]);
  range.values = lines.map((l) => [l]);
  range.format.font.name = FONT;
  range.format.font.size = FONT_SIZE;
  range.format.wrapText = true;
  sheet.getRangeByIndexes(0, 0, 1, 1).format.columnWidth = 700;
  sheet.getRange("A1").format.font.bold = true;
}

export async function writeReport(context: ExcelContext, report: Report, features: Features, read: InputRead | null = null): Promise<WriteResult> {
  const { names, worksheets } = context.workbook;
  names.load("items/name,items/formula");
  worksheets.load("items/name,items/id");
  await context.sync();

  // Sheets this add-in created before, found through its named references.
  const ours = new Map<string, string>();
  for (const n of names.items) {
    if (!n.name.startsWith(NAME_PREFIX)) continue;
    const sheet = sheetOfFormula(n.formula);
    if (sheet) ours.set(sheet.toLowerCase(), n.name);
    n.delete();
  }
  const replaced: string[] = [];
  const taken = new Set<string>();
  for (const s of worksheets.items) {
    if (ours.has(s.name.toLowerCase())) {
      replaced.push(s.name);
      s.delete();
    } else taken.add(s.name.toLowerCase());
  }

  const written: string[] = [];
  const add = (key: string, wanted: string): { sheet: WorksheetLike; name: string } => {
    const name = uniqueName(wanted, taken);
    const sheet = worksheets.add(name);
    names.add(`${NAME_PREFIX}${key}`, sheet.getRange("A1"), "Sheet do chiso766 tạo; lập lại phụ lục sẽ thay sheet này.");
    written.push(name);
    return { sheet, name };
  };

  let first: WorksheetLike | null = null;
  for (const table of report.appendices) {
    const { sheet, name } = add(table.id, table.sheetName);
    const plan = planAppendix(table, name);
    fillAppendix(sheet, plan, features);
    first ??= sheet;
    if (table.id === "PL2" && plan.body.rows > 0) {
      const chart = sheet.charts.add("BarClustered", rangeOf(sheet, { row: plan.body.row, col: 1, rows: plan.body.rows, cols: 2 }), "Columns");
      chart.title.text = "Điểm tổng hợp xếp hạng";
      chart.legend.visible = false;
      chart.setPosition(`${address({ row: plan.header.row, col: plan.columnCount + 1, rows: 1, cols: 1 })}`, `${address({ row: plan.header.row + 28, col: plan.columnCount + 9, rows: 1, cols: 1 })}`);
    }
  }
  fillIssues(add("KTDL", "Kiểm tra dữ liệu").sheet, report, read);
  fillDraft(add("DTVB", "Dự thảo văn bản").sheet, report);
  first?.activate();
  await context.sync();
  return { sheets: written, syncs: 2, replaced };
}
