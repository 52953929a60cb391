/**
 * Stage 4 — rank. Competition ranks ("1224") of the units of the ranked level by their total (unresolved
 * names stay in that ranking, flagged already, so that no row of the clerk's is lost), of every other
 * level present in the data, and the order of Phụ lục 3 and 4 by their totals. Ties are ordered by
 * Vietnamese collation or kept in input order, per appendix.
 */
import type { CheckedDatasets } from "../checks/check";
import type { BuildContext } from "../input/context";
import { overdueTotal, petitionTotal, type ParsedOverdueDossier, type ParsedOverduePetition, type ParsedRow, type ParsedUnitScore } from "../input/read";
import type { Staged } from "../issues";
import type { UnitLevel } from "../model";
import type { ScoredDatasets, TotalSource } from "../rules/score";
import { competitionRank, type Ranked } from "./competition";

export interface LevelRanking {
  readonly level: UnitLevel;
  /** The level's units in ranked order; each `value` is the total it was ranked by. */
  readonly units: readonly Ranked<ParsedUnitScore>[];
  /** Where each unit's total came from, by the unit's `index` (its place among the level's rows). */
  readonly sources: readonly TotalSource[];
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
const nameOf = (r: ParsedRow) => r.displayName;
const ordinalOf = (r: ParsedRow) => (r.ordinal >= 0 ? r.ordinal : undefined);

export function rank(checked: CheckedDatasets, scored: ScoredDatasets, ctx: BuildContext): Staged<RankedDatasets> {
  const rows = checked.current.unitScores;
  const { totals, sources } = scored.current;
  const options = (tieOrder: BuildContext["tieOrder"]["PL2"]) => ({ tieOrder, ordinalOf });
  const byTotal = (level: UnitLevel, withUnresolved: boolean): LevelRanking => {
    const mine: ParsedUnitScore[] = [];
    const mineTotals: (number | null)[] = [];
    const mineSources: TotalSource[] = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as ParsedUnitScore;
      if (r.unit ? r.unit.level !== level : !withUnresolved) continue;
      mine.push(r);
      mineTotals.push(totals[i] ?? null);
      mineSources.push(sources[i] ?? "none");
    }
    return { level, units: competitionRank(mine, (_r, i) => mineTotals[i] ?? null, nameOf, options(ctx.tieOrder.PL2)), sources: mineSources };
  };
  const present = new Set<UnitLevel | undefined>();
  for (const r of rows) present.add(r.unit?.level);
  return {
    value: {
      main: byTotal(ctx.rankLevel, true),
      otherLevels: OTHER_LEVELS.filter((l) => l !== ctx.rankLevel && present.has(l)).map((l) => byTotal(l, false)),
      overdue: competitionRank(checked.current.overdueDossiers, overdueTotal, nameOf, options(ctx.tieOrder.PL3)),
      petitions: competitionRank(checked.current.overduePetitions, petitionTotal, nameOf, options(ctx.tieOrder.PL4)),
    },
    issues: [],
  };
}
