/**
 * `npm run render`: look at what the clerk gets. Writes the sample month's appendices to
 * dist/workbook/phu-luc.xlsx from the same sheet plans the add-in writes (shared/layout/sheet-plan.ts: values,
 * number formats, merges, title/header/body rows, widths; Times New Roman 13, borders, delta colours,
 * A4 fit to width), and the Worker's workbook.xlsx of the same month (shared/layout/workbook.ts) to
 * dist/workbook/worker/phu-luc.xlsx, then LibreOffice → PDF → PNG pages (pdftoppm) to compare with the
 * seed letter. Also "Toàn quốc" (shared/layout/national-sheet.ts) of the synthetic 34-province August 2026
 * (samples/national-2026.ts), Hà Nội highlighted, through the shared .xlsx writer, to dist/workbook/toan-quoc/.
 * And "Kế hoạch cải thiện" and "Mô phỏng" exactly as the add-in writes them (renderAddinSheets: the
 * controller's buttons run on the recorded Phú Thọ month against the recording fake Excel, whose cells,
 * formats and rules are copied into an .xlsx) to dist/workbook/ke-hoach/ and dist/workbook/mo-phong/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { buildReport, fitToWidth, HA_NOI, nationalSheet, planAppendix, planNational, planTrends, reportXlsx, trends, writeXlsx, type SheetPlan } from "../shared";
import { linesHeightPt, wrappedLines } from "../shared/xlsx/row-height";
import { haNoiHistory } from "../samples/history-ha-noi";
import { nationalBodySample } from "../samples/national-2026";
import { seedReportInput } from "../samples/seed-000-input";
import { buildWithEngine } from "../addin/app/controller";
import { openSimulation, runSimulation } from "../addin/app/simulate";
import { NEW_NUMERATOR_COL, NEW_RATE_COL } from "../addin/sheets/simulation";
import type { FakeSheet } from "../test/addin/fake-excel";
import { ptDeps, ptWorkbook } from "../test/addin/pt-workbook";

const ROOT = path.join(import.meta.dirname, "..");
const OUT = path.join(ROOT, "dist", "workbook");

/** The first of the programs found on PATH, or null. */
export function onPath(...names: string[]): string | null {
  for (const name of names) {
    try {
      return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim() || null;
    } catch {
      // not this one
    }
  }
  return null;
}

/**
 * LibreOffice headless: an .xlsx or .docx → a PDF of the same name in `outDir` (returned). Each call gets
 * its own scratch profile (HOME), so two conversions never share one.
 */
export function officeToPdf(file: string, outDir: string): string {
  const soffice = onPath("soffice", "libreoffice");
  if (!soffice) throw new Error("LibreOffice (soffice) không có trên PATH: cài gói libreoffice-calc-nogui (.xlsx) và libreoffice-writer-nogui (.docx).");
  const home = mkdtempSync(path.join(os.tmpdir(), "chiso766-lo-"));
  try {
    execFileSync(soffice, ["--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", outDir, file], { env: { ...process.env, HOME: home }, stdio: "ignore", timeout: 120_000 });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  return path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
}

/** pdftoppm: the PDF's pages as PNG files `<prefix>-N.png`, sorted. */
export function pdfToPngs(pdf: string, prefix: string, dpi = 70): string[] {
  execFileSync("pdftoppm", ["-png", "-r", String(dpi), pdf, prefix]);
  const dir = path.dirname(prefix);
  const base = path.basename(prefix);
  return readdirSync(dir).filter((f) => f.startsWith(`${base}-`) && f.endsWith(".png")).sort().map((f) => path.join(dir, f));
}

/** The Worker's workbook.xlsx of the sample month (the same bytes GET …/workbook.xlsx answers), rendered. */
export function renderWorkerWorkbook(): string[] {
  const dir = path.join(OUT, "worker");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const report = buildReport(seedReportInput(), { tieOrderByAppendix: { PL4: "input" }, letter: { code: "UBND-KSTTHC", issuer: "UBND thành phố Hà Nội" } });
  const xlsx = path.join(dir, "phu-luc.xlsx");
  writeFileSync(xlsx, reportXlsx(report));
  return pdfToPngs(officeToPdf(xlsx, dir), path.join(dir, "trang"));
}

/** "Toàn quốc" of the synthetic August 2026 (Hà Nội's row highlighted), as the .xlsx writer writes its plan, rendered. No chart: the writer has none (the add-in draws it; its series are checked in test/addin/excel.test.ts). */
export function renderNational(province = "HN"): string[] {
  const dir = path.join(OUT, "toan-quoc");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const body = nationalBodySample();
  const plan = planNational({ ...body, previousPeriod: body.previous.period }, province);
  const xlsx = path.join(dir, "toan-quoc.xlsx");
  writeFileSync(xlsx, writeXlsx({ sheets: [nationalSheet(plan)], creator: "chiso766" }));
  return pdfToPngs(officeToPdf(xlsx, dir), path.join(dir, "trang"));
}

/** One sheet plan as the add-in lays it out (Times New Roman 13, borders, delta colours, merges, A4 fitted to the width). */
function addPlanSheet(book: ExcelJS.Workbook, plan: SheetPlan, orientation: "portrait" | "landscape" = "portrait"): ExcelJS.Worksheet {
  const ws = book.addWorksheet(plan.name, {
    pageSetup: { paperSize: 9, orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${plan.header.row + 1}:${plan.header.row + plan.header.rows}`, horizontalCentered: true },
    views: [{ state: "frozen", ySplit: plan.header.row + plan.header.rows }],
  });
  plan.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  plan.values.forEach((row, r) =>
    row.forEach((v, c) => {
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = v === "" ? null : v;
      const fmt = plan.numberFormats[r]?.[c];
      if (fmt && fmt !== "@" && fmt !== "General") cell.numFmt = fmt;
      cell.font = { name: "Times New Roman", size: 13 };
      cell.alignment = { vertical: "middle", wrapText: r >= plan.header.row && r < plan.header.row + plan.header.rows };
    }),
  );
  for (const t of plan.titleRows) {
    const cell = ws.getCell(t.row + 1, 1);
    cell.font = { name: "Times New Roman", size: 13, bold: t.bold, italic: t.italic };
    cell.alignment = { horizontal: "center", vertical: "middle" };
  }
  for (let r = plan.header.row; r < plan.body.row + plan.body.rows; r++) {
    for (let c = 0; c < plan.columnCount; c++) {
      const cell = ws.getCell(r + 1, c + 1);
      cell.border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } };
      if (r < plan.body.row) {
        cell.font = { name: "Times New Roman", size: 13, bold: true };
        cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      }
    }
  }
  for (const c of plan.centred) for (let r = plan.body.row; r < plan.body.row + plan.body.rows; r++) ws.getCell(r + 1, c + 1).alignment = { horizontal: "center", vertical: "middle" };
  for (const r of plan.boldRows) for (let c = 0; c < plan.columnCount; c++) ws.getCell(r + 1, c + 1).font = { name: "Times New Roman", size: 13, bold: true };
  if (plan.deltaColumn !== null) {
    for (let r = plan.body.row; r < plan.body.row + plan.body.rows; r++) {
      const cell = ws.getCell(r + 1, plan.deltaColumn + 1);
      const text = String(cell.value ?? "");
      if (/^Tăng/.test(text)) cell.font = { name: "Times New Roman", size: 13, color: { argb: "FF0A7A2F" } };
      if (/^Giảm/.test(text)) cell.font = { name: "Times New Roman", size: 13, color: { argb: "FFC0161C" } };
    }
  }
  for (const m of plan.merges) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
  return ws;
}

export async function renderWorkbook(): Promise<string[]> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const report = buildReport(seedReportInput(), { tieOrderByAppendix: { PL4: "input" }, letter: { code: "UBND-KSTTHC", issuer: "UBND thành phố Hà Nội" } });
  const book = new ExcelJS.Workbook();
  for (const table of report.appendices) addPlanSheet(book, planAppendix(table));
  const xlsx = path.join(OUT, "phu-luc.xlsx");
  await book.xlsx.writeFile(xlsx);
  return pdfToPngs(officeToPdf(xlsx, OUT), path.join(OUT, "trang"));
}

/**
 * "Diễn biến" (shared/layout/trend-sheet.ts) of the synthetic Hà Nội history (samples/history-ha-noi.ts,
 * 12 months to August 2026) to dist/workbook/dien-bien/, with the add-in's colour scales (totals: high
 * green; ranks: low green) and the small tables under it. No chart: ExcelJS writes none (the add-in
 * draws it; its 7 series are checked in test/addin/trends.test.ts).
 */
export async function renderTrends(dpi = 70): Promise<string[]> {
  const dir = path.join(OUT, "dien-bien");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t = trends(haNoiHistory("2026-08"), { at: "2026-08" });
  if (!t) throw new Error("no trends");
  const plan = planTrends(t, HA_NOI);
  const book = new ExcelJS.Workbook();
  const ws = addPlanSheet(book, plan, fitToWidth(plan.widths.map((w) => w * 7.5)).orientation === "Landscape" ? "landscape" : "portrait");
  const ref = (b: { row: number; col: number; rows: number; cols: number }) => `${ws.getCell(b.row + 1, b.col + 1).address}:${ws.getCell(b.row + b.rows, b.col + b.cols).address}`;
  const scale = (lowIsGood: boolean) => ["FFF8696B", "FFFFEB84", "FF63BE7B"][lowIsGood ? "reverse" : "slice"]().map((argb) => ({ argb }));
  const rules = [
    [plan.totals, false],
    [plan.ranks, true],
  ] as const;
  rules.forEach(([block, lowIsGood], i) => {
    if (block) ws.addConditionalFormatting({ ref: ref(block), rules: [{ type: "colorScale", priority: i + 1, cfvo: [{ type: "min" }, { type: "percentile", value: 50 }, { type: "max" }], color: scale(lowIsGood) }] });
  });
  const font = { name: "Times New Roman", size: 13 };
  for (const sec of plan.sections) {
    ws.getCell(sec.titleRow + 1, 1).font = { ...font, bold: true };
    ws.getRow(sec.header.row + 1).height = 17 * sec.headerLines;
    for (let r = sec.header.row; r < sec.body.row + sec.body.rows; r++) {
      for (let c = 0; c < sec.header.cols; c++) {
        const cell = ws.getCell(r + 1, c + 1);
        const head = r === sec.header.row;
        cell.border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } };
        cell.font = { ...font, bold: head || sec.boldRows.includes(r) };
        if (head) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7EEF7" } };
        if (head || c === 0) cell.alignment = { horizontal: "center", vertical: "middle", wrapText: head };
      }
    }
  }
  const xlsx = path.join(dir, "dien-bien.xlsx");
  await book.xlsx.writeFile(xlsx);
  return pdfToPngs(officeToPdf(xlsx, dir), path.join(dir, "trang"), dpi);
}

/** "A1:C3" → its cells' 1-based [row, column] pairs (rows past `lastRow` left out). */
function cellsOf(a1: string, lastRow = Number.POSITIVE_INFINITY): [number, number][] {
  const [start = "", end = start] = a1.split(":");
  const at = (ref: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) throw new Error(`bad cell ${ref}`);
    return [Number(m[2]), [...(m[1] ?? "")].reduce((c, ch) => c * 26 + ch.charCodeAt(0) - 64, 0)] as const;
  };
  const [r0, c0] = at(start);
  const [r1, c1] = at(end);
  const out: [number, number][] = [];
  for (let r = r0; r <= Math.min(r1, lastRow); r++) for (let c = c0; c <= c1; c++) out.push([r, c]);
  return out;
}

/** Excel's column width in characters from the add-in's points (7.5 pt = 10 px a character of its plan; 7 px per Excel character). */
const widthChars = (points: number) => (points * (96 / 72)) / 7;
const argbOf = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

/**
 * A sheet of the recording fake as an ExcelJS worksheet: values and number formats, merges, and every
 * formatting operation the add-in queued (fonts, fills, alignment, wrapping, widths, heights, borders) in
 * its order; the "begins with" text rules applied to the cells they colour (as Excel would show them).
 * Only the first `rows` rows when given (the top of a long sheet, for a picture).
 */
function worksheetOf(book: ExcelJS.Workbook, sheet: FakeSheet, rows = Number.POSITIVE_INFINITY): ExcelJS.Worksheet {
  const page = sheet.page;
  const ws = book.addWorksheet(sheet.name, {
    pageSetup: { paperSize: 9, orientation: page["orientation"] === "Portrait" ? "portrait" : "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, ...(typeof page["printTitleRows"] === "string" ? { printTitlesRow: (page["printTitleRows"] as string).replace(/\$/g, "") } : {}) },
    views: sheet.frozenRows ? [{ state: "frozen", ySplit: sheet.frozenRows }] : [],
  });
  for (const [k, v] of sheet.grid) {
    const [r = 0, c = 0] = k.split(",").map(Number);
    if (r >= rows) continue;
    const cell = ws.getCell(r + 1, c + 1);
    cell.value = v === "" ? null : (v as ExcelJS.CellValue);
    const f = sheet.formats.get(k);
    if (typeof f === "string" && f !== "@" && f !== "General") cell.numFmt = f;
  }
  const edit = (a1: string, apply: (cell: ExcelJS.Cell) => void) => cellsOf(a1, rows).forEach(([r, c]) => apply(ws.getCell(r, c)));
  for (const op of sheet.formatOps) {
    const v = op.value;
    const [first = "A1"] = op.range.split(":");
    if (op.path === "columnWidth") ws.getColumn(cellsOf(first)[0]?.[1] ?? 1).width = widthChars(v as number);
    else if (op.path === "rowHeight") for (const r of new Set(cellsOf(op.range, rows).map(([row]) => row))) ws.getRow(r).height = v as number;
    else if (op.path.startsWith("font.")) edit(op.range, (cell) => (cell.font = { ...cell.font, [op.path.slice(5)]: op.path === "font.color" ? { argb: argbOf(v as string) } : v }));
    else if (op.path === "fill.color") edit(op.range, (cell) => (cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argbOf(v as string) } }));
    else if (op.path === "horizontalAlignment") edit(op.range, (cell) => (cell.alignment = { ...cell.alignment, horizontal: String(v).toLowerCase() as "center" }));
    else if (op.path === "verticalAlignment") edit(op.range, (cell) => (cell.alignment = { ...cell.alignment, vertical: String(v).toLowerCase() === "center" ? "middle" : (String(v).toLowerCase() as "top") }));
    else if (op.path === "wrapText") edit(op.range, (cell) => (cell.alignment = { ...cell.alignment, wrapText: v as boolean }));
    else if (op.path.startsWith("borders.") && op.path.endsWith(".style")) edit(op.range, (cell) => (cell.border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } }));
  }
  for (const rule of sheet.conditional) {
    edit(rule.range, (cell) => {
      if (typeof cell.value !== "string" || !cell.value.startsWith(rule.text)) return;
      cell.font = { ...cell.font, color: { argb: argbOf(rule.color) } };
      if (rule.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argbOf(rule.fill) } };
    });
  }
  autofitRows(ws, sheet);
  for (const m of sheet.merges) if ((cellsOf(m)[0]?.[0] ?? 0) <= rows) ws.mergeCells(m);
  return ws;
}

/**
 * What Excel does on its own and LibreOffice does not when it opens an .xlsx: a row the add-in gave no
 * height grows to its wrapped cells' lines (estimated as the Worker's writer does, shared/xlsx/row-height.ts;
 * merged cells aside, as Excel leaves them).
 */
function autofitRows(ws: ExcelJS.Worksheet, sheet: FakeSheet): void {
  const sized = new Set(sheet.formatOps.filter((op) => op.path === "rowHeight").flatMap((op) => cellsOf(op.range).map(([r]) => r)));
  const merged = new Set(sheet.merges.flatMap((m) => cellsOf(m).map(([r, c]) => `${r},${c}`)));
  ws.eachRow((row, r) => {
    if (sized.has(r)) return;
    let lines = 1;
    let size = 11;
    row.eachCell((cell, c) => {
      if (!cell.alignment?.wrapText || typeof cell.value !== "string" || merged.has(`${r},${c}`)) return;
      const font = cell.font ?? {};
      const px = (ws.getColumn(c).width ?? 8.43) * 7;
      lines = Math.max(lines, wrappedLines(cell.value, px, font.size ?? 11, !!font.bold));
      size = Math.max(size, font.size ?? 11);
    });
    if (lines > 1) row.height = linesHeightPt(lines, size);
  });
}

/**
 * What is printed on the first page (pdftotext -bbox: its words' extent, in points), with a margin for
 * the borders around them; the print is centred on the page, so its right edge mirrors its left one.
 */
function contentBox(pdf: string, margin = 8): { x: number; y: number; width: number; height: number } {
  const html = execFileSync("pdftotext", ["-bbox", "-f", "1", "-l", "1", pdf, "-"], { encoding: "utf8" });
  const page = /<page width="([\d.]+)"/.exec(html);
  const boxes = [...html.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)].map((m) => m.slice(1, 5).map(Number) as [number, number, number, number]);
  if (!page || !boxes.length) throw new Error(`${pdf}: nothing printed on page 1`);
  const x = Math.max(0, Math.min(...boxes.map((b) => b[0])) - margin);
  const y = Math.max(0, Math.min(...boxes.map((b) => b[1])) - margin);
  const right = Math.max(Number(page[1]) - x, ...boxes.map((b) => b[2] + margin));
  return { x, y, width: right - x, height: Math.max(...boxes.map((b) => b[3])) + margin - y };
}

/**
 * "Kế hoạch cải thiện" and "Mô phỏng" as the add-in writes them, on the recorded Phú Thọ month: "Lập
 * phụ lục" (the Worker faked, the plan from the add-in's engine), "Mô phỏng", three figures typed (Sở
 * Ngoại vụ: 2.1's Tử số mới 2, 4.1's Tỷ lệ mới 100 %; UBND xã Tam Dương Bắc settles all 1,497 of its
 * dossiers on time), "Tính mô phỏng"; each
 * sheet copied from the recording fake into an .xlsx, then LibreOffice → PDF → PNG (the first page).
 */
export async function renderAddinSheets(dpi = 220): Promise<{ plan: string[]; simulation: string[] }> {
  const ctx = ptWorkbook();
  const { deps, seen } = ptDeps(ctx);
  if (!(await buildWithEngine(deps))) throw new Error(`Lập phụ lục: ${seen.statuses.at(-1)?.[0]}`);
  if (!(await openSimulation(deps))) throw new Error(`Mô phỏng: ${seen.statuses.at(-1)?.[0]}`);
  const sim = ctx.sheet("Mô phỏng");
  if (!sim) throw new Error("no sheet Mô phỏng");
  // What the clerk types: Sở Ngoại vụ's two dossiers on time (2.1) and its result 4.1 at 100 %; Tam Dương Bắc's 1,497 on time.
  const type = (unit: string, number: string, col: number, value: number) => {
    const at = [...sim.grid.entries()].find(([k, v]) => v === unit && k.endsWith(",0") && sim.grid.get(k.replace(/,0$/, ",1")) === number)?.[0];
    if (!at) throw new Error(`Mô phỏng: no row for ${unit}, ${number}`);
    sim.grid.set(`${at.split(",")[0]},${col}`, value);
  };
  type("Sở Ngoại vụ", "2.1", NEW_NUMERATOR_COL, 2);
  type("Sở Ngoại vụ", "4.1", NEW_RATE_COL, 100);
  type("UBND xã Tam Dương Bắc", "2.1", NEW_NUMERATOR_COL, 1497);
  if (!(await runSimulation(deps))) throw new Error(`Tính mô phỏng: ${seen.statuses.at(-1)?.[0]}`);
  const one = async (name: string, dir: string, rows: number) => {
    const out = path.join(OUT, dir);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const sheet = ctx.sheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const book = new ExcelJS.Workbook();
    worksheetOf(book, sheet, rows);
    const xlsx = path.join(out, `${dir}.xlsx`);
    await book.xlsx.writeFile(xlsx);
    const pdf = officeToPdf(xlsx, out);
    // The page is fitted to a wide sheet's width: cut the picture to what is printed on it, at a readable resolution.
    const box = contentBox(pdf);
    const px = (pt: number) => String(Math.round((pt * dpi) / 72));
    execFileSync("pdftoppm", ["-png", "-r", String(dpi), "-f", "1", "-l", "1", "-x", px(box.x), "-y", px(box.y), "-W", px(box.width), "-H", px(box.height), pdf, path.join(out, "trang")]);
    return readdirSync(out).filter((f) => f.endsWith(".png")).sort().map((f) => path.join(out, f));
  };
    // The top of each sheet: the plan's first 12 units, the simulation's first 30 rows and the result beside them.
  return { plan: await one("Kế hoạch cải thiện", "ke-hoach", 18), simulation: await one("Mô phỏng", "mo-phong", 36) };
}

if (process.argv[1]?.endsWith("render-workbook.ts")) {
  const pages = await renderWorkbook();
  console.log(`dist/workbook/phu-luc.xlsx (bố cục add-in) → ${pages.length} trang PNG:\n${pages.join("\n")}`);
  const worker = renderWorkerWorkbook();
  console.log(`dist/workbook/worker/phu-luc.xlsx (workbook.xlsx của Worker) → ${worker.length} trang PNG:\n${worker.join("\n")}`);
  const national = renderNational();
  console.log(`dist/workbook/toan-quoc/toan-quoc.xlsx (sheet Toàn quốc) → ${national.length} trang PNG:\n${national.join("\n")}`);
  const trendPages = await renderTrends();
  console.log(`dist/workbook/dien-bien/dien-bien.xlsx (sheet Diễn biến) → ${trendPages.length} trang PNG:\n${trendPages.join("\n")}`);
  const addin = await renderAddinSheets();
  console.log(`dist/workbook/ke-hoach, dist/workbook/mo-phong (Kế hoạch cải thiện, Mô phỏng như add-in ghi, Phú Thọ 08/2026) → trang 1:\n${[...addin.plan, ...addin.simulation].join("\n")}`);
}
