/**
 * The rows of Phụ lục 1 ("Biểu tổng hợp kết quả chung") as data.
 *
 * The 2024 layout mirrors seed 000 row for row. For methodologies without a letter of their own the
 * layout is generated: each group, then each of its indicators. Rows whose key is not a methodology
 * code are display items the portal shows next to the scored ones (overdue dossiers in progress, DVC
 * một phần / toàn trình, queries of the personal data store).
 */
import type { GroupCode, Methodology } from "../model";
import type { ValueKind } from "../text/vn-number";

export type SummaryRowShow =
  /** The province's total ("62.3 điểm"). */
  | "total"
  /** A group's points of its maximum ("10.4/18 điểm"). */
  | "group"
  /** An item: its count and/or rate ("242.300 (70.87%)", "87.5%", "26.258 hồ sơ"). */
  | "item"
  /** The complement of another item: denominator − numerator, 100 − rate ("99.613 (29.13%)"). */
  | "rest";

export interface SummaryRow {
  /** "total", a group code, an indicator or display-item code, or "<code>:rest". */
  readonly key: string;
  /** STT as printed: "1", "2.1", "" for a sub-row without number. */
  readonly number: string;
  readonly label: string;
  readonly show: SummaryRowShow;
  /** For "rest" rows: the item(s) the remainder is taken from (all share one denominator). */
  readonly restOf?: readonly string[];
  /** Print the count (numerator) before the rate. */
  readonly showCount?: boolean;
  /** "hồ sơ", "TTHC" after the count. */
  readonly unitWord?: string;
  /** The kind of the "So với tháng trước" figure, when the row has one. */
  readonly deltaKind?: ValueKind;
  readonly bold?: boolean;
}

/** Display items that are not methodology indicators, with the kind of their figure. */
export const SUMMARY_DISPLAY_ITEMS: Record<string, { nameVi: string; kind: "count" | "rate" }> = {
  OVERDUE_IN_PROGRESS: { nameVi: "Tổng số hồ sơ quá hạn đang xử lý", kind: "count" },
  ONLINE_PARTIAL: { nameVi: "DVC một phần", kind: "rate" },
  ONLINE_FULL: { nameVi: "DVC toàn trình", kind: "rate" },
  PERSONAL_STORAGE_QUERIES: { nameVi: "Số lượt truy vấn, khai thác tài liệu từ kho dữ liệu cá nhân", kind: "count" },
};

const g = (key: GroupCode, number: string, label: string): SummaryRow => ({ key, number, label, show: "group", deltaKind: "points", bold: true });

/** Seed 000, Phụ lục 1 (Hà Nội, 12/2024). */
export const SUMMARY_LAYOUT_2024: readonly SummaryRow[] = [
  { key: "total", number: "1", label: "Tổng hợp", show: "total", deltaKind: "points", bold: true },
  g("CKMB", "2", "Công khai, minh bạch"),
  { key: "PUBLIC_CONTENT_FULL", number: "2.1", label: "Công khai đầy đủ bộ phận", show: "item", deltaKind: "percent" },
  { key: "DOSSIER_SYNC", number: "2.2", label: "Tỷ lệ đồng bộ hồ sơ", show: "item", showCount: true, deltaKind: "percent" },
  { key: "DOSSIER_SYNC:rest", number: "2.3", label: "Tỷ lệ hồ sơ chưa đồng bộ", show: "rest", restOf: ["DOSSIER_SYNC"], showCount: true },
  g("TDGQ", "3", "Tiến độ giải quyết"),
  { key: "OVERDUE_IN_PROGRESS", number: "3.1", label: "Tổng số hồ sơ quá hạn đang xử lý", show: "item", showCount: true, unitWord: "hồ sơ", deltaKind: "count" },
  { key: "PROGRESS_ON_TIME", number: "3.2", label: "Đúng hạn/Trong hạn", show: "item", deltaKind: "percent" },
  { key: "PROGRESS_ON_TIME:rest", number: "3.3", label: "Quá hạn", show: "rest", restOf: ["PROGRESS_ON_TIME"] },
  g("CLGQ", "4", "Dịch vụ công trực tuyến"),
  { key: "ONLINE_PARTIAL", number: "4.1", label: "DVC một phần", show: "item", showCount: true, unitWord: "TTHC", deltaKind: "percent" },
  { key: "ONLINE_FULL", number: "4.2", label: "DVC toàn trình", show: "item", showCount: true, unitWord: "TTHC", deltaKind: "percent" },
  { key: "ONLINE_PARTIAL:rest", number: "", label: "Còn lại", show: "rest", restOf: ["ONLINE_PARTIAL", "ONLINE_FULL"], showCount: true, unitWord: "TTHC" },
  { key: "ONLINE_SUBMISSION", number: "4.3", label: "Tỷ lệ nộp hồ sơ trực tuyến", show: "item", deltaKind: "percent" },
  { key: "ONLINE_SUBMISSION:rest", number: "4.4", label: "Tỷ lệ hồ sơ nộp trực tiếp và hình thức khác", show: "rest", restOf: ["ONLINE_SUBMISSION"] },
  { key: "ONLINE_ON_TIME", number: "4.5", label: "Tỷ lệ kết quả xử lý hồ sơ nộp trực tuyến xử lý đúng hạn", show: "item", deltaKind: "percent" },
  { key: "ONLINE_ON_TIME:rest", number: "4.6", label: "Tỷ lệ kết quả xử lý hồ sơ nộp trực tuyến xử lý quá hạn", show: "rest", restOf: ["ONLINE_ON_TIME"] },
  g("TTTT", "5", "Thanh toán trực tuyến"),
  { key: "PAY_FORMALITIES", number: "5.1", label: "Tỷ lệ TTHC có giao dịch thanh toán trực tuyến", show: "item", showCount: true, deltaKind: "percent" },
  { key: "PAY_FORMALITIES:rest", number: "5.2", label: "Thanh toán trực tiếp/hình thức khác", show: "rest", restOf: ["PAY_FORMALITIES"], showCount: true },
  { key: "PAY_PROVISION", number: "5.3", label: "Tỷ lệ TTHC có nghĩa vụ tài chính được cung cấp trên Cổng dịch vụ công quốc gia", show: "item", showCount: true, deltaKind: "percent" },
  { key: "PAY_DOSSIERS", number: "5.4", label: "Tỷ lệ hồ sơ thanh toán trực tuyến", show: "item", showCount: true, deltaKind: "percent" },
  { key: "PAY_DOSSIERS:rest", number: "5.5", label: "Tỷ lệ hồ sơ thanh toán trực tiếp và hình thức khác", show: "rest", restOf: ["PAY_DOSSIERS"], showCount: true },
  g("MDHL", "6", "Mức độ hài lòng"),
  { key: "PETITION_HANDLING_SATISFACTION", number: "6.1", label: "Tỷ lệ hài lòng trong xử lý PAKN", show: "item", deltaKind: "percent" },
  { key: "DOSSIER_RECEIVING_SATISFACTION", number: "6.2", label: "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC", show: "item", deltaKind: "percent" },
  g("MDSH", "7", "Số hóa hồ sơ"),
  { key: "ORIGINAL_RESULT_AVAILABLE", number: "7.1", label: "Tỷ lệ hồ sơ cấp kết quả điện tử", show: "item", deltaKind: "percent" },
  { key: "SO_HOA_GIAY_TO_GIAI_QUYET", number: "7.2", label: "Tỷ lệ hồ sơ TTHC số hóa hồ sơ, kết quả giải quyết", show: "item", deltaKind: "percent" },
  { key: "REUSED_DIGITIZED_DATA", number: "7.3", label: "Tỷ lệ khai thác, sử dụng lại thông tin dữ liệu số hóa", show: "item", showCount: true, unitWord: "hồ sơ", deltaKind: "percent" },
  { key: "PERSONAL_STORAGE_QUERIES", number: "7.4", label: "Số lượt truy vấn, khai thác tài liệu từ kho dữ liệu cá nhân", show: "item", showCount: true, deltaKind: "count" },
];

/** Layout for a methodology: the seed's for the 2024 portal, generated otherwise. */
export function summaryLayoutFor(m: Methodology): readonly SummaryRow[] {
  if (m.id === "portal-2024") return SUMMARY_LAYOUT_2024;
  const rows: SummaryRow[] = [{ key: "total", number: "1", label: "Tổng hợp", show: "total", deltaKind: "points", bold: true }];
  m.groups.forEach((group, gi) => {
    const n = String(gi + 2);
    rows.push(g(group.code, n, group.nameVi));
    m.indicators
      .filter((i) => i.group === group.code)
      .forEach((i, ii) => rows.push({ key: i.code, number: `${n}.${ii + 1}`, label: i.nameVi, show: "item", showCount: true, deltaKind: "percent" }));
  });
  return rows;
}

/** The kind of a Phụ lục 1 row's delta figure, for reading what the letter stated. */
export function summaryDeltaKind(layout: readonly SummaryRow[], key: string): ValueKind {
  return layout.find((r) => r.key === key)?.deltaKind ?? (key === "total" || key.length === 4 ? "points" : "percent");
}
