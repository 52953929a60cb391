/**
 * Stage 6 — lay out. Phụ lục 1–4 as layout-neutral table models that mirror seed 000 (Hà Nội,
 * 12/2024): title lines, multi-row headers with merged cells, rows with each cell's value, printed
 * text and kind, and footnotes. The figures come from the earlier stages; nothing is computed here
 * but its wording.
 */
import type { BuildContext, LetterRef } from "../input/context";
import type { Resolver } from "../catalog/resolve";
import type { ParsedOverdueDossier, ParsedOverduePetition, ParsedSummary, ParsedUnitScore, UnitIdentity } from "../input/read";
import type { ComparedDatasets, RankingEntry, Succession } from "../compare/compare";
import { comparisonText, type ComparisonStatus, type UnitComparison } from "../compare/deltas";
import { summaryItemFigures } from "../compare/compare";
import type { GroupCode, Period, UnitLevel } from "../model";
import { periodLabel, periodShortLabel } from "../period";
import { ByValue } from "../pool";
import { positionsOf, type RankOrder } from "../rank/competition";
import type { RankedDatasets } from "../rank/rank";
import { formatCount, formatCountWithRate, formatPercent, formatPoints, formatPointsOfMax, type ValueKind } from "../text/vn-number";
import { blankCell, column, textCell, type AppendixTable, type HeaderCell, type TableCell, type TableRow, type TitleLine, type Tone } from "./table";

export function layOut(ranked: RankedDatasets, compared: ComparedDatasets, summary: ParsedSummary | null, ctx: BuildContext): AppendixTable[] {
  const cells = SHARED_CELLS;
  const names = new UnitNames(ctx.current.resolver);
  return [
    phuLuc1(ctx, summary, compared.summary, cells),
    phuLuc2(ctx, compared.ranking.level, compared.ranking.entries, ranked.main.units, successionNotes(compared.succession), cells, names),
    phuLuc3(ctx, ranked.overdue, cells, names),
    phuLuc4(ctx, ranked.petitions, cells, names),
  ];
}

// ------------------------------------------------------------------------------- cells

const TONES: Record<ComparisonStatus, Tone | undefined> = { same: undefined, new: "new", merged: "merged", "no-previous": undefined };

/**
 * Equal cells share one object, frozen: a cell depends only on what it shows, and the same delta,
 * score, count or position repeats across units, tables and builds (unit names: {@link UnitNames}).
 * A 10,000-unit build would otherwise allocate (and format) some 60,000 cells that live as long as
 * its report.
 */
class CellPool {
  /** "Tăng/Giảm x" cells by kind and suffix, then by the delta; the other statuses by kind, suffix and status. */
  private readonly deltas = new Map<string, ByValue<TableCell>>();
  private readonly points = new ByValue<TableCell>();
  private readonly counts: TableCell[] = [];
  private readonly indexes: TableCell[] = [];

  delta(c: Pick<UnitComparison, "status" | "delta"> | undefined, kind: ValueKind, suffix = ""): TableCell {
    const family = suffix ? `${kind}|${suffix}` : kind;
    let byValue = this.deltas.get(family);
    if (!byValue) this.deltas.set(family, (byValue = new ByValue()));
    const id = c && c.status === "same" && c.delta !== null ? c.delta : (c?.status ?? "-");
    let cell = byValue.get(id);
    if (!cell) byValue.set(id, (cell = Object.freeze(deltaCell(c, kind, suffix))));
    return cell;
  }

  score(value: number | null): TableCell {
    if (value === null) return blankCell("points");
    let cell = this.points.get(value);
    if (!cell) this.points.set(value, (cell = Object.freeze({ value, text: formatPoints(value), kind: "points" as const })));
    return cell;
  }

  count(value: number | null): TableCell {
    if (value === null) return blankCell("count");
    return small(this.counts, value, "count", formatCount);
  }

  index(value: number | null): TableCell {
    if (value === null) return blankCell("index");
    return small(this.indexes, value, "index", String);
  }
}

/** Counts and positions below this share a cell per value (every position of the country's 10,035
 * communes; the pools stay under ~2 MB each in a long-lived Worker isolate). */
const POOL_LIMIT = 20_000;

// Owner: layout — the cells every build shares (each pool bounded: by value range, or cleared when full).
const SHARED_CELLS = new CellPool();

// Owner: layout — each unit's name cell by its slot in the period's units, per resolver (resolvers are
// kept per catalog and date, so a province's names are made once).
const nameCellsByResolver = new WeakMap<Resolver, (TableCell | undefined)[]>();

/** The name cells of a period's units: shared by its tables and builds; a name the catalog does not know gets its own. */
class UnitNames {
  private readonly cells: (TableCell | undefined)[];
  constructor(resolver: Resolver) {
    let cells = nameCellsByResolver.get(resolver);
    if (!cells) nameCellsByResolver.set(resolver, (cells = new Array<TableCell | undefined>(resolver.units.length)));
    this.cells = cells;
  }

  of(identity: UnitIdentity): TableCell {
    const slot = identity.slot;
    if (slot < 0 || slot >= this.cells.length) return textCell(identity.displayName);
    return (this.cells[slot] ??= Object.freeze(textCell(identity.displayName)));
  }
}

/** Non-negative integers below {@link POOL_LIMIT} share a cell per value; others get their own. */
function small(pool: TableCell[], value: number, kind: "count" | "index", format: (n: number) => string): TableCell {
  if (!(Number.isInteger(value) && value >= 0 && value < POOL_LIMIT)) return { value, text: format(value), kind };
  return (pool[value] ??= Object.freeze({ value, text: format(value), kind }));
}

/** The delta column's cell: "Tăng 0.92" (green), "Giảm 3.4" (red), "Bằng điểm", "Mới", "Hợp nhất", blank. */
export function deltaCell(c: Pick<UnitComparison, "status" | "delta"> | undefined, kind: ValueKind, suffix = ""): TableCell {
  const text = comparisonText(c, kind, suffix ? { suffix } : {});
  if (!c || c.status !== "same" || c.delta === null) {
    const tone = c ? TONES[c.status] : undefined;
    return tone ? { value: null, text, kind: "delta", tone } : { value: null, text, kind: "delta" };
  }
  return { value: c.delta, text, kind: "delta", tone: c.delta > 0 ? "up" : c.delta < 0 ? "down" : "same" };
}

// ------------------------------------------------------------------------------- shared parts

// The unit tables are built by plain loops over the rows in input order, each row put at its position:
// the parsed rows are read one after another, not in the ranking's order (a random walk through
// 10,000 rows is a cache miss per row and costs more than the rest of the row).

/** A unit's row: its cells, the resolved unit (absent when unresolved) and its input row. */
function unitRow(cells: readonly TableCell[], unitId: string | null, sourceRow: number): TableRow {
  return unitId ? new UnitRow(cells, unitId, sourceRow) : new UnknownUnitRow(cells, sourceRow);
}

/** A unit's table row: an instance of a class, not an object literal (why: the note on the rows in input/read.ts). */
class UnitRow implements TableRow {
  constructor(
    readonly cells: readonly TableCell[],
    readonly unitId: string,
    readonly sourceRow: number,
  ) {}
}

class UnknownUnitRow implements TableRow {
  constructor(
    readonly cells: readonly TableCell[],
    readonly sourceRow: number,
  ) {}
}

function attachLine(ctx: BuildContext): string {
  const name = ctx.catalog.provinceName;
  return attachLineText(ctx.letter, `UBND ${name.charAt(0).toLowerCase()}${name.slice(1)}`);
}

/**
 * The appendices' "(Kèm theo văn bản số 193/UBND-KSTTHC ngày 17/01/2025 của UBND thành phố Hà Nội)";
 * a blank number or date keeps the seed's blanks for the clerk ("số       /UBND-KSTTHC ngày      tháng …").
 * Also the Word letter's (letter/letter.ts), with the letter's own number and date.
 */
export function attachLineText(l: LetterRef, defaultIssuer: string): string {
  const number = l.number?.trim() ? l.number.trim() : `      /${l.code ?? "UBND-KSTTHC"}`;
  let date = "ngày      tháng      năm      ";
  const m = l.date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(l.date) : null;
  if (m) date = `ngày ${m[3]}/${m[2]}/${m[1]}`;
  return `(Kèm theo văn bản số ${number} ${date} của ${l.issuer ?? defaultIssuer})`;
}

const upper = (s: string) => s.toLocaleUpperCase("vi");
const previousOf = (ctx: BuildContext): Period | null => ctx.previous?.period ?? null;

function header(cells: [text: string, row: number, col: number, rowSpan?: number, colSpan?: number][]): HeaderCell[] {
  return cells.map(([text, row, col, rowSpan = 1, colSpan = 1]) => ({ text, row, col, rowSpan, colSpan }));
}

// ------------------------------------------------------------------------------- Phụ lục 1

function phuLuc1(ctx: BuildContext, summary: ParsedSummary | null, comparisons: ReadonlyMap<string, UnitComparison>, cells: CellPool): AppendixTable {
  const m = ctx.current.methodology;
  const decimals = ctx.summaryPointDecimals;
  const fmt = { maxDecimals: decimals, minDecimals: decimals };
  const prev = previousOf(ctx);
  const rows: TableRow[] = ctx.current.layout.map((row) => {
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
    const delta = row.deltaKind ? cells.delta(comparisons.get(row.key), row.deltaKind, row.show === "total" || row.show === "group" ? " điểm" : "") : blankCell("delta");
    return {
      cells: [textCell(row.number, row.bold), textCell(row.label, row.bold), row.bold ? { ...value, bold: true } : value, delta],
      ...(row.bold ? { bold: true } : {}),
    };
  });
  const titleLines: TitleLine[] = [
    { text: "Phụ lục 1", bold: true },
    { text: `BIỂU TỔNG HỢP KẾT QUẢ CHUNG ${upper(periodLabel(ctx.current.period))}`, bold: true },
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
      [`So với ${prev ? periodLabel(prev) : "kỳ trước"}`, 0, 3],
    ]),
    headerRowCount: 1,
    rows,
    notes: [],
  };
}

// ------------------------------------------------------------------------------- Phụ lục 2

const LEVEL_TITLES: Record<UnitLevel, string> = {
  district: "UBND CÁC QUẬN, HUYỆN, THỊ XÃ",
  commune: "UBND CÁC XÃ, PHƯỜNG",
  department: "CÁC SỞ, BAN, NGÀNH",
  province: "CÁC TỈNH, THÀNH PHỐ",
};

/** Footnotes of Phụ lục 2: units merged, new and gone since the previous period. */
function successionNotes(s: Succession): string[] {
  const notes: string[] = s.merged.map((e) => `${e.name}: hợp nhất từ ${e.from.join(", ")}; không so sánh điểm với kỳ trước.`);
  if (s.added.length) {
    const named = s.added.map((e) => (e.note ? `${e.name} (${e.note})` : e.name));
    notes.push(s.added.length <= 10 ? `Đơn vị mới so với kỳ trước: ${named.join(", ")}.` : `${s.added.length} đơn vị mới so với kỳ trước (sau sắp xếp đơn vị hành chính); không tính mức tăng/giảm.`);
  }
  if (s.gone.length) {
    const names = s.gone.slice(0, 10).map((g) => g.name).join(", ");
    notes.push(`Đơn vị của kỳ trước không còn trong kỳ này: ${names}${s.gone.length > 10 ? ` và ${s.gone.length - 10} đơn vị khác` : ""}.`);
  }
  return notes;
}

function phuLuc2(ctx: BuildContext, level: UnitLevel, entries: readonly RankingEntry[], ranked: RankOrder<ParsedUnitScore>, notes: readonly string[], cells: CellPool, names: UnitNames): AppendixTable {
  const prev = previousOf(ctx);
  return {
    id: "PL2",
    sheetName: "Phụ lục 2",
    titleLines: [
      { text: "Phụ lục 2", bold: true },
      { text: `ĐIỂM TỔNG HỢP XẾP HẠNG ${LEVEL_TITLES[level]}`, bold: true },
      { text: upper(periodLabel(ctx.current.period)), bold: true },
      { text: attachLine(ctx), italic: true },
    ],
    columns: [column("rank", 6, "index"), column("unit", 40, "text"), column("total", 12, "points"), column("delta", 24, "delta")],
    header: header([
      ["STT", 0, 0],
      ["Tên đơn vị", 0, 1],
      ["Số điểm", 0, 2],
      [`Tăng/giảm so với ${prev ? periodShortLabel(prev) : "kỳ trước"}`, 0, 3],
    ]),
    headerRowCount: 1,
    rows: phuLuc2Rows(entries, ranked, cells, names),
    notes,
  };
}

/** The ranking's rows: STT (the rank), name, points, change. The entries are in the ranking's order: entry p is position p + 1. */
function phuLuc2Rows(entries: readonly RankingEntry[], ranked: RankOrder<ParsedUnitScore>, cells: CellPool, names: UnitNames): TableRow[] {
  const { items, order } = ranked;
  const positions = positionsOf(order);
  const rows = new Array<TableRow>(entries.length);
  for (let index = 0; index < items.length; index++) {
    const p = positions[index] as number;
    const e = entries[p] as RankingEntry;
    rows[p] = unitRow([cells.index(e.rank), names.of((items[index] as ParsedUnitScore).identity), cells.score(e.total), cells.delta(e, "points")], e.unitId, e.sourceRow);
  }
  return rows;
}

// ------------------------------------------------------------------------------- Phụ lục 3

function phuLuc3(ctx: BuildContext, ranked: RankOrder<ParsedOverdueDossier>, cells: CellPool, names: UnitNames): AppendixTable {
  return {
    id: "PL3",
    sheetName: "Phụ lục 3",
    titleLines: [
      { text: "Phụ lục 3", bold: true },
      { text: `HỒ SƠ XỬ LÝ QUÁ HẠN ${upper(periodLabel(ctx.current.period))}`, bold: true },
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
    rows: phuLuc3Rows(ranked, cells, names),
    notes: ["(*) Số hồ sơ quá hạn được tính lũy kế, không phân định về giới hạn thời gian lấy số liệu như đối với các tiêu chí khác."],
  };
}

/** Phụ lục 3's rows in ranked order: STT (the position), name, total, district level, commune level. */
function phuLuc3Rows(ranked: RankOrder<ParsedOverdueDossier>, cells: CellPool, names: UnitNames): TableRow[] {
  const { items, values, order } = ranked;
  const positions = positionsOf(order);
  const rows = new Array<TableRow>(order.length);
  for (let index = 0; index < items.length; index++) {
    const p = positions[index] as number;
    const r = items[index] as ParsedOverdueDossier;
    rows[p] = unitRow([cells.index(p + 1), names.of(r.identity), cells.count(values[index] ?? null), cells.count(r.districtLevel), cells.count(r.communeLevel)], r.identity.unit?.id ?? null, r.row);
  }
  return rows;
}

// ------------------------------------------------------------------------------- Phụ lục 4

function phuLuc4(ctx: BuildContext, ranked: RankOrder<ParsedOverduePetition>, cells: CellPool, names: UnitNames): AppendixTable {
  return {
    id: "PL4",
    sheetName: "Phụ lục 4",
    titleLines: [
      { text: "Phụ lục 4", bold: true },
      { text: "PAKN QUÁ HẠN TIẾP NHẬN VÀ XỬ LÝ TRÊN HỆ THỐNG PAKN", bold: true },
      { text: `TÍNH ĐẾN ${upper(periodLabel(ctx.current.period))}`, bold: true },
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
    rows: phuLuc4Rows(ranked, cells, names),
    notes: [],
  };
}

/** Phụ lục 4's rows in ranked order: STT (the position), name, total, not received, late, note. */
function phuLuc4Rows(ranked: RankOrder<ParsedOverduePetition>, cells: CellPool, names: UnitNames): TableRow[] {
  const { items, values, order } = ranked;
  const positions = positionsOf(order);
  const rows = new Array<TableRow>(order.length);
  for (let index = 0; index < items.length; index++) {
    const p = positions[index] as number;
    const r = items[index] as ParsedOverduePetition;
    rows[p] = unitRow([cells.index(p + 1), names.of(r.identity), cells.count(values[index] ?? null), cells.count(r.notReceived), cells.count(r.late), textCell(r.note)], r.identity.unit?.id ?? null, r.row);
  }
  return rows;
}
