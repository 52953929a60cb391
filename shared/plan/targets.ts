/**
 * Targets as versioned data: the rates units are asked to reach, each with the dates it applies and the
 * document that set it. Two kinds:
 *
 * - **thresholds** of the methodology in force ("threshold"): the rate at which an indicator earns its
 *   maximum (100% for most, 80% for 3.1, 3.5, 3.5b and 4.3, 50% for 3.3, 90% for 5.4 — 766-methodology.md);
 * - **plan targets** ("plan") that the province's letters and reports set (the seeds): Văn bản số
 *   2562/UBND-KSTTHC (online payment ≥ 55%, online submission ≥ 60%, digitised dossiers and electronic
 *   results 100%) and the report on Nghị quyết số 20/NQ-HĐND (satisfaction ≥ 90%, on time ≥ 99%).
 *
 * A province overrides a built-in target by giving one with the same id (the Worker's /targets
 * validates what it is given), or adds its own with a new id. {@link targetsFor} picks the ones in force.
 */
import type { Methodology, Target } from "../model";
import { METHODOLOGIES } from "../rules/methodology";
import { roundHalfAwayFromZero } from "../rounding";

export type { Target } from "../model";

/** The seeds' letters, as their targets cite them. */
export const TARGET_SOURCES = {
  HN_2562:
    "Văn bản số 2562/UBND-KSTTHC của UBND thành phố Hà Nội về tập trung đẩy mạnh và công khai Bộ chỉ số phục vụ người dân, doanh nghiệp tới tháng 7/2024 (các chỉ tiêu phải đạt trong năm 2024 theo Kế hoạch của UBND Thành phố)",
  HN_NQ20:
    "Báo cáo kết quả thực hiện Nghị quyết số 20/NQ-HĐND ngày 06/7/2023 của HĐND thành phố Hà Nội (kỳ họp cuối năm 2024)",
  QD_766: "Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ; công thức tính của Cổng Dịch vụ công quốc gia",
} as const;

/** The targets the seeds set (Hà Nội, 2024), in force until a province replaces them. */
export const PLAN_TARGETS: readonly Target[] = [
  { id: "HN-2562.PAY_DOSSIERS", indicator: "PAY_DOSSIERS", nameVi: "Tỷ lệ thanh toán trực tuyến trên tổng số giao dịch thanh toán đạt tối thiểu 55%", minRatePercent: 55, effectiveFrom: "2024-01-01", source: TARGET_SOURCES.HN_2562, kind: "plan" },
  { id: "HN-2562.ONLINE_SUBMISSION", indicator: "ONLINE_SUBMISSION", nameVi: "Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận và giải quyết đạt tối thiểu 60%", minRatePercent: 60, effectiveFrom: "2024-01-01", source: TARGET_SOURCES.HN_2562, kind: "plan" },
  { id: "HN-2562.SO_HOA_GIAY_TO_GIAI_QUYET", indicator: "SO_HOA_GIAY_TO_GIAI_QUYET", nameVi: "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 100%", minRatePercent: 100, effectiveFrom: "2024-01-01", source: TARGET_SOURCES.HN_2562, kind: "plan" },
  { id: "HN-2562.ORIGINAL_RESULT_AVAILABLE", indicator: "ORIGINAL_RESULT_AVAILABLE", nameVi: "Tỷ lệ cấp kết quả giải quyết thủ tục hành chính bản điện tử đạt 100%", minRatePercent: 100, effectiveFrom: "2024-01-01", source: TARGET_SOURCES.HN_2562, kind: "plan" },
  { id: "HN-NQ20.DOSSIER_RECEIVING_SATISFACTION", indicator: "DOSSIER_RECEIVING_SATISFACTION", nameVi: "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết thủ tục hành chính đạt tối thiểu 90%", minRatePercent: 90, effectiveFrom: "2024-01-01", source: TARGET_SOURCES.HN_NQ20, kind: "plan" },
  { id: "HN-NQ20.PROGRESS_ON_TIME", indicator: "PROGRESS_ON_TIME", nameVi: "Tỷ lệ giải quyết hồ sơ thủ tục hành chính đúng và trước hạn đạt tối thiểu 99%", minRatePercent: 99, effectiveFrom: "2024-01-01", source: TARGET_SOURCES.HN_NQ20, kind: "plan" },
];

/** A threshold as a percent (0.8 → 80), without binary residue. */
export function thresholdPercent(threshold: number): number {
  return roundHalfAwayFromZero(threshold * 100, 6);
}

/**
 * Each linear indicator's full-points threshold as a target ("766.PAY_DOSSIERS"), in force from the
 * methodology's `effectiveFrom` until `until` (the next version's, exclusive).
 */
export function thresholdTargets(m: Methodology, until?: string): Target[] {
  return m.indicators.flatMap((d) => {
    if (d.rule.type !== "linear" || d.maxPoints <= 0) return [];
    const percent = thresholdPercent(d.rule.threshold);
    return [
      {
        id: `766.${d.code}`,
        indicator: d.code,
        nameVi: `${d.nameVi} đạt ${percent}% (đủ ${d.maxPoints} điểm)`,
        minRatePercent: percent,
        effectiveFrom: m.effectiveFrom,
        ...(until ? { effectiveTo: until } : {}),
        source: `${TARGET_SOURCES.QD_766} (${m.nameVi})`,
        kind: "threshold" as const,
      },
    ];
  });
}

/** Every methodology version's thresholds, each version until the next one begins. */
function allThresholdTargets(versions: readonly Methodology[]): Target[] {
  const sorted = [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  return sorted.flatMap((m, i) => thresholdTargets(m, sorted[i + 1]?.effectiveFrom));
}

/** The built-in targets: the plan targets of the seeds, then every methodology version's thresholds. */
export const TARGETS: readonly Target[] = [...PLAN_TARGETS, ...allThresholdTargets(METHODOLOGIES)];

/** Whether a target applies on `date` (ISO): effectiveFrom ≤ date < effectiveTo. */
export function targetInForce(t: Target, date: string): boolean {
  return t.effectiveFrom <= date && (t.effectiveTo === undefined || date < t.effectiveTo);
}

/**
 * The targets in force on `date` (ISO; a build uses its period's first day, as for the methodology):
 * the built-in ones, where every version of an id a province override names is replaced by the
 * override's versions, plus the overrides' new ids. One target per id (the latest `effectiveFrom`
 * wins), plan targets first, then thresholds, each in the order given.
 */
export function targetsFor(date: string, overrides: readonly Target[] = [], builtIn: readonly Target[] = TARGETS): Target[] {
  const overridden = new Set(overrides.map((t) => t.id));
  const merged = [...builtIn.filter((t) => !overridden.has(t.id)), ...overrides];
  const chosen = new Map<string, Target>();
  for (const t of merged) {
    if (!targetInForce(t, date)) continue;
    const known = chosen.get(t.id);
    if (!known || known.effectiveFrom <= t.effectiveFrom) chosen.set(t.id, t);
  }
  const list = [...chosen.values()];
  return [...list.filter((t) => t.kind !== "threshold"), ...list.filter((t) => t.kind === "threshold")];
}
