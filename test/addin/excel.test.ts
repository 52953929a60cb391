/**
 * addin/excel/ against the recording fake: what is written (values, formats, merges, sheet names,
 * links) and how many context.sync() calls it takes; how a write survives a failure, stays under
 * Excel on the web's request limit, and how table data is replaced (filtered, emptied tables).
 */
import { describe, expect, it } from "vitest";
import { createInputSheets } from "../../addin/excel/create-inputs";
import { INPUT_SHEETS, datasetRows, inputFromTables, inputSheet, tableRows } from "../../addin/sheets/inputs";
import { fillInputTable } from "../../addin/excel/fill-inputs";
import { normalizeSelection, READ_CELLS } from "../../addin/excel/normalize-selection";
import { readInputTables } from "../../addin/excel/read-inputs";
import { TEMPORARY_PREFIX, writeReport } from "../../addin/excel/write-report";
import { HIGHLIGHT_FILL, planNational } from "../../shared";
import { nationalBodySample } from "../../samples/national-2026";
import { nationalSource } from "../../addin/app/national";
import { NationalBodySchema } from "../../shared/api-responses";
import { HA_NOI, bodyText, buildReport, methodologyFor, planAppendix, summaryLayoutFor, type Report } from "../../shared";
import { syntheticCatalog, syntheticInput } from "../../samples/synthetic";
import { DECEMBER_ROWS, seedReportInput } from "../../samples/seed-000-input";
import { fakeContext } from "./fake-excel";

const seedReport = (): Report => buildReport(seedReportInput(), { tieOrderByAppendix: { PL4: "input" } });
const FEATURES = { pageLayout: true };

describe("writeReport", () => {
  it("writes Phụ lục 1–4, the issue sheet and the draft: read, build, swap, page setup (4 syncs)", async () => {
    const ctx = fakeContext();
    const result = await writeReport(ctx, seedReport(), FEATURES);
    expect(ctx.syncs).toBe(4);
    expect(result.syncs).toBe(4);
    expect(result.pageSetup).toBe("done");
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
    // Fitted to the A4 width by a documented zoom scale: columns of 45+300+90+180 pt into 595 − 2×36 pt → 85%.
    expect(sheet.page).toEqual({ orientation: "Portrait", paperSize: "A4", leftMargin: 36, rightMargin: 36, centerHorizontally: true, printTitleRows: "$6:$6", zoom: { scale: 85 } });
    // Phụ lục 1 (870 pt wide) would print at 60% upright: it turns to landscape at 88%.
    expect(ctx.sheet("Phụ lục 1")?.page).toMatchObject({ orientation: "Landscape", zoom: { scale: 88 } });
    expect(ctx.sheet("Phụ lục 4")?.page).toMatchObject({ orientation: "Landscape" });
    // (formatted while it was still "chiso766 đang lập 2": renamed once complete)
    expect(sheet.formatOps).toContainEqual(expect.objectContaining({ range: "A1:D36", path: "font.name", value: "Times New Roman" }));
    expect(sheet.formatOps).toContainEqual(expect.objectContaining({ range: "A1:D36", path: "font.size", value: 13 }));
    expect(sheet.chartList).toMatchObject([{ type: "BarClustered", source: "B7:C36", title: "Điểm tổng hợp xếp hạng" }]);
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

  it.each([30, 700, 3000])("writes %i units in the same four syncs (each under the request budget)", async (n) => {
    const catalog = syntheticCatalog(n);
    const report = buildReport(syntheticInput(catalog, 7, "letter"), { catalog, rankLevel: "commune" });
    const ctx = fakeContext();
    await writeReport(ctx, report, FEATURES);
    expect(ctx.syncs).toBe(4);
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
    expect(ctx.syncs).toBe(4);
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

describe("writes that never leave a half-built workbook", () => {
  const snapshot = (ctx: ReturnType<typeof fakeContext>) => ctx.sheets.map((s) => ({ name: s.name, a1: s.cell("A1"), rows: s.block(0, 0, 40, 4) }));

  it("a failure in any sync of the build leaves the old report exactly as it was, and no half-built sheet", async () => {
    const first = fakeContext();
    await writeReport(first, seedReport(), FEATURES);
    const buildSyncs = first.syncs - 3; // read, swap and page setup are one sync each
    expect(buildSyncs).toBeGreaterThanOrEqual(1);
    for (let failing = 2; failing <= 1 + buildSyncs; failing++) {
      const ctx = fakeContext();
      ctx.addSheet("Nhập - Điểm đơn vị").grid.set("0,0", "bảng của chị Lan");
      await writeReport(ctx, seedReport(), FEATURES);
      const before = snapshot(ctx);
      const namesBefore = ctx.names.map((n) => ({ ...n }));
      ctx.syncs = 0;
      ctx.failAtSync = failing;
      await expect(writeReport(ctx, seedReport(), FEATURES)).rejects.toThrow(/Không ghi xong phụ lục.*giữ nguyên các sheet phụ lục cũ/);
      expect(snapshot(ctx)).toEqual(before);
      expect(ctx.names).toEqual(namesBefore);
      expect(ctx.sheets.some((s) => s.name.startsWith(TEMPORARY_PREFIX))).toBe(false);
    }
  });

  it("the old design's failure: sheets deleted before the new ones were written (what this guards against)", async () => {
    // Failing the swap sync itself is the only moment old sheets go: by then every new sheet is complete.
    const ctx = fakeContext();
    await writeReport(ctx, seedReport(), FEATURES);
    ctx.syncs = 0;
    const log = ctx.log.length;
    await writeReport(ctx, seedReport(), FEATURES);
    const steps = ctx.log.slice(log);
    const lastAdd = steps.map((l) => l.startsWith("add sheet")).lastIndexOf(true);
    const firstDelete = steps.findIndex((l) => l.startsWith("delete sheet"));
    expect(firstDelete).toBeGreaterThan(lastAdd);
  });

  it("a half-built sheet that a failed build could not remove goes with the next build", async () => {
    const ctx = fakeContext();
    ctx.addSheet(`${TEMPORARY_PREFIX}3`);
    const result = await writeReport(ctx, seedReport(), FEATURES);
    expect(result.replaced).toEqual([`${TEMPORARY_PREFIX}3`]);
    expect(ctx.sheets.map((s) => s.name)).toEqual(["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4", "Kiểm tra dữ liệu", "Dự thảo văn bản"]);
  });

  it("rebuilds when the report's own sheets are the only sheets left (never deletes the last visible sheet)", async () => {
    const ctx = fakeContext();
    await writeReport(ctx, seedReport(), FEATURES);
    expect(ctx.sheets.map((s) => s.name)).toEqual(["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4", "Kiểm tra dữ liệu", "Dự thảo văn bản"]);
    await writeReport(ctx, seedReport(), FEATURES);
    expect(ctx.sheets.map((s) => s.name)).toEqual(["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4", "Kiểm tra dữ liệu", "Dự thảo văn bản"]);
  });

  it("a page setup Excel refuses does not fail the write", async () => {
    const ctx = fakeContext();
    ctx.failAtSync = 4;
    const result = await writeReport(ctx, seedReport(), FEATURES);
    expect(result.pageSetup).toBe("failed");
    expect(ctx.sheet("Phụ lục 2")?.cell("A1")).toBe("Phụ lục 2");
  });

  it("3,000 units with 5,000 issues: every request under the 4 MB budget (Excel on the web refuses 5 MB)", async () => {
    const n = 3000;
    const catalog = syntheticCatalog(n);
    const built = buildReport(syntheticInput(catalog, 7, "letter"), { catalog, rankLevel: "commune" });
    const issues = Array.from({ length: 5000 }, (_, i) => ({
      severity: (["error", "warning", "info"] as const)[i % 3] ?? "info",
      code: "GROUP_SUM_MISMATCH",
      message: `Phụ lục 2, dòng ${(i % n) + 1}: tổng điểm các nhóm chỉ số (${i}) khác tổng điểm ghi trong bảng; kiểm tra lại số liệu của đơn vị trên Cổng Dịch vụ công quốc gia.`,
      location: { dataset: "unitScores" as const, row: (i % n) + 1, column: "total" },
    }));
    const report: Report = { ...built, issues, counts: { errors: 1667, warnings: 1667, infos: 1666 } };
    const read = { input: syntheticInput(catalog, 7, "letter"), rowMaps: { unitScores: Array.from({ length: n }, (_, i) => i + 1) } };
    const ctx = fakeContext();
    ctx.byteLimit = 4_000_000;
    const result = await writeReport(ctx, report, FEATURES, read);
    expect(Math.max(...ctx.bytesPerSync)).toBeLessThanOrEqual(4_000_000);
    expect(result.syncs).toBe(ctx.syncs);
    // With a quarter of the budget the same write is cut into more requests, each under it.
    const small = fakeContext();
    small.byteLimit = 1_000_000;
    const cut = await writeReport(small, report, FEATURES, read, 1_000_000);
    expect(cut.syncs).toBeGreaterThan(result.syncs);
    expect(Math.max(...small.bytesPerSync)).toBeLessThanOrEqual(1_000_000);
    expect(small.sheets.map((s) => s.block(0, 0, 5003, 4))).toEqual(ctx.sheets.map((s) => s.block(0, 0, 5003, 4)));
    const sheet = ctx.sheet("Kiểm tra dữ liệu");
    expect(sheet?.cell("A5002")).toBe("Cảnh báo");
    expect(sheet?.cell("D5002")).toBe(`=HYPERLINK("#'Nhập - Điểm đơn vị'!B2002","Nhập - Điểm đơn vị!B2002")`);
    // Severity colours: three conditional formats on the column, not a font colour per row.
    expect(sheet?.conditional.map((c) => [c.range, c.text, c.color])).toEqual([
      ["A3:A5002", "Lỗi", "#C0161C"],
      ["A3:A5002", "Cảnh báo", "#8A5A00"],
      ["A3:A5002", "Ghi chú", "#444444"],
    ]);
    expect(sheet?.formatOps.filter((o) => o.path === "font.color")).toEqual([]);
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
    expect(read.missing).toEqual(["Nhập - Kết quả chung", "Nhập - Chỉ tiêu", "Nhập - PAKN quá hạn"]);
    const input = inputFromTables(read.tables, { province: "HN", period: "2024-12", previousPeriod: "2024-11" });
    const report = buildReport(input.input);
    expect(bodyText(report.appendices[1] as never)).toEqual(DECEMBER_ROWS.pl2.map((r) => r.slice(0, 4)));
    expect(report.appendices[2]?.rows).toHaveLength(47);

    // The Tây Hồ error (dataset row 22) sits in table row 23 (a blank row above it), sheet row 25.
    const ctx2 = fakeContext();
    await writeReport(ctx2, report, FEATURES, input);
    const issues = ctx2.sheet("Kiểm tra dữ liệu");
    if (!issues) throw new Error("no issue sheet");
    const row = report.issues.findIndex((i) => i.location.dataset === "overdueDossiers" && i.location.row === 22);
    expect(row).toBeGreaterThanOrEqual(0);
    // One column of HYPERLINK formulas (en-US syntax), not a hyperlink object per cell.
    expect(issues.cell(`D${row + 3}`)).toBe(`=HYPERLINK("#'Nhập - Hồ sơ quá hạn'!B25","Nhập - Hồ sơ quá hạn!B25")`);
    expect(issues.formulaCells.has(`${row + 2},3`)).toBe(true);
    expect(issues.hyperlinks.size).toBe(0);
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
    expect(read.missing).toHaveLength(INPUT_SHEETS.length - 1);
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

describe("Chuẩn hoá on real selections", () => {
  const pasteSheet = async (rows: unknown[][], at = { row: 4, col: 1 }) => {
    const ctx = fakeContext();
    await createInputSheets(ctx);
    const paste = ctx.addSheet("Dán từ Cổng");
    rows.forEach((row, r) => row.forEach((v, c) => v !== "" && paste.grid.set(`${r + at.row},${c + at.col}`, v)));
    return { ctx, paste };
  };
  const merged = [
    ["STT", "Tên đơn vị", "Số hồ sơ quá hạn", "", ""],
    ["", "", "Tổng", "Cấp huyện", "Cấp xã"],
    ["1", "So Tu phap", "11.212", "", ""],
    ["2", "UBND Tây Hồ", "146", "115", "131"],
  ];
  const expected = [
    ["Sở Tư pháp", 11212, "", ""],
    ["UBND quận Tây Hồ", 146, 115, 131],
  ];

  it("a whole-column selection (A:F) reads only its used part: no TypeError on values = null", async () => {
    const { ctx, paste } = await pasteSheet(merged);
    const whole = paste.getRange("A:F");
    whole.load("values");
    await ctx.sync();
    expect(whole.values).toBeNull(); // what Excel gives for an unbounded range
    ctx.selection = paste.getRange("A:F");
    const r = await normalizeSelection(ctx, "overdueDossiers", HA_NOI, "2024-12-31", false);
    expect(r.refused).toBeNull();
    expect((await readInputTables(ctx)).tables.overdueDossiers).toEqual(expected);
    // Issues point at the sheet's own cells: the header found on row 6 (block row 2, block at B5).
    expect(r.normalized?.headerRow).toBe(1);
  });

  it("an empty selection says so", async () => {
    const { ctx, paste } = await pasteSheet(merged);
    ctx.selection = paste.getRange("H:J");
    const r = await normalizeSelection(ctx, "overdueDossiers", HA_NOI, "2024-12-31", false);
    expect(r.refused).toContain("không có ô nào có số liệu");
    expect(r.written).toBe(0);
  });

  it("a merged two-row header: every column found, with and without Excel's merged areas (ExcelApi 1.13)", async () => {
    for (const mergedAreas of [false, true]) {
      const { ctx, paste } = await pasteSheet(merged);
      paste.merges.push("D5:F5", "B5:B6", "C5:C6");
      ctx.selection = paste.getRange("B5:F8");
      const r = await normalizeSelection(ctx, "overdueDossiers", HA_NOI, "2024-12-31", false, { pageLayout: false, mergedAreas });
      expect(r.normalized?.columnOf).toEqual([1, 2, 3, 4]);
      expect(r.normalized?.issues.filter((i) => i.severity === "warning" && i.message.includes("không có cột"))).toEqual([]);
      expect((await readInputTables(ctx)).tables.overdueDossiers).toEqual(expected);
    }
  });

  it("a large selection is read in pieces of at most READ_CELLS cells, one sync each", async () => {
    const rows = [["Tên đơn vị", "Tổng", "Cấp huyện", "Cấp xã"], ...Array.from({ length: 30_000 }, (_, i) => [i % 2 ? "UBND quận Tây Hồ" : "Sở Tư pháp", i, "", ""])];
    const { ctx, paste } = await pasteSheet(rows, { row: 0, col: 0 });
    ctx.selection = paste.getRange("A:D");
    ctx.syncs = 0;
    const r = await normalizeSelection(ctx, "overdueDossiers", HA_NOI, "2024-12-31", false);
    const pieces = Math.ceil((30_001 * 4) / READ_CELLS);
    expect(pieces).toBeGreaterThan(1);
    expect(r.syncs).toBe(1 + pieces + 1);
    expect(r.written).toBe(30_000);
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

  describe("replacing table data", () => {
    const def = inputSheet("overdueDossiers");
    const header = def.columns.map((c) => c.header);
    const old: (string | number)[][] = DECEMBER_ROWS.pl3.slice(0, 10).map(([, name, total]) => [name ?? "", Number(String(total).replace(/\./g, "")), "", ""]);
    const fresh: (string | number)[][] = [
      ["=Sở Tư pháp", 12, 7, 5],
      ["-", 3, "", ""],
      ["UBND quận Tây Hồ", 146, 115, 131],
    ];
    const tableOf = (ctx: ReturnType<typeof fakeContext>) => ctx.tablesByName.get(def.tableName);

    it("a filtered table: its filters are cleared, then exactly the new rows replace the old", async () => {
      const ctx = fakeContext();
      ctx.seedTable(def.sheetName, def.tableName, "A2", header, old);
      const table = tableOf(ctx);
      if (!table) throw new Error("no table");
      table.filtered = true;
      const r = await fillInputTable(ctx, "overdueDossiers", fresh, true);
      expect(r).toMatchObject({ written: 3, refused: null });
      expect(table.filtered).toBe(false);
      expect(table.dataRows).toBe(3);
      expect((await readInputTables(ctx)).tables.overdueDossiers).toEqual(fresh);
      // Nothing of the old 10 rows is left below the table.
      expect(ctx.sheet(def.sheetName)?.block(5, 0, 10, 4).flat().filter((v) => v !== "")).toEqual([]);
    });

    it("an emptied table (only its insert row): filled without deleting the insert row", async () => {
      const ctx = fakeContext();
      ctx.seedTable(def.sheetName, def.tableName, "A2", header, []);
      expect(tableOf(ctx)?.dataRows).toBe(0);
      const r = await fillInputTable(ctx, "overdueDossiers", fresh, true);
      expect(r).toMatchObject({ written: 3, refused: null });
      expect((await readInputTables(ctx)).tables.overdueDossiers).toEqual(fresh);
    });

    it("a column the clerk added to the table stays, blank in the new rows", async () => {
      const ctx = fakeContext();
      ctx.seedTable(def.sheetName, def.tableName, "A2", [...header, "Người nhập"], old.map((r) => [...r, "Lan"]));
      const r = await fillInputTable(ctx, "overdueDossiers", fresh, true);
      expect(r.written).toBe(3);
      expect(ctx.sheet(def.sheetName)?.block(2, 0, 4, 5)).toEqual([...fresh.map((row) => [...row, ""]), ["", "", "", "", ""]]);
    });

    it("after rows are deleted and added, text columns are text again: a pasted \"=…\" or \"-\" stays as typed", async () => {
      const ctx = fakeContext();
      ctx.seedTable(def.sheetName, def.tableName, "A2", header, old);
      const sheet = ctx.sheet(def.sheetName);
      if (!sheet) throw new Error("no sheet");
      await fillInputTable(ctx, "overdueDossiers", fresh, true);
      expect(sheet.cell("A3")).toBe("=Sở Tư pháp");
      expect(sheet.formulaCells.size).toBe(0);
      expect(sheet.formats.get("2,0")).toBe("@");
      expect(sheet.formats.get("3,1")).toBe("#,##0");
      // Growing again (3 → 10 rows) adds rows and formats them the same way.
      await fillInputTable(ctx, "overdueDossiers", [...old.slice(0, 9), ["=1+1", 1, "", ""]], true);
      expect(sheet.cell("A12")).toBe("=1+1");
      expect(sheet.formulaCells.size).toBe(0);
    });
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

describe("writeReport: the sheet “Toàn quốc”", () => {
  const body = NationalBodySchema.parse(nationalBodySample());
  const plan = planNational(nationalSource(body), "HN");
  const hn = body.entries.findIndex((e) => e.code === "HN");

  it("is written with the report, after Phụ lục 4, named chiso766_TQ, in the same 4 syncs", async () => {
    const ctx = fakeContext();
    const result = await writeReport(ctx, seedReport(), FEATURES, null, undefined, plan);
    expect(result.sheets).toEqual(["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4", "Toàn quốc", "Kiểm tra dữ liệu", "Dự thảo văn bản"]);
    expect(ctx.syncs).toBe(4);
    expect(ctx.names.map((n) => [n.name, n.formula])).toContainEqual(["chiso766_TQ", "='Toàn quốc'!$A$1"]);
    // Built under a temporary name, renamed in the swap.
    expect(ctx.log).toContain(`rename ${TEMPORARY_PREFIX}5 → Toàn quốc`);
  });

  it("values: titles, the two-row header, the 34 provinces ranked with change and the six groups", async () => {
    const ctx = fakeContext();
    await writeReport(ctx, seedReport(), FEATURES, null, undefined, plan);
    const sheet = ctx.sheet("Toàn quốc");
    if (!sheet) throw new Error("no sheet");
    expect(sheet.block(0, 0, 3, 1).map((r) => r[0])).toEqual(["BẢNG XẾP HẠNG BỘ CHỈ SỐ 766 CỦA 34 TỈNH, THÀNH PHỐ", "THÁNG 08/2026", "(So với tháng 07/2026)"]);
    expect(sheet.block(4, 0, 2, 7)).toEqual([
      ["Hạng", "Tỉnh, thành phố", "Tổng điểm", "So với kỳ trước", "", "Công khai, minh bạch", ""],
      ["", "", "", "Điểm", "Bậc", "Điểm", "Hạng"],
    ]);
    const rows = sheet.block(6, 0, 34, 17);
    expect(rows.map((r) => r[1])).toEqual(body.entries.map((e) => e.name));
    expect(rows.map((r) => r[2])).toEqual(body.entries.map((e) => e.total));
    const mine = body.entries[hn]!;
    expect(rows[hn]?.slice(0, 5)).toEqual([mine.rank, "Thành phố Hà Nội", mine.total, mine.change.pointsText, mine.change.text]);
    expect(rows[hn]?.slice(5)).toEqual(["CKMB", "TDGQ", "CLGQ", "TTTT", "MDHL", "MDSH"].flatMap((g) => [mine.groups[g as "CKMB"]?.score, mine.groups[g as "CKMB"]?.rank]));
    expect(sheet.merges).toEqual(expect.arrayContaining(["A1:Q1", "A5:A6", "D5:E5", "F5:G5", "P5:Q5"]));
    expect(sheet.conditional.map((c) => [c.range, c.text])).toEqual([["D7:D40", "Tăng"], ["D7:D40", "Giảm"]]);
  });

  it("the clerk's province row is bold and filled; the chart's one series is the totals column; the header is frozen; A4 landscape", async () => {
    const ctx = fakeContext();
    await writeReport(ctx, seedReport(), FEATURES, null, undefined, plan);
    const sheet = ctx.sheet("Toàn quốc");
    if (!sheet) throw new Error("no sheet");
    const row = `A${7 + hn}:Q${7 + hn}`;
    expect(sheet.formatOps.filter((o) => o.path === "fill.color")).toEqual([expect.objectContaining({ range: row, value: HIGHLIGHT_FILL })]);
    expect(sheet.formatOps.filter((o) => o.path === "font.bold" && o.range === row).map((o) => o.value)).toContain(true);
    // Names as categories, totals as the one series (seriesBy columns: B is the category column).
    expect(sheet.chartList).toEqual([{ type: "BarClustered", source: "B7:C40", seriesBy: "Columns", title: "Tổng điểm Bộ chỉ số 766 theo tỉnh, thành phố", legend: false, axisTitles: {}, position: [expect.stringMatching(/^B\d+$/), expect.stringMatching(/^J\d+$/)] }]);
    expect(sheet.block(6, 2, 34, 1).map((r) => r[0])).toEqual(body.entries.map((e) => e.total));
    // The chart sits under the notes, inside the printed columns.
    const top = Number(/\d+/.exec(sheet.chartList[0]?.position?.[0] ?? "")?.[0]);
    expect(top).toBeGreaterThan(plan.values.length);
    expect(sheet.frozenRows).toBe(6);
    expect(sheet.page).toEqual({ orientation: "Landscape", paperSize: "A4", leftMargin: 36, rightMargin: 36, centerHorizontally: true, printTitleRows: "$5:$6", zoom: { scale: 73 } });
  });

  it("a rebuild replaces it (chiso766_TQ), and a rebuild without a ranking removes it", async () => {
    const ctx = fakeContext();
    await writeReport(ctx, seedReport(), FEATURES, null, undefined, plan);
    const again = await writeReport(ctx, seedReport(), FEATURES, null, undefined, plan);
    expect(again.replaced).toContain("Toàn quốc");
    expect(ctx.sheets.filter((s) => s.name.startsWith("Toàn quốc"))).toHaveLength(1);
    await writeReport(ctx, seedReport(), FEATURES);
    expect(ctx.sheet("Toàn quốc")).toBeFalsy();
    expect(ctx.names.map((n) => n.name)).not.toContain("chiso766_TQ");
  });

  it("stays under a small request budget (more syncs, same sheet)", async () => {
    const ctx = fakeContext();
    ctx.byteLimit = 60_000;
    const result = await writeReport(ctx, seedReport(), FEATURES, null, 50_000, plan);
    expect(result.sheets).toContain("Toàn quốc");
    expect(Math.max(...ctx.bytesPerSync)).toBeLessThanOrEqual(60_000);
  });
});
