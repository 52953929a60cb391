/**
 * Pure: "Chuẩn hoá" — a block the clerk pasted from the portal or a letter (any column order, headers
 * with or without diacritics, Vietnamese numbers, OCR text, extra title rows) → rows for one input
 * table, with each unit name resolved to its official name and every problem tied to the pasted cell.
 */
import { type Block, type Catalog, columnIndex, columnLetter, createResolver, findIndicator, fold, type IndicatorDef, type Methodology, methodologyFor, parseDelta, parseNumber } from "../../shared";
import { type InputColumn, inputSheet, type InputSheet } from "./inputs";

/** Folded header words that name each field (first match wins, longest phrases first). */
const SYNONYMS: Record<string, readonly string[]> = {
  unit: ["ten don vi", "don vi", "co quan", "department name", "ten co quan"],
  statedDelta: ["tang giam", "so voi thang", "so voi ky truoc", "tang giam so voi"],
  "groups.CKMB": ["cong khai minh bach"],
  "groups.TDGQ": ["tien do giai quyet", "tien do"],
  "groups.CLGQ": ["dvc truc tuyen", "dich vu cong truc tuyen"],
  "groups.TTTT": ["thanh toan truc tuyen"],
  "groups.MDHL": ["muc do hai long", "hai long"],
  "groups.MDSH": ["so hoa ho so", "so hoa"],
  districtLevel: ["cap huyen"],
  communeLevel: ["cap xa"],
  notReceived: ["chua tiep nhan"],
  late: ["cham xu ly"],
  note: ["ghi chu"],
  total: ["tong diem", "so diem", "diem", "tong so", "tong", "xu ly qua han", "so ho so qua han", "so pakn qua han"],
  // "Nhập - Chỉ tiêu" (one row per unit and indicator, or the portal's wide table: indicators side by side).
  code: ["ma chi tieu", "ten chi tieu", "chi tieu"],
  numerator: ["tu so"],
  denominator: ["mau so"],
  rate: ["ty le"],
  points: ["diem cong bo", "diem dat", "so diem", "diem"],
  // Recognised so that they feed no column ("Điểm tối đa" is not the points a unit scored).
  maxPoints: ["diem toi da", "thang diem", "toi da"],
};

/** Header words that name no input column: found only to keep them from being taken for one. */
const DECOYS = ["maxPoints"];

export interface PasteIssue {
  readonly severity: "error" | "warning";
  /** Address in the pasted block's sheet ("C12"). */
  readonly cell: string;
  readonly message: string;
}

export interface Normalized {
  readonly target: InputSheet["id"];
  /** 0-based row of the header within the block. */
  readonly headerRow: number;
  /** Which block column feeds each input column (-1 when absent). */
  readonly columnOf: readonly number[];
  /** Rows for the input table, in its column order. */
  readonly rows: (string | number)[][];
  readonly issues: readonly PasteIssue[];
}

function fieldOf(header: unknown, wanted: readonly string[]): string | null {
  const h = fold(String(header ?? ""));
  if (!h) return null;
  let best: { key: string; len: number } | null = null;
  for (const key of wanted) {
    for (const phrase of SYNONYMS[key] ?? []) {
      if ((h === phrase || h.includes(phrase)) && (!best || phrase.length > best.len)) best = { key, len: phrase.length };
    }
  }
  return best?.key ?? null;
}

/**
 * Excel's merged areas ("'Dán'!C5:E5,'Dán'!A5:A6", RangeAreas.address) as blocks relative to the
 * pasted block's top-left cell.
 */
export function mergedBlocks(addresses: string, origin: { row: number; col: number }): Block[] {
  const out: Block[] = [];
  for (const m of addresses.matchAll(/!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?/g)) {
    const c0 = columnIndex(m[1] ?? "A");
    const r0 = Number(m[2]) - 1;
    const c1 = m[3] ? columnIndex(m[3]) : c0;
    const r1 = m[4] ? Number(m[4]) - 1 : r0;
    out.push({ row: r0 - origin.row, col: c0 - origin.col, rows: r1 - r0 + 1, cols: c1 - c0 + 1 });
  }
  return out;
}

/** Header rows combined at most (a merged title, its sub-headings, one more level). */
export const HEADER_ROWS = 3;
/** The field a header word names only when nothing more specific is said ("Tổng", "Điểm"). */
const GENERIC = "total";

const blank = (v: unknown) => v === "" || v === null || v === undefined;

/**
 * Where a blank header cell takes its text from: the merged area that covers it (when Excel told us,
 * ExcelApi 1.13) or, inferred, a title merged across sub-headings (blank to the right of a title whose
 * row below is filled) or down (blank under a title).
 */
function headerText(block: readonly (readonly unknown[])[], merges: readonly Block[] | null, r: number, c: number): string {
  const own = block[r]?.[c];
  if (!blank(own)) return String(own);
  if (merges) {
    const m = merges.find((b) => r >= b.row && r < b.row + b.rows && c >= b.col && c < b.col + b.cols);
    return m ? String(block[m.row]?.[m.col] ?? "") : "";
  }
  return "";
}

/** The texts a column's header says, from the top header row down, merged titles carried into it. */
function headerParts(block: readonly (readonly unknown[])[], merges: readonly Block[] | null, last: number, c: number): string[] {
  const top = Math.max(0, last - HEADER_ROWS + 1);
  const parts: string[] = [];
  for (let r = top; r <= last; r++) {
    let text = headerText(block, merges, r, c);
    if (!text && !merges && r < last) {
      // Inferred merge across: the nearest title to the left in this row, when this column has a sub-heading below.
      const below = block[r + 1]?.[c];
      if (!blank(below)) for (let k = c - 1; k >= 0 && !text; k--) if (!blank(block[r]?.[k])) text = String(block[r]?.[k]);
    }
    if (text && parts[parts.length - 1] !== text) parts.push(text);
  }
  return parts;
}

/**
 * The field a column names when `last` is the header's last row: its own cell says it, or — own cell
 * blank (a title merged down) or only generic ("Tổng", "Điểm" under "Thanh toán trực tuyến") — the
 * titles above it say it.
 */
function columnField(block: readonly (readonly unknown[])[], merges: readonly Block[] | null, last: number, c: number, keys: readonly string[]): string | null {
  const own = block[last]?.[c];
  const parts = headerParts(block, merges, last, c);
  const ownField = blank(own) ? null : fieldOf(own, keys);
  if (ownField && ownField !== GENERIC) return ownField;
  if (!blank(own) && !ownField) return null; // a figure or a word that names nothing: not a header cell
  const combined = fieldOf(parts.join(" "), keys);
  return combined ?? ownField;
}

/** The row among the first 30 that ends a header naming most of the target's columns. */
function findHeader(block: readonly (readonly unknown[])[], sheet: InputSheet, merges: readonly Block[] | null): { row: number; columnOf: number[] } | null {
  const keys = sheet.columns.map((c) => c.key);
  const wanted = [...keys, ...DECOYS];
  let best: { row: number; columnOf: number[]; score: number } | null = null;
  for (let r = 0; r < Math.min(30, block.length); r++) {
    const columnOf = keys.map(() => -1);
    const width = Math.max(block[r]?.length ?? 0, r > 0 ? (block[r - 1]?.length ?? 0) : 0);
    for (let c = 0; c < width; c++) {
      const key = columnField(block, merges, r, c, wanted);
      const i = key ? keys.indexOf(key) : -1;
      if (i >= 0 && columnOf[i] === -1) columnOf[i] = c;
    }
    const score = columnOf.filter((c) => c >= 0).length;
    // A later row that names as much continues the header (its blanks are titles merged down).
    if (columnOf[0] !== -1 && score >= 2 && (!best || score >= best.score)) best = { row: r, columnOf, score };
  }
  return best ? { row: best.row, columnOf: best.columnOf } : null;
}

// ------------------------------------------------------------------ indicators

/**
 * The indicator a pasted cell names: its code or number ("PUBLISH_ON_TIME", "1.1"), a title that starts
 * with the number ("1.1. Tỷ lệ TTHC công bố đúng hạn"), or its name as the methodology or the portal words
 * it — the one name sharing at least four fifths of its words (diacritics aside); null when none is clear.
 */
export function indicatorNamed(text: string, m: Methodology): IndicatorDef | null {
  const direct = findIndicator(m, text);
  if (direct) return direct;
  const numbered = /^\s*(\d+\.\d+[a-z]?)(?:[\s.:)–-]|$)/i.exec(text);
  if (numbered) return findIndicator(m, numbered[1] as string) ?? null;
  const words = new Set(fold(text).split(" ").filter(Boolean));
  if (words.size < 3) return null;
  let best: { def: IndicatorDef; score: number } | null = null;
  let tie = false;
  for (const def of m.indicators) {
    const theirs = new Set(fold(def.nameVi).split(" "));
    const shared = [...words].filter((w) => theirs.has(w)).length;
    const score = (2 * shared) / (words.size + theirs.size);
    if (best && Math.abs(score - best.score) < 1e-9) tie = true;
    if (!best || score > best.score + 1e-9) [best, tie] = [{ def, score }, false];
  }
  return best && best.score >= 0.8 && !tie ? best.def : null;
}

/** The portal's wide table: per indicator (its title above), the block columns of its figures. */
interface WideHeader {
  readonly row: number;
  readonly unitCol: number;
  readonly indicators: readonly { readonly def: IndicatorDef; readonly cols: Partial<Record<string, number>> }[];
}

const FIGURE_KEYS = ["numerator", "denominator", "rate", "points"] as const;

/**
 * A header whose figure columns ("Tử số", "Mẫu số", "Tỷ lệ", "Điểm") sit under indicator titles, several
 * indicators side by side; the unit column anywhere. Null when no row names a unit and one indicator's
 * counts.
 */
function findWideHeader(block: readonly (readonly unknown[])[], merges: readonly Block[] | null, m: Methodology): WideHeader | null {
  let best: WideHeader | null = null;
  for (let r = 0; r < Math.min(30, block.length); r++) {
    const width = Math.max(...block.slice(Math.max(0, r - HEADER_ROWS + 1), r + 1).map((row) => row.length), 0);
    let unitCol = -1;
    const found = new Map<string, { def: IndicatorDef; cols: Partial<Record<string, number>> }>();
    for (let c = 0; c < width; c++) {
      const parts = headerParts(block, merges, r, c);
      const own = block[r]?.[c];
      const field = fieldOf(blank(own) ? (parts[parts.length - 1] ?? "") : own, [...FIGURE_KEYS, ...DECOYS, "unit"]);
      if (field === "unit") {
        if (unitCol < 0) unitCol = c;
        continue;
      }
      if (!field || DECOYS.includes(field)) continue;
      // The indicator: the nearest title above the figure's own heading.
      const def = parts
        .slice(0, -1)
        .reverse()
        .map((t) => indicatorNamed(t, m))
        .find((d) => d);
      if (!def) continue;
      const entry = found.get(def.code) ?? { def, cols: {} };
      entry.cols[field] ??= c;
      found.set(def.code, entry);
    }
    const indicators = [...found.values()].filter((i) => i.cols["numerator"] !== undefined || i.cols["points"] !== undefined);
    if (unitCol >= 0 && indicators.length && (!best || indicators.length >= best.indicators.length)) best = { row: r, unitCol, indicators };
  }
  return best;
}

export function normalizePaste(
  block: readonly (readonly unknown[])[],
  target: InputSheet["id"],
  catalog: Catalog,
  date: string,
  origin: { row: number; col: number } = { row: 0, col: 0 },
  /** Merged areas of the block, relative to it, when Excel can say (ExcelApi 1.13); otherwise inferred from blank header cells. */
  merges: readonly Block[] | null = null,
): Normalized {
  const sheet = inputSheet(target);
  const issues: PasteIssue[] = [];
  const at = (r: number, c: number) => `${columnLetter(origin.col + c)}${origin.row + r + 1}`;
  const resolver = createResolver(catalog, date);
  const methodology = methodologyFor(date);
  const header = findHeader(block, sheet, merges);

  /** The unit's official name (or the name as pasted, with an error). */
  const unitName = (name: string, r: number, c: number): string => {
    const resolved = resolver.resolve(name);
    if ((resolved.status === "exact" || resolved.status === "fuzzy") && resolved.unit) {
      if (resolved.status === "fuzzy") issues.push({ severity: "warning", cell: at(r, c), message: `"${name}" được hiểu là "${resolved.unit.name}". Kiểm tra lại.` });
      return resolved.unit.name;
    }
    const hint = resolved.candidates.length ? ` Có phải: ${resolved.candidates.map((u) => u.name).join(", ")}?` : "";
    issues.push({ severity: "error", cell: at(r, c), message: `Không nhận ra đơn vị "${name}".${hint}` });
    return name;
  };
  /** One pasted cell as the input column takes it: a number for a figure, the letter's words for a delta, the indicator's number for a code. */
  const value = (col: InputColumn, raw: unknown, r: number, c: number): string | number => {
    if (raw === "" || raw === null || raw === undefined) return "";
    if (target === "indicators" && col.key === "code") {
      const def = indicatorNamed(String(raw), methodology);
      if (def) return def.number;
      issues.push({ severity: "error", cell: at(r, c), message: `Không nhận ra chỉ tiêu "${String(raw).trim()}" trong phương pháp tính (${methodology.nameVi}).` });
      return String(raw).trim();
    }
    if (col.kind === "text") return typeof raw === "number" ? raw : String(raw).trim();
    const parsed = col.kind === "delta" ? parseDelta(raw, "points") : parseNumber(raw, col.kind === "count" ? "count" : col.kind === "percent" ? "percent" : "points");
    if (!parsed.ok) {
      issues.push({ severity: "error", cell: at(r, c), message: `Cột "${col.header}": ${parsed.message}.` });
      return String(raw);
    }
    if (parsed.warning) issues.push({ severity: "warning", cell: at(r, c), message: `Cột "${col.header}": ${parsed.warning}.` });
    // Deltas stay as the letter's words; figures become numbers.
    return col.kind === "delta" ? String(raw).trim() : (parsed.value ?? "");
  };
  /** The data rows under `headerRow`: a blank line is skipped, three end the table; numbering rows and sub-headings carry no unit. */
  const dataRows = (headerRow: number, unitCol: number, cells: (line: readonly unknown[]) => readonly unknown[], each: (name: string, line: readonly unknown[], r: number) => void) => {
    let blanks = 0;
    for (let r = headerRow + 1; r < block.length && blanks < 3; r++) {
      const line = block[r] ?? [];
      const name = String(line[unitCol] ?? "").trim();
      if (!name && cells(line).every((v) => v === "" || v === null || v === undefined)) {
        blanks++;
        continue;
      }
      blanks = 0;
      if (!name || /^\d+\s*=|^\(?\d+\)?$/.test(name)) continue;
      each(name, line, r);
    }
  };

  // "Nhập - Chỉ tiêu" from the portal's wide table: no indicator column, indicators side by side.
  if (target === "indicators" && (!header || header.columnOf[1] === -1)) {
    const wide = findWideHeader(block, merges, methodology);
    if (wide) {
      const rows: (string | number)[][] = [];
      const columns = sheet.columns;
      const figureCols = wide.indicators.flatMap((i) => FIGURE_KEYS.map((k) => i.cols[k] ?? -1));
      dataRows(wide.row, wide.unitCol, (line) => figureCols.map((c) => line[c]), (name, line, r) => {
        const unit = unitName(name, r, wide.unitCol);
        for (const { def, cols } of wide.indicators) {
          const figures = FIGURE_KEYS.map((k) => {
            const c = cols[k] ?? -1;
            return c >= 0 ? value(columns.find((col) => col.key === k) as InputColumn, line[c], r, c) : "";
          });
          if (figures.some((f) => f !== "")) rows.push([unit, def.number, ...figures]);
        }
      });
      const first = wide.indicators[0]?.cols ?? {};
      return { target, headerRow: wide.row, columnOf: [wide.unitCol, -1, ...FIGURE_KEYS.map((k) => first[k] ?? -1)], rows, issues };
    }
    if (header) {
      issues.push({ severity: "error", cell: at(header.row, 0), message: `Vùng đã chọn không có cột "Mã chỉ tiêu" (hay "Chỉ tiêu"), cũng không có tên chỉ tiêu phía trên các cột "Tử số", "Mẫu số": không biết số liệu thuộc chỉ tiêu nào.` });
      return { target, headerRow: header.row, columnOf: header.columnOf, rows: [], issues };
    }
  }
  if (!header) {
    issues.push({ severity: "error", cell: at(0, 0), message: `Không tìm thấy dòng tiêu đề có cột "Tên đơn vị" và các cột của bảng "${sheet.sheetName}".` });
    return { target, headerRow: -1, columnOf: [], rows: [], issues };
  }
  const unfound = sheet.columns.filter((_, i) => i > 0 && header.columnOf[i] === -1).map((c) => `"${c.header}"`);
  if (unfound.length) issues.push({ severity: "warning", cell: at(header.row, 0), message: `Vùng đã chọn không có cột ${unfound.join(", ")}: ${unfound.length > 1 ? "các cột này" : "cột này"} để trống trong bảng "${sheet.sheetName}".` });
  const rows: (string | number)[][] = [];
  const unitCol = header.columnOf[0] ?? -1;
  dataRows(header.row, unitCol, (line) => sheet.columns.slice(1).map((_, i) => line[header.columnOf[i + 1] ?? -1]), (name, line, r) => {
    const out: (string | number)[] = [unitName(name, r, unitCol)];
    sheet.columns.slice(1).forEach((col, i) => {
      const c = header.columnOf[i + 1] ?? -1;
      out.push(c >= 0 ? value(col, line[c], r, c) : "");
    });
    rows.push(out);
  });
  return { target, headerRow: header.row, columnOf: header.columnOf, rows, issues };
}
