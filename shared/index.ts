/**
 * chiso766's domain engine: pure functions and plain data, shared by the Worker and the add-in.
 * Nothing here does I/O, touches the DOM or uses Workers globals (shared/tsconfig.json enforces it).
 */
export * from "./model";
export * from "./rounding";
export * from "./text/vn-number";
export * from "./text/vn-text";
export * from "./period";
export * from "./rules/methodology";
export * from "./rules/score";
export * from "./catalog/resolve";
export { CATALOGS, HA_NOI } from "./catalog";
export * from "./issues";
export * from "./rank/competition";
export * from "./compare/deltas";
export * from "./layout/table";
export * from "./rules/summary-rows";
export * from "./layout/appendices";
export * from "./narrate/narrative";
export * from "./input/letter-text";
export * from "./input/summary-table";
export * from "./portal/portal-2026";
export * from "./portal/portal-766";
export { buildReport, type BuildOptions, type Ranking, type RankingEntry, type Report } from "./report";
export type { ParsedIndicator, ParsedPeriod, ParsedSummary, ParsedUnitScore, ParsedOverdueDossier, ParsedOverduePetition } from "./input/read";
