/**
 * The one rounding policy of chiso766.
 *
 * Every figure the engine prints goes through these functions:
 *
 * - **Half-up, away from zero, on the decimal the number shows.** `roundHalfUp(1.005, 2)` is 1.01 and
 *   `roundHalfUp(-2.345, 2)` is -2.35. A double such as 1.005 is really 1.00499999…; the portal rounds
 *   what a person reads, so we shift the decimal point in the shortest decimal text of the number
 *   (`"1.005e2"`) instead of multiplying by 100.
 * - **Points are rounded per component to 2 decimals** (766-methodology.md §3), and a group or total is
 *   the plain sum of rounded components, summed in integer hundredths so that no float residue
 *   (0.1 + 0.2) reaches a comparison or a printed figure.
 * - **Deltas** are the difference of two 2-decimal figures, computed in hundredths: exact.
 */

/** Round half away from zero to `decimals` places, on the number's shortest decimal representation. */
export function roundHalfUp(value: number, decimals = 2): number {
  if (!Number.isFinite(value)) return value;
  if (value === 0) return 0;
  const sign = value < 0 ? -1 : 1;
  const magnitude = Math.abs(value);
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

/** Points, rates and deltas: 2 decimals, half-up. */
export const round2 = (value: number): number => roundHalfUp(value, 2);

/** A 2-decimal figure as an exact integer count of hundredths. */
export function toHundredths(value: number): number {
  // Fast path: a figure that already has at most 2 decimals.
  const scaled = value * 100;
  const nearest = Math.round(scaled);
  if (Math.abs(scaled - nearest) < 1e-7) return nearest;
  return Math.round(roundHalfUp(value, 2) * 100);
}

export function fromHundredths(hundredths: number): number {
  return roundHalfUp(hundredths / 100, 2);
}

/** Plain sum of 2-decimal figures, exact (summed in hundredths). */
export function sum2(values: readonly number[]): number {
  let h = 0;
  for (const v of values) h += toHundredths(v);
  return fromHundredths(h);
}

/** `a - b` for 2-decimal figures, exact. */
export function diff2(a: number, b: number): number {
  return fromHundredths(toHundredths(a) - toHundredths(b));
}

/** Number of decimal places a figure was written with (0 for integers), used for tolerances. */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  const text = String(value);
  const [mantissa = "", exponent = "0"] = text.split("e");
  const dot = mantissa.indexOf(".");
  const decimals = (dot < 0 ? 0 : mantissa.length - dot - 1) - Number(exponent);
  return Math.max(0, decimals);
}

/** Half a unit in the last written place: the largest error rounding to `decimals` places can hide. */
export function halfUnit(decimals: number): number {
  return 0.5 * 10 ** -decimals;
}

/**
 * How far a printed points figure may be from the exact one. Points are published with 2 decimals,
 * so a figure printed with none ("89", "6.0" read back as 6) is taken as exact to 2 decimals; one
 * printed with 1 decimal ("10.4") may be off by 0.05.
 */
export function pointsTolerance(printed: number): number {
  const d = decimalsOf(printed);
  return halfUnit(d === 0 ? 2 : d);
}
