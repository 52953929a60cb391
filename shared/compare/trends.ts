/**
 * Stage 5 — compare, over time: how the province and its units moved across stored periods (the
 * Worker's `GET /v1/provinces/{p}/history?include=units`, shape `ProvinceHistory` of api-schema.ts).
 * Pure; every difference through rounding.ts (`diff2`, `toHundredths`).
 *
 * Definitions (the README's "Diễn biến" section says the same):
 * - **Window**: the {@link TREND_WINDOW} consecutive periods (of the end period's kind: months, quarters
 *   or years) ending at the report's period (`at`), or, without one, at the latest period with a figure.
 *   A period with nothing stored is a blank column, never skipped.
 * - **Line**: one `UnitLine` of the history — a unit's figures under one identity. A district whose line
 *   ends on 30/6/2025 and the communes whose lines begin on 1/7/2025 are different lines: no change is
 *   ever computed from one line's figure to another's.
 * - **Streak** ({@link streakOf}): the number of consecutive changes of one sign ending at the last
 *   period; a blank period or an equal total ends it. A line is **flagged** when its total fell at
 *   least {@link FALLING_RUN} periods in a row ending at the window's last period (so it has figures
 *   in the last FALLING_RUN + 1 periods, each lower than the one before).
 * - **Risers / fallers**: a line's change is its last figure in the window minus its first figure in
 *   the window (at least two figures needed). The {@link MOVERS} largest positive changes, largest
 *   first, are the risers; the MOVERS most negative, most negative first, the fallers; a zero change is
 *   neither. Equal changes are ordered by the unit's name in Vietnamese collation (rank/competition.ts),
 *   and the cut at MOVERS follows that order.
 * - **Province streak** ({@link totalStreak}): the same streak on the province's total, ending at the
 *   report's period — the draft letter's "tăng 3 tháng liên tiếp".
 */
import type { ProvinceHistory } from "../api-responses";
import { provinceSince } from "../catalog/provinces";
import type { GroupCode, Period } from "../model";
import { parsePeriod, periodKey, periodStart, previousPeriod } from "../period";
import { competitionRank } from "../rank/competition";
import { GROUP_CODES as GROUP_KEYS } from "../rules/methodology";
import { diff2, toHundredths } from "../rounding";

/** Periods the sheet "Diễn biến" shows. */
export const TREND_WINDOW = 12;
/** Consecutive falls that flag a unit. */
export const FALLING_RUN = 3;
/** Risers and fallers listed. */
export const MOVERS = 5;

export type TrendDirection = "up" | "down";

/** A figure at a period. */
export interface PeriodFigure {
  readonly period: string;
  readonly total: number;
}

export interface Streak {
  readonly direction: TrendDirection;
  /** Consecutive changes of that sign (periods compared), ≥ 1. */
  readonly steps: number;
  /** The figure the streak starts from (`steps` periods before `to`) and the one it ends at. */
  readonly from: PeriodFigure;
  readonly to: PeriodFigure;
}

/**
 * The run of consecutive changes of one sign ending at the last value of a series whose values stand
 * for consecutive periods (null: no figure). Null when the last two values are not both figures or are
 * equal (to the hundredth).
 */
export function streakOf(values: readonly (number | null)[]): { readonly direction: TrendDirection; readonly steps: number } | null {
  let direction: TrendDirection | null = null;
  let steps = 0;
  for (let i = values.length - 1; i > 0; i--) {
    const now = values[i];
    const before = values[i - 1];
    if (now === null || now === undefined || before === null || before === undefined) break;
    const change = toHundredths(now) - toHundredths(before);
    const d: TrendDirection | null = change > 0 ? "up" : change < 0 ? "down" : null;
    if (d === null || (direction !== null && d !== direction)) break;
    direction = d;
    steps++;
  }
  return direction === null ? null : { direction, steps };
}

/** The `count` consecutive periods ending at `end`, oldest first. */
export function periodWindow(end: Period, count = TREND_WINDOW): Period[] {
  const out: Period[] = [end];
  while (out.length < count) out.unshift(previousPeriod(out[0] as Period));
  return out;
}

/** Figures keyed by period key, only of `kind`; a repeated period keeps its last figure. */
function byPeriod<T extends { readonly period: string }>(points: readonly T[], kind: Period["kind"]): Map<string, T> {
  const map = new Map<string, T>();
  for (const p of points) {
    const period = parsePeriod(p.period);
    if (period && period.kind === kind) map.set(periodKey(period), p);
  }
  return map;
}

/**
 * The province total's streak ending at `at` (the report's period): the points of the same kind as
 * `at` walked back one period at a time while each has a total. Points after `at` are ignored; a
 * missing period ends the streak, and so does `since` (the day a merged province was formed: 1/7/2025).
 */
export function totalStreak(points: readonly { readonly period: string; readonly total: number | null }[], at: Period | string, since: string | null = null): Streak | null {
  const end = typeof at === "string" ? parsePeriod(at) : at;
  if (!end) return null;
  const map = byPeriod(points, end.kind);
  const series: PeriodFigure[] = [];
  for (let p = end; ; p = previousPeriod(p)) {
    const total = map.get(periodKey(p))?.total;
    if (total === null || total === undefined) break;
    series.unshift({ period: periodKey(p), total });
    // A province formed on `since` (provinceSince): the period before it was another province's.
    if (since !== null && periodStart(p) >= since && periodStart(previousPeriod(p)) < since) break;
  }
  const s = streakOf(series.map((x) => x.total));
  if (!s) return null;
  return { ...s, from: series[series.length - 1 - s.steps] as PeriodFigure, to: series[series.length - 1] as PeriodFigure };
}

type UnitLine = NonNullable<ProvinceHistory["units"]>[number];
type ProvincePoint = ProvinceHistory["periods"][number];

/** One line of a unit over the window. */
export interface TrendLine {
  /** `unitId|role`: a unit's own line and a predecessor's line are distinct even with one id. */
  readonly key: string;
  readonly unitId: string;
  readonly name: string;
  readonly level: UnitLine["level"];
  readonly role: UnitLine["role"];
  /** Aligned on the window's periods (null: no figure that period). */
  readonly totals: readonly (number | null)[];
  readonly ranks: readonly (number | null)[];
  /** How many units each rank is out of (null where the line has no figure). */
  readonly rankOf: readonly (number | null)[];
  /** Consecutive falls ending at the window's last period (0: not falling there). */
  readonly falling: number;
  /** First to last figure of the line in the window; null with fewer than two figures. */
  readonly change: { readonly from: PeriodFigure; readonly to: PeriodFigure; readonly delta: number } | null;
}

/** A riser or faller: the line and its change over the window. */
export interface Mover {
  readonly line: TrendLine;
  readonly delta: number;
  readonly from: PeriodFigure;
  readonly to: PeriodFigure;
}

/** The province's total and six groups at one period of the window (null: nothing stored). */
export interface ProvinceTrendPoint {
  readonly period: string;
  readonly total: number | null;
  readonly groups: Readonly<Partial<Record<GroupCode, number | null>>>;
}

export interface Trends {
  readonly province: string;
  /** The window's period keys, oldest first (TREND_WINDOW of them). */
  readonly periods: readonly string[];
  readonly provinceSeries: readonly ProvinceTrendPoint[];
  /** Lines ordered by rank at the window's last period; lines without one after, by name. */
  readonly lines: readonly TrendLine[];
  /** Lines that fell FALLING_RUN periods or more in a row, ending at the last period (in `lines` order). */
  readonly flagged: readonly TrendLine[];
  readonly risers: readonly Mover[];
  readonly fallers: readonly Mover[];
  /** The province total's streak ending at the window's last period. */
  readonly streak: Streak | null;
}

export interface TrendOptions {
  /** The report's period: the window ends there (default: the latest period with a figure). */
  readonly at?: Period | string;
  /** Periods in the window (default TREND_WINDOW). */
  readonly window?: number;
}

/** The latest period with a figure, of the kind of `history.to` when that is a period. */
function latestPeriod(history: ProvinceHistory): Period | null {
  const kind = parsePeriod(history.to)?.kind;
  let best: Period | null = null;
  const consider = (key: string) => {
    const p = parsePeriod(key);
    if (!p || (kind && p.kind !== kind)) return;
    if (!best || periodStart(p) > periodStart(best)) best = p;
  };
  for (const p of history.periods) if (p.total !== null) consider(p.period);
  for (const line of history.units ?? []) for (const p of line.points) if (p.total !== null) consider(p.period);
  return best ?? parsePeriod(history.to);
}

/** The history over the window: lines, flags, risers and fallers, the province's series and streak. */
export function trends(history: ProvinceHistory, options: TrendOptions = {}): Trends | null {
  const end = options.at ? (typeof options.at === "string" ? parsePeriod(options.at) : options.at) : latestPeriod(history);
  if (!end) return null;
  const window = periodWindow(end, options.window ?? TREND_WINDOW);
  const keys = window.map(periodKey);
  const last = keys.length - 1;

  const provinceByPeriod = byPeriod<ProvincePoint>(history.periods, end.kind);
  const provinceSeries = keys.map((period): ProvinceTrendPoint => {
    const p = provinceByPeriod.get(period);
    return { period, total: p?.total ?? null, groups: p ? p.groups : {} };
  });

  const unordered = (history.units ?? []).map((u): TrendLine => {
    const points = byPeriod(u.points, end.kind);
    const at = keys.map((k) => points.get(k));
    const totals = at.map((p) => p?.total ?? null);
    const s = streakOf(totals);
    const first = totals.findIndex((t) => t !== null);
    let lastFigure = totals.length - 1;
    while (lastFigure >= 0 && totals[lastFigure] === null) lastFigure--;
    const change =
      first >= 0 && lastFigure > first
        ? {
            from: { period: keys[first] as string, total: totals[first] as number },
            to: { period: keys[lastFigure] as string, total: totals[lastFigure] as number },
            delta: diff2(totals[lastFigure] as number, totals[first] as number),
          }
        : null;
    return {
      key: `${u.unitId}|${u.role}`,
      unitId: u.unitId,
      name: u.name,
      level: u.level,
      role: u.role,
      totals,
      ranks: at.map((p) => (p && p.total !== null ? p.rank : null)),
      rankOf: at.map((p) => (p && p.total !== null ? p.rankOf : null)),
      falling: s?.direction === "down" ? s.steps : 0,
      change,
    };
  });
  // Current ranking first (the rank the history states at the last period), ties and unranked by name.
  const lines = competitionRank(unordered, (l) => l.ranks[last] ?? null, (l) => l.name, { descending: false }).map((r) => r.item);

  const moving = (sign: 1 | -1): Mover[] =>
    competitionRank(
      lines.filter((l) => l.change !== null && Math.sign(l.change.delta) === sign),
      (l) => (l.change as NonNullable<TrendLine["change"]>).delta,
      (l) => l.name,
      { descending: sign === 1 },
    )
      .slice(0, MOVERS)
      .map(({ item }) => {
        const c = item.change as NonNullable<TrendLine["change"]>;
        return { line: item, delta: c.delta, from: c.from, to: c.to };
      });

  return {
    province: history.province,
    periods: keys,
    provinceSeries,
    lines,
    flagged: lines.filter((l) => l.falling >= FALLING_RUN),
    risers: moving(1),
    fallers: moving(-1),
    streak: totalStreak(
      provinceSeries.flatMap((p) => (p.total === null ? [] : [{ period: p.period, total: p.total }])),
      end,
      provinceSince(history.province),
    ),
  };
}

/** A unit's figure in the report being built (Phụ lục 2's ranking entry). */
export interface CurrentUnitFigure {
  readonly unitId: string | null;
  /** The entry's key ("?" + folded name for a unit the catalog does not know): the line's id without unitId. */
  readonly key: string;
  readonly name: string;
  readonly level: UnitLine["level"];
  readonly total: number | null;
  readonly rank: number | null;
}

/**
 * The history with the report's own period as the report has it: the units of the ranked level get
 * the build's totals and ranks at `period` (what the stored revision said there is dropped, so the last
 * column is Phụ lục 2's), and the province's total there is the build's when given. A unit new to the
 * history gets a line of its own. Pure: the history given is not changed.
 */
export function withCurrentPeriod(history: ProvinceHistory, period: string, units: readonly CurrentUnitFigure[], level: UnitLine["level"], provinceTotal: number | null = null): ProvinceHistory {
  const at = parsePeriod(period);
  if (!at) return history;
  const key = periodKey(at);
  const same = (p: { period: string }) => {
    const q = parsePeriod(p.period);
    return q !== null && periodKey(q) === key;
  };
  const ranked = units.filter((u) => u.total !== null);
  const rankOf = ranked.length;
  const point = (u: CurrentUnitFigure) => ({ period: key, total: u.total, groups: Object.fromEntries(GROUP_KEYS.map((g) => [g, null])) as UnitLine["points"][number]["groups"], rank: u.rank, rankOf, delta: null });
  const byId = new Map(ranked.map((u) => [u.unitId ?? u.key, u]));
  const lines = (history.units ?? []).map((line) => {
    if (line.level !== level && line.level !== null) return line;
    const mine = line.role === "self" || line.role === "successor" ? byId.get(line.unitId) : undefined;
    if (mine) byId.delete(line.unitId);
    return { ...line, points: [...line.points.filter((p) => !same(p)), ...(mine ? [point(mine)] : [])] };
  });
  for (const [id, u] of byId) lines.push({ unitId: id, name: u.name, level: u.level ?? level, role: "self", points: [point(u)] });
  let periods = history.periods;
  if (provinceTotal !== null) {
    const stored = history.periods.find(same);
    const groups = stored && stored.total === provinceTotal ? stored.groups : (Object.fromEntries(GROUP_KEYS.map((g) => [g, null])) as ProvincePoint["groups"]);
    periods = [...history.periods.filter((p) => !same(p)), { period: key, revision: stored?.revision ?? 0, capturedAt: stored?.capturedAt ?? "", total: provinceTotal, groups, nationalRank: stored?.nationalRank ?? null, units: rankOf }];
  }
  return { ...history, periods, units: lines };
}
