/**
 * Recompute points from numerators and denominators with the methodology in force, and compare with
 * what was published.
 *
 * points = round2(max × min(1, rate / threshold)), rate = numerator / denominator (unrounded: the
 * portal scores the exact ratio, not the 2-decimal rate it prints; checked on every recorded unit).
 * A zero denominator follows the indicator's policy. Groups and totals are plain sums of the rounded
 * components, exact in hundredths.
 */
import type { GroupCode, IndicatorDef, Methodology } from "../model";
import type { ParsedIndicator } from "../input/read";
import { fromHundredths, pointsTolerance, round2, toHundredths } from "../rounding";

const NOTHING: readonly never[] = Object.freeze([]);

export type PointsBasis =
  /** From numerator / denominator. */
  | "counts"
  /** From the stated rate (no counts given). */
  | "rate"
  /** Denominator 0: the indicator's zero-denominator policy decided. */
  | "zero-denominator"
  /** The portal's fixed award. */
  | "fixed"
  /** Nothing to compute from. */
  | "missing";

export interface IndicatorScore {
  readonly code: string;
  readonly group: GroupCode;
  readonly maxPoints: number;
  /** Recomputed points; null when not scored (zero-denominator policy "none") or missing. */
  readonly points: number | null;
  /** The exact rate in percent (unrounded), when known. */
  readonly rate: number | null;
  readonly basis: PointsBasis;
  readonly published: number | null;
}

/** Points of one indicator from whatever the input gives. */
export function indicatorPoints(def: IndicatorDef, input: ParsedIndicator | undefined): Omit<IndicatorScore, "code" | "group" | "maxPoints" | "published"> {
  const rule = def.rule;
  if (rule.type === "fixed") return { points: rule.points, rate: input?.rate ?? null, basis: "fixed" };
  if (rule.type === "display") return { points: null, rate: rateOf(input), basis: "missing" };
  const max = def.maxPoints;
  if (input && input.numerator !== null && input.denominator !== null) {
    if (input.denominator === 0) {
      const points = def.zeroDenominator === "full" ? max : def.zeroDenominator === "zero" ? 0 : null;
      return { points, rate: null, basis: "zero-denominator" };
    }
    const fraction = input.numerator / input.denominator;
    return { points: round2(max * Math.min(1, fraction / rule.threshold)), rate: fraction * 100, basis: "counts" };
  }
  if (input && input.rate !== null) {
    const fraction = Math.max(0, input.rate) / 100;
    return { points: round2(max * Math.min(1, fraction / rule.threshold)), rate: input.rate, basis: "rate" };
  }
  return { points: null, rate: null, basis: "missing" };
}

export function rateOf(input: ParsedIndicator | undefined): number | null {
  if (!input) return null;
  if (input.numerator !== null && input.denominator !== null && input.denominator > 0) return (input.numerator / input.denominator) * 100;
  return input.rate;
}

export interface GroupScore {
  readonly code: GroupCode;
  readonly maxPoints: number;
  /** Sum of recomputed components; null unless every scored indicator of the group could be computed. */
  readonly recomputed: number | null;
  readonly published: number | null;
  /** Which scored indicators had nothing to compute from. */
  readonly missing: readonly string[];
}

export interface UnitScoring {
  /** Every scored indicator, recomputed; empty when the unit came without indicators. */
  readonly indicators: readonly IndicatorScore[];
  /** Each group's recomputation; empty when the unit came without indicators. */
  readonly groups: readonly GroupScore[];
  /** Sum of recomputed groups when all six are complete. */
  readonly recomputedTotal: number | null;
  readonly publishedTotal: number | null;
  /** The total the report uses: published, else the sum of published groups, else recomputed. */
  readonly effectiveTotal: number | null;
  readonly effectiveTotalSource: "published" | "groups" | "recomputed" | "none";
}

interface Plan {
  readonly scored: readonly IndicatorDef[];
  /** For each group of the methodology, the positions of its scored indicators in `scored`. */
  readonly groupMembers: readonly (readonly number[])[];
}
const plans = new WeakMap<Methodology, Plan>();

/** The methodology's scored indicators grouped once, so scoring a unit is one pass. */
function planOf(m: Methodology): Plan {
  let plan = plans.get(m);
  if (!plan) {
    const scored = m.indicators.filter((d) => d.rule.type !== "display");
    plan = { scored, groupMembers: m.groups.map((g) => scored.flatMap((d, i) => (d.group === g.code ? [i] : []))) };
    plans.set(m, plan);
  }
  return plan;
}

let scratchPoints = new Float64Array(32);
let scratchState = new Uint8Array(32);

/** Receives each scored indicator as it is computed (no object per indicator unless it keeps one). */
export type IndicatorSink = (index: number, def: IndicatorDef, points: number | null, rate: number | null, basis: PointsBasis, published: number | null) => void;

/**
 * Score a unit: every scored indicator (handed to `sink`), each group's sum and the total, all in
 * integer hundredths. `scoreUnit` keeps every indicator's result; validation only looks at the ones
 * that disagree with what was published.
 */
export function scoreUnitWith(
  m: Methodology,
  indicators: Readonly<Record<string, ParsedIndicator>>,
  publishedGroups: Partial<Record<GroupCode, number | null>>,
  publishedTotal: number | null,
  sink: IndicatorSink | null,
): UnitScoring {
  const plan = planOf(m);
  let given = false;
  for (const def of plan.scored) {
    if (indicators[def.code] !== undefined) {
      given = true;
      break;
    }
  }
  if (!given) return scoreWithoutIndicators(m, publishedGroups, publishedTotal);
  const n = plan.scored.length;
  // Scratch space reused across units (scoring never re-enters itself).
  if (scratchPoints.length < n) {
    scratchPoints = new Float64Array(n);
    scratchState = new Uint8Array(n);
  }
  const pointsOf = scratchPoints;
  const state = scratchState; // 0 scored, 1 not scored (null points), 2 missing
  for (let i = 0; i < n; i++) {
    const def = plan.scored[i] as IndicatorDef;
    const input = indicators[def.code];
    const rule = def.rule;
    let points: number | null;
    let rate: number | null;
    let basis: PointsBasis;
    if (rule.type === "linear" && input && input.numerator !== null && input.denominator !== null && input.denominator > 0) {
      // The common case, inlined: points from counts.
      const fraction = input.numerator / input.denominator;
      points = round2(def.maxPoints * Math.min(1, fraction / rule.threshold));
      rate = fraction * 100;
      basis = "counts";
    } else {
      const r = indicatorPoints(def, input);
      points = r.points;
      rate = r.rate;
      basis = r.basis;
    }
    state[i] = basis === "missing" ? 2 : points === null ? 1 : 0;
    pointsOf[i] = points ?? 0;
    if (sink) sink(i, def, points, rate, basis, input ? input.points : null);
  }
  // Sums in integer hundredths: exact, no float residue.
  let totalHundredths = 0;
  let totalComplete = true;
  let publishedHundredths = 0;
  let publishedComplete = true;
  const groups: GroupScore[] = new Array(m.groups.length);
  for (let gi = 0; gi < m.groups.length; gi++) {
    const g = m.groups[gi] as Methodology["groups"][number];
    const members = plan.groupMembers[gi] ?? [];
    let h = 0;
    let missing: string[] | null = null;
    for (const i of members) {
      if (state[i] === 2) (missing ??= []).push((plan.scored[i] as IndicatorDef).code);
      else if (state[i] === 0) h += toHundredths(pointsOf[i] as number);
    }
    const recomputed = missing === null && members.length > 0 ? h / 100 : null;
    if (recomputed === null) totalComplete = false;
    else totalHundredths += h;
    const published = publishedGroups[g.code] ?? null;
    if (published === null) publishedComplete = false;
    else publishedHundredths += toHundredths(published);
    groups[gi] = { code: g.code, maxPoints: g.maxPoints, recomputed, published, missing: missing ?? NOTHING };
  }
  const recomputedTotal = totalComplete ? fromHundredths(totalHundredths) : null;
  const groupsSum = publishedComplete ? fromHundredths(publishedHundredths) : null;
  let effectiveTotal: number | null = publishedTotal;
  let source: UnitScoring["effectiveTotalSource"] = "published";
  if (effectiveTotal === null && groupsSum !== null) [effectiveTotal, source] = [groupsSum, "groups"];
  if (effectiveTotal === null && recomputedTotal !== null) [effectiveTotal, source] = [recomputedTotal, "recomputed"];
  if (effectiveTotal === null) source = "none";
  return { indicators: NOTHING, groups, recomputedTotal, publishedTotal, effectiveTotal, effectiveTotalSource: source };
}

/** Score a unit and keep every indicator's result. */
export function scoreUnit(
  m: Methodology,
  indicators: Readonly<Record<string, ParsedIndicator>>,
  publishedGroups: Partial<Record<GroupCode, number | null>>,
  publishedTotal: number | null,
): UnitScoring {
  const scores: IndicatorScore[] = [];
  const result = scoreUnitWith(m, indicators, publishedGroups, publishedTotal, (i, def, points, rate, basis, published) => {
    scores[i] = { code: def.code, group: def.group, maxPoints: def.maxPoints, points, rate, basis, published };
  });
  return scores.length ? { ...result, indicators: scores } : result;
}

/** A unit with totals and group points only (Phụ lục 2 as letters print it): nothing to recompute. */

/**
 * A unit with totals and group points only (Phụ lục 2 as letters print it): nothing can be
 * recomputed, so `indicators` and `groups` are empty; the total falls back to the published groups' sum.
 */
function scoreWithoutIndicators(m: Methodology, publishedGroups: Partial<Record<GroupCode, number | null>>, publishedTotal: number | null): UnitScoring {
  let groupsSum: number | null = null;
  if (publishedTotal === null) {
    let h = 0;
    let complete = true;
    for (const g of m.groups) {
      const v = publishedGroups[g.code];
      if (v === undefined || v === null) complete = false;
      else h += toHundredths(v);
    }
    groupsSum = complete ? fromHundredths(h) : null;
  }
  const effectiveTotal = publishedTotal ?? groupsSum;
  const source = publishedTotal !== null ? "published" : groupsSum !== null ? "groups" : "none";
  return { indicators: NOTHING, groups: NOTHING, recomputedTotal: null, publishedTotal, effectiveTotal, effectiveTotalSource: source };
}

/**
 * Whether a published figure agrees with a computed one: within ±0.01 (the portal's own rounding
 * slack), widened to half a unit in the last place the figure was printed with ("10.4" ±0.05).
 */
export function agrees(published: number, computed: number): boolean {
  const gap = Math.abs(published - computed);
  if (gap <= 0.01 + 1e-9) return true;
  return gap <= pointsTolerance(published) + 1e-9;
}
