/**
 * Pools by value, for what a build makes once per distinct figure and every build shares (cells,
 * delta texts). Pure data structure: no stage's types.
 */
import { hundredthsWithin } from "./rounding";

/** A sparse part past this many entries is cleared (a pool never grows without bound). */
const SPARSE_LIMIT = 10_000;

/** Hundredths from -100 to 100 points (every score and score delta): the dense part of {@link ByValue}. */
const DENSE_HUNDREDTHS = 10_000;

/**
 * A pool by value: figures on the hundredth within ±100 index an array (a score or a delta is one
 * array read, not a hash look-up in a table of 10,000 numbers); other figures and texts a Map, bounded.
 */
export class ByValue<T> {
  private readonly dense: (T | undefined)[] = new Array<T | undefined>(2 * DENSE_HUNDREDTHS + 1);
  private readonly sparse = new Map<number | string, T>();

  get(key: number | string): T | undefined {
    const i = typeof key === "number" ? denseIndex(key) : -1;
    return i >= 0 ? this.dense[i] : this.sparse.get(key);
  }

  set(key: number | string, value: T): void {
    const i = typeof key === "number" ? denseIndex(key) : -1;
    if (i >= 0) this.dense[i] = value;
    else {
      if (this.sparse.size >= SPARSE_LIMIT) this.sparse.clear();
      this.sparse.set(key, value);
    }
  }
}

/** The array index of a figure on the hundredth within ±100 (0 and -0 alike, as a Map keys them); -1 otherwise. */
function denseIndex(value: number): number {
  const h = hundredthsWithin(value, DENSE_HUNDREDTHS);
  return h === null ? -1 : h + DENSE_HUNDREDTHS;
}

