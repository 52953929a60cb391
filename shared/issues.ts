/**
 * Issue codes and the Vietnamese wording of where an issue is. Every message names the appendix, the
 * row and the unit, so the clerk can find the cell without reading codes.
 */
import type { DatasetName, Issue, IssueLocation, RowRef, Severity } from "./model";

export const ISSUE_CODES = {
  // reading
  UNPARSEABLE_CELL: "UNPARSEABLE_CELL",
  /** A number beyond any figure of a report (magnitude above 10⁹): left out. */
  FIGURE_OUT_OF_BOUNDS: "FIGURE_OUT_OF_BOUNDS",
  CELL_READ_WITH_GUESS: "CELL_READ_WITH_GUESS",
  BAD_PERIOD: "BAD_PERIOD",
  UNKNOWN_PROVINCE: "UNKNOWN_PROVINCE",
  // units
  UNKNOWN_UNIT: "UNKNOWN_UNIT",
  AMBIGUOUS_UNIT: "AMBIGUOUS_UNIT",
  FUZZY_UNIT: "FUZZY_UNIT",
  DUPLICATE_UNIT: "DUPLICATE_UNIT",
  MISSING_UNIT: "MISSING_UNIT",
  UNIT_NOT_RANKED_LEVEL: "UNIT_NOT_RANKED_LEVEL",
  // arithmetic
  PARTS_SUM_MISMATCH: "PARTS_SUM_MISMATCH",
  SPLIT_NOT_APPLICABLE: "SPLIT_NOT_APPLICABLE",
  GROUPS_SUM_MISMATCH: "GROUPS_SUM_MISMATCH",
  RATE_MISMATCH: "RATE_MISMATCH",
  PERCENT_OUT_OF_RANGE: "PERCENT_OUT_OF_RANGE",
  POINTS_OUT_OF_RANGE: "POINTS_OUT_OF_RANGE",
  NUMERATOR_EXCEEDS_DENOMINATOR: "NUMERATOR_EXCEEDS_DENOMINATOR",
  POINTS_MISMATCH: "POINTS_MISMATCH",
  SCORE_NOT_CHECKABLE: "SCORE_NOT_CHECKABLE",
  OVERDUE_TOTAL_MISMATCH: "OVERDUE_TOTAL_MISMATCH",
  // comparisons
  DELTA_MISMATCH: "DELTA_MISMATCH",
  LETTER_MISMATCH: "LETTER_MISMATCH",
  UNIT_NEW: "UNIT_NEW",
  UNIT_MERGED: "UNIT_MERGED",
  UNIT_GONE: "UNIT_GONE",
  PREVIOUS_PERIOD_MISMATCH: "PREVIOUS_PERIOD_MISMATCH",
  RANK_MISMATCH: "RANK_MISMATCH",
  // portal
  PORTAL_DATA_QUALITY: "PORTAL_DATA_QUALITY",
  NO_DATA: "NO_DATA",
  // plans and what-if
  /** A target or a what-if change names an indicator the methodology does not score by counts. */
  UNKNOWN_INDICATOR: "UNKNOWN_INDICATOR",
  /** A what-if change that cannot be applied (a figure out of range, nothing to change). */
  BAD_CHANGE: "BAD_CHANGE",
} as const;
export type IssueCode = (typeof ISSUE_CODES)[keyof typeof ISSUE_CODES];

export const DATASET_LABELS: Record<DatasetName, string> = {
  summary: "Phụ lục 1",
  unitScores: "Phụ lục 2",
  overdueDossiers: "Phụ lục 3",
  overduePetitions: "Phụ lục 4",
  letter: "Văn bản",
  input: "Dữ liệu đầu vào",
};

export const COLUMN_LABELS: Record<string, string> = {
  unit: "Tên đơn vị",
  total: "Tổng số",
  districtLevel: "Cấp huyện",
  communeLevel: "Cấp xã",
  notReceived: "Chưa tiếp nhận",
  late: "Chậm xử lý",
  statedDelta: "Tăng/giảm",
  rank: "Xếp hạng",
  rankOf: "Số tỉnh, thành phố",
  delta: "Tăng/giảm",
  period: "Kỳ báo cáo",
  province: "Tỉnh, thành phố",
};

/** A field name as the clerk reads it: "Tổng số", "OVERDUE_IN_PROGRESS (tử số)", "So với kỳ trước (total)". */
export function columnLabel(column: string): string {
  if (COLUMN_LABELS[column]) return COLUMN_LABELS[column];
  const m = /^(indicators|groups)\.([A-Z_]+)(?:\.(\w+))?$/.exec(column);
  if (m) {
    const part = { numerator: "tử số", denominator: "mẫu số", rate: "tỷ lệ", points: "điểm" }[m[3] ?? ""] ?? "";
    return `${m[2]}${part ? ` (${part})` : ""}`;
  }
  if (column.startsWith("statedDeltas.")) return `So với kỳ trước (${column.slice(13)})`;
  return column;
}

/** "Phụ lục 3, dòng 22 (UBND quận Tây Hồ)" / "Phụ lục 2 tháng trước, dòng 4". */
export function where(location: IssueLocation, unitName?: string): string {
  let text = DATASET_LABELS[location.dataset];
  if (location.period === "previous") text += " (kỳ trước)";
  if (location.row !== undefined) text += `, dòng ${location.row}`;
  if (unitName) text += ` (${unitName})`;
  return text;
}

/** What every stage of a build returns: its value, and the issues it found (stages never throw). */
export interface Staged<T> {
  readonly value: T;
  readonly issues: readonly Issue[];
}

/** A row's location with the column an issue is about. */
export function at(ref: RowRef, column?: string): IssueLocation {
  return column === undefined ? ref : { ...ref, column };
}

export function issue(
  severity: Severity,
  code: IssueCode,
  location: IssueLocation,
  message: string,
  details?: Record<string, unknown>,
): Issue {
  return { severity, code, message, location, ...(details ? { details } : {}) };
}

/**
 * Errors first, then warnings, then notes; within a severity, by appendix, period and row, then by the
 * column's place in the printed table (`columnRank`, as the clerk reads the row), so the order does
 * not depend on which stage found an issue.
 */
export function sortIssues(issues: readonly Issue[], columnRank: (location: IssueLocation) => number = () => 0): Issue[] {
  const sev: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const ds: Record<DatasetName, number> = { input: 0, letter: 1, summary: 2, unitScores: 3, overdueDossiers: 4, overduePetitions: 5 };
  return issues
    .map((x, i) => ({ x, i, c: columnRank(x.location) }))
    .sort(
      (a, b) =>
        sev[a.x.severity] - sev[b.x.severity] ||
        ds[a.x.location.dataset] - ds[b.x.location.dataset] ||
        (a.x.location.period === "previous" ? 1 : 0) - (b.x.location.period === "previous" ? 1 : 0) ||
        (a.x.location.row ?? 0) - (b.x.location.row ?? 0) ||
        a.c - b.c ||
        a.i - b.i,
    )
    .map((e) => e.x);
}
