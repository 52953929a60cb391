/**
 * Plain domain types. No classes, no behaviour: data in, data out.
 *
 * Input datasets accept a {@link Cell} for every figure, because the figures arrive as pasted text
 * ("242.300", "Tăng 0.92"), as Excel numbers, or as JSON numbers from the portal. The engine parses
 * every cell by the column's kind and reports what it cannot read.
 */

/** A figure as it arrives: a number, the letter's text, or blank. */
export type Cell = number | string | null | undefined;

// ------------------------------------------------------------------ units and catalogs

export type UnitKind =
  | "tinh" // tỉnh
  | "thanh_pho_tw" // thành phố trực thuộc trung ương
  | "so" // sở
  | "ban" // ban (Ban Quản lý …)
  | "nganh" // other provincial agency (Văn phòng UBND, Thanh tra, Công an …)
  | "quan"
  | "huyen"
  | "thi_xa"
  | "thanh_pho" // thành phố thuộc tỉnh
  | "xa"
  | "phuong"
  | "thi_tran"
  | "dac_khu";

/** province: the province itself; department: sở/ban/ngành; district: quận/huyện/thị xã; commune: xã/phường. */
export type UnitLevel = "province" | "department" | "district" | "commune";

export interface Unit {
  /** Stable id, e.g. "HN.Q.TAY_HO", "HN.S.TU_PHAP", "HN.X.10103028". */
  readonly id: string;
  /** Official name as the appendix prints it: "UBND quận Tây Hồ", "Sở Tư pháp". */
  readonly name: string;
  /** Name without the administrative prefix: "Tây Hồ". */
  readonly shortName: string;
  readonly kind: UnitKind;
  readonly level: UnitLevel;
  readonly parentId?: string;
  /** Other spellings seen in letters and on the portal (matched after folding). */
  readonly aliases?: readonly string[];
  /** ISO date (inclusive) from which the unit exists. */
  readonly validFrom?: string;
  /** ISO date (exclusive) from which it no longer exists. */
  readonly validTo?: string;
  /** Official code (district / ward code, portal code such as "H26"). */
  readonly code?: string;
  /** Units this one was formed from (merger or reorganisation), by id. */
  readonly predecessors?: readonly string[];
  /**
   * Units whose area this one mainly took over in a reorganisation that was not a merger (Hà Nội's
   * communes of 1/7/2025 and the district each mainly came from), by id. Comparisons still show the
   * unit as new; history follows the former unit's line up to the reorganisation.
   */
  readonly formerUnits?: readonly string[];
  /** For a unit formed from parts of others: a short Vietnamese note for comparisons. */
  readonly successionNote?: string;
}

export interface Catalog {
  readonly id: string;
  /** "Thành phố Hà Nội". */
  readonly provinceName: string;
  /** "Thành phố" / "Tỉnh": how the letters refer to the province ("toàn thành phố"). */
  readonly provinceWord: string;
  /** Every unit the province ever had, each with its validity range. */
  readonly units: readonly Unit[];
  /** ISO date of the two-level reform (districts abolished), when the ranked level changes. */
  readonly reformDate?: string;
}

// ------------------------------------------------------------------ periods

export type Period =
  | { readonly kind: "month"; readonly year: number; readonly month: number }
  | { readonly kind: "quarter"; readonly year: number; readonly quarter: number }
  | { readonly kind: "year"; readonly year: number };

// ------------------------------------------------------------------ methodology

export type GroupCode = "CKMB" | "TDGQ" | "CLGQ" | "TTTT" | "MDHL" | "MDSH";

export type ZeroDenominatorPolicy =
  /** No data → full points (PAKN indicators: no petition, nothing handled late). */
  | "full"
  /** No data → 0 points (satisfaction with dossiers, payment). */
  | "zero"
  /** No data → not scored (the portal shows null; it counts 0 in the group). */
  | "none";

/**
 * How the portal turns an indicator's figures into points (both round half away from zero to 2 decimals):
 * - "ratio": max × min(1, (numerator / denominator) / threshold) on the exact ratio;
 * - "rounded-rate": the rate first rounded to 2 decimals in percent, then (max × rate) / (threshold in
 *   percent) computed in binary floating point and rounded on that binary value (6 × 93.25% = 5.595 is
 *   5.5949999… → 5.59, while 6 × 78.25% = 4.695 is 4.6950000…3 → 4.70).
 */
export type PointsArithmetic = "ratio" | "rounded-rate";

export type IndicatorRule =
  /** points = round2(max × min(1, rate / threshold)); threshold 1 is plain linear. */
  | { readonly type: "linear"; readonly threshold: number; readonly arithmetic?: PointsArithmetic }
  /** The portal awards fixed points whatever the data (4.6 chứng thực điện tử: always 2/2). */
  | { readonly type: "fixed"; readonly points: number }
  /** Shown, not scored. */
  | { readonly type: "display" };

export interface IndicatorDef {
  readonly code: string;
  readonly group: GroupCode;
  /** "1.4" */
  readonly number: string;
  readonly nameVi: string;
  readonly maxPoints: number;
  readonly rule: IndicatorRule;
  readonly zeroDenominator: ZeroDenominatorPolicy;
  /** How sure we are of the rule (766-methodology.md legend). */
  readonly confidence: "confirmed-data" | "confirmed-text" | "inferred" | "unknown";
}

export interface GroupDef {
  readonly code: GroupCode;
  readonly nameVi: string;
  readonly maxPoints: number;
}

export interface Methodology {
  readonly id: string;
  readonly nameVi: string;
  /** ISO date from which this version applies (inclusive). */
  readonly effectiveFrom: string;
  readonly groups: readonly GroupDef[];
  readonly indicators: readonly IndicatorDef[];
  /** Rounding of each component: half-up to 2 decimals; totals are plain sums. */
  readonly componentDecimals: 2;
  readonly note: string;
}

// ------------------------------------------------------------------ input datasets

export interface IndicatorInput {
  readonly numerator?: Cell;
  readonly denominator?: Cell;
  /** Percent, 0–100. */
  readonly rate?: Cell;
  /** Points as published (checked against the recomputed points). */
  readonly points?: Cell;
}

/** One unit's scores (Phụ lục 2 and the portal's unit rows). */
export interface UnitScoreInput {
  /** The unit as written ("UBND quận Tây Hồ", "UBND quan Tay Ho", "Sở Tư pháp - Tỉnh Phú Thọ") or an id. */
  readonly unit: string;
  readonly total?: Cell;
  readonly groups?: Partial<Record<GroupCode, Cell>>;
  readonly indicators?: Readonly<Record<string, IndicatorInput>>;
  /** The delta as the letter printed it ("Tăng 0.92"), to check against the computed one. */
  readonly statedDelta?: Cell;
  /** The portal's own data-quality flags, carried through. */
  readonly dataQuality?: readonly { readonly code: string; readonly message: string; readonly indicator?: string }[];
}

/** Overdue dossiers still being processed, per unit (Phụ lục 3). Cumulative, not per period. */
export interface OverdueDossierInput {
  readonly unit: string;
  readonly total?: Cell;
  /** Cấp huyện (district level), where the unit is a district. */
  readonly districtLevel?: Cell;
  /** Cấp xã (commune level), where the unit is a district. */
  readonly communeLevel?: Cell;
}

/** Overdue citizen petitions per unit (Phụ lục 4): total = chưa tiếp nhận + chậm xử lý. */
export interface OverduePetitionInput {
  readonly unit: string;
  readonly total?: Cell;
  readonly notReceived?: Cell;
  readonly late?: Cell;
  readonly note?: string;
}

/**
 * The province's own result (Phụ lục 1): total, group points, and every indicator the letter shows,
 * with counts. Keys of `indicators` are methodology codes plus the display items of
 * {@link SUMMARY_ITEMS}.
 */
export interface ProvinceSummaryInput {
  readonly total?: Cell;
  readonly groups?: Partial<Record<GroupCode, Cell>>;
  readonly indicators?: Readonly<Record<string, IndicatorInput>>;
  /** Rank among provinces, as the portal shows it (61), and out of how many (63). */
  readonly rank?: Cell;
  readonly rankOf?: Cell;
  /** Deltas as Phụ lục 1 printed them, by row key ("total", "CKMB", "DOSSIER_SYNC", …). */
  readonly statedDeltas?: Readonly<Record<string, Cell>>;
}

/** The figures the letter's text states, to check against the appendices. */
export interface LetterStatedInput {
  /** "62.28/100 điểm" */
  readonly total?: Cell;
  /** "tăng 1.29 điểm" */
  readonly delta?: Cell;
  readonly rank?: Cell;
  readonly rankOf?: Cell;
}

/** One period's datasets. */
export interface PeriodDatasets {
  /** "2024-12", "2025-Q1", "2025", or a {@link Period}. */
  readonly period: string | Period;
  /** When the portal's figures were read, ISO 8601 with offset ("2025-01-06T09:00:00+07:00"). */
  readonly dataTimestamp?: string;
  readonly summary?: ProvinceSummaryInput;
  readonly unitScores?: readonly UnitScoreInput[];
  readonly overdueDossiers?: readonly OverdueDossierInput[];
  readonly overduePetitions?: readonly OverduePetitionInput[];
}

export interface ReportInput extends PeriodDatasets {
  /** Catalog id ("HN"). */
  readonly province: string;
  /** Last period's datasets, for deltas; omit and every delta is "Mới". */
  readonly previous?: PeriodDatasets;
  readonly letter?: LetterStatedInput;
}

// ------------------------------------------------------------------ the national picture

/** One province of a national summary, as the portal (or the clerk) gives it. */
export interface NationalProvinceInput {
  /** Portal code ("H26") or the project's short code ("HN"). */
  readonly code: string;
  readonly name: string;
  readonly total: number | null;
  readonly groups?: Partial<Record<GroupCode, number | null>>;
  /** A rank as stated (a letter, an old list): kept before 1/7/2025, checked against the totals after. */
  readonly rank?: number | null;
}

export interface NationalSummaryInput {
  /** "2026-08", "2026-Q3", "2026", or a {@link Period}. */
  readonly period: string | Period;
  readonly provinces: readonly NationalProvinceInput[];
}

/** The national summaries a report's headline takes its rank from (shared/national/ranking.ts). */
export interface NationalBuildInput {
  /**
   * The report's period's summary (its period must be the report's); null when it was expected but
   * could not be had (the portal failed): the headline then lacks its rank, and an issue says why.
   */
  readonly current: NationalSummaryInput | null;
  /** Why `current` is null (Vietnamese), e.g. the portal's error. */
  readonly unavailable?: string;
  /** Last period's, for the change in places. */
  readonly previous?: NationalSummaryInput | null;
  /** The province's code in the summaries ("H26", or the short code they use). */
  readonly province: string;
}

/**
 * Display order among units with equal figures: Vietnamese collation of the printed name, or the
 * order of the input (the portal's or the clerk's, as seed 000's Phụ lục 4 keeps it).
 */
export type TieOrder = "collation" | "input";

// ------------------------------------------------------------------ issues

export type Severity = "error" | "warning" | "info";

export type DatasetName = "summary" | "unitScores" | "overdueDossiers" | "overduePetitions" | "letter" | "input";

export interface IssueLocation {
  readonly dataset: DatasetName;
  /** Which period's data: the report's own or the previous one. */
  readonly period?: "current" | "previous";
  /** 1-based row within the dataset (as the clerk counts rows). */
  readonly row?: number;
  /** Field name ("total", "districtLevel", "indicators.DOSSIER_SYNC.rate"). */
  readonly column?: string;
  /** Resolved unit id or, if unresolved, the name as written. */
  readonly unit?: string;
}

/**
 * Where a parsed row came from, carried by the row through every stage of a build: the dataset, the
 * period, the 1-based row and the unit (id, or the name as written when unresolved). An issue about
 * one of the row's cells adds the column.
 */
export type RowRef = Omit<IssueLocation, "column">;

export interface Issue {
  readonly severity: Severity;
  readonly code: string;
  /** Vietnamese, names the appendix, row and unit. */
  readonly message: string;
  readonly location: IssueLocation;
  /** Machine-readable details: expected/actual figures, candidate units. */
  readonly details?: Readonly<Record<string, unknown>>;
}

// ------------------------------------------------------------------ targets (what to fix)

/**
 * A rate a unit is asked to reach: a threshold of the methodology (full points) or a target a letter
 * or plan set ("Tỷ lệ hồ sơ thanh toán trực tuyến đạt tối thiểu 55%"). Versioned by dates; a province
 * overrides a built-in target by giving one with the same id (shared/plan/targets.ts).
 */
export interface Target {
  /** Stable id: "766.PAY_DOSSIERS" (a methodology threshold), "HN-2562-2024.PAY_DOSSIERS" (a letter's target). */
  readonly id: string;
  /** The methodology code whose rate the target is about; absent: a target no indicator measures (not judged). */
  readonly indicator?: string;
  /** "Tỷ lệ hồ sơ thanh toán trực tuyến đạt tối thiểu 55%". */
  readonly nameVi: string;
  /** The rate to reach, in percent (55 for 55%). */
  readonly minRatePercent: number;
  /** ISO date (inclusive) from which the target applies. */
  readonly effectiveFrom: string;
  /** ISO date (exclusive) from which it no longer applies; absent: until replaced. */
  readonly effectiveTo?: string;
  /** Which document set it: "Văn bản số 2562/UBND-KSTTHC của UBND thành phố Hà Nội (tháng 8/2024)". */
  readonly source: string;
  /** "threshold": the methodology's full-points threshold; "plan": a target set by a letter, report or plan. */
  readonly kind?: "threshold" | "plan";
}
