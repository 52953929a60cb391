/**
 * The improvement plan in the add-in: when "Nhập - Chỉ tiêu" gives the units' indicators, "Lập phụ lục"
 * builds with `plan: true` (shared/plan/), so the workbook gets "Kế hoạch cải thiện" and the draft its
 * remedial paragraphs. The Worker's POST /v1/reports takes no plan option: when it built the report, the
 * plan and the paragraphs come from the add-in's own engine on the same input (the same engine, so the
 * same figures). A province without a built-in catalog (every one but Hà Nội) needs the Worker's
 * (GET /v1/catalog/units) for the local engine to know its units: the plan and "Mô phỏng" ask for it.
 */
import type { TargetJson, TargetsBody } from "../../shared/api-responses";
import { CATALOGS, type Catalog, type Report, type ReportInput, type Target } from "../../shared";
import { UnreachableError } from "../api/client";

/** Whether the input has per-indicator figures for some unit (what a plan is made from). */
export function hasIndicators(input: ReportInput): boolean {
  return (input.unitScores ?? []).some((u) => u.indicators !== undefined && Object.keys(u.indicators).length > 0);
}

/** The catalog option of a local build: none needed (built in), the Worker's, or why there is none. */
export type LocalCatalog = { readonly ok: true; readonly catalog?: Catalog } | { readonly ok: false; readonly why: string };

/**
 * The catalog the local engine resolves the province's units with: built in, else the Worker's at `date`
 * (the period's end). Never throws: without a server, or when it cannot answer, says why.
 */
export async function localCatalog(fetchCatalog: ((date: string) => Promise<Catalog>) | undefined, workerUrl: string, province: string, date: string): Promise<LocalCatalog> {
  if (CATALOGS[province]) return { ok: true };
  if (!fetchCatalog || !workerUrl.trim()) return { ok: false, why: "tỉnh này chưa có danh mục đơn vị trong máy và chưa đặt địa chỉ máy chủ để lấy danh mục" };
  try {
    const catalog = await fetchCatalog(date);
    return catalog.units.length ? { ok: true, catalog } : { ok: false, why: "máy chủ chưa có danh mục đơn vị của tỉnh (bấm “Lấy dữ liệu từ Cổng DVCQG” một lần)" };
  } catch (err) {
    return { ok: false, why: `không lấy được danh mục đơn vị từ máy chủ (${err instanceof Error ? err.message.replace(/\.$/, "") : String(err)})` };
  }
}

/**
 * The province's targets for the plan: its own list as the Worker stores it (PUT …/targets; overrides
 * of the built-in targets by id, and additions), with a note for the status line when it says something
 * the clerk should know. `targets` null: the built-in targets (no server, nothing stored, or the Worker
 * could not answer — then the note says so, unless it is unreachable, which the build's engine line says).
 */
export interface ProvinceTargets {
  readonly targets: readonly Target[] | null;
  readonly note: string | null;
}

export async function provinceTargets(fetchTargets: ((period: string) => Promise<TargetsBody>) | undefined, workerUrl: string, period: string): Promise<ProvinceTargets> {
  if (!fetchTargets || !workerUrl.trim()) return { targets: null, note: null };
  try {
    const body = await fetchTargets(period);
    if (body.version === 0 || body.overrides.length === 0) return { targets: null, note: null };
    return { targets: body.overrides.map(targetFromJson), note: `Kế hoạch cải thiện theo chỉ tiêu của tỉnh trên máy chủ (phiên bản ${body.version}).` };
  } catch (err) {
    if (err instanceof UnreachableError) return { targets: null, note: null };
    const why = err instanceof Error ? err.message.replace(/\.$/, "") : String(err);
    return { targets: null, note: `Không lấy được chỉ tiêu của tỉnh từ máy chủ (${why}): Kế hoạch cải thiện theo chỉ tiêu có sẵn.` };
  }
}

/** A target as the API gives it (absent fields as null) → as the engine takes it. */
export function targetFromJson(t: TargetJson): Target {
  return {
    id: t.id,
    ...(t.indicator !== null ? { indicator: t.indicator } : {}),
    nameVi: t.nameVi,
    minRatePercent: t.minRatePercent,
    effectiveFrom: t.effectiveFrom,
    ...(t.effectiveTo !== null ? { effectiveTo: t.effectiveTo } : {}),
    source: t.source,
    kind: t.kind,
  };
}

/**
 * The Worker's report with the plan and remedial paragraphs of the local build of the same input (the
 * paragraphs come last in the sentences, as the engine puts them). A report that has its own plan is
 * kept as it is.
 */
export function withLocalPlan(report: Report, local: Report): Report {
  if (report.plan || !local.plan) return report;
  const remedial = local.narrative.remedial ?? [];
  return { ...report, plan: local.plan, narrative: { ...report.narrative, remedial, sentences: [...report.narrative.sentences, ...remedial] } };
}
