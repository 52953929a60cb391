/**
 * Stage 6 — plan (after compare, before lay out): from "who is low" to "what to fix". For every unit
 * with per-indicator figures, each linear indicator's reach (./reach.ts): rate, threshold, points, points
 * lost and the exact number of dossiers that would reach the threshold; the indicators ordered by points
 * gained per dossier; the three cheapest gains; the points within reach (the sum of every gain reachable
 * by counts), the total and rank the unit would have with them (the other units unchanged); and its
 * compliance with the targets in force (./targets.ts): "Đạt" / "Chưa đạt" with the gap in percentage
 * points and in dossiers.
 *
 * Opt-in (BuildOptions.plan): letter-only builds do not run it. Pure; returns its value and its issues.
 */
import type { CheckedDatasets } from "../checks/check";
import type { BuildContext } from "../input/context";
import type { ParsedRow } from "../input/read";
import { ISSUE_CODES, issue, type Staged } from "../issues";
import type { IndicatorDef, Issue, Methodology, Target, UnitLevel } from "../model";
import { periodKey, periodStart } from "../period";
import type { LevelRanking, RankedDatasets } from "../rank/rank";
import { diff2, fromHundredths, percent2, toHundredths } from "../rounding";
import { scoreUnitWith, type ParsedIndicator, type PointsBasis } from "../rules/points";
import { compareReach, dossiersNeeded, indicatorReach, isGain, reaches, type IndicatorReach } from "./reach";
import { targetsFor } from "./targets";

/** How many gains a unit's plan lists first. */
export const CHEAPEST_GAINS = 3;

export type ComplianceStatus = "dat" | "chua-dat" | "khong-so-lieu";

/** One unit against one target. */
export interface ComplianceCell {
  readonly targetId: string;
  readonly indicator: string;
  readonly minRatePercent: number;
  /** The unit's rate as the portal shows it (2 decimals), or as stated; null without data. */
  readonly rate: number | null;
  /** "dat" when the rate reaches the target by the indicator's arithmetic (./reach.ts), "khong-so-lieu" without data. */
  readonly status: ComplianceStatus;
  /** Target minus rate, in percentage points (2 decimals; 0 when reached); null without data. */
  readonly gapPercentagePoints: number | null;
  /** Extra dossiers to reach the target (0 when reached); null without counts or when unreachable. */
  readonly gapDossiers: number | null;
}

export interface UnitPlan {
  /** The ranking's key: unit id, or "?" + folded name for an unresolved unit. */
  readonly key: string;
  readonly unitId: string | null;
  readonly name: string;
  readonly level: UnitLevel | null;
  readonly total: number | null;
  /** Competition rank in its level (Phụ lục 2's for the ranked level); null without a total. */
  readonly rank: number | null;
  /** How many units its level ranks. */
  readonly rankOf: number;
  /** Every linear indicator, gains first by points per dossier (./reach.ts compareReach). */
  readonly reach: readonly IndicatorReach[];
  /** The first {@link CHEAPEST_GAINS} gains of `reach`. */
  readonly cheapest: readonly IndicatorReach[];
  /** Sum of every gain reachable by counts (2 decimals, exact). */
  readonly pointsWithinReach: number;
  /** total + pointsWithinReach; null without a total. */
  readonly totalWithinReach: number | null;
  /** The rank that total would have, every other unit of the level unchanged; null without a total. */
  readonly rankWithinReach: number | null;
  /** One cell per target in force with an indicator, in the targets' order. */
  readonly compliance: readonly ComplianceCell[];
  /** The unit's row in Phụ lục 2's input (1-based). */
  readonly sourceRow: number;
}

export interface PlanDatasets {
  readonly period: string;
  readonly methodologyId: string;
  /** The targets in force for the period (plan targets first, then thresholds), overrides applied. */
  readonly targets: readonly Target[];
  /** Every unit with per-indicator figures: most points within reach first, then by rank and name. */
  readonly units: readonly UnitPlan[];
  /** The province's own row (Phụ lục 1), with no rank; null without its indicators. */
  readonly province: UnitPlan | null;
}

export interface PlanOptions {
  /** Overrides and additions to the built-in targets (by id). */
  readonly targets?: readonly Target[];
}

export function plan(checked: CheckedDatasets, ranked: RankedDatasets, ctx: BuildContext, options: PlanOptions = {}): Staged<PlanDatasets> {
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
  const planner = unitPlanner(m, judged);
  const units: UnitPlan[] = [];
  let withoutIndicators = 0;
  for (const level of [ranked.main, ...ranked.otherLevels]) {
    const place = levelPlacer(level);
    for (const u of level.units) {
      const p = planner(u.item, u.item.indicators, u.value, u.rank, level.units.length, place);
      if (p) units.push(p);
      else withoutIndicators++;
    }
  }
  if (withoutIndicators > 0 && units.length === 0) {
    issues.push(issue("info", ISSUE_CODES.NO_DATA, { dataset: "unitScores", column: "indicators" }, `Phụ lục 2 không có số liệu từng chỉ tiêu của ${withoutIndicators} đơn vị: không lập được kế hoạch cải thiện (cần số liệu từ Cổng Dịch vụ công quốc gia).`));
  }
  units.sort((a, b) => toHundredths(b.pointsWithinReach) - toHundredths(a.pointsWithinReach) || (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name, "vi"));
  const summary = checked.current.summary;
  const province = summary ? planner({ key: ctx.catalog.id, unit: null, displayName: ctx.catalog.provinceName, ref: {} }, summary.indicators, summary.total, null, 0, null) : null;
  return { value: { period: periodKey(ctx.current.period), methodologyId: m.id, targets, units, province }, issues };
}

/** The rank a total would have in a level, the other units unchanged: 1 + how many others are above it. */
type Placer = (total: number, own: number | null) => number;

/** Totals of a level sorted high to low, for placing a new total by binary search. */
function levelPlacer(level: LevelRanking): Placer {
  const totals: number[] = [];
  for (const u of level.units) if (u.value !== null) totals.push(toHundredths(u.value));
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

type RowLike = Pick<ParsedRow, "key" | "unit" | "displayName"> & { readonly ref: { readonly row?: number } };

interface Scratch {
  points: (number | null)[];
  basis: PointsBasis[];
}

/** A function planning one unit under a methodology and its judged targets. */
function unitPlanner(m: Methodology, targets: readonly Target[]) {
  const scored = m.indicators.filter((d) => d.rule.type !== "display");
  const order = new Map(scored.map((d, i) => [d.code, i]));
  const orderOf = (r: IndicatorReach) => order.get(r.code) ?? 0;
  const scratch: Scratch = { points: new Array(scored.length).fill(null), basis: new Array(scored.length).fill("missing") };
  const sink = (i: number, _def: IndicatorDef, points: number | null, _rate: number | null, basis: PointsBasis) => {
    scratch.points[i] = points === null ? null : toHundredths(points);
    scratch.basis[i] = basis;
  };
  const targetDefs = targets.map((t) => ({ target: t, def: m.indicators.find((d) => d.code === t.indicator) as IndicatorDef }));
  return (row: RowLike, indicators: Readonly<Record<string, ParsedIndicator>>, total: number | null, rank: number | null, rankOf: number, place: Placer | null): UnitPlan | null => {
    if (!scored.some((d) => indicators[d.code] !== undefined)) return null;
    scoreUnitWith(m, indicators, {}, null, sink);
    const reach: IndicatorReach[] = [];
    for (let i = 0; i < scored.length; i++) {
      const def = scored[i] as IndicatorDef;
      const r = indicatorReach(def, indicators[def.code], scratch.points[i] ?? null, scratch.basis[i] as PointsBasis);
      if (r) reach.push(r);
    }
    reach.sort((a, b) => compareReach(a, b, orderOf));
    let gainHundredths = 0;
    const cheapest: IndicatorReach[] = [];
    for (const r of reach) {
      if (!isGain(r)) continue;
      gainHundredths += toHundredths(r.pointsLost);
      if (cheapest.length < CHEAPEST_GAINS) cheapest.push(r);
    }
    const pointsWithinReach = fromHundredths(gainHundredths);
    const totalWithinReach = total === null ? null : fromHundredths(toHundredths(total) + gainHundredths);
    return {
      key: row.key,
      unitId: row.unit?.id ?? null,
      name: row.displayName,
      level: row.unit?.level ?? null,
      total,
      rank,
      rankOf,
      reach,
      cheapest,
      pointsWithinReach,
      totalWithinReach,
      rankWithinReach: totalWithinReach === null || place === null ? null : place(totalWithinReach, total),
      compliance: targetDefs.map(({ target, def }) => complianceCell(target, def, indicators[def.code])),
      sourceRow: row.ref.row ?? 0,
    };
  };
}

/** One unit against one target, by the indicator's arithmetic. */
export function complianceCell(target: Target, def: IndicatorDef, input: ParsedIndicator | undefined): ComplianceCell {
  const base = { targetId: target.id, indicator: def.code, minRatePercent: target.minRatePercent };
  const n = input?.numerator ?? null;
  const d = input?.denominator ?? null;
  if (n !== null && d !== null && d > 0) {
    const rate = percent2(Math.max(0, n), d);
    const ok = reaches(def, n, d, target.minRatePercent);
    return { ...base, rate, status: ok ? "dat" : "chua-dat", gapPercentagePoints: ok ? 0 : Math.max(0, diff2(target.minRatePercent, rate)), gapDossiers: dossiersNeeded(def, n, d, target.minRatePercent) };
  }
  const rate = input?.rate ?? null;
  if (rate === null) return { ...base, rate: null, status: "khong-so-lieu", gapPercentagePoints: null, gapDossiers: null };
  const ok = rate >= target.minRatePercent;
  return { ...base, rate, status: ok ? "dat" : "chua-dat", gapPercentagePoints: ok ? 0 : diff2(target.minRatePercent, rate), gapDossiers: null };
}

/** The plan of one unit by key (unit id), when it has one. */
export function unitPlanOf(p: PlanDatasets, key: string): UnitPlan | undefined {
  return p.units.find((u) => u.key === key || u.unitId === key);
}
