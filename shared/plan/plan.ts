/**
 * Stage 6 — plan (after compare, before lay out): from "who is low" to "what to fix". For every unit
 * with per-indicator figures, each linear indicator's reach (./reach.ts): rate, threshold, points, points
 * lost and the exact number of dossiers that would reach the threshold; the indicators ordered by points
 * gained per dossier; the three cheapest gains; the points within reach (the sum of every gain reachable
 * by counts), the total and rank the unit would have with them (the other units unchanged); and its
 * compliance with the targets in force (./targets.ts): "Đạt" / "Chưa đạt" with the gap in percentage
 * points and in dossiers — per unit for the plan targets (every target with `compliance: "all"`), and per
 * target for all of them: how many units fall short and the lowest ({@link TargetShortfall}).
 *
 * Opt-in (BuildOptions.plan): letter-only builds do not run it. Pure; returns its value and its issues.
 */
import type { CheckedDatasets } from "../checks/check";
import type { BuildContext } from "../input/context";
import type { ParsedUnitScore, UnitIdentity } from "../input/read";
import { ISSUE_CODES, issue, type Staged } from "../issues";
import type { IndicatorDef, Issue, Methodology, Target } from "../model";
import { periodKey, periodStart } from "../period";
import type { LevelRanking, RankedDatasets } from "../rank/rank";
import { fromHundredths, toHundredths } from "../rounding";
import { compareVietnamese } from "../text/vn-text";
import { scoreUnitWith, type ParsedIndicator, type PointsBasis } from "../rules/points";
import { POINTS_BASES, type IndicatorTable, type ScoredDatasets } from "../rules/score";
import { compareGains, compareReach, indicatorReach, neededWith, reachDef, reachRule, type IndicatorReach, type ReachDef, type ReachRule } from "./reach";
import { targetsFor } from "./targets";
import { LazyUnitPlan, NEEDED, PlanColumns, RATE, REACHED, newStanding, orNull, stand, type UnitPlan } from "./unit-plan";

/** How many gains a unit's plan lists first. */
export const CHEAPEST_GAINS = 3;

/** A unit below a target, as the letter names it. */
export interface ShortfallUnit {
  readonly key: string;
  readonly unitId: string | null;
  readonly name: string;
  readonly rate: number;
  /** Extra dossiers to reach the target; null without counts. */
  readonly gapDossiers: number | null;
}

/** How the units stand against one target: the letter's "57/163 đơn vị chưa đạt, thấp nhất là …". */
export interface TargetShortfall {
  readonly targetId: string;
  /** Units with figures for the target's indicator. */
  readonly withData: number;
  /** Of them, below the target. */
  readonly short: number;
  /** The {@link SHORTFALL_NAMED} lowest: lowest rate first, then the most dossiers needed, then by name (Vietnamese collation). */
  readonly lowest: readonly ShortfallUnit[];
}

/** How many of the lowest units a target's shortfall keeps. */
export const SHORTFALL_NAMED = 5;

export interface PlanDatasets {
  readonly period: string;
  readonly methodologyId: string;
  /** The targets in force for the period (plan targets first, then thresholds), overrides applied. */
  readonly targets: readonly Target[];
  /** The ids of the targets each unit's `compliance` has, in its order (the plan targets, or all with `compliance: "all"`). */
  readonly complianceTargets: readonly string[];
  /** Per target in force with a scored indicator (plan targets and thresholds), by id. */
  readonly shortfalls: Readonly<Record<string, TargetShortfall>>;
  /** Every unit with per-indicator figures: most points within reach first, then by rank and name. */
  readonly units: readonly UnitPlan[];
  /** The province's own row (Phụ lục 1), with no rank; null without its indicators. */
  readonly province: UnitPlan | null;
  /** Points lost per linear indicator, summed over `units` (2 decimals): where the province's units lose most. */
  readonly pointsLostByIndicator: Readonly<Record<string, number>>;
}

export interface PlanOptions {
  /** Overrides and additions to the built-in targets (by id). */
  readonly targets?: readonly Target[];
  /**
   * Which targets each unit's compliance lists: the plan targets (default: the letters' and plans'
   * targets, a handful) or every target in force, thresholds included (about 20 more cells per unit;
   * a threshold's cell repeats what the unit's `reach` says).
   */
  readonly compliance?: "plan" | "all";
}

/**
 * The plan stage. `scored` (optional) lends the score stage's recomputed indicators (kept when
 * BuildOptions.plan is set), so that units are not scored twice; without it they are scored here.
 */
export function plan(checked: CheckedDatasets, ranked: RankedDatasets, ctx: BuildContext, options: PlanOptions = {}, scored: ScoredDatasets | null = null): Staged<PlanDatasets> {
  const issues: Issue[] = [];
  const m = ctx.current.methodology;
  const targets = targetsFor(periodStart(ctx.current.period), options.targets ?? []);
  const defs = new Map(m.indicators.map((d) => [d.code, d]));
  const judged = targets.filter((t) => {
    if (t.indicator === undefined) return false;
    const d = defs.get(t.indicator);
    if (d && d.rule.type === "linear") return true;
    issues.push(issue("warning", ISSUE_CODES.UNKNOWN_INDICATOR, { dataset: "input", column: `targets.${t.id}.indicator` }, `Chỉ tiêu "${t.nameVi}" (${t.id}) gắn với chỉ số "${t.indicator}" không có trong phương pháp ${m.id}; không đánh giá chỉ tiêu này.`, { target: t.id, indicator: t.indicator }));
    return false;
  });
  const cellTargets = options.compliance === "all" ? judged : judged.filter((t) => t.kind !== "threshold");
  const table = scored?.current.indicators ?? null;
  // Every unit of every level may get a plan, and the province's row.
  let capacity = 1;
  for (const level of [ranked.main, ...ranked.otherLevels]) capacity += level.units.order.length;
  const planner = unitPlanner(m, judged, cellTargets, table, capacity);
  // A unit's row in the score stage's table: its index in the ranking's items when they are the
  // period's rows (the usual case), else looked up (a level ranking a subset).
  const rows = checked.current.unitScores;
  let rowOf: Map<ParsedUnitScore, number> | null = null;
  const tableRowOf = (items: readonly ParsedUnitScore[], index: number, item: ParsedUnitScore): number => {
    if (items === rows) return index;
    rowOf ??= new Map(rows.map((r, i) => [r, i]));
    return rowOf.get(item) ?? -1;
  };
  const units: UnitPlan[] = [];
  let withoutIndicators = 0;
  for (const level of [ranked.main, ...ranked.otherLevels]) {
    const place = levelPlacer(level);
    const { items, values, order, ranks } = level.units;
    for (let position = 0; position < order.length; position++) {
      const index = order[position] as number;
      const item = items[index] as ParsedUnitScore;
      const p = planner.unit(item, item.indicators, values[index] ?? null, ranks[position] || null, order.length, place, tableRowOf(items, index, item));
      if (p) units.push(p);
      else withoutIndicators++;
    }
  }
  if (withoutIndicators > 0 && units.length === 0) {
    issues.push(issue("info", ISSUE_CODES.NO_DATA, { dataset: "unitScores", column: "indicators" }, `Phụ lục 2 không có số liệu từng chỉ tiêu của ${withoutIndicators} đơn vị: không lập được kế hoạch cải thiện (cần số liệu từ Cổng Dịch vụ công quốc gia).`));
  }
  units.sort((a, b) => toHundredths(b.pointsWithinReach) - toHundredths(a.pointsWithinReach) || (a.rank ?? Infinity) - (b.rank ?? Infinity) || compareVietnamese(a.name, b.name));
  const summary = checked.current.summary;
  const province = summary ? planner.province({ identity: { key: ctx.catalog.id, unit: null, displayName: ctx.catalog.provinceName } }, summary.indicators, summary.total) : null;
  return {
    value: { period: periodKey(ctx.current.period), methodologyId: m.id, targets, complianceTargets: cellTargets.map((t) => t.id), shortfalls: planner.shortfalls(), units, province, pointsLostByIndicator: planner.lostByIndicator() },
    issues,
  };
}

/** The rank a total would have in a level, the other units unchanged: 1 + how many others are above it. */
type Placer = (total: number, own: number | null) => number;

/** Totals of a level sorted high to low, for placing a new total by binary search. */
function levelPlacer(level: LevelRanking): Placer {
  const totals: number[] = [];
  for (const value of level.units.values) if (value !== null) totals.push(toHundredths(value));
  totals.sort((a, b) => b - a);
  return (total, own) => {
    const t = toHundredths(total);
    // How many totals are strictly above t (the list is descending).
    let lo = 0;
    let hi = totals.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((totals[mid] as number) > t) lo = mid + 1;
      else hi = mid;
    }
    const ownAbove = own !== null && toHundredths(own) > t ? 1 : 0;
    return lo - ownAbove + 1;
  };
}

/** A unit row, or the province's summary as one (no row number). */
type RowLike = { readonly identity: Pick<UnitIdentity, "key" | "unit" | "displayName">; readonly row?: number };

/**
 * A function planning one unit under a methodology and its judged targets.
 *
 * Cost: a plan is built for every unit (10,035 in the largest province), so the eager part works on
 * numbers only — each linear indicator's points (scoreUnitWith into a scratch array), lost hundredths
 * and dossiers needed — and keeps the three cheapest gains by exact comparison (./reach.ts
 * compareGains). Those three and the compliance cells go into the plan's columns as numbers
 * (./unit-plan.ts PlanColumns, sized for `capacity` units), made into objects when a reader asks; the
 * full `reach` list (one object per indicator) on first read of `unit.reach` ({@link LazyUnitPlan}).
 */
function unitPlanner(m: Methodology, judged: readonly Target[], cellTargets: readonly Target[], table: IndicatorTable | null, capacity: number) {
  const scored = m.indicators.filter((d) => d.rule.type !== "display");
  const known = scored.map((d) => reachDef(d));
  const order = new Map(scored.map((d, i) => [d.code, i]));
  const orderOf = (r: IndicatorReach) => order.get(r.code) ?? 0;
  const n = scored.length;
  const points = new Array<number | null>(n).fill(null);
  const basis = new Array<PointsBasis>(n).fill("missing");
  const sink = (i: number, _def: IndicatorDef, p: number | null, _rate: number | null, b: PointsBasis) => {
    points[i] = p === null ? null : toHundredths(p);
    basis[i] = b;
  };
  const targetDefs = judged.map((t) => ({ target: t, def: m.indicators.find((d) => d.code === t.indicator) as IndicatorDef }));
  const withCell = judged.map((t) => cellTargets.includes(t));
  const cellCount = withCell.filter(Boolean).length;
  const cols = new PlanColumns(scored, targetDefs, capacity * CHEAPEST_GAINS, capacity * cellCount + targetDefs.length);
  const withData = new Int32Array(judged.length);
  const short = new Int32Array(judged.length);
  const lowest = judged.map((): ShortfallUnit[] => []);
  /** Each unit against each judged target: its compliance cells, and (for a unit of a ranking) the shortfalls. */
  const standing = newStanding();
  // Each judged target's column among the scored indicators.
  const column = targetDefs.map(({ def }) => scored.indexOf(def));
  const targetRules = targetDefs.map(({ target, def }) => reachRule(def, target.minRatePercent));
  const thresholdRules = scored.map((d, i) => (known[i] ? reachRule(d, (known[i] as ReachDef).threshold) : null));
  /** The unit's figures by column, looked up once per unit (the read stage's records are dictionaries). */
  const inputs = new Array<ParsedIndicator | undefined>(n).fill(undefined);
  // Their numerators and denominators (NaN where absent), by column.
  const nums = new Float64Array(n);
  const dens = new Float64Array(n);
  /** Judge the unit; its cells go to the columns from `cols.cellCount` on (the caller records where they start). */
  const judge = (row: RowLike, every: boolean, track: boolean): void => {
    for (let t = 0; t < targetDefs.length; t++) {
      const cell = every || withCell[t];
      if (!cell && !track) continue;
      const { target, def } = targetDefs[t] as { target: Target; def: IndicatorDef };
      const c = column[t] as number;
      const s = stand(def, nums[c] as number, dens[c] as number, inputs[c], target.minRatePercent, targetRules[t] as ReachRule, standing);
      if (cell) cols.addCell(t, s);
      const rate = s[RATE] as number;
      if (!track || Number.isNaN(rate)) continue;
      withData[t] = (withData[t] as number) + 1;
      if (s[REACHED] === 0) {
        short[t] = (short[t] as number) + 1;
        keepLowest(lowest[t] as ShortfallUnit[], row, rate, orNull(s[NEEDED] as number));
      }
    }
  };
  const shortfalls = (): Record<string, TargetShortfall> => Object.fromEntries(judged.map((t, i) => [t.id, { targetId: t.id, withData: withData[i] as number, short: short[i] as number, lowest: lowest[i] as ShortfallUnit[] }]));
  /** Every linear indicator's reach, in the plan's order (scores the unit again: only on first read). */
  const fullReach = (indicators: Readonly<Record<string, ParsedIndicator>>): IndicatorReach[] => {
    scoreUnitWith(m, indicators, {}, null, sink);
    const reach: IndicatorReach[] = [];
    for (let i = 0; i < n; i++) {
      const def = scored[i] as IndicatorDef;
      const r = known[i] ? indicatorReach(def, indicators[def.code], points[i] ?? null, basis[i] as PointsBasis) : null;
      if (r) reach.push(r);
    }
    return reach.sort((a, b) => compareReach(a, b, orderOf));
  };
  // The best gains so far: indexes into `scored`, with their lost hundredths and dossiers needed.
  const top = new Int32Array(CHEAPEST_GAINS);
  const topLost = new Float64Array(CHEAPEST_GAINS);
  const topNeeded = new Float64Array(CHEAPEST_GAINS);
  // Points lost per indicator over the units planned with `sums` (hundredths).
  const lostSums = new Float64Array(n);
  const lostByIndicator = (): Record<string, number> => Object.fromEntries(scored.flatMap((d, i) => (known[i] ? [[d.code, fromHundredths(lostSums[i] as number)]] : [])));
  // The score stage's table, when it kept one for this methodology's columns.
  const lent = table && table.defs.length === n && table.defs.every((d, i) => d === scored[i]) ? table : null;
  const planUnit = (row: RowLike, indicators: Readonly<Record<string, ParsedIndicator>>, total: number | null, rank: number | null, rankOf: number, place: Placer | null, sums: Float64Array | null, tableRow: number): UnitPlan | null => {
    let any = false;
    if (lent && tableRow >= 0) {
      // The score stage's row: figures, points and basis by column, no lookup by code.
      for (let i = 0, at = tableRow * n; i < n; i++, at++) {
        any = (inputs[i] = lent.inputs[at]) !== undefined || any;
        nums[i] = lent.numerators[at] as number;
        dens[i] = lent.denominators[at] as number;
        const h = lent.hundredths[at] as number;
        points[i] = Number.isNaN(h) ? null : h;
        basis[i] = POINTS_BASES[lent.basis[at] as number] as PointsBasis;
      }
      if (!any) return null;
    } else {
      for (let i = 0; i < n; i++) {
        const input = (inputs[i] = indicators[(scored[i] as IndicatorDef).code]);
        any = input !== undefined || any;
        nums[i] = input?.numerator ?? Number.NaN;
        dens[i] = input?.denominator ?? Number.NaN;
      }
      if (!any) return null;
      scoreUnitWith(m, indicators, {}, null, sink);
    }
    let gainHundredths = 0;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const k = known[i];
      const h = points[i];
      if (!k || h === null || h === undefined) continue;
      const lost = k.maxHundredths - h;
      if (lost <= 0) continue;
      if (sums) sums[i] = (sums[i] as number) + lost;
      const num = nums[i] as number;
      const den = dens[i] as number;
      // NaN (absent) fails both tests.
      if (!(den > 0) || !(num === num)) continue;
      const needed = neededWith(thresholdRules[i] as ReachRule, num, den);
      if (needed === null || needed <= 0) continue;
      gainHundredths += lost;
      // Insert into the kept best, in the plan's order.
      let at = kept;
      while (at > 0 && compareGains(lost, needed, i, topLost[at - 1] as number, topNeeded[at - 1] as number, top[at - 1] as number) < 0) at--;
      if (at >= CHEAPEST_GAINS) continue;
      for (let j = Math.min(kept, CHEAPEST_GAINS - 1); j > at; j--) {
        top[j] = top[j - 1] as number;
        topLost[j] = topLost[j - 1] as number;
        topNeeded[j] = topNeeded[j - 1] as number;
      }
      top[at] = i;
      topLost[at] = lost;
      topNeeded[at] = needed;
      if (kept < CHEAPEST_GAINS) kept++;
    }
    const gainsAt = cols.gainCount;
    for (let j = 0; j < kept; j++) {
      const i = top[j] as number;
      cols.addGain(i, inputs[i], points[i] ?? Number.NaN, basis[i] as PointsBasis, topNeeded[j] as number);
    }
    const cellsAt = cols.cellCount;
    judge(row, sums === null, sums !== null);
    const pointsWithinReach = fromHundredths(gainHundredths);
    const totalWithinReach = total === null ? null : fromHundredths(toHundredths(total) + gainHundredths);
    const identity = row.identity;
    return new LazyUnitPlan(
      identity.key,
      identity.unit?.id ?? null,
      identity.displayName,
      identity.unit?.level ?? null,
      total,
      rank,
      rankOf,
      pointsWithinReach,
      totalWithinReach,
      totalWithinReach === null || place === null ? null : place(totalWithinReach, total),
      row.row ?? 0,
      cols,
      gainsAt,
      kept,
      cellsAt,
      cols.cellCount - cellsAt,
      indicators,
      fullReach,
    );
  };
  return {
    /** A unit of a ranking (its points lost are added to {@link lostByIndicator}). */
    unit: (row: RowLike, indicators: Readonly<Record<string, ParsedIndicator>>, total: number | null, rank: number | null, rankOf: number, place: Placer, tableRow: number) => planUnit(row, indicators, total, rank, rankOf, place, lostSums, tableRow),
    /** The province's own row: no rank, not added to the sums. */
    province: (row: RowLike, indicators: Readonly<Record<string, ParsedIndicator>>, total: number | null) => planUnit(row, indicators, total, null, 0, null, null, -1),
    lostByIndicator,
    shortfalls,
  };
}

/** Whether a unit at `rate` needing `gap` dossiers is listed before `e` (lowest rate, most dossiers, then name). */
function lowerThan(rate: number, gap: number | null, name: string, e: ShortfallUnit): boolean {
  if (rate !== e.rate) return rate < e.rate;
  if ((gap ?? 0) !== (e.gapDossiers ?? 0)) return (gap ?? 0) > (e.gapDossiers ?? 0);
  return compareVietnamese(name, e.name) < 0;
}

/** Keep the unit among a target's {@link SHORTFALL_NAMED} lowest, in order (an object only when it gets in). */
function keepLowest(list: ShortfallUnit[], row: RowLike, rate: number, gap: number | null): void {
  const { key, unit, displayName } = row.identity;
  if (list.length >= SHORTFALL_NAMED && !lowerThan(rate, gap, displayName, list[list.length - 1] as ShortfallUnit)) return;
  let at = list.length;
  while (at > 0 && lowerThan(rate, gap, displayName, list[at - 1] as ShortfallUnit)) at--;
  list.splice(at, 0, { key, unitId: unit?.id ?? null, name: displayName, rate, gapDossiers: gap });
  if (list.length > SHORTFALL_NAMED) list.pop();
}

/** The plan of one unit by key (unit id), when it has one. */
export function unitPlanOf(p: PlanDatasets, key: string): UnitPlan | undefined {
  return p.units.find((u) => u.key === key || u.unitId === key);
}
