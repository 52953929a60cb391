/**
 * What-if, stateless: given a month's input and changes — (unit, indicator, new numerator or new rate)
 * — the changed units' points, totals and ranks before and after, the units they overtake, and the
 * province's total and national rank before and after. The Worker's POST /what-if and the add-in's sheet
 * "Mô phỏng" call this.
 *
 * - The build's stages up to rank run once on the input as given; each change then replaces one
 *   indicator's figures of one unit, the indicator is rescored by the methodology (rules/points.ts), and
 *   the unit's total moves by the difference in that indicator's points (so a published total stays the
 *   base: the portal's figure plus the change). Ranks are competition ranks ("1224") of the level with
 *   the new totals, every other unit unchanged.
 * - A new **numerator** keeps the denominator (./reach.ts: the period's set of dossiers is fixed). A new
 *   **rate** over known counts becomes the smallest numerator whose rate reaches it (by the indicator's
 *   arithmetic); without counts the rate itself is scored.
 * - The **province** (Phụ lục 1's row) counts its units' dossiers: a change of a unit's numerator by k
 *   changes the province's numerator of that indicator by k (denominator unchanged), and its total by the
 *   difference in that indicator's points. A change given as a rate without counts cannot be carried
 *   to the province (`province.complete` is false).
 * - The **national rank** (with `options.national`): the province's national total moves by the same
 *   points, and its rank is 1 + the provinces above it (ranks computed from totals, from 1/7/2025).
 *
 * Monotone: raising a unit's numerator never lowers its points, total or rank, and never lifts another
 * unit's rank (property-tested).
 */
import { check } from "../checks/check";
import { prepare, type BuildOptions } from "../input/context";
import { read, type ParsedUnitScore } from "../input/read";
import { ISSUE_CODES, issue, sortIssues, type Staged } from "../issues";
import type { IndicatorDef, Issue, UnitLevel } from "../model";
import { nationalHeadline, rankNational } from "../national/ranking";
import { periodKey } from "../period";
import { rankedList, type Ranked } from "../rank/competition";
import { rank, type LevelRanking } from "../rank/rank";
import { fromHundredths, toHundredths } from "../rounding";
import { indicatorPoints, type ParsedIndicator } from "../rules/points";
import { score } from "../rules/score";
import type { ReportInput } from "../model";
import { fold } from "../text/vn-text";
import { numeratorToReach } from "./reach";

/** One change: a unit (as written, or its id), an indicator (methodology code), and its new numerator or rate. */
export interface WhatIfChange {
  readonly unit: string;
  readonly indicator: string;
  /** The new numerator: a whole number from 0 to the denominator. */
  readonly numerator?: number;
  /** The new rate in percent (0–100), used when no numerator is given. */
  readonly rate?: number;
}

export type WhatIfOptions = BuildOptions;

export interface BeforeAfter<T> {
  readonly before: T;
  readonly after: T;
}

export interface IndicatorFigures {
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** Percent; exact from the counts when known (unrounded), else as stated. */
  readonly rate: number | null;
  readonly points: number | null;
}

export interface WhatIfIndicator {
  readonly code: string;
  readonly nameVi: string;
  readonly figures: BeforeAfter<IndicatorFigures>;
}

export interface WhatIfUnit {
  /** Indexes of the changes applied to this unit (in `changes`). */
  readonly changes: readonly number[];
  readonly key: string;
  readonly unitId: string | null;
  readonly name: string;
  readonly level: UnitLevel | null;
  readonly indicators: readonly WhatIfIndicator[];
  readonly total: BeforeAfter<number | null>;
  readonly rank: BeforeAfter<number | null>;
  /** How many units its level ranks. */
  readonly rankOf: number;
}

/** A unit not changed whose rank moved because changed units passed it. */
export interface DisplacedUnit {
  readonly key: string;
  readonly unitId: string | null;
  readonly name: string;
  readonly level: UnitLevel | null;
  readonly total: number | null;
  readonly rank: BeforeAfter<number | null>;
}

export interface WhatIfProvince {
  readonly total: BeforeAfter<number | null>;
  /** The national rank before and after; null without a national summary (options.national) that ranks it. */
  readonly nationalRank: BeforeAfter<number | null> | null;
  readonly rankOf: number | null;
  /** False when a change could not be carried to the province's counts (a rate without counts, no province counts). */
  readonly complete: boolean;
}

export interface WhatIfResult {
  readonly period: string | null;
  readonly units: readonly WhatIfUnit[];
  readonly displaced: readonly DisplacedUnit[];
  readonly province: WhatIfProvince | null;
}

const EMPTY: WhatIfResult = { period: null, units: [], displaced: [], province: null };

/** A change resolved against the input: which row, which indicator, the figures after. */
interface Applied {
  readonly index: number;
  readonly row: number;
  readonly def: IndicatorDef;
  readonly after: ParsedIndicator;
}

export function whatIf(input: ReportInput, changes: readonly WhatIfChange[], options: WhatIfOptions = {}): Staged<WhatIfResult> {
  const prepared = prepare(input, { ...options, plan: false });
  const ctx = prepared.value;
  if (!ctx) return { value: EMPTY, issues: prepared.issues };
  const checked = check(read(input, ctx).value, ctx).value;
  const scored = score(checked, ctx).value;
  const ranked = rank(checked, scored, ctx).value;
  const rows = checked.current.unitScores;
  const issues: Issue[] = [];

  // Each change resolved to a row and an indicator; the last change of a (row, indicator) wins.
  const rowOf = rowFinder(rows, (name) => ctx.current.resolver.resolve(name).unit?.id);
  const m = ctx.current.methodology;
  const after = new Map<number, Map<string, Applied>>();
  changes.forEach((c, index) => {
    const a = applyChange(c, index, rowOf, rows, m.indicators, issues);
    if (!a) return;
    let mine = after.get(a.row);
    if (!mine) after.set(a.row, (mine = new Map()));
    mine.set(a.def.code, a);
  });

  // New totals of the changed rows.
  const newTotal = new Map<ParsedUnitScore, number | null>();
  const units: { row: number; delta: number; indicators: WhatIfIndicator[]; changes: number[] }[] = [];
  const provinceDelta = new Map<string, number>();
  let complete = true;
  for (const [r, applied] of after) {
    const row = rows[r] as ParsedUnitScore;
    let delta = 0;
    const indicators: WhatIfIndicator[] = [];
    const changeIndexes: number[] = [];
    for (const a of applied.values()) {
      const before = row.indicators[a.def.code];
      const fb = figuresOf(a.def, before);
      const fa = figuresOf(a.def, a.after);
      delta += toHundredths(fa.points ?? 0) - toHundredths(fb.points ?? 0);
      indicators.push({ code: a.def.code, nameVi: a.def.nameVi, figures: { before: fb, after: fa } });
      changeIndexes.push(a.index);
      if (before?.numerator != null && a.after.numerator !== null) provinceDelta.set(a.def.code, (provinceDelta.get(a.def.code) ?? 0) + a.after.numerator - Math.max(0, before.numerator));
      else complete = false;
    }
    units.push({ row: r, delta, indicators, changes: changeIndexes.sort((x, y) => x - y) });
  }

  // Ranks of every level a changed row is in.
  // Each level's ranking as one object per unit (a what-if changes a few units; not a per-unit hot path).
  const unitsOf = new Map<LevelRanking, Ranked<ParsedUnitScore>[]>();
  const levelOf = new Map<ParsedUnitScore, LevelRanking>();
  for (const level of [ranked.main, ...ranked.otherLevels]) {
    const list = rankedList(level.units);
    unitsOf.set(level, list);
    for (const u of list) levelOf.set(u.item, level);
  }
  const unitsIn = (level: LevelRanking | undefined) => (level ? (unitsOf.get(level) ?? []) : []);
  const totalAfterOf = new Map<ParsedUnitScore, number | null>();
  for (const u of units) {
    const row = rows[u.row] as ParsedUnitScore;
    const level = levelOf.get(row);
    const before = unitsIn(level).find((x) => x.item === row)?.value ?? null;
    const t = before === null ? null : fromHundredths(toHundredths(before) + u.delta);
    totalAfterOf.set(row, t);
    newTotal.set(row, t);
  }
  const rankAfter = new Map<ParsedUnitScore, number | null>();
  const displaced: DisplacedUnit[] = [];
  const levels = new Set([...newTotal.keys()].map((r) => levelOf.get(r)).filter((l): l is LevelRanking => l !== undefined));
  for (const level of levels) {
    const list = unitsIn(level);
    const totals = list.map((u) => (newTotal.has(u.item) ? (newTotal.get(u.item) ?? null) : u.value));
    const sorted = totals.filter((t): t is number => t !== null).map(toHundredths).sort((a, b) => b - a);
    list.forEach((u, i) => {
      const t = totals[i] ?? null;
      const r = t === null ? null : above(sorted, toHundredths(t)) + 1;
      rankAfter.set(u.item, r);
      const id = u.item.identity;
      if (!newTotal.has(u.item) && r !== u.rank) displaced.push({ key: id.key, unitId: id.unit?.id ?? null, name: id.displayName, level: id.unit?.level ?? null, total: u.value, rank: { before: u.rank, after: r } });
    });
  }
  displaced.sort((a, b) => (a.rank.after ?? Infinity) - (b.rank.after ?? Infinity));

  const value: WhatIfResult = {
    period: periodKey(ctx.current.period),
    units: units.map((u) => {
      const row = rows[u.row] as ParsedUnitScore;
      const level = levelOf.get(row);
      const ranked = unitsIn(level).find((x) => x.item === row);
      const id = row.identity;
      return {
        changes: u.changes,
        key: id.key,
        unitId: id.unit?.id ?? null,
        name: id.displayName,
        level: id.unit?.level ?? null,
        indicators: u.indicators,
        total: { before: ranked?.value ?? null, after: totalAfterOf.get(row) ?? null },
        rank: { before: ranked?.rank ?? null, after: rankAfter.get(row) ?? null },
        rankOf: level?.units.order.length ?? 0,
      };
    }),
    displaced,
    province: provinceOutcome(checked.current.summary?.indicators ?? null, scored.current.summary?.effectiveTotal ?? checked.current.summary?.total ?? null, provinceDelta, m.indicators, complete && units.length > 0, options),
  };
  return { value, issues: sortIssues(issues) };
}

/** How many of the descending `sorted` are strictly above `t`. */
function above(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) > t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The row a change's unit names: its id, its name as the catalog resolves it, or its name as written. */
function rowFinder(rows: readonly ParsedUnitScore[], resolveId: (name: string) => string | undefined): (unit: string) => number {
  const byKey = new Map<string, number>();
  const byText = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!byKey.has(r.identity.key)) byKey.set(r.identity.key, i);
    for (const t of [r.identity.unitText, r.identity.displayName]) if (!byText.has(fold(t))) byText.set(fold(t), i);
  });
  return (unit) => {
    const direct = byKey.get(unit) ?? byText.get(fold(unit));
    if (direct !== undefined) return direct;
    const id = resolveId(unit);
    return id === undefined ? -1 : (byKey.get(id) ?? -1);
  };
}

/** One change checked and turned into the indicator's figures after it; null (with an issue) when it cannot be applied. */
function applyChange(c: WhatIfChange, index: number, rowOf: (unit: string) => number, rows: readonly ParsedUnitScore[], defs: readonly IndicatorDef[], issues: Issue[]): Applied | null {
  const at = (field: string) => ({ dataset: "input" as const, column: `changes[${index}].${field}` });
  const bad = (field: string, message: string, details: Record<string, unknown>) => {
    issues.push(issue("error", field === "unit" ? ISSUE_CODES.UNKNOWN_UNIT : field === "indicator" ? ISSUE_CODES.UNKNOWN_INDICATOR : ISSUE_CODES.BAD_CHANGE, at(field), `changes[${index}].${field}: ${message}`, { change: index, ...details }));
    return null;
  };
  const row = typeof c?.unit === "string" ? rowOf(c.unit) : -1;
  if (row < 0) return bad("unit", `không tìm thấy đơn vị "${String(c?.unit ?? "")}" trong Phụ lục 2 của kỳ báo cáo.`, { unit: c?.unit ?? null });
  const def = defs.find((d) => d.code === c.indicator);
  if (!def || def.rule.type !== "linear") return bad("indicator", `chỉ số "${String(c.indicator ?? "")}" không có trong phương pháp tính, hoặc không tính điểm theo tỷ lệ.`, { indicator: c.indicator ?? null });
  const r = rows[row] as ParsedUnitScore;
  const before = r.indicators[def.code];
  const d = before?.denominator ?? null;
  if (c.numerator !== undefined) {
    if (!Number.isSafeInteger(c.numerator) || c.numerator < 0) return bad("numerator", `tử số mới phải là số nguyên không âm (đang là ${JSON.stringify(c.numerator)}).`, { numerator: c.numerator });
    if (d === null || d <= 0) return bad("numerator", `${r.identity.displayName} không có mẫu số của chỉ số ${def.number} ${def.nameVi}: không đổi được tử số.`, { unit: r.identity.key, indicator: def.code });
    if (c.numerator > d) return bad("numerator", `tử số mới ${c.numerator} lớn hơn mẫu số ${d} (${r.identity.displayName}, chỉ số ${def.number}).`, { numerator: c.numerator, denominator: d });
    return { index, row, def, after: { numerator: c.numerator, denominator: d, rate: null, points: null } };
  }
  if (c.rate !== undefined) {
    if (typeof c.rate !== "number" || !(c.rate >= 0 && c.rate <= 100)) return bad("rate", `tỷ lệ mới phải từ 0 đến 100 (đang là ${JSON.stringify(c.rate)}).`, { rate: c.rate });
    if (d !== null && d > 0) {
      const n = numeratorToReach(def, d, c.rate) ?? d;
      return { index, row, def, after: { numerator: n, denominator: d, rate: null, points: null } };
    }
    return { index, row, def, after: { numerator: null, denominator: null, rate: c.rate, points: null } };
  }
  return bad("numerator", "cần tử số mới (numerator) hoặc tỷ lệ mới (rate).", {});
}

function figuresOf(def: IndicatorDef, i: ParsedIndicator | undefined): IndicatorFigures {
  const p = indicatorPoints(def, i);
  return { numerator: i?.numerator ?? null, denominator: i?.denominator ?? null, rate: p.rate, points: p.points };
}

/** The province's total (and national rank) after its units' numerators moved by `deltas`. */
function provinceOutcome(indicators: Readonly<Record<string, ParsedIndicator>> | null, total: number | null, deltas: ReadonlyMap<string, number>, defs: readonly IndicatorDef[], carried: boolean, options: WhatIfOptions): WhatIfProvince | null {
  if (total === null) return null;
  let change = 0;
  let complete = carried;
  for (const [code, k] of deltas) {
    const def = defs.find((d) => d.code === code) as IndicatorDef;
    const before = indicators?.[code];
    if (!before || before.numerator === null || before.denominator === null || before.denominator <= 0) {
      complete = false;
      continue;
    }
    const moved: ParsedIndicator = { ...before, numerator: Math.min(before.denominator, Math.max(0, before.numerator + k)) };
    change += toHundredths(indicatorPoints(def, moved).points ?? 0) - toHundredths(indicatorPoints(def, before).points ?? 0);
  }
  const after = fromHundredths(toHundredths(total) + change);
  return { total: { before: total, after }, ...nationalOutcome(change, options), complete };
}

/** The province's national rank before and after its total moves by `change` hundredths. */
function nationalOutcome(change: number, options: WhatIfOptions): { nationalRank: BeforeAfter<number | null> | null; rankOf: number | null } {
  const n = options.national;
  if (!n?.current) return { nationalRank: null, rankOf: null };
  const ranking = rankNational(n.current, n.previous ?? null).value;
  const headline = ranking ? nationalHeadline(ranking, n.province) : null;
  if (!ranking || !headline) return { nationalRank: null, rankOf: null };
  const mine = ranking.entries.find((e) => e.rank === headline.rank && !e.stated && e.total !== null && (e.code.toUpperCase() === n.province.trim().toUpperCase() || e.name === n.province.trim()));
  if (!mine || mine.total === null) return { nationalRank: { before: headline.rank, after: null }, rankOf: headline.rankOf };
  const t = toHundredths(mine.total) + change;
  let higher = 0;
  for (const e of ranking.entries) if (e !== mine && e.total !== null && toHundredths(e.total) > t) higher++;
  return { nationalRank: { before: headline.rank, after: higher + 1 }, rankOf: headline.rankOf };
}
