/**
 * Write a built report into the workbook so that a failure never leaves it half built:
 * 1. one sync reads which sheets this add-in created last time (workbook names "chiso766_…" that
 *    point at them: they follow a renamed sheet, so tracking is not by sheet name alone) and which
 *    names are taken;
 * 2. the new sheets are built under temporary names — Phụ lục 1 … 4, "Toàn quốc" when a national
 *    ranking is given (the provinces ranked, the clerk's province row bold and filled, a bar chart of
 *    the totals under the table: shared/layout/national-sheet.ts), "Diễn biến" when a history is given
 *    (12 periods' totals and ranks with colour scales, a line chart of the province's total and groups:
 *    shared/layout/trend-sheet.ts), "Kế hoạch cải thiện" when the report has a plan (the three cheapest
 *    gains and the compliance matrix wrapped, "Đạt" on a green fill, "Chưa đạt" on a red one:
 *    shared/layout/plan-sheet.ts), "Kiểm tra dữ liệu" (issues,
 *    severity coloured by conditional formats, links as one column of HYPERLINK formulas) and
 *    "Dự thảo văn bản" — in as many syncs as keep each request under the budget (batch.ts); if any
 *    of them fails, the temporary sheets are removed and the old report is left as it was;
 * 3. one sync swaps: the first new sheet is activated, the old report's sheets and names go, the new
 *    sheets take their real names and names;
 * 4. page setup (ExcelApi 1.9), in a step of its own that cannot fail the write.
 * Input sheets and any sheet the clerk made are never touched.
 */
import { address, COMPLIANCE_COLOURS, COMPLIANCE_FILLS, fitToWidth, type NationalSheetPlan, planAppendix, planSheet, type PlanSheetPlan, SCALE_COLOURS, SECTION_FILL, SIDE_MARGIN, type Block, type Issue, type Report, type SheetPlan, type TrendSheetPlan } from "../../shared";
import { cellLinkFormula, issueCell, type InputRead } from "../sheets/inputs";
import { Batch, jsonBytes, REQUEST_BUDGET } from "./batch";
import type { ExcelContext, Features, NamedItemLike, PageLayoutLike, RangeLike, WorksheetLike } from "./types";

export const NAME_PREFIX = "chiso766_";
/** Name of a sheet while it is being built (its real name is given once every sheet is complete). */
export const TEMPORARY_PREFIX = "chiso766 đang lập ";
export const FONT = "Times New Roman";
export const FONT_SIZE = 13;
/** Points per character of column width, for Times New Roman 13. */
export const POINTS_PER_CHAR = 7.5;
const GREEN = "#0A7A2F";
const RED = "#C0161C";
const SEVERITY = [
  ["Lỗi", RED],
  ["Cảnh báo", "#8A5A00"],
  ["Ghi chú", "#444444"],
] as const;
const SEVERITY_LABEL = { error: "Lỗi", warning: "Cảnh báo", info: "Ghi chú" } as const;

export interface WriteResult {
  readonly sheets: readonly string[];
  readonly syncs: number;
  readonly replaced: readonly string[];
  /** Page setup: done, not supported by this Excel (below ExcelApi 1.9), or refused (the sheets are written all the same). */
  readonly pageSetup: "done" | "unsupported" | "failed";
}

/** "='Phụ lục 1'!$A$1" → "Phụ lục 1". */
export function sheetOfFormula(formula: unknown): string | null {
  if (typeof formula !== "string") return null;
  const m = /^=?(?:'((?:[^']|'')+)'|([^!'=]+))!/.exec(formula.trim());
  if (!m) return null;
  return (m[1] ?? m[2] ?? "").replace(/''/g, "'");
}

export function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${wanted} (${i})`;
  taken.add(name.toLowerCase());
  return name;
}

export function rangeOf(sheet: WorksheetLike, b: Block): RangeLike {
  return sheet.getRangeByIndexes(b.row, b.col, b.rows, b.cols);
}

export function borders(range: RangeLike): void {
  for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"]) {
    const b = range.format.borders.getItem(edge);
    b.style = "Continuous";
    b.weight = "Thin";
  }
}

/**
 * Queue a block of cells — number formats first, so that a text cell holding "=…" or "-" stays text —
 * in pieces that each fit the request budget.
 */
export async function writeBlock(sheet: WorksheetLike, batch: Batch, row: number, col: number, values: readonly (readonly unknown[])[], formats: readonly (readonly string[])[] | null, as: "values" | "formulas" = "values"): Promise<void> {
  if (!values.length) return;
  const cols = values[0]?.length ?? 0;
  const per = batch.rowsPerPiece(values.length, jsonBytes(values) + (formats ? jsonBytes(formats) : 0));
  for (let start = 0; start < values.length; start += per) {
    const part = values.slice(start, start + per);
    const partFormats = formats?.slice(start, start + per) ?? null;
    await batch.room(jsonBytes(part) + (partFormats ? jsonBytes(partFormats) : 0), partFormats ? 2 : 1);
    const range = sheet.getRangeByIndexes(row + start, col, part.length, cols);
    if (partFormats) range.numberFormat = partFormats as string[][];
    range[as] = part as unknown[][];
  }
}

/** Queue everything one appendix sheet needs. */
async function fillAppendix(sheet: WorksheetLike, plan: SheetPlan, batch: Batch): Promise<void> {
  await writeBlock(sheet, batch, 0, 0, plan.values, plan.numberFormats);
  // The formatting below is a few dozen operations whatever the row count.
  await batch.room(0, 20 + plan.columnCount + plan.merges.length + plan.titleRows.length * 3 + plan.boldRows.length + plan.centred.length);
  const all = rangeOf(sheet, { row: 0, col: 0, rows: plan.values.length, cols: plan.columnCount });
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
}

/** "Toàn quốc": the plan like an appendix's, then the province row filled and the bar chart of the totals under the table. */
async function fillNational(sheet: WorksheetLike, plan: NationalSheetPlan, batch: Batch): Promise<void> {
  await fillAppendix(sheet, plan, batch);
  await batch.room(0, 2 * plan.highlightRows.length + 4);
  for (const r of plan.highlightRows) {
    const row = rangeOf(sheet, { row: r, col: 0, rows: 1, cols: plan.columnCount });
    row.format.fill.color = plan.highlightFill;
    row.format.font.bold = true;
  }
  if (plan.chart) {
    const chart = sheet.charts.add("BarClustered", rangeOf(sheet, plan.chart.source), "Columns");
    chart.title.text = plan.chart.title;
    chart.legend.visible = false;
    const { anchor } = plan.chart;
    chart.setPosition(address({ row: anchor.row, col: anchor.col, rows: 1, cols: 1 }), address({ row: anchor.row + anchor.rows - 1, col: anchor.col + anchor.cols - 1, rows: 1, cols: 1 }));
  }
}

/** Three-colour scales: red, yellow, green — for the totals high is green; for the ranks (inverted) low is. */
const SCALE = SCALE_COLOURS;
/** Points per line of Times New Roman 13 (a wrapped header row's height per line). */
export const LINE_HEIGHT = 17;

function colourScale(range: RangeLike, lowIsGood: boolean): void {
  const cf = range.conditionalFormats.add("ColorScale");
  cf.colorScale.criteria = {
    minimum: { type: "LowestValue", color: lowIsGood ? SCALE.high : SCALE.low },
    midpoint: { type: "Percentile", formula: "50", color: SCALE.mid },
    maximum: { type: "HighestValue", color: lowIsGood ? SCALE.low : SCALE.high },
  };
}

/**
 * "Diễn biến" (shared/layout/trend-sheet.ts): the units' table like an appendix, colour scales on its
 * totals and ranks, the province series and the movers as small bordered tables, and a line chart of
 * the province's total and six groups over the periods beside the movers. A fixed number of operations
 * whatever the number of units (one colour scale per block, not per row).
 */
async function fillTrends(sheet: WorksheetLike, plan: TrendSheetPlan, batch: Batch): Promise<void> {
  await fillAppendix(sheet, plan, batch);
  await batch.room(0, 12 + plan.sections.length * 24);
  if (plan.totals) colourScale(rangeOf(sheet, plan.totals), false);
  if (plan.ranks) colourScale(rangeOf(sheet, plan.ranks), true);
  for (const s of plan.sections) {
    const end = s.body.row + s.body.rows;
    // The appendix's notes are italic down to the last row: these tables are not notes.
    rangeOf(sheet, { row: s.titleRow, col: 0, rows: end - s.titleRow, cols: s.header.cols }).format.font.italic = false;
    rangeOf(sheet, { row: s.titleRow, col: 0, rows: 1, cols: 1 }).format.font.bold = true;
    const header = rangeOf(sheet, s.header);
    header.format.font.bold = true;
    header.format.horizontalAlignment = "Center";
    header.format.fill.color = SECTION_FILL;
    header.format.wrapText = true;
    header.format.rowHeight = LINE_HEIGHT * s.headerLines;
    borders(rangeOf(sheet, { ...s.header, rows: end - s.header.row }));
    if (s.body.rows > 0) rangeOf(sheet, { row: s.body.row, col: 0, rows: s.body.rows, cols: 1 }).format.horizontalAlignment = "Center";
    for (const r of s.boldRows) rangeOf(sheet, { row: r, col: 0, rows: 1, cols: s.body.cols }).format.font.bold = true;
  }
  if (plan.chart) {
    const c = plan.chart;
    const chart = sheet.charts.add("Line", rangeOf(sheet, c.source), c.seriesBy);
    chart.title.text = c.title;
    chart.legend.position = "Bottom";
    chart.axes.categoryAxis.title.text = c.categoryTitle;
    chart.axes.valueAxis.title.text = c.valueTitle;
    chart.setPosition(address({ row: c.anchor.row, col: c.anchor.col, rows: 1, cols: 1 }), address({ row: c.anchor.row + c.anchor.rows - 1, col: c.anchor.col + c.anchor.cols - 1, rows: 1, cols: 1 }));
  }
}

/**
 * "Kế hoạch cải thiện" (shared/layout/plan-sheet.ts): the plan like an appendix, the gains' and the
 * compliance matrix's texts wrapped and top-aligned, and the matrix coloured by two conditional formats —
 * "Đạt…" dark green on a light green fill, "Chưa đạt…" dark red on a light red one ("Không có số liệu"
 * plain). A fixed number of operations whatever the number of units.
 */
async function fillImprovement(sheet: WorksheetLike, plan: PlanSheetPlan, batch: Batch): Promise<void> {
  await fillAppendix(sheet, plan, batch);
  await batch.room(0, 12);
  for (const block of [plan.gains, plan.compliance]) {
    if (!block) continue;
    const range = rangeOf(sheet, block);
    range.format.wrapText = true;
    range.format.verticalAlignment = "Top";
  }
  if (!plan.compliance) return;
  const matrix = rangeOf(sheet, plan.compliance);
  for (const word of ["Đạt", "Chưa đạt"] as const) {
    const cf = matrix.conditionalFormats.add("ContainsText");
    cf.textComparison.format.font.color = COMPLIANCE_COLOURS[word];
    cf.textComparison.format.fill.color = COMPLIANCE_FILLS[word];
    cf.textComparison.rule = { operator: "BeginsWith", text: word };
  }
}

/**
 * The issues as a table: severity coloured by conditional formats, each linked to the input cell it
 * concerns; first what reading the input tables found (their own cells), then the engine's.
 */
async function fillIssues(sheet: WorksheetLike, report: Report, read: InputRead | null, batch: Batch): Promise<void> {
  const problems = read?.problems ?? [];
  const more = (severity: Issue["severity"]) => problems.filter((p) => p.severity === severity).length;
  const title = [`Kiểm tra dữ liệu: ${report.counts.errors + more("error")} lỗi, ${report.counts.warnings + more("warning")} cảnh báo, ${report.counts.infos + more("info")} ghi chú`, "", ""];
  const head = ["Mức độ", "Mã", "Nội dung"];
  const text = ["@", "@", "@"];
  const rows: string[][] = [title, head];
  const links: string[][] = [[""], ["Ô liên quan"]];
  const issues = [...problems, ...report.issues];
  for (const issue of issues) {
    rows.push([SEVERITY_LABEL[issue.severity], issue.code, issue.message]);
    const target = read ? issueCell(issue.location, read.rowMaps, read.indicatorRows) : null;
    links.push([target ? cellLinkFormula(target) : ""]);
  }
  await writeBlock(sheet, batch, 0, 0, rows, rows.map(() => text));
  // The links are formulas: their column keeps the General format.
  await writeBlock(sheet, batch, 0, 3, links, null, "formulas");
  await batch.room(0, 20);
  const all = sheet.getRangeByIndexes(0, 0, rows.length, 4);
  all.format.font.name = FONT;
  all.format.font.size = 12;
  sheet.getRange("A1:D1").format.font.bold = true;
  const header = sheet.getRange("A2:D2");
  header.format.font.bold = true;
  header.format.fill.color = "#E7EEF7";
  for (const [c, w] of [[0, 10], [1, 26], [2, 100], [3, 28]] as const) sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round(w * 6.5);
  const count = Math.max(1, issues.length);
  sheet.getRangeByIndexes(2, 2, count, 1).format.wrapText = true;
  const severity = sheet.getRangeByIndexes(2, 0, count, 1);
  for (const [word, color] of SEVERITY) {
    const cf = severity.conditionalFormats.add("ContainsText");
    cf.textComparison.format.font.color = color;
    cf.textComparison.rule = { operator: "BeginsWith", text: word };
  }
  sheet.freezePanes.freezeRows(2);
}

/**
 * "Dự thảo văn bản": the sentences; then, with a plan, the remedial paragraphs as the letter has them (an
 * opening, "a) Nhóm chỉ số …" per weak group) after a blank row; then (after a blank row) where the figures
 * came from, when the build says so.
 */
async function fillDraft(sheet: WorksheetLike, report: Report, batch: Batch, sources: readonly string[] = []): Promise<void> {
  const remedial = report.narrative.remedial ?? [];
  const sentences = report.narrative.sentences.filter((s) => !remedial.includes(s));
  const lines = [
    "DỰ THẢO CÁC CÂU VĂN CÓ SỐ LIỆU",
    "",
    ...sentences.map((s) => `- ${s}`),
    ...(remedial.length ? ["", ...remedial] : []),
    ...(sources.length ? ["", ...sources.map((s) => `Nguồn số liệu: ${s}`)] : []),
  ];
  await writeBlock(
    sheet,
    batch,
    0,
    0,
    lines.map((l) => [l]),
    lines.map(() => ["@"]),
  );
  await batch.room(0, 6);
  const range = sheet.getRangeByIndexes(0, 0, lines.length, 1);
  range.format.font.name = FONT;
  range.format.font.size = FONT_SIZE;
  range.format.wrapText = true;
  sheet.getRangeByIndexes(0, 0, 1, 1).format.columnWidth = 700;
  sheet.getRange("A1").format.font.bold = true;
}

interface Part {
  readonly key: string;
  readonly wanted: string;
  readonly plan: SheetPlan | null;
  readonly fill: (sheet: WorksheetLike, batch: Batch) => Promise<void>;
}

interface Built {
  readonly part: Part;
  readonly sheet: WorksheetLike;
}

/** Page setup of the appendices (ExcelApi 1.9): A4, fitted to the width (shared/layout/page-fit.ts), header rows repeated. */
function queuePageSetup(built: readonly Built[]): void {
  for (const { sheet, part } of built) {
    if (!part.plan) continue;
    const page = (sheet as WorksheetLike & { pageLayout: PageLayoutLike }).pageLayout;
    const fit = fitToWidth(part.plan.widths.map((w) => Math.round(w * POINTS_PER_CHAR)));
    page.orientation = fit.orientation;
    page.paperSize = "A4";
    page.leftMargin = SIDE_MARGIN;
    page.rightMargin = SIDE_MARGIN;
    page.centerHorizontally = true;
    page.zoom = { scale: fit.scale };
    page.setPrintTitleRows(`$${part.plan.header.row + 1}:$${part.plan.header.row + part.plan.header.rows}`);
  }
}

/** A write that did not complete; its message is whole ("Không ghi xong phụ lục …; sổ tính giữ nguyên …"). */
export class WriteError extends Error {
  override readonly name = "WriteError";
}

export async function writeReport(
  context: ExcelContext,
  report: Report,
  features: Features,
  read: InputRead | null = null,
  budget = REQUEST_BUDGET,
  national: NationalSheetPlan | null = null,
  trends: TrendSheetPlan | null = null,
  sources: readonly string[] = [],
): Promise<WriteResult> {
  const { names, worksheets } = context.workbook;
  names.load("items/name,items/formula");
  worksheets.load("items/name");
  await context.sync();

  // The sheets this add-in created before, found through its named references.
  const ourNames: NamedItemLike[] = [];
  const ours = new Set<string>();
  for (const n of names.items) {
    if (!n.name.startsWith(NAME_PREFIX)) continue;
    ourNames.push(n);
    const sheet = sheetOfFormula(n.formula);
    if (sheet) ours.add(sheet.toLowerCase());
  }
  // Ours too: sheets left by a build that failed and could not clean up after itself.
  const old = worksheets.items.filter((s) => ours.has(s.name.toLowerCase()) || s.name.startsWith(TEMPORARY_PREFIX));
  const replaced = old.map((s) => s.name);
  const taken = new Set(worksheets.items.map((s) => s.name.toLowerCase()));
  const staying = new Set(worksheets.items.filter((s) => !ours.has(s.name.toLowerCase())).map((s) => s.name.toLowerCase()));

  // The plan's sheet, when the build asked for a plan (the input had per-indicator figures).
  const improvement = report.plan ? planSheet(report.plan, { provinceName: report.province.name }) : null;
  const parts: Part[] = [
    ...report.appendices.map((table): Part => {
      const plan = planAppendix(table);
      return {
        key: table.id,
        wanted: table.sheetName,
        plan,
        fill: async (sheet, batch) => {
          await fillAppendix(sheet, plan, batch);
          if (table.id === "PL2" && plan.body.rows > 0) {
            await batch.room(0, 4);
            const chart = sheet.charts.add("BarClustered", rangeOf(sheet, { row: plan.body.row, col: 1, rows: plan.body.rows, cols: 2 }), "Columns");
            chart.title.text = "Điểm tổng hợp xếp hạng";
            chart.legend.visible = false;
            chart.setPosition(address({ row: plan.header.row, col: plan.columnCount + 1, rows: 1, cols: 1 }), address({ row: plan.header.row + 28, col: plan.columnCount + 9, rows: 1, cols: 1 }));
          }
        },
      };
    }),
    ...(national ? [{ key: "TQ", wanted: national.name, plan: national, fill: (sheet: WorksheetLike, batch: Batch) => fillNational(sheet, national, batch) }] : []),
    ...(trends ? [{ key: "DB", wanted: trends.name, plan: trends, fill: (sheet: WorksheetLike, batch: Batch) => fillTrends(sheet, trends, batch) }] : []),
    ...(improvement ? [{ key: "KHCT", wanted: improvement.name, plan: improvement, fill: (sheet: WorksheetLike, batch: Batch) => fillImprovement(sheet, improvement, batch) }] : []),
    { key: "KTDL", wanted: "Kiểm tra dữ liệu", plan: null, fill: (sheet, batch) => fillIssues(sheet, report, read, batch) },
    { key: "DTVB", wanted: "Dự thảo văn bản", plan: null, fill: (sheet, batch) => fillDraft(sheet, report, batch, sources) },
  ];

  // Build every sheet under a temporary name; the old report stays as it is until all are complete.
  const batch = new Batch(context, budget);
  const built: Built[] = [];
  try {
    for (const [i, part] of parts.entries()) {
      await batch.room(0, 2);
      const sheet = worksheets.add(uniqueName(`${TEMPORARY_PREFIX}${i + 1}`, taken));
      built.push({ part, sheet });
      await part.fill(sheet, batch);
    }
    await batch.flush();
  } catch (err) {
    await discard(context, built);
    throw new WriteError(`Không ghi xong phụ lục (${err instanceof Error ? err.message : String(err)}). Sổ tính giữ nguyên các sheet phụ lục cũ; bấm “Lập phụ lục” lại.`);
  }

  // Swap: new sheets in, old ones out, in one request (the new sheets exist, so none is the last visible).
  built[0]?.sheet.activate();
  for (const n of ourNames) n.delete();
  for (const s of old) s.delete();
  const sheets: string[] = [];
  for (const { part, sheet } of built) {
    const name = uniqueName(part.wanted, staying);
    sheet.name = name;
    names.add(`${NAME_PREFIX}${part.key}`, sheet.getRange("A1"), "Sheet do chiso766 tạo; lập lại phụ lục sẽ thay sheet này.");
    sheets.push(name);
  }
  await context.sync();

  let pageSetup: WriteResult["pageSetup"] = "unsupported";
  if (features.pageLayout) {
    try {
      queuePageSetup(built);
      await context.sync();
      pageSetup = "done";
    } catch {
      pageSetup = "failed";
    }
  }
  return { sheets, syncs: 2 + batch.syncs + (features.pageLayout ? 1 : 0), replaced, pageSetup };
}

/** Remove the sheets of a write that failed (best effort: the error that stopped it is what the clerk needs to see). */
async function discard(context: ExcelContext, built: readonly Built[]): Promise<void> {
  if (!built.length) return;
  try {
    for (const { sheet } of built) sheet.delete();
    await context.sync();
  } catch {
    // The workbook keeps a sheet named "chiso766 đang lập …": the next build removes it with the old report.
  }
}
