/**
 * addin/excel/ against the recording fake: what is written (values, formats, merges, sheet names,
 * links) and how many context.sync() calls it takes (read 1, write 2, whatever the size).
 */
import { describe, expect, it } from "vitest";
import { createInputSheets } from "../../addin/excel/create-inputs";
import { INPUT_SHEETS, datasetRows, inputFromTables, inputSheet, tableRows } from "../../addin/sheets/inputs";
import { fillInputTable } from "../../addin/excel/fill-inputs";
import { normalizeSelection } from "../../addin/excel/normalize-selection";
import { readInputTables } from "../../addin/excel/read-inputs";
import { writeReport } from "../../addin/excel/write-report";
import { HA_NOI, bodyText, buildReport, methodologyFor, planAppendix, summaryLayoutFor, type Report } from "../../shared";
import { syntheticCatalog, syntheticInput } from "../../samples/synthetic";
import { DECEMBER_ROWS, seedReportInput } from "../../samples/seed-000-input";
import { fakeContext } from "./fake-excel";

const seedReport = (): Report => buildReport(seedReportInput(), { tieOrderByAppendix: { PL4: "input" } });
const FEATURES = { pageLayout: true };

describe("writeReport", () => {
  it("writes Phụ lục 1–4, the issue sheet and the draft in two syncs", async () => {
    const ctx = fakeContext();
    const result = await writeReport(ctx, seedReport(), FEATURES);
    expect(ctx.syncs).toBe(2);
    expect(result.sheets).toEqual(["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4", "Kiểm tra dữ liệu", "Dự thảo văn bản"]);
    expect(ctx.names.map((n) => [n.name, n.formula])).toEqual([
      ["chiso766_PL1", "='Phụ lục 1'!$A$1"],
      ["chiso766_PL2", "='Phụ lục 2'!$A$1"],
      ["chiso766_PL3", "='Phụ lục 3'!$A$1"],
      ["chiso766_PL4", "='Phụ lục 4'!$A$1"],
      ["chiso766_KTDL", "='Kiểm tra dữ liệu'!$A$1"],
      ["chiso766_DTVB", "='Dự thảo văn bản'!$A$1"],
    ]);
  });

  it("Phụ lục 2: titles, header, the seed's rows as numbers and texts, delta colours, frozen header, A4 page", async () => {
    const ctx = fakeContext();
    await writeReport(ctx, seedReport(), FEATURES);
    const sheet = ctx.sheet("Phụ lục 2");
    if (!sheet) throw new Error("no sheet");
    expect(sheet.block(0, 0, 3, 1).map((r) => r[0])).toEqual(["Phụ lục 2", "ĐIỂM TỔNG HỢP XẾP HẠNG UBND CÁC QUẬN, HUYỆN, THỊ XÃ", "THÁNG 12/2024"]);
    expect(sheet.block(5, 0, 1, 4)[0]).toEqual(["STT", "Tên đơn vị", "Số điểm", "Tăng/giảm so với tháng 11"]);
    const body = sheet.block(6, 0, 30, 4);
    expect(body.map((r) => r.map(String))).toEqual(DECEMBER_ROWS.pl2.map((r) => r.slice(0, 4)));
    expect(typeof body[0]?.[2]).toBe("number");
    expect(sheet.merges).toContain("A1:D1");
    expect(sheet.frozenRows).toBe(6);
    expect(sheet.conditional.map((c) => [c.range, c.operator, c.text, c.color])).toEqual([
      ["D7:D36", "BeginsWith", "Tăng", "#0A7A2F"],
      ["D7:D36", "BeginsWith", "Giảm", "#C0161C"],
    ]);
    expect(sheet.page).toMatchObject({ orientation: "Portrait", paperSize: "A4", printTitleRows: "$6:$6", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } });
    expect(sheet.formatOps).toContainEqual({ sheet: "Phụ lục 2", range: "A1:D36", path: "font.name", value: "Times New Roman" });
    expect(sheet.formatOps).toContainEqual({ sheet: "Phụ lục 2", range: "A1:D36", path: "font.size", value: 13 });
    expect(sheet.chartList).toEqual([{ type: "BarClustered", source: "B7:C36", title: "Điểm tổng hợp xếp hạng" }]);
  });

  it("Phụ lục 3 keeps the seed's merged three-row header and count formats", async () => {
    const ctx = fakeContext();
    await writeReport(ctx, seedReport(), FEATURES);
    const sheet = ctx.sheet("Phụ lục 3");
    if (!sheet) throw new Error("no sheet");
    expect(sheet.merges).toEqual(expect.arrayContaining(["A5:A7", "B5:B7", "C5:E5", "C6:E6"]));
    expect(sheet.block(7, 0, 1, 5)[0]).toEqual([1, "Sở Tư pháp", 11212, "", ""]);
    expect(sheet.formats.get("7,2")).toBe("#,##0");
  });

  it("without ExcelApi 1.9 it skips the page setup instead of failing", async () => {
    const ctx = fakeContext();
    await writeReport(ctx, seedReport(), { pageLayout: false });
    expect(ctx.sheet("Phụ lục 2")?.page).toEqual({});
  });

  it.each([30, 700, 3000])("writes %i units with the same two syncs", async (n) => {
    const catalog = syntheticCatalog(n);
    const report = buildReport(syntheticInput(catalog, 7, "letter"), { catalog, rankLevel: "commune" });
    const ctx = fakeContext();
    await writeReport(ctx, report, FEATURES);
    expect(ctx.syncs).toBe(2);
    expect(ctx.sheet("Phụ lục 2")?.block(6 + n - 1, 0, 1, 1)[0]?.[0]).toBeTypeOf("number");
  });

  it("a rebuild replaces only the sheets it made (even renamed) and never the clerk's", async () => {
    const ctx = fakeContext();
    ctx.seedTable("Nhập - Hồ sơ quá hạn", "chiso766_HoSoQuaHan", "A2", ["Tên đơn vị", "Tổng"], [["Sở Tư pháp", 3]]);
    await writeReport(ctx, seedReport(), FEATURES);
    // The clerk renames our Phụ lục 1, and makes a sheet of their own called "Phụ lục 2 (bản in)".
    const pl1 = ctx.sheet("Phụ lục 1");
    if (!pl1) throw new Error("no PL1");
    (pl1 as unknown as { sheetName: string }).sheetName = "PL1 cũ";
    const name = ctx.names.find((n) => n.name === "chiso766_PL1");
    if (name) name.formula = "='PL1 cũ'!$A$1";
    ctx.addSheet("Phụ lục 2 (bản in)").grid.set("0,0", "của tôi");
    ctx.syncs = 0;
    const second = await writeReport(ctx, seedReport(), FEATURES);
    expect(ctx.syncs).toBe(2);
    expect([...second.replaced].sort()).toEqual(["Dự thảo văn bản", "Kiểm tra dữ liệu", "PL1 cũ", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4"].sort());
    expect(ctx.sheet("PL1 cũ")).toBeUndefined();
    expect(ctx.sheet("Phụ lục 2 (bản in)")?.cell("A1")).toBe("của tôi");
    expect(ctx.sheet("Nhập - Hồ sơ quá hạn")?.cell("A3")).toBe("Sở Tư pháp");
    expect(ctx.sheets.map((s) => s.name)).toEqual(["Nhập - Hồ sơ quá hạn", "Phụ lục 2 (bản in)", "Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4", "Kiểm tra dữ liệu", "Dự thảo văn bản"]);
  });

  it("a sheet of the clerk's with our name is kept; ours gets another name", async () => {
    const ctx = fakeContext();
    ctx.addSheet("Phụ lục 3").grid.set("0,0", "bảng tự làm");
    const result = await writeReport(ctx, seedReport(), FEATURES);
    expect(result.sheets).toContain("Phụ lục 3 (2)");
    expect(ctx.sheet("Phụ lục 3")?.cell("A1")).toBe("bảng tự làm");
  });
});

describe("input sheets: create, read, link issues back", () => {
  it("creates one table per dataset with Vietnamese headers, then never overwrites", async () => {
    const ctx = fakeContext();
    const first = await createInputSheets(ctx);
    expect(first.created).toEqual(INPUT_SHEETS.map((s) => s.sheetName));
    expect(ctx.sheet("Nhập - Hồ sơ quá hạn")?.block(1, 0, 1, 4)[0]).toEqual(["Tên đơn vị", "Tổng", "Cấp huyện", "Cấp xã"]);
    expect(ctx.tablesByName.has("chiso766_HoSoQuaHan")).toBe(true);
    ctx.sheet("Nhập - Hồ sơ quá hạn")?.grid.set("2,0", "Sở Tư pháp");
    const again = await createInputSheets(ctx);
    expect(again).toMatchObject({ created: [], syncs: 1 });
    expect(again.kept).toHaveLength(INPUT_SHEETS.length);
    expect(ctx.sheet("Nhập - Hồ sơ quá hạn")?.cell("A3")).toBe("Sở Tư pháp");
  });

  it("with ExcelApi 1.8, count and points columns get data validation with a Vietnamese message", async () => {
    const ctx = fakeContext();
    await createInputSheets(ctx, { pageLayout: false, dataValidation: true });
    const sheet = ctx.sheet("Nhập - Hồ sơ quá hạn");
    expect(sheet?.validations.map((v) => [v.range, v.rule])).toEqual([
      ["B3:B2002", { wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } }],
      ["C3:C2002", { wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } }],
      ["D3:D2002", { wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } }],
    ]);
    expect(ctx.sheet("Nhập - Điểm đơn vị")?.validations[0]).toMatchObject({ rule: { decimal: { formula1: 0, formula2: 100, operator: "Between" } }, errorAlert: { message: "Điểm phải từ 0 đến 100." } });
  });

  it("reads every input table in one sync and rebuilds the seed's Phụ lục 2 and 3", async () => {
    const ctx = fakeContext();
    const seed = seedReportInput();
    const unit = inputSheet("unitScores");
    ctx.seedTable(unit.sheetName, unit.tableName, "A2", unit.columns.map((c) => c.header), DECEMBER_ROWS.pl2.map(([, name, total, delta]) => [name, Number(total), "", "", "", "", "", "", delta]));
    const prev = inputSheet("previousUnitScores");
    ctx.seedTable(prev.sheetName, prev.tableName, "A2", prev.columns.map((c) => c.header), (seed.previous?.unitScores ?? []).map((u) => [u.unit, u.total]));
    const od = inputSheet("overdueDossiers");
    ctx.seedTable(od.sheetName, od.tableName, "A2", od.columns.map((c) => c.header), [
      ...DECEMBER_ROWS.pl3.slice(0, 5).map(([, name, total, d, c]) => [name, total, d ?? "", c ?? ""]),
      ["", "", "", ""],
      ...DECEMBER_ROWS.pl3.slice(5).map(([, name, total, d, c]) => [name, total, d ?? "", c ?? ""]),
    ]);
    const read = await readInputTables(ctx);
    expect(read.syncs).toBe(1);
    expect(ctx.syncs).toBe(1);
    expect(read.missing).toEqual(["Nhập - Kết quả chung", "Nhập - PAKN quá hạn"]);
    const input = inputFromTables(read.tables, { province: "HN", period: "2024-12", previousPeriod: "2024-11" });
    const report = buildReport(input.input);
    expect(bodyText(report.appendices[1] as never)).toEqual(DECEMBER_ROWS.pl2.map((r) => r.slice(0, 4)));
    expect(report.appendices[2]?.rows).toHaveLength(47);

    // The Tây Hồ error (dataset row 22) sits in table row 23 (a blank row above it), sheet row 25.
    const ctx2 = fakeContext();
    await writeReport(ctx2, report, FEATURES, input);
    const issues = ctx2.sheet("Kiểm tra dữ liệu");
    const links = [...(issues?.hyperlinks.values() ?? [])].map((h) => h.documentReference);
    expect(links).toContain("'Nhập - Hồ sơ quá hạn'!B25");
  });

  it("Phụ lục 1 keeps its printed texts (\"62.3 điểm\", \"6.0/10 điểm\"); plain figures go as numbers", () => {
    const plan = planAppendix(seedReport().appendices[0] as never);
    const body = plan.values.slice(plan.body.row);
    expect(body[0]).toEqual(["1", "Tổng hợp", "62.3 điểm", "Tăng 1.29 điểm"]);
    expect(body.find((r) => r[0] === "5")?.[2]).toBe("6.0/10 điểm");
    const pl3 = planAppendix(seedReport().appendices[2] as never);
    expect(pl3.values[pl3.body.row]?.[2]).toBe(11212);
    expect(pl3.centred).toEqual([0]);
  });

  it("where Excel refuses calls on a missing table, reading falls back to look-then-read (2 syncs)", async () => {
    const ctx = fakeContext();
    ctx.strictNullObjects = true;
    const def = inputSheet("overdueDossiers");
    ctx.seedTable(def.sheetName, def.tableName, "A2", def.columns.map((c) => c.header), [["Sở Tư pháp", 3, "", ""]]);
    const read = await readInputTables(ctx);
    expect(read.syncs).toBe(2);
    expect(read.tables.overdueDossiers).toEqual([["Sở Tư pháp", 3, "", ""]]);
    expect(read.missing).toHaveLength(4);
  });

  it("the plan of an appendix is plain data", () => {
    const plan = planAppendix(seedReport().appendices[3] as never);
    expect(plan.header).toEqual({ row: 5, col: 0, rows: 4, cols: 6 });
    expect(plan.values[plan.body.row]).toEqual([1, "Sở Tài nguyên và Môi trường", 45, 0, 45, ""]);
  });
});

describe("Chuẩn hoá vùng đã chọn", () => {
  it("reads the selection (1 sync), appends normalised rows to the input table (2nd sync), never overwrites without asking", async () => {
    const ctx = fakeContext();
    await createInputSheets(ctx);
    const paste = ctx.addSheet("Dán từ Cổng");
    const block = [
      ["HỒ SƠ XỬ LÝ QUÁ HẠN", "", "", ""],
      ["Tên đơn vị", "Tổng", "Cấp huyện", "Cấp xã"],
      ["So Tu phap", "11.212", "", ""],
      ["UBND Tây Hồ", "146", "115", "131"],
    ];
    block.forEach((row, r) => row.forEach((v, c) => paste.grid.set(`${r + 4},${c + 1}`, v)));
    ctx.selection = paste.getRangeByIndexes(4, 1, 4, 4);
    ctx.syncs = 0;
    const first = await normalizeSelection(ctx, "overdueDossiers", HA_NOI, "2024-12-31", false);
    expect(first).toMatchObject({ written: 2, refused: null, syncs: 3, sourceSheet: "Dán từ Cổng" });
    expect(ctx.syncs).toBe(3);
    const read = await readInputTables(ctx);
    expect(read.tables.overdueDossiers?.filter((r) => r.some((v) => v !== ""))).toEqual([
      ["Sở Tư pháp", 11212, "", ""],
      ["UBND quận Tây Hồ", 146, 115, 131],
    ]);
    expect(paste.cell("B7")).toBe("So Tu phap");

    const again = await normalizeSelection(ctx, "overdueDossiers", HA_NOI, "2024-12-31", false);
    expect(again.refused).toContain("đã có số liệu");
    const replaced = await normalizeSelection(ctx, "overdueDossiers", HA_NOI, "2024-12-31", true);
    expect(replaced.written).toBe(2);
    const after = await readInputTables(ctx);
    expect(after.tables.overdueDossiers).toEqual([
      ["Sở Tư pháp", 11212, "", ""],
      ["UBND quận Tây Hồ", 146, 115, 131],
    ]);
  });
});

describe("Lấy dữ liệu từ Cổng: filling the input table", () => {
  const sheet = inputSheet("unitScores");
  const fetched = [
    { unit: "UBND xã Thanh Sơn - Tỉnh Phú Thọ", groups: { CKMB: 15.2, TDGQ: 19.5, CLGQ: 9.1, TTTT: 7, MDHL: 17.25, MDSH: null } },
    { unit: "Sở Tư pháp - Tỉnh Phú Thọ", groups: { CKMB: 18, TDGQ: 20 } },
  ];

  it("tableRows puts each field in its column, blanks as empty cells, and reads back to the same records", () => {
    const rows = tableRows(sheet, fetched);
    expect(rows[0]).toEqual(["UBND xã Thanh Sơn - Tỉnh Phú Thọ", "", 15.2, 19.5, 9.1, 7, 17.25, "", ""]);
    expect(datasetRows(sheet, rows).rows).toEqual([
      { unit: "UBND xã Thanh Sơn - Tỉnh Phú Thọ", groups: { CKMB: 15.2, TDGQ: 19.5, CLGQ: 9.1, TTTT: 7, MDHL: 17.25 } },
      { unit: "Sở Tư pháp - Tỉnh Phú Thọ", groups: { CKMB: 18, TDGQ: 20 } },
    ]);
  });

  it("fills an empty table in 3 syncs, refuses to overwrite without asking, replaces when asked", async () => {
    const ctx = fakeContext();
    await createInputSheets(ctx);
    ctx.syncs = 0;
    const rows = tableRows(sheet, fetched);
    expect(await fillInputTable(ctx, "unitScores", rows, false)).toEqual({ written: 2, refused: null, syncs: 3 });
    expect(ctx.syncs).toBe(3);
    expect((await readInputTables(ctx)).tables.unitScores).toEqual(rows);
    const again = await fillInputTable(ctx, "unitScores", rows.slice(0, 1), false);
    expect(again.refused).toContain("đã có số liệu");
    expect((await readInputTables(ctx)).tables.unitScores).toEqual(rows);
    expect((await fillInputTable(ctx, "unitScores", rows.slice(0, 1), true)).written).toBe(1);
    expect((await readInputTables(ctx)).tables.unitScores).toEqual(rows.slice(0, 1));
  });

  it("without input sheets, says to create them and writes nothing", async () => {
    const ctx = fakeContext();
    const r = await fillInputTable(ctx, "unitScores", tableRows(sheet, fetched), true);
    expect(r).toMatchObject({ written: 0, syncs: 1 });
    expect(r.refused).toContain("Tạo bảng nhập liệu");
    expect(ctx.sheets).toHaveLength(0);
  });
});

describe("the Phụ lục 1 input table follows the period's methodology", () => {
  it("a 2026 month reads its rows with the 2026 portal layout, a 2024 month with the letter's", () => {
    const layout2026 = summaryLayoutFor(methodologyFor("2026-08-01"));
    const item = layout2026.find((r) => r.show === "item");
    const rows = [["2", "Công khai, minh bạch", "10.44/18 điểm", ""], [item?.number ?? "", item?.label ?? "", "1.234 (56.78%)", ""]];
    const read2026 = inputFromTables({ summary: rows }, { province: "PT", period: "2026-08" });
    expect(read2026.input.summary?.groups?.CKMB).toBe(10.44);
    expect(read2026.input.summary?.indicators?.[item?.key ?? ""]).toMatchObject({ numerator: 1234, rate: 56.78 });
    const read2024 = inputFromTables({ summary: rows }, { province: "HN", period: "2024-12" });
    expect(read2024.input.summary?.indicators?.[item?.key ?? ""]).toBeUndefined();
  });
});
