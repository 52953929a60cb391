/**
 * Pure: the sheet "Diễn biến" — the trends of compare/trends.ts over the last 12 periods — as a table of
 * the appendices' shape, then as a sheet plan (./sheet-plan.ts) that the add-in (addin/excel/write-report.ts)
 * writes, in the style of "Toàn quốc" (./national-sheet.ts):
 *
 * 1. the units, one row per line (a unit before and after the 1/7/2025 reform are two lines): STT, Đơn
 *    vị, the 12 periods' total, the 12 periods' rank (two blocks, so that each takes one colour scale:
 *    high total green, low rank green), and "Cảnh báo" ("Giảm 3 kỳ liên tiếp", in red like a delta);
 *    three header rows (block, year, month) keep the rank columns narrow enough for A4 landscape;
 * 2. under it, the province's series — total and the six groups per period — which the line chart plots
 *    (rows are series, the header row the categories);
 * 3. the 5 risers and 5 fallers (from the line's first to its last figure in the window), with the
 *    chart beside them, inside the printed width.
 */
import type { ProvinceHistory } from "../api-responses";
import { CATALOGS } from "../catalog";
import { provinceByCode } from "../catalog/provinces";
import { trends, withCurrentPeriod, type CurrentUnitFigure, type Trends, type TrendLine } from "../compare/trends";
import type { Period } from "../model";
import { parsePeriod, periodKey, periodLabel } from "../period";
import { PORTAL_GROUPS } from "../rules/methodology";
import { formatIndex, formatPoints } from "../text/vn-number";
import { planAppendix, type Block, type PlannedTable, type SheetPlan } from "./sheet-plan";
import { NUMBER_FORMATS, blankCell, column, textCell, type ColumnDef, type HeaderCell, type TableCell } from "./table";

export const TREND_SHEET = "Diễn biến";
/** The colour scales' colours (as Excel's red–yellow–green scale): totals low → high; ranks the other way round. */
export const SCALE_COLOURS = { low: "#F8696B", mid: "#FFEB84", high: "#63BE7B" } as const;
/** The fill of the small tables' header rows. */
export const SECTION_FILL = "#E7EEF7";
/** Column widths (characters): STT, Đơn vị, a total, a rank, Cảnh báo. */
const WIDTH = { index: 4, name: 25, total: 6, rank: 4, flag: 16 } as const;
/** Rows and columns the chart takes beside the risers and fallers. */
const CHART_ROWS = 22;
const CHART_COL = 8;

/** The province as the titles name it. */
export interface TrendProvince {
  /** "Thành phố" / "Tỉnh". */
  readonly provinceWord: string;
  /** "Thành phố Hà Nội". */
  readonly provinceName?: string;
}

export interface TrendChartPlan {
  readonly title: string;
  /** The series block with its header row (categories) and first column (series names); top-left cell blank. */
  readonly source: Block;
  readonly seriesBy: "Rows";
  readonly seriesNames: readonly string[];
  readonly categories: readonly string[];
  readonly categoryTitle: string;
  readonly valueTitle: string;
  readonly anchor: Block;
}

/** A small table under the main one: its title row (bold, left), header and body (rows to print bold among them). */
export interface TrendSection {
  readonly titleRow: number;
  /** Lines the header's wrapped labels take ("Điểm / đầu"): its row is that many lines high. */
  readonly headerLines: number;
  readonly header: Block;
  readonly body: Block;
  readonly boldRows: readonly number[];
  /** Its merged cells (also in the plan's merges). */
  readonly merges: readonly Block[];
}

export interface TrendSheetPlan extends SheetPlan {
  /** The units' totals (body rows × periods): colour scale, high = green. Null without units. */
  readonly totals: Block | null;
  /** The units' ranks: colour scale inverted, low rank = green. */
  readonly ranks: Block | null;
  /** The province series, then the risers and fallers. */
  readonly sections: readonly TrendSection[];
  readonly chart: TrendChartPlan | null;
}

/** "T9/25", "Q3/25", "Năm 2025": a period in a header cell or on the chart's axis. */
export function periodShort(p: Period): string {
  const yy = String(p.year % 100).padStart(2, "0");
  if (p.kind === "month") return `T${p.month}/${yy}`;
  if (p.kind === "quarter") return `Q${p.quarter}/${yy}`;
  return `Năm ${p.year}`;
}

const KIND_WORD = { month: "THÁNG", quarter: "QUÝ", year: "NĂM" } as const;

function points(v: number | null | undefined): TableCell {
  return typeof v === "number" ? { value: v, text: formatPoints(v), kind: "points" } : blankCell("points");
}

function rankCell(v: number | null | undefined): TableCell {
  return typeof v === "number" ? { value: v, text: formatIndex(v), kind: "index" } : blankCell("index");
}

export function flagText(line: Pick<TrendLine, "falling">, run = 3): string {
  return line.falling >= run ? `Giảm ${line.falling} kỳ liên tiếp` : "";
}

/** The units' table: STT, Đơn vị, totals, ranks, Cảnh báo. */
export function trendTable(t: Trends, province: TrendProvince): PlannedTable {
  const periods = t.periods.map((k) => parsePeriod(k) as Period);
  const n = periods.length;
  const first = periods[0] as Period;
  const last = periods[n - 1] as Period;
  const byYear = first.kind !== "year";
  const columns: ColumnDef[] = [column("index", WIDTH.index, "index"), column("name", WIDTH.name, "text")];
  for (const p of t.periods) columns.push(column(`total.${p}`, WIDTH.total, "points"));
  for (const p of t.periods) columns.push(column(`rank.${p}`, WIDTH.rank, "index"));
  columns.push(column("flag", WIDTH.flag, "delta"));
  const rows = byYear ? 3 : 2;
  const header: HeaderCell[] = [
    { text: "STT", row: 0, col: 0, rowSpan: rows, colSpan: 1 },
    { text: "Đơn vị", row: 0, col: 1, rowSpan: rows, colSpan: 1 },
    { text: "Tổng điểm", row: 0, col: 2, rowSpan: 1, colSpan: n },
    { text: "Xếp hạng", row: 0, col: 2 + n, rowSpan: 1, colSpan: n },
    { text: "Cảnh báo", row: 0, col: 2 + 2 * n, rowSpan: rows, colSpan: 1 },
  ];
  for (const start of [2, 2 + n]) {
    if (byYear) {
      // The year over its months (or quarters), then "T9" / "Q3" under it.
      let i = 0;
      while (i < n) {
        const year = (periods[i] as Period).year;
        let j = i;
        while (j < n && (periods[j] as Period).year === year) j++;
        header.push({ text: String(year), row: 1, col: start + i, rowSpan: 1, colSpan: j - i });
        i = j;
      }
      periods.forEach((p, k) => header.push({ text: p.kind === "month" ? `T${p.month}` : p.kind === "quarter" ? `Q${p.quarter}` : String(p.year), row: 2, col: start + k, rowSpan: 1, colSpan: 1 }));
    } else periods.forEach((p, k) => header.push({ text: String(p.year), row: 1, col: start + k, rowSpan: 1, colSpan: 1 }));
  }
  const body = t.lines.map((line, i) => {
    const flag = flagText(line);
    return {
      cells: [rankCell(i + 1), textCell(line.name), ...line.totals.map(points), ...line.ranks.map(rankCell), flag ? ({ value: flag, text: flag, kind: "delta", tone: "down" } as TableCell) : blankCell("delta")],
      unitId: line.unitId,
    };
  });
  const who = province.provinceName ?? province.provinceWord;
  return {
    sheetName: TREND_SHEET,
    titleLines: [
      { text: `DIỄN BIẾN BỘ CHỈ SỐ 766 CÁC ĐƠN VỊ CỦA ${who.toUpperCase()}`, bold: true },
      { text: `${n} ${KIND_WORD[last.kind]} GẦN NHẤT: TỪ ${periodLabel(first).toUpperCase()} ĐẾN ${periodLabel(last).toUpperCase()}`, bold: true },
      { text: "(Tổng điểm và xếp hạng từng kỳ; ô trống: kỳ đó đơn vị không có số liệu)", italic: true },
    ],
    columns,
    header,
    headerRowCount: rows,
    rows: body,
    notes: [
      `Cảnh báo “Giảm N kỳ liên tiếp”: tổng điểm giảm ít nhất 3 kỳ liền nhau, tính đến ${periodLabel(last)}. Đơn vị trước và sau sắp xếp ngày 1/7/2025 là các dòng riêng: không tính tăng, giảm nối qua hai dòng.`,
    ],
  };
}

/** The movers' change: a number printed with its sign ("+8.85", "-11.22"). */
export const SIGNED_POINTS = "+0.00;-0.00;0.00";

/** The sheet plan of "Diễn biến": the units' table, the province series (the chart's source), the movers, the chart. */
export function planTrends(t: Trends, province: TrendProvince): TrendSheetPlan {
  const base = planAppendix(trendTable(t, province));
  const cols = base.columnCount;
  const n = t.periods.length;
  const periods = t.periods.map((k) => parsePeriod(k) as Period);
  const values = base.values.map((r) => [...r]);
  const formats = base.numberFormats.map((r) => [...r]);
  const sections: TrendSection[] = [];
  const row = (cells: (string | number)[], fmt?: string[]) => {
    const line = [...cells, ...new Array<string>(Math.max(0, cols - cells.length)).fill("")];
    values.push(line);
    formats.push(fmt ? [...fmt, ...new Array<string>(Math.max(0, cols - fmt.length)).fill("@")] : line.map(() => "@"));
    return values.length - 1;
  };
  const num = (v: number | null | undefined) => (typeof v === "number" ? v : "");
  const numFmt = (v: number | null | undefined) => (typeof v === "number" ? NUMBER_FORMATS.points : "@");
  const who = province.provinceWord.charAt(0).toUpperCase() + province.provinceWord.slice(1);

  // The province series: the chart plots these 7 rows against the header row's periods.
  row([]);
  const seriesTitle = row([`Diễn biến của ${who}: tổng điểm và sáu nhóm chỉ số`]);
  const categories = periods.map(periodShort);
  const seriesHeader = row(["", "", ...categories]);
  const seriesNames = ["Tổng điểm", ...PORTAL_GROUPS.map((g) => g.nameVi)];
  const series: (readonly (number | null)[])[] = [t.provinceSeries.map((p) => p.total), ...PORTAL_GROUPS.map((g) => t.provinceSeries.map((p) => p.groups[g.code] ?? null))];
  const seriesStart = values.length;
  series.forEach((s, i) => row([i + 1, seriesNames[i] as string, ...s.map(num)], [NUMBER_FORMATS.index, "@", ...s.map(numFmt)]));
  sections.push({ titleRow: seriesTitle, headerLines: 1, header: { row: seriesHeader, col: 0, rows: 1, cols: 2 + n }, body: { row: seriesStart, col: 0, rows: series.length, cols: 2 + n }, boldRows: [seriesStart], merges: [] });

  // Risers and fallers, one table: header, "Tăng nhiều nhất" and its rows, "Giảm nhiều nhất" and its rows.
  row([]);
  const moversTitle = row([`Đơn vị tăng, giảm nhiều nhất: tổng điểm từ kỳ đầu đến kỳ cuối có số liệu của cùng đơn vị trong ${n} kỳ`]);
  const moversHeader = row(["STT", "Đơn vị", "Điểm đầu", "Kỳ đầu", "Điểm cuối", "Kỳ cuối", "Thay đổi"]);
  const moversStart = values.length;
  const bold: number[] = [];
  const merges: Block[] = [];
  const short = (k: string) => {
    const p = parsePeriod(k);
    return p ? periodShort(p) : k;
  };
  for (const [label, list] of [
    ["Tăng nhiều nhất", t.risers],
    ["Giảm nhiều nhất", t.fallers],
  ] as const) {
    const r = row([label]);
    bold.push(r);
    merges.push({ row: r, col: 0, rows: 1, cols: 7 });
    if (!list.length) row(["", "(không có đơn vị nào)"]);
    list.forEach((m, i) => row([i + 1, m.line.name, m.from.total, short(m.from.period), m.to.total, short(m.to.period), m.delta], [NUMBER_FORMATS.index, "@", NUMBER_FORMATS.points, "@", NUMBER_FORMATS.points, "@", SIGNED_POINTS]));
  }
  sections.push({ titleRow: moversTitle, headerLines: 2, header: { row: moversHeader, col: 0, rows: 1, cols: 7 }, body: { row: moversStart, col: 0, rows: values.length - moversStart, cols: 7 }, boldRows: bold, merges });

  const hasSeries = t.provinceSeries.some((p) => p.total !== null);
  const totals = base.body.rows > 0 ? { row: base.body.row, col: 2, rows: base.body.rows, cols: n } : null;
  return {
    ...base,
    values,
    numberFormats: formats,
    merges: [...base.merges, ...merges],
    totals,
    ranks: totals ? { ...totals, col: 2 + n } : null,
    sections,
    chart: hasSeries
      ? {
          title: `Diễn biến điểm Bộ chỉ số 766 của ${who}`,
          source: { row: seriesHeader, col: 1, rows: 1 + series.length, cols: 1 + n },
          seriesBy: "Rows",
          seriesNames,
          categories,
          categoryTitle: periods[0]?.kind === "quarter" ? "Quý" : periods[0]?.kind === "year" ? "Năm" : "Tháng",
          valueTitle: "Điểm",
          anchor: { row: moversHeader, col: CHART_COL, rows: CHART_ROWS, cols: cols - CHART_COL },
        }
      : null,
  };
}

/** "Thành phố" or "Tỉnh", as the catalog (or the directory of provinces) names the province. */
function provinceWord(province: string, name: string): string {
  const known = CATALOGS[province]?.provinceWord;
  if (known) return known;
  return provinceByCode(province)?.kind === "thanh_pho_tw" || /^Thành phố/i.test(name) ? "Thành phố" : "Tỉnh";
}

/** What "Diễn biến" takes from the report just built: the province and Phụ lục 2's ranking. */
export interface TrendReport {
  readonly province: { readonly id: string; readonly name: string };
  readonly ranking: { readonly level: TrendLine["level"]; readonly entries: readonly CurrentUnitFigure[] };
}

/**
 * The sheet "Diễn biến" of a report: the stored history with the report's own period as the report has
 * it (Phụ lục 2's totals and ranks), over the last 12 periods; null when there is nothing to show.
 * The add-in writes it into the workbook, the Worker into its .xlsx.
 */
export function trendSheetFor(history: ProvinceHistory, report: TrendReport, period: Period): TrendSheetPlan | null {
  const key = periodKey(period);
  const current = withCurrentPeriod(history, key, report.ranking.entries, report.ranking.level);
  const t = trends(current, { at: key });
  if (!t) return null;
  return planTrends(t, { provinceWord: provinceWord(report.province.id, report.province.name), provinceName: report.province.name });
}
