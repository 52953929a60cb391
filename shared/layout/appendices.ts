/**
 * Phụ lục 1–4 as table models that mirror seed 000 (Hà Nội, 12/2024): title lines, multi-row headers
 * with merged cells, rows, each cell's value, printed text and kind, and footnotes.
 */
import type { ComparisonStatus, UnitComparison } from "../compare/deltas";
import { comparisonText } from "../compare/deltas";
import type { Catalog, GroupCode, Methodology, Period, UnitLevel } from "../model";
import type { ParsedSummary } from "../input/read";
import { periodLabel, periodShortLabel } from "../period";
import { diff2 } from "../rounding";
import type { SummaryRow } from "../rules/summary-rows";
import { blankCell, column, integerCellCache, textCell, type AppendixTable, type HeaderCell, type TableCell, type TableRow, type TitleLine, type Tone } from "./table";
import { formatCount, formatCountWithRate, formatPercent, formatPoints, formatPointsOfMax, type ValueKind } from "../text/vn-number";

/** The letter the appendices are attached to ("Kèm theo văn bản số … ngày … của …"). */
export interface LetterRef {
  /** "193/UBND-KSTTHC"; blank keeps the seed's "số      /UBND-KSTTHC". */
  readonly number?: string;
  /** ISO date of the letter. */
  readonly date?: string;
  /** "UBND thành phố Hà Nội". */
  readonly issuer?: string;
  /** Document code used when the number is blank: "UBND-KSTTHC". */
  readonly code?: string;
}

export interface TitleContext {
  readonly period: Period;
  readonly previousPeriod: Period | null;
  readonly letter: LetterRef;
  readonly catalog: Catalog;
}

function attachLine(ctx: TitleContext): string {
  const l = ctx.letter;
  const number = l.number?.trim() ? l.number.trim() : `      /${l.code ?? "UBND-KSTTHC"}`;
  let date = "ngày      tháng      năm      ";
  const m = l.date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(l.date) : null;
  if (m) date = `ngày ${m[3]}/${m[2]}/${m[1]}`;
  const issuer = l.issuer ?? `UBND ${ctx.catalog.provinceName.charAt(0).toLowerCase()}${ctx.catalog.provinceName.slice(1)}`;
  return `(Kèm theo văn bản số ${number} ${date} của ${issuer})`;
}

const upper = (s: string) => s.toLocaleUpperCase("vi");

function header(cells: [text: string, row: number, col: number, rowSpan?: number, colSpan?: number][]): HeaderCell[] {
  return cells.map(([text, row, col, rowSpan = 1, colSpan = 1]) => ({ text, row, col, rowSpan, colSpan }));
}

const TONES: Record<ComparisonStatus, Tone | undefined> = { same: undefined, new: "new", merged: "merged", "no-previous": undefined };

/** Equal deltas share one immutable cell (they repeat across units): by kind+suffix, then status/delta. */
const sharedDeltas = new Map<string, Map<string | number, TableCell>>();

/** The delta column's cell. */
export function deltaCell(c: Pick<UnitComparison, "status" | "delta"> | undefined, kind: ValueKind, suffix = ""): TableCell {
  let byValue = sharedDeltas.get(kind + suffix);
  if (!byValue) sharedDeltas.set(kind + suffix, (byValue = new Map()));
  const id: string | number = c && c.status === "same" && c.delta !== null ? c.delta : (c?.status ?? "-");
  let cell = byValue.get(id);
  if (cell) return cell;
  const text = comparisonText(c, kind, suffix ? { suffix } : {});
  if (!c || c.status !== "same" || c.delta === null) {
    const tone = c ? TONES[c.status] : undefined;
    cell = tone ? { value: null, text, kind: "delta", tone } : { value: null, text, kind: "delta" };
  } else {
    const tone: Tone = c.delta > 0 ? "up" : c.delta < 0 ? "down" : "same";
    cell = { value: c.delta, text, kind: "delta", tone };
  }
  if (byValue.size >= 50_000) byValue.clear();
  byValue.set(id, Object.freeze(cell));
  return cell;
}

const sharedPoints = new Map<number, TableCell>();

function pointsCell(value: number | null): TableCell {
  if (value === null) return blankCell("points");
  let cell = sharedPoints.get(value);
  if (!cell) {
    if (sharedPoints.size >= 50_000) sharedPoints.clear();
    sharedPoints.set(value, (cell = Object.freeze({ value, text: formatPoints(value), kind: "points" })));
  }
  return cell;
}

const sharedCount = integerCellCache("count", formatCount);
const sharedIndex = integerCellCache("index", String, 20_000);

function countCell(value: number | null): TableCell {
  return value === null ? blankCell("count") : sharedCount(value);
}

function indexCell(value: number | null): TableCell {
  return value === null ? blankCell("index") : sharedIndex(value);
}

// ------------------------------------------------------------------------------- Phụ lục 1

export interface SummaryRowValue {
  readonly row: SummaryRow;
  /** The row's figure: points for total/group, rate for rate items, count for count items. */
  readonly value: number | null;
  readonly text: string;
  readonly comparison: UnitComparison | undefined;
  readonly deltaKind: ValueKind | undefined;
}

export interface SummaryFigures {
  readonly count: number | null;
  readonly rate: number | null;
}

/** The count and rate a Phụ lục 1 item shows. Rates come from the counts when both are known. */
export function summaryItemFigures(summary: ParsedSummary | null, row: SummaryRow): SummaryFigures {
  if (!summary) return { count: null, rate: null };
  if (row.show === "rest") {
    const parts = (row.restOf ?? []).map((k) => summary.indicators[k]);
    const den = parts[0]?.denominator ?? null;
    const nums = parts.map((p) => p?.numerator ?? null);
    if (den !== null && den > 0 && nums.every((n) => n !== null)) {
      const count = den - (nums as number[]).reduce((a, b) => a + b, 0);
      return { count, rate: round2Rate(count, den) };
    }
    const rates = parts.map((p) => p?.rate ?? null);
    if (rates.length && rates.every((r) => r !== null)) return { count: null, rate: diff2(100, (rates as number[]).reduce((a, b) => a + b, 0)) };
    return { count: null, rate: null };
  }
  const ind = summary.indicators[row.key];
  if (!ind) return { count: null, rate: null };
  const rate = ind.rate ?? (ind.numerator !== null && ind.denominator !== null && ind.denominator > 0 ? round2Rate(ind.numerator, ind.denominator) : null);
  return { count: ind.numerator, rate };
}

function round2Rate(numerator: number, denominator: number): number {
  return Math.round((numerator / denominator) * 10000) / 100;
}

export interface SummaryTableInput {
  readonly ctx: TitleContext;
  readonly methodology: Methodology;
  readonly layout: readonly SummaryRow[];
  readonly summary: ParsedSummary | null;
  readonly comparisons: ReadonlyMap<string, UnitComparison>;
  /** Decimals of points in this appendix (seed: 1, "10.4/18 điểm"). */
  readonly pointDecimals: number;
}

export function buildPhuLuc1(input: SummaryTableInput): AppendixTable {
  const { ctx, methodology: m, layout, summary, comparisons, pointDecimals } = input;
  const fmt = { maxDecimals: pointDecimals, minDecimals: pointDecimals };
  const prev = ctx.previousPeriod ? periodLabel(ctx.previousPeriod) : "kỳ trước";
  const rows: TableRow[] = layout.map((row) => {
    let value: TableCell;
    if (row.show === "total") {
      const v = summary?.total ?? null;
      value = v === null ? blankCell("points") : { value: v, text: `${formatPoints(v, fmt)} điểm`, kind: "points" };
    } else if (row.show === "group") {
      const v = summary?.groups[row.key as GroupCode] ?? null;
      const max = m.groups.find((g) => g.code === row.key)?.maxPoints ?? 0;
      value = v === null ? blankCell("points") : { value: v, text: formatPointsOfMax(v, max, fmt), kind: "points" };
    } else {
      const { count, rate } = summaryItemFigures(summary, row);
      let text = "";
      if (row.showCount && count !== null) text = formatCountWithRate(count, rate, row.unitWord ?? "");
      else if (rate !== null) text = formatPercent(rate);
      else if (count !== null) text = formatCountWithRate(count, null, row.unitWord ?? "");
      value = { value: text || null, text, kind: "composite" };
    }
    const delta = row.deltaKind ? deltaCell(comparisons.get(row.key), row.deltaKind, row.show === "total" || row.show === "group" ? " điểm" : "") : blankCell("delta");
    return {
      cells: [textCell(row.number, row.bold), textCell(row.label, row.bold), row.bold ? { ...value, bold: true } : value, delta],
      ...(row.bold ? { bold: true } : {}),
    };
  });
  const titleLines: TitleLine[] = [
    { text: "Phụ lục 1", bold: true },
    { text: `BIỂU TỔNG HỢP KẾT QUẢ CHUNG ${upper(periodLabel(ctx.period))}`, bold: true },
    { text: attachLine(ctx), italic: true },
  ];
  return {
    id: "PL1",
    sheetName: "Phụ lục 1",
    titleLines,
    columns: [column("stt", 6, "text"), column("criterion", 60, "text"), column("value", 26, "composite"), column("delta", 24, "delta")],
    header: header([
      ["STT", 0, 0],
      ["Tiêu chí", 0, 1],
      ["Tỷ trọng", 0, 2],
      [`So với ${prev}`, 0, 3],
    ]),
    headerRowCount: 1,
    rows,
    notes: [],
  };
}

// ------------------------------------------------------------------------------- Phụ lục 2

/** What Phụ lục 2 needs of each ranked unit (the engine's RankingEntry has it). */
export interface RankingRow {
  readonly rank: number | null;
  readonly unitId: string | null;
  readonly name: string;
  readonly total: number | null;
  readonly status: UnitComparison["status"];
  readonly delta: number | null;
  readonly sourceRow: number;
}

const LEVEL_TITLES: Record<UnitLevel, string> = {
  district: "UBND CÁC QUẬN, HUYỆN, THỊ XÃ",
  commune: "UBND CÁC XÃ, PHƯỜNG",
  department: "CÁC SỞ, BAN, NGÀNH",
  province: "CÁC TỈNH, THÀNH PHỐ",
};

export function buildPhuLuc2(ctx: TitleContext, level: UnitLevel, rows: readonly RankingRow[], notes: readonly string[]): AppendixTable {
  const prev = ctx.previousPeriod ? periodShortLabel(ctx.previousPeriod) : "kỳ trước";
  return {
    id: "PL2",
    sheetName: "Phụ lục 2",
    titleLines: [
      { text: "Phụ lục 2", bold: true },
      { text: `ĐIỂM TỔNG HỢP XẾP HẠNG ${LEVEL_TITLES[level]}`, bold: true },
      { text: upper(periodLabel(ctx.period)), bold: true },
      { text: attachLine(ctx), italic: true },
    ],
    columns: [column("rank", 6, "index"), column("unit", 40, "text"), column("total", 12, "points"), column("delta", 24, "delta")],
    header: header([
      ["STT", 0, 0],
      ["Tên đơn vị", 0, 1],
      ["Số điểm", 0, 2],
      [`Tăng/giảm so với ${prev}`, 0, 3],
    ]),
    headerRowCount: 1,
    rows: rows.map((r) => ({
      cells: [indexCell(r.rank), textCell(r.name), pointsCell(r.total), deltaCell(r, "points")],
      unitId: r.unitId ?? undefined,
      sourceRow: r.sourceRow,
    })),
    notes,
  };
}

// ------------------------------------------------------------------------------- Phụ lục 3

/** A ranked Phụ lục 3 row: its position, its total (the figure it was ranked by) and the parsed row. */
export interface OverdueRow {
  readonly position: number;
  readonly value: number | null;
  readonly item: {
    readonly unit: { readonly id: string } | null;
    readonly displayName: string;
    readonly districtLevel: number | null;
    readonly communeLevel: number | null;
    readonly row: number;
  };
}

export function buildPhuLuc3(ctx: TitleContext, rows: readonly OverdueRow[], notes: readonly string[]): AppendixTable {
  return {
    id: "PL3",
    sheetName: "Phụ lục 3",
    titleLines: [
      { text: "Phụ lục 3", bold: true },
      { text: `HỒ SƠ XỬ LÝ QUÁ HẠN ${upper(periodLabel(ctx.period))}`, bold: true },
      { text: attachLine(ctx), italic: true },
    ],
    columns: [column("stt", 6, "index"), column("unit", 44, "text"), column("total", 12, "count"), column("districtLevel", 12, "count"), column("communeLevel", 12, "count")],
    header: header([
      ["STT", 0, 0, 3],
      ["Tên đơn vị", 0, 1, 3],
      ["Tổng số hồ sơ quá hạn đang xử lý", 0, 2, 1, 3],
      ["Xử lý quá hạn (*)", 1, 2, 1, 3],
      ["Tổng", 2, 2],
      ["Cấp huyện", 2, 3],
      ["Cấp xã", 2, 4],
    ]),
    headerRowCount: 3,
    rows: rows.map(({ position, value, item: r }) => ({
      cells: [indexCell(position), textCell(r.displayName), countCell(value), countCell(r.districtLevel), countCell(r.communeLevel)],
      unitId: r.unit?.id,
      sourceRow: r.row,
    })),
    notes: [
      "(*) Số hồ sơ quá hạn được tính lũy kế, không phân định về giới hạn thời gian lấy số liệu như đối với các tiêu chí khác.",
      ...notes,
    ],
  };
}

// ------------------------------------------------------------------------------- Phụ lục 4

/** A ranked Phụ lục 4 row: its position, its total (the figure it was ranked by) and the parsed row. */
export interface PetitionRow {
  readonly position: number;
  readonly value: number | null;
  readonly item: {
    readonly unit: { readonly id: string } | null;
    readonly displayName: string;
    readonly notReceived: number | null;
    readonly late: number | null;
    readonly note: string;
    readonly row: number;
  };
}

export function buildPhuLuc4(ctx: TitleContext, rows: readonly PetitionRow[], notes: readonly string[]): AppendixTable {
  return {
    id: "PL4",
    sheetName: "Phụ lục 4",
    titleLines: [
      { text: "Phụ lục 4", bold: true },
      { text: "PAKN QUÁ HẠN TIẾP NHẬN VÀ XỬ LÝ TRÊN HỆ THỐNG PAKN", bold: true },
      { text: `TÍNH ĐẾN ${upper(periodLabel(ctx.period))}`, bold: true },
      { text: attachLine(ctx), italic: true },
    ],
    columns: [column("stt", 8, "index"), column("unit", 44, "text"), column("total", 12, "count"), column("notReceived", 14, "count"), column("late", 12, "count"), column("note", 16, "text")],
    header: header([
      ["STT", 0, 0, 4],
      ["Tên đơn vị", 0, 1, 4],
      ["Số PAKN quá hạn", 0, 2, 1, 3],
      ["Ghi chú", 0, 5, 4],
      ["Tổng số", 1, 2, 2],
      ["Trong đó", 1, 3, 1, 2],
      ["Chưa tiếp nhận", 2, 3],
      ["Chậm xử lý", 2, 4],
      ["1=(2+3)", 3, 2],
      ["2", 3, 3],
      ["3", 3, 4],
    ]),
    headerRowCount: 4,
    rows: rows.map(({ position, value, item: r }) => ({
      cells: [indexCell(position), textCell(r.displayName), countCell(value), countCell(r.notReceived), countCell(r.late), textCell(r.note)],
      unitId: r.unit?.id,
      sourceRow: r.row,
    })),
    notes,
  };
}

