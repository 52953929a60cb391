/**
 * The tables the Worker answers as CSV or .xlsx (worker/csv.ts), built from a report. Pure (imports
 * shared/ only), so a Node test can open exactly these through LibreOffice.
 */
import type { TargetInForce } from "../shared/api-responses";
import { headerGrid, type PlainTable, type PlannedTable, type RankingEntry } from "../shared";

/** Column titles for CSV: the header cells above each column, top to bottom, joined. */
function columnTitles(table: PlannedTable): string[] {
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

/**
 * An appendix (or another table of its shape: "Kế hoạch cải thiện") as a plain table, named as its sheet:
 * joined column titles, then each row's numbers as numbers and other cells as shown.
 */
export function appendixTable(table: PlannedTable): PlainTable {
  return {
    name: table.sheetName,
    header: columnTitles(table),
    rows: table.rows.map((r) => r.cells.map((cell) => (typeof cell.value === "number" ? cell.value : cell.text))),
  };
}

const TARGET_KINDS = { plan: "Chỉ tiêu kế hoạch", threshold: "Ngưỡng tính điểm tối đa" } as const;
const TARGET_ORIGINS = { "built-in": "Có sẵn", province: "Của tỉnh" } as const;

/** The targets in force as a plain table (GET …/targets?format=csv|xlsx). */
export function targetsTable(targets: readonly TargetInForce[]): PlainTable {
  return {
    name: "Chỉ tiêu",
    header: ["Mã chỉ tiêu", "Mã chỉ số", "Tên chỉ tiêu", "Tỷ lệ phải đạt (%)", "Áp dụng từ ngày", "Hết áp dụng từ ngày", "Văn bản đặt chỉ tiêu", "Loại", "Nguồn"],
    rows: targets.map((t) => [t.id, t.indicator, t.nameVi, t.minRatePercent, t.effectiveFrom, t.effectiveTo, t.source, TARGET_KINDS[t.kind], TARGET_ORIGINS[t.origin]]),
  };
}
