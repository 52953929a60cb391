/**
 * Competition ranking ("1224"): units with equal figures share a rank and the next rank skips.
 * Display order among ties is Vietnamese collation of the printed name (default) or the order of the
 * input ("input": the portal's or the clerk's order, as seed 000's Phụ lục 4 keeps it).
 * Units without a figure are listed last, unranked.
 */
import type { TieOrder } from "../model";
import { hundredthsWithin } from "../rounding";
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
  for (let i = 0; i < n; i++) {
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
  let order = keys ? null : gridOrder(figures, none, byOrdinal ? ords : null, descending);
  if (!order) {
    order = new Array<number>(n);
    for (let i = 0; i < n; i++) order[i] = i;
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
 * Figures on the hundredth that take at most this many places (the lowest and the highest counted: at most
 * 2²⁴ − 1 hundredths apart) are ordered by counting (every score: 0–100 points is 10,001 places); so are
 * ordinals below it.
 */
const GRID_SPAN_LIMIT = 1 << 24;
/** The grid's bound, in hundredths (±10,737,418.24, inclusive: a point total or a count of a report is far below). */
const MAX_GRID_HUNDREDTHS = 2 ** 30;

/**
 * The display order in linear time, when every figure is a 2-decimal number (scores, counts): each
 * item's place on the grid of hundredths, highest first (or lowest), and units without a figure after
 * all; sorted by counting, ties by ordinal then input order (a stable sort by ordinal, then a stable
 * one by place). Null when a figure is off that grid, the figures take too many places or an ordinal
 * is negative or too large (the comparator sort orders those). Until 5/12/2026 the figures were
 * sorted (n·log n, twice, plus a binary search per row): a fifth of a letter build's time at 700 units
 * and at 10,035.
 */
function gridOrder(figures: Float64Array, none: number, ords: Int32Array | null, descending: boolean): number[] | null {
  const n = figures.length;
  const places = new Int32Array(n);
  let min = MAX_GRID_HUNDREDTHS;
  let max = -MAX_GRID_HUNDREDTHS;
  for (let i = 0; i < n; i++) {
    const v = figures[i] as number;
    if (v === none) continue;
    const h = hundredthsWithin(v, MAX_GRID_HUNDREDTHS);
    if (h === null) return null;
    places[i] = h;
    if (h < min) min = h;
    if (h > max) max = h;
  }
  const span = max >= min ? max - min + 1 : 0;
  if (span > GRID_SPAN_LIMIT) return null;
  for (let i = 0; i < n; i++) places[i] = figures[i] === none ? span : descending ? max - (places[i] as number) : (places[i] as number) - min;
  let order: Int32Array = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (ords) {
    let ordSpan = 1;
    for (let i = 0; i < n; i++) {
      const o = ords[i] as number;
      if (o < 0 || o >= GRID_SPAN_LIMIT) return null;
      if (o >= ordSpan) ordSpan = o + 1;
    }
    order = countingSort(order, ords, ordSpan);
  }
  const sorted = countingSort(order, places, span + 1);
  // Copied by a plain loop: `Array.from` on a typed array goes through its iterator, an object per row.
  const out = new Array<number>(n);
  for (let p = 0; p < n; p++) out[p] = sorted[p] as number;
  return out;
}

/**
 * `order` stably sorted by `keys[order[j]]` (integers in [0, range)): least significant digit first,
 * a digit wide enough that up to ~n keys take one pass (10,035 units, 14 bits; 700 units, 10 bits).
 */
function countingSort(order: Int32Array, keys: Int32Array, range: number): Int32Array {
  const n = order.length;
  if (range <= 1) return order;
  const bits = Math.min(16, Math.max(4, Math.ceil(Math.log2(n + 1))));
  const mask = (1 << bits) - 1;
  let from: Int32Array = order;
  let to: Int32Array = new Int32Array(n);
  const counts = new Int32Array(1 << bits);
  for (let shift = 0; shift === 0 || range - 1 >= 2 ** shift; shift += bits) {
    counts.fill(0);
    for (let j = 0; j < n; j++) {
      const d = ((keys[from[j] as number] as number) >>> shift) & mask;
      counts[d] = (counts[d] as number) + 1;
    }
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[d] as number;
      counts[d] = sum;
      sum += c;
    }
    for (let j = 0; j < n; j++) {
      const i = from[j] as number;
      const d = ((keys[i] as number) >>> shift) & mask;
      const at = counts[d] as number;
      counts[d] = at + 1;
      to[at] = i;
    }
    const sorted = to;
    to = from;
    from = sorted;
  }
  return from;
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
