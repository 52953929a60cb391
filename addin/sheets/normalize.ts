/**
 * Pure: "Chuẩn hoá" — a block the clerk pasted from the portal or a letter (any column order, headers
 * with or without diacritics, Vietnamese numbers, OCR text, extra title rows) → rows for one input
 * table, with each unit name resolved to its official name and every problem tied to the pasted cell.
 */
import { type Catalog, columnLetter, createResolver, fold, parseDelta, parseNumber } from "../../shared";
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

/** The row among the first 30 that names most of the target's columns. */
function findHeader(block: readonly (readonly unknown[])[], sheet: InputSheet): { row: number; columnOf: number[] } | null {
  const keys = sheet.columns.map((c) => c.key);
  let best: { row: number; columnOf: number[]; score: number } | null = null;
  for (let r = 0; r < Math.min(30, block.length); r++) {
    const columnOf = keys.map(() => -1);
    (block[r] ?? []).forEach((cell, c) => {
      const key = fieldOf(cell, keys);
      const i = key ? keys.indexOf(key) : -1;
      if (i >= 0 && columnOf[i] === -1) columnOf[i] = c;
    });
    const score = columnOf.filter((c) => c >= 0).length;
    if (columnOf[0] !== -1 && score >= 2 && (!best || score > best.score)) best = { row: r, columnOf, score };
  }
  return best ? { row: best.row, columnOf: best.columnOf } : null;
}

export function normalizePaste(
  block: readonly (readonly unknown[])[],
  target: InputSheet["id"],
  catalog: Catalog,
  date: string,
  origin: { row: number; col: number } = { row: 0, col: 0 },
): Normalized {
  const sheet = inputSheet(target);
  const issues: PasteIssue[] = [];
  const at = (r: number, c: number) => `${columnLetter(origin.col + c)}${origin.row + r + 1}`;
  const header = findHeader(block, sheet);
  if (!header) {
    issues.push({ severity: "error", cell: at(0, 0), message: `Không tìm thấy dòng tiêu đề có cột "Tên đơn vị" và các cột của bảng "${sheet.sheetName}".` });
    return { target, headerRow: -1, columnOf: [], rows: [], issues };
  }
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
