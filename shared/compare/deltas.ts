/**
 * This period against the previous one, unit by unit. A unit that did not exist last period is "Mới";
 * one formed by merging units that did is "Hợp nhất" (its predecessors' figures are listed, no delta
 * is invented); a unit of last period with no successor this period is "gone".
 */
import type { Unit } from "../model";
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

export interface UnitComparison {
  readonly status: ComparisonStatus;
  readonly previous: number | null;
  readonly delta: number | null;
  readonly predecessors: readonly PreviousFigure[];
}

export interface CurrentFigure {
  readonly key: string;
  readonly unit: Unit | null;
  readonly value: number | null;
}

export interface Comparison {
  readonly byKey: ReadonlyMap<string, UnitComparison>;
  /** The same comparisons, in the order of `current`. */
  readonly list: readonly UnitComparison[];
  /** Last period's units with no successor now. */
  readonly gone: readonly PreviousFigure[];
}

const NONE: readonly PreviousFigure[] = Object.freeze([]);

export function compareWithPrevious(current: readonly CurrentFigure[], previous: readonly PreviousFigure[] | null, kind: ValueKind): Comparison {
  const byKey = new Map<string, UnitComparison>();
  const list: UnitComparison[] = new Array(current.length);
  if (previous === null) {
    current.forEach((c, i) => {
      const cmp: UnitComparison = { status: "no-previous", previous: null, delta: null, predecessors: NONE };
      list[i] = cmp;
      byKey.set(c.key, cmp);
    });
    return { byKey, list, gone: [] };
  }
  const prev = new Map(previous.map((p) => [p.key, p]));
  const used = new Set<string>();
  current.forEach((c, i) => {
    const same = prev.get(c.key);
    let cmp: UnitComparison;
    if (same) {
      used.add(c.key);
      const delta = c.value !== null && same.value !== null ? difference(c.value, same.value, kind) : null;
      cmp = { status: same.value === null ? "new" : "same", previous: same.value, delta, predecessors: NONE };
    } else {
      const predecessors = c.unit?.predecessors ? c.unit.predecessors.map((id) => prev.get(id)).filter((p): p is PreviousFigure => p !== undefined) : [];
      predecessors.forEach((p) => used.add(p.key));
      cmp = { status: predecessors.length ? "merged" : "new", previous: null, delta: null, predecessors: predecessors.length ? predecessors : NONE };
    }
    list[i] = cmp;
    byKey.set(c.key, cmp);
  });
  const gone = previous.filter((p) => !used.has(p.key));
  return { byKey, list, gone };
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
