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
  let order = new Array<number>(n);
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
  const packed = keys ? null : packedOrder(figures, byOrdinal ? ords : null, descending);
  if (packed) order = packed;
  else {
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
  }
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

/** The inverse of a display order: each input index's 0-based position. */
export function positionsOf(order: readonly number[]): Int32Array {
  const positions = new Int32Array(order.length);
  for (let p = 0; p < order.length; p++) positions[order[p] as number] = p;
  return positions;
}

/**
 * The display order when ties are broken by integers (ordinals, or input order): each item's place
 * as one exact integer — its figure's rank among the distinct figures, then its ordinal, then its
 * index — sorted as numbers (a typed array's native sort, no comparator called n·log n times).
 * Null when that integer could pass 2⁵³ or a figure is NaN; the comparator sort is used then.
 */
function packedOrder(figures: Float64Array, ords: Int32Array | null, descending: boolean): number[] | null {
  const n = figures.length;
  const sorted = Float64Array.from(figures).sort();
  const distinct = new Float64Array(n);
  let d = 0;
  for (let i = 0; i < n; i++) {
    const v = sorted[i] as number;
    if (v !== v) return null;
    if (d === 0 || v !== distinct[d - 1]) distinct[d++] = v;
  }
  let ordSpan = 1;
  if (ords) {
    for (let i = 0; i < n; i++) {
      const o = ords[i] as number;
      if (o < 0) return null;
      if (o >= ordSpan) ordSpan = o + 1;
    }
  }
  if (d * ordSpan * n > Number.MAX_SAFE_INTEGER) return null;
  const places = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = figures[i] as number;
    let lo = 0;
    let hi = d - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((distinct[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    const r = descending ? d - 1 - lo : lo;
    places[i] = (r * ordSpan + (ords ? (ords[i] as number) : 0)) * n + i;
  }
  places.sort();
  const order = new Array<number>(n);
  for (let p = 0; p < n; p++) order[p] = (places[p] as number) % n;
  return order;
}

export function competitionRank<T>(
  items: readonly T[],
  figure: (item: T, index: number) => number | null,
  name: (item: T) => string,
  options: RankOptions<T> = {},
): Ranked<T>[] {
  return rankedList(
    competitionOrder(
      items,
      items.map((item, i) => figure(item, i)),
      name,
      options,
    ),
  );
}

/** A columnar ranking as one object per item, in display order (for callers that are not per-unit hot paths). */
export function rankedList<T>(r: RankOrder<T>): Ranked<T>[] {
  return r.order.map((index, p) => ({ item: r.items[index] as T, index, rank: r.ranks[p] || null, position: p + 1, value: r.values[index] ?? null }));
}
