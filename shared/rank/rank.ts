/**
 * Stage 4 — rank. Competition ranks ("1224") of the units of the ranked level by their total (unresolved
 * names stay in that ranking, flagged already, so that no row of the clerk's is lost), of every other
 * level present in the data, and the order of Phụ lục 3 and 4 by their totals. Ties are ordered by
 * Vietnamese collation or kept in input order, per appendix.
 */
import type { CheckedDatasets } from "../checks/check";
import type { BuildContext } from "../input/context";
import { overdueTotal, petitionTotal, type ParsedOverdueDossier, type ParsedOverduePetition, type ParsedUnitScore } from "../input/read";
import type { Staged } from "../issues";
import type { UnitLevel } from "../model";
import type { UnitScoring } from "../rules/points";
import type { ScoredDatasets } from "../rules/score";
import { competitionRank, type Ranked } from "./competition";

export interface RankedUnit {
  readonly row: ParsedUnitScore;
  /** The total it was ranked by (published, else the sum of its groups, else recomputed). */
  readonly total: number | null;
  readonly totalSource: UnitScoring["effectiveTotalSource"];
  /** Competition rank; null for a unit without a total. */
  readonly rank: number | null;
  /** 1-based display position. */
  readonly position: number;
}

export interface LevelRanking {
  readonly level: UnitLevel;
  readonly units: readonly RankedUnit[];
}

export interface RankedDatasets {
  /** The level Phụ lục 2 ranks (with the rows whose unit could not be resolved). */
  readonly main: LevelRanking;
  /** The other levels present in the data (e.g. sở, ban, ngành beside the communes). */
  readonly otherLevels: readonly LevelRanking[];
  /** Phụ lục 3 in order: by overdue dossiers, descending. */
  readonly overdue: readonly Ranked<ParsedOverdueDossier>[];
  /** Phụ lục 4 in order: by overdue petitions, descending. */
  readonly petitions: readonly Ranked<ParsedOverduePetition>[];
}

const OTHER_LEVELS: readonly UnitLevel[] = ["department", "district", "commune", "province"];

export function rank(checked: CheckedDatasets, scored: ScoredDatasets, ctx: BuildContext): Staged<RankedDatasets> {
  const rows = checked.current.unitScores;
  const scorings = scored.current.units;
  const byTotal = (level: UnitLevel, withUnresolved: boolean): LevelRanking => {
    const mine = rows.filter((r) => (r.unit ? r.unit.level === level : withUnresolved));
    const ranked = competitionRank(mine, (r) => scorings.get(r.key)?.effectiveTotal ?? null, (r) => r.displayName, { tieOrder: ctx.tieOrder.PL2, ordinals: ctx.ordinals });
    return {
      level,
      units: ranked.map(({ item, rank, position, value }) => ({ row: item, total: value, totalSource: scorings.get(item.key)?.effectiveTotalSource ?? "none", rank, position })),
    };
  };
  const present = new Set(rows.map((r) => r.unit?.level));
  return {
    value: {
      main: byTotal(ctx.rankLevel, true),
      otherLevels: OTHER_LEVELS.filter((l) => l !== ctx.rankLevel && present.has(l)).map((l) => byTotal(l, false)),
      overdue: competitionRank(checked.current.overdueDossiers, overdueTotal, (r) => r.displayName, { tieOrder: ctx.tieOrder.PL3, ordinals: ctx.ordinals }),
      petitions: competitionRank(checked.current.overduePetitions, petitionTotal, (r) => r.displayName, { tieOrder: ctx.tieOrder.PL4, ordinals: ctx.ordinals }),
    },
    issues: [],
  };
}
