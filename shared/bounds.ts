/**
 * The bounds of every figure, in one place: what the API's schemas accept (`shared/api-schema.ts`),
 * what the read stage keeps (`shared/input/read.ts`, via `shared/text/vn-number.ts`), and what the
 * printers print.
 *
 * - **The API** takes a figure only inside its meaning: a unit's or the province's total 0–100 points,
 *   each group 0–its maximum (the largest maximum any methodology gives the group), indicator points
 *   0–100, rates 0–100 %, counts and ranks safe integers 0…10⁹, stated deltas within ±100 points
 *   (±10⁹ for count rows of Phụ lục 1).
 * - **The engine** (texts as printed, Excel cells from the add-in) keeps a figure whose magnitude is at
 *   most {@link MAX_FIGURE}: within that, exact hundredth arithmetic holds (10⁹ × 100 < 2⁵³) and the
 *   checks stage says what lies outside the methodology's range (a total of 101, a group of 19/18);
 *   beyond it the cell is an issue naming it and the figure is left out — 1.7e308 never reaches a sum.
 * - **The printers** print digits for a finite figure whose printed digits are exact (at most
 *   2⁵³ − 1 units of the last printed place) and {@link UNPRINTABLE} ("—", which the reader reads
 *   back as a blank) for anything else: NaN, ±Infinity, 1e100. Never "NaN", "Infinity" or "e+".
 */
import { PORTAL_GROUPS, METHODOLOGIES } from "./rules/methodology";
import type { GroupCode } from "./model";

/** Counts, ranks: safe integers 0…10⁹. */
export const MAX_COUNT = 1_000_000_000;
/** A unit's or the province's total. */
export const MAX_TOTAL_POINTS = 100;
/** Rates in percent. */
export const MAX_PERCENT = 100;
/** The largest magnitude of any figure the engine keeps (points, rates, counts, deltas). */
export const MAX_FIGURE = 1_000_000_000;
/** What a printer prints for a figure it cannot print exactly. */
export const UNPRINTABLE = "—";

/** Each group's maximum: the largest any methodology gives it (18/20/12/10/18/22 for the portal's groups). */
export const GROUP_MAXIMA: Readonly<Record<GroupCode, number>> = Object.fromEntries(
  PORTAL_GROUPS.map((g) => [g.code, Math.max(g.maxPoints, ...METHODOLOGIES.flatMap((m) => m.groups.filter((x) => x.code === g.code).map((x) => x.maxPoints)))]),
) as Record<GroupCode, number>;

/** Whether the engine keeps this figure (finite, magnitude ≤ {@link MAX_FIGURE}). */
export function withinFigureBounds(value: number): boolean {
  return value >= -MAX_FIGURE && value <= MAX_FIGURE;
}
