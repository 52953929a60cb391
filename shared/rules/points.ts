/**
 * Points from figures, by the methodology's rules: one indicator ({@link indicatorPoints}), one unit's
 * groups and total ({@link scoreUnit}). Exact: an indicator's points are computed as a ratio of integers
 * (or with the portal's own arithmetic where its service differs, see `rules/methodology.ts`), rounded
 * half away from zero to 2 decimals, and summed in integer hundredths.
 */
import type { GroupCode, IndicatorDef, Methodology } from "../model";
import { fromHundredths, percent2, ratePointsHundredths, ratioPointsHundredths, ratioRule, roundHalfAwayFromZero, roundedRatePointsHundredths, toHundredths, type RatioRule } from "../rounding";

/** An indicator's figures once read: numbers or null (blank). */
export interface ParsedIndicator {
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly rate: number | null;
  readonly points: number | null;
}

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

/** A linear rule in the integer form the exact computation needs. */
interface Compiled {
  readonly ratio: RatioRule;
  readonly roundedRate: boolean;
  readonly threshold: number;
}

// Owner: this module — one compiled rule per indicator definition (definitions are immutable data).
const compiledRules = new WeakMap<IndicatorDef, Compiled>();
function compiled(def: IndicatorDef & { rule: { type: "linear" } }): Compiled {
  let c = compiledRules.get(def);
  if (!c) {
    c = { ratio: ratioRule(def.maxPoints, def.rule.threshold), roundedRate: def.rule.arithmetic === "rounded-rate", threshold: def.rule.threshold };
    compiledRules.set(def, c);
  }
  return c;
}

/** Hundredths of a linear indicator from counts (denominator > 0). */
function fromCounts(def: IndicatorDef & { rule: { type: "linear" } }, numerator: number, denominator: number): number {
  const c = compiled(def);
  if (c.roundedRate) return roundedRatePointsHundredths(def.maxPoints, percent2(Math.max(0, numerator), denominator), c.threshold);
  return ratioPointsHundredths(c.ratio, Math.max(0, numerator), denominator);
}

/** Hundredths of a linear indicator from a stated percent. */
function fromRate(def: IndicatorDef & { rule: { type: "linear" } }, ratePercent: number): number {
  const c = compiled(def);
  if (c.roundedRate) return roundedRatePointsHundredths(def.maxPoints, roundHalfAwayFromZero(Math.max(0, ratePercent), 2), c.threshold);
  return ratePointsHundredths(c.ratio, ratePercent);
}

/** Points of one indicator from whatever the input gives. */
export function indicatorPoints(def: IndicatorDef, input: ParsedIndicator | undefined): Omit<IndicatorScore, "code" | "group" | "maxPoints" | "published"> {
  const rule = def.rule;
  if (rule.type === "fixed") return { points: rule.points, rate: input?.rate ?? null, basis: "fixed" };
  if (rule.type === "display") return { points: null, rate: rateOf(input), basis: "missing" };
  const linearDef = def as IndicatorDef & { rule: { type: "linear" } };
  if (input && input.numerator !== null && input.denominator !== null) {
    if (input.denominator <= 0) {
      const points = def.zeroDenominator === "full" ? def.maxPoints : def.zeroDenominator === "zero" ? 0 : null;
      return { points, rate: null, basis: "zero-denominator" };
    }
    return { points: fromHundredths(fromCounts(linearDef, input.numerator, input.denominator)), rate: (input.numerator / input.denominator) * 100, basis: "counts" };
  }
  if (input && input.rate !== null) return { points: fromHundredths(fromRate(linearDef, input.rate)), rate: input.rate, basis: "rate" };
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
  /** Every scored indicator, recomputed; empty when the unit came without indicators (or none was kept). */
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
// Owner: this module — each methodology's scored indicators grouped once (methodologies are immutable).
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

/** Receives each scored indicator as it is computed (no object per indicator unless it keeps one). */
export type IndicatorSink = (index: number, def: IndicatorDef, points: number | null, rate: number | null, basis: PointsBasis, published: number | null) => void;

/**
 * Score a unit: every scored indicator (handed to `sink`), each group's sum and the total, all in
 * integer hundredths. {@link scoreUnit} keeps every indicator's result; the score stage only looks at
 * the ones that disagree with what was published.
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
  const hundredthsOf = new Array<number>(n);
  const state = new Uint8Array(n); // 0 scored, 1 not scored (null points), 2 missing
  for (let i = 0; i < n; i++) {
    const def = plan.scored[i] as IndicatorDef;
    const input = indicators[def.code];
    let h: number | null;
    let rate: number | null;
    let basis: PointsBasis;
    if (def.rule.type === "linear" && input && input.numerator !== null && input.denominator !== null && input.denominator > 0) {
      // The common case: points from counts.
      h = fromCounts(def as IndicatorDef & { rule: { type: "linear" } }, input.numerator, input.denominator);
      rate = (input.numerator / input.denominator) * 100;
      basis = "counts";
    } else {
      const r = indicatorPoints(def, input);
      h = r.points === null ? null : toHundredths(r.points);
      rate = r.rate;
      basis = r.basis;
    }
    state[i] = basis === "missing" ? 2 : h === null ? 1 : 0;
    hundredthsOf[i] = h ?? 0;
    if (sink) sink(i, def, h === null ? null : h / 100, rate, basis, input ? input.points : null);
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
      else if (state[i] === 0) h += hundredthsOf[i] as number;
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

/**
 * A unit with totals and group points only (Phụ lục 2 as letters print it): nothing can be
 * recomputed, so `indicators` and `groups` are empty; the total falls back to the published groups' sum.
 */
function scoreWithoutIndicators(m: Methodology, publishedGroups: Partial<Record<GroupCode, number | null>>, publishedTotal: number | null): UnitScoring {
  if (publishedTotal !== null) return { indicators: NOTHING, groups: NOTHING, recomputedTotal: null, publishedTotal, effectiveTotal: publishedTotal, effectiveTotalSource: "published" };
  let h = 0;
  let complete = true;
  for (const g of m.groups) {
    const v = publishedGroups[g.code];
    if (v === undefined || v === null) complete = false;
    else h += toHundredths(v);
  }
  const groupsSum = complete ? fromHundredths(h) : null;
  return { indicators: NOTHING, groups: NOTHING, recomputedTotal: null, publishedTotal, effectiveTotal: groupsSum, effectiveTotalSource: groupsSum !== null ? "groups" : "none" };
}
