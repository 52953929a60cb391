/**
 * chiso766's domain engine: pure functions and plain data, shared by the Worker and the add-in.
 * Nothing here does I/O, touches the DOM or uses Workers globals (shared/tsconfig.json enforces it).
 * Outside shared/, import from this module (or from `shared/api-schema.ts`, the HTTP contract, and
 * `shared/letter/docx.ts`, the Word writer) only.
 *
 * Foundations: model (types), rounding (the one rounding policy), period, issues, text (Vietnamese
 * numbers and names), catalog (units and name resolution; the 34 provinces), rules (methodologies, points).
 * The build (report.ts): prepare → read → check → score → rank → compare → plan (opt-in) → lay out → narrate.
 * What to fix (plan/): targets as versioned data, points within reach per unit, what-if.
 * Output: xlsx (a SpreadsheetML writer: the Worker's workbook.xlsx of a report, layout/workbook.ts).
 * After the build: letter (a report and a province's LetterSettings → the whole draft letter, letter/letter.ts;
 * as a Word .docx through the `docx` library, letter/docx.ts, imported from there).
 * National: national/ranking.ts (the provinces of the country ranked, rank level; the headline's "xếp hạng N/34").
 * Adapters: portal (the portal's answers → report input), input readers of printed tables and letters.
 */
export * from "./model";
export * from "./rounding";
export * from "./period";
export * from "./issues";
export * from "./text/vn-number";
export * from "./text/vn-text";
export * from "./text/a1";
export * from "./catalog/resolve";
export { CATALOGS, HA_NOI } from "./catalog";
export * from "./catalog/provinces";
export * from "./rules/methodology";
export * from "./rules/summary-rows";
export { indicatorPoints, rateOf, scoreUnit, scoreUnitWith, type GroupScore, type IndicatorScore, type IndicatorSink, type ParsedIndicator, type PointsBasis, type UnitScoring } from "./rules/points";
export type { BuildContext, BuildOptions, LetterRef, PeriodFrame, PlanRequest, ProvinceTotalPoint } from "./input/context";
export type { ParsedLetter, ParsedOverdueDossier, ParsedOverduePetition, ParsedPeriod, ParsedRow, ParsedSummary, ParsedUnitScore } from "./input/read";
export * from "./input/summary-table";
export * from "./input/letter-text";
export { competitionRank, type Ranked, type RankOptions } from "./rank/competition";
export * from "./national/ranking";
export * from "./compare/deltas";
export { summaryItemFigures, type ComparedDatasets, type Ranking, type RankingEntry, type Succession } from "./compare/compare";
export * from "./compare/history";
export * from "./compare/trends";
export * from "./plan/targets";
export * from "./plan/reach";
export { CHEAPEST_GAINS, SHORTFALL_NAMED, plan, unitPlanOf, type PlanDatasets, type PlanOptions, type ShortfallUnit, type TargetShortfall } from "./plan/plan";
export { complianceCell, type ComplianceCell, type ComplianceStatus, type UnitPlan } from "./plan/unit-plan";
export * from "./plan/what-if";
export * from "./layout/table";
export { deltaCell } from "./layout/appendices";
export * from "./layout/sheet-plan";
export * from "./layout/national-sheet";
export * from "./layout/trend-sheet";
export * from "./layout/plan-sheet";
export * from "./layout/page-fit";
export * from "./layout/workbook";
export * from "./xlsx/table";
export { writeXlsx, type CellRange, type CellStyle, type SheetCell, type SheetSpec, type WorkbookSpec } from "./xlsx/spreadsheet";
export * from "./narrate/narrative";
export * from "./portal/portal-2026";
export * from "./portal/portal-766";
export * from "./portal/national-2026";
export { buildReport, type Report } from "./report";
export * from "./letter/settings";
export * from "./letter/defaults";
export * from "./letter/letter";
// letter/docx.ts (letterDocx, the Word writer) is imported from its own module: re-exported here, the `docx`
// library (≈ 50 KiB gzip) would ride in both add-in bundles, which never write a .docx.
