/**
 * `npm start`: the main job on the bundled sample — Hà Nội, December 2024 (seed 000), compared with
 * November — through the shared engine. Prints Phụ lục 1–4, the issues found and the letter's
 * sentences, and writes an HTML preview of the appendices to dist/preview.html.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { APPENDIX_CSS, appendixToHtml, escapeHtml } from "../addin/render/html";
import { buildReport, type Report } from "../shared";
import { seedReportInput } from "../samples/seed-000-input";
import { appendixToText } from "./text-table";

const SEVERITY: Record<string, string> = { error: "LỖI", warning: "CẢNH BÁO", info: "GHI CHÚ" };

function previewHtml(report: Report): string {
  const issues = report.issues.map((i) => `<li class="${i.severity}"><b>${SEVERITY[i.severity]}</b> ${escapeHtml(i.message)}</li>`).join("\n");
  const sentences = report.narrative.sentences.map((s) => `<p>${escapeHtml(s)}</p>`).join("\n");
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>chiso766 — ${escapeHtml(report.province.name)} ${report.period}</title>
<style>${APPENDIX_CSS} body{max-width:60rem;margin:auto;font-family:"Times New Roman",serif} li.error{color:#c0161c} li.warning{color:#8a5a00}</style></head><body>
<h1>Bộ chỉ số 766 — ${escapeHtml(report.province.name)}, kỳ ${report.period}</h1>
<h2>Dự thảo văn bản</h2>${sentences}
<h2>Kiểm tra dữ liệu (${report.counts.errors} lỗi, ${report.counts.warnings} cảnh báo)</h2><ul>${issues}</ul>
${report.appendices.map(appendixToHtml).join("\n")}
</body></html>`;
}

const report = buildReport(seedReportInput(), { tieOrderByAppendix: { PL4: "input" }, letter: { code: "UBND-KSTTHC", issuer: "UBND thành phố Hà Nội" } });

console.log(`chiso766 — ${report.province.name}, kỳ ${report.period} (so với ${report.previousPeriod}), phương pháp ${report.methodology?.id}\n`);
for (const table of report.appendices) console.log(`${appendixToText(table)}\n`);
console.log("DỰ THẢO CÂU VĂN TRONG VĂN BẢN");
for (const s of report.narrative.sentences) console.log(`- ${s}`);
console.log(`\nKIỂM TRA DỮ LIỆU: ${report.counts.errors} lỗi, ${report.counts.warnings} cảnh báo, ${report.counts.infos} ghi chú`);
for (const i of report.issues) console.log(`- [${SEVERITY[i.severity]}] ${i.message}`);

const out = path.join(import.meta.dirname, "..", "dist", "preview.html");
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, previewHtml(report));
console.log(`\nXem trước dạng trang web: ${out}`);
