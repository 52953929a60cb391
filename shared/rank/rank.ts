/**
 * Stage 4 — rank. Competition ranks ("1224") of the units of the ranked level by their total (unresolved
 * names stay in that ranking, flagged already, so that no row of the clerk's is lost), of every other
 * level present in the data, and the order of Phụ lục 3 and 4 by their totals. Ties are ordered by
 * Vietnamese collation or kept in input order, per appendix.
 */
import type { CheckedDatasets } from "../checks/check";
import type { BuildContext } from "../input/context";
import { overdueTotal, petitionTotal, type ParsedOverdueDossier, type ParsedOverduePetition, type ParsedRow, type ParsedUnitScore } from "../input/read";
import { ISSUE_CODES, issue, type Staged } from "../issues";
import type { Issue, TieOrder, UnitLevel } from "../model";
import { nationalHeadline, rankNational, type NationalHeadline, type NationalRanking } from "../national/ranking";
import { periodKey, periodLabel } from "../period";
import type { ScoredDatasets, TotalSource } from "../rules/score";
import { competitionOrder, type RankOptions, type RankOrder } from "./competition";

export interface LevelRanking {
  readonly level: UnitLevel;
  /** The level's units and their order; each value is the total it was ranked by. */
  readonly units: RankOrder<ParsedUnitScore>;
  /** Where each unit's total came from, by the unit's `index` (its place among the level's rows). */
  readonly sources: readonly TotalSource[];
}

export interface RankedDatasets {
  /** The level Phụ lục 2 ranks (with the rows whose unit could not be resolved). */
  readonly main: LevelRanking;
  /** The other levels present in the data (e.g. sở, ban, ngành beside the communes). */
  readonly otherLevels: readonly LevelRanking[];
  /** Phụ lục 3 in order: by overdue dossiers, descending. */
  readonly overdue: RankOrder<ParsedOverdueDossier>;
  /** Phụ lục 4 in order: by overdue petitions, descending. */
  readonly petitions: RankOrder<ParsedOverduePetition>;
  /** The provinces of the country ranked, and this province's place, when national summaries were given. */
  readonly national: NationalPlace | null;
}

export interface NationalPlace {
  readonly ranking: NationalRanking;
  /** The province's "xếp hạng N/34" and its change in places; null when it has no rank there. */
  readonly headline: NationalHeadline | null;
}

const OTHER_LEVELS: readonly UnitLevel[] = ["department", "district", "commune", "province"];
const nameOf = (r: ParsedRow) => r.identity.displayName;
const ordinalOf = (r: ParsedRow) => (r.identity.ordinal >= 0 ? r.identity.ordinal : undefined);

export function rank(checked: CheckedDatasets, scored: ScoredDatasets, ctx: BuildContext): Staged<RankedDatasets> {
  const rows = checked.current.unitScores;
  const { totals, sources } = scored.current;
  const national = rankInCountry(checked, ctx);
  const present = new Set<UnitLevel | undefined>();
  for (let i = 0; i < rows.length; i++) present.add((rows[i] as ParsedUnitScore).identity.unit?.level);
  const otherLevels: LevelRanking[] = [];
  for (const l of OTHER_LEVELS) if (l !== ctx.rankLevel && present.has(l)) otherLevels.push(levelRanking(rows, totals, sources, l, false, ctx.tieOrder.PL2));
  return {
    value: {
      main: levelRanking(rows, totals, sources, ctx.rankLevel, true, ctx.tieOrder.PL2),
      otherLevels,
      overdue: competitionOrder(checked.current.overdueDossiers, checked.current.overdueDossiers.map(overdueTotal), nameOf, rankOptions(ctx.tieOrder.PL3)),
      petitions: competitionOrder(checked.current.overduePetitions, checked.current.overduePetitions.map(petitionTotal), nameOf, rankOptions(ctx.tieOrder.PL4)),
      national: national.value,
    },
    issues: national.issues,
  };
}

// The helpers below are module functions, not closures made per build: an optimised `rank` that had
// inlined one build's closure was thrown away at the next build's ("wrong call target"), and the rest of
// that build's `rank` ran in the interpreter.

const rankOptions = (tieOrder: TieOrder): RankOptions<ParsedRow> => ({ tieOrder, ordinalOf });

/** Whether a row belongs to a level's ranking (an unresolved row only to the main one). */
function inLevel(r: ParsedUnitScore, level: UnitLevel, withUnresolved: boolean): boolean {
  const unit = r.identity.unit;
  return unit ? unit.level === level : withUnresolved;
}

/** A level's ranking by total: the level's rows (with the unresolved ones when `withUnresolved`). */
function levelRanking(rows: readonly ParsedUnitScore[], totals: readonly (number | null)[], sources: readonly TotalSource[], level: UnitLevel, withUnresolved: boolean, tieOrder: TieOrder): LevelRanking {
  let all = true;
  for (let i = 0; i < rows.length && all; i++) all = inLevel(rows[i] as ParsedUnitScore, level, withUnresolved);
  // Usually every row is of the ranked level: the rows, totals and sources serve as they are.
  if (all) return { level, units: competitionOrder(rows, totals, nameOf, rankOptions(tieOrder)), sources };
  const mine: ParsedUnitScore[] = [];
  const mineTotals: (number | null)[] = [];
  const mineSources: TotalSource[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as ParsedUnitScore;
    if (!inLevel(r, level, withUnresolved)) continue;
    mine.push(r);
    mineTotals.push(totals[i] ?? null);
    mineSources.push(sources[i] ?? "none");
  }
  return { level, units: competitionOrder(mine, mineTotals, nameOf, rankOptions(tieOrder)), sources: mineSources };
}

/** The national ranking of the report's period and the province's place in it (issues when it has none). */
function rankInCountry(checked: CheckedDatasets, ctx: BuildContext): Staged<NationalPlace | null> {
  const n = ctx.national;
  if (!n) return { value: null, issues: [] };
  if (!n.current) {
    if (checked.current.summary?.rank != null) return { value: null, issues: [] };
    const why = n.unavailable ? ` (${n.unavailable.replace(/\.$/, "")})` : "";
    return { value: null, issues: [issue("warning", ISSUE_CODES.MISSING_UNIT, { dataset: "input", column: "national", unit: n.province }, `Chưa có bảng tổng hợp toàn quốc ${periodLabel(ctx.current.period)}${why}; câu tổng điểm thiếu xếp hạng toàn quốc.`, { province: n.province })] };
  }
  const ranked = rankNational(n.current, n.previous ?? null);
  const issues: Issue[] = [...ranked.issues];
  const ranking = ranked.value;
  if (!ranking) return { value: null, issues };
  const l = { dataset: "input" as const, column: "national" };
  if (periodKey(ranking.period) !== periodKey(ctx.current.period)) {
    issues.push(issue("warning", ISSUE_CODES.BAD_PERIOD, { ...l, column: "national.period" }, `Bảng toàn quốc là của ${periodLabel(ranking.period)}, không phải ${periodLabel(ctx.current.period)} của báo cáo; không lấy xếp hạng toàn quốc từ bảng này.`));
    return { value: null, issues };
  }
  const headline = nationalHeadline(ranking, n.province);
  if (!headline) {
    issues.push(issue("warning", ISSUE_CODES.MISSING_UNIT, { ...l, unit: n.province }, `Bảng toàn quốc ${periodLabel(ranking.period)} không có hạng của ${ctx.catalog.provinceName} (mã "${n.province}"); câu tổng điểm thiếu xếp hạng.`, { province: n.province }));
  }
  const stated = checked.current.summary?.rank ?? null;
  if (headline && stated !== null && stated !== headline.rank) {
    issues.push(issue("warning", ISSUE_CODES.RANK_MISMATCH, { dataset: "summary", column: "rank" }, `Phụ lục 1 ghi xếp hạng ${stated}, bảng toàn quốc ${periodLabel(ranking.period)} cho hạng ${headline.rank}/${headline.rankOf}; câu tổng điểm dùng hạng Phụ lục 1 ghi.`, { stated, national: headline.rank }));
  }
  return { value: { ranking, headline }, issues };
}
