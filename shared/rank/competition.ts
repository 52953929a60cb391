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

/**
 * A competition ranking in columns, without an object per item (a report ranks three lists of up to
 * 10,000 rows): the items in input order, their figures, the display order and the ranks.
 */
export interface RankOrder<T> {
  readonly items: readonly T[];
  /** The figure each item was ranked by, by input index. */
  readonly values: readonly (number | null)[];
  /** The input index of the item at each display position: `order[position - 1]`. */
  readonly order: readonly number[];
  /** The competition rank at each display position; 0 for an item without a figure. */
  readonly ranks: Int32Array;
}

/** The ranking of {@link competitionRank}, as columns. */
export function competitionOrder<T>(items: readonly T[], values: readonly (number | null)[], name: (item: T) => string, options: RankOptions<T> = {}): RankOrder<T> {
  const n = items.length;
  const descending = options.descending ?? true;
  const collation = (options.tieOrder ?? "collation") === "collation";
  const ordinals = collation ? options.ordinals : undefined;
  const ordinalOf = collation ? options.ordinalOf : undefined;
  // Units without a figure sort last: below any figure (figures are bounded, never infinite).
  const none = descending ? -Infinity : Infinity;
  const figures = new Float64Array(n);
  const ords = new Int32Array(n);
  let allOrdinal = ordinals !== undefined || ordinalOf !== undefined;
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    order[i] = i;
    const v = values[i];
    figures[i] = v === null || v === undefined ? none : v;
    if (!allOrdinal) continue;
    const item = items[i] as T;
    const ord = ordinalOf ? ordinalOf(item) : ordinals?.get(name(item));
    if (ord === undefined) allOrdinal = false;
    else ords[i] = ord;
  }
  // Ties: by the names' collation order (precomputed ordinals, else collation keys, each computed once), then input order.
  const keys = collation && !allOrdinal ? items.map((item) => cachedCollationKey(name(item))) : null;
  const byOrdinal = collation && allOrdinal;
  order.sort((a, b) => {
    const x = figures[a] as number;
    const y = figures[b] as number;
    if (x !== y) return (descending ? y > x : x > y) ? 1 : -1;
    if (keys) {
      const ka = keys[a] as string;
      const kb = keys[b] as string;
      if (ka !== kb) return ka < kb ? -1 : 1;
    } else if (byOrdinal) {
      const d = (ords[a] as number) - (ords[b] as number);
      if (d !== 0) return d;
    }
    return a - b;
  });
  const ranks = new Int32Array(n);
  let rank = 0;
  for (let p = 0; p < n; p++) {
    const f = figures[order[p] as number] as number;
    if (f === none) continue;
    if (p === 0 || f !== figures[order[p - 1] as number]) rank = p + 1;
    ranks[p] = rank;
  }
  return { items, values, order, ranks };
}

export function competitionRank<T>(
  items: readonly T[],
  figure: (item: T, index: number) => number | null,
  name: (item: T) => string,
  options: RankOptions<T> = {},
): Ranked<T>[] {
  const r = competitionOrder(
    items,
    items.map((item, i) => figure(item, i)),
    name,
    options,
  );
  return r.order.map((index, p) => ({ item: r.items[index] as T, index, rank: r.ranks[p] || null, position: p + 1, value: r.values[index] ?? null }));
}
