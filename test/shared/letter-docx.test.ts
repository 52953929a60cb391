/**
 * The Word letter (shared/letter/docx.ts) of seed 000's month: its XML as Word reads it (A4, Nghị định
 * 30/2020's margins in twips, Times New Roman 14, the borderless header block, page numbers from page 2,
 * header rows repeated), then what a reader sees — LibreOffice Writer prints it to PDF and the text of
 * each page is compared with the seed letter's structure and figures. The render needs LibreOffice
 * (libreoffice-writer-nogui) and poppler-utils (pdftotext, pdfinfo); .ci/run installs both.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraphText, type Letter, type Report } from "../../shared";
import { A4_TWIPS, MARGIN_TWIPS, letterDocx } from "../../shared/letter/docx";
import { seedDecemberReport, seedLetter } from "../../samples/seed-000-letter";
import { officeToPdf, onPath } from "../../scripts/render-workbook";
import { zipTexts } from "../zip-reader";

const report: Report = seedDecemberReport();
const letter: Letter = seedLetter(report);
let bytes: Uint8Array;
let xml: Map<string, string>;
beforeAll(async () => {
  bytes = await letterDocx(letter);
  xml = zipTexts(bytes, (d) => new Uint8Array(inflateRawSync(d)));
});
const documentXml = () => xml.get("word/document.xml") ?? "";
const all = (re: RegExp, s: string) => [...s.matchAll(re)];

describe("letter.docx — the XML Word reads", () => {
  it("is a Word package: content types, the document, styles, a header per section kind", () => {
    expect([...xml.keys()]).toEqual(expect.arrayContaining(["[Content_Types].xml", "word/document.xml", "word/styles.xml", "word/header1.xml"]));
    expect(xml.get("[Content_Types].xml")).toContain("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
  });

  it("five sections (the letter, Phụ lục 1–4): A4, portrait or landscape as the model chose, the decree's margins in twips", () => {
    expect(MARGIN_TWIPS).toEqual({ top: 1134, bottom: 1134, left: 1701, right: 850 }); // 20, 20, 30, 15 mm
    expect(A4_TWIPS).toEqual({ width: 11906, height: 16838 }); // 210 × 297 mm
    const sections = all(/<w:sectPr>(.*?)<\/w:sectPr>/g, documentXml()).map((m) => m[1] ?? "");
    expect(sections).toHaveLength(5);
    const sizes = sections.map((s) => /<w:pgSz w:w="(\d+)" w:h="(\d+)" w:orient="(\w+)"\/>/.exec(s)?.slice(1));
    expect(sizes).toEqual([
      ["11906", "16838", "portrait"],
      ["16838", "11906", "landscape"],
      ["11906", "16838", "portrait"],
      ["11906", "16838", "portrait"],
      ["16838", "11906", "landscape"],
    ]);
    expect(letter.appendices.map((a) => a.orientation)).toEqual(["landscape", "portrait", "portrait", "landscape"]);
    for (const s of sections) {
      expect(s).toContain('<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"');
      // A first page of its own (no number on it) and numbering from 1: numbers show from page 2.
      expect(s).toContain("<w:titlePg/>");
      expect(s).toContain('<w:pgNumType w:start="1"/>');
    }
  });

  it("Times New Roman 14 for the whole document; the page number a PAGE field in the default header, the first page's header empty", () => {
    expect(xml.get("word/styles.xml")).toContain('<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/>');
    const headers = [...xml].filter(([name]) => /^word\/header\d+\.xml$/.test(name)).map(([, text]) => text);
    expect(headers).toHaveLength(10);
    expect(headers.filter((h) => /<w:instrText[^>]*>PAGE<\/w:instrText>/.test(h))).toHaveLength(5);
    expect(headers.filter((h) => !h.includes("<w:t") && !h.includes("instrText"))).toHaveLength(5);
  });

  it("the header block: a borderless table of two columns; national title bold, the motto bold and underlined", () => {
    const first = /<w:tbl>.*?<\/w:tbl>/.exec(documentXml())?.[0] ?? "";
    expect(first).toContain("<w:tblBorders><w:top w:val=\"none\"");
    expect(all(/<w:gridCol /g, first)).toHaveLength(2);
    const borders = all(/<w:(?:tblBorders|tcBorders)>(.*?)<\/w:(?:tblBorders|tcBorders)>/g, first).flatMap((m) => all(/w:val="(\w+)"/g, m[1] ?? "").map((v) => v[1]));
    expect(borders.length).toBeGreaterThan(20);
    expect(new Set(borders)).toEqual(new Set(["none"]));
    const runOf = (text: string) => new RegExp(`<w:r><w:rPr>([^]*?)</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`).exec(first)?.[1] ?? "";
    expect(runOf("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).toContain("<w:b/>");
    expect(runOf("Độc lập - Tự do - Hạnh phúc")).toMatch(/<w:b\/>.*<w:u w:val="single"\/>/);
    expect(runOf("Hà Nội, ngày 17 tháng 01 năm 2025")).toContain("<w:i/>");
    for (const line of ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"]) expect(runOf(line)).toContain("<w:b/>");
  });

  it("every header row of the appendices repeats on each page (tblHeader): 1 + 1 + 3 + 4 rows", () => {
    expect(letter.appendices.map((a) => a.table.headerRowCount)).toEqual([1, 1, 3, 4]);
    expect(all(/<w:tblHeader\/>/g, documentXml())).toHaveLength(9);
    // Merged header cells: Phụ lục 3's "Tổng số hồ sơ quá hạn đang xử lý" over three columns, STT over three rows.
    expect(documentXml()).toMatch(/<w:gridSpan w:val="3"\/>(?:(?!<\/w:tc>).)*Tổng số hồ sơ quá hạn đang xử lý/);
    expect(all(/<w:vMerge w:val="restart"\/>/g, documentXml()).length).toBeGreaterThanOrEqual(6);
  });
});

const soffice = onPath("soffice", "libreoffice");
const pdftotext = onPath("pdftotext");
const missing = [soffice ? null : "LibreOffice (soffice)", pdftotext ? null : "pdftotext (poppler-utils)"].filter(Boolean).join(" and ");
const dir = mkdtempSync(path.join(os.tmpdir(), "chiso766-letter-render-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each page's text, its whitespace collapsed (justified lines, wrapped sentences), and its size in points. */
function pages(pdf: string): { text: string; lines: string[]; landscape: boolean }[] {
  const info = execFileSync("pdfinfo", ["-f", "1", "-l", "999", pdf], { encoding: "utf8" });
  const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => Number(m[1]) > Number(m[2]));
  return sizes.map((landscape, i) => {
    const raw = execFileSync("pdftotext", ["-layout", "-f", String(i + 1), "-l", String(i + 1), pdf, "-"], { encoding: "utf8" });
    const lines = raw.split("\n").map((l) => l.trim().replace(/\s+/g, " ")).filter(Boolean);
    return { text: lines.join(" "), lines, landscape };
  });
}

describe.skipIf(!!missing)(`letter.docx printed by LibreOffice Writer${missing ? ` — SKIPPED: ${missing} not on PATH` : ""}`, () => {
  let printed: ReturnType<typeof pages>;
  beforeAll(() => {
    const file = path.join(dir, "van-ban.docx");
    writeFileSync(file, bytes);
    printed = pages(officeToPdf(file, dir));
  }, 180_000);
  const pageOf = (s: string) => printed.findIndex((p) => p.text.includes(s));
  const text = () => printed.map((p) => p.text).join(" ");

  it("page 1: the seed's header block, number, date, subject and Kính gửi; A4 portrait, no page number", () => {
    const first = printed[0]!;
    expect(first.landscape).toBe(false);
    for (const s of ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 193/UBND-KSTTHC", "Hà Nội, ngày 17 tháng 01 năm 2025", "V/v công khai kết quả", "Kính gửi:", "- Giám đốc, Thủ trưởng các Sở, ban, ngành;"]) {
      expect(first.text).toContain(s);
    }
    expect(first.lines[0]).not.toMatch(/^\d+$/);
    expect(printed[1]?.lines[0]).toBe("2");
  });

  it("the headline sentence with the engine's figures, the other figures and the data note", () => {
    expect(pageOf(`${report.narrative.headline}*`)).toBe(0);
    expect(report.narrative.headline).toContain("62.28/100 điểm (tăng 1.29 điểm so với tháng 11/2024), xếp hạng 61/63 tỉnh, thành phố");
    for (const f of letter.figures) expect(text()).toContain(paragraphText(f));
    expect(text()).toContain("* Số liệu được tính tại thời điểm 9h00' ngày 06/01/2025.");
  });

  it("the requests, the closing, Nơi nhận and the signature block", () => {
    const t = text();
    expect(t).toContain("Để tiếp tục phát huy những kết quả đạt được và khắc phục những tiêu chí đạt tỷ lệ thấp, UBND Thành phố đề nghị:");
    for (const s of ["1. Giám đốc, Thủ trưởng các Sở, ban, ngành Thành phố", "2. Trung tâm Phục vụ hành chính công Thành phố", "3. Văn phòng UBND Thành phố:", "a) Tập trung chỉ đạo", "đ) Căn cứ kết quả công khai", "Nơi nhận:", "- Lưu: VT, KSTTHC.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hà Minh Hải"]) expect(t).toContain(s);
    // In the letter's order, before the first appendix.
    const order = ["Kính gửi:", "Căn cứ Quyết định số 766/QĐ-TTg", "Tổng số điểm Thành phố", "UBND Thành phố đề nghị:", "Nơi nhận:", "Hà Minh Hải", "BIỂU TỔNG HỢP KẾT QUẢ CHUNG"].map((s) => t.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("Phụ lục 1–4, each starting a page in its orientation, with the letter's attach line and the seed's rows", () => {
    const titles = ["BIỂU TỔNG HỢP KẾT QUẢ CHUNG THÁNG 12/2024", "ĐIỂM TỔNG HỢP XẾP HẠNG UBND CÁC QUẬN, HUYỆN, THỊ XÃ", "HỒ SƠ XỬ LÝ QUÁ HẠN THÁNG 12/2024", "PAKN QUÁ HẠN TIẾP NHẬN VÀ XỬ LÝ TRÊN HỆ THỐNG PAKN"];
    titles.forEach((title, i) => {
      const at = pageOf(title);
      expect(at, title).toBeGreaterThan(0);
      const page = printed[at]!;
      expect(page.lines[0]?.toUpperCase()).toBe(`PHỤ LỤC ${i + 1}`);
      expect(page.landscape).toBe(letter.appendices[i]?.orientation === "landscape");
      expect(page.text).toContain("(Kèm theo văn bản số 193/UBND-KSTTHC ngày 17/01/2025 của UBND thành phố Hà Nội)");
    });
    const t = text();
    for (const row of [
      "2.2 Tỷ lệ đồng bộ hồ sơ 242.300 (70.87%) Tăng 7.28%",
      "1 Tổng hợp 62.3 điểm Tăng 1.29 điểm",
      "1 UBND quận Tây Hồ 89 Tăng 0.92",
      "30 UBND quận Hoàn Kiếm 63.08 Tăng 0.43",
      "1 Sở Tư pháp 11.212",
      "22 UBND quận Tây Hồ 146 115 131",
      "47 Sở Ngoại vụ 1",
      "1 Sở Tài nguyên và Môi trường 45 0 45",
      "14 UBND huyện Ba Vì 1 0 1",
    ]) {
      expect(t).toContain(row);
    }
  });

  it("a table running onto a second page repeats its header there, under the appendix's own page number 2", () => {
    const start = pageOf("HỒ SƠ XỬ LÝ QUÁ HẠN THÁNG 12/2024");
    const last = pageOf("47 Sở Ngoại vụ 1");
    expect(last).toBe(start + 1);
    const next = printed[last]!;
    expect(next.lines[0]).toBe("2");
    expect(next.text).toContain("Tổng số hồ sơ quá hạn đang xử lý");
    expect(next.text).toContain("STT Tên đơn vị");
    // Each appendix's own first page shows no number.
    for (const title of ["BIỂU TỔNG HỢP KẾT QUẢ CHUNG", "HỒ SƠ XỬ LÝ QUÁ HẠN", "PAKN QUÁ HẠN TIẾP NHẬN"]) expect(printed[pageOf(title)]?.lines[0]).not.toMatch(/^\d+$/);
  });
});
