/**
 * Stage 3 — score. Each unit (and the province's summary) scored with the methodology in force for its
 * period ({@link scoreUnitWith}): indicators from their figures, groups and total as exact sums. Where
 * a published figure disagrees with the recomputed one at the precision it was printed with, that is
 * this stage's issue (a warning where the rule is only inferred).
 */
import type { BuildContext } from "../input/context";
import type { CheckedDatasets } from "../checks/check";
import { locationOf, type ParsedPeriod, type ParsedUnitScore, type RowLocation } from "../input/read";
import { ISSUE_CODES, at, issue, where, type Staged } from "../issues";
import type { GroupCode, IndicatorDef, Issue, Methodology } from "../model";
import { agrees, decimalsOf, differs, halfUnit } from "../rounding";
import { formatPoints } from "../text/vn-number";
import { groupDef } from "./methodology";
import { POINTS_BASES, scoreUnitWith, type IndicatorColumns, type ParsedIndicator, type UnitScoring } from "./points";

export type TotalSource = UnitScoring["effectiveTotalSource"];

export interface ScoredPeriod {
  /** Each unit row's total as the report uses it (published, else its groups' sum, else recomputed), in row order. */
  readonly totals: readonly (number | null)[];
  /** Where each total came from, in row order. */
  readonly sources: readonly TotalSource[];
  readonly summary: UnitScoring | null;
  /** Each unit row's recomputed indicators, kept only when a plan is asked for (BuildOptions.plan); else null. */
  readonly indicators: IndicatorTable | null;
}

export { POINTS_BASES };

/** Recomputed indicator points of every unit row, as numbers (no object per row and indicator). */
export interface IndicatorTable {
  /** The methodology's scored indicators: a row's columns, in order. */
  readonly defs: readonly IndicatorDef[];
  /** rows × defs: points in hundredths; NaN where not scored (or the row has no indicators). */
  readonly hundredths: Float64Array;
  /** rows × defs: how the points were computed, as an index into {@link POINTS_BASES}. */
  readonly basis: Uint8Array;
  /** rows × defs: the row's figures of each indicator (undefined where absent), so that a reader need not look them up by code again. */
  readonly inputs: (ParsedIndicator | undefined)[];
  /** rows × defs: the given numerator and denominator; NaN where absent. */
  readonly numerators: Float64Array;
  readonly denominators: Float64Array;
}

export interface ScoredDatasets {
  readonly current: ScoredPeriod;
  readonly previous: ScoredPeriod | null;
}

export function score(checked: CheckedDatasets, ctx: BuildContext): Staged<ScoredDatasets> {
  const issues: Issue[] = [];
  const current = scorePeriod(checked.current, ctx.current.methodology, "current", issues, ctx.plan !== null);
  const previous = checked.previous && ctx.previous ? scorePeriod(checked.previous, ctx.previous.methodology, "previous", issues, false) : null;
  return { value: { current, previous }, issues };
}

function scorePeriod(p: ParsedPeriod, m: Methodology, tag: "current" | "previous", issues: Issue[], keep: boolean): ScoredPeriod {
  const rows = p.unitScores;
  const totals = new Array<number | null>(rows.length);
  const sources = new Array<TotalSource>(rows.length);
  const table = keep ? indicatorTable(m, rows.length) : null;
  const width = table?.defs.length ?? 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as ParsedUnitScore;
    if (r.total !== null && r.indicatorCodes.length === 0) {
      // A published total and nothing to recompute it from (a letter's Phụ lục 2): taken as printed.
      totals[i] = r.total;
      sources[i] = "published";
      continue;
    }
    // A unit's scoring is only looked at for its total and what disagrees (its groups only then); its
    // indicators go straight into the table when kept for a plan.
    const scoring = scoreAndCompare(m, r, r.identity.displayName, r.indicators, r.groups, r.total, issues, true, table, i * width);
    totals[i] = scoring.effectiveTotal;
    sources[i] = scoring.effectiveTotalSource;
  }
  const s = p.summary;
  const summary = s ? scoreAndCompare(m, { dataset: "summary", period: tag }, undefined, s.indicators, s.groups, s.total, issues, false, null, 0) : null;
  return { totals, sources, summary, indicators: table };
}

/** An empty table for `rows` unit rows: every point NaN, every basis "missing". */
function indicatorTable(m: Methodology, rows: number): IndicatorTable {
  const defs = m.indicators.filter((d) => d.rule.type !== "display");
  const hundredths = new Float64Array(rows * defs.length).fill(Number.NaN);
  const basis = new Uint8Array(rows * defs.length).fill(POINTS_BASES.indexOf("missing"));
  const inputs = new Array<ParsedIndicator | undefined>(rows * defs.length).fill(undefined);
  const numerators = new Float64Array(rows * defs.length).fill(Number.NaN);
  const denominators = new Float64Array(rows * defs.length).fill(Number.NaN);
  return { defs, hundredths, basis, inputs, numerators, denominators };
}

/** Which groups have a scored indicator whose rule is only inferred (their mismatches are warnings). */
// Owner: the score stage — built once per methodology (methodologies are immutable).
const inferredIndex = new WeakMap<Methodology, { groups: Set<GroupCode>; any: boolean }>();
function inferredOf(m: Methodology): { groups: Set<GroupCode>; any: boolean } {
  let x = inferredIndex.get(m);
  if (!x) {
    const groups = new Set(m.indicators.filter((i) => i.rule.type !== "display" && i.confidence === "inferred").map((i) => i.group));
    inferredIndex.set(m, (x = { groups, any: groups.size > 0 }));
  }
  return x;
}

const severityOf = (isInferred: boolean) => (isInferred ? "warning" : "error");
const noteOf = (isInferred: boolean) => (isInferred ? " (quy tắc tính suy đoán, cần đối chiếu)" : "");

/** Score one unit, and report each published figure (indicator, group, total) the recomputation contradicts. */
function scoreAndCompare(
  m: Methodology,
  ref: RowLocation,
  unitName: string | undefined,
  indicators: Readonly<Record<string, ParsedIndicator>>,
  groups: Partial<Record<GroupCode, number | null>>,
  total: number | null,
  issues: Issue[],
  onlyDisagreeing: boolean,
  keep: IndicatorColumns | null,
  keepAt: number,
): UnitScoring {
  const scoring = scoreUnitWith(
    m,
    indicators,
    groups,
    total,
    (_i, def, points, _rate, _basis, published) => {
      if (published !== null && points !== null && !agrees(published, points)) indicatorMismatch(def, published, points, ref, unitName, issues);
    },
    onlyDisagreeing,
    keep,
    keepAt,
  );
  // No indicators (nothing recomputed), or every group agrees: only the total is left to compare.
  if (scoring.groups.length === 0 && scoring.recomputedTotal === null) return scoring;
  const inferred = inferredOf(m);
  // Group points are printed alike ("6.0/10" beside "10.4/18"): "6.0" reads back as 6 but carries
  // its siblings' precision.
  let groupDecimals = -1;
  for (const g of scoring.groups) {
    if (g.recomputed === null || g.published === null || agrees(g.published, g.recomputed)) continue;
    if (groupDecimals < 0) groupDecimals = Math.max(0, ...scoring.groups.map((x) => (x.published === null ? 0 : decimalsOf(x.published))));
    if (!differs(g.published, g.recomputed, halfUnit(groupDecimals || 2))) continue;
    const isInferred = inferred.groups.has(g.code);
    const l = at(locationOf(ref), `groups.${g.code}`);
    issues.push(
      issue(severityOf(isInferred), ISSUE_CODES.POINTS_MISMATCH, l, `${where(l, unitName)}, nhóm "${groupDef(m, g.code).nameVi}": điểm công bố ${formatPoints(g.published)}, tính lại từ các chỉ tiêu ${formatPoints(g.recomputed)}${noteOf(isInferred)}.`, {
        group: g.code,
        published: g.published,
        recomputed: g.recomputed,
      }),
    );
  }
  if (total !== null && scoring.recomputedTotal !== null && !agrees(total, scoring.recomputedTotal)) {
    const l = at(locationOf(ref), "total");
    issues.push(
      issue(severityOf(inferred.any), ISSUE_CODES.POINTS_MISMATCH, l, `${where(l, unitName)}: tổng điểm công bố ${formatPoints(total)}, tính lại ${formatPoints(scoring.recomputedTotal)}${noteOf(inferred.any)}.`, {
        published: total,
        recomputed: scoring.recomputedTotal,
      }),
    );
  }
  return scoring;
}

function indicatorMismatch(def: IndicatorDef, published: number, points: number, ref: RowLocation, unitName: string | undefined, issues: Issue[]): void {
  const isInferred = def.confidence === "inferred";
  const l = at(locationOf(ref), `indicators.${def.code}.points`);
  issues.push(
    issue(severityOf(isInferred), ISSUE_CODES.POINTS_MISMATCH, l, `${where(l, unitName)}, ${def.number} ${def.nameVi}: điểm công bố ${formatPoints(published)}, tính lại ${formatPoints(points)}${noteOf(isInferred)}.`, {
      indicator: def.code,
      published,
      recomputed: points,
    }),
  );
}
