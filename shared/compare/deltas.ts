/**
 * The words of a change between two periods: what a comparison's status means, the difference of two
 * figures of a kind, and the delta column's text. A unit that did not exist last period is "Mới"; one
 * formed by merging units that did is "Hợp nhất" (no delta is invented); a unit of last period with no
 * successor this period is "gone".
 */
import { diff2 } from "../rounding";
import { formatDelta, type DeltaFormat, type ValueKind } from "../text/vn-number";

export type ComparisonStatus =
  /** Same unit in both periods: a delta. */
  | "same"
  /** No figure last period for this unit. */
  | "new"
  /** Formed from units that had figures last period. */
  | "merged"
  /** No previous period supplied at all. */
  | "no-previous";

export interface PreviousFigure {
  readonly key: string;
  readonly name: string;
  readonly value: number | null;
}

/** One figure this period against last period's. */
export interface UnitComparison {
  readonly status: ComparisonStatus;
  readonly previous: number | null;
  readonly delta: number | null;
}

export function difference(current: number, previous: number, kind: ValueKind): number {
  return kind === "count" ? current - previous : diff2(current, previous);
}

/** The delta column's words: "Tăng 0.92", "Giảm 3.4", "Bằng điểm", "Mới", "Hợp nhất", or blank. */
export function comparisonText(c: Pick<UnitComparison, "status" | "delta"> | undefined, kind: ValueKind, format: DeltaFormat = {}): string {
  if (!c || c.status === "no-previous") return "";
  if (c.status === "new") return "Mới";
  if (c.status === "merged") return "Hợp nhất";
  return c.delta === null ? "" : formatDelta(c.delta, kind, format);
}
