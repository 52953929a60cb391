/**
 * Stage 2 — check. The parsed figures against themselves, nothing recomputed: ranges (percent in
 * 0–100, points within the maximum), arithmetic inside a row (parts against total, groups against
 * total, rate against counts, numerator within denominator), sums across rows (Phụ lục 1's overdue
 * total against Phụ lục 3), duplicates, missing units, empty datasets and the portal's own data-quality
 * flags. A unit that appears twice keeps its first row everywhere; the later rows are reported and
 * left out of every later stage.
 */
import { ISSUE_CODES, at, issue, where, type Staged } from "../issues";
import type { DatasetName, GroupCode, IndicatorDef, Issue, Methodology, RowRef, Unit } from "../model";
import { above, decimalsOf, differs, HALF_HUNDREDTH, percent2, percentTolerance, sumTolerance, toHundredths } from "../rounding";
import type { ParsedIndicator } from "../rules/points";
import { formatCount, formatPercent, formatPoints } from "../text/vn-number";
import type { BuildContext, PeriodFrame } from "../input/context";
import { NO_INDICATORS, locationOf, overdueTotal, rowRef, type RowLocation, type ParsedOverdueDossier, type ParsedOverduePetition, type ParsedPeriod, type ParsedRow, type ParsedSummary, type ParsedUnitScore, type ReadDatasets } from "../input/read";

/** The datasets as later stages use them: duplicates left out. */
export type CheckedDatasets = ReadDatasets;

type Tag = "current" | "previous";

export function check(read: ReadDatasets, ctx: BuildContext): Staged<CheckedDatasets> {
  const issues: Issue[] = [];
  const current = checkPeriod(read.current, ctx.current, "current", issues);
  const previous = read.previous && ctx.previous ? checkPeriod(read.previous, ctx.previous, "previous", issues) : null;
  checkOverdueTotal(current, issues);
  checkMissingUnits(current, ctx, issues);
  checkEmpty(current, issues);
  return { value: { current, previous, letter: read.letter }, issues };
}

function checkPeriod(p: ParsedPeriod, frame: PeriodFrame, tag: Tag, issues: Issue[]): ParsedPeriod {
  const m = frame.methodology;
  const slots = frame.resolver.units.length;
  const unitScores = withoutDuplicates(p.unitScores, slots, issues);
  const overdueDossiers = withoutDuplicates(p.overdueDossiers, slots, issues);
  const overduePetitions = withoutDuplicates(p.overduePetitions, slots, issues);
  for (let i = 0; i < unitScores.length; i++) {
    const r = unitScores[i] as ParsedUnitScore;
    checkFigures(m, r, r.identity.displayName, r.indicators, r.indicatorCodes, r.groups, r.total, issues);
    for (let k = 0; k < r.dataQuality.length; k++) {
      const q = r.dataQuality[k] as ParsedUnitScore["dataQuality"][number];
      const l = at(rowRef(r), q.indicator ? `indicators.${q.indicator}` : undefined);
      issues.push(issue("warning", ISSUE_CODES.PORTAL_DATA_QUALITY, l, `${where(l, r.identity.displayName)}: Cổng DVCQG cảnh báo chất lượng số liệu${q.indicator ? ` (${q.indicator})` : ""}: ${q.message}`, { portalCode: q.code }));
    }
  }
  if (p.summary) checkSummary(m, p.summary, tag, issues);
  for (let i = 0; i < overdueDossiers.length; i++) checkOverdueRow(overdueDossiers[i] as ParsedOverdueDossier, issues);
  for (let i = 0; i < overduePetitions.length; i++) checkPetitionRow(overduePetitions[i] as ParsedOverduePetition, issues);
  return { ...p, unitScores, overdueDossiers, overduePetitions };
}

// ------------------------------------------------------------------------------ duplicates

/** The rows with each unit's first row only; every later row of the same unit is an error naming the first. */
function withoutDuplicates<T extends ParsedRow>(rows: readonly T[], slots: number, issues: Issue[]): readonly T[] {
  // First row of each unit: by slot for resolved units, by key for the others.
  const firstBySlot = new Int32Array(slots);
  let firstByKey: Map<string, number> | null = null;
  let kept: T[] | null = null;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as T;
    const row = r.row;
    const { slot, key } = r.identity;
    let seen = 0;
    if (slot >= 0) {
      seen = firstBySlot[slot] as number;
      if (seen === 0) firstBySlot[slot] = row;
    } else {
      seen = (firstByKey ??= new Map()).get(key) ?? 0;
      if (seen === 0) firstByKey.set(key, row);
    }
    if (seen === 0) {
      kept?.push(r);
      continue;
    }
    kept ??= rows.slice(0, i);
    const l = at(rowRef(r), "unit");
    issues.push(issue("error", ISSUE_CODES.DUPLICATE_UNIT, l, `${where(l, r.identity.displayName || r.identity.unitText)}: đơn vị trùng với dòng ${seen}; dùng số liệu dòng ${seen}, bỏ qua dòng này. Mỗi đơn vị chỉ được có một dòng.`, { firstRow: seen }));
  }
  return kept ?? rows;
}

// ------------------------------------------------------------------------------ a row's figures

// Owner: the check stage — each methodology's indicators by code, built once (methodologies are immutable).
const defIndex = new WeakMap<Methodology, Map<string, IndicatorDef>>();
function defsOf(m: Methodology): Map<string, IndicatorDef> {
  let map = defIndex.get(m);
  if (!map) defIndex.set(m, (map = new Map(m.indicators.map((d) => [d.code, d]))));
  return map;
}

const labelOf = (def: IndicatorDef | undefined, code: string) => (def ? `${def.number} ${def.nameVi}` : code);

/** Print figures with the decimals their siblings were printed with ("6.0" beside "10.4"). */
const printedAs = (values: readonly number[]) => {
  const d = Math.max(0, ...values.map(decimalsOf));
  return { minDecimals: d, maxDecimals: Math.max(d, 2) };
};

/** A unit's (or the province's) indicators, group points and total, each against itself. */
function checkFigures(
  m: Methodology,
  row: RowLocation,
  unitName: string | undefined,
  indicators: Readonly<Record<string, ParsedIndicator>>,
  codes: readonly string[] | null,
  groups: Partial<Record<GroupCode, number | null>>,
  total: number | null,
  issues: Issue[],
): void {
  if (codes) {
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i] as string;
      const ind = indicators[code];
      if (ind) checkIndicator(m, code, ind, row, unitName, issues);
    }
  } else if (indicators !== NO_INDICATORS) {
    for (const code in indicators) {
      const ind = indicators[code];
      if (ind) checkIndicator(m, code, ind, row, unitName, issues);
    }
  }
  if (total !== null && (total < 0 || above(total, 100))) {
    const l = at(locationOf(row), "total");
    issues.push(issue("error", ISSUE_CODES.POINTS_OUT_OF_RANGE, l, `${where(l, unitName)}: tổng điểm ${formatPoints(total)} nằm ngoài 0–100.`, { points: total, max: 100 }));
  }
  let given = 0;
  let sumHundredths = 0;
  for (let i = 0; i < m.groups.length; i++) {
    const g = m.groups[i] as Methodology["groups"][number];
    const v = groups[g.code];
    if (v === undefined || v === null) continue;
    given++;
    sumHundredths += toHundredths(v);
    if (v < 0 || above(v, g.maxPoints)) {
      const l = at(locationOf(row), `groups.${g.code}`);
      issues.push(issue("error", ISSUE_CODES.POINTS_OUT_OF_RANGE, l, `${where(l, unitName)}, nhóm "${g.nameVi}": ${formatPoints(v)} điểm vượt khung 0–${formatPoints(g.maxPoints)}.`, { points: v, max: g.maxPoints }));
    }
  }
  if (total === null || given !== m.groups.length) return;
  const sum = sumHundredths / 100;
  if (!differs(sum, total, HALF_HUNDREDTH)) return;
  const values = m.groups.map((g) => groups[g.code] as number);
  if (!differs(sum, total, sumTolerance(values, total))) return;
  const l = at(locationOf(row), "total");
  issues.push(
    issue(
      "error",
      ISSUE_CODES.GROUPS_SUM_MISMATCH,
      l,
      `${where(l, unitName)}: tổng điểm các nhóm ${values.map((v) => formatPoints(v, printedAs(values))).join(" + ")} = ${formatPoints(sum, printedAs(values))}, nhưng tổng điểm ghi ${formatPoints(total)} (lệch ${formatPoints(Math.abs(sum - total))}). Tổng điểm là tổng cộng điểm các nhóm.`,
      { groupsSum: sum, total },
    ),
  );
}

/** One indicator's own figures: percent range, numerator ≤ denominator, rate against counts, points ≤ max. */
function checkIndicator(m: Methodology, code: string, ind: ParsedIndicator, row: RowLocation, unitName: string | undefined, issues: Issue[]): void {
  const { numerator, denominator, rate, points } = ind;
  // The plain case needs no look-up: no rate, numerator within denominator, no points above 0.
  if (rate === null && (numerator === null || denominator === null || numerator <= denominator) && (points === null || points === 0)) return;
  const def = defsOf(m).get(code);
  if (rate !== null && (rate < 0 || rate > 100)) {
    const l = at(locationOf(row), `indicators.${code}.rate`);
    issues.push(issue("error", ISSUE_CODES.PERCENT_OUT_OF_RANGE, l, `${where(l, unitName)}, ${labelOf(def, code)}: tỷ lệ ${formatPercent(rate)} nằm ngoài 0–100%.`, { rate }));
  }
  if (numerator !== null && denominator !== null) {
    if (numerator > denominator) {
      const l = at(locationOf(row), `indicators.${code}.numerator`);
      issues.push(
        issue("error", ISSUE_CODES.NUMERATOR_EXCEEDS_DENOMINATOR, l, `${where(l, unitName)}, ${labelOf(def, code)}: tử số ${formatCount(numerator)} lớn hơn mẫu số ${formatCount(denominator)}.`, {
          numerator,
          denominator,
        }),
      );
    } else if (rate !== null && denominator > 0) {
      const exact = (numerator / denominator) * 100;
      if (differs(exact, rate, percentTolerance(rate))) {
        const l = at(locationOf(row), `indicators.${code}.rate`);
        issues.push(
          issue("error", ISSUE_CODES.RATE_MISMATCH, l, `${where(l, unitName)}, ${labelOf(def, code)}: tỷ lệ ghi ${formatPercent(rate)} nhưng ${formatCount(numerator)}/${formatCount(denominator)} = ${formatPercent(exact)}.`, {
            stated: rate,
            computed: percent2(numerator, denominator),
          }),
        );
      }
    }
  }
  if (def && points !== null && (points < 0 || above(points, def.maxPoints))) {
    const l = at(locationOf(row), `indicators.${code}.points`);
    issues.push(issue("error", ISSUE_CODES.POINTS_OUT_OF_RANGE, l, `${where(l, unitName)}, ${labelOf(def, code)}: ${formatPoints(points)} điểm vượt khung 0–${formatPoints(def.maxPoints)}.`, { points, max: def.maxPoints }));
  }
}

function checkSummary(m: Methodology, s: ParsedSummary, tag: Tag, issues: Issue[]): void {
  const ref: RowRef = { dataset: "summary", period: tag };
  checkFigures(m, ref, undefined, s.indicators, null, s.groups, s.total, issues);
  if (s.rank !== null && s.rankOf !== null && s.rank > s.rankOf) {
    const l = at(ref, "rank");
    issues.push(issue("error", ISSUE_CODES.POINTS_OUT_OF_RANGE, l, `${where(l)}: xếp hạng ${s.rank}/${s.rankOf} không hợp lệ.`));
  }
}

// ------------------------------------------------------------------------------ Phụ lục 3 and 4 rows

function partAboveTotal(r: ParsedOverdueDossier, part: "districtLevel" | "communeLevel", value: number, total: number, issues: Issue[]): void {
  const l = at(rowRef(r), part);
  issues.push(issue("error", ISSUE_CODES.PARTS_SUM_MISMATCH, l, `${where(l, r.identity.displayName)}: số ${part === "districtLevel" ? "cấp huyện" : "cấp xã"} ${formatCount(value)} lớn hơn tổng ${formatCount(total)}.`, { total, part: value }));
}

function checkOverdueRow(r: ParsedOverdueDossier, issues: Issue[]): void {
  const { total, districtLevel: d, communeLevel: c } = r;
  if (total !== null) {
    if (d !== null && c !== null && d + c !== total) {
      const l = at(rowRef(r), "total");
      issues.push(
        issue("error", ISSUE_CODES.PARTS_SUM_MISMATCH, l, `${where(l, r.identity.displayName)}: Tổng ${formatCount(total)} ≠ Cấp huyện ${formatCount(d)} + Cấp xã ${formatCount(c)} = ${formatCount(d + c)}.`, {
          total,
          parts: [d, c],
          partsSum: d + c,
        }),
      );
    } else {
      if (d !== null && d > total) partAboveTotal(r, "districtLevel", d, total, issues);
      if (c !== null && c > total) partAboveTotal(r, "communeLevel", c, total, issues);
    }
  }
  const unit = r.identity.unit;
  if ((d !== null || c !== null) && unit && unit.level !== "district") {
    const l = at(rowRef(r), d !== null ? "districtLevel" : "communeLevel");
    issues.push(issue("warning", ISSUE_CODES.SPLIT_NOT_APPLICABLE, l, `${where(l, r.identity.displayName)}: chỉ quận, huyện, thị xã mới tách cấp huyện / cấp xã.`));
  }
}

function checkPetitionRow(r: ParsedOverduePetition, issues: Issue[]): void {
  const { total, notReceived: a, late: b } = r;
  if (total !== null && a !== null && b !== null && a + b !== total) {
    const l = at(rowRef(r), "total");
    issues.push(
      issue("error", ISSUE_CODES.PARTS_SUM_MISMATCH, l, `${where(l, r.identity.displayName)}: Tổng số ${formatCount(total)} ≠ Chưa tiếp nhận ${formatCount(a)} + Chậm xử lý ${formatCount(b)} = ${formatCount(a + b)}.`, {
        total,
        parts: [a, b],
        partsSum: a + b,
      }),
    );
  }
}

// ------------------------------------------------------------------------------ across rows

/** Phụ lục 1's overdue total against the sum of Phụ lục 3 (a warning: Phụ lục 3 may list fewer units). */
function checkOverdueTotal(p: ParsedPeriod, issues: Issue[]): void {
  const stated = p.summary?.indicators["OVERDUE_IN_PROGRESS"]?.numerator ?? null;
  if (stated === null || p.overdueDossiers.length === 0) return;
  let sum = 0;
  for (const r of p.overdueDossiers) sum += overdueTotal(r) ?? 0;
  if (sum === stated) return;
  const l = { dataset: "summary" as const, period: "current" as const, column: "indicators.OVERDUE_IN_PROGRESS.numerator" };
  issues.push(
    issue("warning", ISSUE_CODES.OVERDUE_TOTAL_MISMATCH, l, `${where(l)}, mục 3.1: tổng số hồ sơ quá hạn ghi ${formatCount(stated)}, nhưng cộng các đơn vị ở Phụ lục 3 được ${formatCount(sum)} (lệch ${formatCount(Math.abs(stated - sum))}).`, {
      stated,
      appendixSum: sum,
    }),
  );
}

/** Units of the ranked level that the catalog has and the data lacks. */
function checkMissingUnits(p: ParsedPeriod, ctx: BuildContext, issues: Issue[]): void {
  const { units, catalogUnits } = ctx.current.resolver;
  const present = new Uint8Array(units.length);
  let rows = 0;
  for (const r of p.unitScores) {
    if (r.identity.unit?.level !== ctx.rankLevel) continue;
    rows++;
    if (r.identity.slot >= 0) present[r.identity.slot] = 1;
  }
  if (rows === 0) return;
  const missing: Unit[] = [];
  let expected = 0;
  for (let i = 0; i < catalogUnits; i++) {
    const u = units[i] as Unit;
    if (u.level !== ctx.rankLevel) continue;
    expected++;
    if (!present[i]) missing.push(u);
  }
  if (missing.length === 0) return;
  const l = { dataset: "unitScores" as const, period: "current" as const, column: "unit" };
  const list = missing.slice(0, 10).map((u) => u.name).join(", ");
  issues.push(
    issue("warning", ISSUE_CODES.MISSING_UNIT, l, `${where(l)}: thiếu ${missing.length}/${expected} đơn vị trong danh mục: ${list}${missing.length > 10 ? ", …" : ""}.`, {
      missing: missing.map((u) => u.id),
    }),
  );
}

const EMPTY_LABELS: Record<"unitScores" | "overdueDossiers" | "overduePetitions", string> = {
  unitScores: "điểm các đơn vị (Phụ lục 2)",
  overdueDossiers: "hồ sơ quá hạn (Phụ lục 3)",
  overduePetitions: "PAKN quá hạn (Phụ lục 4)",
};

/**
 * No unit rows at all is an error (the appendices would be empty); one empty dataset beside others is
 * a note, so that an empty appendix is never produced in silence.
 */
function checkEmpty(p: ParsedPeriod, issues: Issue[]): void {
  const datasets = ["unitScores", "overdueDossiers", "overduePetitions"] as const;
  const empty = datasets.filter((d) => p[d].length === 0);
  if (empty.length === 0) return;
  if (empty.length === datasets.length) {
    const l = { dataset: "input" as DatasetName, period: "current" as const };
    issues.push(issue("error", ISSUE_CODES.NO_DATA, l, "Không có dòng số liệu đơn vị nào (điểm các đơn vị, hồ sơ quá hạn, PAKN quá hạn đều trống): Phụ lục 2, 3, 4 sẽ trống. Nhập hoặc lấy số liệu từ Cổng DVCQG rồi lập lại.", { empty }));
    return;
  }
  for (const d of empty) {
    const l = { dataset: d, period: "current" as const };
    issues.push(issue("info", ISSUE_CODES.NO_DATA, l, `Chưa có số liệu ${EMPTY_LABELS[d]}: phụ lục này để trống.`));
  }
}
