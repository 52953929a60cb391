/**
 * The recorded Phú Thọ month (08/2026, test/fixtures/portal-2026) as the add-in's input tables hold it
 * after “Lấy dữ liệu từ Cổng DVCQG” — units, their indicators, the province's Phụ lục 1 — in a recording
 * fake workbook, with controller dependencies whose Worker answers from the same month (the catalog the
 * portal gives, the recorded national summary): for the plan-sheet and “Mô phỏng” tests and `npm run render`.
 */
import type { Deps, StatusKind } from "../../addin/app/controller";
import { DEFAULT_SETTINGS } from "../../addin/app/settings";
import { readInputTables } from "../../addin/excel/read-inputs";
import { writeReport } from "../../addin/excel/write-report";
import { indicatorTableRows, inputSheet, tableRows } from "../../addin/sheets/inputs";
import { buildReport, type Issue, methodologyFor, rankNational, type Report, type ReportInput, summaryLayoutFor, summaryRowsFromInput } from "../../shared";
import { type NationalBody, NationalBodySchema } from "../../shared/api-responses";
import { NATIONAL_AUGUST, PORTAL_CATALOG, PORTAL_MONTH, PORTAL_ROWS } from "../shared/plan-fixture";
import { fakeContext } from "./fake-excel";
import { portWith, simulationPort } from "./fake-port";

export const M2026 = methodologyFor("2026-08-01");
export const PT_SETTINGS = { ...DEFAULT_SETTINGS, province: "PT", period: "2026-08", workerUrl: "https://w" };

/** The month's input tables as the portal fetch fills them — units by the portal's names (units limited to the first `units` when given). */
export function ptTables(month: ReportInput = PORTAL_MONTH, units?: number): Record<"unitScores" | "indicators" | "summary", (string | number)[][]> {
  const names = new Map(PORTAL_ROWS.map((r) => [r.departmentId, r.name]));
  const rows = (month.unitScores ?? []).slice(0, units).map((u) => ({ ...u, unit: names.get(u.unit) ?? u.unit }));
  return {
    unitScores: tableRows(inputSheet("unitScores"), rows as unknown as Record<string, unknown>[]),
    indicators: indicatorTableRows(rows, M2026),
    summary: month.summary ? summaryRowsFromInput(month.summary, summaryLayoutFor(M2026), M2026.groups) : [],
  };
}

/** A fresh fake workbook holding those tables. */
export function ptWorkbook(units?: number): ReturnType<typeof fakeContext> {
  const ctx = fakeContext();
  const tables = ptTables(PORTAL_MONTH, units);
  for (const id of ["summary", "unitScores", "indicators"] as const) {
    const def = inputSheet(id);
    ctx.seedTable(def.sheetName, def.tableName, "A2", def.columns.map((c) => c.header), tables[id]);
  }
  return ctx;
}

/** The recorded national summary as GET /v1/national/periods/2026-08 answers it. */
export function nationalBody(): NationalBody {
  const ranked = rankNational(NATIONAL_AUGUST, null);
  return NationalBodySchema.parse(JSON.parse(JSON.stringify({ period: "2026-08", revision: 1, etag: '"n1"', fetchedAt: "2026-09-02T08:00:00.000Z", countryTotal: null, previous: null, denominator: ranked.value?.denominator ?? null, entries: ranked.value?.entries ?? [], issues: ranked.issues })));
}

export interface Seen {
  readonly statuses: [string, StatusKind][];
  issues: { message: string; cell: string | null }[];
  readonly steps: string[];
}

/**
 * Controller dependencies on a fake workbook: the Worker builds as POST /v1/reports does (with the
 * portal's catalog, no plan), answers the catalog and, unless `offline`, the national summary.
 */
export function ptDeps(ctx: ReturnType<typeof fakeContext>, options: { offline?: boolean; workerUrl?: string } = {}): { deps: Deps; seen: Seen } {
  const seen: Seen = { statuses: [], issues: [], steps: [] };
  const port = portWith({
    read: () => readInputTables(ctx),
    write: (report, read, national = null, trends = null, sources = []) => writeReport(ctx, report, { pageLayout: true }, read, undefined, national, trends, sources),
    simulation: simulationPort(ctx),
  });
  const offline = () => Promise.reject(new Error("offline"));
  const deps: Deps = {
    ui: {
      progress: (step) => void seen.steps.push(step),
      status: (text, kind) => void seen.statuses.push([text, kind]),
      issues: (list: readonly Issue[], cell) => void (seen.issues = list.map((i) => ({ message: i.message, cell: cell(i) }))),
      preview: () => undefined,
    },
    excel: port,
    settings: () => ({ ...PT_SETTINGS, workerUrl: options.workerUrl ?? PT_SETTINGS.workerUrl }),
    // The Worker builds from what it is sent with the province's catalog, as POST /v1/reports does (no plan option).
    api: async (input) => JSON.parse(JSON.stringify(buildReport(input, { catalog: PORTAL_CATALOG }))) as Report,
    portal: offline,
    catalog: async () => PORTAL_CATALOG,
    national: options.offline ? offline : async () => nationalBody(),
    now: () => new Date("2026-09-05T03:32:00Z"),
  };
  return { deps, seen };
}
