/**
 * Pure: the sheet "Toàn quốc" — the provinces of one national summary ranked (national/ranking.ts, or
 * the Worker's GET /v1/national/periods/{period}, which carries the same entries) — as a table of the
 * appendices' shape, then as a sheet plan (./sheet-plan.ts), so the add-in (addin/excel/write-report.ts)
 * and an .xlsx (./workbook.ts nationalSheet) write the same cells: Hạng, Tỉnh, thành phố, Tổng điểm, So
 * với kỳ trước (điểm, bậc), then each of the six groups' score and rank. The clerk's province row is
 * bold and filled; a clustered bar chart of the totals goes under the table (inside the printed width).
 */
import type { GroupCode } from "../model";
import type { NationalRanking } from "../national/ranking";
import { parsePeriod, periodKey, periodLabel } from "../period";
import { GROUP_CODES, PORTAL_GROUPS } from "../rules/methodology";
import { formatIndex, formatPoints } from "../text/vn-number";
import { planAppendix, type Block, type PlannedTable, type SheetPlan } from "./sheet-plan";
import { blankCell, column, textCell, type ColumnDef, type HeaderCell, type TableCell } from "./table";

export const NATIONAL_SHEET = "Toàn quốc";
/** The fill of the clerk's province row. */
export const HIGHLIGHT_FILL = "#FFF2CC";
/** The six groups, in the letters' order (as national/ranking.ts NATIONAL_GROUPS). */
const GROUPS: readonly GroupCode[] = GROUP_CODES;
/** Rows the chart takes under the table. */
const CHART_ROWS = 32;

/** One province of a ranked national summary: NationalEntry of national/ranking.ts, or its JSON. */
export interface NationalSheetEntry {
  readonly code: string;
  readonly name: string;
  readonly total: number | null;
  readonly rank: number | null;
  readonly groups: Readonly<Partial<Record<GroupCode, { readonly score: number | null; readonly rank: number | null }>>>;
  readonly change: { readonly pointsText: string; readonly text: string };
}

export interface NationalSheetSource {
  /** Period key: "2026-08", "2026-Q3", "2026". */
  readonly period: string;
  /** The period the change is against, when one was compared. */
  readonly previousPeriod: string | null;
  /** How many provinces the ranks are out of (34 from 1/7/2025); the entries' count when null. */
  readonly denominator: number | null;
  readonly entries: readonly NationalSheetEntry[];
}

export interface NationalChartPlan {
  readonly title: string;
  /** Names and totals side by side: categories in the first column, the one series in the second. */
  readonly source: Block;
  /** Where the chart sits: under the table, as wide as its first columns. */
  readonly anchor: Block;
}

export interface NationalSheetPlan extends SheetPlan {
  /** The clerk's province row(s): bold (also in boldRows) and filled. */
  readonly highlightRows: readonly number[];
  readonly highlightFill: string;
  readonly chart: NationalChartPlan | null;
}

/** The engine's ranking (national/ranking.ts) as the sheet's source. */
export function nationalSheetSource(ranking: NationalRanking): NationalSheetSource {
  return { period: periodKey(ranking.period), previousPeriod: ranking.previousPeriod ? periodKey(ranking.previousPeriod) : null, denominator: ranking.denominator, entries: ranking.entries };
}

const groupName = (g: GroupCode) => PORTAL_GROUPS.find((x) => x.code === g)?.nameVi ?? g;

function points(v: number | null | undefined): TableCell {
  return typeof v === "number" ? { value: v, text: formatPoints(v), kind: "points" } : blankCell("points");
}

function rankCell(v: number | null | undefined): TableCell {
  return typeof v === "number" ? { value: v, text: formatIndex(v), kind: "index" } : blankCell("index");
}

function deltaText(text: string): TableCell {
  if (!text) return blankCell("delta");
  const tone = /^Tăng/.test(text) ? "up" : /^Giảm/.test(text) ? "down" : "same";
  return { value: text, text, kind: "delta", tone };
}

const sameCode = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/** "Toàn quốc" as a table of the appendices' shape (the HTML preview or a CSV could draw it too). */
export function nationalTable(source: NationalSheetSource, province: string | null = null): PlannedTable {
  const period = parsePeriod(source.period);
  const previous = source.previousPeriod ? parsePeriod(source.previousPeriod) : null;
  const of = source.denominator ?? source.entries.length;
  const columns: ColumnDef[] = [column("rank", 6, "index"), column("name", 23, "text"), column("total", 9, "points"), column("points", 11, "delta"), column("places", 12, "text")];
  const header: HeaderCell[] = [
    { text: "Hạng", row: 0, col: 0, rowSpan: 2, colSpan: 1 },
    { text: "Tỉnh, thành phố", row: 0, col: 1, rowSpan: 2, colSpan: 1 },
    { text: "Tổng điểm", row: 0, col: 2, rowSpan: 2, colSpan: 1 },
    { text: "So với kỳ trước", row: 0, col: 3, rowSpan: 1, colSpan: 2 },
    { text: "Điểm", row: 1, col: 3, rowSpan: 1, colSpan: 1 },
    { text: "Bậc", row: 1, col: 4, rowSpan: 1, colSpan: 1 },
  ];
  GROUPS.forEach((g, i) => {
    const col = 5 + 2 * i;
    columns.push(column(`${g}.score`, 7, "points"), column(`${g}.rank`, 6, "index"));
    header.push({ text: groupName(g), row: 0, col, rowSpan: 1, colSpan: 2 }, { text: "Điểm", row: 1, col, rowSpan: 1, colSpan: 1 }, { text: "Hạng", row: 1, col: col + 1, rowSpan: 1, colSpan: 1 });
  });
  const mine = province ? source.entries.find((e) => sameCode(e.code, province)) : undefined;
  const rows = source.entries.map((e) => ({
    cells: [rankCell(e.rank), textCell(e.name), points(e.total), deltaText(e.change.pointsText), textCell(e.change.text), ...GROUPS.flatMap((g) => [points(e.groups[g]?.score), rankCell(e.groups[g]?.rank)])],
    unitId: e.code,
    ...(e === mine ? { bold: true } : {}),
  }));
  // One line of notes, so that the table and its notes print on one A4 page more often.
  const notes = [
    [
      "Nguồn: Cổng Dịch vụ công quốc gia; bằng điểm thì cùng hạng.",
      ...(mine ? [`Dòng tô màu: ${mine.name}${mine.rank !== null ? `, xếp hạng ${mine.rank}/${of}` : ""}.`] : province ? [`Bảng không có tỉnh, thành phố mã "${province}".`] : []),
      ...(previous ? [] : ["Chưa có bảng toàn quốc kỳ trước: không tính thay đổi."]),
    ].join(" "),
  ];
  return {
    sheetName: NATIONAL_SHEET,
    titleLines: [
      { text: `BẢNG XẾP HẠNG BỘ CHỈ SỐ 766 CỦA ${of} TỈNH, THÀNH PHỐ`, bold: true },
      { text: (period ? periodLabel(period) : source.period).toUpperCase(), bold: true },
      ...(previous ? [{ text: `(So với ${periodLabel(previous)})`, italic: true }] : []),
    ],
    columns,
    header,
    headerRowCount: 2,
    rows,
    notes,
  };
}

/** The sheet plan of "Toàn quốc": the table's plan, the province row to highlight, the chart. */
export function planNational(source: NationalSheetSource, province: string | null = null): NationalSheetPlan {
  const plan = planAppendix(nationalTable(source, province));
  const n = plan.body.rows;
  return {
    ...plan,
    highlightRows: plan.boldRows,
    highlightFill: HIGHLIGHT_FILL,
    chart: n > 0 ? { title: "Tổng điểm Bộ chỉ số 766 theo tỉnh, thành phố", source: { row: plan.body.row, col: 1, rows: n, cols: 2 }, anchor: { row: plan.values.length + 1, col: 1, rows: CHART_ROWS, cols: 9 } } : null,
  };
}
