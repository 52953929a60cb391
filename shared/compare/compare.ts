/**
 * Stage 5 — compare. This period against the previous one: each ranked unit's change ("Tăng 0.92",
 * new, merged, gone across the 2025 reorganisation), each Phụ lục 1 row's change, and the figures the
 * documents themselves state — the deltas printed in Phụ lục 1 and 2, the letter's headline — against
 * what the two periods' figures give.
 */
import type { CheckedDatasets } from "../checks/check";
import type { BuildContext, PeriodFrame } from "../input/context";
import { rowRef, type ParsedLetter, type ParsedSummary, type ParsedUnitScore, type UnitIdentity } from "../input/read";
import { ISSUE_CODES, at, issue, where, type Staged } from "../issues";
import type { GroupCode, Issue, Unit, UnitLevel } from "../model";
import { periodLabel } from "../period";
import type { Resolver } from "../catalog/resolve";
import { positionsOf } from "../rank/competition";
import type { LevelRanking, RankedDatasets } from "../rank/rank";
import { decimalsOf, differs, halfUnit, HALF_HUNDREDTH, percent2, pointsTolerance } from "../rounding";
import type { UnitScoring } from "../rules/points";
import type { ScoredDatasets } from "../rules/score";
import type { SummaryRow } from "../rules/summary-rows";
import { diff2 } from "../rounding";
import { ByValue } from "../pool";
import { formatDelta, formatPoints, type ValueKind } from "../text/vn-number";
import { comparisonText, difference, type ComparisonStatus, type PreviousFigure, type UnitComparison } from "./deltas";

export interface RankingEntry {
  /** Unit id, or "?" + the folded name for a unit the catalog does not know. */
  readonly key: string;
  readonly rank: number | null;
  readonly position: number;
  readonly unitId: string | null;
  readonly name: string;
  readonly level: UnitLevel | null;
  readonly total: number | null;
  readonly totalSource: UnitScoring["effectiveTotalSource"];
  readonly previousTotal: number | null;
  readonly delta: number | null;
  readonly deltaText: string;
  readonly status: UnitComparison["status"];
  readonly sourceRow: number;
}

export interface Ranking {
  /** The level Phụ lục 2 ranks. */
  readonly level: UnitLevel;
  readonly entries: readonly RankingEntry[];
  /** Rankings of the other levels present in the data (e.g. sở, ban, ngành). */
  readonly otherLevels: readonly { readonly level: UnitLevel; readonly entries: readonly RankingEntry[] }[];
}

/** What changed in the set of ranked units since the previous period. */
export interface Succession {
  /** Units formed by merging units that had figures last period, with their predecessors' names. */
  readonly merged: readonly { readonly name: string; readonly from: readonly string[] }[];
  /** Units without a figure last period, with the catalog's note on how they were formed. */
  readonly added: readonly { readonly name: string; readonly note: string | null }[];
  /** Last period's units with no successor now. */
  readonly gone: readonly PreviousFigure[];
}

export interface ComparedDatasets {
  readonly ranking: Ranking;
  readonly succession: Succession;
  /** Each Phụ lục 1 row's figure against last period's, by row key ("total", a group code, an item). */
  readonly summary: ReadonlyMap<string, UnitComparison>;
}

export function compare(ranked: RankedDatasets, checked: CheckedDatasets, scored: ScoredDatasets, ctx: BuildContext): Staged<ComparedDatasets> {
  const issues: Issue[] = [];
  const previous = checked.previous && scored.previous ? { rows: checked.previous.unitScores, totals: scored.previous.totals } : null;
  const resolvers = { current: ctx.current.resolver, previous: ctx.previous?.resolver ?? null };
  const main = compareLevel(ranked.main, previous && previousOfLevel(previous, resolvers, ranked.main.level, true), issues);
  const otherLevels = ranked.otherLevels.map((l) => ({ level: l.level, entries: compareLevel(l, previous && previousOfLevel(previous, resolvers, l.level, false), null).entries }));
  const succession = successionOf(main.entries, main.gone, ctx, issues);

  const currentSummary = checked.current.summary;
  const summary = compareSummary(ctx.current.layout, currentSummary, checked.previous?.summary ?? null);
  checkSummaryStatedDeltas(ctx.current.layout, currentSummary, summary, issues);
  if (checked.letter) checkLetter(checked.letter, currentSummary, summary.get("total"), ctx.previous, issues);

  return { value: { ranking: { level: ranked.main.level, entries: main.entries, otherLevels }, succession, summary }, issues };
}

/** Last period's figures a level's ranking compares with, looked up by unit key ({@link previousRow}). */
interface PreviousLevel {
  readonly rows: readonly ParsedUnitScore[];
  readonly totals: readonly (number | null)[];
  /** Last period's unit index (its resolver). */
  readonly resolver: Resolver | null;
  /** The slot in last period's units of each of this period's units (-1: not there). */
  readonly slotBefore: Int32Array | null;
  /** 1 + position in `rows` by the unit's slot in last period's units; 0 for none. */
  readonly bySlot: Int32Array;
  /** Position in `rows` of the rows without a slot (names the catalog does not know), by key. */
  readonly byKey: ReadonlyMap<string, number> | null;
}

/** Last period's units that a level's ranking compares with: the same level, and across the two-level
 * reform the former districts for the new communes (so they show as gone, not missing). */
function previousOfLevel(
  previous: { rows: readonly ParsedUnitScore[]; totals: readonly (number | null)[] },
  resolvers: { current: Resolver; previous: Resolver | null },
  level: UnitLevel,
  withUnresolved: boolean,
): PreviousLevel {
  const resolver = resolvers.previous;
  const ofLevel = (r: ParsedUnitScore) => {
    const unit = r.identity.unit;
    return unit ? unit.level === level || (level === "commune" && unit.level === "district") : withUnresolved;
  };
  // Usually every row of last period compares: its rows and totals serve as they are.
  const all = previous.rows.every(ofLevel);
  const rows: ParsedUnitScore[] = all ? (previous.rows as ParsedUnitScore[]) : [];
  const totals: (number | null)[] = all ? (previous.totals as (number | null)[]) : [];
  if (!all) {
    for (let i = 0; i < previous.rows.length; i++) {
      const r = previous.rows[i] as ParsedUnitScore;
      if (!ofLevel(r)) continue;
      rows.push(r);
      totals.push(previous.totals[i] ?? null);
    }
  }
  const bySlot = new Int32Array(resolver ? resolver.units.length : 0);
  let byKey: Map<string, number> | null = null;
  for (let j = 0; j < rows.length; j++) {
    const { slot, key } = (rows[j] as ParsedUnitScore).identity;
    if (slot >= 0 && slot < bySlot.length) bySlot[slot] = j + 1;
    else (byKey ??= new Map()).set(key, j);
  }
  return { rows, totals, resolver, slotBefore: resolver && slotsBefore(resolvers.current, resolver), bySlot, byKey };
}

// Owner: compare — for each pair of periods' unit indexes, the slot last period of each unit of this
// period, built once (resolvers are kept per catalog and date).
const slotMaps = new WeakMap<Resolver, WeakMap<Resolver, Int32Array>>();

function slotsBefore(current: Resolver, previous: Resolver): Int32Array {
  let byPrevious = slotMaps.get(current);
  if (!byPrevious) slotMaps.set(current, (byPrevious = new WeakMap()));
  let slots = byPrevious.get(previous);
  if (!slots) {
    slots = new Int32Array(current.units.length);
    for (let s = 0; s < slots.length; s++) slots[s] = previous.indexOf((current.units[s] as Unit).id);
    byPrevious.set(previous, slots);
  }
  return slots;
}

/** Position in last period's rows of this period's unit; -1 for none. */
function previousRowOf(previous: PreviousLevel, identity: UnitIdentity): number {
  const before = previous.slotBefore && identity.slot >= 0 ? (previous.slotBefore[identity.slot] ?? -1) : -1;
  if (before >= 0 && before < previous.bySlot.length) {
    const j = previous.bySlot[before] as number;
    if (j > 0) return j - 1;
  }
  return previousRow(previous, identity.key);
}

/** Position in last period's rows of the unit with this key (a unit id, or "?" + an unknown name); -1 for none. */
function previousRow(previous: PreviousLevel, key: string): number {
  const slot = previous.resolver ? previous.resolver.indexOf(key) : -1;
  if (slot >= 0 && slot < previous.bySlot.length) {
    const j = previous.bySlot[slot] as number;
    if (j > 0) return j - 1;
  }
  return previous.byKey?.get(key) ?? -1;
}

/**
 * A level's ranked units with their change against last period: the same unit → its delta; a unit
 * formed from units that had figures → merged (no delta invented); otherwise new. Last period's units
 * that nothing matched are gone. Stated deltas are checked when `issues` is given.
 */
function compareLevel(level: LevelRanking, previous: PreviousLevel | null, issues: Issue[] | null): { entries: RankingEntry[]; gone: readonly PreviousFigure[] } {
  const { items, values, order, ranks } = level.units;
  const entries = new Array<RankingEntry>(order.length);
  const matched = previous ? new Uint8Array(previous.rows.length) : null;
  // In input order, each entry put at its position: the rows are read one after another, not in the
  // ranking's order (a random walk through 10,000 rows is a cache miss per row).
  const positions = positionsOf(order);
  for (let index = 0; index < items.length; index++) {
    const p = positions[index] as number;
    const r = items[index] as ParsedUnitScore;
    const total = values[index] ?? null;
    const id = r.identity;
    let status: ComparisonStatus = "no-previous";
    let before: number | null = null;
    let delta: number | null = null;
    if (previous && matched) {
      const j = previousRowOf(previous, id);
      if (j >= 0) {
        matched[j] = 1;
        before = previous.totals[j] ?? null;
        status = before === null ? "new" : "same";
        if (before !== null && total !== null) delta = diff2(total, before);
      } else {
        status = "new";
        for (const before of id.unit?.predecessors ?? []) {
          const k = previousRow(previous, before);
          if (k < 0) continue;
          matched[k] = 1;
          status = "merged";
        }
      }
    }
    if (issues && r.statedDelta !== null) checkStatedDelta(r, total, before, status, delta, issues);
    let deltaText = "";
    if (status === "same" && delta !== null) {
      const known = DELTA_TEXTS.get(delta);
      if (known === undefined) DELTA_TEXTS.set(delta, (deltaText = comparisonText({ status, delta }, "points")));
      else deltaText = known;
    } else deltaText = comparisonText({ status, delta }, "points");
    entries[p] = new Entry(id.key, ranks[p] || null, p + 1, id.unit?.id ?? null, id.displayName, id.unit?.level ?? null, total, level.sources[index] ?? "none", before, delta, deltaText, status, r.row);
  }
  const gone: PreviousFigure[] = [];
  if (previous && matched) {
    for (let j = 0; j < previous.rows.length; j++) {
      if (matched[j]) continue;
      const r = previous.rows[j] as ParsedUnitScore;
      gone.push({ key: r.identity.key, name: r.identity.displayName, value: previous.totals[j] ?? null });
    }
  }
  return { entries, gone };
}

// Owner: compare — "Tăng 0.5" written once per distinct points delta, shared by every build.
const DELTA_TEXTS = new ByValue<string>();

/** A ranking entry: an instance of a class, not an object literal (why: the note on the rows in input/read.ts). */
class Entry implements RankingEntry {
  constructor(
    readonly key: string,
    readonly rank: number | null,
    readonly position: number,
    readonly unitId: string | null,
    readonly name: string,
    readonly level: UnitLevel | null,
    readonly total: number | null,
    readonly totalSource: RankingEntry["totalSource"],
    readonly previousTotal: number | null,
    readonly delta: number | null,
    readonly deltaText: string,
    readonly status: RankingEntry["status"],
    readonly sourceRow: number,
  ) {}
}

/** The delta the letter printed for a unit against the one the two periods' totals give. */
function checkStatedDelta(r: ParsedUnitScore, total: number | null, before: number | null, status: ComparisonStatus, delta: number | null, issues: Issue[]): void {
  const stated = r.statedDelta;
  if (stated === null || status === "no-previous") return;
  if (status !== "same" || delta === null) {
    const l = at(rowRef(r), "statedDelta");
    issues.push(
      issue("warning", ISSUE_CODES.DELTA_MISMATCH, l, `${where(l, r.identity.displayName)}: ghi "${formatDelta(stated, "points")}" nhưng kỳ trước không có số liệu của đơn vị này (${comparisonText({ status, delta }, "points")}).`, {
        stated,
        computed: null,
      }),
    );
    return;
  }
  if (differs(stated, delta, Math.max(HALF_HUNDREDTH, pointsTolerance(stated)))) {
    const l = at(rowRef(r), "statedDelta");
    issues.push(
      issue("error", ISSUE_CODES.DELTA_MISMATCH, l, `${where(l, r.identity.displayName)}: ghi "${formatDelta(stated, "points")}" nhưng ${formatPoints(before ?? 0)} → ${formatPoints(total ?? 0)} là "${formatDelta(delta, "points")}".`, {
        stated,
        computed: delta,
      }),
    );
  }
}

function successionOf(entries: readonly RankingEntry[], gone: readonly PreviousFigure[], ctx: BuildContext, issues: Issue[]): Succession {
  const resolver = ctx.current.resolver;
  const prevResolver = ctx.previous?.resolver ?? null;
  const merged = entries
    .filter((e) => e.status === "merged")
    .map((e) => {
      const unit = e.unitId ? resolver.byId(e.unitId) : undefined;
      return { name: e.name, from: (unit?.predecessors ?? []).map((id) => prevResolver?.byId(id)?.name ?? id) };
    });
  const added = entries.filter((e) => e.status === "new").map((e) => ({ name: e.name, note: (e.unitId ? resolver.byId(e.unitId)?.successionNote : undefined) ?? null }));
  const first10 = (names: readonly string[], more: string) => `${names.slice(0, 10).join(", ")}${names.length > 10 ? more : ""}`;
  if (merged.length) {
    issues.push(issue("info", ISSUE_CODES.UNIT_MERGED, { dataset: "unitScores", column: "delta" }, `${merged.length} đơn vị mới hình thành do hợp nhất: ${merged.map((e) => e.name).join(", ")}; không tính mức tăng/giảm.`));
  }
  if (added.length) {
    issues.push(issue("info", ISSUE_CODES.UNIT_NEW, { dataset: "unitScores", column: "delta" }, `${added.length} đơn vị không có số liệu kỳ trước (ghi "Mới"): ${first10(added.map((e) => e.name), ", …")}.`));
  }
  if (gone.length) {
    issues.push(issue("info", ISSUE_CODES.UNIT_GONE, { dataset: "unitScores", period: "previous", column: "unit" }, `${gone.length} đơn vị có số liệu kỳ trước nhưng không còn trong kỳ này: ${first10(gone.map((g) => g.name), ", …")}.`));
  }
  return { merged, added, gone };
}

// ------------------------------------------------------------------------------ Phụ lục 1

/** The count and rate a Phụ lục 1 item shows. Rates come from the counts when both are known. */
export function summaryItemFigures(summary: ParsedSummary | null, row: SummaryRow): { readonly count: number | null; readonly rate: number | null } {
  if (!summary) return { count: null, rate: null };
  if (row.show === "rest") {
    const parts = (row.restOf ?? []).map((k) => summary.indicators[k]);
    const den = parts[0]?.denominator ?? null;
    const nums = parts.map((p) => p?.numerator ?? null);
    if (den !== null && den > 0 && nums.every((n) => n !== null)) {
      const count = den - (nums as number[]).reduce((a, b) => a + b, 0);
      return { count, rate: percent2(count, den) };
    }
    const rates = parts.map((p) => p?.rate ?? null);
    if (rates.length && rates.every((r) => r !== null)) return { count: null, rate: diff2(100, (rates as number[]).reduce((a, b) => a + b, 0)) };
    return { count: null, rate: null };
  }
  const ind = summary.indicators[row.key];
  if (!ind) return { count: null, rate: null };
  const rate = ind.rate ?? (ind.numerator !== null && ind.denominator !== null && ind.denominator > 0 ? percent2(ind.numerator, ind.denominator) : null);
  return { count: ind.numerator, rate };
}

function summaryFigure(s: ParsedSummary | null, row: SummaryRow, kind: ValueKind): number | null {
  if (!s) return null;
  if (row.show === "total") return s.total;
  if (row.show === "group") return s.groups[row.key as GroupCode] ?? null;
  const f = summaryItemFigures(s, row);
  return kind === "count" ? f.count : f.rate;
}

/** Each Phụ lục 1 row's figure this period against last period's, keyed by row key. */
function compareSummary(layout: readonly SummaryRow[], cur: ParsedSummary | null, prev: ParsedSummary | null): Map<string, UnitComparison> {
  const out = new Map<string, UnitComparison>();
  for (const row of layout) {
    if (!row.deltaKind) continue;
    const now = summaryFigure(cur, row, row.deltaKind);
    if (prev === null) {
      out.set(row.key, { status: "no-previous", previous: null, delta: null });
      continue;
    }
    const before = summaryFigure(prev, row, row.deltaKind);
    if (now === null || before === null) {
      out.set(row.key, { status: before === null ? "no-previous" : "same", previous: before, delta: null });
      continue;
    }
    out.set(row.key, { status: "same", previous: before, delta: difference(now, before, row.deltaKind) });
  }
  return out;
}

function checkSummaryStatedDeltas(layout: readonly SummaryRow[], s: ParsedSummary | null, cmp: ReadonlyMap<string, UnitComparison>, issues: Issue[]): void {
  if (!s) return;
  for (const [key, stated] of Object.entries(s.statedDeltas)) {
    if (stated === null) continue;
    const c = cmp.get(key);
    if (!c || c.status !== "same" || c.delta === null) continue;
    const row = layout.find((r) => r.key === key);
    const kind = row?.deltaKind ?? "points";
    const tolerance = kind === "count" ? 0 : kind === "percent" ? halfUnit(decimalsOf(stated)) : pointsTolerance(stated);
    if (!differs(stated, c.delta, tolerance)) continue;
    const l = { dataset: "summary" as const, period: "current" as const, column: `statedDeltas.${key}` };
    const label = row ? `${row.number} ${row.label}` : key;
    issues.push(
      issue("error", ISSUE_CODES.DELTA_MISMATCH, l, `${where(l)}, mục ${label}: ghi "${formatDelta(stated, kind)}" nhưng tính từ số liệu hai kỳ là "${formatDelta(c.delta, kind)}".`, {
        row: key,
        stated,
        computed: c.delta,
      }),
    );
  }
}

/** The letter's headline figures against Phụ lục 1 and against the two periods' totals. */
function checkLetter(letter: ParsedLetter, s: ParsedSummary | null, totalCmp: UnitComparison | undefined, previous: PeriodFrame | null, issues: Issue[]): void {
  const l = (column: string) => ({ dataset: "letter" as const, period: "current" as const, column });
  const since = previous ? ` so với ${periodLabel(previous.period)}` : "";
  const inWords = (delta: number) => formatDelta(delta, "points", { suffix: " điểm", lowerCase: true });
  if (letter.total !== null && s?.total !== null && s?.total !== undefined) {
    if (differs(letter.total, s.total, Math.max(pointsTolerance(letter.total), pointsTolerance(s.total)))) {
      issues.push(issue("error", ISSUE_CODES.LETTER_MISMATCH, l("total"), `Văn bản ghi tổng điểm ${formatPoints(letter.total)}/100, Phụ lục 1 ghi ${formatPoints(s.total)} điểm.`, { letter: letter.total, appendix: s.total }));
    }
  }
  if (letter.delta !== null) {
    const stated = s?.statedDeltas["total"] ?? null;
    if (stated !== null && differs(stated, letter.delta, Math.max(pointsTolerance(stated), pointsTolerance(letter.delta)))) {
      issues.push(
        issue("error", ISSUE_CODES.LETTER_MISMATCH, l("delta"), `Văn bản ghi "${inWords(letter.delta)}"${since}, Phụ lục 1 ghi "${formatDelta(stated, "points", { suffix: " điểm" })}".`, {
          letter: letter.delta,
          appendix: stated,
        }),
      );
    }
    if (totalCmp?.status === "same" && totalCmp.delta !== null && differs(totalCmp.delta, letter.delta, pointsTolerance(letter.delta))) {
      issues.push(
        issue("error", ISSUE_CODES.LETTER_MISMATCH, l("delta"), `Văn bản ghi "${inWords(letter.delta)}"${since}, nhưng tính từ tổng điểm hai kỳ là "${inWords(totalCmp.delta)}".`, {
          letter: letter.delta,
          computed: totalCmp.delta,
        }),
      );
    }
  }
  if (letter.rank !== null && s?.rank !== null && s?.rank !== undefined && letter.rank !== s.rank) {
    issues.push(issue("error", ISSUE_CODES.LETTER_MISMATCH, l("rank"), `Văn bản ghi xếp hạng ${letter.rank}, Phụ lục 1 ghi ${s.rank}.`, { letter: letter.rank, appendix: s.rank }));
  }
}
