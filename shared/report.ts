/**
 * The one entry point: `buildReport(input, options)` → `{appendices, issues, ranking, narrative}`.
 *
 * Order of work: pick the catalog (units valid at the end of the period) and the methodology (in force
 * at its start); read every dataset of this and the previous period; validate; score and rank;
 * compare with the previous period unit by unit; build Phụ lục 1–4 and the letter's sentences.
 * It never throws on bad data: whatever cannot be used is an issue, and the rest is still built.
 */
import { buildPhuLuc1, buildPhuLuc2, buildPhuLuc3, buildPhuLuc4, summaryItemFigures, type LetterRef, type OverdueRow, type PetitionRow, type TitleContext } from "./layout/appendices";
import { collationOrdinals, createResolver, unitsOfLevel, type Resolver } from "./catalog/resolve";
import { CATALOGS } from "./catalog";
import { compareWithPrevious, comparisonText, difference, type CurrentFigure, type PreviousFigure, type UnitComparison } from "./compare/deltas";
import { ISSUE_CODES, issue, sortIssues, where } from "./issues";
import { METHODOLOGIES, methodologyById, methodologyFor } from "./rules/methodology";
import type { Catalog, GroupCode, Issue, Methodology, Period, ReportInput, Unit, UnitLevel } from "./model";
import { headlineSentence, narrative, overdueLeaderSentence, timestampSentence, weakestGroupsSentence, type Narrative } from "./narrate/narrative";
import { parseLetter, parsePeriodDatasets, type ParsedPeriod, type ParsedSummary, type ParsedUnitScore } from "./input/read";
import { parsePeriod, periodEnd, periodKey, periodLabel, periodStart, previousPeriod, samePeriod } from "./period";
import { competitionRank, type TieOrder } from "./rank/competition";
import { decimalsOf, halfUnit, pointsTolerance } from "./rounding";
import type { UnitScoring } from "./rules/score";
import { summaryLayoutFor, type SummaryRow } from "./rules/summary-rows";
import type { AppendixTable } from "./layout/table";
import { overdueTotalOf, validateMissingUnits, validateOverdueDossiers, validateOverduePetitions, validateOverdueTotal, validateSummary, validateUnitScores } from "./checks/check";
import { formatDelta, formatPoints, type ValueKind } from "./text/vn-number";

export interface BuildOptions {
  /** Use this catalog instead of the built-in one for `input.province`. */
  readonly catalog?: Catalog;
  /** Units outside the catalog (a commune publishing its own row). */
  readonly extraUnits?: readonly Unit[];
  /** Force a methodology version by id (default: the one in force at the period's start). */
  readonly methodologyId?: string;
  readonly methodologies?: readonly Methodology[];
  /** Which level Phụ lục 2 ranks (default: districts before the reform date, communes after). */
  readonly rankLevel?: UnitLevel;
  /** Display order among ties (default: Vietnamese collation). */
  readonly tieOrder?: TieOrder;
  /** Per appendix override of the tie order (seed 000's Phụ lục 4 keeps the source order). */
  readonly tieOrderByAppendix?: Partial<Record<"PL2" | "PL3" | "PL4", TieOrder>>;
  /** The letter the appendices are attached to. */
  readonly letter?: LetterRef;
  /** Decimals of points in Phụ lục 1 (seed 000: 1, "10.4/18 điểm"). */
  readonly summaryPointDecimals?: number;
}

export interface RankingEntry {
  /** Unit id, or "?" + the folded name for a unit the catalog does not know. */
  readonly key: string;
  readonly rank: number | null;
  readonly position: number;
  readonly unitId: string | null;
  readonly name: string;
  readonly level: UnitLevel | null;
  readonly total: number | null;
  readonly totalSource: UnitScoring["effectiveTotalSource"];
  readonly previousTotal: number | null;
  readonly delta: number | null;
  readonly deltaText: string;
  readonly status: UnitComparison["status"];
  readonly sourceRow: number;
}

export interface Ranking {
  /** The level Phụ lục 2 ranks. */
  readonly level: UnitLevel;
  readonly entries: readonly RankingEntry[];
  /** Rankings of the other levels present in the data (e.g. sở, ban, ngành). */
  readonly otherLevels: readonly { readonly level: UnitLevel; readonly entries: readonly RankingEntry[] }[];
}

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
  readonly counts: { readonly errors: number; readonly warnings: number; readonly infos: number };
}

const EMPTY_NARRATIVE: Narrative = { headline: null, overdueLeader: null, weakestGroups: null, timestamp: null, sentences: [] };

export function buildReport(input: ReportInput, options: BuildOptions = {}): Report {
  const issues: Issue[] = [];
  const provinceId = typeof input?.province === "string" ? input.province : "";
  const catalog = options.catalog ?? CATALOGS[provinceId];
  const period = input?.period === undefined ? null : parsePeriodSafe(input.period);
  if (!catalog) {
    issues.push(issue("error", ISSUE_CODES.UNKNOWN_PROVINCE, { dataset: "input", column: "province" }, `Chưa có danh mục đơn vị cho tỉnh, thành phố "${provinceId}".`, { province: provinceId, known: Object.keys(CATALOGS) }));
  }
  if (!period) {
    issues.push(issue("error", ISSUE_CODES.BAD_PERIOD, { dataset: "input", column: "period" }, `Kỳ báo cáo "${String(input?.period ?? "")}" không hợp lệ (cần dạng 2024-12, 2025-Q1 hoặc 2025).`));
  }
  if (!catalog || !period) return emptyReport(provinceId, catalog, period, issues);

  const methodologies = options.methodologies ?? METHODOLOGIES;
  const methodology = (options.methodologyId ? methodologyById(options.methodologyId, methodologies) : undefined) ?? methodologyFor(periodStart(period), methodologies);
  const layout = summaryLayoutFor(methodology);
  const date = periodEnd(period);
  const resolver = createResolver(catalog, date, options.extraUnits ?? []);
  const current = parsePeriodDatasets(input, resolver, "current", issues, methodology, layout);

  let previous: ParsedPeriod | null = null;
  let prevPeriod: Period | null = null;
  let prevResolver: Resolver | null = null;
  if (input.previous) {
    prevPeriod = parsePeriodSafe(input.previous.period);
    const expected = previousPeriod(period);
    if (!prevPeriod) {
      issues.push(issue("error", ISSUE_CODES.BAD_PERIOD, { dataset: "input", period: "previous", column: "period" }, `Kỳ trước "${String(input.previous.period)}" không hợp lệ; bỏ qua số liệu kỳ trước.`));
    } else {
      if (!samePeriod(prevPeriod, expected)) {
        issues.push(
          issue("warning", ISSUE_CODES.PREVIOUS_PERIOD_MISMATCH, { dataset: "input", period: "previous", column: "period" }, `Số liệu kỳ trước là ${periodLabel(prevPeriod)}, không phải ${periodLabel(expected)}; mức tăng/giảm được tính so với ${periodLabel(prevPeriod)}.`),
        );
      }
      prevResolver = createResolver(catalog, periodEnd(prevPeriod), options.extraUnits ?? []);
      const prevM = methodologyFor(periodStart(prevPeriod), methodologies);
      previous = parsePeriodDatasets(input.previous, prevResolver, "previous", issues, prevM, summaryLayoutFor(prevM));
    }
  }
  const prevMethodology = prevPeriod ? methodologyFor(periodStart(prevPeriod), methodologies) : methodology;

  // Validation of both periods.
  const scorings = validateUnitScores(methodology, current.unitScores, "current", issues);
  const prevScorings = previous ? validateUnitScores(prevMethodology, previous.unitScores, "previous", issues) : new Map<string, UnitScoring>();
  if (current.summary) validateSummary(methodology, current.summary, "current", issues);
  if (previous?.summary) validateSummary(prevMethodology, previous.summary, "previous", issues);
  validateOverdueDossiers(current.overdueDossiers, "current", issues);
  validateOverduePetitions(current.overduePetitions, "current", issues);
  if (previous) {
    validateOverdueDossiers(previous.overdueDossiers, "previous", issues);
    validateOverduePetitions(previous.overduePetitions, "previous", issues);
  }
  validateOverdueTotal(current.summary, current.overdueDossiers, issues);

  const ctx: TitleContext = { period, previousPeriod: prevPeriod, letter: options.letter ?? {}, catalog };
  // Default: the level the letters rank — districts before a catalog's reform date, communes after;
  // a catalog without a reform (as the portal gives one) ranks districts only if it has any.
  const rankLevel: UnitLevel =
    options.rankLevel ??
    (catalog.reformDate ? (date >= catalog.reformDate ? "commune" : "district") : catalog.units.some((u) => u.level === "district") ? "district" : "commune");
  const tieFor = (id: "PL2" | "PL3" | "PL4") => options.tieOrderByAppendix?.[id] ?? options.tieOrder ?? "collation";
  const ordinals = collationOrdinals(catalog);

  // Phụ lục 2: rank, compare, check stated deltas.
  const ranked = rankUnitScores(current.unitScores, scorings, previous, prevScorings, rankLevel, tieFor("PL2"), ordinals, true, issues);
  validateMissingUnits(unitsOfLevel(catalog, date, rankLevel), current.unitScores.filter((r) => r.unit?.level === rankLevel), issues);
  const otherLevels = (["department", "district", "commune", "province"] as const)
    .filter((lvl) => lvl !== rankLevel && current.unitScores.some((r) => r.unit?.level === lvl))
    .map((lvl) => ({ level: lvl as UnitLevel, entries: rankUnitScores(current.unitScores, scorings, previous, prevScorings, lvl, tieFor("PL2"), ordinals, false, []).entries }));
  const pl2Notes = successionNotes(ranked.entries, ranked.gone, resolver, prevResolver, issues);

  // Phụ lục 1: the province's figures against last period's.
  const summaryComparisons = compareSummary(layout, current.summary, previous?.summary ?? null);
  checkSummaryStatedDeltas(layout, current.summary, summaryComparisons, issues);
  const letter = parseLetter(input.letter, issues, resolver, methodology, layout);
  checkLetter(letter, current.summary, summaryComparisons.get("total"), prevPeriod, issues);

  const appendices: AppendixTable[] = [
    buildPhuLuc1({ ctx, methodology, layout, summary: current.summary, comparisons: summaryComparisons, pointDecimals: options.summaryPointDecimals ?? (methodology.id === "portal-2024" ? 1 : 2) }),
    buildPhuLuc2(
      ctx,
      rankLevel,
      ranked.entries,
      pl2Notes,
    ),
    buildPhuLuc3(ctx, overdueRows(current, tieFor("PL3"), ordinals), []),
    buildPhuLuc4(ctx, petitionRows(current, tieFor("PL4"), ordinals), []),
  ];

  // The letter's sentences.
  const totalCmp = summaryComparisons.get("total");
  const headline = headlineSentence({
    catalog,
    period,
    previousPeriod: prevPeriod,
    total: current.summary?.total ?? letter?.total ?? null,
    delta: totalCmp?.status === "same" ? totalCmp.delta : null,
    rank: current.summary?.rank ?? letter?.rank ?? null,
    rankOf: current.summary?.rankOf ?? letter?.rankOf ?? null,
  });
  const overdue = appendices[2]?.rows[0];
  const leaderCount = overdue ? (overdue.cells[2]?.value as number | null) : null;
  const sumOverdue = current.overdueDossiers.reduce((t, r) => t + overdueTotalOf(r), 0);
  const provinceOverdue = current.summary?.indicators["OVERDUE_IN_PROGRESS"]?.numerator ?? sumOverdue;
  const story = narrative({
    headline,
    overdueLeader:
      overdue && leaderCount !== null
        ? overdueLeaderSentence({ catalog, leaderName: String(overdue.cells[1]?.text ?? ""), leaderCount, provinceTotal: provinceOverdue })
        : null,
    weakestGroups: current.summary ? weakestGroupsSentence(methodology.groups.map((def) => ({ def, points: current.summary?.groups[def.code] ?? null }))) : null,
    timestamp: timestampSentence(current.dataTimestamp),
  });

  const sorted = sortIssues(issues);
  return {
    province: { id: catalog.id, name: catalog.provinceName },
    period: periodKey(period),
    previousPeriod: prevPeriod ? periodKey(prevPeriod) : null,
    methodology: { id: methodology.id, nameVi: methodology.nameVi },
    dataTimestamp: current.dataTimestamp,
    appendices,
    issues: sorted,
    ranking: { level: rankLevel, entries: ranked.entries, otherLevels },
    narrative: story,
    counts: countIssues(sorted),
  };
}

function parsePeriodSafe(p: unknown): Period | null {
  if (typeof p !== "string" && (typeof p !== "object" || p === null)) return null;
  try {
    return parsePeriod(p as string | Period);
  } catch {
    return null;
  }
}

function emptyReport(provinceId: string, catalog: Catalog | undefined, period: Period | null, issues: Issue[]): Report {
  const sorted = sortIssues(issues);
  return {
    province: { id: catalog?.id ?? provinceId, name: catalog?.provinceName ?? provinceId },
    period: period ? periodKey(period) : null,
    previousPeriod: null,
    methodology: null,
    dataTimestamp: null,
    appendices: [],
    issues: sorted,
    ranking: { level: "district", entries: [], otherLevels: [] },
    narrative: EMPTY_NARRATIVE,
    counts: countIssues(sorted),
  };
}

function countIssues(issues: readonly Issue[]) {
  return {
    errors: issues.filter((i) => i.severity === "error").length,
    warnings: issues.filter((i) => i.severity === "warning").length,
    infos: issues.filter((i) => i.severity === "info").length,
  };
}


function rankUnitScores(
  rows: readonly ParsedUnitScore[],
  scorings: ReadonlyMap<string, UnitScoring>,
  previous: ParsedPeriod | null,
  prevScorings: ReadonlyMap<string, UnitScoring>,
  level: UnitLevel,
  tieOrder: TieOrder,
  ordinals: ReadonlyMap<string, number>,
  includeUnresolved: boolean,
  issues: Issue[],
): { entries: RankingEntry[]; comparisons: ReadonlyMap<string, UnitComparison>; gone: readonly PreviousFigure[] } {
  // Unresolved units stay in the main ranking (flagged already) so that no row of the clerk's is lost.
  const mine = dedupeByKey(rows.filter((r) => (r.unit ? r.unit.level === level : includeUnresolved)));
  // One look-up per unit, then arrays aligned with `mine`.
  const scoringOf = mine.map((r) => scorings.get(r.key));
  const totals = scoringOf.map((s) => s?.effectiveTotal ?? null);
  const current: CurrentFigure[] = mine.map((r, i) => ({ key: r.key, unit: r.unit, value: totals[i] ?? null }));
  const prevRows = previous ? previous.unitScores.filter((r) => (r.unit ? comparableLevel(r.unit.level, level) : includeUnresolved)) : null;
  const prevFigures: PreviousFigure[] | null = prevRows
    ? dedupeByKey(prevRows).map((r) => ({ key: r.key, name: r.displayName, value: prevScorings.get(r.key)?.effectiveTotal ?? null }))
    : null;
  const comparison = compareWithPrevious(current, prevFigures, "points");
  const ranked = competitionRank(mine, (_r, i) => totals[i] ?? null, (r) => r.displayName, { tieOrder, ordinals });
  const entries = ranked.map<RankingEntry>(({ item: r, rank, position, index }) => {
    const c = comparison.list[index];
    if (r.statedDelta !== null) checkStatedDelta(r, c, issues);
    return {
      key: r.key,
      rank,
      position,
      unitId: r.unit?.id ?? null,
      name: r.displayName,
      level: r.unit?.level ?? null,
      total: totals[index] ?? null,
      totalSource: scoringOf[index]?.effectiveTotalSource ?? "none",
      previousTotal: c?.previous ?? null,
      delta: c?.delta ?? null,
      deltaText: comparisonText(c, "points"),
      status: c?.status ?? "no-previous",
      sourceRow: r.row,
    };
  });
  return { entries, comparisons: comparison.byKey, gone: comparison.gone };
}

/** Last period's units that this level's ranking compares with: the same level, and across the
 * two-level reform the former districts for the new communes (so they show as gone, not missing). */
function comparableLevel(previousLevel: UnitLevel, level: UnitLevel): boolean {
  return previousLevel === level || (level === "commune" && previousLevel === "district");
}

function dedupeByKey<T extends { key: string }>(rows: readonly T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.key) ? false : (seen.add(r.key), true)));
}

function checkStatedDelta(r: ParsedUnitScore, c: UnitComparison | undefined, issues: Issue[]): void {
  const stated = r.statedDelta;
  if (stated === null) return;
  const l = { dataset: "unitScores" as const, period: "current" as const, row: r.row, column: "statedDelta", unit: r.key };
  if (!c || c.status === "no-previous") return;
  if (c.status !== "same" || c.delta === null) {
    issues.push(
      issue("warning", ISSUE_CODES.DELTA_MISMATCH, l, `${where(l, r.displayName)}: ghi "${formatDelta(stated, "points")}" nhưng kỳ trước không có số liệu của đơn vị này (${comparisonText(c, "points")}).`, {
        stated,
        computed: null,
      }),
    );
    return;
  }
  const gap = Math.abs(stated - c.delta);
  if (gap > 0.005 + 1e-9 && gap > pointsTolerance(stated) + 1e-9) {
    issues.push(
      issue("error", ISSUE_CODES.DELTA_MISMATCH, l, `${where(l, r.displayName)}: ghi "${formatDelta(stated, "points")}" nhưng ${formatPoints(c.previous ?? 0)} → ${formatPoints(r.total ?? 0)} là "${formatDelta(c.delta, "points")}".`, {
        stated,
        computed: c.delta,
      }),
    );
  }
}

function successionNotes(entries: readonly RankingEntry[], gone: readonly PreviousFigure[], resolver: Resolver, prevResolver: Resolver | null, issues: Issue[]): string[] {
  const notes: string[] = [];
  const newOnes = entries.filter((e) => e.status === "new");
  const merged = entries.filter((e) => e.status === "merged");
  if (merged.length) {
    for (const e of merged) {
      const unit = e.unitId ? resolver.byId(e.unitId) : undefined;
      const from = (unit?.predecessors ?? []).map((id) => prevResolver?.byId(id)?.name ?? id);
      notes.push(`${e.name}: hợp nhất từ ${from.join(", ")}; không so sánh điểm với kỳ trước.`);
    }
    issues.push(issue("info", ISSUE_CODES.UNIT_MERGED, { dataset: "unitScores", column: "delta" }, `${merged.length} đơn vị mới hình thành do hợp nhất: ${merged.map((e) => e.name).join(", ")}; không tính mức tăng/giảm.`));
  }
  if (newOnes.length) {
    const withNote = newOnes.map((e) => {
      const note = e.unitId ? resolver.byId(e.unitId)?.successionNote : undefined;
      return note ? `${e.name} (${note})` : e.name;
    });
    if (newOnes.length <= 10) notes.push(`Đơn vị mới so với kỳ trước: ${withNote.join(", ")}.`);
    else notes.push(`${newOnes.length} đơn vị mới so với kỳ trước (sau sắp xếp đơn vị hành chính); không tính mức tăng/giảm.`);
    issues.push(issue("info", ISSUE_CODES.UNIT_NEW, { dataset: "unitScores", column: "delta" }, `${newOnes.length} đơn vị không có số liệu kỳ trước (ghi "Mới"): ${newOnes.slice(0, 10).map((e) => e.name).join(", ")}${newOnes.length > 10 ? ", …" : ""}.`));
  }
  if (gone.length) {
    notes.push(`Đơn vị của kỳ trước không còn trong kỳ này: ${gone.slice(0, 10).map((g) => g.name).join(", ")}${gone.length > 10 ? ` và ${gone.length - 10} đơn vị khác` : ""}.`);
    issues.push(issue("info", ISSUE_CODES.UNIT_GONE, { dataset: "unitScores", period: "previous", column: "unit" }, `${gone.length} đơn vị có số liệu kỳ trước nhưng không còn trong kỳ này: ${gone.slice(0, 10).map((g) => g.name).join(", ")}${gone.length > 10 ? ", …" : ""}.`));
  }
  return notes;
}

/** Each Phụ lục 1 row's figure this period against last period's, keyed by row key. */
function compareSummary(layout: readonly SummaryRow[], cur: ParsedSummary | null, prev: ParsedSummary | null): Map<string, UnitComparison> {
  const out = new Map<string, UnitComparison>();
  for (const row of layout) {
    if (!row.deltaKind) continue;
    const now = summaryFigure(cur, row, row.deltaKind);
    if (prev === null) {
      out.set(row.key, { status: "no-previous", previous: null, delta: null, predecessors: [] });
      continue;
    }
    const before = summaryFigure(prev, row, row.deltaKind);
    if (now === null || before === null) {
      out.set(row.key, { status: before === null ? "no-previous" : "same", previous: before, delta: null, predecessors: [] });
      continue;
    }
    out.set(row.key, { status: "same", previous: before, delta: difference(now, before, row.deltaKind), predecessors: [] });
  }
  return out;
}

function summaryFigure(s: ParsedSummary | null, row: SummaryRow, kind: ValueKind): number | null {
  if (!s) return null;
  if (row.show === "total") return s.total;
  if (row.show === "group") return s.groups[row.key as GroupCode] ?? null;
  const f = summaryItemFigures(s, row);
  return kind === "count" ? f.count : f.rate;
}

function checkSummaryStatedDeltas(layout: readonly SummaryRow[], s: ParsedSummary | null, cmp: ReadonlyMap<string, UnitComparison>, issues: Issue[]): void {
  if (!s) return;
  for (const [key, stated] of Object.entries(s.statedDeltas)) {
    if (stated === null) continue;
    const c = cmp.get(key);
    if (!c || c.status !== "same" || c.delta === null) continue;
    const row = layout.find((r) => r.key === key);
    const kind = row?.deltaKind ?? "points";
    const tolerance = kind === "count" ? 0 : kind === "percent" ? halfUnit(decimalsOf(stated)) : pointsTolerance(stated);
    if (Math.abs(stated - c.delta) > tolerance + 1e-9) {
      const l = { dataset: "summary" as const, period: "current" as const, column: `statedDeltas.${key}` };
      const label = row ? `${row.number} ${row.label}` : key;
      issues.push(
        issue("error", ISSUE_CODES.DELTA_MISMATCH, l, `${where(l)}, mục ${label}: ghi "${formatDelta(stated, kind)}" nhưng tính từ số liệu hai kỳ là "${formatDelta(c.delta, kind)}".`, {
          row: key,
          stated,
          computed: c.delta,
        }),
      );
    }
  }
}

function checkLetter(
  letter: { total: number | null; delta: number | null; rank: number | null; rankOf: number | null } | null,
  s: ParsedSummary | null,
  totalCmp: UnitComparison | undefined,
  prevPeriod: Period | null,
  issues: Issue[],
): void {
  if (!letter) return;
  const l = (column: string) => ({ dataset: "letter" as const, period: "current" as const, column });
  const since = prevPeriod ? ` so với ${periodLabel(prevPeriod)}` : "";
  if (letter.total !== null && s?.total !== null && s?.total !== undefined) {
    const tol = Math.max(pointsTolerance(letter.total), pointsTolerance(s.total)) + 1e-9;
    if (Math.abs(letter.total - s.total) > tol) {
      issues.push(issue("error", ISSUE_CODES.LETTER_MISMATCH, l("total"), `Văn bản ghi tổng điểm ${formatPoints(letter.total)}/100, Phụ lục 1 ghi ${formatPoints(s.total)} điểm.`, { letter: letter.total, appendix: s.total }));
    }
  }
  if (letter.delta !== null) {
    const stated = s?.statedDeltas["total"] ?? null;
    if (stated !== null && Math.abs(stated - letter.delta) > Math.max(pointsTolerance(stated), pointsTolerance(letter.delta)) + 1e-9) {
      issues.push(
        issue("error", ISSUE_CODES.LETTER_MISMATCH, l("delta"), `Văn bản ghi "${formatDelta(letter.delta, "points", { suffix: " điểm", lowerCase: true })}"${since}, Phụ lục 1 ghi "${formatDelta(stated, "points", { suffix: " điểm" })}".`, {
          letter: letter.delta,
          appendix: stated,
        }),
      );
    }
    if (totalCmp?.status === "same" && totalCmp.delta !== null && Math.abs(totalCmp.delta - letter.delta) > pointsTolerance(letter.delta) + 1e-9) {
      issues.push(
        issue("error", ISSUE_CODES.LETTER_MISMATCH, l("delta"), `Văn bản ghi "${formatDelta(letter.delta, "points", { suffix: " điểm", lowerCase: true })}"${since}, nhưng tính từ tổng điểm hai kỳ là "${formatDelta(totalCmp.delta, "points", { suffix: " điểm", lowerCase: true })}".`, {
          letter: letter.delta,
          computed: totalCmp.delta,
        }),
      );
    }
  }
  if (letter.rank !== null && s?.rank !== null && s?.rank !== undefined && letter.rank !== s.rank) {
    issues.push(issue("error", ISSUE_CODES.LETTER_MISMATCH, l("rank"), `Văn bản ghi xếp hạng ${letter.rank}, Phụ lục 1 ghi ${s.rank}.`, { letter: letter.rank, appendix: s.rank }));
  }
}

/** Phụ lục 3's rows: by total (or the sum of the two levels when only they are given). */
function overdueRows(p: ParsedPeriod, tieOrder: TieOrder, ordinals: ReadonlyMap<string, number>): OverdueRow[] {
  return competitionRank(p.overdueDossiers, (r) => r.total ?? (r.districtLevel !== null || r.communeLevel !== null ? (r.districtLevel ?? 0) + (r.communeLevel ?? 0) : null), (r) => r.displayName, { tieOrder, ordinals });
}

/** Phụ lục 4's rows: by total (or chưa tiếp nhận + chậm xử lý when only they are given). */
function petitionRows(p: ParsedPeriod, tieOrder: TieOrder, ordinals: ReadonlyMap<string, number>): PetitionRow[] {
  return competitionRank(p.overduePetitions, (r) => r.total ?? (r.notReceived !== null || r.late !== null ? (r.notReceived ?? 0) + (r.late ?? 0) : null), (r) => r.displayName, { tieOrder, ordinals });
}
