/**
 * Stage 7 — narrate. The letter's data sentences, worded as Hà Nội's letters word them:
 *
 * - "Tổng số điểm Thành phố đạt được tháng 12/2024: 62.28/100 điểm (tăng 1.29 điểm so với tháng
 *   11/2024), xếp hạng 61/63 tỉnh, thành phố"
 * - "Sở Tư pháp có số hồ sơ quá hạn cao nhất là 24.130 hồ sơ/53.828 hồ sơ quá hạn toàn thành phố (44,8%)"
 * - the weakest groups, and the data timestamp;
 * - with a plan (BuildOptions.plan): the remedial paragraphs, one per weak group, naming the units below
 *   the group's targets with their figures ("UBND xã Tam Dương Bắc (15,97%, cần thêm 1.258 hồ sơ)"), in
 *   the seeds' words ("Để tiếp tục phát huy những kết quả đạt được và khắc phục những tiêu chí đạt tỷ lệ
 *   thấp, UBND Thành phố đề nghị: … tập trung chỉ đạo …; đặc biệt chú trọng chỉ tiêu …").
 */
import type { ComparedDatasets } from "../compare/compare";
import { provinceSince } from "../catalog/provinces";
import { totalStreak, type Streak } from "../compare/trends";
import type { CheckedDatasets } from "../checks/check";
import type { BuildContext } from "../input/context";
import { overdueTotal } from "../input/read";
import type { Catalog, GroupCode, GroupDef, Methodology, Period, Target, UnitLevel } from "../model";
import { SHORTFALL_NAMED, type PlanDatasets } from "../plan/plan";
import { countNoun } from "../plan/reach";
import type { RankedDatasets } from "../rank/rank";
import { formatDataTimestamp, parsePeriod, periodKey, periodLabel } from "../period";
import { toHundredths } from "../rounding";
import { formatCount, formatDelta, formatIndex, formatPercent, formatPoints } from "../text/vn-number";

export interface Narrative {
  readonly headline: string | null;
  /** "Tổng điểm của Thành phố tăng 3 tháng liên tiếp (…)": a streak of 2 periods or more, from BuildOptions.history. */
  readonly trend?: string | null;
  readonly overdueLeader: string | null;
  readonly weakestGroups: string | null;
  readonly timestamp: string | null;
  /** The remedial paragraphs (an opening, then one per weak group), when the build has a plan. */
  readonly remedial?: readonly string[];
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

/** A group under {@link WEAK_SHARE}% of its maximum, with its share. */
export interface WeakGroup {
  readonly def: GroupDef;
  readonly points: number;
  /** Percent of the group's maximum. */
  readonly share: number;
}

/** A group is weak under this share of its maximum (percent); at most {@link WEAK_GROUPS} are named. */
export const WEAK_SHARE = 80;
export const WEAK_GROUPS = 3;

/** The groups with the lowest share of their maximum (at most three, all under 80%), lowest first. */
export function weakGroups(groups: readonly { def: GroupDef; points: number | null }[]): WeakGroup[] {
  return groups
    .filter((g): g is { def: GroupDef; points: number } => g.points !== null && g.def.maxPoints > 0)
    .map((g) => ({ ...g, share: (g.points / g.def.maxPoints) * 100 }))
    .filter((g) => g.share < WEAK_SHARE)
    .sort((a, b) => a.share - b.share || a.def.code.localeCompare(b.def.code))
    .slice(0, WEAK_GROUPS);
}

const groupFigures = (g: WeakGroup) => `${formatPoints(g.points)}/${formatPoints(g.def.maxPoints)} điểm, đạt ${formatPercent(g.share, { maxDecimals: 1, decimalSeparator: "," })}`;

/** The groups with the lowest share of their maximum (at most three, all under 80%). */
export function weakestGroupsSentence(groups: readonly { def: GroupDef; points: number | null }[]): string | null {
  const scored = weakGroups(groups);
  if (!scored.length) return null;
  const parts = scored.map((g) => `${g.def.nameVi} (${groupFigures(g)})`);
  return `Các nhóm chỉ số đạt tỷ lệ thấp: ${parts.join("; ")}`;
}

// ------------------------------------------------------------------ remedial paragraphs (with a plan)

/** How many units below a target a paragraph names (the lowest rates first); the rest are counted. */
export const REMEDIAL_UNITS_NAMED = SHORTFALL_NAMED;

/** What each group asks of the units, in the seeds' words (seed 000 §1 a–d, seed 003, seed 004). */
export const REMEDIAL_ACTIONS: Readonly<Record<GroupCode, string>> = {
  CKMB: "thường xuyên cập nhật, theo dõi mục “Quyết định công bố” trên Cổng Dịch vụ công quốc gia, công bố, công khai thủ tục hành chính theo đúng thời hạn quy định và đồng bộ đầy đủ hồ sơ lên Cổng Dịch vụ công quốc gia",
  TDGQ: "cán bộ, công chức thực hiện thao tác kết thúc các bước xử lý hồ sơ trên Hệ thống theo đúng quy định, rà soát, xử lý dứt điểm các hồ sơ đang quá hạn, không để phát sinh hồ sơ chậm muộn",
  CLGQ: "tăng cường thông tin, tuyên truyền và hướng dẫn cá nhân, tổ chức nộp hồ sơ qua dịch vụ công trực tuyến khi thực hiện thủ tục hành chính",
  TTTT: "hướng dẫn cá nhân, tổ chức thanh toán trực tuyến, thanh toán không dùng tiền mặt trên Cổng Dịch vụ công quốc gia khi thực hiện thủ tục hành chính có nghĩa vụ tài chính",
  MDHL: "nâng cao chất lượng phục vụ, giải quyết thủ tục hành chính và xử lý phản ánh, kiến nghị đúng hạn, bảo đảm mức độ hài lòng của người dân, doanh nghiệp",
  MDSH: "thực hiện việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính, cấp kết quả bản điện tử và đính kèm tệp tin kết quả điện tử lên Hệ thống theo đúng quy định",
};

const ADDRESSEES: readonly [UnitLevel, string][] = [
  ["department", "Thủ trưởng các sở, ban, ngành"],
  ["district", "Chủ tịch UBND các quận, huyện, thị xã"],
  ["commune", "Chủ tịch UBND các xã, phường"],
];

export interface RemedialInput {
  /** "Thành phố" / "Tỉnh". */
  readonly provinceWord: string;
  /** The province's groups (Phụ lục 1). */
  readonly groups: readonly { def: GroupDef; points: number | null }[];
  readonly plan: PlanDatasets;
  readonly methodology: Methodology;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const runningPercent = (v: number) => formatPercent(v, { decimalSeparator: "," });

/**
 * The remedial paragraphs of the draft letter: the seeds' opening, then for each weak group (lowest
 * share first) "a) Nhóm chỉ số … (x/y điểm, đạt z%): đề nghị … tập trung chỉ đạo …; đặc biệt chú trọng
 * chỉ tiêu …", each target with the province's rate, how many units fall short, and the lowest of them
 * with their rate and the dossiers they need. A group's targets are the plan targets on its indicators,
 * else the threshold of its indicator that loses the units the most points. Empty without a weak group.
 */
export function remedialParagraphs(r: RemedialInput): string[] {
  const weak = weakGroups(r.groups);
  if (!weak.length || !r.plan.units.length) return [];
  const levels = new Set(r.plan.units.map((u) => u.level));
  const named = ADDRESSEES.filter(([l]) => levels.has(l)).map(([, a]) => a);
  const addressee = named.length ? named.join(", ") : "Thủ trưởng các cơ quan, đơn vị";
  const who = capital(r.provinceWord);
  const paragraphs = [`Để tiếp tục phát huy những kết quả đạt được và khắc phục những tiêu chí đạt tỷ lệ thấp, UBND ${who} đề nghị:`];
  weak.forEach((g, i) => {
    const targets = groupTargets(g.def.code, r);
    const focus = targets.map((t) => targetPhrase(t, r, who));
    const tail = focus.length ? `; đặc biệt chú trọng ${focus.join("; ")}` : "";
    paragraphs.push(`${String.fromCharCode(97 + i)}) Nhóm chỉ số ${g.def.nameVi} (${groupFigures(g)}): đề nghị ${addressee} tập trung chỉ đạo ${REMEDIAL_ACTIONS[g.def.code]}${tail}.`);
  });
  return paragraphs;
}

/** The targets a weak group's paragraph names. */
function groupTargets(group: GroupCode, r: RemedialInput): Target[] {
  const inGroup = (t: Target) => r.methodology.indicators.some((d) => d.code === t.indicator && d.group === group);
  const judged = (t: Target) => r.plan.shortfalls[t.id] !== undefined;
  const planned = r.plan.targets.filter((t) => t.kind !== "threshold" && inGroup(t) && judged(t));
  if (planned.length) return planned;
  // No plan target: the threshold of the indicator that costs the units the most points.
  let worst: string | null = null;
  let most = 0;
  for (const d of r.methodology.indicators) {
    const h = d.group === group ? toHundredths(r.plan.pointsLostByIndicator[d.code] ?? 0) : 0;
    if (h > most) [worst, most] = [d.code, h];
  }
  const t = worst === null ? undefined : r.plan.targets.find((x) => x.kind === "threshold" && x.indicator === worst && judged(x));
  return t ? [t] : [];
}

/** "chỉ tiêu tỷ lệ … đạt tối thiểu 55% (toàn Tỉnh đạt 48,99%; 57/163 đơn vị chưa đạt, thấp nhất là A (0%, cần thêm 12 hồ sơ), …)". */
function targetPhrase(t: Target, r: RemedialInput, who: string): string {
  const plan = r.plan;
  const shortfall = plan.shortfalls[t.id];
  const def = r.methodology.indicators.find((d) => d.code === t.indicator);
  const noun = def ? countNoun(def) : "hồ sơ";
  const parts: string[] = [];
  const mine = plan.province?.compliance.find((c) => c.targetId === t.id);
  if (mine?.rate !== null && mine?.rate !== undefined) parts.push(`toàn ${who} đạt ${runningPercent(mine.rate)}`);
  if (!shortfall || shortfall.withData === 0) parts.push("các đơn vị chưa có số liệu");
  else if (shortfall.short === 0) parts.push(`${shortfall.withData}/${shortfall.withData} đơn vị đều đạt`);
  else {
    const listed = shortfall.lowest.slice(0, REMEDIAL_UNITS_NAMED).map((u) => `${u.name} (${runningPercent(u.rate)}${u.gapDossiers !== null ? `, cần thêm ${formatCount(u.gapDossiers)} ${noun}` : ""})`);
    const more = shortfall.short > listed.length ? ` và ${shortfall.short - listed.length} đơn vị khác` : "";
    parts.push(`${shortfall.short}/${shortfall.withData} đơn vị chưa đạt, thấp nhất là ${listed.join(", ")}${more}`);
  }
  // A threshold's name ends with "(đủ 2 điểm)": dropped here, the figures follow in parentheses.
  return `chỉ tiêu ${lowerFirst(t.nameVi.replace(/\s*\([^)]*\)$/, ""))} (${parts.join("; ")})`;
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
  const sentences = [parts.headline, parts.trend ?? null, parts.weakestGroups, parts.overdueLeader, parts.timestamp, ...(parts.remedial ?? [])].filter((s): s is string => !!s);
  return { ...parts, sentences };
}

/** The sentences of one build: from the figures as checked, ranked and compared (and planned, when asked). */
export function narrate(checked: CheckedDatasets, ranked: RankedDatasets, compared: ComparedDatasets, ctx: BuildContext, plan: PlanDatasets | null = null): Narrative {
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
  const groups = ctx.current.methodology.groups.map((def) => ({ def, points: summary?.groups[def.code] ?? null }));
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
    weakestGroups: summary ? weakestGroupsSentence(groups) : null,
    timestamp: timestampSentence(checked.current.dataTimestamp),
    ...(plan ? { remedial: summary ? remedialParagraphs({ provinceWord: catalog.provinceWord, groups, plan, methodology: ctx.current.methodology }) : [] } : {}),
  });
}
