/**
 * "Nhập - Chỉ tiêu" (one row per unit and indicator: numerator, denominator, rate, published points):
 * created with the other input sheets, read in the same single sync, joined to the unit rows so the
 * engine scores from it — golden on the recorded Phú Thọ month (test/fixtures/portal-2026) — with its
 * own problems (an unknown code, a cell that is no number, a repeated row) named by sheet and cell, the
 * engine's indicator issues linked back to its cells, and a build that never changes it. Against the
 * recording fake Excel (test/addin/fake-excel.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { build, type StatusKind } from "../../addin/app/controller";
import { DEFAULT_SETTINGS } from "../../addin/app/settings";
import { wire } from "../../addin/app/wiring";
import { createInputSheets } from "../../addin/excel/create-inputs";
import { readInputTables } from "../../addin/excel/read-inputs";
import { indicatorTableRows, INPUT_SHEETS, inputFromTables, inputSheet, issueCell, tableRows, type InputRead } from "../../addin/sheets/inputs";
import { buildReport, catalogFromPortal, type Issue, mapPortal2026, methodologyFor, PORTAL_2026_CRITERIA, type PortalUnitRow } from "../../shared";
import { fakeContext } from "./fake-excel";

const FIXTURES = path.join(import.meta.dirname, "../fixtures/portal-2026");
const rows: PortalUnitRow[] = mapPortal2026(Object.fromEntries(PORTAL_2026_CRITERIA.map((c) => [c, JSON.parse(readFileSync(path.join(FIXTURES, c, "month-all.json"), "utf8")) as unknown])));
const units = rows.filter((r) => !r.isProvince);
const catalog = catalogFromPortal(rows, "PT", "Phú Thọ");
const m2026 = methodologyFor("2026-08-01");
const SETTINGS = { province: "PT", period: "2026-08" };
const unitSheet = inputSheet("unitScores");
const indicatorSheet = inputSheet("indicators");
/** The two tables as the portal fetch fills them. */
const unitTable = () => tableRows(unitSheet, units.map((u) => ({ unit: u.name, groups: u.groups })));
const indicatorTable = () => indicatorTableRows(units.map((u) => ({ unit: u.name, indicators: u.indicators })), m2026);
const cellOf = (issue: Issue, read: InputRead) => {
  const c = issueCell(issue.location, read.rowMaps, read.indicatorRows);
  return c ? `${c.sheet}!${c.address}` : null;
};

describe("the table and its rows", () => {
  it("Đơn vị | Mã chỉ tiêu | Tử số | Mẫu số | Tỷ lệ (%) | Điểm công bố, after “Nhập - Điểm đơn vị”", () => {
    expect(indicatorSheet).toMatchObject({ sheetName: "Nhập - Chỉ tiêu", tableName: "chiso766_ChiTieu" });
    expect(indicatorSheet.columns.map((c) => c.header)).toEqual(["Đơn vị", "Mã chỉ tiêu", "Tử số", "Mẫu số", "Tỷ lệ (%)", "Điểm công bố"]);
    expect(INPUT_SHEETS.map((s) => s.id).indexOf("indicators")).toBe(INPUT_SHEETS.map((s) => s.id).indexOf("unitScores") + 1);
  });

  it("the portal's indicators as rows: per unit in the methodology's order, by number, blank where the portal gives nothing", () => {
    const table = indicatorTable();
    const vietTri = table.filter((r) => r[0] === "UBND Phường Việt Trì");
    expect(vietTri.map((r) => r[1])).toEqual(m2026.indicators.filter((d) => units.find((u) => u.name === "UBND Phường Việt Trì")?.indicators[d.code]).map((d) => d.number));
    // 5.4 of the Ban quản lý các khu công nghiệp: 486 of 588, 5.51 points; no rate published.
    expect(table.find((r) => r[0] === "Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ" && r[1] === "5.4")).toEqual(["Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ", "5.4", 486, 588, "", 5.51]);
    expect(table.length).toBeGreaterThan(units.length * 15);
  });
});

describe("read into the units' indicators (the engine scores from them)", () => {
  const read = () => inputFromTables({ unitScores: unitTable(), indicators: indicatorTable() }, SETTINGS);

  it("the recorded month: every unit gets its indicators; the engine recomputes every published point without a mismatch", () => {
    const r = read();
    expect(r.problems).toEqual([]);
    expect(r.input.unitScores).toHaveLength(units.length);
    const u = r.input.unitScores?.find((x) => x.unit === "UBND Phường Việt Trì");
    expect(u?.indicators?.["DOSSIER_RECEIVING_SATISFACTION"]).toEqual(units.find((x) => x.name === "UBND Phường Việt Trì")?.indicators["DOSSIER_RECEIVING_SATISFACTION"]);
    const report = buildReport(r.input, { catalog, rankLevel: "commune" });
    expect(report.issues.filter((i) => i.code === "POINTS_MISMATCH")).toEqual([]);
  });

  it("a published point that does not follow from the counts is an issue at its cell in “Nhập - Chỉ tiêu”", () => {
    const table = indicatorTable();
    const at = table.findIndex((row) => row[0] === "Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ" && row[1] === "5.4");
    (table[at] as (string | number)[])[5] = 4.51;
    const r = inputFromTables({ unitScores: unitTable(), indicators: table }, SETTINGS);
    const report = buildReport(r.input, { catalog, rankLevel: "commune" });
    const mismatch = report.issues.filter((i) => i.code === "POINTS_MISMATCH");
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0]?.location.column).toBe("indicators.DOSSIER_RECEIVING_SATISFACTION.points");
    // Body row at+1 is sheet row at+3 (title in row 1, header in row 2); "Điểm công bố" is column F.
    expect(cellOf(mismatch[0] as Issue, r)).toBe(`Nhập - Chỉ tiêu!F${at + 3}`);
  });

  it("letter-only months: no indicator table, the unit rows read as before", () => {
    const r = inputFromTables({ unitScores: unitTable() }, SETTINGS);
    expect(r.indicatorRows).toBeUndefined();
    expect(r.input.unitScores?.every((u) => u.indicators === undefined)).toBe(true);
  });

  it("problems are named by sheet and cell, in Vietnamese, and their rows or cells left out", () => {
    const table: unknown[][] = [
      ["UBND Phường Việt Trì", "1.3", 87, 89, "", 1.96],
      ["UBND Phường Việt Trì", "9.9", 1, 2, "", ""],
      ["", "1.1", 1, 2, "", ""],
      ["UBND Phường Việt Trì", "PUBLIC_CONTENT_FULL", 80, 89, "", ""],
      ["UBND Phường Vân Phú", "", 1, 2, "", ""],
      ["UBND Phường Vân Phú", "2.1", "mười", 20, "", ""],
      ["", "", "", "", "", ""],
      ["UBND Phường Vân Phú", "3.5B", "1.234", "2.000", "", ""],
    ];
    const r = inputFromTables({ unitScores: unitTable(), indicators: table }, SETTINGS);
    expect((r.problems ?? []).map((p) => [p.severity, cellOf(p, r), p.message])).toEqual([
      ["error", "Nhập - Chỉ tiêu!B4", expect.stringMatching(/^Sheet “Nhập - Chỉ tiêu”, ô B4: mã chỉ tiêu "9\.9" không có trong phương pháp tính/)],
      ["error", "Nhập - Chỉ tiêu!A5", "Sheet “Nhập - Chỉ tiêu”, ô A5: thiếu tên đơn vị; dòng này không được dùng."],
      ["error", "Nhập - Chỉ tiêu!B6", 'Sheet “Nhập - Chỉ tiêu”, ô B6: chỉ tiêu 1.3 của "UBND Phường Việt Trì" đã có ở dòng 3; dòng này không được dùng.'],
      ["error", "Nhập - Chỉ tiêu!B7", 'Sheet “Nhập - Chỉ tiêu”, ô B7: thiếu mã chỉ tiêu của "UBND Phường Vân Phú"; dòng này không được dùng.'],
      ["error", "Nhập - Chỉ tiêu!C8", expect.stringMatching(/^Sheet “Nhập - Chỉ tiêu”, ô C8: cột "Tử số": Không đọc được số từ "mười"; ô này không được dùng\.$/)],
    ]);
    const vanPhu = r.input.unitScores?.find((u) => u.unit === "UBND Phường Vân Phú")?.indicators;
    // The unreadable numerator is blank (null), never 0; Vietnamese thousands read as such; "3.5B" is 3.5b's code.
    expect(vanPhu).toEqual({ PROGRESS_ON_TIME: { numerator: null, denominator: 20, rate: null, points: null }, PAY_FORMALITIES: { numerator: 1234, denominator: 2000, rate: null, points: null } });
    expect(r.input.unitScores?.find((u) => u.unit === "UBND Phường Việt Trì")?.indicators).toEqual({ PUBLIC_CONTENT_FULL: { numerator: 87, denominator: 89, rate: null, points: 1.96 } });
  });

  it("joins a unit written with or without the portal's \" - Tỉnh …\" suffix, in either letter case", () => {
    const r = inputFromTables({ unitScores: [["Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ", "", 10, "", "", "", "", "", ""]], indicators: [["ban quản lý các khu công nghiệp", "5.4", 486, 588, "", 5.51]] }, SETTINGS);
    expect(r.input.unitScores).toEqual([{ unit: "Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ", groups: { CKMB: 10 }, indicators: { DOSSIER_RECEIVING_SATISFACTION: { numerator: 486, denominator: 588, rate: null, points: 5.51 } } }]);
  });

  it("a unit with indicators but no unit row is added, and its issues point at its first indicator row", () => {
    const r = inputFromTables({ unitScores: [["UBND Phường Việt Trì", "", "", "", "", "", "", "", ""]], indicators: [["UBND Phường Việt Trì", "1.3", 87, 89, "", ""], ["UBND xã Không Có", "1.3", 1, 2, "", ""]] }, SETTINGS);
    expect(r.input.unitScores?.map((u) => u.unit)).toEqual(["UBND Phường Việt Trì", "UBND xã Không Có"]);
    const report = buildReport(r.input, { catalog, rankLevel: "commune" });
    const unknown = report.issues.find((i) => i.code === "UNKNOWN_UNIT");
    expect(unknown?.location.row).toBe(2);
    expect(cellOf(unknown as Issue, r)).toBe("Nhập - Chỉ tiêu!A4");
    // The unit that has both rows: its own columns stay on “Nhập - Điểm đơn vị”.
    expect(cellOf({ ...(unknown as Issue), location: { dataset: "unitScores", row: 1, column: "groups.CKMB" } }, r)).toBe("Nhập - Điểm đơn vị!C3");
    expect(cellOf({ ...(unknown as Issue), location: { dataset: "unitScores", row: 1, column: "indicators.PUBLIC_CONTENT_FULL.numerator" } }, r)).toBe("Nhập - Chỉ tiêu!C3");
  });
});

describe("in the workbook (recording fake Excel)", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("“Tạo bảng nhập liệu” creates it with the others: header, text code column, count and points formats", async () => {
    const ctx = fakeContext();
    const made = await createInputSheets(ctx, { pageLayout: false, dataValidation: true });
    expect(made.created).toContain("Nhập - Chỉ tiêu");
    expect(made.syncs).toBe(2);
    const sheet = ctx.sheet("Nhập - Chỉ tiêu");
    expect(sheet?.block(1, 0, 1, 6)[0]).toEqual(["Đơn vị", "Mã chỉ tiêu", "Tử số", "Mẫu số", "Tỷ lệ (%)", "Điểm công bố"]);
    expect(ctx.tablesByName.has("chiso766_ChiTieu")).toBe(true);
    expect(sheet?.validations.map((v) => v.range)).toEqual(["C3:C2002", "D3:D2002", "F3:F2002"]);
  });

  it("read with every other input table in one sync", async () => {
    const ctx = fakeContext();
    ctx.seedTable(unitSheet.sheetName, unitSheet.tableName, "A2", unitSheet.columns.map((c) => c.header), unitTable());
    ctx.seedTable(indicatorSheet.sheetName, indicatorSheet.tableName, "A2", indicatorSheet.columns.map((c) => c.header), indicatorTable());
    const { tables, syncs, missing } = await readInputTables(ctx);
    expect(syncs).toBe(1);
    expect(tables.indicators).toEqual(indicatorTable());
    expect(missing).not.toContain("Nhập - Chỉ tiêu");
  });

  it("“Lập phụ lục” scores from it, lists its problems first with their cells, links them in “Kiểm tra dữ liệu”, and never changes the input sheets", async () => {
    const ctx = fakeContext();
    const table = indicatorTable();
    table.splice(2, 0, ["UBND Phường Việt Trì", "9.9", 1, 2, "", ""]);
    ctx.seedTable(unitSheet.sheetName, unitSheet.tableName, "A2", unitSheet.columns.map((c) => c.header), unitTable());
    ctx.seedTable(indicatorSheet.sheetName, indicatorSheet.tableName, "A2", indicatorSheet.columns.map((c) => c.header), table);
    const before = [unitSheet, indicatorSheet].map((s) => ctx.sheet(s.sheetName)?.block(0, 0, table.length + 3, s.columns.length));
    vi.stubGlobal("Excel", { run: (work: (c: unknown) => Promise<unknown>) => work(ctx) });
    vi.stubGlobal("Office", { context: { requirements: { isSetSupported: () => true } } });
    const shown: { issues: string[]; cells: (string | null)[]; status: [string, StatusKind][] } = { issues: [], cells: [], status: [] };
    const deps = wire({
      ui: {
        progress: () => undefined,
        status: (text, kind) => void shown.status.push([text, kind]),
        issues: (list, cell) => {
          shown.issues = list.map((i) => i.message);
          shown.cells = list.map(cell);
        },
        preview: () => undefined,
      },
      settings: () => ({ ...DEFAULT_SETTINGS, workerUrl: "", province: "PT", period: "2026-08" }),
      inExcel: true,
    });
    const report = await build(deps);
    expect(report).not.toBeNull();
    expect(shown.issues[0]).toMatch(/^Sheet “Nhập - Chỉ tiêu”, ô B5: mã chỉ tiêu "9\.9"/);
    expect(shown.cells[0]).toBe("'Nhập - Chỉ tiêu'!B5");
    expect(shown.status.at(-1)?.[0]).toContain("1 ô trong bảng nhập liệu không đọc được");
    const check = ctx.sheet("Kiểm tra dữ liệu");
    expect(check?.cell("C3")).toMatch(/^Sheet “Nhập - Chỉ tiêu”, ô B5/);
    expect(check?.cell("D3")).toBe(`=HYPERLINK("#'Nhập - Chỉ tiêu'!B5","Nhập - Chỉ tiêu!B5")`);
    expect(String(check?.cell("A1"))).toMatch(/^Kiểm tra dữ liệu: \d+ lỗi/);
    // Scored from the indicators: the recorded month's published points all follow from its counts.
    expect(report?.issues.filter((i) => i.code === "POINTS_MISMATCH")).toEqual([]);
    expect([unitSheet, indicatorSheet].map((s) => ctx.sheet(s.sheetName)?.block(0, 0, table.length + 3, s.columns.length))).toEqual(before);
  });
});

describe("“Chuẩn hoá vùng đã chọn” into “Nhập - Chỉ tiêu” (recording fake Excel)", () => {
  it("the portal's wide table pasted on a sheet becomes one row per unit and indicator; the pasted block is left as it was", async () => {
    const { normalizeSelection } = await import("../../addin/excel/normalize-selection");
    const ctx = fakeContext();
    await createInputSheets(ctx);
    const paste = ctx.addSheet("Dán từ Cổng");
    const block = [
      ["STT", "Đơn vị", "5.4 Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC", "", "", "5.2 Tỷ lệ PAKN xử lý đúng hạn", "", ""],
      ["", "", "Tử số", "Mẫu số", "Điểm", "Tử số", "Mẫu số", "Điểm"],
      ["1", "Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ", "486", "588", "5,51", "0", "0", "6"],
    ];
    block.forEach((row, r) => row.forEach((v, c) => v !== "" && paste.grid.set(`${r + 3},${c + 1}`, v)));
    ctx.selection = paste.getRange("B4:I6");
    const r = await normalizeSelection(ctx, "indicators", catalog, "2026-08-31", false);
    expect(r).toMatchObject({ written: 2, refused: null, sourceSheet: "Dán từ Cổng" });
    expect(r.normalized?.issues).toEqual([]);
    // The unit by its catalog name (the portal's own list for Phú Thọ: without the province suffix).
    expect((await readInputTables(ctx)).tables.indicators).toEqual([
      ["Ban quản lý các khu công nghiệp", "5.4", 486, 588, "", 5.51],
      ["Ban quản lý các khu công nghiệp", "5.2", 0, 0, "", 6],
    ]);
    expect(paste.cell("D6")).toBe("486");
  });
});
