/**
 * Recompute points from numerators and denominators with the methodology in force, and compare with
 * what was published.
 *
 * points = round2(max × min(1, rate / threshold)), rate = numerator / denominator (unrounded: the
 * portal scores the exact ratio, not the 2-decimal rate it prints; checked on every recorded unit).
 * A zero denominator follows the indicator's policy. Groups and totals are plain sums of the rounded
 * components, exact in hundredths.
 */
import type { GroupCode, IndicatorDef, Methodology } from "./model";
import type { ParsedIndicator } from "./parse-input";
import { fromHundredths, pointsTolerance, round2, toHundredths } from "./rounding";

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
  readonly indicators: readonly IndicatorScore[];
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

export function scoreUnit(
  m: Methodology,
  indicators: Readonly<Record<string, ParsedIndicator>>,
  publishedGroups: Partial<Record<GroupCode, number | null>>,
  publishedTotal: number | null,
): UnitScoring {
  const plan = planOf(m);
  if (Object.keys(indicators).length === 0) return scoreWithoutIndicators(m, publishedGroups, publishedTotal);
  const scores: IndicatorScore[] = new Array(plan.scored.length);
  for (let i = 0; i < plan.scored.length; i++) {
    const def = plan.scored[i] as IndicatorDef;
    const input = indicators[def.code];
    const rule = def.rule;
    if (rule.type === "linear" && input && input.numerator !== null && input.denominator !== null && input.denominator > 0) {
      // The common case, inlined: points from counts.
      const fraction = input.numerator / input.denominator;
      const points = round2(def.maxPoints * Math.min(1, fraction / rule.threshold));
      scores[i] = { code: def.code, group: def.group, maxPoints: def.maxPoints, points, rate: fraction * 100, basis: "counts", published: input.points };
      continue;
    }
    const r = indicatorPoints(def, input);
    scores[i] = { code: def.code, group: def.group, maxPoints: def.maxPoints, points: r.points, rate: r.rate, basis: r.basis, published: input ? input.points : null };
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
      const sc = scores[i] as IndicatorScore;
      if (sc.basis === "missing") (missing ??= []).push(sc.code);
      else if (sc.points !== null) h += toHundredths(sc.points);
    }
    const recomputed = missing === null && members.length > 0 ? h / 100 : null;
    if (recomputed === null) totalComplete = false;
    else totalHundredths += h;
    const published = publishedGroups[g.code] ?? null;
    if (published === null) publishedComplete = false;
    else publishedHundredths += toHundredths(published);
    groups[gi] = { code: g.code, maxPoints: g.maxPoints, recomputed, published, missing: missing ?? [] };
  }
  const recomputedTotal = totalComplete ? fromHundredths(totalHundredths) : null;
  const groupsSum = publishedComplete ? fromHundredths(publishedHundredths) : null;
  let effectiveTotal: number | null = publishedTotal;
  let source: UnitScoring["effectiveTotalSource"] = "published";
  if (effectiveTotal === null && groupsSum !== null) [effectiveTotal, source] = [groupsSum, "groups"];
  if (effectiveTotal === null && recomputedTotal !== null) [effectiveTotal, source] = [recomputedTotal, "recomputed"];
  if (effectiveTotal === null) source = "none";
  return { indicators: scores, groups, recomputedTotal, publishedTotal, effectiveTotal, effectiveTotalSource: source };
}

/** A unit with totals and group points only (Phụ lục 2 as letters print it): nothing to recompute. */
const unpublishedGroups = new WeakMap<Methodology, readonly GroupScore[]>();

function scoreWithoutIndicators(m: Methodology, publishedGroups: Partial<Record<GroupCode, number | null>>, publishedTotal: number | null): UnitScoring {
  if (Object.keys(publishedGroups).length === 0) {
    // Totals only (the common Phụ lục 2 row): one shared, frozen list of empty groups.
    let groups = unpublishedGroups.get(m);
    if (!groups) unpublishedGroups.set(m, (groups = Object.freeze(m.groups.map((g) => Object.freeze({ code: g.code, maxPoints: g.maxPoints, recomputed: null, published: null, missing: [] })))));
    return { indicators: [], groups, recomputedTotal: null, publishedTotal, effectiveTotal: publishedTotal, effectiveTotalSource: publishedTotal !== null ? "published" : "none" };
  }
  let publishedHundredths = 0;
  let complete = true;
  const groups: GroupScore[] = m.groups.map((g) => {
    const published = publishedGroups[g.code] ?? null;
    if (published === null) complete = false;
    else publishedHundredths += toHundredths(published);
    return { code: g.code, maxPoints: g.maxPoints, recomputed: null, published, missing: [] };
  });
  const groupsSum = complete ? fromHundredths(publishedHundredths) : null;
  const effectiveTotal = publishedTotal ?? groupsSum;
  const source = publishedTotal !== null ? "published" : groupsSum !== null ? "groups" : "none";
  return { indicators: [], groups, recomputedTotal: null, publishedTotal, effectiveTotal, effectiveTotalSource: source };
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
