/**
 * A complete fetch → what is stored and answered: the body of the new revision (checked against the
 * PUT contract by the route), the catalog to keep for a province without a built-in one, and the rows
 * as the add-in's input tables take them. Built from the raw answers (as kept in the fetch log), so a
 * cached fetch maps exactly like a fresh one.
 */
import {
  type Catalog,
  CATALOGS,
  catalogFromLegacy,
  catalogFromPortal,
  type GroupCode,
  type IndicatorInput,
  mapPortal2026,
  methodologyFor,
  parseLegacy766,
  type Period,
  periodStart,
  type Portal2026Criterion,
  portalRowToSummary,
  portalRowToUnitScore,
  summaryLayoutFor,
  summaryRowsFromInput,
} from "../../shared";
import { type MonthFetch, mergePages } from "./client";

export interface PortalDatasets {
  /** The candidate body of a PUT. */
  readonly body: Record<string, unknown>;
  /** The catalog to record in the revision's batch; `replace: false` records it only when none is stored. */
  readonly catalog: { readonly catalog: Catalog; readonly replace: boolean } | null;
  /** The unit rows (name as the portal writes it, group points, each indicator's figures where the answer has them) and Phụ lục 1's input rows. */
  readonly inputs: {
    readonly unitScores: { unit: string; groups: Partial<Record<GroupCode, number | null>>; indicators?: Record<string, IndicatorInput> }[];
    readonly summary: (string | number)[][];
  };
}

/** The six criteria of the 2026 reporting API (pages joined). */
export function datasetsFrom2026(month: MonthFetch<string>, province: string, provinceName: string, period: Period, now: string): PortalDatasets {
  const answers = Object.fromEntries(month.results.map((r) => [r.criterion, mergePages(r.raw)])) as Record<Portal2026Criterion, unknown>;
  const rows = mapPortal2026(answers);
  const builtIn = CATALOGS[province];
  const headRow = rows.find((r) => r.isProvince);
  const units = rows.filter((r) => !r.isProvince);
  const m = methodologyFor(periodStart(period));
  return {
    body: {
      dataTimestamp: now,
      ...(headRow ? { summary: portalRowToSummary(headRow) } : {}),
      // A province with a built-in catalog resolves the portal's names against it; one without gets the
      // portal's own units as its catalog, keyed by departmentId.
      unitScores: units.map((r) => portalRowToUnitScore(r, builtIn ? r.name : r.departmentId)),
      note: `Lấy từ Cổng DVCQG lúc ${now}`,
    },
    catalog: builtIn ? null : { catalog: catalogFromPortal(rows, province, provinceName), replace: true },
    // The portal prints no grand total (the engine sums the groups); the province row becomes Phụ lục 1's
    // input rows in the period's layout.
    inputs: {
      // The add-in's "Nhập - Chỉ tiêu" takes each unit's indicators (numerator, denominator, published points).
      unitScores: units.map((r) => ({ unit: r.name, groups: r.groups, indicators: r.indicators })),
      summary: headRow ? summaryRowsFromInput(portalRowToSummary(headRow), summaryLayoutFor(m), m.groups) : [],
    },
  };
}

/**
 * The older service's one answer: every unit's total and six group points. Units are kept by the name
 * the portal writes, so a month stays readable whichever catalog the province has later: the built-in
 * one, or the one the 2026 API's answers give (which replaces this one, never the other way round).
 * The province's own row is not in the list, so Phụ lục 1 stays to be typed or pasted.
 */
export function datasetsFromLegacy(month: MonthFetch<string>, province: string, provinceName: string, now: string): PortalDatasets {
  const raw = month.results[0]?.raw ?? [];
  const { rows } = parseLegacy766(raw[raw.length - 1]);
  const units = rows.filter((r) => r.type !== "province");
  return {
    body: {
      dataTimestamp: now,
      unitScores: units.map((r) => ({ unit: r.name, total: r.total, groups: r.groups })),
      note: `Lấy từ Cổng DVCQG (dịch vụ cũ report_tinh_766_service) lúc ${now}`,
    },
    catalog: CATALOGS[province] ? null : { catalog: catalogFromLegacy(rows, province, provinceName), replace: false },
    inputs: { unitScores: units.map((r) => ({ unit: r.name, groups: r.groups })), summary: [] },
  };
}
