/**
 * Pure (no Office.js): the sheet "Mô phỏng" — what-if in the workbook (shared/plan/what-if.ts).
 *
 * - **The input area** (columns A–L): one row per unit and indicator of the improvement plan (the units
 *   with per-indicator figures, most points within reach first; each unit's indicators gains first), with
 *   the current figures — Tử số, Mẫu số, Tỷ lệ (%), Ngưỡng (%), Điểm, Điểm tối đa, the dossiers still
 *   needed to reach the threshold (shared/plan/reach.ts dossiersNeeded) — and two empty columns the clerk
 *   types into: "Tử số mới" (dossiers handled well among the period's: the denominator stays) or "Tỷ lệ
 *   mới (%)". Rebuilding the sheet keeps what was typed, row by row (unit and indicator).
 * - **Reading it back**: each typed row becomes a what-if change; a figure that cannot be one (not a
 *   number, a numerator above the denominator, a rate outside 0–100) is refused naming the sheet and cell.
 * - **The result block** (from column N, beside the input area): the changed indicators (numerator, rate,
 *   points before → after), the changed units (total and rank before → after, how many units each
 *   passes), the units passed (rank before → after, by whom), the province (total, national rank before
 *   → after). Nothing in it wraps: its rows are the input area's rows too.
 */
import { columnLetter, decimalsOf, findIndicator, fold, formatCount, formatDelta, formatIndex, formatPercent, formatPoints, type IndicatorDef, type IndicatorInput, type Issue, type Methodology, parseNumber, percent2, placesText, type PlanDatasets, type ReportInput, roundHalfAwayFromZero, shortIndicatorName, type DisplacedUnit, type WhatIfChange, type WhatIfResult, type WhatIfUnit } from "../../shared";

export const SIMULATION_SHEET = "Mô phỏng";
/** The workbook name that marks the add-in's "Mô phỏng" (not "chiso766_…": "Lập phụ lục" replaces those sheets, and would lose what was typed). */
export const SIMULATION_NAME = "chiso766mp_MoPhong";

/** The input area's columns: header, width in characters, number format. */
export const SIMULATION_COLUMNS = [
  { key: "unit", header: "Đơn vị", width: 30, format: "@" },
  { key: "number", header: "Chỉ tiêu", width: 7, format: "@" },
  { key: "name", header: "Tên chỉ tiêu", width: 34, format: "@" },
  { key: "numerator", header: "Tử số", width: 9, format: "#,##0" },
  { key: "denominator", header: "Mẫu số", width: 9, format: "#,##0" },
  { key: "rate", header: "Tỷ lệ (%)", width: 8, format: "0.00" },
  { key: "threshold", header: "Ngưỡng (%)", width: 8, format: "General" },
  { key: "points", header: "Điểm", width: 7, format: "General" },
  { key: "maxPoints", header: "Điểm tối đa", width: 7, format: "General" },
  { key: "needed", header: "Cần thêm để đạt ngưỡng", width: 10, format: "#,##0" },
  { key: "newNumerator", header: "Tử số mới", width: 10, format: "#,##0" },
  { key: "newRate", header: "Tỷ lệ mới (%)", width: 10, format: "0.00" },
] as const;
type ColumnKey = (typeof SIMULATION_COLUMNS)[number]["key"];
const col = (key: ColumnKey) => SIMULATION_COLUMNS.findIndex((c) => c.key === key);
export const NEW_NUMERATOR_COL = col("newNumerator");
export const NEW_RATE_COL = col("newRate");
/** Where the result block starts: column N, one blank column after the input area. */
export const RESULT_COL = SIMULATION_COLUMNS.length + 1;
/** The fill of the columns the clerk types into (light yellow, as Excel's "input" style). */
export const INPUT_FILL = "#FFF2CC";

export interface Block {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export interface SimulationLayout {
  readonly name: string;
  readonly values: (string | number)[][];
  readonly numberFormats: string[][];
  /** Title, instructions, source: each merged across the input area. */
  readonly titleRows: readonly number[];
  readonly header: Block;
  readonly body: Block;
  /** The two columns the clerk types into (body rows); null without rows. */
  readonly input: Block | null;
  readonly widths: readonly number[];
  /** Units and rows. */
  readonly units: number;
}

/** What the clerk typed in a row, as the cells hold it. */
export type Typed = readonly [numerator: unknown, rate: unknown];

const blank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");
const rowKey = (unit: string, number: string) => `${fold(unit.trim())}|${number.trim().toLowerCase()}`;

/**
 * The sheet from the plan: every unit with per-indicator figures, in the plan's order, and each of its
 * linear indicators that has figures; `typed` (from the sheet before, by {@link typedFigures}) fills the
 * two input columns of the rows it names.
 */
export function simulationLayout(plan: PlanDatasets, provinceName: string, periodText: string, typed: ReadonlyMap<string, Typed> = new Map()): SimulationLayout {
  const cols = SIMULATION_COLUMNS.length;
  const text = (t: string) => [t, ...new Array<string>(cols - 1).fill("")];
  const values: (string | number)[][] = [
    text(`MÔ PHỎNG: NẾU ĐƠN VỊ XỬ LÝ ĐẠT THÊM HỒ SƠ — ${provinceName.toUpperCase()}, ${periodText.toUpperCase()}`),
    text("Gõ Tử số mới (số hồ sơ đạt trong số hồ sơ của kỳ; mẫu số giữ nguyên) hoặc Tỷ lệ mới (%) vào hai cột tô vàng ở dòng cần thử, rồi bấm “Tính mô phỏng” trong bảng điều khiển. Kết quả ghi bên phải, từ cột N; các bảng nhập liệu không bị sửa."),
    text("Đơn vị xếp như sheet “Kế hoạch cải thiện” (nhiều điểm có thể tăng nhất trước); “Cần thêm để đạt ngưỡng”: số hồ sơ tối thiểu phải xử lý đạt thêm để tỷ lệ đạt ngưỡng tính điểm tối đa."),
    text(""),
    SIMULATION_COLUMNS.map((c) => c.header),
  ];
  const formats: string[][] = values.map(() => new Array<string>(cols).fill("@"));
  const bodyStart = values.length;
  let units = 0;
  for (const u of plan.units) {
    let any = false;
    for (const r of u.reach) {
      if ((r.numerator === null || r.denominator === null) && r.rate === null) continue;
      any = true;
      const [newNumerator, newRate] = typed.get(rowKey(u.name, r.number)) ?? ["", ""];
      const cell = (v: number | null) => (v === null ? "" : v);
      values.push([u.name, r.number, shortIndicatorName(r), cell(r.numerator), cell(r.denominator), cell(r.rate), r.thresholdPercent, cell(r.points), r.maxPoints, cell(r.needed), asCell(newNumerator), asCell(newRate)]);
      formats.push(SIMULATION_COLUMNS.map((c) => c.format));
    }
    if (any) units++;
  }
  const rows = values.length - bodyStart;
  return {
    name: SIMULATION_SHEET,
    values,
    numberFormats: formats,
    titleRows: [0, 1, 2],
    header: { row: bodyStart - 1, col: 0, rows: 1, cols },
    body: { row: bodyStart, col: 0, rows, cols },
    input: rows > 0 ? { row: bodyStart, col: NEW_NUMERATOR_COL, rows, cols: 2 } : null,
    widths: SIMULATION_COLUMNS.map((c) => c.width),
    units,
  };
}

const asCell = (v: unknown): string | number => (typeof v === "number" || typeof v === "string" ? v : "");

/** The sheet as read: its used range's top-left (0-based), values and number formats. */
export interface SimulationSheet {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly values: readonly (readonly unknown[])[];
  readonly formats?: readonly (readonly unknown[])[];
}

/** One typed row: where it is and what it asks for. */
export interface SimulationChange {
  readonly change: WhatIfChange;
  readonly def: IndicatorDef;
  /** 0-based sheet row. */
  readonly row: number;
  /** The cell typed into ("K12"). */
  readonly cell: string;
  /** The current figures the sheet shows (to tell a stale sheet). */
  readonly shown: { readonly numerator: number | null; readonly denominator: number | null; readonly cells: { readonly numerator: string; readonly denominator: string } };
}

export interface TypedRead {
  readonly changes: readonly SimulationChange[];
  readonly problems: readonly Issue[];
  /** What was typed, by unit and indicator number (to keep it when the sheet is rebuilt). */
  readonly typed: ReadonlyMap<string, Typed>;
}

/** An issue at a cell of "Mô phỏng": "Sheet “Mô phỏng”, ô K12: …"; its location names the cell. */
export function simulationIssue(severity: Issue["severity"], sheet: string, address: string, message: string): Issue {
  return { severity, code: "SIMULATION", message: `Sheet “${sheet}”, ô ${address}: ${message}`, location: { dataset: "input", column: `${sheet}!${address}` } };
}

/** The cell a simulation issue names, as "'Mô phỏng'!K12"; null for another issue. */
export function simulationCell(issue: Issue, sheet: string): string | null {
  const c = issue.location.column ?? "";
  return issue.code === "SIMULATION" && c.startsWith(`${sheet}!`) ? `'${sheet.replace(/'/g, "''")}'!${c.slice(sheet.length + 1)}` : null;
}

/** An unquoted % in a number format ("0%", "0.00%"): the cell holds a fraction (85% is 0.85). */
const isPercentFormat = (f: unknown) => typeof f === "string" && /%/.test(f.replace(/"[^"]*"/g, ""));

/** The figures typed into "Mô phỏng", as what-if changes; every refusal names its cell. */
export function typedFigures(read: SimulationSheet, m: Methodology): TypedRead {
  const problems: Issue[] = [];
  const changes: SimulationChange[] = [];
  const typed = new Map<string, Typed>();
  const at = (r: number, c: number) => `${columnLetter(read.col + c)}${read.row + r + 1}`;
  const headerRow = read.values.findIndex((row) => row.some((v) => typeof v === "string" && v.trim() === "Tử số mới"));
  if (headerRow < 0) {
    problems.push(simulationIssue("error", read.sheet, at(0, 0), "không tìm thấy dòng tiêu đề có cột “Tử số mới”: bấm “Mô phỏng” để tạo lại sheet (số đã gõ ở các dòng còn nhận ra được vẫn được giữ)."));
    return { changes, problems, typed };
  }
  const header = (read.values[headerRow] ?? []).map((v) => (typeof v === "string" ? v.trim() : ""));
  const find = (key: ColumnKey) => header.indexOf(SIMULATION_COLUMNS[col(key)]?.header ?? "");
  const [cUnit, cNumber, cNumerator, cDenominator, cNew, cRate] = (["unit", "number", "numerator", "denominator", "newNumerator", "newRate"] as const).map(find) as [number, number, number, number, number, number];
  if ([cUnit, cNumber, cNew, cRate].some((c) => c < 0)) {
    problems.push(simulationIssue("error", read.sheet, at(headerRow, 0), "dòng tiêu đề thiếu cột “Đơn vị”, “Chỉ tiêu”, “Tử số mới” hoặc “Tỷ lệ mới (%)”: bấm “Mô phỏng” để tạo lại sheet."));
    return { changes, problems, typed };
  }
  for (let r = headerRow + 1; r < read.values.length; r++) {
    const row = read.values[r] ?? [];
    const newNumerator = row[cNew];
    const newRate = row[cRate];
    if (blank(newNumerator) && blank(newRate)) continue;
    const unit = typeof row[cUnit] === "string" ? (row[cUnit] as string).trim() : String(row[cUnit] ?? "").trim();
    const number = String(row[cNumber] ?? "").trim();
    typed.set(rowKey(unit, number), [newNumerator, newRate]);
    const bad = (c: number, message: string) => void problems.push(simulationIssue("error", read.sheet, at(r, c), message));
    if (!unit) {
      bad(cUnit, "dòng có số mới nhưng thiếu tên đơn vị.");
      continue;
    }
    const def = number ? findIndicator(m, number) : undefined;
    if (!def || def.rule.type !== "linear") {
      bad(cNumber, `chỉ tiêu "${number}" không có trong phương pháp tính hoặc không tính điểm theo tỷ lệ.`);
      continue;
    }
    const shownNumerator = cNumerator >= 0 && typeof row[cNumerator] === "number" ? (row[cNumerator] as number) : null;
    const shownDenominator = cDenominator >= 0 && typeof row[cDenominator] === "number" ? (row[cDenominator] as number) : null;
    const shown = { numerator: shownNumerator, denominator: shownDenominator, cells: { numerator: at(r, Math.max(0, cNumerator)), denominator: at(r, Math.max(0, cDenominator)) } };
    const where = `${unit}, chỉ tiêu ${def.number}`;
    if (!blank(newNumerator) && !blank(newRate)) {
      bad(cRate, `gõ Tử số mới hoặc Tỷ lệ mới, không gõ cả hai (${where}).`);
      continue;
    }
    if (!blank(newNumerator)) {
      const n = countOf(newNumerator);
      if (typeof n === "string") {
        bad(cNew, `${n} Tử số mới là số hồ sơ đạt: một số nguyên không âm (${where}).`);
        continue;
      }
      if (shownDenominator !== null && n > shownDenominator) {
        bad(cNew, `tử số mới ${formatCount(n)} lớn hơn mẫu số ${formatCount(shownDenominator)} (${where}); mẫu số là số hồ sơ của kỳ, giữ nguyên.`);
        continue;
      }
      changes.push({ change: { unit, indicator: def.code, numerator: n }, def, row: read.row + r, cell: at(r, cNew), shown });
      continue;
    }
    const rate = rateOf(newRate, read.formats?.[r]?.[cRate]);
    if (typeof rate === "string") {
      bad(cRate, `${rate} (${where}).`);
      continue;
    }
    changes.push({ change: { unit, indicator: def.code, rate }, def, row: read.row + r, cell: at(r, cRate), shown });
  }
  return { changes, problems, typed };
}

/** A typed count, or why it is not one. */
function countOf(v: unknown): number | string {
  if (typeof v === "boolean") return `“${v ? "TRUE" : "FALSE"}” không phải số.`;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return "ô không chứa số hữu hạn.";
    if (v < 0) return `${String(v).replace(".", ",")} là số âm.`;
    if (!Number.isInteger(v)) return `${String(v).replace(".", ",")} không phải số nguyên.`;
    return v;
  }
  const parsed = parseNumber(v, "count");
  if (!parsed.ok) return `“${String(v).trim()}” không phải số (${parsed.message.replace(/\.$/, "")}).`;
  return parsed.value ?? "ô trống.";
}

/** A typed rate in percent (85 for 85 %; a cell formatted as % holds 0.85), or why it is not one. */
function rateOf(v: unknown, format: unknown): number | string {
  let rate: number | null;
  if (typeof v === "number") rate = isPercentFormat(format) ? v * 100 : v;
  else if (typeof v === "boolean") return `Tỷ lệ mới “${v ? "TRUE" : "FALSE"}” không phải số`;
  else {
    const parsed = parseNumber(v, "percent");
    if (!parsed.ok) return `Tỷ lệ mới “${String(v).trim()}” không phải số (${parsed.message.replace(/\.$/, "")})`;
    rate = parsed.value;
  }
  if (rate === null || !Number.isFinite(rate)) return "Tỷ lệ mới không phải số";
  if (rate < 0 || rate > 100) return `tỷ lệ mới ${String(rate).replace(".", ",")} phải từ 0 đến 100 (%)`;
  return rate;
}

// ------------------------------------------------------------------ the province's counts

/**
 * "Nhập - Kết quả chung" gives the province's indicators as Phụ lục 1 prints them — a count and a rate
 * ("144.625 (78.38%)"), no denominator — while what-if rescores the province from numerator and
 * denominator. Where the province's count is exactly the sum of its units' numerators and the sum of
 * their denominators gives exactly the stated rate (at the decimals it was printed with; a count of 0
 * with no rate: a denominator of 0), that sum is the province's denominator: the portal's province row
 * adds up its units' dossiers (on the recorded Phú Thọ month every dossier indicator does, the
 * procedure and petition counts do not). Nothing is guessed: an indicator that fails a check keeps what
 * it had, and what-if says the province could not follow a change of it.
 */
export function withProvinceCounts(input: ReportInput): { readonly input: ReportInput; readonly derived: readonly string[] } {
  const given = input.summary?.indicators;
  if (!given) return { input, derived: [] };
  const derived: string[] = [];
  const indicators: Record<string, IndicatorInput> = { ...given };
  for (const [code, p] of Object.entries(given)) {
    if (typeof p.numerator !== "number" || typeof p.denominator === "number") continue;
    let n = 0;
    let d = 0;
    for (const u of input.unitScores ?? []) {
      const i = u.indicators?.[code];
      if (i && typeof i.numerator === "number" && typeof i.denominator === "number") {
        n += i.numerator;
        d += i.denominator;
      }
    }
    if (n !== p.numerator) continue;
    const rate = typeof p.rate === "number" ? p.rate : null;
    const agrees = rate === null ? d === 0 : d > 0 && roundHalfAwayFromZero(percent2(n, d), decimalsOf(rate)) === rate;
    if (!agrees) continue;
    indicators[code] = { ...p, denominator: d };
    derived.push(code);
  }
  return derived.length ? { input: { ...input, summary: { ...input.summary, indicators } }, derived } : { input, derived };
}

// ------------------------------------------------------------------ the result block

export interface ResultSection {
  /** The section's title row (bold). */
  readonly title: number;
  readonly header: Block;
  readonly body: Block;
}

export interface ResultBlock {
  /** Rows × {@link RESULT_WIDTHS}.length, from row 0 of column {@link RESULT_COL}. */
  readonly values: string[][];
  readonly sections: readonly ResultSection[];
  /** Rows printed bold (the block's title). */
  readonly boldRows: readonly number[];
  /** Rows printed italic (notes). */
  readonly italicRows: readonly number[];
}

/** The result block's column widths (characters). */
export const RESULT_WIDTHS = [30, 44, 18, 20, 30] as const;

export interface ResultContext {
  /** The methodology the changes were scored with (the indicators' numbers). */
  readonly methodology: Methodology;
  /** "10:32 05/09/2026". */
  readonly at: string;
  /** "Tỉnh Phú Thọ". */
  readonly provinceName: string;
  /** Why there is no national rank, when there is none. */
  readonly nationalWhy: string | null;
  /** Cells whose figures differ from the input tables (the sheet is older than the tables). */
  readonly stale: readonly string[];
}

const arrow = (a: string, b: string) => (a === b ? `${a} (giữ nguyên)` : `${a} → ${b}`);
const pointsOr = (v: number | null) => (v === null ? "—" : formatPoints(v));
const rateText = (v: number | null) => (v === null ? "—" : formatPercent(v));
const countText = (v: number | null) => (v === null ? "—" : formatCount(v));
const rankText = (v: number | null, of: number | null) => (v === null ? "—" : of ? `${formatIndex(v)}/${formatIndex(of)}` : formatIndex(v));

/** "+5.82" in hundredths-exact words: "Tăng 5.82", "Bằng điểm". */
function pointsChange(before: number | null, after: number | null): string {
  return before === null || after === null ? "" : formatDelta(after - before, "points");
}

/** Whether changed unit `u` passed displaced unit `d`: same level, above it before, below it after. */
function passes(u: WhatIfUnit, d: DisplacedUnit): boolean {
  const [ub, ua, db, da] = [u.rank.before, u.rank.after, d.rank.before, d.rank.after];
  return d.level === u.level && ub !== null && ua !== null && db !== null && da !== null && db < ub && da > ua;
}

/** The result of a what-if as the block beside the input area. */
export function simulationResult(result: WhatIfResult, context: ResultContext): ResultBlock {
  const width = RESULT_WIDTHS.length;
  const values: string[][] = [];
  const sections: ResultSection[] = [];
  const italicRows: number[] = [];
  const line = (...cells: string[]) => values.push([...cells, ...new Array<string>(width - cells.length).fill("")]);
  const section = (title: string, header: readonly string[], rows: readonly (readonly string[])[]) => {
    line("");
    const t = values.length;
    line(title);
    line(...header);
    for (const r of rows) line(...r);
    sections.push({ title: t, header: { row: t + 1, col: 0, rows: 1, cols: header.length }, body: { row: t + 2, col: 0, rows: rows.length, cols: header.length } });
  };
  line("KẾT QUẢ MÔ PHỎNG");
  italicRows.push(values.length);
  line(`Tính lúc ${context.at} từ các bảng nhập liệu trong sổ (không bảng nào bị sửa); các đơn vị không thay đổi giữ nguyên điểm.`);
  section(
    "1. Các chỉ tiêu thay đổi",
    ["Đơn vị", "Chỉ tiêu", "Tử số", "Tỷ lệ", "Điểm"],
    result.units.flatMap((u) =>
      u.indicators.map((i) => {
        const b = i.figures.before;
        const a = i.figures.after;
        const delta = pointsChange(b.points, a.points);
        const def = context.methodology.indicators.find((d) => d.code === i.code);
        return [u.name, def ? `${def.number} ${shortIndicatorName(def)}` : shortIndicatorName(i), arrow(countText(b.numerator), countText(a.numerator)), arrow(rateText(b.rate), rateText(a.rate)), `${arrow(pointsOr(b.points), pointsOr(a.points))}${delta && delta !== "Bằng điểm" ? ` (${delta.toLowerCase()})` : ""}`];
      }),
    ),
  );
  section(
    "2. Các đơn vị thay đổi",
    ["Đơn vị", "Tổng điểm", "Xếp hạng", "Thay đổi", "Vượt qua"],
    result.units.map((u) => {
      const places = u.rank.before !== null && u.rank.after !== null ? placesText(u.rank.before - u.rank.after) : "";
      const change = [pointsChange(u.total.before, u.total.after), places].filter(Boolean).join(", ");
      const passed = result.displaced.filter((d) => passes(u, d)).length;
      return [u.name, arrow(pointsOr(u.total.before), pointsOr(u.total.after)), arrow(rankText(u.rank.before, u.rankOf), rankText(u.rank.after, u.rankOf)), change, passed ? `${passed} đơn vị (bảng 3)` : "không vượt đơn vị nào"];
    }),
  );
  section(
    "3. Các đơn vị bị vượt (điểm giữ nguyên)",
    ["Đơn vị", "Tổng điểm", "Xếp hạng", "Thay đổi", "Bị vượt bởi"],
    result.displaced.map((d) => {
      const of = result.units.find((u) => u.level === d.level)?.rankOf ?? null;
      const by = result.units.filter((u) => passes(u, d)).map((u) => u.name);
      return [d.name, pointsOr(d.total), arrow(rankText(d.rank.before, of), rankText(d.rank.after, of)), d.rank.before !== null && d.rank.after !== null ? placesText(d.rank.before - d.rank.after) : "", by.join("; ")];
    }),
  );
  const p = result.province;
  const provinceRows: string[][] = [];
  if (p) {
    provinceRows.push([`Tổng điểm ${context.provinceName}`, pointsOr(p.total.before), pointsOr(p.total.after), pointsChange(p.total.before, p.total.after)]);
    if (p.nationalRank) {
      const nr = p.nationalRank;
      provinceRows.push(["Xếp hạng toàn quốc", rankText(nr.before, p.rankOf), rankText(nr.after, p.rankOf), nr.before !== null && nr.after !== null ? placesText(nr.before - nr.after) : ""]);
    } else provinceRows.push(["Xếp hạng toàn quốc", `Không có: ${context.nationalWhy ?? "không có bảng tổng hợp toàn quốc của kỳ"}`, "", ""]);
  } else provinceRows.push([`Tổng điểm ${context.provinceName}`, "Không có: bảng “Nhập - Kết quả chung” chưa có số liệu của tỉnh", "", ""]);
  section("4. Toàn tỉnh", ["", "Trước", "Sau", "Thay đổi"], provinceRows);
  const notes = [
    ...(p && !p.complete ? ["Có thay đổi không tính được vào số liệu của tỉnh (bảng nhập liệu không cho tử số, mẫu số của tỉnh ở chỉ tiêu đó, hoặc thay đổi là tỷ lệ không có tử số, mẫu số): tổng điểm tỉnh chưa gồm phần đó."] : []),
    ...(context.stale.length ? [`Bảng nhập liệu đã đổi sau khi tạo sheet (ô ${context.stale.slice(0, 5).join(", ")}${context.stale.length > 5 ? "…" : ""}): kết quả tính theo bảng nhập liệu; bấm “Mô phỏng” để làm mới các cột hiện tại.`] : []),
  ];
  if (notes.length) {
    line("");
    for (const n of notes) {
      italicRows.push(values.length);
      line(n);
    }
  }
  return { values, sections, boldRows: [0], italicRows };
}
