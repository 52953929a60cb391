/**
 * The Worker's workbook as a program other than our own reader sees it: LibreOffice opens the seed
 * month's .xlsx and prints it to PDF (scripts/render-workbook.ts, as `npm run render`); every sheet
 * fits one A4 portrait page wide, and the text is there. Needs LibreOffice (libreoffice-calc-nogui)
 * and poppler-utils (pdftotext, pdfinfo); .ci/run installs both.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildReport, reportXlsx } from "../../shared";
import { seedReportInput } from "../../samples/seed-000-input";
import { onPath, officeToPdf } from "../../scripts/render-workbook";

const soffice = onPath("soffice", "libreoffice");
const pdftotext = onPath("pdftotext");
const missing = [soffice ? null : "LibreOffice (soffice)", pdftotext ? null : "pdftotext (poppler-utils)"].filter(Boolean).join(" and ");
const dir = mkdtempSync(path.join(os.tmpdir(), "chiso766-xlsx-render-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!!missing)(`workbook.xlsx printed by LibreOffice${missing ? ` — SKIPPED: ${missing} not on PATH` : ""}`, () => {
  it(
    "prints the six sheets on A4 one page wide (nothing spilled sideways) with titles, units, issues and sentences",
    () => {
      const report = buildReport(seedReportInput(), { tieOrderByAppendix: { PL4: "input" }, letter: { code: "UBND-KSTTHC", issuer: "UBND thành phố Hà Nội" } });
      const xlsx = path.join(dir, "phu-luc.xlsx");
      writeFileSync(xlsx, reportXlsx(report));
      const pdf = officeToPdf(xlsx, dir);
      const info = execFileSync("pdfinfo", ["-f", "1", "-l", "99", pdf], { encoding: "utf8" });
      const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
      // Phụ lục 1 and 4 (wide) and the issues A4 landscape, Phụ lục 2, 3 and the draft portrait; fitted to one
      // page wide, so nothing spills sideways: Phụ lục 1 runs onto a second page down, every other sheet fits one.
      expect(sizes).toEqual([[842, 595], [842, 595], [595, 842], [595, 842], [842, 595], [842, 595], [595, 842]]);
      const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
      const upper = text.toUpperCase();
      for (const n of [1, 2, 3, 4]) expect(upper).toContain(`PHỤ LỤC ${n}`);
      for (const s of ["ĐIỂM TỔNG HỢP XẾP HẠNG UBND CÁC QUẬN, HUYỆN, THỊ XÃ", "HỒ SƠ XỬ LÝ QUÁ HẠN THÁNG 12/2024", "UBND quận Tây Hồ", "UBND huyện Phú Xuyên", "Sở Tư pháp", "Tăng 0.92", "Kiểm tra dữ liệu", "PARTS_SUM_MISMATCH", "DỰ THẢO CÁC CÂU VĂN CÓ SỐ LIỆU"]) {
        expect(text).toContain(s);
      }
      // A count with #,##0: the separator is the reader's locale's (11,212 in en-US, 11.212 in vi-VN).
      expect(text).toMatch(/11[.,]212/);
    },
    180_000,
  );
});
