/** The recorded portal month (Phú Thọ, 08/2026) as the plan and what-if tests read it. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { PORTAL_2026_CRITERIA, catalogFromPortal, nationalInput, portalReportInput, readNationalSummary, type NationalSummaryInput, type Portal2026Criterion } from "../../shared";

const dir = path.join(import.meta.dirname, "../fixtures/portal-2026");
const answers = Object.fromEntries(PORTAL_2026_CRITERIA.map((c) => [c, JSON.parse(readFileSync(path.join(dir, c, "month-all.json"), "utf8"))])) as Record<Portal2026Criterion, unknown>;
export const { input: PORTAL_MONTH, rows: PORTAL_ROWS } = portalReportInput(answers, "PT", "2026-08");
export const PORTAL_CATALOG = catalogFromPortal(PORTAL_ROWS, "PT", "Tỉnh Phú Thọ");
export const PORTAL_OPTIONS = { catalog: PORTAL_CATALOG, rankLevel: "commune" as const };

const national = readNationalSummary(JSON.parse(readFileSync(path.join(import.meta.dirname, "../fixtures/national-2026/month-2026-08.json"), "utf8")));
if (!national.value) throw new Error(`national fixture: ${national.problems.join("; ")}`);
/** The recorded national summary of 08/2026 (Phú Thọ is H44). */
export const NATIONAL_AUGUST: NationalSummaryInput = nationalInput(national.value, "2026-08");
