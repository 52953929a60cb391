/**
 * Points from figures, by the methodology's rules: one indicator ({@link indicatorPoints}), one unit's
 * groups and total ({@link scoreUnit}). Exact: an indicator's points are computed as a ratio of integers
 * (or with the portal's own arithmetic where its service differs, see `rules/methodology.ts`), rounded
 * half away from zero to 2 decimals, and summed in integer hundredths.
 */
import type { GroupCode, IndicatorDef, Methodology } from "../model";
import { agrees, fromHundredths, percent2, ratePointsHundredths, ratioPointsHundredths, ratioRule, roundHalfAwayFromZero, roundedRatePointsHundredths, toHundredths, type RatioRule } from "../rounding";

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
  /** Scratch for one unit's indicators (hundredths, state), reused by the next unit; null while in use. */
  scratch: { readonly hundredths: Float64Array; readonly state: Uint8Array } | null;
}
// Owner: this module — each methodology's scored indicators grouped once (methodologies are immutable).
const plans = new WeakMap<Methodology, Plan>();

/** The methodology's scored indicators grouped once, so scoring a unit is one pass. */
function planOf(m: Methodology): Plan {
  let plan = plans.get(m);
  if (!plan) {
    const scored = m.indicators.filter((d) => d.rule.type !== "display");
    plan = { scored, groupMembers: m.groups.map((g) => scored.flatMap((d, i) => (d.group === g.code ? [i] : []))), scratch: { hundredths: new Float64Array(scored.length), state: new Uint8Array(scored.length) } };
    plans.set(m, plan);
  }
  return plan;
}

/** The kinds of {@link PointsBasis}, by index (kept columns store the index). */
export const POINTS_BASES: readonly PointsBasis[] = ["counts", "rate", "zero-denominator", "fixed", "missing"];

/**
 * Columns {@link scoreUnitWith} writes a unit's scored indicators into, from a given offset, in the
 * methodology's order of scored indicators: points in hundredths (NaN when not scored) and the basis
 * (an index into {@link POINTS_BASES}).
 */
export interface IndicatorColumns {
  readonly hundredths: Float64Array;
  readonly basis: Uint8Array;
  /** The indicator's figures as given (undefined where absent). */
  readonly inputs: (ParsedIndicator | undefined)[];
  /** Its numerator and denominator (NaN where absent): read in order, without touching each indicator's object again. */
  readonly numerators: Float64Array;
  readonly denominators: Float64Array;
}

const BASIS_INDEX: Readonly<Record<PointsBasis, number>> = Object.fromEntries(POINTS_BASES.map((b, i) => [b, i])) as Record<PointsBasis, number>;

/** Receives each scored indicator as it is computed (no object per indicator unless it keeps one). */
export type IndicatorSink = (index: number, def: IndicatorDef, points: number | null, rate: number | null, basis: PointsBasis, published: number | null) => void;

/**
 * Score a unit: every scored indicator (handed to `sink`), each group's sum and the total, all in
 * integer hundredths. {@link scoreUnit} keeps every indicator's result; the score stage only looks at
 * the ones that disagree with what was published (`onlyDisagreeing`: the sink sees only those, and
 * `groups` is empty unless a group disagrees, so 10,000 units do not each hand over 24 indicators and
 * 6 groups as objects). `keep` receives every scored indicator's points and basis at `keepAt`.
 */
export function scoreUnitWith(
  m: Methodology,
  indicators: Readonly<Record<string, ParsedIndicator>>,
  publishedGroups: Partial<Record<GroupCode, number | null>>,
  publishedTotal: number | null,
  sink: IndicatorSink | null,
  onlyDisagreeing = false,
  keep: IndicatorColumns | null = null,
  keepAt = 0,
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
  // The plan's scratch, unless a sink scoring another unit of this methodology is using it.
  const scratch = plan.scratch ?? { hundredths: new Float64Array(n), state: new Uint8Array(n) };
  plan.scratch = null;
  try {
    return scoreIndicators(m, plan, scratch, indicators, publishedGroups, publishedTotal, sink, onlyDisagreeing, keep, keepAt);
  } finally {
    plan.scratch = scratch;
  }
}

function scoreIndicators(
  m: Methodology,
  plan: Plan,
  scratch: { readonly hundredths: Float64Array; readonly state: Uint8Array },
  indicators: Readonly<Record<string, ParsedIndicator>>,
  publishedGroups: Partial<Record<GroupCode, number | null>>,
  publishedTotal: number | null,
  sink: IndicatorSink | null,
  onlyDisagreeing: boolean,
  keep: IndicatorColumns | null,
  keepAt: number,
): UnitScoring {
  const n = plan.scored.length;
  const hundredthsOf = scratch.hundredths;
  const state = scratch.state; // 0 scored, 1 not scored (null points), 2 missing
  for (let i = 0; i < n; i++) {
    const def = plan.scored[i] as IndicatorDef;
    const input = indicators[def.code];
    if (def.rule.type === "linear" && input && input.numerator !== null && input.denominator !== null && input.denominator > 0) {
      // The common case: points from counts.
      const h = fromCounts(def as IndicatorDef & { rule: { type: "linear" } }, input.numerator, input.denominator);
      state[i] = 0;
      hundredthsOf[i] = h;
      if (keep) {
        keep.hundredths[keepAt + i] = h;
        keep.basis[keepAt + i] = BASIS_INDEX.counts;
        keep.inputs[keepAt + i] = input;
        keep.numerators[keepAt + i] = input.numerator;
        keep.denominators[keepAt + i] = input.denominator;
      }
      if (sink && !(onlyDisagreeing && agreesWithPublished(input, h))) sink(i, def, h / 100, (input.numerator / input.denominator) * 100, "counts", input.points);
      continue;
    }
    const r = indicatorPoints(def, input);
    const h = r.points === null ? null : toHundredths(r.points);
    state[i] = r.basis === "missing" ? 2 : h === null ? 1 : 0;
    hundredthsOf[i] = h ?? 0;
    if (keep) {
      keep.hundredths[keepAt + i] = h ?? Number.NaN;
      keep.basis[keepAt + i] = BASIS_INDEX[r.basis];
      keep.inputs[keepAt + i] = input;
      keep.numerators[keepAt + i] = input?.numerator ?? Number.NaN;
      keep.denominators[keepAt + i] = input?.denominator ?? Number.NaN;
    }
    if (sink && !(onlyDisagreeing && (h === null || agreesWithPublished(input, h)))) sink(i, def, h === null ? null : h / 100, r.rate, r.basis, input ? input.points : null);
  }
  // Sums in integer hundredths: exact, no float residue.
  let totalHundredths = 0;
  let totalComplete = true;
  let publishedHundredths = 0;
  let publishedComplete = true;
  let disagreeing = false;
  for (let gi = 0; gi < m.groups.length; gi++) {
    const g = m.groups[gi] as Methodology["groups"][number];
    const h = groupHundredths(plan, scratch, gi);
    if (h === null) totalComplete = false;
    else totalHundredths += h;
    const published = publishedGroups[g.code] ?? null;
    if (published === null) publishedComplete = false;
    else {
      publishedHundredths += toHundredths(published);
      if (h !== null && !agrees(published, h / 100)) disagreeing = true;
    }
  }
  const recomputedTotal = totalComplete ? fromHundredths(totalHundredths) : null;
  const groupsSum = publishedComplete ? fromHundredths(publishedHundredths) : null;
  let effectiveTotal: number | null = publishedTotal;
  let source: UnitScoring["effectiveTotalSource"] = "published";
  if (effectiveTotal === null && groupsSum !== null) {
    effectiveTotal = groupsSum;
    source = "groups";
  }
  if (effectiveTotal === null && recomputedTotal !== null) {
    effectiveTotal = recomputedTotal;
    source = "recomputed";
  }
  if (effectiveTotal === null) source = "none";
  // Only disagreeing: the groups are kept only when one of them disagrees with its published points.
  const groups = onlyDisagreeing && !disagreeing ? NOTHING : groupScores(m, plan, scratch, publishedGroups);
  return { indicators: NOTHING, groups, recomputedTotal, publishedTotal, effectiveTotal, effectiveTotalSource: source };
}

/** A group's recomputed points in hundredths; null when one of its scored indicators is missing (or it has none). */
function groupHundredths(plan: Plan, scratch: { readonly hundredths: Float64Array; readonly state: Uint8Array }, gi: number): number | null {
  const members = plan.groupMembers[gi] ?? [];
  if (members.length === 0) return null;
  let h = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k] as number;
    const state = scratch.state[i];
    if (state === 2) return null;
    if (state === 0) h += scratch.hundredths[i] as number;
  }
  return h;
}

function groupScores(m: Methodology, plan: Plan, scratch: { readonly hundredths: Float64Array; readonly state: Uint8Array }, publishedGroups: Partial<Record<GroupCode, number | null>>): GroupScore[] {
  return m.groups.map((g, gi) => {
    let missing: string[] | null = null;
    for (const i of plan.groupMembers[gi] ?? []) if (scratch.state[i] === 2) (missing ??= []).push((plan.scored[i] as IndicatorDef).code);
    const h = groupHundredths(plan, scratch, gi);
    return { code: g.code, maxPoints: g.maxPoints, recomputed: h === null ? null : h / 100, published: publishedGroups[g.code] ?? null, missing: missing ?? NOTHING };
  });
}

/** Whether the points published for an indicator (none: nothing to contradict) agree with `hundredths`. */
function agreesWithPublished(input: ParsedIndicator | undefined, hundredths: number): boolean {
  const published = input ? input.points : null;
  return published === null || agrees(published, hundredths / 100);
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
