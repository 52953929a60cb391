/**
 * Points within reach, per indicator: how far a unit's rate is from a threshold, and the smallest whole
 * number of dossiers (or procedures, petitions) that would take it there — exact integer arithmetic.
 *
 * **What "one more dossier" means.** The methodology's rates are counts of the period's own set:
 * dossiers paid online ÷ dossiers with a fee, dossiers settled on time ÷ dossiers settled, digitised ÷
 * received, and so on. The set of the period (the denominator) is fixed by what citizens filed; what a
 * unit controls is how those dossiers are handled — paying one more of them online, digitising one
 * more, settling one more on time. So "cần thêm N hồ sơ" raises the **numerator only**, by N, with the
 * denominator unchanged (and never beyond it).
 *
 * **When a threshold is reached**, by the indicator's arithmetic (rules/methodology.ts):
 * - "ratio": on the exact ratio, numerator / denominator ≥ threshold (numerator × 100 × pd ≥
 *   denominator × pn for a threshold pn/pd percent);
 * - "rounded-rate" (online payment): on the rate the portal shows, rounded half up to 2 decimals in
 *   percent: round(10000 × numerator / denominator) ≥ P, with P the threshold in hundredths of a
 *   percent (rounded up when it has more decimals), i.e. 20000 × numerator ≥ (2P − 1) × denominator.
 * At the methodology's own threshold both give the indicator's maximum.
 */
import type { GroupCode, IndicatorDef } from "../model";
import type { ParsedIndicator, PointsBasis } from "../rules/points";
import { decimalFraction, percent2, toHundredths } from "../rounding";
import { thresholdPercent } from "./targets";

/** ⌈a / b⌉ for integers a ≥ 0, b > 0; exact (BigInt past 2^53). */
export function ceilDiv(a: number, b: number): number {
  if (a <= 0) return 0;
  if (a <= Number.MAX_SAFE_INTEGER && b <= Number.MAX_SAFE_INTEGER) {
    const q = Math.floor(a / b);
    // The float quotient may be one off near 2^53: settle it on the exact products.
    if (q * b >= a && (q - 1) * b < a && q * b <= Number.MAX_SAFE_INTEGER) return q;
    if ((q + 1) * b >= a && q * b < a && (q + 1) * b <= Number.MAX_SAFE_INTEGER) return q + 1;
  }
  const ba = BigInt(a);
  const bb = BigInt(b);
  return Number((ba + bb - 1n) / bb);
}

/** ⌈x × a / b⌉ for integers x, a ≥ 0, b > 0; exact (BigInt when x × a passes 2^53). */
function ceilDivProduct(x: number, a: number, b: number): number {
  const p = x * a;
  if (Number.isSafeInteger(p)) return ceilDiv(p, b);
  const bb = BigInt(b);
  return Number((BigInt(x) * BigInt(a) + bb - 1n) / bb);
}

/** The threshold of a linear indicator in percent (80 for 0.8); null for a rule without one. */
export function indicatorThresholdPercent(def: IndicatorDef): number | null {
  return def.rule.type === "linear" ? thresholdPercent(def.rule.threshold) : null;
}

const isCount = (v: number) => Number.isSafeInteger(v) && v >= 0;

/**
 * A threshold as the integers of "reached": numerator ≥ ⌈denominator × a / b⌉ — for "ratio" with the
 * percent pn/pd, a = pn and b = 100 × pd; for "rounded-rate", a = 2P − 1 and b = 20000 with P the percent
 * in hundredths rounded up (a = 0 when P ≤ 0).
 */
export interface ReachRule {
  readonly a: number;
  readonly b: number;
}

// Owner: this module — the integers of each (indicator, percent) pair, worked out once (definitions are immutable).
const reachRules = new WeakMap<IndicatorDef, Map<number, ReachRule>>();
/** The integers of reaching `percent` on the indicator (kept per indicator and percent). */
export function reachRule(def: IndicatorDef, percent: number): ReachRule {
  let byPercent = reachRules.get(def);
  if (!byPercent) reachRules.set(def, (byPercent = new Map()));
  // Targets are a handful of percents; a what-if's arbitrary rates must not grow the map without end.
  if (byPercent.size > 256) byPercent.clear();
  let rule = byPercent.get(percent);
  if (!rule) {
    const p = decimalFraction(percent);
    if (def.rule.type === "linear" && def.rule.arithmetic === "rounded-rate") {
      // P: the threshold in hundredths of a percent, rounded up (a 2-decimal rate reaches 55.005 only at 55.01).
      const hundredths = ceilDivProduct(100, p.numerator, p.denominator);
      rule = { a: hundredths <= 0 ? 0 : 2 * hundredths - 1, b: 20_000 };
    } else rule = { a: p.numerator, b: 100 * p.denominator };
    byPercent.set(percent, rule);
  }
  return rule;
}

/**
 * The smallest numerator that reaches `percent` over `denominator` by the indicator's arithmetic
 * (module comment), or null when none does (it would exceed the denominator).
 */
export function numeratorToReach(def: IndicatorDef, denominator: number, percent: number): number | null {
  if (!(percent >= 0)) return null;
  return leastNumerator(reachRule(def, percent), denominator);
}

/** {@link numeratorToReach} on a rule worked out before (a plan judges 10,035 units against the same targets). */
export function leastNumerator(rule: ReachRule, denominator: number): number | null {
  if (!isCount(denominator) || denominator <= 0) return null;
  const least = rule.a === 0 ? 0 : ceilDivProduct(denominator, rule.a, rule.b);
  return least > denominator ? null : least;
}

/** Whether `numerator` of `denominator` reaches `percent` by the indicator's arithmetic. */
export function reaches(def: IndicatorDef, numerator: number, denominator: number, percent: number): boolean {
  const least = numeratorToReach(def, denominator, percent);
  return least !== null && Math.max(0, numerator) >= least;
}

/**
 * The smallest whole number of extra dossiers (numerator only, denominator unchanged) that takes the
 * indicator to `percent` (default: its own full-points threshold): 0 when it is already there; null when
 * it cannot be reached that way (no counts, denominator 0, a rule without a threshold, or a target above
 * 100%). Reaching it crosses the threshold and one fewer does not.
 */
export function dossiersNeeded(def: IndicatorDef, numerator: number, denominator: number, percent: number | null = indicatorThresholdPercent(def)): number | null {
  if (percent === null || !(percent >= 0)) return null;
  return neededWith(reachRule(def, percent), numerator, denominator);
}

/** {@link dossiersNeeded} on a rule worked out before. */
export function neededWith(rule: ReachRule, numerator: number, denominator: number): number | null {
  if (!Number.isSafeInteger(numerator)) return null;
  const least = leastNumerator(rule, denominator);
  return least === null ? null : Math.max(0, least - Math.max(0, numerator));
}

/** What one more of an indicator's count is: "hồ sơ", "TTHC", "dịch vụ công", "PAKN" (from its name). */
export function countNoun(def: Pick<IndicatorDef, "nameVi">): string {
  const subject = def.nameVi.replace(/^Tỷ lệ\s+/i, "");
  if (/^hồ sơ/i.test(subject)) return "hồ sơ";
  if (/^TTHC/.test(subject)) return "TTHC";
  if (/^dịch vụ công/i.test(subject)) return "dịch vụ công";
  if (/PAKN/.test(subject)) return "PAKN";
  return "hồ sơ";
}

/** The indicator as a short label: its name without "Tỷ lệ", capitalised ("Hồ sơ thanh toán trực tuyến"). */
export function shortIndicatorName(def: Pick<IndicatorDef, "nameVi">): string {
  const s = def.nameVi.replace(/^Tỷ lệ\s+/i, "");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One indicator of one unit: where it stands and what reaching its threshold would take and give. */
export interface IndicatorReach {
  readonly code: string;
  readonly group: GroupCode;
  /** "3.6" */
  readonly number: string;
  readonly nameVi: string;
  /** What is counted: "hồ sơ", "TTHC", "dịch vụ công", "PAKN". */
  readonly noun: string;
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** The rate in percent as the portal shows it (2 decimals, from the counts), or as stated; null without data. */
  readonly rate: number | null;
  /** The full-points threshold, in percent. */
  readonly thresholdPercent: number;
  /** Points now (recomputed); null when not scored. */
  readonly points: number | null;
  readonly maxPoints: number;
  /** maxPoints − points (0 when not scored). */
  readonly pointsLost: number;
  /** Extra dossiers to reach the threshold ({@link dossiersNeeded}); null when it cannot be reached by counts. */
  readonly needed: number | null;
  /** pointsLost ÷ needed, when both are positive: the order of the plan (most points per dossier first). */
  readonly pointsPerDossier: number | null;
  readonly basis: PointsBasis;
}

/** Whether reaching the threshold gains points by a whole number of dossiers. */
export function isGain(r: IndicatorReach): boolean {
  return r.needed !== null && r.needed > 0 && r.pointsLost > 0;
}

/** What a definition's reach needs every time, worked out once. */
export interface ReachDef {
  readonly threshold: number;
  readonly noun: string;
  readonly maxHundredths: number;
}
// Owner: this module — one entry per indicator definition (definitions are immutable data).
const reachDefs = new WeakMap<IndicatorDef, ReachDef | null>();
/** A linear indicator's threshold (percent), count noun and maximum in hundredths; null for one without a threshold. */
export function reachDef(def: IndicatorDef): ReachDef | null {
  let r = reachDefs.get(def);
  if (r === undefined) {
    const threshold = indicatorThresholdPercent(def);
    r = threshold === null || def.maxPoints <= 0 ? null : { threshold, noun: countNoun(def), maxHundredths: toHundredths(def.maxPoints) };
    reachDefs.set(def, r);
  }
  return r;
}

/**
 * One linear indicator's reach, from its figures and its recomputed points (hundredths, null when not
 * scored). `basis` is how the points were computed (rules/points.ts).
 */
export function indicatorReach(def: IndicatorDef, input: ParsedIndicator | undefined, pointsHundredths: number | null, basis: PointsBasis, knownNeeded?: number | null): IndicatorReach | null {
  const known = reachDef(def);
  if (known === null) return null;
  const numerator = input?.numerator ?? null;
  const denominator = input?.denominator ?? null;
  const counts = numerator !== null && denominator !== null && denominator > 0;
  const lostHundredths = pointsHundredths === null ? 0 : Math.max(0, known.maxHundredths - pointsHundredths);
  // `knownNeeded`: the planner worked it out already, on the same rule (the threshold's).
  const needed = !counts ? null : knownNeeded !== undefined ? knownNeeded : dossiersNeeded(def, numerator, denominator, known.threshold);
  const pointsLost = lostHundredths / 100;
  return new Reach(
    def,
    known,
    numerator,
    denominator,
    counts ? percent2(Math.max(0, numerator), denominator) : (input?.rate ?? null),
    pointsHundredths === null ? null : pointsHundredths / 100,
    pointsLost,
    needed,
    needed !== null && needed > 0 && lostHundredths > 0 ? pointsLost / needed : null,
    basis,
  );
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * An {@link IndicatorReach}: a class, not an object literal — a plan makes tens of thousands that live
 * as long as the report, and V8 pretenures a literal's allocation site once most of its objects
 * survive a scavenge (each build's garbage then waits in the old generation for a full collection).
 * Its fields are IndicatorReach's, by declaration merging (not declared again), set in the constructor
 * in the order of IndicatorReach's JSON (the literal this replaced); writable only inside this module.
 */
interface Reach extends Writable<IndicatorReach> {}
class Reach implements IndicatorReach {
  constructor(def: IndicatorDef, known: ReachDef, numerator: number | null, denominator: number | null, rate: number | null, points: number | null, pointsLost: number, needed: number | null, pointsPerDossier: number | null, basis: PointsBasis) {
    this.code = def.code;
    this.group = def.group;
    this.number = def.number;
    this.nameVi = def.nameVi;
    this.noun = known.noun;
    this.numerator = numerator;
    this.denominator = denominator;
    this.rate = rate;
    this.thresholdPercent = known.threshold;
    this.points = points;
    this.maxPoints = def.maxPoints;
    this.pointsLost = pointsLost;
    this.needed = needed;
    this.pointsPerDossier = pointsPerDossier;
    this.basis = basis;
  }
}

/**
 * The plan's order on raw figures: gains first (lost > 0 hundredths, needed > 0), most points per
 * dossier first — compared exactly, lostA × neededB against lostB × neededA in hundredths — then the
 * larger gain, then `order` (the methodology's); the rest after, by `order`. Negative: a comes first.
 */
export function compareGains(lostA: number, neededA: number | null, orderA: number, lostB: number, neededB: number | null, orderB: number): number {
  const ga = neededA !== null && neededA > 0 && lostA > 0;
  const gb = neededB !== null && neededB > 0 && lostB > 0;
  if (ga !== gb) return ga ? -1 : 1;
  if (ga && gb) {
    const cross = lostB * (neededA as number) - lostA * (neededB as number);
    if (cross !== 0) return cross;
    if (lostA !== lostB) return lostB - lostA;
  }
  return orderA - orderB;
}

/** {@link compareGains} on two reaches ({@link isGain} first, then points per dossier). */
export function compareReach(a: IndicatorReach, b: IndicatorReach, order: (r: IndicatorReach) => number): number {
  return compareGains(toHundredths(a.pointsLost), a.needed, order(a), toHundredths(b.pointsLost), b.needed, order(b));
}
