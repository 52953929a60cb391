/**
 * The .xlsx writer (shared/xlsx/) and the report's workbook (shared/layout/workbook.ts): the zip is
 * sound (read back by an independent reader and by exceljs), and the seed month's workbook holds the
 * sheet plans' values, number formats, merges, widths, frozen rows, print titles and formats.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { address, buildReport, DRAFT_SHEET, ISSUES_SHEET, issuePlace, planAppendix, reportWorkbook, reportXlsx, type Report, writeXlsx } from "../../shared";
import { rowHeights, sheetNames, xstring } from "../../shared/xlsx/spreadsheet";
import { crc32, utf8, zip } from "../../shared/xlsx/zip";
import { seedReportInput } from "../../samples/seed-000-input";
import { readZip, referenceCrc32, zipTexts } from "../zip-reader";

const report: Report = buildReport(seedReportInput(), { tieOrderByAppendix: { PL4: "input" } });
const bytes = reportXlsx(report);

async function load(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer);
  return book;
}
const sheetOf = (book: ExcelJS.Workbook, name: string) => {
  const ws = book.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};

describe("zip", () => {
  it("CRC-32 of the check string and of nothing", () => {
    expect(crc32(utf8("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    const random = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256);
    expect(crc32(random)).toBe(referenceCrc32(random));
  });

  it("UTF-8 as Node encodes it, surrogate pairs and lone surrogates included", () => {
    for (const s of ["", "ascii", "Phụ lục 2 – Tăng/Giảm", "đ Đ ữ ỹ", "😀 𝄞", "lone \ud800 x \udc00", "\u0000\u007f\u0080\u07ff\u0800\uffff"]) {
      expect([...utf8(s)], s).toEqual([...Buffer.from(s, "utf8")]);
    }
  });

  it("stores entries with UTF-8 names, read back intact by an independent reader", () => {
    const entries = [
      { name: "a.txt", data: utf8("xin chào") },
      { name: "thư mục/tệp.xml", data: utf8("<x/>") },
      { name: "empty", data: new Uint8Array() },
    ];
    const read = readZip(zip(entries));
    expect(read.map((e) => [e.name, e.method, e.flags & 0x0800, new TextDecoder().decode(e.data)])).toEqual([
      ["a.txt", 0, 0x0800, "xin chào"],
      ["thư mục/tệp.xml", 0, 0x0800, "<x/>"],
      ["empty", 0, 0x0800, ""],
    ]);
  });

  it("the same workbook gives the same bytes (fixed timestamps)", () => {
    expect(reportXlsx(report)).toEqual(bytes);
  });
});

describe("SpreadsheetML text", () => {
  it("escapes XML, protects literal _xHHHH_ and writes controls as Excel escapes", () => {
    expect(xstring(`<a href="x">&amp;</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;");
    expect(xstring("a\u0001b\u001fc")).toBe("a_x0001_b_x001F_c");
    expect(xstring("tab\tlf\ncr\r")).toBe("tab\tlf\ncr_x000D_");
    expect(xstring("_x0041_")).toBe("_x005F_x0041_");
    expect(xstring("lone \ud800 and \uffff")).toBe("lone \ufffd and _xFFFF_");
  });

  it("makes sheet names Excel accepts: no : \\ / ? * [ ], at most 31 characters, unique regardless of case", () => {
    expect(sheetNames(["a/b", "A/B", "x".repeat(40), "'quoted'", "", "[1]"])).toEqual(["a-b", "A-B (2)", "x".repeat(31), "quoted", "Sheet5", "-1-"]);
  });

  it("texts with markup, quotes, controls and a formula-looking value round-trip through exceljs as text", async () => {
    const tricky = [`<b>"Sở" & 'UBND'</b>`, "=SUM(A1:A2)", "  leading and trailing  ", "dòng 1\ndòng 2", "emoji 😀"];
    const data = writeXlsx({ sheets: [{ name: "T", rows: tricky.map((t) => [{ value: t }, { value: 1.5 }]), columnWidths: [200, 70] }] });
    const ws = sheetOf(await load(data), "T");
    expect(tricky.map((_, i) => ws.getCell(i + 1, 1).value)).toEqual(tricky);
    expect(ws.getCell(1, 2).value).toBe(1.5);
  });

  it("gives wrapped long text the rows it needs and Times New Roman 13 more than the default 15 pt", () => {
    const long = "Tổng số điểm Thành phố đạt được tháng 12/2024: 62.28/100 điểm (tăng 1.29 điểm so với tháng 11/2024), xếp hạng 61/63 tỉnh, thành phố";
    const font = { name: "Times New Roman", size: 13 };
    const heights = rowHeights({
      name: "h",
      columnWidths: [700, 100],
      rows: [[{ value: "x", style: { font } }], [{ value: long, style: { font, wrap: true } }], [{ value: long, style: { font } }], [{ value: `${long} ${long}`, style: { font, wrap: true } }]],
    });
    expect(heights[0]).toBeGreaterThan(15);
    expect(heights[1]).toBeGreaterThan(1.9 * (heights[0] ?? 0));
    expect(heights[2]).toBe(heights[0]);
    expect(heights[3]).toBeGreaterThan(heights[1] ?? 0);
  });
});

describe("the seed month's workbook", () => {
  it("is a sound zip of the SpreadsheetML parts, content types first", () => {
    const texts = zipTexts(bytes);
    expect([...texts.keys()]).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "docProps/core.xml",
      "docProps/app.xml",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      ...[1, 2, 3, 4, 5, 6].map((i) => `xl/worksheets/sheet${i}.xml`),
      "xl/styles.xml",
      "xl/sharedStrings.xml",
    ]);
    for (const [name, text] of texts) expect(text.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'), name).toBe(true);
  });

  it("has the six sheets in order", async () => {
    const book = await load(bytes);
    expect(book.worksheets.map((w) => w.name)).toEqual(["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4", ISSUES_SHEET, DRAFT_SHEET]);
  });

  it("Phụ lục 2: every cell's value and number format as the sheet plan has them", async () => {
    const ws = sheetOf(await load(bytes), "Phụ lục 2");
    const plan = planAppendix(report.appendices.find((a) => a.id === "PL2") ?? report.appendices[0]!);
    plan.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const cell = ws.getCell(r + 1, c + 1);
        // Merged title cells read back the master's value in every cell of the merge.
        if (!cell.isMerged || cell.master === cell) expect(cell.value ?? "", cell.address).toEqual(v);
        expect(cell.numFmt ?? "General", cell.address).toBe(plan.numberFormats[r]?.[c]);
      }),
    );
    expect([1, 2, 3, 4].map((c) => ws.getCell(7, c).value)).toEqual([1, "UBND quận Tây Hồ", 89, "Tăng 0.92"]);
    expect([1, 3].map((c) => ws.getCell(7, c).numFmt ?? "General")).toEqual(["0", "General"]);
    expect(ws.getCell(7, 4).numFmt).toBe("@");
    expect(ws.getCell(36, 2).value).toBe("UBND quận Hoàn Kiếm");
  });

  it("Phụ lục 3: counts as numbers with #,##0; the two-row header merged", async () => {
    const ws = sheetOf(await load(bytes), "Phụ lục 3");
    expect(ws.getCell("C8").value).toBe(11212);
    expect(ws.getCell("C8").numFmt).toBe("#,##0");
    const plan = planAppendix(report.appendices.find((a) => a.id === "PL3")!);
    expect((ws.model as unknown as { merges: string[] }).merges.sort()).toEqual(plan.merges.map(address).sort());
    expect(plan.merges.some((m) => m.rows > 1)).toBe(true);
  });

  it("Phụ lục 1: percent figures keep their format", async () => {
    const ws = sheetOf(await load(bytes), "Phụ lục 1");
    const plan = planAppendix(report.appendices.find((a) => a.id === "PL1")!);
    const custom = plan.numberFormats.flat().filter((f) => !["@", "General", "0", "#,##0"].includes(f));
    for (const f of new Set(custom)) {
      const at = plan.numberFormats.findIndex((row) => row.includes(f));
      const col = plan.numberFormats[at]?.indexOf(f) ?? 0;
      expect(ws.getCell(at + 1, col + 1).numFmt).toBe(f);
    }
  });

  it("widths, frozen header, merges and print setup of every appendix follow its plan", async () => {
    const book = await load(bytes);
    for (const table of report.appendices) {
      const plan = planAppendix(table);
      const ws = sheetOf(book, plan.name);
      // The add-in's 7.5 pt (10 px) per planned character, in Excel's 7-pixel character units.
      expect(plan.widths.map((_, i) => ws.getColumn(i + 1).width)).toEqual(plan.widths.map((w) => Math.round((w * 10 * 100) / 7) / 100));
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: plan.header.row + plan.header.rows, topLeftCell: `A${plan.header.row + plan.header.rows + 1}` });
      expect((ws.model as unknown as { merges: string[] }).merges.sort()).toEqual(plan.merges.map(address).sort());
      // Landscape where portrait would print below 75% (Phụ lục 1 and 4), as the add-in sets it.
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: table.id === "PL1" || table.id === "PL4" ? "landscape" : "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, printTitlesRow: `${plan.header.row + 1}:${plan.header.row + plan.header.rows}` });
    }
    const wb = zipTexts(bytes).get("xl/workbook.xml") ?? "";
    expect(wb).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'Phụ lục 2'!$6:$6</definedName>`);
  });

  it("formats as the add-in: Times New Roman 13, bold centred wrapped bordered header, bordered body, centred ranks", async () => {
    const ws = sheetOf(await load(bytes), "Phụ lục 2");
    const head = ws.getCell("B6");
    expect(head.font).toMatchObject({ name: "Times New Roman", size: 13, bold: true });
    expect(head.alignment).toMatchObject({ horizontal: "center", vertical: "middle", wrapText: true });
    expect(head.border?.top?.style).toBe("thin");
    const body = ws.getCell("B7");
    expect(body.font).toMatchObject({ name: "Times New Roman", size: 13 });
    expect(body.font.bold).toBeFalsy();
    expect(body.border?.left?.style).toBe("thin");
    expect(ws.getCell("A7").alignment?.horizontal).toBe("center");
    expect(ws.getCell("A1").font).toMatchObject({ bold: true });
    expect(ws.getCell("A1").alignment?.horizontal).toBe("center");
    expect(ws.getCell("A1").border?.top).toBeUndefined();
  });

  it("colours Tăng green and Giảm red with begins-with rules on the delta column", async () => {
    const ws = sheetOf(await load(bytes), "Phụ lục 2");
    const rules = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; operator: string; formulae: string[]; style: { font: { color: { argb: string } } } }[] }[] }).conditionalFormattings;
    expect(rules.map((r) => [r.ref, r.rules[0]?.type, r.rules[0]?.operator, r.rules[0]?.formulae[0], r.rules[0]?.style.font.color.argb])).toEqual([
      ["D7:D36", "beginsWith", "beginsWith", 'LEFT(D7,LEN("Tăng"))="Tăng"', "FF0A7A2F"],
      ["D7:D36", "beginsWith", "beginsWith", 'LEFT(D7,LEN("Giảm"))="Giảm"', "FFC0161C"],
    ]);
    const sheet2 = zipTexts(bytes).get("xl/worksheets/sheet2.xml") ?? "";
    expect(sheet2).toContain('<cfRule type="beginsWith" dxfId="0" priority="1" operator="beginsWith" text="Tăng">');
    expect(sheet2).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(sheet2).toContain('<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/>');
  });

  it("writes each distinct cell format once", () => {
    const styles = zipTexts(bytes).get("xl/styles.xml") ?? "";
    const xfs = [...(styles.match(/<cellXfs[^>]*>(.*)<\/cellXfs>/)?.[1] ?? "").matchAll(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/g)].map((m) => m[0]);
    expect(xfs.length).toBeGreaterThan(5);
    expect(new Set(xfs).size).toBe(xfs.length);
    expect(xfs.length).toBeLessThan(40);
    const fonts = [...styles.matchAll(/<font>.*?<\/font>/g)].map((m) => m[0]);
    expect(new Set(fonts).size).toBe(fonts.length);
  });

  it("Kiểm tra dữ liệu: severity, code, message and place of every issue, severity coloured", async () => {
    const ws = sheetOf(await load(bytes), ISSUES_SHEET);
    expect(ws.getCell("A1").value).toBe(`Kiểm tra dữ liệu: ${report.counts.errors} lỗi, ${report.counts.warnings} cảnh báo, ${report.counts.infos} ghi chú`);
    expect([1, 2, 3, 4].map((c) => ws.getCell(2, c).value)).toEqual(["Mức độ", "Mã", "Nội dung", "Vị trí"]);
    report.issues.forEach((issue, i) => {
      const row = ws.getRow(i + 3);
      expect([1, 2, 3, 4].map((c) => row.getCell(c).value)).toEqual([{ error: "Lỗi", warning: "Cảnh báo", info: "Ghi chú" }[issue.severity], issue.code, issue.message, issuePlace(issue)]);
      expect(row.getCell(1).font.color?.argb).toBe({ error: "FFC0161C", warning: "FF8A5A00", info: "FF444444" }[issue.severity]);
    });
    const tayHo = report.issues.findIndex((i) => i.code === "PARTS_SUM_MISMATCH");
    expect(ws.getCell(tayHo + 3, 4).value).toBe("Phụ lục 3, dòng 22, cột Tổng số");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(ws.getCell("C3").alignment?.wrapText).toBe(true);
  });

  it("Dự thảo văn bản: the sentences one a row, wrapped, in a 700-pixel column", async () => {
    const ws = sheetOf(await load(bytes), DRAFT_SHEET);
    expect(ws.getCell("A1").value).toBe("DỰ THẢO CÁC CÂU VĂN CÓ SỐ LIỆU");
    expect(report.narrative.sentences.map((_, i) => ws.getCell(i + 3, 1).value)).toEqual(report.narrative.sentences.map((s) => `- ${s}`));
    expect(ws.getCell("A3").alignment?.wrapText).toBe(true);
    expect(ws.getColumn(1).width).toBe(100);
    expect(ws.getRow(3).height).toBeGreaterThan(ws.getRow(1).height ?? 0);
  });

  it("an empty report still makes a valid workbook", async () => {
    const empty = buildReport({ province: "HN", period: "2024-12" });
    const book = await load(writeXlsx(reportWorkbook(empty)));
    expect(book.worksheets.map((w) => w.name)).toContain(ISSUES_SHEET);
  });
});
