/**
 * Stage 7 — narrate. The letter's data sentences, worded as Hà Nội's letters word them:
 *
 * - "Tổng số điểm Thành phố đạt được tháng 12/2024: 62.28/100 điểm (tăng 1.29 điểm so với tháng
 *   11/2024), xếp hạng 61/63 tỉnh, thành phố"
 * - "Sở Tư pháp có số hồ sơ quá hạn cao nhất là 24.130 hồ sơ/53.828 hồ sơ quá hạn toàn thành phố (44,8%)"
 * - the weakest groups, and the data timestamp.
 */
import type { ComparedDatasets } from "../compare/compare";
import { provinceSince } from "../catalog/provinces";
import { totalStreak, type Streak } from "../compare/trends";
import type { CheckedDatasets } from "../checks/check";
import type { BuildContext } from "../input/context";
import { overdueTotal } from "../input/read";
import type { Catalog, GroupDef, Period } from "../model";
import type { RankedDatasets } from "../rank/rank";
import { formatDataTimestamp, parsePeriod, periodKey, periodLabel } from "../period";
import { formatCount, formatDelta, formatIndex, formatPercent, formatPoints } from "../text/vn-number";

export interface Narrative {
  readonly headline: string | null;
  /** "Tổng điểm của Thành phố tăng 3 tháng liên tiếp (…)": a streak of 2 periods or more, from BuildOptions.history. */
  readonly trend?: string | null;
  readonly overdueLeader: string | null;
  readonly weakestGroups: string | null;
  readonly timestamp: string | null;
  /** All sentences above that exist, in letter order. */
  readonly sentences: readonly string[];
}

export interface HeadlineInput {
  readonly catalog: Catalog;
  readonly period: Period;
  readonly previousPeriod: Period | null;
  readonly total: number | null;
  /** Computed against the previous period's total; null when there is none. */
  readonly delta: number | null;
  readonly rank: number | null;
  readonly rankOf: number | null;
  /** The change in places, as national/ranking.ts words it ("tăng 2 bậc so với tháng 07/2026"). */
  readonly rankChange?: string | null;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function headlineSentence(h: HeadlineInput): string | null {
  if (h.total === null) return null;
  const who = capital(h.catalog.provinceWord);
  let text = `Tổng số điểm ${who} đạt được ${periodLabel(h.period)}: ${formatPoints(h.total)}/100 điểm`;
  if (h.delta !== null && h.previousPeriod) {
    const change = formatDelta(h.delta, "points", { suffix: " điểm", lowerCase: true });
    text += ` (${change} so với ${periodLabel(h.previousPeriod)})`;
  }
  if (h.rank !== null && h.rankOf !== null) {
    text += `, xếp hạng ${formatIndex(h.rank)}/${formatIndex(h.rankOf)} tỉnh, thành phố`;
    if (h.rankChange) text += `, ${h.rankChange}`;
  }
  return text;
}

export interface OverdueLeaderInput {
  readonly catalog: Catalog;
  readonly leaderName: string;
  readonly leaderCount: number;
  /** The province's total: Phụ lục 1's figure when given, else the sum of Phụ lục 3. */
  readonly provinceTotal: number;
}

/** Share with one decimal and a comma, as the letter's prose writes it ("44,8%"). */
export function overdueLeaderSentence(o: OverdueLeaderInput): string | null {
  if (o.provinceTotal <= 0 || o.leaderCount <= 0) return null;
  const share = (o.leaderCount / o.provinceTotal) * 100;
  return (
    `${o.leaderName} có số hồ sơ quá hạn cao nhất là ${formatCount(o.leaderCount)} hồ sơ/` +
    `${formatCount(o.provinceTotal)} hồ sơ quá hạn toàn ${o.catalog.provinceWord} ` +
    `(${formatPercent(share, { maxDecimals: 1, decimalSeparator: "," })})`
  );
}

/** The groups with the lowest share of their maximum (at most three, all under 80%). */
export function weakestGroupsSentence(groups: readonly { def: GroupDef; points: number | null }[]): string | null {
  const scored = groups
    .filter((g): g is { def: GroupDef; points: number } => g.points !== null && g.def.maxPoints > 0)
    .map((g) => ({ ...g, share: (g.points / g.def.maxPoints) * 100 }))
    .filter((g) => g.share < 80)
    .sort((a, b) => a.share - b.share || a.def.code.localeCompare(b.def.code))
    .slice(0, 3);
  if (!scored.length) return null;
  const parts = scored.map((g) => `${g.def.nameVi} (${formatPoints(g.points)}/${formatPoints(g.def.maxPoints)} điểm, đạt ${formatPercent(g.share, { maxDecimals: 1, decimalSeparator: "," })})`);
  return `Các nhóm chỉ số đạt tỷ lệ thấp: ${parts.join("; ")}`;
}

const PERIOD_WORD = { month: "tháng", quarter: "quý", year: "năm" } as const;

/**
 * The province total's streak in words, when it is 2 periods or more (trends.ts decides the streak):
 * "Tổng điểm của Thành phố tăng 3 tháng liên tiếp (từ 80,12 điểm tháng 09/2024 lên 83,45 điểm tháng
 * 12/2024)." — figures with a decimal comma, as running text writes them.
 */
export function trendSentence(catalog: Pick<Catalog, "provinceWord">, streak: Streak | null): string | null {
  if (!streak || streak.steps < 2) return null;
  const from = parsePeriod(streak.from.period);
  const to = parsePeriod(streak.to.period);
  if (!from || !to) return null;
  // Worded as the headline it follows: "Tổng số điểm Thành phố …", points with the headline's "62.28".
  const points = (v: number) => `${formatPoints(v)} điểm`;
  const [verb, towards] = streak.direction === "up" ? ["tăng", "lên"] : ["giảm", "xuống"];
  return `Tổng số điểm ${capital(catalog.provinceWord)} ${verb} ${streak.steps} ${PERIOD_WORD[to.kind]} liên tiếp (từ ${points(streak.from.total)} ${periodLabel(from)} ${towards} ${points(streak.to.total)} ${periodLabel(to)}).`;
}

/**
 * The series the trend sentence reads: the stored totals before the report's period, the previous
 * period's total as the input states it (the clerk's own table wins over what was stored), then the
 * report's own total.
 */
export function trendSeries(history: readonly { period: string; total: number | null }[], current: { period: Period; total: number | null }, previous: { period: Period; total: number | null } | null): { period: string; total: number | null }[] {
  const at = periodKey(current.period);
  const prev = previous && previous.total !== null ? periodKey(previous.period) : null;
  const earlier = history.filter((h) => {
    const p = parsePeriod(h.period);
    return p !== null && periodKey(p) !== at && periodKey(p) !== prev;
  });
  return [...earlier, ...(prev && previous ? [{ period: prev, total: previous.total }] : []), { period: at, total: current.total }];
}

export function timestampSentence(iso: string | null): string | null {
  if (!iso) return null;
  const when = formatDataTimestamp(iso);
  return when ? `Số liệu được tính tại thời điểm ${when}. Số liệu này có thể thay đổi theo thời gian.` : null;
}

export function narrative(parts: Omit<Narrative, "sentences">): Narrative {
  const sentences = [parts.headline, parts.trend ?? null, parts.weakestGroups, parts.overdueLeader, parts.timestamp].filter((s): s is string => !!s);
  return { ...parts, sentences };
}

/** The sentences of one build: from the figures as checked, ranked and compared. */
export function narrate(checked: CheckedDatasets, ranked: RankedDatasets, compared: ComparedDatasets, ctx: BuildContext): Narrative {
  const { catalog } = ctx;
  const summary = checked.current.summary;
  const letter = checked.letter;
  const totalCmp = compared.summary.get("total");
  // The rank the report states (Phụ lục 1, the letter) first; else the national ranking's, with its change.
  const statedRank = summary?.rank ?? letter?.rank ?? null;
  const national = statedRank === null ? (ranked.national?.headline ?? null) : null;
  const headline = headlineSentence({
    catalog,
    period: ctx.current.period,
    previousPeriod: ctx.previous?.period ?? null,
    total: summary?.total ?? letter?.total ?? null,
    delta: totalCmp?.status === "same" ? totalCmp.delta : null,
    rank: national ? national.rank : statedRank,
    rankOf: national ? national.rankOf : (summary?.rankOf ?? letter?.rankOf ?? null),
    rankChange: national?.changeText ?? null,
  });
  // Phụ lục 3's first row is the unit with the most overdue dossiers.
  const first = ranked.overdue.order[0];
  const leader = first === undefined ? undefined : ranked.overdue.items[first];
  const leaderCount = first === undefined ? null : (ranked.overdue.values[first] ?? null);
  let sum = 0;
  for (const r of checked.current.overdueDossiers) sum += overdueTotal(r) ?? 0;
  const provinceTotal = summary?.indicators["OVERDUE_IN_PROGRESS"]?.numerator ?? sum;
  const total = summary?.total ?? letter?.total ?? null;
  const trend = trendSentence(
    catalog,
    totalStreak(
      trendSeries(ctx.history, { period: ctx.current.period, total }, ctx.previous ? { period: ctx.previous.period, total: checked.previous?.summary?.total ?? null } : null),
      ctx.current.period,
      provinceSince(ctx.catalog.id),
    ),
  );
  return narrative({
    headline,
    trend,
    overdueLeader: leader && leaderCount !== null ? overdueLeaderSentence({ catalog, leaderName: leader.identity.displayName, leaderCount, provinceTotal }) : null,
    weakestGroups: summary ? weakestGroupsSentence(ctx.current.methodology.groups.map((def) => ({ def, points: summary.groups[def.code] ?? null }))) : null,
    timestamp: timestampSentence(checked.current.dataTimestamp),
  });
}
