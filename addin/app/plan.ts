/**
 * The improvement plan in the add-in: when "Nhập - Chỉ tiêu" gives the units' indicators, "Lập phụ lục"
 * builds with `plan: true` (shared/plan/), so the workbook gets "Kế hoạch cải thiện" and the draft its
 * remedial paragraphs. The Worker's POST /v1/reports takes no plan option: when it built the report, the
 * plan and the paragraphs come from the add-in's own engine on the same input (the same engine, so the
 * same figures). A province without a built-in catalog (every one but Hà Nội) needs the Worker's
 * (GET /v1/catalog/units) for the local engine to know its units: the plan and "Mô phỏng" ask for it.
 */
import { CATALOGS, type Catalog, type Report, type ReportInput } from "../../shared";

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
 * The Worker's report with the plan and remedial paragraphs of the local build of the same input (the
 * paragraphs come last in the sentences, as the engine puts them). A report that has its own plan is
 * kept as it is.
 */
export function withLocalPlan(report: Report, local: Report): Report {
  if (report.plan || !local.plan) return report;
  const remedial = local.narrative.remedial ?? [];
  return { ...report, plan: local.plan, narrative: { ...report.narrative, remedial, sentences: [...report.narrative.sentences, ...remedial] } };
}
