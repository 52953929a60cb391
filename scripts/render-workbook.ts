/**
 * `npm run render`: look at what the clerk gets. Writes the sample month's appendices to
 * dist/workbook/phu-luc.xlsx from the same sheet plans the add-in writes (shared/layout/sheet-plan.ts: values,
 * number formats, merges, title/header/body rows, widths; Times New Roman 13, borders, delta colours,
 * A4 fit to width), and the Worker's workbook.xlsx of the same month (shared/layout/workbook.ts) to
 * dist/workbook/worker/phu-luc.xlsx, then LibreOffice → PDF → PNG pages (pdftoppm) to compare with the
 * seed letter. Also "Toàn quốc" (shared/layout/national-sheet.ts) of the synthetic 34-province August 2026
 * (samples/national-2026.ts), Hà Nội highlighted, through the shared .xlsx writer, to dist/workbook/toan-quoc/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { buildReport, fitToWidth, HA_NOI, nationalSheet, planAppendix, planNational, planTrends, reportXlsx, trends, writeXlsx, type SheetPlan } from "../shared";
import { haNoiHistory } from "../samples/history-ha-noi";
import { nationalBodySample } from "../samples/national-2026";
import { seedReportInput } from "../samples/seed-000-input";

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

if (process.argv[1]?.endsWith("render-workbook.ts")) {
  const pages = await renderWorkbook();
  console.log(`dist/workbook/phu-luc.xlsx (bố cục add-in) → ${pages.length} trang PNG:\n${pages.join("\n")}`);
  const worker = renderWorkerWorkbook();
  console.log(`dist/workbook/worker/phu-luc.xlsx (workbook.xlsx của Worker) → ${worker.length} trang PNG:\n${worker.join("\n")}`);
  const national = renderNational();
  console.log(`dist/workbook/toan-quoc/toan-quoc.xlsx (sheet Toàn quốc) → ${national.length} trang PNG:\n${national.join("\n")}`);
  const trendPages = await renderTrends();
  console.log(`dist/workbook/dien-bien/dien-bien.xlsx (sheet Diễn biến) → ${trendPages.length} trang PNG:\n${trendPages.join("\n")}`);
}
