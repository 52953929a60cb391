/**
 * Competition ranking ("1224"): units with equal figures share a rank and the next rank skips.
 * Display order among ties is Vietnamese collation of the printed name (default) or the order of the
 * input ("input": the portal's or the clerk's order, as seed 000's Phụ lục 4 keeps it).
 * Units without a figure are listed last, unranked.
 */
import type { TieOrder } from "../model";
import { cachedCollationKey } from "../text/vn-text";

export interface Ranked<T> {
  readonly item: T;
  /** The item's position in the input (0-based). */
  readonly index: number;
  /** Competition rank (1-based); null for an item without a figure. */
  readonly rank: number | null;
  /** 1-based display position. */
  readonly position: number;
  /** The figure it was ranked by. */
  readonly value: number | null;
}

export interface RankOptions<T = unknown> {
  readonly tieOrder?: TieOrder;
  /**
   * Precomputed collation order of known names (e.g. every unit of the catalog), so ties compare
   * two integers instead of two strings. Names missing from it fall back to their collation key.
   */
  readonly ordinals?: ReadonlyMap<string, number>;
  /** The same, known per item (e.g. carried by a parsed row); takes precedence over `ordinals`. */
  readonly ordinalOf?: (item: T) => number | undefined;
  /** Highest figure first (default) or lowest first. */
  readonly descending?: boolean;
}

export function competitionRank<T>(
  items: readonly T[],
  figure: (item: T, index: number) => number | null,
  name: (item: T) => string,
  options: RankOptions<T> = {},
): Ranked<T>[] {
  const descending = options.descending ?? true;
  const tieOrder = options.tieOrder ?? "collation";
  // One object per item, sorted, then given its rank and position in place.
  const collation = tieOrder === "collation";
  const ordinals = collation ? options.ordinals : undefined;
  const ordinalOf = collation ? options.ordinalOf : undefined;
  let allOrdinal = ordinals !== undefined || ordinalOf !== undefined;
  const entries = new Array<{ item: T; rank: number | null; position: number; index: number; value: number | null; ord: number; label: string; key: string }>(items.length);
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as T;
    const label = name(item);
    const ord = ordinalOf ? ordinalOf(item) : ordinals?.get(label);
    if (ord === undefined) allOrdinal = false;
    entries[index] = { item, rank: null, position: 0, index, value: figure(item, index), ord: ord ?? 0, label, key: "" };
  }
  if (tieOrder === "collation" && !allOrdinal) for (const e of entries) e.key = cachedCollationKey(e.label);
  const byKey = tieOrder === "collation" && !allOrdinal;
  entries.sort((a, b) => {
    if (a.value !== b.value) {
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      // A sign, not the difference: a fractional difference would be a new heap number per comparison.
      return (descending ? b.value > a.value : a.value > b.value) ? 1 : -1;
    }
    // Ties (and units without a figure): collation, then input order.
    if (byKey) {
      if (a.key !== b.key) return a.key < b.key ? -1 : 1;
    } else if (a.ord !== b.ord) return a.ord - b.ord;
    return a.index - b.index;
  });
  let rank = 0;
  let previous: number | null = null;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as (typeof entries)[number];
    e.position = i + 1;
    if (e.value === null) continue;
    if (previous === null || e.value !== previous) rank = i + 1;
    previous = e.value;
    e.rank = rank;
  }
  return entries;
}
