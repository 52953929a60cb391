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
import { pointsTolerance, round2, sum2 } from "./rounding";

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

export function scoreUnit(
  m: Methodology,
  indicators: Readonly<Record<string, ParsedIndicator>>,
  publishedGroups: Partial<Record<GroupCode, number | null>>,
  publishedTotal: number | null,
): UnitScoring {
  const scores: IndicatorScore[] = [];
  for (const def of m.indicators) {
    if (def.rule.type === "display") continue;
    const input = indicators[def.code];
    const r = indicatorPoints(def, input);
    scores.push({ code: def.code, group: def.group, maxPoints: def.maxPoints, ...r, published: input?.points ?? null });
  }
  const groups: GroupScore[] = m.groups.map((g) => {
    const own = scores.filter((s) => s.group === g.code);
    const missing = own.filter((s) => s.basis === "missing").map((s) => s.code);
    const recomputed = missing.length === 0 && own.length > 0 ? sum2(own.map((s) => s.points ?? 0)) : null;
    return { code: g.code, maxPoints: g.maxPoints, recomputed, published: publishedGroups[g.code] ?? null, missing };
  });
  const recomputedTotal = groups.every((g) => g.recomputed !== null) ? sum2(groups.map((g) => g.recomputed ?? 0)) : null;
  const publishedGroupValues = groups.map((g) => g.published);
  const groupsSum = publishedGroupValues.every((v) => v !== null) ? sum2(publishedGroupValues as number[]) : null;
  let effectiveTotal: number | null = publishedTotal;
  let source: UnitScoring["effectiveTotalSource"] = "published";
  if (effectiveTotal === null && groupsSum !== null) [effectiveTotal, source] = [groupsSum, "groups"];
  if (effectiveTotal === null && recomputedTotal !== null) [effectiveTotal, source] = [recomputedTotal, "recomputed"];
  if (effectiveTotal === null) source = "none";
  return { indicators: scores, groups, recomputedTotal, publishedTotal, effectiveTotal, effectiveTotalSource: source };
}

/**
 * Whether a published figure agrees with a computed one: within ±0.01 (the portal's own rounding
 * slack), widened to half a unit in the last place the figure was printed with ("10.4" ±0.05).
 */
export function agrees(published: number, computed: number): boolean {
  const tolerance = Math.max(0.01, pointsTolerance(published)) + 1e-9;
  return Math.abs(published - computed) <= tolerance;
}
