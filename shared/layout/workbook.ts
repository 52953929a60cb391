/**
 * A built report as an .xlsx workbook, for offices whose Excel cannot run the add-in: "Phụ lục 1" …
 * "Phụ lục 4" laid out from the same sheet plans the add-in writes (./sheet-plan.ts) with the same
 * formats as addin/excel/write-report.ts (Times New Roman 13, bordered table, bold centred wrapped
 * header, number formats, frozen header rows, "Tăng" green / "Giảm" red, A4 portrait one page wide
 * with the header repeated on every page), then "Kiểm tra dữ liệu" (the issues, severity coloured) and
 * "Dự thảo văn bản" (the letter's sentences). No chart (the add-in draws one; this file has none).
 *
 * Takes the parts of a report it needs (any Report fits), so this stage imports no later one.
 */
import { columnLabel, where } from "../issues";
import type { Issue, Severity } from "../model";
import { type CellStyle, type SheetCell, type SheetSpec, type WorkbookSpec, writeXlsx } from "../xlsx/spreadsheet";
import { fitToWidth } from "./page-fit";
import type { NationalSheetPlan } from "./national-sheet";
import { SCALE_COLOURS, type TrendSheetPlan } from "./trend-sheet";
import { COMPLIANCE_COLOURS, planSheet, type PlanSheetPlan } from "./plan-sheet";
import type { PlanDatasets } from "../plan/plan";
import { planAppendix, type SheetPlan } from "./sheet-plan";
import type { AppendixTable } from "./table";

export interface WorkbookSource {
  readonly appendices: readonly AppendixTable[];
  readonly issues: readonly Issue[];
  readonly narrative: { readonly sentences: readonly string[] };
  readonly counts: { readonly errors: number; readonly warnings: number; readonly infos: number };
  /** The improvement plan, when the build asked for one (BuildOptions.plan): adds "Kế hoạch cải thiện". */
  readonly plan?: PlanDatasets;
  readonly province?: { readonly name: string };
}

/** As the add-in writes them (addin/excel/write-report.ts). */
export const WORKBOOK_FONT = "Times New Roman";
export const WORKBOOK_FONT_SIZE = 13;
export const ISSUES_FONT_SIZE = 12;
export const DELTA_COLOURS = { Tăng: "#0A7A2F", Giảm: "#C0161C" } as const;
export const SEVERITY_COLOURS: Readonly<Record<Severity, string>> = { error: "#C0161C", warning: "#8A5A00", info: "#444444" };
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { error: "Lỗi", warning: "Cảnh báo", info: "Ghi chú" };
export const ISSUES_SHEET = "Kiểm tra dữ liệu";
export const DRAFT_SHEET = "Dự thảo văn bản";
/** The add-in's column width: 7.5 points per character of the plan's widths, i.e. 10 pixels. */
const PX_PER_CHAR = 10;
const POINTS_PER_CHAR = 7.5;
/** Issue sheet columns in pixels: severity, code, message (wrapped), place. */
const ISSUE_WIDTHS_PX = [80, 230, 560, 260];
const DRAFT_WIDTH_PX = 700;
const HEADER_FILL = "#E7EEF7";

/** One frozen style object per combination, so the writer looks each up once. */
function styleCache() {
  const cache = new Map<string, CellStyle>();
  return (key: string, make: () => CellStyle): CellStyle => {
    let s = cache.get(key);
    if (!s) {
      s = Object.freeze(make());
      cache.set(key, s);
    }
    return s;
  };
}

/** An appendix's sheet, cell by cell, from its plan. */
export function appendixSheet(plan: SheetPlan): SheetSpec {
  const style = styleCache();
  const headerEnd = plan.header.row + plan.header.rows;
  const bodyEnd = plan.body.row + plan.body.rows;
  const titles = new Map(plan.titleRows.map((t) => [t.row, t]));
  const bold = new Set(plan.boldRows);
  const centred = new Set(plan.centred);

  // What a row is decides most of its cells' style: computed once a row, then one style per
  // (row kind, column, number format), so a 10,000-row sheet builds a handful of style objects.
  const rowKind = (r: number): string => {
    const title = titles.get(r);
    if (title) return `t${+title.bold}${+title.italic}`;
    if (r >= plan.header.row && r < headerEnd) return "h";
    if (r >= plan.body.row && r < bodyEnd) return bold.has(r) ? "B" : "b";
    return r >= plan.notesRow ? "n" : "-";
  };
  const rows: SheetCell[][] = plan.values.map((line, r) => {
    const kind = rowKind(r);
    const formats = plan.numberFormats[r];
    return line.map((value, c) => {
      const numberFormat = formats?.[c] ?? "@";
      return {
        value,
        style: style(`${kind}|${c}|${numberFormat}`, () => {
          const title = titles.get(r);
          const inHeader = kind === "h";
          const inBody = kind === "b" || kind === "B";
          const isBold = title ? title.bold : inHeader || kind === "B";
          const italic = title ? title.italic : kind === "n" && c === 0;
          const horizontal = title || inHeader || (inBody && centred.has(c)) ? "center" : undefined;
          return {
            font: { name: WORKBOOK_FONT, size: WORKBOOK_FONT_SIZE, ...(isBold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) },
            numberFormat,
            vertical: "center",
            ...(horizontal ? { horizontal } : {}),
            ...(inHeader ? { wrap: true } : {}),
            ...(inHeader || inBody ? { border: true } : {}),
          };
        }),
      };
    });
  });

  const deltaRange = plan.deltaColumn !== null && plan.body.rows > 0 ? { row: plan.body.row, col: plan.deltaColumn, rows: plan.body.rows, cols: 1 } : null;
  return {
    name: plan.name,
    rows,
    columnWidths: plan.widths.map((w) => w * PX_PER_CHAR),
    merges: plan.merges,
    frozenRows: headerEnd,
    textColours: deltaRange ? (Object.entries(DELTA_COLOURS) as [string, string][]).map(([word, color]) => ({ range: deltaRange, beginsWith: word, color })) : [],
    // Portrait, or landscape where portrait would shrink the print too far — as the add-in sets it.
    page: { orientation: fitToWidth(plan.widths.map((w) => w * POINTS_PER_CHAR)).orientation === "Landscape" ? "landscape" : "portrait", fitToWidth: true, centerHorizontally: true, titleRows: { first: plan.header.row, count: plan.header.rows } },
  };
}

/**
 * "Toàn quốc" (./national-sheet.ts) as an appendix sheet whose province row is also filled. No chart:
 * this writer has none (the add-in draws the plan's chart).
 */
export function nationalSheet(plan: NationalSheetPlan): SheetSpec {
  const spec = appendixSheet(plan);
  const highlight = new Set(plan.highlightRows);
  const filled = new Map<CellStyle, CellStyle>();
  const fill = (style: CellStyle | undefined): CellStyle => {
    const base = style ?? {};
    let s = filled.get(base);
    if (!s) {
      s = Object.freeze({ ...base, fill: plan.highlightFill });
      filled.set(base, s);
    }
    return s;
  };
  return { ...spec, rows: spec.rows.map((line, r) => (highlight.has(r) ? line.map((cell) => (cell ? { ...cell, style: fill(cell.style) } : cell)) : line)) };
}

/**
 * "Diễn biến" (./trend-sheet.ts) as an appendix sheet, with the add-in's colour scales (totals: high
 * green; ranks: low green) and its small tables (province series, risers and fallers) bordered, their
 * header bold, filled and wrapped. No chart: this writer has none (the add-in draws the plan's chart).
 */
export function trendSheet(plan: TrendSheetPlan): SheetSpec {
  const spec = appendixSheet(plan);
  const style = styleCache();
  const font = { name: WORKBOOK_FONT, size: WORKBOOK_FONT_SIZE };
  const rows = spec.rows.map((line) => [...line]);
  const put = (r: number, c: number, s: CellStyle) => {
    const line = rows[r];
    if (line) line[c] = { value: plan.values[r]?.[c] ?? "", style: s };
  };
  for (const s of plan.sections) {
    put(s.titleRow, 0, style("title", () => ({ font: { ...font, bold: true }, numberFormat: "@" })));
    const bold = new Set(s.boldRows);
    for (let r = s.header.row; r < s.body.row + s.body.rows; r++) {
      const head = r === s.header.row;
      for (let c = 0; c < s.header.cols; c++) {
        const numberFormat = plan.numberFormats[r]?.[c] ?? "@";
        const strong = head || bold.has(r);
        const centre = head || c === 0;
        put(
          r,
          c,
          style(`${+head}${+strong}${+centre}|${numberFormat}`, () => ({
            font: { ...font, ...(strong ? { bold: true } : {}) },
            numberFormat,
            border: true,
            vertical: "center",
            ...(centre ? { horizontal: "center" } : {}),
            ...(head ? { wrap: true, fill: HEADER_FILL } : {}),
          })),
        );
      }
    }
  }
  const { low, mid, high } = SCALE_COLOURS;
  return {
    ...spec,
    rows,
    colourScales: [...(plan.totals ? [{ range: plan.totals, colours: [low, mid, high] as const }] : []), ...(plan.ranks ? [{ range: plan.ranks, colours: [high, mid, low] as const }] : [])],
  };
}

/**
 * "Kế hoạch cải thiện" (./plan-sheet.ts) as an appendix sheet: the gains' and the compliance matrix's
 * texts wrapped, "Đạt" green and "Chưa đạt" red (as "Tăng" / "Giảm" in the appendices).
 */
export function improvementSheet(plan: PlanSheetPlan): SheetSpec {
  const spec = appendixSheet(plan);
  const wrapped = new Map<CellStyle, CellStyle>();
  const wrap = (style: CellStyle | undefined): CellStyle => {
    const base = style ?? {};
    let s = wrapped.get(base);
    if (!s) {
      s = Object.freeze({ ...base, wrap: true, vertical: "top" });
      wrapped.set(base, s);
    }
    return s;
  };
  const blocks = [plan.gains, plan.compliance].filter((b): b is NonNullable<typeof b> => b !== null);
  const inBlock = (r: number, c: number) => blocks.some((b) => r >= b.row && r < b.row + b.rows && c >= b.col && c < b.col + b.cols);
  const rows = spec.rows.map((line, r) => (r >= plan.body.row && r < plan.body.row + plan.body.rows ? line.map((cell, c) => (cell && inBlock(r, c) ? { ...cell, style: wrap(cell.style) } : cell)) : line));
  const matrix = plan.compliance;
  return { ...spec, rows, textColours: matrix ? (Object.entries(COMPLIANCE_COLOURS) as [string, string][]).map(([word, color]) => ({ range: matrix, beginsWith: word, color })) : [] };
}

/** Where an issue is, as text: "Phụ lục 3, dòng 22, cột Tổng số". */
export function issuePlace(issue: Issue): string {
  const column = issue.location.column;
  return column ? `${where(issue.location)}, cột ${columnLabel(column)}` : where(issue.location);
}

/** "Kiểm tra dữ liệu": a title with the counts, then severity, code, message and place of each issue. */
export function issuesSheet(report: Pick<WorkbookSource, "issues" | "counts">): SheetSpec {
  const font = { name: WORKBOOK_FONT, size: ISSUES_FONT_SIZE };
  const title: CellStyle = { font: { ...font, bold: true }, numberFormat: "@" };
  const head: CellStyle = { font: { ...font, bold: true }, fill: HEADER_FILL, border: true, numberFormat: "@", horizontal: "center", vertical: "center", wrap: true };
  const text: CellStyle = { font, border: true, numberFormat: "@", vertical: "top", wrap: true };
  const severity = Object.fromEntries(
    (Object.keys(SEVERITY_COLOURS) as Severity[]).map((s) => [s, { font: { ...font, bold: s === "error", color: SEVERITY_COLOURS[s] }, border: true, numberFormat: "@", vertical: "top" } satisfies CellStyle]),
  ) as Record<Severity, CellStyle>;
  const { errors, warnings, infos } = report.counts;
  const rows: SheetCell[][] = [
    [{ value: `Kiểm tra dữ liệu: ${errors} lỗi, ${warnings} cảnh báo, ${infos} ghi chú`, style: title }],
    ["Mức độ", "Mã", "Nội dung", "Vị trí"].map((value) => ({ value, style: head })),
    ...report.issues.map((i) => [
      { value: SEVERITY_LABELS[i.severity], style: severity[i.severity] },
      { value: i.code, style: text },
      { value: i.message, style: text },
      { value: issuePlace(i), style: text },
    ]),
  ];
  if (!report.issues.length) rows.push([{ value: "Không phát hiện lỗi nào.", style: { font: { ...font, italic: true } } }]);
  return {
    name: ISSUES_SHEET,
    rows,
    columnWidths: ISSUE_WIDTHS_PX,
    frozenRows: 2,
    page: { orientation: "landscape", fitToWidth: true, titleRows: { first: 1, count: 1 } },
  };
}

/** "Dự thảo văn bản": the sentences with figures, one a row, wrapped in one wide column. */
export function draftSheet(narrative: WorkbookSource["narrative"]): SheetSpec {
  const font = { name: WORKBOOK_FONT, size: WORKBOOK_FONT_SIZE };
  const line: CellStyle = { font, numberFormat: "@", vertical: "top", wrap: true };
  return {
    name: DRAFT_SHEET,
    rows: [[{ value: "DỰ THẢO CÁC CÂU VĂN CÓ SỐ LIỆU", style: { ...line, font: { ...font, bold: true } } }], [], ...narrative.sentences.map((s) => [{ value: `- ${s}`, style: line }])],
    columnWidths: [DRAFT_WIDTH_PX],
    page: { orientation: "portrait", fitToWidth: true },
  };
}

/** What else the workbook may hold: "Diễn biến" when the route has the province's history. */
export interface WorkbookExtras {
  readonly trends?: TrendSheetPlan | null;
}

/** The whole workbook: the four appendices, "Diễn biến" when given, "Kế hoạch cải thiện" when the report has a plan, the issues, the draft sentences. */
export function reportWorkbook(report: WorkbookSource, extras: WorkbookExtras = {}): WorkbookSpec {
  return {
    sheets: [
      ...report.appendices.map((t) => appendixSheet(planAppendix(t))),
      ...(extras.trends ? [trendSheet(extras.trends)] : []),
      ...(report.plan ? [improvementSheet(planSheet(report.plan, { provinceName: report.province?.name ?? "" }))] : []),
      issuesSheet(report),
      draftSheet(report.narrative),
    ],
    creator: "chiso766",
  };
}

/** The report as .xlsx bytes. */
export function reportXlsx(report: WorkbookSource, extras: WorkbookExtras = {}): Uint8Array {
  return writeXlsx(reportWorkbook(report, extras));
}
