/**
 * A recording fake of the Excel object model the add-in uses (addin/excel/types.ts). It keeps cell
 * values, number formats, merges and formats per sheet, counts context.sync() calls, and enforces the
 * batching rule the real API has: a property read (values, items, isNullObject, name, formula) must
 * have been load()ed and synced first, otherwise the read throws.
 *
 * It also measures each sync's request as Excel would send it (an envelope per operation plus the
 * JSON of its arguments, in UTF-8 bytes) and can refuse one above a byte limit, like Excel on the
 * web's 5 MB; it can fail a chosen sync (the operations queued before it stay done, as in Excel);
 * and it behaves as Excel does where the add-in once went wrong: an unbounded (whole-column) range
 * has values = null, a filtered table refuses new rows, an emptied table's body is its insert row
 * (which cannot be deleted), the last sheet cannot be deleted, a "=…" written into a cell that is
 * not formatted as text becomes a formula.
 */
import { columnLetter } from "../../shared";
import type { ExcelContext, WorksheetLike } from "../../addin/excel/types";

type Grid = Map<string, unknown>;
const key = (r: number, c: number) => `${r},${c}`;

/** Excel's grid. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
/** Bytes of one operation's envelope in Excel's request (action type, object path, ids). */
export const OPERATION_BYTES = 160;
const encoder = new TextEncoder();
const jsonBytes = (v: unknown) => (v === undefined ? 0 : encoder.encode(JSON.stringify(v)).length);

export interface FormatOp {
  readonly sheet: string;
  readonly range: string;
  readonly path: string;
  readonly value: unknown;
}

function parseA1(a1: string): { r0: number; c0: number; rows: number; cols: number } {
  const [start = "", end] = a1.replace(/\$/g, "").split(":");
  const letters = (s: string) => [...s].reduce((c, ch) => c * 26 + (ch.charCodeAt(0) - 64), 0) - 1;
  // Whole columns ("A:D") and whole rows ("3:5").
  if (end && /^[A-Z]+$/.test(start) && /^[A-Z]+$/.test(end)) return { r0: 0, c0: letters(start), rows: MAX_ROWS, cols: letters(end) - letters(start) + 1 };
  if (end && /^\d+$/.test(start) && /^\d+$/.test(end)) return { r0: Number(start) - 1, c0: 0, rows: Number(end) - Number(start) + 1, cols: MAX_COLUMNS };
  const cell = (s: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(s);
    if (!m) throw new Error(`fake: bad address ${a1}`);
    let c = 0;
    for (const ch of m[1] ?? "") c = c * 26 + (ch.charCodeAt(0) - 64);
    return { r: Number(m[2]) - 1, c: c - 1 };
  };
  const a = cell(start);
  const b = end ? cell(end) : a;
  return { r0: a.r, c0: a.c, rows: b.r - a.r + 1, cols: b.c - a.c + 1 };
}

export class FakeContext {
  syncs = 0;
  /** What Excel would return for getSelectedRange(). */
  selection: FakeRange | null = null;
  /** Make a call on a null table fail the batch, as some Excel versions do. */
  strictNullObjects = false;
  readonly sheets: FakeSheet[] = [];
  readonly tablesByName = new Map<string, FakeTable>();
  readonly names: { name: string; formula: string; comment?: string }[] = [];
  readonly log: string[] = [];
  /** Bytes of each sync's request, in order. */
  readonly bytesPerSync: number[] = [];
  /** A request above this many bytes is refused (Excel on the web: 5 MB). */
  byteLimit = Number.POSITIVE_INFINITY;
  /** The sync (1-based) that fails, as a request Excel rejects midway. */
  failAtSync: number | null = null;
  private pending: (() => void)[] = [];
  private queuedBytes = 0;
  private failure: Error | null = null;

  readonly workbook = this.makeWorkbook();

  async sync(): Promise<void> {
    this.syncs += 1;
    const bytes = this.queuedBytes;
    this.bytesPerSync.push(bytes);
    this.queuedBytes = 0;
    const failure = this.failure;
    this.failure = null;
    const loads = this.pending;
    this.pending = [];
    if (bytes > this.byteLimit) throw new Error(`fake: RequestPayloadSizeLimitExceeded (${bytes} bytes in sync ${this.syncs})`);
    if (this.failAtSync === this.syncs) throw new Error(`fake: GeneralException in sync ${this.syncs}`);
    if (failure) throw failure;
    for (const p of loads) p();
  }

  /** Count one queued operation and the JSON of its arguments. */
  op(args?: unknown): void {
    this.queuedBytes += OPERATION_BYTES + jsonBytes(args);
  }

  /** An operation Excel would reject: the batch fails at the next sync. */
  reject(message: string): void {
    this.failure ??= new Error(`fake: ${message}`);
  }

  /** Mark a proxy's properties readable after the next sync. */
  queueLoad(apply: () => void): void {
    this.op();
    this.pending.push(apply);
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** Seed an existing sheet with a table (header row + body rows) starting at a cell. */
  seedTable(sheetName: string, tableName: string, topLeft: string, header: string[], body: unknown[][]): FakeSheet {
    const sheet = this.sheet(sheetName) ?? this.addSheet(sheetName);
    const { r0, c0 } = parseA1(topLeft);
    [header, ...body].forEach((row, r) => row.forEach((v, c) => sheet.grid.set(key(r0 + r, c0 + c), v)));
    this.tablesByName.set(tableName, new FakeTable(this, sheet, tableName, r0, c0, body.length + 1, header.length));
    return sheet;
  }

  addSheet(name: string): FakeSheet {
    if (this.sheet(name)) throw new Error(`fake: a sheet named "${name}" already exists`);
    this.op(name);
    const s = new FakeSheet(this, name, `id-${this.sheets.length + 1}-${name}`);
    this.sheets.push(s);
    this.log.push(`add sheet ${name}`);
    return s;
  }

  private makeWorkbook() {
    const ctx = this;
    const readable = { items: false };
    const worksheets = {
      get items(): WorksheetLike[] {
        if (!readable.items) throw new Error("fake: worksheets.items read before load + sync");
        return [...ctx.sheets];
      },
      load() {
        ctx.queueLoad(() => (readable.items = true));
      },
      add: (name?: string) => ctx.addSheet(name ?? `Sheet${ctx.sheets.length + 1}`),
      getItemOrNullObject: (name: string) => ctx.sheet(name) ?? new FakeSheet(ctx, name, "", true),
    };
    const namesReadable = { items: false };
    const names = {
      get items() {
        if (!namesReadable.items) throw new Error("fake: names.items read before load + sync");
        return ctx.names.map((n) => ({
          name: n.name,
          formula: n.formula,
          delete: () => {
            const i = ctx.names.findIndex((x) => x.name === n.name);
            if (i >= 0) ctx.names.splice(i, 1);
            ctx.log.push(`delete name ${n.name}`);
          },
        }));
      },
      load() {
        ctx.queueLoad(() => (namesReadable.items = true));
      },
      add(name: string, reference: FakeRange | string, comment?: string) {
        ctx.op([name, comment]);
        if (ctx.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) throw new Error(`fake: name ${name} exists`);
        const formula = typeof reference === "string" ? reference : `='${reference.sheet.name.replace(/'/g, "''")}'!${reference.absolute}`;
        ctx.names.push({ name, formula, ...(comment ? { comment } : {}) });
        ctx.log.push(`add name ${name}`);
      },
      getItem(name: string) {
        const n = ctx.names.find((x) => x.name === name);
        if (!n) throw new Error(`fake: no name ${name}`);
        return { name: n.name, formula: n.formula, delete: () => ctx.names.splice(ctx.names.indexOf(n), 1) };
      },
    };
    return {
      getSelectedRange: () => {
        if (!ctx.selection) throw new Error("fake: nothing selected");
        return ctx.selection;
      },
      worksheets,
      names,
      tables: { getItemOrNullObject: (name: string) => ctx.tablesByName.get(name) ?? new FakeTable(ctx, null, name, 0, 0, 0, 0, true) },
      settings: {
        add: () => undefined,
        getItemOrNullObject: () => ({ isNullObject: true, value: null, load: () => undefined }),
      },
    };
  }
}

export class FakeSheet {
  readonly grid: Grid = new Map();
  readonly formats: Grid = new Map();
  readonly merges: string[] = [];
  readonly formatOps: FormatOp[] = [];
  readonly conditional: { range: string; operator: string; text: string; color: string; fill?: string }[] = [];
  readonly hyperlinks = new Map<string, { documentReference?: string; textToDisplay?: string }>();
  readonly chartList: { type: string; source: string; title: string; seriesBy?: string; legend?: boolean; legendPosition?: string; axisTitles: { category?: string; value?: string }; position?: [string, string | undefined] }[] = [];
  /** Colour scales (conditional formats of type ColorScale): range and criteria. */
  readonly colorScales: { range: string; criteria: { minimum: { type: string; formula?: string; color?: string }; midpoint?: { type: string; formula?: string; color?: string }; maximum: { type: string; formula?: string; color?: string } } | null }[] = [];
  readonly validations: { range: string; rule?: unknown; errorAlert?: unknown }[] = [];
  readonly tableList: { name: string; address: string }[] = [];
  frozenRows = 0;
  deleted = false;
  position = 0;
  tabColor = "";
  readonly page: Record<string, unknown> = {};
  private nameLoaded = false;

  constructor(
    readonly ctx: FakeContext,
    private sheetName: string,
    readonly id: string,
    readonly isNullObjectValue = false,
  ) {}

  get name(): string {
    if (!this.nameLoaded && !this.ctx.sheets.includes(this)) throw new Error("fake: sheet.name read before load + sync");
    return this.sheetName;
  }
  set name(name: string) {
    this.ctx.op(name);
    const other = this.ctx.sheet(name);
    if (other && other !== this) {
      this.ctx.reject(`a sheet named "${name}" already exists`);
      return;
    }
    this.ctx.log.push(`rename ${this.sheetName} → ${name}`);
    this.sheetName = name;
  }
  get isNullObject(): boolean {
    return this.isNullObjectValue;
  }
  load(): void {
    this.ctx.queueLoad(() => (this.nameLoaded = true));
  }
  getRange(a1 = "A1"): FakeRange {
    const { r0, c0, rows, cols } = parseA1(a1);
    return new FakeRange(this, r0, c0, rows, cols);
  }
  getRangeByIndexes(r0: number, c0: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this, r0, c0, rows, cols);
  }
  delete(): void {
    this.ctx.op();
    if (this.ctx.sheets.length === 1 && this.ctx.sheets[0] === this) return this.ctx.reject("a workbook must contain at least one visible worksheet");
    this.deleted = true;
    const i = this.ctx.sheets.indexOf(this);
    if (i >= 0) this.ctx.sheets.splice(i, 1);
    this.ctx.log.push(`delete sheet ${this.sheetName}`);
  }
  activate(): void {
    this.ctx.op();
    this.ctx.log.push(`activate ${this.sheetName}`);
  }
  freezePanes = { freezeRows: (n?: number) => void (this.frozenRows = n ?? 0) };
  readonly tables = {
    add: (address: string) => {
      const entry = { name: "", address };
      this.tableList.push(entry);
      const { r0, c0, rows, cols } = parseA1(address);
      const table = new FakeTable(this.ctx, this, "", r0, c0, rows, cols);
      const ctx = this.ctx;
      return new Proxy(table, {
        set(target, p, v) {
          if (p === "name") {
            entry.name = String(v);
            ctx.tablesByName.set(String(v), target);
          }
          return Reflect.set(target, p, v);
        },
      });
    },
  };
  readonly charts = {
    add: (type: string, source: FakeRange, seriesBy?: string) => {
      this.ctx.op([type, source.a1, seriesBy]);
      const chart: FakeSheet["chartList"][number] = { type, source: source.a1, title: "", axisTitles: {}, ...(seriesBy ? { seriesBy } : {}) };
      this.chartList.push(chart);
      const axisTitle = (which: "category" | "value") => ({
        title: {
          set text(t: string) {
            chart.axisTitles[which] = t;
          },
        },
      });
      return {
        axes: { categoryAxis: axisTitle("category"), valueAxis: axisTitle("value") },
        title: {
          set text(t: string) {
            chart.title = t;
          },
        },
        legend: {
          set visible(v: boolean) {
            chart.legend = v;
          },
          set position(p: string) {
            chart.legendPosition = p;
          },
        },
        setPosition: (start: string, end?: string) => void (chart.position = [start, end]),
      };
    },
  };
  get pageLayout() {
    const page = this.page;
    return new Proxy(
      { setPrintTitleRows: (rows: string) => void (page["printTitleRows"] = rows) },
      { set: (_t, p, v) => ((page[String(p)] = v), true), get: (t, p) => (p in t ? (t as Record<string | symbol, unknown>)[p] : page[String(p)]) },
    );
  }
  /**
   * The series a chart plots, as Excel reads its source range: with series by rows, the first row
   * holds the categories and the first column each series' name when the top-left cell is blank (by
   * columns, the other way round); the values are the cells as stored now (blank: a gap).
   */
  chartSeries(index = 0): { categories: unknown[]; series: { name: string; values: unknown[] }[] } {
    const chart = this.chartList[index];
    if (!chart) throw new Error(`fake: no chart ${index} on ${this.sheetName}`);
    const { r0, c0, rows, cols } = parseA1(chart.source);
    let grid = this.block(r0, c0, rows, cols);
    if (chart.seriesBy === "Columns") grid = grid[0]?.map((_, c) => grid.map((row) => row[c])) ?? [];
    if (grid[0]?.[0] !== "") throw new Error(`fake: chart ${index}'s top-left source cell is not blank: Excel would not take the first row and column as labels`);
    return { categories: (grid[0] ?? []).slice(1), series: grid.slice(1).map((row) => ({ name: String(row[0]), values: row.slice(1) })) };
  }
  /** Cells holding a formula (written as formulas, or as a "=…" value into a cell not formatted as text). */
  readonly formulaCells = new Set<string>();
  /** Cell value as stored. */
  cell(a1: string): unknown {
    const { r0, c0 } = parseA1(a1);
    return this.grid.get(key(r0, c0));
  }
  /** Values of a block as a 2-D array ("" for empty). */
  block(r0: number, c0: number, rows: number, cols: number): unknown[][] {
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => this.grid.get(key(r0 + r, c0 + c)) ?? ""));
  }
}


export class FakeRange {
  private loaded = false;
  readonly format: FakeRange["formatProxy"];
  constructor(
    readonly sheet: FakeSheet,
    readonly r0: number,
    readonly c0: number,
    readonly rows: number,
    readonly cols: number,
  ) {
    this.format = this.formatProxy;
  }

  get address(): string {
    return `${this.sheet.name}!${this.a1}`;
  }
  get a1(): string {
    const start = `${columnLetter(this.c0)}${this.r0 + 1}`;
    const end = `${columnLetter(this.c0 + this.cols - 1)}${this.r0 + this.rows}`;
    return start === end ? start : `${start}:${end}`;
  }
  get absolute(): string {
    return this.a1.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  }
  get rowCount(): number {
    return this.rows;
  }
  get rowIndex(): number {
    return this.r0;
  }
  get columnIndex(): number {
    return this.c0;
  }
  get worksheet(): FakeSheet {
    return this.sheet;
  }
  /** A range outside any sheet (what ...OrNullObject returns when there is nothing). */
  isNullObjectValue = false;
  get isNullObject(): boolean {
    if (!this.loaded) throw new Error("fake: range.isNullObject read before load + sync");
    return this.isNullObjectValue;
  }
  /** The part of this range that holds values (ExcelApi 1.4), or a null object. */
  getUsedRangeOrNullObject(): FakeRange {
    let top = Infinity, left = Infinity, bottom = -1, right = -1;
    for (const [k, v] of this.sheet.grid) {
      if (v === "" || v === null || v === undefined) continue;
      const [r = 0, c = 0] = k.split(",").map(Number);
      if (r < this.r0 || r >= this.r0 + this.rows || c < this.c0 || c >= this.c0 + this.cols) continue;
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }
    if (bottom < 0) {
      const none = new FakeRange(this.sheet, 0, 0, 0, 0);
      none.isNullObjectValue = true;
      return none;
    }
    return new FakeRange(this.sheet, top, left, bottom - top + 1, right - left + 1);
  }
  /** Merged areas within this range (ExcelApi 1.13), as a RangeAreas whose address lists them. */
  getMergedAreasOrNullObject(): { isNullObject: boolean; address: string; load: () => void } {
    const inside = this.sheet.merges.filter((a1) => {
      const m = parseA1(a1);
      return m.r0 < this.r0 + this.rows && m.r0 + m.rows > this.r0 && m.c0 < this.c0 + this.cols && m.c0 + m.cols > this.c0;
    });
    let loaded = false;
    const sheet = this.sheet;
    return {
      get isNullObject() {
        if (!loaded) throw new Error("fake: isNullObject read before load + sync");
        return inside.length === 0;
      },
      get address() {
        if (!loaded) throw new Error("fake: address read before load + sync");
        return inside.map((a1) => `'${sheet.name}'!${a1}`).join(",");
      },
      load: () => this.sheet.ctx.queueLoad(() => (loaded = true)),
    };
  }
  getRow(row: number): FakeRange {
    return new FakeRange(this.sheet, this.r0 + row, this.c0, 1, this.cols);
  }
  getAbsoluteResizedRange(rows: number, cols: number): FakeRange {
    return new FakeRange(this.sheet, this.r0, this.c0, rows, cols);
  }
  get unbounded(): boolean {
    return this.rows >= MAX_ROWS || this.cols >= MAX_COLUMNS;
  }
  delete(): void {
    this.sheet.ctx.op();
    const table = this.tableAcross();
    if (table) {
      table.deleteRows(this.r0, this.rows);
      return;
    }
    this.clear();
  }
  /** The table whose body rows this range spans across all its columns. */
  private tableAcross(): FakeTable | undefined {
    for (const t of this.sheet.ctx.tablesByName.values()) {
      if (t.sheet === this.sheet && this.c0 <= t.c0 && this.c0 + this.cols >= t.c0 + t.cols && this.r0 > t.r0 && this.r0 + this.rows <= t.r0 + Math.max(2, t.dataRows + 1)) return t;
    }
    return undefined;
  }
  clear(): void {
    for (let r = 0; r < this.rows; r++) for (let c = 0; c < this.cols; c++) this.sheet.grid.delete(key(this.r0 + r, this.c0 + c));
    this.sheet.ctx.log.push(`clear ${this.a1}`);
  }
  get columnCount(): number {
    return this.cols;
  }
  load(_props?: string | string[]): void {
    this.sheet.ctx.queueLoad(() => (this.loaded = true));
  }
  get values(): unknown[][] {
    if (!this.loaded) throw new Error("fake: range.values read before load + sync");
    // Excel returns null for the values of an unbounded range (whole columns or rows).
    if (this.unbounded) return null as unknown as unknown[][];
    return this.sheet.block(this.r0, this.c0, this.rows, this.cols);
  }
  set values(v: unknown[][]) {
    this.sheet.ctx.op(v);
    this.checkShape(v, "values");
    for (const t of this.sheet.ctx.tablesByName.values()) {
      if (t.sheet === this.sheet && t.refusesWrite(this.r0, this.rows)) {
        this.sheet.ctx.reject(`values written into the filtered table ${t.name}`);
        return;
      }
    }
    v.forEach((row, r) => row.forEach((x, c) => this.put(r, c, x, false)));
  }
  set formulas(v: unknown[][]) {
    this.sheet.ctx.op(v);
    this.checkShape(v, "formulas");
    v.forEach((row, r) => row.forEach((x, c) => this.put(r, c, x, true)));
  }
  /** One value written into this one-cell range (no operation counted: part of a larger one). */
  writeOne(v: unknown): void {
    this.put(0, 0, v, false);
  }
  /** A cell written: "=…" becomes a formula unless it is a value written into a text-formatted cell. */
  private put(r: number, c: number, x: unknown, asFormula: boolean): void {
    const k = key(this.r0 + r, this.c0 + c);
    const isFormula = typeof x === "string" && x.startsWith("=") && (asFormula || this.sheet.formats.get(k) !== "@");
    if (isFormula) this.sheet.formulaCells.add(k);
    else this.sheet.formulaCells.delete(k);
    this.sheet.grid.set(k, x);
  }
  get numberFormat(): unknown[][] {
    return Array.from({ length: this.rows }, (_, r) => Array.from({ length: this.cols }, (_, c) => this.sheet.formats.get(key(this.r0 + r, this.c0 + c)) ?? "General"));
  }
  set numberFormat(v: unknown[][]) {
    this.sheet.ctx.op(v);
    this.checkShape(v, "numberFormat");
    v.forEach((row, r) => row.forEach((x, c) => this.sheet.formats.set(key(this.r0 + r, this.c0 + c), x)));
  }
  get dataValidation(): { rule: unknown; errorAlert: unknown } {
    const entry: { range: string; rule?: unknown; errorAlert?: unknown } = { range: this.a1 };
    this.sheet.validations.push(entry);
    return {
      set rule(r: unknown) {
        entry.rule = r;
      },
      set errorAlert(a: unknown) {
        entry.errorAlert = a;
      },
    } as { rule: unknown; errorAlert: unknown };
  }
  set hyperlink(h: { documentReference?: string; textToDisplay?: string }) {
    this.sheet.ctx.op(h);
    this.sheet.hyperlinks.set(this.a1, h);
  }
  merge(): void {
    this.sheet.ctx.op();
    this.sheet.merges.push(this.a1);
  }
  select(): void {
    this.sheet.ctx.log.push(`select ${this.address}`);
  }
  get conditionalFormats() {
    const range = this;
    return {
      add: (type?: string): import("../../addin/excel/types").ConditionalFormatLike => {
        range.sheet.ctx.op(type);
        // A colour scale records its criteria; a text comparison its operator, text and colour. Using the
        // other kind's member is what Excel refuses: the batch fails.
        const scale: FakeSheet["colorScales"][number] | null = type === "ColorScale" ? { range: range.a1, criteria: null } : null;
        const entry: FakeSheet["conditional"][number] | null = type === "ColorScale" ? null : { range: range.a1, operator: "", text: "", color: "" };
        if (scale) range.sheet.colorScales.push(scale);
        if (entry) range.sheet.conditional.push(entry);
        const wrong = (what: string) => range.sheet.ctx.reject(`${what} of a ${type} conditional format`);
        return {
          textComparison: {
            format: {
              font: {
                set color(c: string) {
                  if (entry) entry.color = c;
                  else wrong("textComparison");
                },
              },
              fill: {
                set color(c: string) {
                  if (entry) entry.fill = c;
                  else wrong("textComparison");
                },
              },
            },
            set rule(r: { operator: string; text: string }) {
              if (!entry) {
                wrong("textComparison");
                return;
              }
              entry.operator = r.operator;
              entry.text = r.text;
            },
          },
          colorScale: {
            set criteria(c: NonNullable<FakeSheet["colorScales"][number]["criteria"]>) {
              range.sheet.ctx.op(c);
              if (scale) scale.criteria = c;
              else wrong("colorScale");
            },
          },
        } as import("../../addin/excel/types").ConditionalFormatLike;
      },
    };
  }
  private checkShape(v: unknown[][], what: string): void {
    if (v.length !== this.rows || v.some((row) => row.length !== this.cols)) {
      throw new Error(`fake: ${what} of ${v.length}×${v[0]?.length ?? 0} written to ${this.a1} (${this.rows}×${this.cols})`);
    }
  }
  private get formatProxy() {
    const record = (path: string) => (value: unknown) => {
      this.sheet.ctx.op(value);
      this.sheet.formatOps.push({ sheet: this.sheet.name, range: this.a1, path, value });
    };
    const node = (path: string): Record<string, unknown> =>
      new Proxy(
        {},
        {
          get: (_t, p) => {
            if (p === "getItem") return (edge: string) => node(`${path}.borders.${edge}`.replace(".borders.borders", ".borders"));
            return node(`${path}.${String(p)}`);
          },
          set: (_t, p, v) => {
            record(`${path}.${String(p)}`.replace(/^\./, ""))(v);
            return true;
          },
        },
      );
    return node("") as unknown as import("../../addin/excel/types").RangeFormatLike;
  }
}

export class FakeTable {
  private loaded = false;
  name: string;
  /** Header row + data rows. */
  private size: number;
  /** A filter is applied (the clerk filtered the input table). */
  filtered = false;
  readonly rows = {
    add: (_index?: number, values?: unknown[][]) => {
      this.ctx.op(values);
      if (!this.sheet || !values) return;
      if (this.filtered) return this.ctx.reject(`cannot add rows to the filtered table ${this.name}`);
      // New rows take the number formats of the table's last body row (or of its insert row).
      const template = this.r0 + Math.max(1, this.size - 1);
      const start = this.r0 + this.size;
      values.forEach((row, i) =>
        row.forEach((v, c) => {
          const f = this.sheet?.formats.get(key(template, this.c0 + c));
          if (f !== undefined) this.sheet?.formats.set(key(start + i, this.c0 + c), f);
          new FakeRange(this.sheet as FakeSheet, start + i, this.c0 + c, 1, 1).writeOne(v);
        }),
      );
      this.size += values.length;
      this.ctx.log.push(`append ${values.length} rows to ${this.name}`);
    },
    load: () => this.ctx.queueLoad(() => (this.rowsLoaded = true)),
    count: 0,
  };
  private rowsLoaded = false;
  constructor(
    readonly ctx: FakeContext,
    readonly sheet: FakeSheet | null,
    tableName: string,
    readonly r0: number,
    readonly c0: number,
    rowCount: number,
    readonly cols: number,
    readonly isNullObjectValue = false,
  ) {
    this.name = tableName;
    this.size = rowCount;
    const table = this;
    Object.defineProperty(this.rows, "count", { get: () => table.rowCount });
  }
  private get rowCount(): number {
    if (!this.rowsLoaded) throw new Error("fake: table.rows.count read before load + sync");
    return this.dataRows;
  }
  /** Data rows (0 when emptied: only the insert row shows). */
  get dataRows(): number {
    return this.size - 1;
  }
  get isNullObject(): boolean {
    if (!this.loaded) throw new Error("fake: table.isNullObject read before load + sync");
    return this.isNullObjectValue;
  }
  load(): void {
    this.ctx.queueLoad(() => (this.loaded = true));
  }
  clearFilters(): void {
    this.ctx.op();
    this.filtered = false;
    this.ctx.log.push(`clear filters of ${this.name}`);
  }
  getRange(): FakeRange {
    return this.range(0, Math.max(2, this.size));
  }
  getHeaderRowRange(): FakeRange {
    return this.range(0, 1);
  }
  /** The data rows; an emptied table's body is its insert row. */
  getDataBodyRange(): FakeRange {
    return this.range(1, Math.max(1, this.dataRows));
  }
  /** Deleting (shift up) rows of this table's body, as Excel does; false when Excel would not. */
  deleteRows(r0: number, rows: number): boolean {
    if (this.filtered) return false; // office-js#994: rows of a filtered table are not deleted, silently
    if (this.dataRows === 0) {
      this.ctx.reject(`cannot delete the insert row of the emptied table ${this.name}`);
      return false;
    }
    const grid = this.sheet?.grid;
    const formats = this.sheet?.formats;
    if (!grid || !formats) return false;
    const end = this.r0 + this.size;
    for (let r = r0; r < end; r++) {
      for (let c = this.c0; c < this.c0 + this.cols; c++) {
        for (const g of [grid, formats]) {
          const below = g.get(key(r + rows, c));
          if (r + rows < end && below !== undefined) g.set(key(r, c), below);
          else g.delete(key(r, c));
        }
      }
    }
    this.size -= rows;
    this.ctx.log.push(`delete ${rows} body rows of ${this.name}`);
    return true;
  }
  /** Values written into the body of a filtered table land in the wrong rows (office-js#224). */
  refusesWrite(r0: number, rows: number): boolean {
    return this.filtered && r0 < this.r0 + this.size && r0 + rows > this.r0;
  }
  private range(offset: number, rows: number): FakeRange {
    if (!this.sheet && this.ctx.strictNullObjects) throw new Error("fake: ItemNotFound (method called on a null table)");
    if (!this.sheet) return new FakeRange(new FakeSheet(this.ctx, "null", "", true), 0, 0, 0, 0);
    return new FakeRange(this.sheet, this.r0 + offset, this.c0, rows, this.cols);
  }
}

export function fakeContext(): FakeContext & ExcelContext {
  return new FakeContext() as FakeContext & ExcelContext;
}
