/**
 * The one entry point: `buildReport(input, options)` → `{appendices, issues, ranking, narrative}`.
 *
 * A build is eight pure stages (the plan only when asked for), called once and in order, each returning its value and its own issues:
 *
 *   prepare  input/context.ts   the province's catalog, the methodology in force, the previous period
 *   1 read   input/read.ts      cells → parsed rows, names → units; each row carries its RowRef
 *   2 check  checks/check.ts    ranges, sums, duplicates (first row wins), missing units, portal flags
 *   3 score  rules/score.ts     points by the methodology's rules; published figures it contradicts
 *   4 rank   rank/rank.ts       competition ranks (1224) of units, order of Phụ lục 3 and 4
 *   5 compare compare/compare.ts against the previous period; stated deltas and the letter's figures
 *   6 plan    plan/plan.ts       opt-in (BuildOptions.plan): points within reach, cheapest gains, targets
 *   7 lay out layout/appendices.ts Phụ lục 1–4 as table models
 *   8 narrate narrate/narrative.ts the letter's sentences
 *
 * No stage imports a later one. It never throws on bad data: whatever cannot be used is an issue, and
 * the rest is still built.
 */
import { check } from "./checks/check";
import { compare, type Ranking } from "./compare/compare";
import { prepare, type BuildContext, type BuildOptions } from "./input/context";
import { read } from "./input/read";
import { sortIssues } from "./issues";
import { layOut } from "./layout/appendices";
import type { AppendixTable } from "./layout/table";
import type { Catalog, Issue, IssueLocation, ReportInput } from "./model";
import { narrate, type Narrative } from "./narrate/narrative";
import { parsePeriod, periodKey } from "./period";
import { plan, type PlanDatasets } from "./plan/plan";
import { rank } from "./rank/rank";
import { score } from "./rules/score";

export interface Report {
  readonly province: { readonly id: string; readonly name: string };
  readonly period: string | null;
  readonly previousPeriod: string | null;
  readonly methodology: { readonly id: string; readonly nameVi: string } | null;
  readonly dataTimestamp: string | null;
  readonly appendices: readonly AppendixTable[];
  readonly issues: readonly Issue[];
  readonly ranking: Ranking;
  readonly narrative: Narrative;
  /** The improvement plan, when BuildOptions.plan asked for it (plan/plan.ts). */
  readonly plan?: PlanDatasets;
  readonly counts: { readonly errors: number; readonly warnings: number; readonly infos: number };
}

export function buildReport(input: ReportInput, options: BuildOptions = {}): Report {
  const prepared = prepare(input, options);
  const ctx = prepared.value;
  if (!ctx) return emptyReport(input, options.catalog, prepared.issues);
  const parsed = read(input, ctx);
  const checked = check(parsed.value, ctx);
  const scored = score(checked.value, ctx);
  const ranked = rank(checked.value, scored.value, ctx);
  const compared = compare(ranked.value, checked.value, scored.value, ctx);
  const planned = ctx.plan ? plan(checked.value, ranked.value, ctx, ctx.plan, scored.value) : null;
  const appendices = layOut(ranked.value, compared.value, checked.value.current.summary, ctx);
  const story = narrate(checked.value, ranked.value, compared.value, ctx, planned?.value ?? null);

  const issues = sortIssues([...prepared.issues, ...parsed.issues, ...checked.issues, ...scored.issues, ...ranked.issues, ...compared.issues, ...(planned?.issues ?? [])], columnRank(ctx));
  return {
    province: { id: ctx.catalog.id, name: ctx.catalog.provinceName },
    period: periodKey(ctx.current.period),
    previousPeriod: ctx.previous ? periodKey(ctx.previous.period) : null,
    methodology: { id: ctx.current.methodology.id, nameVi: ctx.current.methodology.nameVi },
    dataTimestamp: checked.value.current.dataTimestamp,
    appendices,
    issues,
    ranking: compared.value.ranking,
    narrative: story,
    ...(planned ? { plan: planned.value } : {}),
    counts: countIssues(issues),
  };
}

/**
 * A column's place in the printed table, for ordering the issues of one row: Phụ lục 1 by its rows
 * (a row's figure before its "so với" delta), unit rows as their tables print them.
 */
function columnRank(ctx: BuildContext): (location: IssueLocation) => number {
  const layoutIndex = new Map(ctx.current.layout.map((r, i) => [r.key, i]));
  const indicatorIndex = new Map(ctx.current.methodology.indicators.map((d, i) => [d.code, i]));
  const groupIndex = new Map(ctx.current.methodology.groups.map((g, i) => [g.code as string, i]));
  const UNIT_COLUMNS: Record<string, number> = { unit: 0, total: 1, districtLevel: 2, communeLevel: 3, notReceived: 2, late: 3, statedDelta: 1000, delta: 1001 };
  return ({ dataset, column }) => {
    if (column === undefined) return -1;
    const [head = "", key = ""] = column.split(".");
    if (dataset === "summary") {
      const row = head === "total" ? layoutIndex.get("total") : head === "groups" || head === "indicators" || head === "statedDeltas" ? layoutIndex.get(key) : undefined;
      return row === undefined ? 10_000 : 2 * row + (head === "statedDeltas" ? 1 : 0);
    }
    if (head === "groups") return 10 + (groupIndex.get(key) ?? 0);
    if (head === "indicators") return 100 + (indicatorIndex.get(key) ?? 0);
    return UNIT_COLUMNS[head] ?? 10_000;
  };
}

const EMPTY_NARRATIVE: Narrative = { headline: null, overdueLeader: null, weakestGroups: null, timestamp: null, sentences: [] };

/** A report with nothing but the reason it could not be built (unknown province, bad period). */
function emptyReport(input: ReportInput, catalog: Catalog | undefined, found: readonly Issue[]): Report {
  const provinceId = typeof input?.province === "string" ? input.province : "";
  const issues = sortIssues(found);
  let period: string | null = null;
  try {
    const p = typeof input?.period === "string" || (typeof input?.period === "object" && input.period !== null) ? parsePeriod(input.period) : null;
    period = p ? periodKey(p) : null;
  } catch {
    period = null;
  }
  return {
    province: { id: catalog?.id ?? provinceId, name: catalog?.provinceName ?? provinceId },
    period,
    previousPeriod: null,
    methodology: null,
    dataTimestamp: null,
    appendices: [],
    issues,
    ranking: { level: "district", entries: [], otherLevels: [] },
    narrative: EMPTY_NARRATIVE,
    counts: countIssues(issues),
  };
}

function countIssues(issues: readonly Issue[]) {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const i of issues) {
    if (i.severity === "error") errors++;
    else if (i.severity === "warning") warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
