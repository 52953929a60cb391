/**
 * Pure: "Chuẩn hoá" — a block the clerk pasted from the portal or a letter (any column order, headers
 * with or without diacritics, Vietnamese numbers, OCR text, extra title rows) → rows for one input
 * table, with each unit name resolved to its official name and every problem tied to the pasted cell.
 */
import { type Block, type Catalog, columnIndex, columnLetter, createResolver, fold, parseDelta, parseNumber } from "../../shared";
import { inputSheet, type InputSheet } from "./inputs";

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
};

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
  let best: { row: number; columnOf: number[]; score: number } | null = null;
  for (let r = 0; r < Math.min(30, block.length); r++) {
    const columnOf = keys.map(() => -1);
    const width = Math.max(block[r]?.length ?? 0, r > 0 ? (block[r - 1]?.length ?? 0) : 0);
    for (let c = 0; c < width; c++) {
      const key = columnField(block, merges, r, c, keys);
      const i = key ? keys.indexOf(key) : -1;
      if (i >= 0 && columnOf[i] === -1) columnOf[i] = c;
    }
    const score = columnOf.filter((c) => c >= 0).length;
    // A later row that names as much continues the header (its blanks are titles merged down).
    if (columnOf[0] !== -1 && score >= 2 && (!best || score >= best.score)) best = { row: r, columnOf, score };
  }
  return best ? { row: best.row, columnOf: best.columnOf } : null;
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
  const header = findHeader(block, sheet, merges);
  if (!header) {
    issues.push({ severity: "error", cell: at(0, 0), message: `Không tìm thấy dòng tiêu đề có cột "Tên đơn vị" và các cột của bảng "${sheet.sheetName}".` });
    return { target, headerRow: -1, columnOf: [], rows: [], issues };
  }
  const unfound = sheet.columns.filter((_, i) => i > 0 && header.columnOf[i] === -1).map((c) => `"${c.header}"`);
  if (unfound.length) issues.push({ severity: "warning", cell: at(header.row, 0), message: `Vùng đã chọn không có cột ${unfound.join(", ")}: ${unfound.length > 1 ? "các cột này" : "cột này"} để trống trong bảng "${sheet.sheetName}".` });
  const resolver = createResolver(catalog, date);
  const rows: (string | number)[][] = [];
  let blanks = 0;
  for (let r = header.row + 1; r < block.length && blanks < 3; r++) {
    const line = block[r] ?? [];
    const unitCol = header.columnOf[0] ?? -1;
    const name = String(line[unitCol] ?? "").trim();
    const numbers = sheet.columns.slice(1).map((_, i) => line[header.columnOf[i + 1] ?? -1]);
    if (!name && numbers.every((v) => v === "" || v === null || v === undefined)) {
      blanks++;
      continue;
    }
    blanks = 0;
    // Column-number rows ("1=(2+3)", "2", "3") and sub-headings carry no unit.
    if (!name || /^\d+\s*=|^\(?\d+\)?$/.test(name)) continue;
    const out: (string | number)[] = [];
    const resolved = resolver.resolve(name);
    if ((resolved.status === "exact" || resolved.status === "fuzzy") && resolved.unit) {
      out.push(resolved.unit.name);
      if (resolved.status === "fuzzy") issues.push({ severity: "warning", cell: at(r, unitCol), message: `"${name}" được hiểu là "${resolved.unit.name}". Kiểm tra lại.` });
    } else {
      out.push(name);
      const hint = resolved.candidates.length ? ` Có phải: ${resolved.candidates.map((u) => u.name).join(", ")}?` : "";
      issues.push({ severity: "error", cell: at(r, unitCol), message: `Không nhận ra đơn vị "${name}".${hint}` });
    }
    sheet.columns.slice(1).forEach((col, i) => {
      const c = header.columnOf[i + 1] ?? -1;
      const raw = c >= 0 ? line[c] : "";
      if (raw === "" || raw === null || raw === undefined || col.kind === "text") {
        out.push(raw === null || raw === undefined ? "" : typeof raw === "number" ? raw : String(raw).trim());
        return;
      }
      const parsed = col.kind === "delta" ? parseDelta(raw, "points") : parseNumber(raw, col.kind === "count" ? "count" : col.kind === "percent" ? "percent" : "points");
      if (!parsed.ok) {
        issues.push({ severity: "error", cell: at(r, c), message: `Cột "${col.header}": ${parsed.message}.` });
        out.push(String(raw));
        return;
      }
      if (parsed.warning) issues.push({ severity: "warning", cell: at(r, c), message: `Cột "${col.header}": ${parsed.warning}.` });
      // Deltas stay as the letter's words; figures become numbers.
      out.push(col.kind === "delta" ? String(raw).trim() : (parsed.value ?? ""));
    });
    rows.push(out);
  }
  return { target, headerRow: header.row, columnOf: header.columnOf, rows, issues };
}
