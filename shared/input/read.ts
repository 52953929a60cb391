/**
 * Stage 1 — read. Raw datasets (cells as pasted or sent) in, parsed rows out: every figure read by its
 * column's kind, every unit name resolved against the catalog, each row carrying one {@link RowRef}
 * (dataset, period, row, unit) that later stages locate their issues with. A cell that cannot be read
 * and a name that cannot be resolved are this stage's issues; nothing here checks sums or ranges, except
 * that a figure beyond any report's (magnitude above 10⁹, `shared/bounds.ts`) is an issue at its cell
 * and left out, so 1.7e308 or 1e16 never reaches a sum, a delta or a printer.
 */
import type { Resolver } from "../catalog/resolve";
import { ISSUE_CODES, at, columnLabel, issue, where, type Staged } from "../issues";
import type { Cell, DatasetName, GroupCode, IndicatorInput, Issue, LetterStatedInput, OverdueDossierInput, OverduePetitionInput, PeriodDatasets, ProvinceSummaryInput, ReportInput, RowRef, Unit, UnitScoreInput } from "../model";
import { MAX_FIGURE, withinFigureBounds } from "../bounds";
import { sum2 } from "../rounding";
import { GROUP_CODES } from "../rules/methodology";
import type { ParsedIndicator } from "../rules/points";
import { summaryDeltaKind } from "../rules/summary-rows";
import { formatCount, parseDelta, parseNumber, type ParseResult, type ValueKind } from "../text/vn-number";
import { fold } from "../text/vn-text";
import type { BuildContext, PeriodFrame } from "./context";

export type { ParsedIndicator };

/** Which dataset and period a row is from: one object per dataset and period, shared by its rows. */
export interface RowSource {
  readonly dataset: DatasetName;
  readonly period: "current" | "previous";
}

/** Who a row names: one frozen object per distinct name exactly resolved, shared by every row naming it. */
export interface UnitIdentity {
  /** The name as written. */
  readonly unitText: string;
  /** The resolved unit, or null when the name is unknown or ambiguous. */
  readonly unit: Unit | null;
  /** Unit id, or "?" + folded name for an unresolved unit (so it can still be matched and shown). */
  readonly key: string;
  /** What the appendix prints: the official name, or the name as written when unresolved. */
  readonly displayName: string;
  /** The unit's position among the period's units (a dense index for look-up tables); -1 when unresolved. */
  readonly slot: number;
  /** The name's place in the catalog's collation order (ties are ordered by it); -1 when unknown. */
  readonly ordinal: number;
}

/**
 * What every parsed unit row has: where it came from and which unit it names. Its issue location
 * ({@link rowRef}) is built only when an issue needs it: a row is three pointers, not a copy of its
 * identity and location (a 10,000-unit build reads 40,000 rows).
 */
export interface ParsedRow {
  readonly source: RowSource;
  /** The row's place in its dataset (1-based). */
  readonly row: number;
  readonly identity: UnitIdentity;
}

/** A row's location for an issue: {dataset, period, row, unit}. */
export function rowRef(r: ParsedRow): RowRef {
  return { dataset: r.source.dataset, period: r.source.period, row: r.row, unit: r.identity.key };
}

/** A location given as a parsed row (built on demand) or as is (the summary's, the letter's). */
export type RowLocation = ParsedRow | RowRef;

export function locationOf(l: RowLocation): RowRef {
  return "identity" in l ? rowRef(l) : l;
}

export interface ParsedUnitScore extends ParsedRow {
  readonly total: number | null;
  readonly groups: Partial<Record<GroupCode, number | null>>;
  readonly indicators: Readonly<Record<string, ParsedIndicator>>;
  /**
   * The codes of `indicators`, in the order a for-in loop gives them: one array shared by the rows that
   * have the same codes. Later stages walk it instead of the record's keys (enumerating a record built
   * key by key, as the add-in and the portal mapping build them, allocates its keys every time).
   */
  readonly indicatorCodes: readonly string[];
  readonly statedDelta: number | null;
  readonly dataQuality: NonNullable<UnitScoreInput["dataQuality"]>;
}

export interface ParsedOverdueDossier extends ParsedRow {
  readonly total: number | null;
  readonly districtLevel: number | null;
  readonly communeLevel: number | null;
}

export interface ParsedOverduePetition extends ParsedRow {
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
  readonly dataTimestamp: string | null;
  readonly summary: ParsedSummary | null;
  readonly unitScores: readonly ParsedUnitScore[];
  readonly overdueDossiers: readonly ParsedOverdueDossier[];
  readonly overduePetitions: readonly ParsedOverduePetition[];
}

export interface ReadDatasets {
  readonly current: ParsedPeriod;
  /** Null when the context has no previous period. */
  readonly previous: ParsedPeriod | null;
  readonly letter: ParsedLetter | null;
}

/** A Phụ lục 3 row's total: as given, else the sum of its two levels (null when nothing is given). */
export function overdueTotal(r: ParsedOverdueDossier): number | null {
  return r.total ?? (r.districtLevel !== null || r.communeLevel !== null ? (r.districtLevel ?? 0) + (r.communeLevel ?? 0) : null);
}

/** A Phụ lục 4 row's total: as given, else chưa tiếp nhận + chậm xử lý. */
export function petitionTotal(r: ParsedOverduePetition): number | null {
  return r.total ?? (r.notReceived !== null || r.late !== null ? (r.notReceived ?? 0) + (r.late ?? 0) : null);
}

export function read(input: ReportInput, ctx: BuildContext): Staged<ReadDatasets> {
  const issues: Issue[] = [];
  const reader = (frame: PeriodFrame, tag: "current" | "previous") => new Reader(frame, tag, ctx.ordinals, issues);
  const current = readPeriod(reader(ctx.current, "current"), input);
  const previous = ctx.previous && input.previous ? readPeriod(reader(ctx.previous, "previous"), input.previous) : null;
  const letter = input.letter ? readLetter(reader(ctx.current, "current"), input.letter) : null;
  return { value: { current, previous, letter }, issues };
}

/** A row without indicators (the letter's rows): one frozen record, so later stages skip it by identity. */
export const NO_INDICATORS: Readonly<Record<string, ParsedIndicator>> = Object.freeze({});
const NO_GROUPS: Partial<Record<GroupCode, number | null>> = Object.freeze({});
const NO_QUALITY_FLAGS: NonNullable<UnitScoreInput["dataQuality"]> = Object.freeze([]);
const NO_CODES: readonly string[] = Object.freeze([]);

// Owner: the read stage — exactly resolved names per resolver (resolvers are kept per catalog and
// date), so every row naming a unit shares one frozen identity; the benchmark's largest inputs name
// 10,035 units four times each.
const identityCache = new WeakMap<Resolver, Map<string, UnitIdentity>>();

/** Reads one period's cells, collecting its issues. */
class Reader {
  private readonly identities: Map<string, UnitIdentity>;
  /** Delta texts of points columns read cleanly in this period (owned by this reader, one build). */
  private readonly pointDeltas = new Map<string, number | null>();
  /** The codes of the record {@link indicators} last returned (see `ParsedUnitScore.indicatorCodes`). */
  codes: readonly string[] = NO_CODES;
  /** The codes {@link allParsed} saw: the first {@link scratchCount} entries (kept, not emptied, between rows). */
  private readonly scratchCodes: string[] = [];
  private scratchCount = 0;
  constructor(
    readonly frame: PeriodFrame,
    readonly tag: "current" | "previous",
    private readonly ordinals: ReadonlyMap<string, number>,
    readonly issues: Issue[],
  ) {
    let map = identityCache.get(frame.resolver);
    if (!map) identityCache.set(frame.resolver, (map = new Map()));
    if (map.size > 100_000) map.clear();
    this.identities = map;
  }

  /** The source of a dataset's rows in this period, shared by them. */
  source(dataset: DatasetName): RowSource {
    return { dataset, period: this.tag };
  }

  ref(dataset: DatasetName, row?: number, unit?: string): RowRef {
    if (row === undefined) return unit ? { dataset, period: this.tag, unit } : { dataset, period: this.tag };
    return unit ? { dataset, period: this.tag, row, unit } : { dataset, period: this.tag, row };
  }

  /** A parse result's value; a failure or a guess becomes an issue at the row's cell. */
  value(result: ParseResult<number>, ref: RowLocation, column: string, unitName?: string): number | null {
    if (result.ok && !result.warning && (result.value === null || withinFigureBounds(result.value))) return result.value;
    const l = at(locationOf(ref), column);
    if (!result.ok) {
      this.issues.push(issue("error", ISSUE_CODES.UNPARSEABLE_CELL, l, `${where(l, unitName)}, cột "${columnLabel(column)}": ${result.message}.`, { parseCode: result.code }));
      return null;
    }
    if (result.value !== null && !withinFigureBounds(result.value)) {
      // Read, but beyond any figure of a report: left out, so it never reaches a sum, a delta or a printer.
      this.issues.push(
        issue("error", ISSUE_CODES.FIGURE_OUT_OF_BOUNDS, l, `${where(l, unitName)}, cột "${columnLabel(column)}": số ${boundedText(result.value)} vượt giới hạn ±${formatCount(MAX_FIGURE)}; bỏ qua số này.`, { limit: MAX_FIGURE }),
      );
      return null;
    }
    this.issues.push(issue("warning", ISSUE_CODES.CELL_READ_WITH_GUESS, l, `${where(l, unitName)}, cột "${columnLabel(column)}": ${result.warning}.`));
    return result.value;
  }

  /** A figure of the given kind: the plain number most cells are, or the full reader. */
  num(cell: Cell, kind: ValueKind, ref: RowLocation, column: string, unitName?: string): number | null {
    const fast = quick(cell, kind);
    return fast !== undefined ? fast : this.value(parseNumber(cell, kind), ref, column, unitName);
  }

  delta(cell: Cell, kind: ValueKind, ref: RowLocation, column: string, unitName?: string): number | null {
    if (cell === undefined || cell === null) return null;
    if (typeof cell !== "string" || kind !== "points") return this.value(parseDelta(cell, kind), ref, column, unitName);
    // "Tăng 0.5" repeats across units: each distinct text cleanly read is parsed once per period.
    const known = this.pointDeltas.get(cell);
    if (known !== undefined) return known;
    const result = parseDelta(cell, kind);
    if (result.ok && !result.warning && (result.value === null || withinFigureBounds(result.value))) this.pointDeltas.set(cell, result.value);
    return this.value(result, ref, column, unitName);
  }

  /** The row's unit, resolved once per distinct name; unknown, ambiguous and near-miss names are issues. */
  identity(dataset: DatasetName, row: number, written: unknown): UnitIdentity {
    const unitText = typeof written === "string" ? written.trim() : written === null || written === undefined ? "" : String(written);
    const known = this.identities.get(unitText);
    if (known) return known;
    const r = unitText ? this.frame.resolver.resolve(unitText) : null;
    if (r?.status === "exact" && r.unit) {
      const identity = Object.freeze(this.resolved(unitText, r.unit));
      this.identities.set(unitText, identity);
      return identity;
    }
    const l = at(this.ref(dataset, row, unitText || undefined), "unit");
    if (!r) {
      this.issues.push(issue("error", ISSUE_CODES.UNKNOWN_UNIT, l, `${where(l)}: thiếu tên đơn vị.`));
      return { unitText, unit: null, key: `?row${row}`, displayName: "", slot: -1, ordinal: -1 };
    }
    const names = (units: readonly Unit[]) => units.map((u) => `"${u.name}"`).join(", ");
    if ((r.status === "exact" || r.status === "fuzzy") && r.unit) {
      if (r.status === "fuzzy") {
        this.issues.push(
          issue("warning", ISSUE_CODES.FUZZY_UNIT, { ...l, unit: r.unit.id }, `${where(l)}: tên "${unitText}" không khớp chính xác; đã hiểu là "${r.unit.name}". Kiểm tra lại.`, {
            written: unitText,
            resolved: r.unit.id,
            candidates: r.candidates.map((u) => u.id),
          }),
        );
      }
      return this.resolved(unitText, r.unit);
    }
    const candidates = r.candidates.map((u) => ({ id: u.id, name: u.name }));
    if (r.status === "ambiguous") {
      this.issues.push(issue("error", ISSUE_CODES.AMBIGUOUS_UNIT, l, `${where(l)}: tên "${unitText}" khớp với nhiều đơn vị: ${names(r.candidates)}. Ghi rõ tên đầy đủ.`, { written: unitText, candidates }));
    } else {
      const hint = r.candidates.length ? ` Có phải: ${names(r.candidates)}?` : "";
      this.issues.push(issue("error", ISSUE_CODES.UNKNOWN_UNIT, l, `${where(l)}: không tìm thấy đơn vị "${unitText}" trong danh mục.${hint}`, { written: unitText, candidates }));
    }
    return { unitText, unit: null, key: `?${fold(unitText)}`, displayName: unitText, slot: -1, ordinal: this.ordinals.get(unitText) ?? -1 };
  }

  private resolved(unitText: string, unit: Unit): UnitIdentity {
    return { unitText, unit, key: unit.id, displayName: unit.name, slot: this.frame.resolver.indexOf(unit.id), ordinal: this.ordinals.get(unit.name) ?? -1 };
  }


  indicators(input: Readonly<Record<string, IndicatorInput>> | undefined, ref: RowLocation, unitName?: string): Readonly<Record<string, ParsedIndicator>> {
    if (!input) {
      this.codes = NO_CODES;
      return NO_INDICATORS;
    }
    // Usually every indicator is already in parsed form (numbers or null in all four fields, as the
    // API sends them): the caller's record serves as is.
    if (this.allParsed(input)) {
      this.codes = this.shared(this.scratchCodes, this.scratchCount);
      return input as Readonly<Record<string, ParsedIndicator>>;
    }
    const read = this.readIndicators(input, ref, unitName);
    const keys: string[] = [];
    for (const code in read) keys.push(code);
    this.codes = this.shared(keys, keys.length);
    return read;
  }

  /** Whether every indicator holds numbers (or null) that need no reading, in all four fields; its codes in {@link scratchCodes}. */
  private allParsed(input: Readonly<Record<string, IndicatorInput>>): boolean {
    const codes = this.scratchCodes;
    let n = 0;
    for (const code in input) {
      const v = input[code];
      if (!v || typeof v !== "object" || !isParsed(v.numerator, "count") || !isParsed(v.denominator, "count") || !isParsed(v.rate, "percent") || !isParsed(v.points, "points")) return false;
      codes[n++] = code;
    }
    this.scratchCount = n;
    return true;
  }

  /** The last codes kept when they equal the first `n` of `codes`, else a frozen copy of those. */
  private shared(codes: readonly string[], n: number): readonly string[] {
    const last = this.codes;
    if (last.length === n) {
      let i = 0;
      while (i < n && last[i] === codes[i]) i++;
      if (i === n) return last;
    }
    return Object.freeze(codes.slice(0, n));
  }

  /** Indicators some of which must be read (text, a guess, a bad value) or dropped. */
  private readIndicators(input: Readonly<Record<string, IndicatorInput>>, ref: RowLocation, unitName?: string): Readonly<Record<string, ParsedIndicator>> {
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
          const part = (cell: Cell, kind: ValueKind, name: string, fast: number | null | undefined) =>
            fast !== undefined ? fast : this.value(parseNumber(cell, kind), ref, `indicators.${code}.${name}`, unitName);
          parsed = { numerator: part(value.numerator, "count", "numerator", n), denominator: part(value.denominator, "count", "denominator", d), rate: part(value.rate, "percent", "rate", r), points: part(value.points, "points", "points", p) };
        }
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

  groups(input: Partial<Record<GroupCode, Cell>> | undefined, ref: RowLocation, unitName?: string): Partial<Record<GroupCode, number | null>> {
    if (!input) return NO_GROUPS;
    // Already numbers (or null), as the API sends them: use the caller's record (only the group codes
    // are ever read from it).
    let clean = true;
    for (const code of GROUP_CODES) {
      const cell = input[code];
      if (cell !== undefined && cell !== null && (typeof cell !== "number" || !withinFigureBounds(cell))) {
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
      out[code] = this.num(cell, "points", ref, `groups.${code}`, unitName);
    }
    return out;
  }
}

/** A figure beyond the bounds, named without exponent text: "lớn hơn 10⁹" or its digits when they fit. */
function boundedText(value: number): string {
  if (!Number.isFinite(value)) return "không hữu hạn";
  const digits = formatCount(value);
  return digits === "—" ? (value < 0 ? "âm quá lớn" : "quá lớn") : digits;
}

/**
 * What the API and Excel mostly send: a blank, or a finite number that fits the kind. Returns
 * undefined when the cell needs the full reader (text, a non-integer count, NaN…).
 */
function quick(cell: Cell, kind: ValueKind): number | null | undefined {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === "number" && withinFigureBounds(cell) && (kind !== "count" || (Number.isInteger(cell) && cell >= 0))) return cell === 0 ? 0 : cell;
  return undefined;
}

/** A cell {@link quick} takes as it is (blank given as null, not left out). */
function isParsed(cell: Cell, kind: ValueKind): boolean {
  return cell === null || (typeof cell === "number" && withinFigureBounds(cell) && (kind !== "count" || (Number.isInteger(cell) && cell >= 0)));
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/*
 * Rows are instances of classes, not object literals. V8 allocates a literal from its allocation site,
 * and once most objects of a site outlive a young-generation collection — as a 10,000-unit build's
 * rows, ranking entries and table rows do until the report is done — it "pretenures" the site:
 * allocates straight in the old generation, where every build's rows then wait for a full collection.
 * A letter build at 10,035 units took 51 ms with literals, 34 ms with classes (as fast as with V8's
 * pretenuring turned off): a class instance has no allocation site. The same holds for compare's
 * ranking entries and layout's table rows.
 */

class UnitScoreRow implements Mutable<ParsedUnitScore> {
  total: number | null = null;
  groups: Partial<Record<GroupCode, number | null>> = NO_GROUPS;
  indicators: Readonly<Record<string, ParsedIndicator>> = NO_INDICATORS;
  indicatorCodes: readonly string[] = NO_CODES;
  statedDelta: number | null = null;
  dataQuality: NonNullable<UnitScoreInput["dataQuality"]> = NO_QUALITY_FLAGS;
  constructor(
    readonly source: RowSource,
    readonly row: number,
    readonly identity: UnitIdentity,
  ) {}
}

class OverdueDossierRow implements Mutable<ParsedOverdueDossier> {
  total: number | null = null;
  districtLevel: number | null = null;
  communeLevel: number | null = null;
  constructor(
    readonly source: RowSource,
    readonly row: number,
    readonly identity: UnitIdentity,
  ) {}
}

class OverduePetitionRow implements Mutable<ParsedOverduePetition> {
  total: number | null = null;
  notReceived: number | null = null;
  late: number | null = null;
  constructor(
    readonly source: RowSource,
    readonly row: number,
    readonly identity: UnitIdentity,
    readonly note: string,
  ) {}
}

// Each row is made first and its figures read into it: the row is the location of any issue its
// cells raise (built only then, by rowRef).

function readUnitScores(rd: Reader, rows: readonly UnitScoreInput[] | undefined): ParsedUnitScore[] {
  const list = rows ?? [];
  const out = new Array<ParsedUnitScore>(list.length);
  const source = rd.source("unitScores");
  for (let i = 0; i < list.length; i++) {
    const r = list[i] as UnitScoreInput | undefined;
    const identity = rd.identity("unitScores", i + 1, r?.unit);
    const name = identity.displayName;
    const row: Mutable<ParsedUnitScore> = new UnitScoreRow(source, i + 1, identity);
    row.total = rd.num(r?.total, "points", row, "total", name);
    row.groups = rd.groups(r?.groups, row, name);
    row.indicators = rd.indicators(r?.indicators, row, name);
    row.indicatorCodes = rd.codes;
    row.statedDelta = rd.delta(r?.statedDelta, "points", row, "statedDelta", name);
    if (Array.isArray(r?.dataQuality)) row.dataQuality = r.dataQuality;
    out[i] = row;
  }
  return out;
}

function readOverdueDossiers(rd: Reader, rows: readonly OverdueDossierInput[] | undefined): ParsedOverdueDossier[] {
  const list = rows ?? [];
  const out = new Array<ParsedOverdueDossier>(list.length);
  const source = rd.source("overdueDossiers");
  for (let i = 0; i < list.length; i++) {
    const r = list[i] as OverdueDossierInput | undefined;
    const identity = rd.identity("overdueDossiers", i + 1, r?.unit);
    const name = identity.displayName;
    const row: Mutable<ParsedOverdueDossier> = new OverdueDossierRow(source, i + 1, identity);
    row.total = rd.num(r?.total, "count", row, "total", name);
    row.districtLevel = rd.num(r?.districtLevel, "count", row, "districtLevel", name);
    row.communeLevel = rd.num(r?.communeLevel, "count", row, "communeLevel", name);
    out[i] = row;
  }
  return out;
}

function readOverduePetitions(rd: Reader, rows: readonly OverduePetitionInput[] | undefined): ParsedOverduePetition[] {
  const list = rows ?? [];
  const out = new Array<ParsedOverduePetition>(list.length);
  const source = rd.source("overduePetitions");
  for (let i = 0; i < list.length; i++) {
    const r = list[i] as OverduePetitionInput | undefined;
    const identity = rd.identity("overduePetitions", i + 1, r?.unit);
    const name = identity.displayName;
    const row: Mutable<ParsedOverduePetition> = new OverduePetitionRow(source, i + 1, identity, typeof r?.note === "string" ? r.note : "");
    row.total = rd.num(r?.total, "count", row, "total", name);
    row.notReceived = rd.num(r?.notReceived, "count", row, "notReceived", name);
    row.late = rd.num(r?.late, "count", row, "late", name);
    out[i] = row;
  }
  return out;
}

/**
 * The province's total when none is stated: the sum of its six group scores (the portal's answers
 * print no grand total), exact to the hundredth; null unless all six are there.
 */
function groupSum(groups: Partial<Record<GroupCode, number | null>>): number | null {
  const parts: number[] = [];
  for (const g of GROUP_CODES) {
    const v = groups[g];
    if (v === null || v === undefined) return null;
    parts.push(v);
  }
  return sum2(parts);
}

function readSummary(rd: Reader, s: ProvinceSummaryInput | undefined): ParsedSummary | null {
  if (!s) return null;
  const ref = rd.ref("summary");
  const statedDeltas: Record<string, number | null> = {};
  for (const [key, cell] of Object.entries(s.statedDeltas ?? {})) {
    statedDeltas[key] = rd.value(parseDelta(cell, summaryDeltaKind(rd.frame.layout, key)), ref, `statedDeltas.${key}`);
  }
  const groups = rd.groups(s.groups, ref);
  return {
    total: rd.num(s.total, "points", ref, "total") ?? groupSum(groups),
    groups,
    indicators: rd.indicators(s.indicators, ref),
    rank: rd.num(s.rank, "count", ref, "rank"),
    rankOf: rd.num(s.rankOf, "count", ref, "rankOf"),
    statedDeltas,
  };
}

function readLetter(rd: Reader, letter: LetterStatedInput): ParsedLetter {
  const ref = rd.ref("letter");
  return {
    total: rd.num(letter.total, "points", ref, "total"),
    delta: rd.value(parseDelta(letter.delta, "points"), ref, "delta"),
    rank: rd.num(letter.rank, "count", ref, "rank"),
    rankOf: rd.num(letter.rankOf, "count", ref, "rankOf"),
  };
}

function readPeriod(rd: Reader, datasets: PeriodDatasets): ParsedPeriod {
  return {
    dataTimestamp: typeof datasets.dataTimestamp === "string" ? datasets.dataTimestamp : null,
    summary: readSummary(rd, datasets.summary),
    unitScores: readUnitScores(rd, datasets.unitScores),
    overdueDossiers: readOverdueDossiers(rd, datasets.overdueDossiers),
    overduePetitions: readOverduePetitions(rd, datasets.overduePetitions),
  };
}
