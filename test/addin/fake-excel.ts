/**
 * A recording fake of the Excel object model the add-in uses (addin/excel/types.ts). It keeps cell
 * values, number formats, merges and formats per sheet, counts context.sync() calls, and enforces the
 * batching rule the real API has: a property read (values, items, isNullObject, name, formula) must
 * have been load()ed and synced first, otherwise the read throws.
 */
import { columnLetter } from "../../shared";
import type { ExcelContext, WorksheetLike } from "../../addin/excel/types";

type Grid = Map<string, unknown>;
const key = (r: number, c: number) => `${r},${c}`;

export interface FormatOp {
  readonly sheet: string;
  readonly range: string;
  readonly path: string;
  readonly value: unknown;
}

function parseA1(a1: string): { r0: number; c0: number; rows: number; cols: number } {
  const [start = "", end] = a1.replace(/\$/g, "").split(":");
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
  private pending: (() => void)[] = [];

  readonly workbook = this.makeWorkbook();

  async sync(): Promise<void> {
    this.syncs += 1;
    for (const p of this.pending) p();
    this.pending = [];
  }

  /** Mark a proxy's properties readable after the next sync. */
  queueLoad(apply: () => void): void {
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
  readonly conditional: { range: string; operator: string; text: string; color: string }[] = [];
  readonly hyperlinks = new Map<string, { documentReference?: string; textToDisplay?: string }>();
  readonly chartList: { type: string; source: string; title: string }[] = [];
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
    private readonly sheetName: string,
    readonly id: string,
    readonly isNullObjectValue = false,
  ) {}

  get name(): string {
    if (!this.nameLoaded && !this.ctx.sheets.includes(this)) throw new Error("fake: sheet.name read before load + sync");
    return this.sheetName;
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
    this.deleted = true;
    const i = this.ctx.sheets.indexOf(this);
    if (i >= 0) this.ctx.sheets.splice(i, 1);
    this.ctx.log.push(`delete sheet ${this.sheetName}`);
  }
  activate(): void {
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
    add: (type: string, source: FakeRange) => {
      const chart = { type, source: source.a1, title: "" };
      this.chartList.push(chart);
      return {
        title: {
          set text(t: string) {
            chart.title = t;
          },
        },
        legend: { visible: true },
        setPosition: () => undefined,
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
  get worksheet(): { name: string; load: () => void } {
    return { name: this.sheet.name, load: () => undefined };
  }
  /** Set by a table for its body range: deleting it removes the table's data rows. */
  onDelete: (() => void) | null = null;
  delete(): void {
    this.clear();
    this.onDelete?.();
  }
  clear(): void {
    for (let r = 0; r < this.rows; r++) for (let c = 0; c < this.cols; c++) this.sheet.grid.delete(key(this.r0 + r, this.c0 + c));
    this.sheet.ctx.log.push(`clear ${this.a1}`);
  }
  get columnCount(): number {
    return this.cols;
  }
  load(): void {
    this.sheet.ctx.queueLoad(() => (this.loaded = true));
  }
  get values(): unknown[][] {
    if (!this.loaded) throw new Error("fake: range.values read before load + sync");
    return this.sheet.block(this.r0, this.c0, this.rows, this.cols);
  }
  set values(v: unknown[][]) {
    this.checkShape(v, "values");
    v.forEach((row, r) => row.forEach((x, c) => this.sheet.grid.set(key(this.r0 + r, this.c0 + c), x)));
  }
  get numberFormat(): unknown[][] {
    return Array.from({ length: this.rows }, (_, r) => Array.from({ length: this.cols }, (_, c) => this.sheet.formats.get(key(this.r0 + r, this.c0 + c)) ?? "General"));
  }
  set numberFormat(v: unknown[][]) {
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
    this.sheet.hyperlinks.set(this.a1, h);
  }
  merge(): void {
    this.sheet.merges.push(this.a1);
  }
  select(): void {
    this.sheet.ctx.log.push(`select ${this.address}`);
  }
  get conditionalFormats() {
    const range = this;
    return {
      add: () => {
        const entry = { range: range.a1, operator: "", text: "", color: "" };
        range.sheet.conditional.push(entry);
        return {
          textComparison: {
            format: { font: { set color(c: string) { entry.color = c; } } },
            set rule(r: { operator: string; text: string }) {
              entry.operator = r.operator;
              entry.text = r.text;
            },
          },
        };
      },
    };
  }
  private checkShape(v: unknown[][], what: string): void {
    if (v.length !== this.rows || v.some((row) => row.length !== this.cols)) {
      throw new Error(`fake: ${what} of ${v.length}×${v[0]?.length ?? 0} written to ${this.a1} (${this.rows}×${this.cols})`);
    }
  }
  private get formatProxy() {
    const record = (path: string) => (value: unknown) => this.sheet.formatOps.push({ sheet: this.sheet.name, range: this.a1, path, value });
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
  private size: number;
  readonly rows = {
    add: (_index?: number, values?: unknown[][]) => {
      if (!this.sheet || !values) return;
      values.forEach((row, i) => row.forEach((v, c) => this.sheet?.grid.set(key(this.r0 + this.size + i, this.c0 + c), v)));
      this.size += values.length;
      this.ctx.log.push(`append ${values.length} rows to ${this.name}`);
    },
  };
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
  }
  get isNullObject(): boolean {
    if (!this.loaded) throw new Error("fake: table.isNullObject read before load + sync");
    return this.isNullObjectValue;
  }
  load(): void {
    this.ctx.queueLoad(() => (this.loaded = true));
  }
  getRange(): FakeRange {
    return this.range(0, this.size);
  }
  getHeaderRowRange(): FakeRange {
    return this.range(0, 1);
  }
  getDataBodyRange(): FakeRange {
    const body = this.range(1, Math.max(0, this.size - 1));
    body.onDelete = () => {
      this.size = 1;
      this.ctx.log.push(`delete body rows of ${this.name}`);
    };
    return body;
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
