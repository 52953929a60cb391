/**
 * A unit's plan and how the plan stage keeps it (./plan.ts builds them): the {@link UnitPlan} and
 * {@link ComplianceCell} a reader sees, the columns that hold every unit's cheapest gains and compliance
 * cells as numbers ({@link PlanColumns}), and the unit's standing against a target by the indicator's
 * arithmetic ({@link stand}, {@link complianceCell}). Pure.
 */
import type { IndicatorDef, Target, UnitLevel } from "../model";
import { diff2, percent2 } from "../rounding";
import type { ParsedIndicator, PointsBasis } from "../rules/points";
import { indicatorReach, neededWith, reachRule, reaches, type IndicatorReach, type ReachRule } from "./reach";

export type ComplianceStatus = "dat" | "chua-dat" | "khong-so-lieu";

/** One unit against one target. */
export interface ComplianceCell {
  readonly targetId: string;
  readonly indicator: string;
  readonly minRatePercent: number;
  /** The unit's rate as the portal shows it (2 decimals), or as stated; null without data. */
  readonly rate: number | null;
  /** "dat" when the rate reaches the target by the indicator's arithmetic (./reach.ts), "khong-so-lieu" without data. */
  readonly status: ComplianceStatus;
  /** Target minus rate, in percentage points (2 decimals; 0 when reached); null without data. */
  readonly gapPercentagePoints: number | null;
  /** Extra dossiers to reach the target (0 when reached); null without counts or when unreachable. */
  readonly gapDossiers: number | null;
}

export interface UnitPlan {
  /** The ranking's key: unit id, or "?" + folded name for an unresolved unit. */
  readonly key: string;
  readonly unitId: string | null;
  readonly name: string;
  readonly level: UnitLevel | null;
  readonly total: number | null;
  /** Competition rank in its level (Phụ lục 2's for the ranked level); null without a total. */
  readonly rank: number | null;
  /** How many units its level ranks. */
  readonly rankOf: number;
  /** Every linear indicator, gains first by points per dossier (./reach.ts compareReach). */
  readonly reach: readonly IndicatorReach[];
  /** The first three (CHEAPEST_GAINS, ./plan.ts) gains of `reach`. */
  readonly cheapest: readonly IndicatorReach[];
  /** Sum of every gain reachable by counts (2 decimals, exact). */
  readonly pointsWithinReach: number;
  /** total + pointsWithinReach; null without a total. */
  readonly totalWithinReach: number | null;
  /** The rank that total would have, every other unit of the level unchanged; null without a total. */
  readonly rankWithinReach: number | null;
  /** One cell per target of the plan's `complianceTargets` (the province's row: every judged target). */
  readonly compliance: readonly ComplianceCell[];
  /** The unit's row in Phụ lục 2's input (1-based). */
  readonly sourceRow: number;
}


/**
 * A unit's figures against a target, in a scratch of three numbers (a plan measures every unit against
 * every target: numbers in an object's fields would be a heap number each, every time): the rate (NaN:
 * no data), the extra dossiers needed (NaN: no counts, or unreachable), reached (1) or not (0).
 */
export type Standing = Float64Array;
export const RATE = 0;
export const NEEDED = 1;
export const REACHED = 2;
export const newStanding = (): Standing => new Float64Array(3);
export const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** Measure a unit against a target's rate, by the indicator's arithmetic, into `out`. */
export function stand(def: IndicatorDef, n: number, d: number, input: ParsedIndicator | undefined, min: number, rule: ReachRule, out: Standing): Standing {
  // n and d: the input's numerator and denominator, NaN where absent (read from columns, not the object).
  if (n === n && d > 0) {
    const needed = neededWith(rule, n, d);
    out[RATE] = percent2(Math.max(0, n), d);
    out[NEEDED] = needed ?? Number.NaN;
    out[REACHED] = (needed === null ? reaches(def, n, d, min) : needed === 0) ? 1 : 0;
  } else {
    const rate = input?.rate ?? null;
    out[RATE] = rate ?? Number.NaN;
    out[NEEDED] = Number.NaN;
    out[REACHED] = rate !== null && rate >= min ? 1 : 0;
  }
  return out;
}

/** The cell of a standing: rate (NaN: no data), dossiers needed (NaN: none known), reached. */
function cellOf(target: Target, def: IndicatorDef, rate: number, needed: number, reached: boolean): ComplianceCell {
  const min = target.minRatePercent;
  if (Number.isNaN(rate)) return new Cell(target.id, def.code, min, null, "khong-so-lieu", null, null);
  return new Cell(target.id, def.code, min, rate, reached ? "dat" : "chua-dat", reached ? 0 : Math.max(0, diff2(min, rate)), orNull(needed));
}

/** A {@link ComplianceCell}: a class, not a literal (a plan makes one per unit and target; reach.ts's Reach says why). */
class Cell implements ComplianceCell {
  constructor(
    readonly targetId: string,
    readonly indicator: string,
    readonly minRatePercent: number,
    readonly rate: number | null,
    readonly status: ComplianceStatus,
    readonly gapPercentagePoints: number | null,
    readonly gapDossiers: number | null,
  ) {}
}

/** One unit against one target, by the indicator's arithmetic. */
export function complianceCell(target: Target, def: IndicatorDef, input: ParsedIndicator | undefined): ComplianceCell {
  const s = stand(def, input?.numerator ?? Number.NaN, input?.denominator ?? Number.NaN, input, target.minRatePercent, reachRule(def, target.minRatePercent), newStanding());
  return cellOf(target, def, s[RATE] as number, s[NEEDED] as number, s[REACHED] === 1);
}

/**
 * What a plan keeps of its units' cheapest gains and compliance cells: numbers in columns, one entry per
 * gain and per cell, filled unit after unit. A 10,035-unit plan has up to 30,105 gains and, with the
 * default plan targets, 60,210 cells (about 26 per unit with `compliance: "all"`); as objects made during
 * the build they were most of the planner's cost (the young generation copied them at every scavenge
 * until the build ended), as columns they are a few typed arrays. A unit's {@link LazyUnitPlan} makes its
 * objects from its entries on every read.
 */
export class PlanColumns {
  gainCount = 0;
  cellCount = 0;
  // Gains: the indicator's column among the scored indicators, its figures, its points (hundredths; NaN:
  // not scored), how they were computed, the dossiers needed.
  private readonly gainColumn: Uint16Array;
  private readonly gainInput: (ParsedIndicator | undefined)[];
  private readonly gainPoints: Float64Array;
  private readonly gainBasis: PointsBasis[];
  private readonly gainNeeded: Float64Array;
  // Cells: the target's index among the judged ones, and its standing (rate, needed, reached).
  private readonly cellTarget: Int32Array;
  private readonly cellRate: Float64Array;
  private readonly cellNeeded: Float64Array;
  private readonly cellReached: Uint8Array;

  constructor(
    private readonly scored: readonly IndicatorDef[],
    private readonly targets: readonly { readonly target: Target; readonly def: IndicatorDef }[],
    gains: number,
    cells: number,
  ) {
    this.gainColumn = new Uint16Array(gains);
    this.gainInput = new Array<ParsedIndicator | undefined>(gains).fill(undefined);
    this.gainPoints = new Float64Array(gains);
    this.gainBasis = new Array<PointsBasis>(gains).fill("missing");
    this.gainNeeded = new Float64Array(gains);
    this.cellTarget = new Int32Array(cells);
    this.cellRate = new Float64Array(cells);
    this.cellNeeded = new Float64Array(cells);
    this.cellReached = new Uint8Array(cells);
  }

  addGain(column: number, input: ParsedIndicator | undefined, pointsHundredths: number, basis: PointsBasis, needed: number): void {
    const g = this.gainCount++;
    this.gainColumn[g] = column;
    this.gainInput[g] = input;
    this.gainPoints[g] = pointsHundredths;
    this.gainBasis[g] = basis;
    this.gainNeeded[g] = needed;
  }

  addCell(target: number, s: Standing): void {
    const c = this.cellCount++;
    this.cellTarget[c] = target;
    this.cellRate[c] = s[RATE] as number;
    this.cellNeeded[c] = s[NEEDED] as number;
    this.cellReached[c] = s[REACHED] as number;
  }

  /** The gains from `at`, as the reach objects the plan lists. */
  gains(at: number, count: number): IndicatorReach[] {
    const out = new Array<IndicatorReach>(count);
    for (let j = 0, g = at; j < count; j++, g++) {
      const points = this.gainPoints[g] as number;
      out[j] = indicatorReach(this.scored[this.gainColumn[g] as number] as IndicatorDef, this.gainInput[g], Number.isNaN(points) ? null : points, this.gainBasis[g] as PointsBasis, this.gainNeeded[g] as number) as IndicatorReach;
    }
    return out;
  }

  /** The compliance cells from `at`. */
  cells(at: number, count: number): ComplianceCell[] {
    const out = new Array<ComplianceCell>(count);
    for (let k = 0, c = at; k < count; k++, c++) {
      const { target, def } = this.targets[this.cellTarget[c] as number] as { target: Target; def: IndicatorDef };
      out[k] = cellOf(target, def, this.cellRate[c] as number, this.cellNeeded[c] as number, this.cellReached[c] === 1);
    }
    return out;
  }
}

/**
 * A unit's plan. Its figures are plain fields; its lists are made when read: `cheapest` and `compliance`
 * from the plan's columns ({@link PlanColumns}) on every read — the objects live as long as their reader
 * holds them (a sheet that reads each unit once leaves them to the next scavenge, as garbage), so read
 * a list once and keep it when you need it twice — and `reach` (one object per indicator: 20 × 10,035 in
 * the largest province), which scores the unit again, on first read, and kept. JSON (`toJSON`) has every
 * field, in the order the plan's JSON always had (the interface's, with `reach` last); a spread or
 * structuredClone copies only the plain fields.
 */
export class LazyUnitPlan implements UnitPlan {
  readonly #columns: PlanColumns;
  readonly #gainsAt: number;
  readonly #gains: number;
  readonly #cellsAt: number;
  readonly #cells: number;
  readonly #indicators: Readonly<Record<string, ParsedIndicator>>;
  readonly #full: (indicators: Readonly<Record<string, ParsedIndicator>>) => IndicatorReach[];
  #reach: readonly IndicatorReach[] | null = null;

  constructor(
    readonly key: string,
    readonly unitId: string | null,
    readonly name: string,
    readonly level: UnitLevel | null,
    readonly total: number | null,
    readonly rank: number | null,
    readonly rankOf: number,
    readonly pointsWithinReach: number,
    readonly totalWithinReach: number | null,
    readonly rankWithinReach: number | null,
    readonly sourceRow: number,
    columns: PlanColumns,
    gainsAt: number,
    gains: number,
    cellsAt: number,
    cells: number,
    indicators: Readonly<Record<string, ParsedIndicator>>,
    full: (indicators: Readonly<Record<string, ParsedIndicator>>) => IndicatorReach[],
  ) {
    this.#columns = columns;
    this.#gainsAt = gainsAt;
    this.#gains = gains;
    this.#cellsAt = cellsAt;
    this.#cells = cells;
    this.#indicators = indicators;
    this.#full = full;
  }

  get cheapest(): readonly IndicatorReach[] {
    return this.#columns.gains(this.#gainsAt, this.#gains);
  }

  get compliance(): readonly ComplianceCell[] {
    return this.#columns.cells(this.#cellsAt, this.#cells);
  }

  get reach(): readonly IndicatorReach[] {
    return (this.#reach ??= this.#full(this.#indicators));
  }

  toJSON(): UnitPlan {
    return {
      key: this.key,
      unitId: this.unitId,
      name: this.name,
      level: this.level,
      total: this.total,
      rank: this.rank,
      rankOf: this.rankOf,
      cheapest: this.cheapest,
      pointsWithinReach: this.pointsWithinReach,
      totalWithinReach: this.totalWithinReach,
      rankWithinReach: this.rankWithinReach,
      compliance: this.compliance,
      sourceRow: this.sourceRow,
      reach: this.reach,
    };
  }
}
