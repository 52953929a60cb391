/** An appendix as a monospace text table for the terminal (header cells flattened, widths fitted). */
import { bodyText, headerGrid, type AppendixTable } from "../shared";

const RIGHT = new Set(["count", "points", "percent", "index"]);

export function appendixToText(table: AppendixTable, maxWidth = 48): string {
  const header = headerGrid(table).map((r) => r.map((c) => c.replace(/\s+/g, " ")));
  const body = bodyText(table);
  const clip = (s: string) => (s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s);
  const widths = table.columns.map((_, c) => Math.max(...[...header, ...body].map((r) => clip(r[c] ?? "").length), 1));
  const line = (cells: string[], right: boolean[]) => cells.map((cell, c) => (right[c] ? clip(cell).padStart(widths[c] ?? 0) : clip(cell).padEnd(widths[c] ?? 0))).join(" │ ");
  const rule = widths.map((w) => "─".repeat(w)).join("─┼─");
  const rightCols = table.columns.map((c) => RIGHT.has(c.kind));
  const out = [
    ...table.titleLines.map((t) => t.text),
    ...header.filter((r) => r.some((c) => c)).map((r) => line(r, table.columns.map(() => false))),
    rule,
    ...body.map((r) => line(r, rightCols)),
    ...table.notes.map((n) => `  ${n}`),
  ];
  return out.join("\n");
}
