/**
 * The one rounding policy of chiso766, and every tolerance the engine compares figures with.
 *
 * - **Half away from zero, on the exact value.** `roundHalfAwayFromZero(1.005, 2)` is 1.01 and
 *   `roundHalfAwayFromZero(-2.345, 2)` is -2.35: the decimal a person reads is rounded, not the binary
 *   double (1.005 is stored as 1.00499999…), so the shift is done on the number's decimal text.
 * - **Indicator points are computed exactly**: `max × min(1, (numerator / denominator) / threshold)`
 *   as a ratio of integers, then rounded half away from zero to 2 decimals
 *   ({@link ratioPointsHundredths}). The portal does the same: on its 2026 answers a float computation
 *   rounds 2 × (6/40) / 0.8 = 0.375 down to 0.37 (0.37499999…) where the portal prints 0.38.
 * - **Groups and totals are plain sums of the rounded components**, summed in integer hundredths, so
 *   no float residue (0.1 + 0.2) reaches a comparison or a printed figure. Deltas likewise.
 * - **Tolerances** are named here: a figure printed with d decimals may hide half a unit in its last
 *   place ({@link pointsTolerance}); comparisons of computed doubles allow {@link FLOAT_SLACK}.
 *
 * No other module rounds a figure (`Math.round`) or writes a tolerance literal.
 */

/** Binary residue allowed when two computed doubles are compared (never a business tolerance). */
export const FLOAT_SLACK = 1e-9;
/** Half a hundredth: the most a figure printed to 2 decimals can differ from its exact value. */
export const HALF_HUNDREDTH = 0.005;

/** Round half away from zero to `decimals` places, on the number's shortest decimal representation. */
export function roundHalfAwayFromZero(value: number, decimals = 2): number {
  if (!Number.isFinite(value)) return value;
  if (value === 0) return 0;
  const sign = value < 0 ? -1 : 1;
  const magnitude = Math.abs(value);
  // From 2⁵² on every double is an integer: nothing to round (and the shift below would overflow 1.7e308).
  if (magnitude >= 2 ** 52 && decimals >= 0) return value;
  const factor = 10 ** decimals;
  const scaled = magnitude * factor;
  // Fast path: far from a tie, the binary product rounds the same way as the decimal text would.
  // Integer ÷ 10^d is correctly rounded, so it equals the double of the decimal figure ("0.07").
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6 && scaled < 1e15) {
    const rounded = Math.round(scaled) / factor;
    return rounded === 0 ? 0 : sign * rounded;
  }
  const shifted = shiftDecimal(magnitude, decimals);
  const rounded = shiftDecimal(Math.round(shifted), -decimals);
  return rounded === 0 ? 0 : sign * rounded;
}

/** `value × 10^places`, done on the decimal text ("1.005" → "1.005e2"), also for "2.5e-322". */
function shiftDecimal(value: number, places: number): number {
  const [mantissa = "0", exponent = "0"] = String(value).split("e");
  return Number(`${mantissa}e${Number(exponent) + places}`);
}

/** Points, rates and deltas: 2 decimals, half away from zero. */
export const round2 = (value: number): number => roundHalfAwayFromZero(value, 2);

/** Counts: the nearest integer, half away from zero. */
export const roundToInteger = (value: number): number => roundHalfAwayFromZero(value, 0);

/**
 * The largest magnitude whose hundredths are exact integers (2⁵³ − 1 hundredths, about 9 × 10¹³):
 * sums and differences beyond it (never a figure the read stage keeps) are done in plain doubles.
 */
const EXACT_HUNDREDTHS_LIMIT = Number.MAX_SAFE_INTEGER / 100;
const exactInHundredths = (v: number): boolean => v >= -EXACT_HUNDREDTHS_LIMIT && v <= EXACT_HUNDREDTHS_LIMIT;

/** A 2-decimal figure as an exact integer count of hundredths. */
export function toHundredths(value: number): number {
  // Fast path: a figure that already has at most 2 decimals. Below 10¹² a double is within 2⁻¹³ of its
  // decimal figure, so ×100 lands on the right integer; above, the binary product can be a whole
  // hundredth off (43153768942811.52 × 100 = 4315376894281152.5 → 4315376894281153).
  if (value > -FAST_HUNDREDTHS_LIMIT && value < FAST_HUNDREDTHS_LIMIT) {
    const scaled = value * 100;
    const nearest = Math.round(scaled);
    if (Math.abs(scaled - nearest) < 1e-7) return nearest;
  }
  // The shift is done on the rounded figure's decimal text ("43153768942811.52" → "43153768942811.52e2").
  return shiftDecimal(roundHalfAwayFromZero(value, 2), 2);
}

/** The figure as a count of hundredths when it is exactly a 2-decimal number within ±`limit` hundredths (0.07 → 7, -0 → 0); null otherwise. */
export function hundredthsWithin(value: number, limit: number): number | null {
  const h = Math.round(value * 100);
  return h / 100 === value && h >= -limit && h <= limit ? h + 0 : null;
}

/** Magnitudes below which `value × 100` in binary finds a 2-decimal figure's hundredths exactly. */
const FAST_HUNDREDTHS_LIMIT = 1e12;

export function fromHundredths(hundredths: number): number {
  return roundHalfAwayFromZero(hundredths / 100, 2);
}

/** Plain sum of 2-decimal figures, exact (summed in hundredths). */
export function sum2(values: readonly number[]): number {
  let h = 0;
  for (const v of values) {
    h += exactInHundredths(v) ? toHundredths(v) : Number.NaN;
    // Past 2⁵³ hundredths the integer sum is no longer exact: the plain sum, correctly rounded.
    if (!Number.isSafeInteger(h)) return roundHalfAwayFromZero(values.reduce((s, x) => s + x, 0), 2);
  }
  return fromHundredths(h);
}

/**
 * `a - b` for 2-decimal figures, exact; beyond {@link EXACT_HUNDREDTHS_LIMIT} (e.g. 1e16) the plain
 * double difference, correctly rounded, instead of hundredths that lost their last digits. Non-finite
 * operands give what IEEE arithmetic gives (NaN, ±Infinity); the printers print those as "—".
 */
export function diff2(a: number, b: number): number {
  if (!exactInHundredths(a) || !exactInHundredths(b)) return roundHalfAwayFromZero(a - b, 2);
  const h = toHundredths(a) - toHundredths(b);
  return Number.isSafeInteger(h) ? fromHundredths(h) : roundHalfAwayFromZero(a - b, 2);
}

// ------------------------------------------------------------------------ exact ratios

/** Decimals beyond any printed figure: a value with more is first rounded to this many. */
const MAX_DECIMALS = 12;

/** A finite decimal as an exact fraction `numerator / 10^k`, from its shortest decimal text (k ≤ 12). */
export function decimalFraction(value: number): { readonly numerator: number; readonly denominator: number } {
  let k = decimalsOf(value);
  if (k > MAX_DECIMALS) {
    value = roundHalfAwayFromZero(value, MAX_DECIMALS);
    k = decimalsOf(value);
  }
  if (k === 0) return { numerator: value, denominator: 1 };
  return { numerator: Math.round(shiftDecimal(value, k)), denominator: 10 ** k };
}

/** `n / d` rounded half away from zero, for integers n ≥ 0, d > 0; exact (BigInt past 2^53). */
export function divideRounded(n: number, d: number): number {
  if (n <= Number.MAX_SAFE_INTEGER && d <= Number.MAX_SAFE_INTEGER) {
    let q = Math.floor(n / d);
    let r = n - q * d;
    if (r < 0) {
      q -= 1;
      r += d;
    } else if (r >= d) {
      q += 1;
      r -= d;
    }
    if (q * d <= Number.MAX_SAFE_INTEGER) return 2 * r >= d ? q + 1 : q;
  }
  const bn = BigInt(n);
  const bd = BigInt(d);
  const q = bn / bd;
  return Number(2n * (bn - q * bd) >= bd ? q + 1n : q);
}

/**
 * Integer factors of a linear rule, so that points in hundredths are `round(a × numerator / (b ×
 * denominator))`, capped at the maximum: a = 100 × max × thresholdDen and b = thresholdNum (max and
 * threshold as exact decimal fractions).
 */
export interface RatioRule {
  readonly maxHundredths: number;
  /** 100 × max's numerator × threshold's denominator. */
  readonly a: number;
  /** max's denominator × threshold's numerator. */
  readonly b: number;
  /** threshold = tn / td, for the cap test numerator × td ≥ denominator × tn. */
  readonly tn: number;
  readonly td: number;
}

export function ratioRule(maxPoints: number, threshold: number): RatioRule {
  const m = decimalFraction(maxPoints);
  const t = decimalFraction(threshold);
  return { maxHundredths: toHundredths(maxPoints), a: 100 * m.numerator * t.denominator, b: m.denominator * t.numerator, tn: t.numerator, td: t.denominator };
}

/**
 * Points of `max × min(1, (numerator / denominator) / threshold)` in hundredths, computed exactly and
 * rounded half away from zero. Counts are non-negative integers, denominator > 0.
 */
export function ratioPointsHundredths(rule: RatioRule, numerator: number, denominator: number): number {
  if (numerator * rule.td >= denominator * rule.tn) return rule.maxHundredths;
  return divideRounded(rule.a * numerator, rule.b * denominator);
}

/** The same from a stated percent (70.87 → 70.87/100), exact on the rate's decimal text; below 0 counts as 0. */
export function ratePointsHundredths(rule: RatioRule, ratePercent: number): number {
  if (!(ratePercent > 0)) return 0;
  const r = decimalFraction(ratePercent);
  return ratioPointsHundredths(rule, r.numerator, 100 * r.denominator);
}

/** `numerator / denominator` as a percent with 2 decimals, exact (for printing and comparing rates). */
export function percent2(numerator: number, denominator: number): number {
  return divideRounded(10_000 * numerator, denominator) / 100;
}

/**
 * The online-payment service's arithmetic (methodology: `arithmetic: "rounded-rate"`): given the rate in
 * percent already rounded to 2 decimals ({@link percent2}), `(max × rate) / (threshold × 100)` computed in binary floating
 * point as the portal computes it, rounded half away from zero on that binary value — so 6 × 93.25 / 100
 * (held as 5.59499999…) gives 5.59 and 6 × 78.25 / 100 (4.69500000…03) gives 4.70. Hundredths.
 */
export function roundedRatePointsHundredths(maxPoints: number, ratePercent2: number, threshold: number): number {
  if (!(ratePercent2 > 0)) return 0;
  const thresholdPercent = roundHalfAwayFromZero(threshold * 100, 6);
  return Math.min(toHundredths(maxPoints), binaryHundredths((maxPoints * ratePercent2) / thresholdPercent));
}

/** A non-negative double rounded half up to hundredths on its exact binary value (not its decimal text). */
export function binaryHundredths(value: number): number {
  const scaled = value * 100;
  const floor = Math.floor(scaled);
  // Far from a tie the product's own rounding cannot move the result.
  if (Math.abs(scaled - floor - 0.5) > 1e-6) return Math.round(scaled);
  // value = mantissa × 2^exponent exactly; compare 200 × value with 2 × floor + 1 in integers.
  const { mantissa, exponent } = binaryParts(value);
  const left = 200n * mantissa * (exponent > 0 ? 2n ** BigInt(exponent) : 1n);
  const right = BigInt(2 * floor + 1) * (exponent < 0 ? 2n ** BigInt(-exponent) : 1n);
  return left >= right ? floor + 1 : floor;
}

function binaryParts(value: number): { mantissa: bigint; exponent: number } {
  const scratch = new DataView(new ArrayBuffer(8));
  scratch.setFloat64(0, value);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return biased === 0 ? { mantissa: fraction, exponent: -1074 } : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

// ------------------------------------------------------------------------ tolerances

/** Number of decimal places a figure was written with (0 for integers), used for tolerances. */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  // Fast path, same answer as the shortest decimal text below: value has at most d decimals exactly
  // when the d-decimal number nearest to it reads back as the same double.
  if (Math.abs(value) < 1e9) {
    for (let d = 1, scale = 10; d <= 6; d++, scale *= 10) if (Math.round(value * scale) / scale === value) return d;
  }
  const text = String(value);
  const [mantissa = "", exponent = "0"] = text.split("e");
  const dot = mantissa.indexOf(".");
  const decimals = (dot < 0 ? 0 : mantissa.length - dot - 1) - Number(exponent);
  return Math.max(0, decimals);
}

/** Half a unit in the last written place: the largest error rounding to `decimals` places can hide. */
export function halfUnit(decimals: number): number {
  // The usual places (0–15) read from a table computed by the same expression: a tolerance is asked
  // for every published figure, 24 per unit of the portal's answers.
  return Number.isInteger(decimals) && decimals >= 0 && decimals < HALF_UNITS.length ? (HALF_UNITS[decimals] as number) : halfUnitOf(decimals);
}

function halfUnitOf(decimals: number): number {
  return 0.5 * 10 ** -decimals;
}

const HALF_UNITS: readonly number[] = Array.from({ length: 16 }, (_, d) => halfUnitOf(d));

/**
 * How far a printed points figure may be from the exact one. Points are published with 2 decimals,
 * so a figure printed with none ("89", "6.0" read back as 6) is taken as exact to 2 decimals; one
 * printed with 1 decimal ("10.4") may be off by 0.05.
 */
export function pointsTolerance(printed: number): number {
  const d = decimalsOf(printed);
  return halfUnit(d === 0 ? 2 : d);
}

/**
 * Tolerance for a sum of printed points: each part may be off by half a unit in the last place the
 * parts were printed with ("6.0" reads back as 6 but was printed like its siblings, to 1 decimal).
 */
export function sumTolerance(parts: readonly number[], total: number): number {
  const decimals = Math.max(0, ...parts.map(decimalsOf));
  return parts.length * halfUnit(decimals === 0 ? 2 : decimals) + pointsTolerance(total);
}

/** A printed rate's tolerance: half a unit in its last place, at least half a hundredth. */
export function percentTolerance(printed: number): number {
  return Math.max(HALF_HUNDREDTH, halfUnit(decimalsOf(printed)));
}

/** Whether `a` and `b` differ by more than `tolerance` (allowing binary residue). */
export function differs(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) > tolerance + FLOAT_SLACK;
}

/**
 * Whether a published points figure agrees with the exact recomputed one: equal at the precision it
 * was printed with (to the hundredth for the portal's 2-decimal figures, ±0.05 for "10.4").
 */
export function agrees(published: number, computed: number): boolean {
  // Equal figures agree at any tolerance (the common case: no tolerance to work out).
  return published === computed || !differs(published, computed, pointsTolerance(published));
}

/** Whether `value` is above `limit` by more than binary residue (points over a group's maximum). */
export function above(value: number, limit: number): boolean {
  return value > limit + FLOAT_SLACK;
}
