/**
 * A small SpreadsheetML (.xlsx) writer: sheets of styled cells → the XML parts of an Office Open XML
 * workbook, zipped (./zip.ts). Enough for printed tables and nothing more: fonts, solid fills, thin
 * borders, number formats, alignment and wrapping (styles deduplicated into cellXfs), column widths,
 * merged cells, frozen header rows, "begins with" text-colour rules, A4 page setup fitted to one page
 * wide, repeated title rows (the _xlnm.Print_Titles name). Strings go to the shared-string table,
 * escaped for XML; characters XML cannot carry are written as Excel's _xHHHH_ escapes.
 *
 * Pure and generic: it knows nothing of appendices (shared/layout/workbook.ts maps a report onto it).
 */
import { columnLetter } from "../text/a1";
import { round2 } from "../rounding";
import { linesHeightPt, wrappedLines } from "./row-height";
import { utf8, zip, type ZipEntry } from "./zip";

export interface FontSpec {
  readonly name?: string;
  readonly size?: number;
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** "#RRGGBB". */
  readonly color?: string;
}

export interface CellStyle {
  readonly font?: FontSpec;
  /** Solid fill, "#RRGGBB". */
  readonly fill?: string;
  /** Thin border on all four sides. */
  readonly border?: boolean;
  /** Excel number format code; "General" when absent. */
  readonly numberFormat?: string;
  readonly horizontal?: "left" | "center" | "right";
  readonly vertical?: "top" | "center" | "bottom";
  readonly wrap?: boolean;
}

export interface SheetCell {
  /** A number, a text, or null for a cell that only carries a style (a border, say). */
  readonly value: string | number | null;
  readonly style?: CellStyle;
}

/** 0-based first row and column, and size (the shape of the sheet plan's Block). */
export interface CellRange {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

/** Colour the font of cells in `range` whose text begins with `beginsWith` (a conditional format). */
export interface TextColourRule {
  readonly range: CellRange;
  readonly beginsWith: string;
  /** "#RRGGBB". */
  readonly color: string;
}

/** A three-colour scale (a conditional format): lowest value, median (50th percentile), highest value. */
export interface ColourScaleRule {
  readonly range: CellRange;
  /** "#RRGGBB" at the lowest value, the median and the highest value. */
  readonly colours: readonly [low: string, mid: string, high: string];
}

export interface PageSetup {
  readonly orientation: "portrait" | "landscape";
  /** A4, scaled to one page wide, as many pages tall as needed. */
  readonly fitToWidth: boolean;
  readonly centerHorizontally?: boolean;
  /** Rows printed again at the top of every page (0-based first row, count). */
  readonly titleRows?: { readonly first: number; readonly count: number };
}

export interface SheetSpec {
  /** Made valid for Excel (≤ 31 characters, none of : \ / ? * [ ], unique) when written. */
  readonly name: string;
  /** Row by row; an undefined cell is not written. */
  readonly rows: readonly (readonly (SheetCell | undefined)[])[];
  /** Column widths in pixels (at Arial 10, the workbook's Normal font: 7 px per character). */
  readonly columnWidths: readonly number[];
  readonly merges?: readonly CellRange[];
  /** Rows kept on screen when scrolling (frozen pane). */
  readonly frozenRows?: number;
  readonly textColours?: readonly TextColourRule[];
  readonly colourScales?: readonly ColourScaleRule[];
  readonly page?: PageSetup;
}

export interface WorkbookSpec {
  readonly sheets: readonly SheetSpec[];
  /** docProps/core.xml: dc:creator. */
  readonly creator?: string;
  /** docProps/core.xml: dcterms:created, an ISO date-time; left out when absent (same input, same bytes). */
  readonly created?: string;
}

/**
 * The Normal style's font: Arial 10, whose digit is 7 pixels wide in Excel (the unit of column width)
 * and which LibreOffice replaces by the metric-compatible Liberation Sans, so both lay out the same
 * widths (Calibri, absent on Linux, would be replaced by a wider font and every column would grow).
 */
const NORMAL_FONT: FontSpec = { name: "Arial", size: 10 };
export const MAX_DIGIT_WIDTH_PX = 7;
/** Excel's height of an Arial 10 row, in points. */
const DEFAULT_ROW_HEIGHT = 12.75;

/** Excel's built-in number formats (ids below 164 need no <numFmt>). */
const BUILTIN_FORMATS: Readonly<Record<string, number>> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49 };

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// ---------------------------------------------------------------------------------------------
// Text


export function cellRef(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

export function rangeRef(r: CellRange): string {
  const start = cellRef(r.row, r.col);
  const end = cellRef(r.row + r.rows - 1, r.col + r.cols - 1);
  return start === end ? start : `${start}:${end}`;
}

/** Characters XML 1.0 cannot carry (C0 controls but tab, LF, CR; U+FFFE, U+FFFF) and lone surrogates. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Text for an XML attribute or element outside cell text: escaped, invalid characters dropped. */
export function xmlEscape(text: string): string {
  return text.replace(XML_INVALID, "").replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Cell text (ST_Xstring): a literal "_x0041_" is protected as "_x005F_x0041_"; controls and CR become
 * _xHHHH_ (Excel shows them as the character); lone surrogates U+FFFD; then XML escaping.
 */
export function xstring(text: string): string {
  return text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    .replace(/[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`)
    .replace(XML_INVALID, "\uFFFD")
    .replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c);
}

/** "#0A7A2F" → "FF0A7A2F". */
function argb(color: string): string {
  const hex = color.replace(/^#/, "").toUpperCase();
  if (!/^[0-9A-F]{6}$/.test(hex)) throw new RangeError(`Màu không hợp lệ: ${color}`);
  return `FF${hex}`;
}

/** Sheet names Excel accepts, unique without regard to case. */
export function sheetNames(wanted: readonly string[]): string[] {
  const taken = new Set<string>();
  return wanted.map((w, i) => {
    let base = w.replace(XML_INVALID, "").replace(/[:\\/?*[\]]/g, "-").replace(/^'+|'+$/g, "").trim() || `Sheet${i + 1}`;
    base = base.slice(0, 31);
    let name = base;
    for (let k = 2; taken.has(name.toLowerCase()); k++) {
      const suffix = ` (${k})`;
      name = base.slice(0, 31 - suffix.length) + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

/** 'Phụ lục 1' as a formula names it. */
function quotedSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

// ---------------------------------------------------------------------------------------------
// Styles: each distinct font, fill, border, number format and cell format written once.

class Pool<T> {
  private readonly index = new Map<string, number>();
  readonly items: T[] = [];
  constructor(initial: readonly T[] = []) {
    for (const i of initial) this.add(i);
  }
  add(item: T): number {
    const key = JSON.stringify(item);
    const hit = this.index.get(key);
    if (hit !== undefined) return hit;
    this.items.push(item);
    this.index.set(key, this.items.length - 1);
    return this.items.length - 1;
  }
}

interface Xf {
  numFmtId: number;
  fontId: number;
  fillId: number;
  borderId: number;
  horizontal: string | null;
  vertical: string | null;
  wrap: boolean;
}

class Styles {
  private readonly fonts = new Pool<FontSpec>([NORMAL_FONT]);
  private readonly fills = new Pool<string>(["none", "gray125"]);
  private readonly borders = new Pool<boolean>([false]);
  private readonly formats = new Map<string, number>();
  private readonly xfs = new Pool<Xf>([{ numFmtId: 0, fontId: 0, fillId: 0, borderId: 0, horizontal: null, vertical: null, wrap: false }]);
  private readonly dxfs = new Pool<string>();
  private readonly byStyle = new Map<CellStyle, number>();

  /** The cellXfs index of a style (the same object is looked up once). */
  xf(style: CellStyle | undefined): number {
    if (!style) return 0;
    const known = this.byStyle.get(style);
    if (known !== undefined) return known;
    const f = style.font ?? {};
    const font: FontSpec = {
      name: f.name ?? NORMAL_FONT.name,
      size: f.size ?? NORMAL_FONT.size,
      ...(f.bold ? { bold: true } : {}),
      ...(f.italic ? { italic: true } : {}),
      ...(f.color ? { color: argb(f.color) } : {}),
    };
    const id = this.xfs.add({
      numFmtId: this.numFmt(style.numberFormat ?? "General"),
      fontId: this.fonts.add(font),
      fillId: style.fill ? this.fills.add(argb(style.fill)) : 0,
      borderId: this.borders.add(!!style.border),
      horizontal: style.horizontal ?? null,
      vertical: style.vertical ?? null,
      wrap: !!style.wrap,
    });
    this.byStyle.set(style, id);
    return id;
  }

  private numFmt(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.formats.get(code);
    if (id === undefined) {
      id = 164 + this.formats.size;
      this.formats.set(code, id);
    }
    return id;
  }

  /** The differential format (conditional formats) of a font colour. */
  dxf(color: string): number {
    return this.dxfs.add(argb(color));
  }

  xml(): string {
    const fontXml = (f: FontSpec) =>
      `<font>${f.bold ? "<b/>" : ""}${f.italic ? "<i/>" : ""}<sz val="${f.size}"/>${f.color ? `<color rgb="${f.color}"/>` : ""}<name val="${xmlEscape(f.name ?? "")}"/><family val="${f.name === "Arial" || f.name === "Calibri" ? 2 : 1}"/></font>`;
    const fillXml = (f: string) =>
      f === "none" || f === "gray125" ? `<fill><patternFill patternType="${f}"/></fill>` : `<fill><patternFill patternType="solid"><fgColor rgb="${f}"/><bgColor indexed="64"/></patternFill></fill>`;
    const borderXml = (b: boolean) =>
      b
        ? '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>'
        : "<border><left/><right/><top/><bottom/><diagonal/></border>";
    const xfXml = (x: Xf) => {
      const align = x.horizontal || x.vertical || x.wrap;
      const attrs = `numFmtId="${x.numFmtId}" fontId="${x.fontId}" fillId="${x.fillId}" borderId="${x.borderId}" xfId="0"${x.numFmtId ? ' applyNumberFormat="1"' : ""}${x.fontId ? ' applyFont="1"' : ""}${x.fillId ? ' applyFill="1"' : ""}${x.borderId ? ' applyBorder="1"' : ""}${align ? ' applyAlignment="1"' : ""}`;
      if (!align) return `<xf ${attrs}/>`;
      return `<xf ${attrs}><alignment${x.horizontal ? ` horizontal="${x.horizontal}"` : ""}${x.vertical ? ` vertical="${x.vertical}"` : ""}${x.wrap ? ' wrapText="1"' : ""}/></xf>`;
    };
    const numFmts = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlEscape(code)}"/>`);
    return (
      XML_HEAD +
      `<styleSheet xmlns="${NS_MAIN}">` +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join("")}</numFmts>` : "") +
      `<fonts count="${this.fonts.items.length}">${this.fonts.items.map(fontXml).join("")}</fonts>` +
      `<fills count="${this.fills.items.length}">${this.fills.items.map(fillXml).join("")}</fills>` +
      `<borders count="${this.borders.items.length}">${this.borders.items.map(borderXml).join("")}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.items.length}">${this.xfs.items.map(xfXml).join("")}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      `<dxfs count="${this.dxfs.items.length}">${this.dxfs.items.map((c) => `<dxf><font><color rgb="${c}"/></font></dxf>`).join("")}</dxfs>` +
      '<tableStyles count="0"/>' +
      "</styleSheet>"
    );
  }
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly items: string[] = [];
  count = 0;
  add(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(text);
      this.index.set(text, i);
    }
    return i;
  }
  xml(): string {
    const si = this.items.map((t) => `<si><t${/^\s|\s$/.test(t) ? ' xml:space="preserve"' : ""}>${xstring(t)}</t></si>`);
    return `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.items.length}">${si.join("")}</sst>`;
  }
}

// ---------------------------------------------------------------------------------------------
// Parts

/** Column width in Excel's character units for a width in pixels. */
export function columnWidthChars(px: number): number {
  return round2(px / MAX_DIGIT_WIDTH_PX);
}

/**
 * Each row's height in points, from its cells' fonts and wrapped text (merged cells spread over their
 * columns; a cell merged down several rows grows the last of them only if they are too short together).
 */
export function rowHeights(sheet: SheetSpec): (number | undefined)[] {
  const widths = sheet.columnWidths;
  const widthOf = (col: number, cols: number) => {
    let px = 0;
    for (let c = col; c < col + cols; c++) px += widths[c] ?? 64;
    return px;
  };
  const mergeAt = new Map<string, CellRange>();
  const covered = new Set<string>();
  for (const m of sheet.merges ?? []) {
    mergeAt.set(`${m.row}:${m.col}`, m);
    for (let r = m.row; r < m.row + m.rows; r++) for (let c = m.col; c < m.col + m.cols; c++) if (r !== m.row || c !== m.col) covered.add(`${r}:${c}`);
  }
  const need = (cell: SheetCell, widthPx: number): number => {
    const size = cell.style?.font?.size ?? NORMAL_FONT.size ?? 11;
    const text = typeof cell.value === "string" ? cell.value : "";
    if (!text) return linesHeightPt(1, size);
    const lines = cell.style?.wrap ? wrappedLines(text, widthPx, size, !!cell.style.font?.bold) : text.split("\n").length;
    return linesHeightPt(lines, size);
  };
  const heights: (number | undefined)[] = sheet.rows.map((cells, r) => {
    let h: number | undefined;
    cells.forEach((cell, c) => {
      if (!cell || covered.has(`${r}:${c}`)) return;
      const m = mergeAt.get(`${r}:${c}`);
      if (m && m.rows > 1) return;
      const needed = need(cell, widthOf(c, m?.cols ?? 1));
      h = Math.max(h ?? 0, needed);
    });
    return h;
  });
  for (const m of sheet.merges ?? []) {
    if (m.rows < 2) continue;
    const cell = sheet.rows[m.row]?.[m.col];
    if (!cell) continue;
    const needed = need(cell, widthOf(m.col, m.cols));
    let have = 0;
    for (let r = m.row; r < m.row + m.rows; r++) have += heights[r] ?? DEFAULT_ROW_HEIGHT;
    const last = m.row + m.rows - 1;
    if (needed > have) heights[last] = (heights[last] ?? DEFAULT_ROW_HEIGHT) + needed - have;
  }
  return heights;
}

function worksheetXml(sheet: SheetSpec, styles: Styles, strings: SharedStrings, selected: boolean): string {
  const out: string[] = [];
  let lastCol = Math.max(0, sheet.columnWidths.length - 1);
  const rowsXml: string[] = [];
  const heights = rowHeights(sheet);
  const letters: string[] = [];
  sheet.rows.forEach((cells, r) => {
    const cs: string[] = [];
    cells.forEach((cell, c) => {
      if (!cell) return;
      lastCol = Math.max(lastCol, c);
      const s = styles.xf(cell.style);
      const sAttr = s ? ` s="${s}"` : "";
      const ref = `${(letters[c] ??= columnLetter(c))}${r + 1}`;
      if (cell.value === null || cell.value === "" || (typeof cell.value === "number" && !Number.isFinite(cell.value))) cs.push(`<c r="${ref}"${sAttr}/>`);
      else if (typeof cell.value === "number") cs.push(`<c r="${ref}"${sAttr}><v>${cell.value}</v></c>`);
      else cs.push(`<c r="${ref}"${sAttr} t="s"><v>${strings.add(cell.value)}</v></c>`);
    });
    const ht = heights[r];
    if (cs.length) rowsXml.push(`<row r="${r + 1}"${ht ? ` ht="${ht}" customHeight="1"` : ""}>${cs.join("")}</row>`);
  });
  const lastRow = Math.max(0, sheet.rows.length - 1);

  out.push(XML_HEAD, `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`);
  if (sheet.page?.fitToWidth) out.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  out.push(`<dimension ref="${rangeRef({ row: 0, col: 0, rows: lastRow + 1, cols: lastCol + 1 })}"/>`);
  const frozen = sheet.frozenRows ?? 0;
  const tab = selected ? ' tabSelected="1"' : "";
  if (frozen > 0) {
    const top = cellRef(frozen, 0);
    out.push(`<sheetViews><sheetView${tab} workbookViewId="0"><pane ySplit="${frozen}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`);
  } else out.push(`<sheetViews><sheetView${tab} workbookViewId="0"/></sheetViews>`);
  out.push(`<sheetFormatPr defaultRowHeight="${DEFAULT_ROW_HEIGHT}"/>`);
  if (sheet.columnWidths.length) {
    out.push("<cols>", ...sheet.columnWidths.map((px, i) => `<col min="${i + 1}" max="${i + 1}" width="${columnWidthChars(px)}" customWidth="1"/>`), "</cols>");
  }
  out.push("<sheetData>", ...rowsXml, "</sheetData>");
  const merges = sheet.merges ?? [];
  if (merges.length) out.push(`<mergeCells count="${merges.length}">`, ...merges.map((m) => `<mergeCell ref="${rangeRef(m)}"/>`), "</mergeCells>");
  let priority = 1;
  for (const rule of sheet.textColours ?? []) {
    if (rule.range.rows < 1 || rule.range.cols < 1) continue;
    const first = cellRef(rule.range.row, rule.range.col);
    const literal = `"${rule.beginsWith.replace(/"/g, '""')}"`;
    out.push(
      `<conditionalFormatting sqref="${rangeRef(rule.range)}"><cfRule type="beginsWith" dxfId="${styles.dxf(rule.color)}" priority="${priority++}" operator="beginsWith" text="${xmlEscape(rule.beginsWith)}">`,
      `<formula>${xmlEscape(`LEFT(${first},LEN(${literal}))=${literal}`)}</formula></cfRule></conditionalFormatting>`,
    );
  }
  for (const rule of sheet.colourScales ?? []) {
    if (rule.range.rows < 1 || rule.range.cols < 1) continue;
    out.push(
      `<conditionalFormatting sqref="${rangeRef(rule.range)}"><cfRule type="colorScale" priority="${priority++}"><colorScale>`,
      '<cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/>',
      ...rule.colours.map((c) => `<color rgb="${argb(c)}"/>`),
      "</colorScale></cfRule></conditionalFormatting>",
    );
  }
  if (sheet.page) {
    const p = sheet.page;
    if (p.centerHorizontally) out.push('<printOptions horizontalCentered="1"/>');
    out.push('<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>');
    out.push(`<pageSetup paperSize="9" orientation="${p.orientation}"${p.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ""}/>`);
  }
  out.push("</worksheet>");
  return out.join("");
}

function part(name: string, xml: string): ZipEntry {
  return { name, data: utf8(xml) };
}

/** The workbook's parts, in the order they are zipped ([Content_Types].xml first). */
export function workbookParts(book: WorkbookSpec): ZipEntry[] {
  if (!book.sheets.length) throw new RangeError("Sổ tính cần ít nhất một sheet.");
  const names = sheetNames(book.sheets.map((s) => s.name));
  const styles = new Styles();
  const strings = new SharedStrings();
  const sheets = book.sheets.map((s, i) => worksheetXml(s, styles, strings, i === 0));
  const n = book.sheets.length;

  const printTitles = book.sheets.flatMap((s, i) => {
    const t = s.page?.titleRows;
    if (!t || t.count < 1) return [];
    return [`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlEscape(`${quotedSheet(names[i] ?? "")}!$${t.first + 1}:$${t.first + t.count}`)}</definedName>`];
  });
  const workbook =
    XML_HEAD +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<workbookPr defaultThemeVersion="124226"/>' +
    '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="15000" activeTab="0"/></bookViews>' +
    `<sheets>${names.map((name, i) => `<sheet name="${xmlEscape(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets>` +
    (printTitles.length ? `<definedNames>${printTitles.join("")}</definedNames>` : "") +
    '<calcPr calcId="191029"/>' +
    "</workbook>";
  const workbookRels =
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
    `<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` +
    "</Relationships>";
  const contentTypes =
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    "</Types>";
  const rootRels =
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
    "</Relationships>";
  const core =
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (book.creator ? `<dc:creator>${xmlEscape(book.creator)}</dc:creator>` : "") +
    (book.created ? `<dcterms:created xsi:type="dcterms:W3CDTF">${xmlEscape(book.created)}</dcterms:created>` : "") +
    "</cp:coreProperties>";
  const app =
    XML_HEAD +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    "<Application>chiso766</Application>" +
    "</Properties>";

  return [
    part("[Content_Types].xml", contentTypes),
    part("_rels/.rels", rootRels),
    part("docProps/core.xml", core),
    part("docProps/app.xml", app),
    part("xl/workbook.xml", workbook),
    part("xl/_rels/workbook.xml.rels", workbookRels),
    ...sheets.map((xml, i) => part(`xl/worksheets/sheet${i + 1}.xml`, xml)),
    // Written last: the styles and strings the sheets above used.
    part("xl/styles.xml", styles.xml()),
    part("xl/sharedStrings.xml", strings.xml()),
  ];
}

/** The .xlsx file's bytes. */
export function writeXlsx(book: WorkbookSpec): Uint8Array {
  return zip(workbookParts(book));
}
