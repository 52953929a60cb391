/**
 * `npm run render` (its second half): the sample month's letter as the clerk gets it. Seed 000's
 * December 2024 report in Hà Nội's settings (samples/seed-000-letter.ts) → dist/letter/van-ban.docx
 * (shared/letter/docx.ts) → LibreOffice Writer → PDF → PNG pages, to compare with the seed letter.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { letterDocx } from "../shared/letter/docx";
import { seedLetter } from "../samples/seed-000-letter";
import { officeToPdf, pdfToPngs } from "./render-workbook";

const OUT = path.join(import.meta.dirname, "..", "dist", "letter");

export async function renderLetter(dpi = 70): Promise<{ docx: string; pdf: string; pages: string[] }> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const docx = path.join(OUT, "van-ban.docx");
  writeFileSync(docx, await letterDocx(seedLetter()));
  const pdf = officeToPdf(docx, OUT);
  return { docx, pdf, pages: pdfToPngs(pdf, path.join(OUT, "trang"), dpi) };
}

if (process.argv[1]?.endsWith("render-letter.ts")) {
  const { docx, pages } = await renderLetter();
  console.log(`${path.relative(process.cwd(), docx)} (văn bản Word của tháng mẫu) → ${pages.length} trang PNG:\n${pages.join("\n")}`);
}
