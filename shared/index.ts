/**
 * chiso766's domain engine: pure functions and plain data, shared by the Worker and the add-in.
 * Nothing here does I/O, touches the DOM or uses Workers globals (shared/tsconfig.json enforces it).
 */
export * from "./model";
export * from "./rounding";
export * from "./vn-number";
export * from "./vn-text";
export * from "./period";
export * from "./methodology";
export * from "./scoring";
export * from "./catalog";
export { CATALOGS, HA_NOI } from "./catalogs";
export * from "./issues";
export * from "./rank";
export * from "./compare";
export * from "./table";
export * from "./summary-layout";
export * from "./appendices";
export * from "./narrative";
export * from "./letter-text";
export * from "./summary-table";
export * from "./portal-2026";
export * from "./portal-766";
export { buildReport, type BuildOptions, type Ranking, type RankingEntry, type Report } from "./report";
export type { ParsedIndicator, ParsedPeriod, ParsedSummary, ParsedUnitScore, ParsedOverdueDossier, ParsedOverduePetition } from "./parse-input";
