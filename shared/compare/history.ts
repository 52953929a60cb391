/**
 * History of a province and its units across stored periods (GET …/history, …/units/{unit}/history,
 * the add-in's "Diễn biến" sheet). Two steps, both pure:
 *
 * 1. `periodFigures`: one period's figures, from the build's stages 1–4 (read, check, score, rank; no
 *    previous period, nothing laid out or narrated). They are the figures the period's own report shows:
 *    the province total and six groups of Phụ lục 1's summary as checked (the stated total, else the sum
 *    of the six groups; null when no summary was stored), each unit's total as ranked (published, else
 *    its groups' sum, else recomputed) with its competition rank among the units of its level (the
 *    ranked level's rank equals Phụ lục 2 and …/rankings), and the national rank when known (the stored
 *    national summary of the period, else the rank Phụ lục 1 states, else the letter's).
 * 2. `provinceSeries`, `unitLines`, `unitHistoryLines`: periods → the province's series and units' lines.
 *    A line is one unit's points, oldest first; `delta` is the change against the previous point of the
 *    same line, null at a line's first point. Across the 1/7/2025 reform a unit and the units it came
 *    from (or became) are separate lines: a district's line ends in June 2025, a commune's begins in July
 *    2025, and no delta joins them.
 *
 * Trend analytics (falls in a row, risers and fallers) are `compare/trends.ts`'s.
 */
import type { ProvinceHistoryPoint, UnitHistoryPoint, UnitLine } from "../api-responses";
import { check } from "../checks/check";
import { prepare, type BuildOptions } from "../input/context";
import { read, type ParsedUnitScore } from "../input/read";
import type { Catalog, GroupCode, ReportInput, Unit, UnitLevel } from "../model";
import { parsePeriod, periodKey, periodStart } from "../period";
import { rank } from "../rank/rank";
import { diff2 } from "../rounding";
import { GROUP_CODES } from "../rules/methodology";
import { score } from "../rules/score";

export type GroupFigures = Readonly<Record<GroupCode, number | null>>;

/** One resolved unit's figures in one period. */
export interface UnitFigure {
  readonly unitId: string;
  readonly name: string;
  readonly level: UnitLevel;
  readonly total: number | null;
  /** The six groups as the unit's row published them; null where it had none. */
  readonly groups: GroupFigures;
  /** Competition rank (1224) among the period's units of the same level; null without a total. */
  readonly rank: number | null;
  /** How many units of that level have a rank in the period. */
  readonly rankOf: number;
}

/** One period's figures, as history uses them. */
export interface PeriodFigures {
  readonly period: string;
  readonly total: number | null;
  readonly groups: GroupFigures;
  readonly nationalRank: number | null;
  /** The level Phụ lục 2 ranks in this period. */
  readonly rankLevel: UnitLevel;
  /** Ranked units of that level (with rows the catalog does not know). */
  readonly ranked: number;
  /** Resolved units of every level present, in ranked order per level. */
  readonly units: readonly UnitFigure[];
}

const NO_GROUPS: GroupFigures = Object.freeze(Object.fromEntries(GROUP_CODES.map((g) => [g, null])) as Record<GroupCode, null>);

function sixGroups(groups: Partial<Record<GroupCode, number | null>> | undefined): GroupFigures {
  if (!groups) return NO_GROUPS;
  const out = {} as Record<GroupCode, number | null>;
  for (const g of GROUP_CODES) out[g] = groups[g] ?? null;
  return out;
}

/**
 * One period's figures from its stored datasets (`input.previous` is ignored: ranks and totals do not
 * depend on it). Null when the period cannot be built at all (unknown province, bad period).
 */
export function periodFigures(input: ReportInput, options: BuildOptions = {}): PeriodFigures | null {
  const { previous: _previous, ...current } = input;
  const prepared = prepare(current, options);
  const ctx = prepared.value;
  if (!ctx) return null;
  const checked = check(read(current, ctx).value, ctx).value;
  const scored = score(checked, ctx).value;
  const ranked = rank(checked, scored, ctx).value;
  const units: UnitFigure[] = [];
  for (const level of [ranked.main, ...ranked.otherLevels]) {
    const { items, values, order, ranks } = level.units;
    let rankOf = 0;
    for (const rank of ranks) if (rank > 0) rankOf++;
    for (let p = 0; p < order.length; p++) {
      const index = order[p] as number;
      const r: ParsedUnitScore = items[index] as ParsedUnitScore;
      const unit = r.identity.unit;
      if (!unit) continue;
      units.push({ unitId: unit.id, name: unit.name, level: unit.level, total: values[index] ?? null, groups: sixGroups(r.groups), rank: ranks[p] || null, rankOf });
    }
  }
  let rankedUnits = 0;
  for (const rank of ranked.main.units.ranks) if (rank > 0) rankedUnits++;
  const summary = checked.current.summary;
  return {
    period: periodKey(ctx.current.period),
    total: summary?.total ?? null,
    groups: sixGroups(summary?.groups),
    nationalRank: ranked.national?.headline?.rank ?? summary?.rank ?? checked.letter?.rank ?? null,
    rankLevel: ranked.main.level,
    ranked: rankedUnits,
    units,
  };
}

/** A stored period with its figures: which revision, when its figures were taken. */
export interface HistoryPeriod {
  readonly period: string;
  readonly revision: number;
  readonly capturedAt: string;
  readonly figures: PeriodFigures;
}

const byPeriod = (a: { period: string }, b: { period: string }) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0);

/** The province's total, groups and national rank per period, oldest first. */
export function provinceSeries(periods: readonly HistoryPeriod[]): ProvinceHistoryPoint[] {
  return [...periods].sort(byPeriod).map((p) => ({
    period: p.period,
    revision: p.revision,
    capturedAt: p.capturedAt,
    total: p.figures.total,
    groups: { ...p.figures.groups },
    nationalRank: p.figures.nationalRank,
    units: p.figures.ranked,
  }));
}

/** Points of a line from (period, figure) pairs: oldest first, each delta against the point before it. */
export function linePoints(figures: readonly { readonly period: string; readonly figure: UnitFigure }[]): UnitHistoryPoint[] {
  const sorted = [...figures].sort(byPeriod);
  const points: UnitHistoryPoint[] = [];
  let before: number | null = null;
  for (let i = 0; i < sorted.length; i++) {
    const { period, figure } = sorted[i] as (typeof sorted)[number];
    points.push({
      period,
      total: figure.total,
      groups: { ...figure.groups },
      rank: figure.rank,
      rankOf: figure.rankOf,
      delta: i > 0 && before !== null && figure.total !== null ? diff2(figure.total, before) : null,
    });
    before = figure.total;
  }
  return points;
}

/** Where each unit is in each period: unit id → [(period, figure)]. */
function figuresByUnit(periods: readonly HistoryPeriod[]): Map<string, { period: string; figure: UnitFigure }[]> {
  const out = new Map<string, { period: string; figure: UnitFigure }[]>();
  for (const p of periods) {
    for (const figure of p.figures.units) {
      let list = out.get(figure.unitId);
      if (!list) out.set(figure.unitId, (list = []));
      list.push({ period: p.period, figure });
    }
  }
  return out;
}

/**
 * Every unit's own line over the periods (the "Diễn biến" sheet in one call): units of the level each
 * period ranks, or of `level` when given; ordered by level, then by the rank of their latest point.
 */
export function unitLines(periods: readonly HistoryPeriod[], catalog: Catalog, level?: UnitLevel): UnitLine[] {
  const ranksLevel = (p: HistoryPeriod, l: UnitLevel) => (level ? l === level : l === p.figures.rankLevel);
  const kept = periods.map((p) => ({ ...p, figures: { ...p.figures, units: p.figures.units.filter((u) => ranksLevel(p, u.level)) } }));
  const byUnit = figuresByUnit(kept);
  const units = new Map(catalog.units.map((u) => [u.id, u]));
  const lines = [...byUnit].map(([id, figures]) => {
    const unit = units.get(id);
    const last = [...figures].sort(byPeriod).at(-1)?.figure;
    return { line: { unitId: id, name: unit?.name ?? last?.name ?? id, level: unit?.level ?? last?.level ?? null, role: "self" as const, points: linePoints(figures) }, last };
  });
  const LEVEL_ORDER: Record<UnitLevel, number> = { province: 0, department: 1, district: 2, commune: 3 };
  const lastPeriod = (l: UnitLine) => l.points.at(-1)?.period ?? "";
  lines.sort(
    (a, b) =>
      (a.line.level ? LEVEL_ORDER[a.line.level] : 9) - (b.line.level ? LEVEL_ORDER[b.line.level] : 9) ||
      (lastPeriod(b.line) < lastPeriod(a.line) ? -1 : lastPeriod(b.line) > lastPeriod(a.line) ? 1 : 0) ||
      (a.last?.rank ?? Infinity) - (b.last?.rank ?? Infinity) ||
      a.line.name.localeCompare(b.line.name, "vi"),
  );
  return lines.map((l) => l.line);
}

/** The units a unit came from across a reorganisation: merged ones (`predecessors`) and the one whose area it mainly took over (`formerUnits`). */
export function predecessorsOf(unit: Unit): string[] {
  return [...new Set([...(unit.predecessors ?? []), ...(unit.formerUnits ?? [])])];
}

/**
 * A unit's history: its own line, the lines of the units it came from (kept to the periods before it
 * existed) and of the units it became (kept to the periods from their start). Null for a unit the
 * catalog does not know.
 */
export function unitHistoryLines(periods: readonly HistoryPeriod[], catalog: Catalog, unitId: string): { unit: Unit; lines: UnitLine[] } | null {
  const unit = catalog.units.find((u) => u.id === unitId);
  if (!unit) return null;
  const byId = new Map(catalog.units.map((u) => [u.id, u]));
  const byUnit = figuresByUnit(periods);
  const startOf = (period: string) => {
    const p = parsePeriod(period);
    return p ? periodStart(p) : period;
  };
  const line = (u: Unit, role: UnitLine["role"], keep: (period: string) => boolean): UnitLine => ({
    unitId: u.id,
    name: u.name,
    level: u.level,
    role,
    points: linePoints((byUnit.get(u.id) ?? []).filter((f) => keep(f.period))),
  });
  const lines: UnitLine[] = [line(unit, "self", () => true)];
  for (const id of predecessorsOf(unit)) {
    const before = byId.get(id);
    if (before) lines.push(line(before, "predecessor", (period) => !unit.validFrom || startOf(period) < unit.validFrom));
  }
  for (const after of catalog.units) {
    if (after.id === unit.id || !predecessorsOf(after).includes(unit.id)) continue;
    lines.push(line(after, "successor", (period) => !after.validFrom || startOf(period) >= after.validFrom));
  }
  return { unit, lines };
}
