/**
 * Datasets in (cells as pasted or sent), parsed datasets out, with an issue for every cell that could
 * not be read and every unit name that could not be resolved. Never throws on bad data.
 */
import type { Resolver } from "../catalog/resolve";
import { COLUMN_LABELS, ISSUE_CODES, issue, where } from "../issues";
import { GROUP_CODES } from "../rules/methodology";
import { checkIndicator } from "../checks/check";
import type {
  Cell,
  DatasetName,
  GroupCode,
  IndicatorInput,
  Issue,
  IssueLocation,
  LetterStatedInput,
  Methodology,
  OverdueDossierInput,
  OverduePetitionInput,
  Period,
  PeriodDatasets,
  ProvinceSummaryInput,
  Unit,
  UnitScoreInput,
} from "../model";
import { parsePeriod } from "../period";
import { summaryDeltaKind, type SummaryRow } from "../rules/summary-rows";
import { fold } from "../text/vn-text";
import { parseDelta, parseNumber, type ParseResult, type ValueKind } from "../text/vn-number";

export interface ParsedIndicator {
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly rate: number | null;
  readonly points: number | null;
}

interface RowBase {
  /** 1-based row within the dataset. */
  readonly row: number;
  /** The name as written. */
  readonly unitText: string;
  /** The resolved unit, or null when the name is unknown or ambiguous. */
  readonly unit: Unit | null;
  /** Unit id, or "?" + folded name for an unresolved unit (so it can still be matched and shown). */
  readonly key: string;
  /** What the appendix prints: the official name, or the name as written when unresolved. */
  readonly displayName: string;
}

export interface ParsedUnitScore extends RowBase {
  readonly total: number | null;
  readonly groups: Partial<Record<GroupCode, number | null>>;
  readonly indicators: Readonly<Record<string, ParsedIndicator>>;
  readonly statedDelta: number | null;
  readonly dataQuality: NonNullable<UnitScoreInput["dataQuality"]>;
}

export interface ParsedOverdueDossier extends RowBase {
  readonly total: number | null;
  readonly districtLevel: number | null;
  readonly communeLevel: number | null;
}

export interface ParsedOverduePetition extends RowBase {
  readonly total: number | null;
  readonly notReceived: number | null;
  readonly late: number | null;
  readonly note: string;
}

export interface ParsedSummary {
  readonly total: number | null;
  readonly groups: Partial<Record<GroupCode, number | null>>;
  readonly indicators: Readonly<Record<string, ParsedIndicator>>;
  readonly rank: number | null;
  readonly rankOf: number | null;
  readonly statedDeltas: Readonly<Record<string, number | null>>;
}

export interface ParsedLetter {
  readonly total: number | null;
  readonly delta: number | null;
  readonly rank: number | null;
  readonly rankOf: number | null;
}

export interface ParsedPeriod {
  readonly period: Period | null;
  readonly dataTimestamp: string | null;
  readonly summary: ParsedSummary | null;
  readonly unitScores: readonly ParsedUnitScore[];
  readonly overdueDossiers: readonly ParsedOverdueDossier[];
  readonly overduePetitions: readonly ParsedOverduePetition[];
}

const NO_INDICATORS: Readonly<Record<string, ParsedIndicator>> = Object.freeze({});
const NO_GROUPS: Partial<Record<GroupCode, number | null>> = Object.freeze({});
const NO_QUALITY_FLAGS: NonNullable<UnitScoreInput["dataQuality"]> = Object.freeze([]);

interface Ctx {
  readonly methodology: Methodology;
  readonly resolver: Resolver;
  readonly tag: "current" | "previous";
  readonly issues: Issue[];
  readonly summaryLayout: readonly SummaryRow[];
}

function loc(ctx: Ctx, dataset: DatasetName, row?: number, column?: string, unit?: string): IssueLocation {
  return {
    dataset,
    period: ctx.tag,
    ...(row !== undefined ? { row } : {}),
    ...(column ? { column } : {}),
    ...(unit ? { unit } : {}),
  };
}

function columnLabel(column: string): string {
  if (COLUMN_LABELS[column]) return COLUMN_LABELS[column];
  const m = /^(indicators|groups)\.([A-Z_]+)(?:\.(\w+))?$/.exec(column);
  if (m) {
    const part = { numerator: "tử số", denominator: "mẫu số", rate: "tỷ lệ", points: "điểm" }[m[3] ?? ""] ?? "";
    return `${m[2]}${part ? ` (${part})` : ""}`;
  }
  if (column.startsWith("statedDeltas.")) return `So với kỳ trước (${column.slice(13)})`;
  return column;
}

function read(
  ctx: Ctx,
  result: ParseResult<number>,
  dataset: DatasetName,
  row: number | undefined,
  column: string,
  unitName?: string,
  unitKey?: string,
): number | null {
  if (result.ok && !result.warning) return result.value;
  const l = loc(ctx, dataset, row, column, unitKey);
  if (!result.ok) {
    ctx.issues.push(
      issue("error", ISSUE_CODES.UNPARSEABLE_CELL, l, `${where(l, unitName)}, cột "${columnLabel(column)}": ${result.message}.`, {
        parseCode: result.code,
      }),
    );
    return null;
  }
  ctx.issues.push(issue("warning", ISSUE_CODES.CELL_READ_WITH_GUESS, l, `${where(l, unitName)}, cột "${columnLabel(column)}": ${result.warning}.`));
  return result.value;
}

/**
 * What the API and Excel mostly send: a blank, or a finite number that fits the kind. Returns
 * undefined when the cell needs the full reader (text, a non-integer count, NaN…).
 */
function quick(cell: Cell, kind: ValueKind): number | null | undefined {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === "number" && Number.isFinite(cell) && (kind !== "count" || (Number.isInteger(cell) && cell >= 0))) return cell === 0 ? 0 : cell;
  return undefined;
}

function num(ctx: Ctx, cell: Cell, kind: ValueKind, dataset: DatasetName, row: number | undefined, column: string, unitName?: string, unitKey?: string): number | null {
  const fast = quick(cell, kind);
  return fast !== undefined ? fast : read(ctx, parseNumber(cell, kind), dataset, row, column, unitName, unitKey);
}

/** Exactly resolved names, per resolver: the same frozen identity for every row that names the unit. */
const identityCache = new WeakMap<Resolver, Map<string, Omit<RowBase, "row">>>();
function identities(resolver: Resolver): Map<string, Omit<RowBase, "row">> {
  let map = identityCache.get(resolver);
  if (!map) identityCache.set(resolver, (map = new Map()));
  if (map.size > 100_000) map.clear();
  return map;
}

function resolveRow(ctx: Ctx, dataset: DatasetName, row: number, written: unknown): Omit<RowBase, "row"> {
  const unitText = typeof written === "string" ? written.trim() : written === null || written === undefined ? "" : String(written);
  const known = identities(ctx.resolver).get(unitText);
  if (known) return known;
  const r = unitText ? ctx.resolver.resolve(unitText) : null;
  if (r?.status === "exact" && r.unit) {
    const identity = Object.freeze({ unitText, unit: r.unit, key: r.unit.id, displayName: r.unit.name });
    identities(ctx.resolver).set(unitText, identity);
    return identity;
  }
  const l = loc(ctx, dataset, row, "unit", unitText || undefined);
  if (!r) {
    ctx.issues.push(issue("error", ISSUE_CODES.UNKNOWN_UNIT, l, `${where(l)}: thiếu tên đơn vị.`));
    return { unitText, unit: null, key: `?row${row}`, displayName: "" };
  }
  const names = (units: readonly Unit[]) => units.map((u) => `"${u.name}"`).join(", ");
  if ((r.status === "exact" || r.status === "fuzzy") && r.unit) {
    if (r.status === "fuzzy") {
      ctx.issues.push(
        issue("warning", ISSUE_CODES.FUZZY_UNIT, { ...l, unit: r.unit.id }, `${where(l)}: tên "${unitText}" không khớp chính xác; đã hiểu là "${r.unit.name}". Kiểm tra lại.`, {
          written: unitText,
          resolved: r.unit.id,
          candidates: r.candidates.map((u) => u.id),
        }),
      );
    }
    return { unitText, unit: r.unit, key: r.unit.id, displayName: r.unit.name };
  }
  const candidates = r.candidates.map((u) => ({ id: u.id, name: u.name }));
  if (r.status === "ambiguous") {
    ctx.issues.push(
      issue("error", ISSUE_CODES.AMBIGUOUS_UNIT, l, `${where(l)}: tên "${unitText}" khớp với nhiều đơn vị: ${names(r.candidates)}. Ghi rõ tên đầy đủ.`, { written: unitText, candidates }),
    );
  } else {
    const hint = r.candidates.length ? ` Có phải: ${names(r.candidates)}?` : "";
    ctx.issues.push(issue("error", ISSUE_CODES.UNKNOWN_UNIT, l, `${where(l)}: không tìm thấy đơn vị "${unitText}" trong danh mục.${hint}`, { written: unitText, candidates }));
  }
  return { unitText, unit: null, key: `?${fold(unitText)}`, displayName: unitText };
}

function readPart(ctx: Ctx, cell: Cell, kind: ValueKind, dataset: DatasetName, row: number | undefined, code: string, part: string, unitName?: string, unitKey?: string): number | null {
  return read(ctx, parseNumber(cell, kind), dataset, row, `indicators.${code}.${part}`, unitName, unitKey);
}

function readIndicators(
  ctx: Ctx,
  input: Readonly<Record<string, IndicatorInput>> | undefined,
  dataset: DatasetName,
  row: number | undefined,
  unitName?: string,
  unitKey?: string,
): Readonly<Record<string, ParsedIndicator>> {
  if (!input) return NO_INDICATORS;
  const codes = Object.keys(input);
  let out: Record<string, ParsedIndicator> | null = null;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as string;
    const value = input[code];
    let parsed: ParsedIndicator | null = null;
    if (value && typeof value === "object") {
      const n = quick(value.numerator, "count");
      const d = quick(value.denominator, "count");
      const r = quick(value.rate, "percent");
      const p = quick(value.points, "points");
      if (n !== undefined && d !== undefined && r !== undefined && p !== undefined && value.numerator !== undefined && value.denominator !== undefined && value.rate !== undefined && value.points !== undefined) {
        // Already in parsed form (numbers or null in all four fields, as the API sends them): use as is.
        parsed = value as ParsedIndicator;
      } else {
        parsed = {
          numerator: n !== undefined ? n : readPart(ctx, value.numerator, "count", dataset, row, code, "numerator", unitName, unitKey),
          denominator: d !== undefined ? d : readPart(ctx, value.denominator, "count", dataset, row, code, "denominator", unitName, unitKey),
          rate: r !== undefined ? r : readPart(ctx, value.rate, "percent", dataset, row, code, "rate", unitName, unitKey),
          points: p !== undefined ? p : readPart(ctx, value.points, "points", dataset, row, code, "points", unitName, unitKey),
        };
      }
      checkIndicator(ctx.methodology, code, parsed, dataset, ctx.tag, row, unitName, unitKey, ctx.issues);
    }
    if (parsed !== value && !out) {
      // Something had to be converted or dropped: copy what came before it, then go on copying.
      out = {};
      for (let j = 0; j < i; j++) out[codes[j] as string] = input[codes[j] as string] as ParsedIndicator;
    }
    if (out && parsed) out[code] = parsed;
  }
  // Every indicator was already in parsed form: the caller's record serves as is.
  return out ?? (input as Readonly<Record<string, ParsedIndicator>>);
}

function readGroups(
  ctx: Ctx,
  input: Partial<Record<GroupCode, Cell>> | undefined,
  dataset: DatasetName,
  row: number | undefined,
  unitName?: string,
  unitKey?: string,
): Partial<Record<GroupCode, number | null>> {
  if (!input) return NO_GROUPS;
  // Already numbers (or null), as the API sends them: use the caller's record (only the group codes
  // are ever read from it).
  let clean = true;
  for (const code of GROUP_CODES) {
    const cell = input[code];
    if (cell !== undefined && cell !== null && (typeof cell !== "number" || !Number.isFinite(cell))) {
      clean = false;
      break;
    }
  }
  if (clean) return input as Partial<Record<GroupCode, number | null>>;
  const out: Partial<Record<GroupCode, number | null>> = {};
  for (const code of GROUP_CODES) {
    const cell = input[code];
    if (cell === undefined) continue;
    // "10.4/18 điểm" reads as 10.4: the part before the slash is the score.
    out[code] = num(ctx, cell, "points", dataset, row, `groups.${code}`, unitName, unitKey);
  }
  return out;
}

function parseUnitScores(ctx: Ctx, rows: readonly UnitScoreInput[] | undefined): ParsedUnitScore[] {
  return (rows ?? []).map((r, i) => {
    const row = i + 1;
    const base = resolveRow(ctx, "unitScores", row, r?.unit);
    const name = base.displayName;
    return {
      row,
      unitText: base.unitText,
      unit: base.unit,
      key: base.key,
      displayName: base.displayName,
      total: num(ctx, r?.total, "points", "unitScores", row, "total", name, base.key),
      groups: readGroups(ctx, r?.groups, "unitScores", row, name, base.key),
      indicators: readIndicators(ctx, r?.indicators, "unitScores", row, name, base.key),
      statedDelta: r?.statedDelta === undefined || r.statedDelta === null ? null : read(ctx, parseDelta(r.statedDelta, "points"), "unitScores", row, "statedDelta", name, base.key),
      dataQuality: Array.isArray(r?.dataQuality) ? r.dataQuality : NO_QUALITY_FLAGS,
    };
  });
}

/** A Phụ lục 3/4 row's unit and a reader of its count cells (issues located at the row and column). */
function countRow(ctx: Ctx, dataset: "overdueDossiers" | "overduePetitions", i: number, written: unknown) {
  const row = i + 1;
  const base = { row, ...resolveRow(ctx, dataset, row, written) };
  return { base, count: (value: Cell, column: string) => num(ctx, value, "count", dataset, row, column, base.displayName, base.key) };
}

function parseOverdueDossiers(ctx: Ctx, rows: readonly OverdueDossierInput[] | undefined): ParsedOverdueDossier[] {
  return (rows ?? []).map((r, i) => {
    const { base, count } = countRow(ctx, "overdueDossiers", i, r?.unit);
    return { ...base, total: count(r?.total, "total"), districtLevel: count(r?.districtLevel, "districtLevel"), communeLevel: count(r?.communeLevel, "communeLevel") };
  });
}

function parseOverduePetitions(ctx: Ctx, rows: readonly OverduePetitionInput[] | undefined): ParsedOverduePetition[] {
  return (rows ?? []).map((r, i) => {
    const { base, count } = countRow(ctx, "overduePetitions", i, r?.unit);
    return { ...base, total: count(r?.total, "total"), notReceived: count(r?.notReceived, "notReceived"), late: count(r?.late, "late"), note: typeof r?.note === "string" ? r.note : "" };
  });
}

function parseSummary(ctx: Ctx, s: ProvinceSummaryInput | undefined): ParsedSummary | null {
  if (!s) return null;
  const statedDeltas: Record<string, number | null> = {};
  for (const [key, cell] of Object.entries(s.statedDeltas ?? {})) {
    statedDeltas[key] = read(ctx, parseDelta(cell, summaryDeltaKind(ctx.summaryLayout, key)), "summary", undefined, `statedDeltas.${key}`);
  }
  return {
    total: num(ctx, s.total, "points", "summary", undefined, "total"),
    groups: readGroups(ctx, s.groups, "summary", undefined),
    indicators: readIndicators(ctx, s.indicators, "summary", undefined),
    rank: num(ctx, s.rank, "count", "summary", undefined, "rank"),
    rankOf: num(ctx, s.rankOf, "count", "summary", undefined, "rankOf"),
    statedDeltas,
  };
}

export function parseLetter(letter: LetterStatedInput | undefined, issues: Issue[], resolver: Resolver, methodology: Methodology, summaryLayout: readonly SummaryRow[]): ParsedLetter | null {
  if (!letter) return null;
  const ctx: Ctx = { methodology, resolver, tag: "current", issues, summaryLayout };
  return {
    total: num(ctx, letter.total, "points", "letter", undefined, "total"),
    delta: read(ctx, parseDelta(letter.delta, "points"), "letter", undefined, "delta"),
    rank: num(ctx, letter.rank, "count", "letter", undefined, "rank"),
    rankOf: num(ctx, letter.rankOf, "count", "letter", undefined, "rankOf"),
  };
}

/**
 * Read one period's datasets. Each indicator is checked as it is read (percent in 0–100, numerator
 * not above denominator, rate against counts, points within the maximum of `methodology`).
 */
export function parsePeriodDatasets(
  datasets: PeriodDatasets,
  resolver: Resolver,
  tag: "current" | "previous",
  issues: Issue[],
  methodology: Methodology,
  summaryLayout: readonly SummaryRow[],
): ParsedPeriod {
  const ctx: Ctx = { methodology, resolver, tag, issues, summaryLayout };
  const period = datasets.period === undefined ? null : parsePeriod(datasets.period);
  return {
    period,
    dataTimestamp: typeof datasets.dataTimestamp === "string" ? datasets.dataTimestamp : null,
    summary: parseSummary(ctx, datasets.summary),
    unitScores: parseUnitScores(ctx, datasets.unitScores),
    overdueDossiers: parseOverdueDossiers(ctx, datasets.overdueDossiers),
    overduePetitions: parseOverduePetitions(ctx, datasets.overduePetitions),
  };
}
