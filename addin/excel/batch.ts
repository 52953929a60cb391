/**
 * A request budget for context.sync(): Excel on the web refuses a request above 5 MB (and answers
 * above 5 MB), so a long write is cut into syncs that each stay under a budget measured the way the
 * request is sent — an envelope per operation plus the JSON of its arguments in UTF-8.
 */
import type { ExcelContext } from "./types";

/** Bytes one sync may send: well under Excel on the web's 5 MB payload limit. */
export const REQUEST_BUDGET = 4_000_000;
/** Bytes of one operation's envelope (action, object path, ids), rounded up. */
export const OPERATION_BYTES = 200;

const encoder = new TextEncoder();

/** UTF-8 bytes of a value as JSON. */
export function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : encoder.encode(JSON.stringify(value)).length;
}

export class Batch {
  private queued = 0;
  /** Syncs this batch made. */
  syncs = 0;

  constructor(
    private readonly context: ExcelContext,
    readonly budget: number = REQUEST_BUDGET,
  ) {}

  /**
   * Make room for `operations` operations carrying `payloadBytes` in all: sync what is queued first
   * when they would take the request past the budget.
   */
  async room(payloadBytes: number, operations = 1): Promise<void> {
    const bytes = payloadBytes + operations * OPERATION_BYTES;
    if (this.queued > 0 && this.queued + bytes > this.budget) await this.flush();
    this.queued += bytes;
  }

  /** Send what is queued. */
  async flush(): Promise<void> {
    await this.context.sync();
    this.syncs += 1;
    this.queued = 0;
  }

  /** Rows per piece so that each piece of a block of `bytes` over `rows` rows fits in half a request. */
  rowsPerPiece(rows: number, bytes: number): number {
    if (rows <= 0 || bytes <= 0) return Math.max(rows, 1);
    return Math.max(1, Math.floor((rows * (this.budget / 2)) / bytes));
  }
}
