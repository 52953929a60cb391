/**
 * The tables the Worker answers as CSV or .xlsx (worker/csv.ts), built from a report. Pure (imports
 * shared/ only), so a Node test can open exactly these through LibreOffice.
 */
import { type AppendixTable, headerGrid, type PlainTable, type RankingEntry } from "../shared";

/** Column titles for CSV: the header cells above each column, top to bottom, joined. */
function columnTitles(table: AppendixTable): string[] {
  const grid = headerGrid(table);
  return table.columns.map((_, col) => {
    const parts: string[] = [];
    for (const h of table.header) if (h.col <= col && col < h.col + h.colSpan && h.text && !parts.includes(h.text)) parts.push(h.text);
    return parts.join(" / ") || grid[0]?.[col] || "";
  });
}

/** The rankings as a plain table (CSV / .xlsx). */
export function rankingTable(entries: readonly RankingEntry[]): PlainTable {
  return {
    name: "Xếp hạng",
    header: ["Hạng", "Mã đơn vị", "Tên đơn vị", "Số điểm", "Điểm kỳ trước", "Tăng/giảm", "So với kỳ trước"],
    rows: entries.map((e) => [e.rank, e.unitId, e.name, e.total, e.previousTotal, e.delta, e.deltaText]),
  };
}

/** An appendix as a plain table: joined column titles, then each row's numbers as numbers and other cells as shown. */
export function appendixTable(table: AppendixTable): PlainTable {
  return {
    name: table.id.replace(/^PL/, "Phụ lục "),
    header: columnTitles(table),
    rows: table.rows.map((r) => r.cells.map((cell) => (typeof cell.value === "number" ? cell.value : cell.text))),
  };
}
