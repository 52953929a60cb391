/**
 * Before the stages: what a build is about. The catalog of the province (units valid at the end of the
 * period), the methodology in force at the start of the period and its Phụ lục 1 rows, the same for
 * the previous period when one is given, the level Phụ lục 2 ranks, and the display options. Every
 * stage receives this one read-only context.
 */
import { CATALOGS } from "../catalog";
import { collationOrdinals, createResolver, type Resolver } from "../catalog/resolve";
import { ISSUE_CODES, issue, type Staged } from "../issues";
import type { Catalog, Issue, Methodology, NationalBuildInput, Period, ReportInput, Target, TieOrder, Unit, UnitLevel } from "../model";
import { parsePeriod, periodEnd, periodLabel, periodStart, previousPeriod, samePeriod } from "../period";
import { METHODOLOGIES, methodologyById, methodologyFor } from "../rules/methodology";
import { summaryLayoutFor, type SummaryRow } from "../rules/summary-rows";

/** The letter the appendices are attached to ("Kèm theo văn bản số … ngày … của …"). */
export interface LetterRef {
  /** "193/UBND-KSTTHC"; blank keeps the seed's "số      /UBND-KSTTHC". */
  readonly number?: string;
  /** ISO date of the letter. */
  readonly date?: string;
  /** "UBND thành phố Hà Nội". */
  readonly issuer?: string;
  /** Document code used when the number is blank: "UBND-KSTTHC". */
  readonly code?: string;
}

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
  /**
   * The national summaries of the period (and the previous one): when the report states no rank, the
   * headline's "xếp hạng N/34" and its change in places come from them (rank stage, national/ranking.ts).
   */
  readonly national?: NationalBuildInput;
  /**
   * The province's total in stored periods before the report's period (any order; the report's own
   * period and later ones are ignored): the draft letter's trend sentence ("tăng 3 tháng liên tiếp").
   * The Worker passes what it stored; the add-in what GET …/history answered.
   */
  readonly history?: readonly ProvinceTotalPoint[];
  /**
   * Opt-in: the improvement plan (stage plan/, after compare) — per unit the points within reach, the
   * three cheapest gains and the compliance with the targets in force — as `Report.plan`, and the draft
   * letter's remedial paragraphs. `true` for the built-in targets; `{ targets }` to override or add
   * targets by id (plan/targets.ts). Letter-only builds leave it out and do not pay for it.
   */
  readonly plan?: boolean | PlanRequest;
}

/** What a build's plan is asked for. */
export interface PlanRequest {
  /** The province's targets: one with a built-in id replaces it, a new id adds a target. */
  readonly targets?: readonly Target[];
  /** Each unit's compliance cells: the plan targets (default) or every target in force, thresholds too. */
  readonly compliance?: "plan" | "all";
}

/** The province's total in one stored period. */
export interface ProvinceTotalPoint {
  readonly period: string;
  readonly total: number | null;
}

/** One period's frame: which period, its rules and how its unit names resolve. */
export interface PeriodFrame {
  readonly period: Period;
  readonly methodology: Methodology;
  /** Phụ lục 1's rows under that methodology. */
  readonly layout: readonly SummaryRow[];
  readonly resolver: Resolver;
}

export interface BuildContext {
  readonly catalog: Catalog;
  readonly current: PeriodFrame;
  /** Null when the input has no (valid) previous period: every delta is then blank. */
  readonly previous: PeriodFrame | null;
  /** The level Phụ lục 2 ranks. */
  readonly rankLevel: UnitLevel;
  readonly tieOrder: Readonly<Record<"PL2" | "PL3" | "PL4", TieOrder>>;
  /** Collation order of the catalog's names, so that ties compare integers. */
  readonly ordinals: ReadonlyMap<string, number>;
  readonly letter: LetterRef;
  /** Decimals of points in Phụ lục 1. */
  readonly summaryPointDecimals: number;
  /** The national summaries the headline's rank comes from, when given. */
  readonly national: NationalBuildInput | null;
  /** The province's total in earlier stored periods (BuildOptions.history; empty without): the trend sentence. */
  readonly history: readonly ProvinceTotalPoint[];
  /** The plan asked for (BuildOptions.plan), or null: no plan. */
  readonly plan: PlanRequest | null;
}

/** The build's context, or null (with the reason as an issue) when the province or period is unusable. */
export function prepare(input: ReportInput, options: BuildOptions): Staged<BuildContext | null> {
  const issues: Issue[] = [];
  const provinceId = typeof input?.province === "string" ? input.province : "";
  const catalog = options.catalog ?? CATALOGS[provinceId];
  const period = input?.period === undefined ? null : safePeriod(input.period);
  if (!catalog) {
    issues.push(issue("error", ISSUE_CODES.UNKNOWN_PROVINCE, { dataset: "input", column: "province" }, `Chưa có danh mục đơn vị cho tỉnh, thành phố "${provinceId}".`, { province: provinceId, known: Object.keys(CATALOGS) }));
  }
  if (!period) {
    issues.push(issue("error", ISSUE_CODES.BAD_PERIOD, { dataset: "input", column: "period" }, `Kỳ báo cáo "${String(input?.period ?? "")}" không hợp lệ (cần dạng 2024-12, 2025-Q1 hoặc 2025).`));
  }
  if (!catalog || !period) return { value: null, issues };

  const methodologies = options.methodologies ?? METHODOLOGIES;
  const extraUnits = options.extraUnits ?? [];
  const methodology = (options.methodologyId ? methodologyById(options.methodologyId, methodologies) : undefined) ?? methodologyFor(periodStart(period), methodologies);
  const date = periodEnd(period);
  const current: PeriodFrame = { period, methodology, layout: summaryLayoutFor(methodology), resolver: createResolver(catalog, date, extraUnits) };

  let previous: PeriodFrame | null = null;
  if (input.previous) {
    const prevPeriod = safePeriod(input.previous.period);
    const expected = previousPeriod(period);
    if (!prevPeriod) {
      issues.push(issue("error", ISSUE_CODES.BAD_PERIOD, { dataset: "input", period: "previous", column: "period" }, `Kỳ trước "${String(input.previous.period)}" không hợp lệ; bỏ qua số liệu kỳ trước.`));
    } else {
      if (!samePeriod(prevPeriod, expected)) {
        issues.push(
          issue("warning", ISSUE_CODES.PREVIOUS_PERIOD_MISMATCH, { dataset: "input", period: "previous", column: "period" }, `Số liệu kỳ trước là ${periodLabel(prevPeriod)}, không phải ${periodLabel(expected)}; mức tăng/giảm được tính so với ${periodLabel(prevPeriod)}.`),
        );
      }
      const prevMethodology = methodologyFor(periodStart(prevPeriod), methodologies);
      previous = { period: prevPeriod, methodology: prevMethodology, layout: summaryLayoutFor(prevMethodology), resolver: createResolver(catalog, periodEnd(prevPeriod), extraUnits) };
    }
  }

  // Default: the level the letters rank — districts before a catalog's reform date, communes after;
  // a catalog without a reform (as the portal gives one) ranks districts only if it has any.
  const rankLevel: UnitLevel =
    options.rankLevel ??
    (catalog.reformDate ? (date >= catalog.reformDate ? "commune" : "district") : catalog.units.some((u) => u.level === "district") ? "district" : "commune");
  const tieFor = (id: "PL2" | "PL3" | "PL4") => options.tieOrderByAppendix?.[id] ?? options.tieOrder ?? "collation";
  return {
    value: {
      catalog,
      current,
      previous,
      rankLevel,
      tieOrder: { PL2: tieFor("PL2"), PL3: tieFor("PL3"), PL4: tieFor("PL4") },
      ordinals: collationOrdinals(catalog),
      letter: options.letter ?? {},
      summaryPointDecimals: options.summaryPointDecimals ?? (methodology.id === "portal-2024" ? 1 : 2),
      national: options.national ?? null,
      history: options.history ?? [],
      plan: options.plan === true ? {} : options.plan ? options.plan : null,
    },
    issues,
  };
}

function safePeriod(p: unknown): Period | null {
  if (typeof p !== "string" && (typeof p !== "object" || p === null)) return null;
  try {
    return parsePeriod(p as string | Period);
  } catch {
    return null;
  }
}
