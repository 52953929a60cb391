/**
 * Checks beyond reading: arithmetic inside a row, sums across rows, ranges, duplicates, missing units,
 * recomputed points against published ones. Each finding is an {@link Issue}; nothing here throws or
 * changes the data.
 */
import { agrees, scoreUnitWith, type UnitScoring } from "../rules/score";
import { ISSUE_CODES, issue, where } from "../issues";
import { groupDef } from "../rules/methodology";
import type { GroupCode, IndicatorDef, Issue, IssueLocation, Methodology, Unit } from "../model";
import type { ParsedIndicator, ParsedOverdueDossier, ParsedOverduePetition, ParsedSummary, ParsedUnitScore } from "../input/read";
import { decimalsOf, halfUnit, pointsTolerance, toHundredths } from "../rounding";
import { formatCount, formatPercent, formatPoints } from "../text/vn-number";

type Tag = "current" | "previous";

const pts = (v: number) => formatPoints(v);
/** Print figures with the decimals their siblings were printed with ("6.0" beside "10.4"). */
const printedAs = (values: readonly number[]) => {
  const d = Math.max(0, ...values.map(decimalsOf));
  return { minDecimals: d, maxDecimals: Math.max(d, 2) };
};

function at(dataset: IssueLocation["dataset"], tag: Tag, row?: number, column?: string, unit?: string): IssueLocation {
  return { dataset, period: tag, ...(row !== undefined ? { row } : {}), ...(column ? { column } : {}), ...(unit ? { unit } : {}) };
}

/** Duplicated units in one dataset: the second and later rows are errors naming the first. */
export function checkDuplicates(rows: readonly { row: number; key: string; displayName: string; unit: Unit | null }[], dataset: IssueLocation["dataset"], tag: Tag, issues: Issue[]): void {
  const first = new Map<string, number>();
  for (const r of rows) {
    if (!r.unit) continue;
    const seen = first.get(r.key);
    if (seen === undefined) {
      first.set(r.key, r.row);
      continue;
    }
    const l = at(dataset, tag, r.row, "unit", r.key);
    issues.push(issue("error", ISSUE_CODES.DUPLICATE_UNIT, l, `${where(l, r.displayName)}: đơn vị trùng với dòng ${seen}. Mỗi đơn vị chỉ được có một dòng.`, { firstRow: seen }));
  }
}

/**
 * Tolerance for a sum of printed points: each part may be off by half a unit in the last place the
 * parts were printed with ("6.0" reads back as 6 but was printed like its siblings, to 1 decimal).
 */
function sumTolerance(parts: readonly number[], total: number): number {
  const decimals = Math.max(0, ...parts.map(decimalsOf));
  return parts.length * halfUnit(decimals === 0 ? 2 : decimals) + pointsTolerance(total) + 1e-9;
}

const defIndex = new WeakMap<Methodology, Map<string, IndicatorDef>>();
function defsOf(m: Methodology): Map<string, IndicatorDef> {
  let map = defIndex.get(m);
  if (!map) defIndex.set(m, (map = new Map(m.indicators.map((d) => [d.code, d]))));
  return map;
}

/** Which groups have a scored indicator whose rule is only inferred (their mismatches are warnings). */
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

const labelOf = (def: IndicatorDef | undefined, code: string) => (def ? `${def.number} ${def.nameVi}` : code);

/** One indicator's own figures: percent range, numerator ≤ denominator, rate against counts, points ≤ max. */
export function checkIndicator(
  m: Methodology,
  code: string,
  ind: ParsedIndicator,
  dataset: IssueLocation["dataset"],
  tag: Tag,
  row: number | undefined,
  unitName: string | undefined,
  unitKey: string | undefined,
  issues: Issue[],
): void {
  const { numerator, denominator, rate, points } = ind;
  // The plain case needs no look-up: no rate, numerator within denominator, no points above 0.
  if (rate === null && (numerator === null || denominator === null || numerator <= denominator) && (points === null || points === 0)) return;
  const def = defsOf(m).get(code);
  if (ind.rate !== null && (ind.rate < 0 || ind.rate > 100)) {
    const l = at(dataset, tag, row, `indicators.${code}.rate`, unitKey);
    issues.push(issue("error", ISSUE_CODES.PERCENT_OUT_OF_RANGE, l, `${where(l, unitName)}, ${labelOf(def, code)}: tỷ lệ ${formatPercent(ind.rate)} nằm ngoài 0–100%.`, { rate: ind.rate }));
  }
  if (ind.numerator !== null && ind.denominator !== null) {
    if (ind.numerator > ind.denominator) {
      const l = at(dataset, tag, row, `indicators.${code}.numerator`, unitKey);
      issues.push(
        issue("error", ISSUE_CODES.NUMERATOR_EXCEEDS_DENOMINATOR, l, `${where(l, unitName)}, ${labelOf(def, code)}: tử số ${formatCount(ind.numerator)} lớn hơn mẫu số ${formatCount(ind.denominator)}.`, {
          numerator: ind.numerator,
          denominator: ind.denominator,
        }),
      );
    } else if (ind.rate !== null && ind.denominator > 0) {
      const exact = (ind.numerator / ind.denominator) * 100;
      const gap = Math.abs(exact - ind.rate);
      if (gap > 0.005 + 1e-9 && gap > halfUnit(decimalsOf(ind.rate)) + 1e-9) {
        const l = at(dataset, tag, row, `indicators.${code}.rate`, unitKey);
        issues.push(
          issue(
            "error",
            ISSUE_CODES.RATE_MISMATCH,
            l,
            `${where(l, unitName)}, ${labelOf(def, code)}: tỷ lệ ghi ${formatPercent(ind.rate)} nhưng ${formatCount(ind.numerator)}/${formatCount(ind.denominator)} = ${formatPercent(exact)}.`,
            { stated: ind.rate, computed: Math.round(exact * 100) / 100 },
          ),
        );
      }
    }
  }
  if (def && ind.points !== null && (ind.points < 0 || ind.points > def.maxPoints + 1e-9)) {
    const l = at(dataset, tag, row, `indicators.${code}.points`, unitKey);
    issues.push(issue("error", ISSUE_CODES.POINTS_OUT_OF_RANGE, l, `${where(l, unitName)}, ${labelOf(def, code)}: ${pts(ind.points)} điểm vượt khung 0–${pts(def.maxPoints)}.`, { points: ind.points, max: def.maxPoints }));
  }
}

/** An indicator whose recomputed points disagree with the published ones. */
function indicatorMismatch(
  def: IndicatorDef,
  published: number,
  points: number,
  dataset: IssueLocation["dataset"],
  tag: Tag,
  row: number | undefined,
  unitName: string | undefined,
  unitKey: string | undefined,
  issues: Issue[],
): void {
  const isInferred = def.confidence === "inferred";
  const l = at(dataset, tag, row, `indicators.${def.code}.points`, unitKey);
  issues.push(
    issue(severityOf(isInferred), ISSUE_CODES.POINTS_MISMATCH, l, `${where(l, unitName)}, ${labelOf(def, def.code)}: điểm công bố ${pts(published)}, tính lại ${pts(points)}${noteOf(isInferred)}.`, {
      indicator: def.code,
      published,
      recomputed: points,
    }),
  );
}

/** Score a unit, reporting each indicator whose published points disagree as it goes. */
function scoreAndCheck(
  m: Methodology,
  indicators: Readonly<Record<string, ParsedIndicator>>,
  groups: Partial<Record<GroupCode, number | null>>,
  total: number | null,
  dataset: IssueLocation["dataset"],
  tag: Tag,
  row: number | undefined,
  unitName: string | undefined,
  unitKey: string | undefined,
  issues: Issue[],
): UnitScoring {
  return scoreUnitWith(m, indicators, groups, total, (_i, def, points, _rate, _basis, published) => {
    if (published !== null && points !== null && !agrees(published, points)) indicatorMismatch(def, published, points, dataset, tag, row, unitName, unitKey, issues);
  });
}

/** Group and total points: ranges, sums, and recomputed against published. */
function checkScores(
  m: Methodology,
  scoring: UnitScoring,
  groups: Partial<Record<GroupCode, number | null>>,
  total: number | null,
  dataset: IssueLocation["dataset"],
  tag: Tag,
  row: number | undefined,
  unitName: string | undefined,
  unitKey: string | undefined,
  issues: Issue[],
): void {
  const inferred = inferredOf(m);
  if (total !== null && (total < 0 || total > 100)) {
    const l = at(dataset, tag, row, "total", unitKey);
    issues.push(issue("error", ISSUE_CODES.POINTS_OUT_OF_RANGE, l, `${where(l, unitName)}: tổng điểm ${pts(total)} nằm ngoài 0–100.`, { points: total, max: 100 }));
  }
  let given = 0;
  let sumHundredths = 0;
  for (const g of m.groups) {
    const v = groups[g.code];
    if (v === undefined || v === null) continue;
    given++;
    sumHundredths += toHundredths(v);
    if (v < 0 || v > g.maxPoints + 1e-9) {
      const l = at(dataset, tag, row, `groups.${g.code}`, unitKey);
      issues.push(issue("error", ISSUE_CODES.POINTS_OUT_OF_RANGE, l, `${where(l, unitName)}, nhóm "${g.nameVi}": ${pts(v)} điểm vượt khung 0–${pts(g.maxPoints)}.`, { points: v, max: g.maxPoints }));
    }
  }
  if (total !== null && given === m.groups.length) {
    const sum = sumHundredths / 100;
    const gap = Math.abs(sum - total);
    const values = gap > 0.005 ? m.groups.map((g) => groups[g.code] as number) : [];
    if (gap > 0.005 && gap > sumTolerance(values, total)) {
      const l = at(dataset, tag, row, "total", unitKey);
      issues.push(
        issue(
          "error",
          ISSUE_CODES.GROUPS_SUM_MISMATCH,
          l,
          `${where(l, unitName)}: tổng điểm các nhóm ${values.map((v) => formatPoints(v, printedAs(values))).join(" + ")} = ${formatPoints(sum, printedAs(values))}, nhưng tổng điểm ghi ${pts(total)} (lệch ${pts(gap)}). Tổng điểm là tổng cộng điểm các nhóm.`,
          { groupsSum: sum, total },
        ),
      );
    }
  }
  // Group points are printed alike ("6.0/10" beside "10.4/18"): "6.0" reads back as 6 but carries
  // its siblings' precision.
  let groupDecimals = -1;
  for (const g of scoring.groups) {
    if (g.recomputed === null || g.published === null) continue;
    const gap = Math.abs(g.published - g.recomputed);
    if (gap <= 0.01 + 1e-9) continue;
    if (groupDecimals < 0) groupDecimals = Math.max(0, ...scoring.groups.map((x) => (x.published === null ? 0 : decimalsOf(x.published))));
    if (gap > halfUnit(groupDecimals || 2) + 1e-9) {
      const isInferred = inferred.groups.has(g.code);
      const l = at(dataset, tag, row, `groups.${g.code}`, unitKey);
      issues.push(
        issue(severityOf(isInferred), ISSUE_CODES.POINTS_MISMATCH, l, `${where(l, unitName)}, nhóm "${groupDef(m, g.code).nameVi}": điểm công bố ${pts(g.published)}, tính lại từ các chỉ tiêu ${pts(g.recomputed)}${noteOf(isInferred)}.`, {
          group: g.code,
          published: g.published,
          recomputed: g.recomputed,
        }),
      );
    }
  }
  if (total !== null && scoring.recomputedTotal !== null && !agrees(total, scoring.recomputedTotal)) {
    const l = at(dataset, tag, row, "total", unitKey);
    issues.push(
      issue(severityOf(inferred.any), ISSUE_CODES.POINTS_MISMATCH, l, `${where(l, unitName)}: tổng điểm công bố ${pts(total)}, tính lại ${pts(scoring.recomputedTotal)}${noteOf(inferred.any)}.`, {
        published: total,
        recomputed: scoring.recomputedTotal,
      }),
    );
  }
}

export function validateUnitScores(m: Methodology, rows: readonly ParsedUnitScore[], tag: Tag, issues: Issue[]): Map<string, UnitScoring> {
  checkDuplicates(rows, "unitScores", tag, issues);
  const scorings = new Map<string, UnitScoring>();
  for (const r of rows) {
    const scoring = scoreAndCheck(m, r.indicators, r.groups, r.total, "unitScores", tag, r.row, r.displayName, r.key, issues);
    scorings.set(r.key, scoring);
    checkScores(m, scoring, r.groups, r.total, "unitScores", tag, r.row, r.displayName, r.key, issues);
    for (const q of r.dataQuality) {
      const l = at("unitScores", tag, r.row, q.indicator ? `indicators.${q.indicator}` : undefined, r.key);
      issues.push(issue("warning", ISSUE_CODES.PORTAL_DATA_QUALITY, l, `${where(l, r.displayName)}: Cổng DVCQG cảnh báo chất lượng số liệu${q.indicator ? ` (${q.indicator})` : ""}: ${q.message}`, { portalCode: q.code }));
    }
  }
  return scorings;
}

export function validateSummary(m: Methodology, s: ParsedSummary, tag: Tag, issues: Issue[]): UnitScoring {
  const scoring = scoreAndCheck(m, s.indicators, s.groups, s.total, "summary", tag, undefined, undefined, undefined, issues);
  checkScores(m, scoring, s.groups, s.total, "summary", tag, undefined, undefined, undefined, issues);
  if (s.rank !== null && s.rankOf !== null && s.rank > s.rankOf) {
    const l = at("summary", tag, undefined, "rank");
    issues.push(issue("error", ISSUE_CODES.POINTS_OUT_OF_RANGE, l, `${where(l)}: xếp hạng ${s.rank}/${s.rankOf} không hợp lệ.`));
  }
  return scoring;
}

export function validateOverdueDossiers(rows: readonly ParsedOverdueDossier[], tag: Tag, issues: Issue[]): void {
  checkDuplicates(rows, "overdueDossiers", tag, issues);
  for (const r of rows) {
    const { total, districtLevel: d, communeLevel: c } = r;
    if (total === null) continue;
    if (d !== null && c !== null && d + c !== total) {
      const l = at("overdueDossiers", tag, r.row, "total", r.key);
      issues.push(
        issue("error", ISSUE_CODES.PARTS_SUM_MISMATCH, l, `${where(l, r.displayName)}: Tổng ${formatCount(total)} ≠ Cấp huyện ${formatCount(d)} + Cấp xã ${formatCount(c)} = ${formatCount(d + c)}.`, {
          total,
          parts: [d, c],
          partsSum: d + c,
        }),
      );
    } else {
      for (const [part, value] of [["districtLevel", d], ["communeLevel", c]] as const) {
        if (value !== null && value > total) {
          const l = at("overdueDossiers", tag, r.row, part, r.key);
          issues.push(issue("error", ISSUE_CODES.PARTS_SUM_MISMATCH, l, `${where(l, r.displayName)}: số ${part === "districtLevel" ? "cấp huyện" : "cấp xã"} ${formatCount(value)} lớn hơn tổng ${formatCount(total)}.`, { total, part: value }));
        }
      }
    }
    if ((d !== null || c !== null) && r.unit && r.unit.level !== "district") {
      const l = at("overdueDossiers", tag, r.row, d !== null ? "districtLevel" : "communeLevel", r.key);
      issues.push(issue("warning", ISSUE_CODES.SPLIT_NOT_APPLICABLE, l, `${where(l, r.displayName)}: chỉ quận, huyện, thị xã mới tách cấp huyện / cấp xã.`));
    }
  }
}

export function validateOverduePetitions(rows: readonly ParsedOverduePetition[], tag: Tag, issues: Issue[]): void {
  checkDuplicates(rows, "overduePetitions", tag, issues);
  for (const r of rows) {
    const { total, notReceived: a, late: b } = r;
    if (total !== null && a !== null && b !== null && a + b !== total) {
      const l = at("overduePetitions", tag, r.row, "total", r.key);
      issues.push(
        issue("error", ISSUE_CODES.PARTS_SUM_MISMATCH, l, `${where(l, r.displayName)}: Tổng số ${formatCount(total)} ≠ Chưa tiếp nhận ${formatCount(a)} + Chậm xử lý ${formatCount(b)} = ${formatCount(a + b)}.`, {
          total,
          parts: [a, b],
          partsSum: a + b,
        }),
      );
    }
  }
}

/** A Phụ lục 3 row's total: as given, else the sum of its two levels. */
export function overdueTotalOf(r: ParsedOverdueDossier): number {
  return r.total ?? (r.districtLevel ?? 0) + (r.communeLevel ?? 0);
}

/** Phụ lục 1's overdue total against the sum of Phụ lục 3 (a warning: Phụ lục 3 may list fewer units). */
export function validateOverdueTotal(summary: ParsedSummary | null, rows: readonly ParsedOverdueDossier[], issues: Issue[]): void {
  const stated = summary?.indicators["OVERDUE_IN_PROGRESS"]?.numerator ?? null;
  if (stated === null || rows.length === 0) return;
  const sum = rows.reduce((t, r) => t + overdueTotalOf(r), 0);
  if (sum !== stated) {
    const l = at("summary", "current", undefined, "indicators.OVERDUE_IN_PROGRESS.numerator");
    issues.push(
      issue("warning", ISSUE_CODES.OVERDUE_TOTAL_MISMATCH, l, `${where(l)}, mục 3.1: tổng số hồ sơ quá hạn ghi ${formatCount(stated)}, nhưng cộng các đơn vị ở Phụ lục 3 được ${formatCount(sum)} (lệch ${formatCount(Math.abs(stated - sum))}).`, {
        stated,
        appendixSum: sum,
      }),
    );
  }
}

/** Units of the ranked level that the catalog has and the data lacks. */
export function validateMissingUnits(expected: readonly Unit[], rows: readonly { unit: Unit | null }[], issues: Issue[]): void {
  const have = new Set(rows.map((r) => r.unit?.id).filter(Boolean));
  const missing = expected.filter((u) => !have.has(u.id));
  if (missing.length === 0 || rows.length === 0) return;
  const l = at("unitScores", "current", undefined, "unit");
  const list = missing.slice(0, 10).map((u) => u.name).join(", ");
  issues.push(
    issue("warning", ISSUE_CODES.MISSING_UNIT, l, `${where(l)}: thiếu ${missing.length}/${expected.length} đơn vị trong danh mục: ${list}${missing.length > 10 ? ", …" : ""}.`, {
      missing: missing.map((u) => u.id),
    }),
  );
}
