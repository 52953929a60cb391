/**
 * The national picture, at the rank level (stage 4, beside rank/): the provinces of one national
 * summary (the portal's `service-results`: each province's total and six group scores) ranked by
 * their total and by each group — competition ranks ("1224") — the change against the previous period
 * in points ("Tăng 0.92", as the delta column words it) and in places ("tăng 2 bậc", "giảm 1 bậc",
 * "giữ nguyên"), and the province's headline rank ("xếp hạng 5/34 tỉnh, thành phố").
 *
 * - **The denominator follows the period**: 63 provinces for a period that ends before 1/7/2025, 34 for
 *   one that ends on or after it (a quarter or year that straddles the reform is reported on the new map).
 * - **Before 1/7/2025 the stated rank is kept as entered** (the letters' "xếp hạng 61/63"); a rank is
 *   computed from the totals only when the whole list of 63 is there. A partial old list is no error.
 * - **From 1/7/2025 ranks are computed**; a stated rank that differs is reported, the computed one is used.
 * - **Across the reform no change is computed** ("không so sánh"): 63 provinces became 34, and a merged
 *   province that kept a name is not the province of last month, so neither places nor points compare.
 * - Ties: figures compared in integer hundredths (rounding.ts), listed in Vietnamese collation.
 *
 * Returns its value and its own issues, like the stages of a build; it never throws on bad data.
 */
import { ISSUE_CODES, issue, type Staged } from "../issues";
import { GROUP_CODES } from "../rules/methodology";
import type { GroupCode, Issue, IssueLocation, NationalProvinceInput, NationalSummaryInput, Period } from "../model";
import { parsePeriod, periodEnd, periodLabel, previousPeriod, samePeriod } from "../period";
import { above, diff2, differs, HALF_HUNDREDTH, sumTolerance, toHundredths } from "../rounding";
import { formatDelta, formatPoints } from "../text/vn-number";
import { competitionRank } from "../rank/competition";

/** The two-level reform: 63 provinces merged into 34. */
export const NATIONAL_REFORM_DATE = "2025-07-01";
export const PROVINCES_BEFORE_REFORM = 63;
export const PROVINCES_FROM_REFORM = 34;
/** The six groups of the portal's `groupScores`, in the letters' order. */
export const NATIONAL_GROUPS: readonly GroupCode[] = GROUP_CODES;

/** A province the period is expected to have (from a directory), with the other codes it goes by. */
export interface NationalProvinceRef {
  readonly code: string;
  readonly name: string;
  readonly aliases?: readonly string[];
}

export interface NationalOptions {
  /**
   * The provinces a period should have (e.g. the 34 of the directory). When given, an unknown code is
   * an error and left out of the ranks, and each absent province is named. Without it only the count
   * is checked against the period's denominator.
   */
  readonly expected?: (period: Period) => readonly NationalProvinceRef[] | undefined;
}

export type NationalChangeStatus =
  /** Ranked in both periods: points and places compared. */
  | "same"
  /** No previous period supplied. */
  | "no-previous"
  /** The province is not in the previous period's summary. */
  | "absent"
  /** The previous period is on the other side of 1/7/2025: not compared. */
  | "reform";

export interface NationalChange {
  readonly status: NationalChangeStatus;
  readonly previousTotal: number | null;
  readonly previousRank: number | null;
  /** Total minus last period's, exact to the hundredth; null when not compared. */
  readonly points: number | null;
  /** The delta column's words: "Tăng 0.92", "Giảm 3.4", "Bằng điểm", or "". */
  readonly pointsText: string;
  /** Previous rank minus this rank (positive: moved up); null when not compared. */
  readonly places: number | null;
  /** "tăng 2 bậc", "giảm 1 bậc", "giữ nguyên", "không so sánh", "không có số liệu kỳ trước", or "". */
  readonly text: string;
}

export interface NationalGroupRank {
  readonly score: number | null;
  readonly rank: number | null;
}

export interface NationalEntry {
  /** The directory's code when the province was matched to one, else the code as given, upper-cased. */
  readonly code: string;
  readonly name: string;
  readonly total: number | null;
  /** Competition rank by total; null without a total (or, before 1/7/2025, without a stated rank or a full list). */
  readonly rank: number | null;
  /** Whether `rank` is the stated one (before 1/7/2025) rather than computed from the totals. */
  readonly stated: boolean;
  readonly groups: Readonly<Record<GroupCode, NationalGroupRank>>;
  readonly change: NationalChange;
}

export interface NationalRanking {
  readonly period: Period;
  readonly previousPeriod: Period | null;
  /** How many provinces the period's ranks are out of: 63 before 1/7/2025, 34 from then. */
  readonly denominator: number;
  /** Ranked order: by rank, unranked last. */
  readonly entries: readonly NationalEntry[];
}

/** 63 for a period that ends before 1/7/2025, 34 from then. */
export function nationalDenominator(period: Period): number {
  return periodEnd(period) >= NATIONAL_REFORM_DATE ? PROVINCES_FROM_REFORM : PROVINCES_BEFORE_REFORM;
}

/** The words of a change in places: "tăng 2 bậc", "giảm 1 bậc", "giữ nguyên". */
export function placesText(places: number): string {
  if (places === 0) return "giữ nguyên";
  return `${places > 0 ? "tăng" : "giảm"} ${Math.abs(places)} bậc`;
}

export const NOT_COMPARED_TEXT = "không so sánh";
export const ABSENT_TEXT = "không có số liệu kỳ trước";

const NO_CHANGE: NationalChange = { status: "no-previous", previousTotal: null, previousRank: null, points: null, pointsText: "", places: null, text: "" };

/** A province of one period, read and ranked. */
interface Row {
  readonly key: string;
  readonly name: string;
  readonly total: number | null;
  readonly groups: Record<GroupCode, number | null>;
  readonly stated: number | null;
  readonly index: number;
}

interface RankedPeriod {
  readonly period: Period;
  readonly denominator: number;
  readonly entries: readonly { row: Row; rank: number | null; stated: boolean; groups: Record<GroupCode, NationalGroupRank> }[];
}

/**
 * The national ranking of `current`, compared with `previous` when given. The value is null only when
 * the current period cannot be read (an issue says so).
 */
export function rankNational(current: NationalSummaryInput, previous?: NationalSummaryInput | null, options: NationalOptions = {}): Staged<NationalRanking | null> {
  const issues: Issue[] = [];
  const now = rankPeriod(current, "current", options, issues);
  if (!now) return { value: null, issues };
  const before = previous ? rankPeriod(previous, "previous", options, issues) : null;
  if (before && !samePeriod(before.period, previousPeriod(now.period))) {
    issues.push(
      issue("warning", ISSUE_CODES.PREVIOUS_PERIOD_MISMATCH, { dataset: "input", period: "previous", column: "period" }, `Bảng toàn quốc kỳ trước là ${periodLabel(before.period)}, không phải ${periodLabel(previousPeriod(now.period))}; thay đổi được tính so với ${periodLabel(before.period)}.`),
    );
  }
  const acrossReform = before !== null && before.denominator !== now.denominator;
  const byKey = new Map<string, RankedPeriod["entries"][number]>();
  if (before) for (const e of before.entries) byKey.set(e.row.key, e);

  const entries: NationalEntry[] = now.entries.map((e) => {
    let change = NO_CHANGE;
    if (before) {
      const p = byKey.get(e.row.key);
      if (acrossReform) change = { ...NO_CHANGE, status: "reform", text: NOT_COMPARED_TEXT };
      else if (!p) change = { ...NO_CHANGE, status: "absent", text: ABSENT_TEXT };
      else {
        const points = e.row.total !== null && p.row.total !== null ? diff2(e.row.total, p.row.total) : null;
        const places = e.rank !== null && p.rank !== null ? p.rank - e.rank : null;
        change = {
          status: "same",
          previousTotal: p.row.total,
          previousRank: p.rank,
          points,
          pointsText: points === null ? "" : formatDelta(points, "points"),
          places,
          text: places === null ? "" : placesText(places),
        };
      }
    }
    return { code: e.row.key, name: e.row.name, total: e.row.total, rank: e.rank, stated: e.stated, groups: e.groups, change };
  });
  return { value: { period: now.period, previousPeriod: before?.period ?? null, denominator: now.denominator, entries }, issues };
}

function rankPeriod(summary: NationalSummaryInput, which: "current" | "previous", options: NationalOptions, issues: Issue[]): RankedPeriod | null {
  const period = summary && (typeof summary.period === "string" || (typeof summary.period === "object" && summary.period !== null)) ? parsePeriod(summary.period) : null;
  const base: IssueLocation = { dataset: "input", period: which };
  if (!period) {
    const l = { ...base, column: "period" };
    issues.push(issue("error", ISSUE_CODES.BAD_PERIOD, l, `Bảng toàn quốc${which === "previous" ? " kỳ trước" : ""}: kỳ "${String(summary?.period ?? "")}" không đọc được (cần dạng 2026-08, 2026-Q3 hoặc 2026).`));
    return null;
  }
  const denominator = nationalDenominator(period);
  const reformed = denominator === PROVINCES_FROM_REFORM;
  const label = `Bảng toàn quốc ${periodLabel(period)}`;
  const expected = options.expected?.(period);
  const directory = new Map<string, NationalProvinceRef>();
  for (const ref of expected ?? []) for (const c of [ref.code, ...(ref.aliases ?? [])]) directory.set(codeKey(c), ref);

  const rows: Row[] = [];
  const seen = new Map<string, number>();
  const list = Array.isArray(summary.provinces) ? summary.provinces : [];
  if (!Array.isArray(summary.provinces)) issues.push(issue("error", ISSUE_CODES.NO_DATA, { ...base, column: "provinces" }, `${label}: không có danh sách tỉnh, thành phố (provinces).`));
  for (let i = 0; i < list.length; i++) {
    const p = list[i] as NationalProvinceInput;
    const path = `provinces[${i}]`;
    const given = typeof p?.code === "string" ? p.code.trim() : "";
    const name = typeof p?.name === "string" && p.name.trim() ? p.name.trim() : given;
    // Locations are built only when an issue is raised: a clean month builds none.
    const at = (column: string): IssueLocation => ({ dataset: "input", period: which, row: i + 1, column: `${path}${column ? `.${column}` : ""}`, unit: given || name });
    const who = `${label}, ${path} (${name || "không tên"})`;
    const cell: RowPlace = { at, who };
    if (!given && !name) {
      issues.push(issue("error", ISSUE_CODES.UNKNOWN_UNIT, at("code"), `${who}: tỉnh, thành phố không có mã và tên; dòng bị bỏ qua.`));
      continue;
    }
    const ref = expected ? directory.get(codeKey(given)) : undefined;
    if (expected && !ref) {
      issues.push(issue("error", ISSUE_CODES.UNKNOWN_UNIT, at("code"), `${who}: mã "${given}" không thuộc ${expected.length} tỉnh, thành phố của kỳ này; không xếp hạng.`, { code: given }));
      continue;
    }
    const key = ref ? ref.code : given ? codeKey(given) : name;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push(issue("error", ISSUE_CODES.DUPLICATE_UNIT, at("code"), `${who}: trùng với provinces[${first}]; dòng đầu được dùng, dòng này bị bỏ ra.`, { firstIndex: first }));
      continue;
    }
    seen.set(key, i);
    const total = figure(p?.total, cell, "total", "tổng điểm", issues);
    if (total !== null && (total < 0 || above(total, 100))) issues.push(issue("error", ISSUE_CODES.POINTS_OUT_OF_RANGE, at("total"), `${who}: tổng điểm ${formatPoints(total)} nằm ngoài 0–100.`, { points: total, max: 100 }));
    const groups = {} as Record<GroupCode, number | null>;
    const given6 = p?.groups;
    for (const g of NATIONAL_GROUPS) groups[g] = given6 ? figure(given6[g], cell, `groups.${g}`, `nhóm ${g}`, issues) : null;
    checkSum(groups, total, cell, issues);
    const stated = figure(p?.rank, cell, "rank", "hạng ghi", issues);
    rows.push({ key, name: ref?.name ?? name, total, groups, stated: stated !== null && Number.isInteger(stated) && stated >= 1 ? stated : null, index: i });
  }

  // How many: named against the directory when there is one, else counted against the denominator.
  if (expected) {
    for (const ref of expected) if (!seen.has(ref.code)) issues.push(issue("warning", ISSUE_CODES.MISSING_UNIT, { ...base, column: "provinces", unit: ref.code }, `${label}: thiếu ${ref.name} (${ref.code}); hạng tính trên ${rows.length} tỉnh, thành phố có số liệu.`, { code: ref.code }));
  } else if (rows.length > denominator) {
    issues.push(issue("error", ISSUE_CODES.UNKNOWN_UNIT, { ...base, column: "provinces" }, `${label} có ${rows.length} tỉnh, thành phố, nhiều hơn ${denominator} của kỳ này; kiểm tra các dòng thừa.`, { count: rows.length, denominator }));
  } else if (rows.length < denominator && reformed) {
    issues.push(issue("warning", ISSUE_CODES.MISSING_UNIT, { ...base, column: "provinces" }, `${label} chỉ có ${rows.length}/${denominator} tỉnh, thành phố; hạng tính trên các tỉnh có số liệu.`, { count: rows.length, denominator }));
  }

  // Before the reform a rank is computed only from a whole list; the stated one is kept as entered.
  const computes = reformed || rows.length >= denominator;
  const byTotal = competitionRank(rows, (r) => (computes && r.total !== null ? toHundredths(r.total) : null), (r) => r.name);
  const groupRanks = NATIONAL_GROUPS.map((g) => {
    const ranks = new Array<number | null>(rows.length).fill(null);
    if (computes) for (const r of competitionRank(rows, (x) => (x.groups[g] === null ? null : toHundredths(x.groups[g] as number)), (x) => x.name)) ranks[r.index] = r.rank;
    return ranks;
  });
  const entries = byTotal.map((r) => {
    const row = r.item;
    let rank = r.rank;
    let stated = false;
    if (!reformed && row.stated !== null) {
      rank = row.stated;
      stated = true;
    } else if (reformed && row.stated !== null && row.stated !== r.rank) {
      const l: IssueLocation = { ...base, row: row.index + 1, column: `provinces[${row.index}].rank`, unit: row.key };
      issues.push(issue("warning", ISSUE_CODES.RANK_MISMATCH, l, `${label}, provinces[${row.index}] (${row.name}): hạng ghi ${row.stated}/${denominator}, tính lại từ tổng điểm là ${r.rank ?? "không xếp hạng"}/${denominator}; dùng hạng tính lại.`, { stated: row.stated, computed: r.rank }));
    }
    const groups = {} as Record<GroupCode, NationalGroupRank>;
    NATIONAL_GROUPS.forEach((g, k) => (groups[g] = { score: row.groups[g], rank: groupRanks[k]?.[r.index] ?? null }));
    return { row, rank, stated, groups, position: r.position };
  });
  // Stated ranks (old months) may disagree with the totals' order: list by rank, then by total.
  if (!reformed) entries.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.position - b.position);
  return { period, denominator, entries };
}

/** The headline's rank, as the letters put it after the total. */
export interface NationalHeadline {
  readonly rank: number;
  readonly rankOf: number;
  /** Places moved since the previous period; null when not compared. */
  readonly places: number | null;
  /** "xếp hạng 5/34 tỉnh, thành phố" */
  readonly rankText: string;
  /** "tăng 2 bậc so với tháng 07/2026", "giữ nguyên thứ hạng so với …"; null when not compared. */
  readonly changeText: string | null;
  /** Both, joined by a comma. */
  readonly text: string;
}

/** The province's rank sentence parts; null when it is not in the ranking or has no rank. */
export function nationalHeadline(ranking: NationalRanking, province: string): NationalHeadline | null {
  const key = codeKey(province);
  const entry = ranking.entries.find((e) => codeKey(e.code) === key) ?? ranking.entries.find((e) => e.name === province.trim());
  if (!entry || entry.rank === null) return null;
  const rankText = `xếp hạng ${entry.rank}/${ranking.denominator} tỉnh, thành phố`;
  const { places, status } = entry.change;
  let changeText: string | null = null;
  if (status === "same" && places !== null && ranking.previousPeriod) {
    const since = `so với ${periodLabel(ranking.previousPeriod)}`;
    changeText = places === 0 ? `giữ nguyên thứ hạng ${since}` : `${placesText(places)} ${since}`;
  }
  return { rank: entry.rank, rankOf: ranking.denominator, places: status === "same" ? places : null, rankText, changeText, text: changeText ? `${rankText}, ${changeText}` : rankText };
}

function codeKey(code: string): string {
  return code.trim().toUpperCase();
}

/** Where a province's row is, for its issues: the location of a field, and the row in words. */
interface RowPlace {
  readonly at: (column: string) => IssueLocation;
  readonly who: string;
}

/** A figure from the summary: a finite number, or null (blank). Anything else is an issue and null. */
function figure(value: unknown, cell: RowPlace, column: string, what: string, issues: Issue[]): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  issues.push(issue("error", ISSUE_CODES.UNPARSEABLE_CELL, cell.at(column), `${cell.who}, ${what}: ${JSON.stringify(value) ?? String(value)} không phải là số.`, { value: String(value) }));
  return null;
}

/** The total against the sum of its six groups, with the tolerance of printed figures (rounding.ts). */
function checkSum(groups: Record<GroupCode, number | null>, total: number | null, cell: RowPlace, issues: Issue[]): void {
  if (total === null) return;
  let hundredths = 0;
  for (const g of NATIONAL_GROUPS) {
    const v = groups[g];
    if (v === null) return;
    hundredths += toHundredths(v);
  }
  const sum = hundredths / 100;
  if (!differs(sum, total, HALF_HUNDREDTH)) return;
  const values = NATIONAL_GROUPS.map((g) => groups[g] as number);
  if (!differs(sum, total, sumTolerance(values, total))) return;
  issues.push(
    issue("warning", ISSUE_CODES.GROUPS_SUM_MISMATCH, cell.at("total"), `${cell.who}: tổng điểm 6 nhóm ${values.map((v) => formatPoints(v)).join(" + ")} = ${formatPoints(sum)}, nhưng tổng điểm ghi ${formatPoints(total)} (lệch ${formatPoints(Math.abs(diff2(sum, total)))}).`, { groupsSum: sum, total }),
  );
}
