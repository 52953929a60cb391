/**
 * The scoring rules as versioned data (766-methodology.md §3–4 and 766-methodology.json).
 *
 * Rules change; code paths do not. A period is scored with the newest version whose `effectiveFrom`
 * is on or before the period's first day. Every rule is `points = round2(max × min(1, rate / threshold))`
 * with a per-indicator zero-denominator policy.
 *
 * **Group totals** are the plain sum of the indicators' points, each rounded half away from zero to
 * 2 decimals *before* the sum, so a recomputed group equals the portal's to the hundredth. How each
 * indicator is computed before that rounding (`rule.arithmetic`) follows the portal's own services,
 * found on its recorded 2026 answers for Phú Thọ (month 08 and year 2026):
 *
 * - the indicators published per metric (transparency, satisfaction, digitisation) and progress are
 *   scored on the **exact ratio** numerator / denominator: all 1,792 published metric scores and every
 *   group total are reproduced, e.g. 2 × (6/40) / 0.8 = 0.375 → 0.38 (a float computation gives
 *   0.37499999… → 0.37 and misses Hy Cương's and Lương Sơn's payment totals);
 * - the three **online-payment** indicators (3.5, 3.5b, 3.6) round the rate to 2 decimals in percent
 *   first and compute (max × rate) / threshold in binary floating point, rounded on that binary value:
 *   this reproduces all 328 recorded unit totals of "Thanh toán trực tuyến" (month and year); the exact
 *   ratio misses 4 (e.g. Chân Mộng: 1437/1541 = 93.25% → 6 × 93.25 / 100 = 5.595, which the portal
 *   holds as 5.59499999… and prints 5.59, so 0.50 + 1.13 + 5.59 = 7.22).
 */
import type { GroupCode, GroupDef, IndicatorDef, IndicatorRule, Methodology, ZeroDenominatorPolicy } from "../model";

/** The portal's six groups (the decision's "Cung cấp dịch vụ trực tuyến" 22 split into 12 + 10). */
export const PORTAL_GROUPS: readonly GroupDef[] = [
  { code: "CKMB", nameVi: "Công khai, minh bạch", maxPoints: 18 },
  { code: "TDGQ", nameVi: "Tiến độ giải quyết", maxPoints: 20 },
  { code: "CLGQ", nameVi: "Dịch vụ công trực tuyến", maxPoints: 12 },
  { code: "TTTT", nameVi: "Thanh toán trực tuyến", maxPoints: 10 },
  { code: "MDHL", nameVi: "Mức độ hài lòng", maxPoints: 18 },
  { code: "MDSH", nameVi: "Số hóa hồ sơ", maxPoints: 22 },
];

export const GROUP_CODES: readonly GroupCode[] = PORTAL_GROUPS.map((g) => g.code);

const linear = (threshold = 1): IndicatorRule => ({ type: "linear", threshold });
/** The online-payment service's arithmetic: rate rounded to 2 decimals first, then binary floating point. */
const payment = (threshold = 1): IndicatorRule => ({ type: "linear", threshold, arithmetic: "rounded-rate" });
const display: IndicatorRule = { type: "display" };

type Row = [
  code: string,
  group: GroupCode,
  number: string,
  nameVi: string,
  maxPoints: number,
  rule: IndicatorRule,
  zeroDenominator: ZeroDenominatorPolicy,
  confidence: IndicatorDef["confidence"],
];

/** The 2026 per-metric rules, each reproduced against the portal's recorded answers (Phú Thọ, 08/2026). */
const RULES_2026: readonly Row[] = [
  ["PUBLISH_ON_TIME", "CKMB", "1.1", "Tỷ lệ TTHC công bố đúng hạn", 6, linear(), "none", "confirmed-data"],
  ["PUBLIC_UPDATE_ON_TIME", "CKMB", "1.2", "Tỷ lệ TTHC được cập nhật, công khai đúng hạn", 4, linear(), "none", "confirmed-data"],
  ["PUBLIC_CONTENT_FULL", "CKMB", "1.3", "Tỷ lệ TTHC công khai đầy đủ các bộ phận tạo thành", 2, linear(), "none", "confirmed-data"],
  ["DOSSIER_SYNC", "CKMB", "1.4", "Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia", 6, linear(), "none", "confirmed-data"],
  ["PROGRESS_ON_TIME", "TDGQ", "2.1", "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn", 20, linear(), "zero", "confirmed-data"],
  ["AVG_PROCESSING_TIME", "TDGQ", "2.2", "Thời gian giải quyết TTHC trung bình", 0, display, "none", "inferred"],
  ["ONLINE_TTHC_PROVIDED", "CLGQ", "3.1", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến", 2, linear(0.8), "zero", "inferred"],
  ["ONLINE_SERVICE_WITH_DOSSIERS", "CLGQ", "3.2", "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ", 4, linear(), "zero", "inferred"],
  ["ONLINE_SUBMISSION", "CLGQ", "3.3", "Tỷ lệ hồ sơ nộp trực tuyến", 6, linear(0.5), "zero", "inferred"],
  ["ONLINE_ON_TIME", "CLGQ", "3.4", "Tỷ lệ hồ sơ trực tuyến xử lý đúng hạn", 0, display, "none", "inferred"],
  ["PAY_PROVISION", "TTTT", "3.5", "Tỷ lệ TTHC có nghĩa vụ tài chính được cung cấp thanh toán trực tuyến", 2, payment(0.8), "zero", "inferred"],
  ["PAY_FORMALITIES", "TTTT", "3.5b", "Tỷ lệ TTHC có giao dịch thanh toán trực tuyến", 2, payment(0.8), "zero", "inferred"],
  ["PAY_DOSSIERS", "TTTT", "3.6", "Tỷ lệ hồ sơ thanh toán trực tuyến", 6, payment(), "zero", "inferred"],
  ["ORIGINAL_RESULT_AVAILABLE", "MDSH", "4.1", "Tỷ lệ hồ sơ có cấp kết quả giải quyết TTHC điện tử", 6, linear(), "none", "confirmed-data"],
  ["SO_HOA_GIAY_TO_GIAI_QUYET", "MDSH", "4.2", "Tỷ lệ hồ sơ thực hiện số hóa hồ sơ", 4, linear(), "none", "confirmed-data"],
  ["REUSED_DIGITIZED_DATA", "MDSH", "4.3", "Tỷ lệ hồ sơ khai thác, sử dụng lại thông tin, dữ liệu số hóa", 2, linear(0.8), "none", "confirmed-data"],
  ["SYNCED_WITH_DVCQG_PERSONAL_STORAGE", "MDSH", "4.4", "Tỷ lệ hồ sơ số hóa có kết nối, chia sẻ dữ liệu phục vụ tái sử dụng", 4, linear(), "none", "inferred"],
  ["CITIZEN_DATA_CONNECTED_FORMALITY", "MDSH", "4.5a", "Tỷ lệ TTHC triển khai kết nối, chia sẻ dữ liệu dân cư", 2, linear(), "none", "confirmed-data"],
  ["CITIZEN_DATA_CONNECTED_DOSSIER", "MDSH", "4.5b", "Tỷ lệ hồ sơ TTHC có sử dụng thông tin, dữ liệu dân cư", 2, linear(), "none", "confirmed-data"],
  ["ELECTRONIC_CERTIFIED_COPY", "MDSH", "4.6", "Tỷ lệ cung cấp dịch vụ chứng thực bản sao điện tử", 2, { type: "fixed", points: 2 }, "none", "confirmed-data"],
  ["PETITION_CLASSIFICATION_TTHC", "MDHL", "5.1a", "Tỷ lệ PAKN về quy định, thủ tục hành chính", 0, display, "none", "confirmed-data"],
  ["PETITION_CLASSIFICATION_STAFF", "MDHL", "5.1b", "Tỷ lệ PAKN về hành vi cán bộ, công chức, viên chức", 0, display, "none", "confirmed-data"],
  ["PETITION_PROCESSING_ON_TIME", "MDHL", "5.2", "Tỷ lệ PAKN xử lý đúng hạn", 6, linear(), "full", "confirmed-data"],
  ["PETITION_HANDLING_SATISFACTION", "MDHL", "5.3", "Tỷ lệ hài lòng trong xử lý PAKN", 6, linear(), "full", "confirmed-data"],
  ["DOSSIER_RECEIVING_SATISFACTION", "MDHL", "5.4", "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC", 6, linear(0.9), "zero", "confirmed-data"],
];

function toDefs(rows: readonly Row[], confidence?: IndicatorDef["confidence"]): IndicatorDef[] {
  return rows.map(([code, group, number, nameVi, maxPoints, rule, zeroDenominator, c]) => ({
    code,
    group,
    number,
    nameVi,
    maxPoints,
    rule,
    zeroDenominator,
    confidence: confidence ?? c,
  }));
}

export const METHODOLOGIES: readonly Methodology[] = [
  {
    id: "portal-2024",
    nameVi: "Cổng DVCQG 2024–2025: 6 nhóm chỉ số (18/20/12/10/18/22)",
    effectiveFrom: "2024-01-01",
    groups: PORTAL_GROUPS,
    // The 2024 per-indicator weights are not published; the group structure is confirmed, the
    // indicator rules are the 2026 ones marked "inferred", so a mismatch is a warning, not an error.
    indicators: toDefs(RULES_2026, "inferred"),
    componentDecimals: 2,
    note: "Cấu trúc 6 nhóm đã xác nhận; quy tắc từng chỉ tiêu suy từ năm 2026 (chưa có văn bản).",
  },
  {
    id: "portal-2026",
    nameVi: "Cổng DVCQG 2026: điểm từng chỉ tiêu theo API báo cáo",
    effectiveFrom: "2026-01-01",
    groups: PORTAL_GROUPS,
    indicators: toDefs(RULES_2026),
    componentDecimals: 2,
    note:
      "Tính lại khớp đến hàng phần trăm với điểm Cổng DVCQG công bố (Phú Thọ, tháng 8/2026 và năm 2026): điểm nhóm là tổng điểm các chỉ tiêu đã làm tròn 2 chữ số (nửa lên); nhóm Thanh toán trực tuyến làm tròn tỷ lệ % đến 2 chữ số trước khi tính điểm, như Cổng.",
  },
];

/** The version in force on `date` (ISO); the oldest one for earlier dates. */
export function methodologyFor(date: string, versions: readonly Methodology[] = METHODOLOGIES): Methodology {
  const sorted = [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  let chosen = sorted[0];
  for (const m of sorted) if (m.effectiveFrom <= date) chosen = m;
  if (!chosen) throw new Error("no methodology defined");
  return chosen;
}

export function methodologyById(id: string, versions: readonly Methodology[] = METHODOLOGIES): Methodology | undefined {
  return versions.find((m) => m.id === id);
}

/**
 * The indicator a clerk names, by its code ("PUBLISH_ON_TIME") or its number in the methodology ("1.1",
 * "3.5b"), either case, surrounding spaces ignored; undefined when the methodology has none such.
 */
export function findIndicator(m: Methodology, text: string): IndicatorDef | undefined {
  const wanted = text.trim().toUpperCase();
  if (!wanted) return undefined;
  return m.indicators.find((d) => d.code === wanted) ?? m.indicators.find((d) => d.number.toUpperCase() === wanted);
}

/** The newest methodology (the one the formulas of the add-in's custom functions score with). */
export function latestMethodology(versions: readonly Methodology[] = METHODOLOGIES): Methodology {
  const newest = [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
  if (!newest) throw new Error("no methodology defined");
  return newest;
}

export function groupDef(m: Methodology, code: GroupCode): GroupDef {
  const g = m.groups.find((x) => x.code === code);
  if (!g) throw new Error(`group ${code} missing from ${m.id}`);
  return g;
}

export function scoredIndicators(m: Methodology, group: GroupCode): IndicatorDef[] {
  return m.indicators.filter((i) => i.group === group && i.rule.type !== "display");
}
