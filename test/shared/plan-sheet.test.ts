/** The sheet "Kế hoạch cải thiện" (shared/layout/plan-sheet.ts) of the recorded portal month, and in the .xlsx workbook. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { PLAN_SHEET, buildReport, complianceText, gainText, planSheet, reportWorkbook, writeXlsx } from "../../shared";
import { readZip } from "../zip-reader";
import { PORTAL_MONTH, PORTAL_OPTIONS } from "./plan-fixture";

const report = buildReport(PORTAL_MONTH, { ...PORTAL_OPTIONS, plan: true });
const plan = report.plan!;
const sheet = planSheet(plan, { provinceName: report.province.name });
const row = (name: string) => sheet.values.find((v) => v[1] === name);

describe("Kế hoạch cải thiện: the table", () => {
  it("titles, two header rows, the gains and the plan targets' compliance columns", () => {
    expect(sheet.name).toBe(PLAN_SHEET);
    expect(sheet.values[0]?.[0]).toBe("KẾ HOẠCH CẢI THIỆN BỘ CHỈ SỐ 766 CÁC ĐƠN VỊ CỦA TỈNH PHÚ THỌ");
    expect(sheet.values[1]?.[0]).toBe("THEO SỐ LIỆU THÁNG 08/2026");
    const [top, sub] = sheet.values.slice(sheet.header.row, sheet.header.row + 2);
    expect(top?.slice(0, 8)).toEqual(["STT", "Đơn vị", "Xếp hạng", "Tổng điểm", "Điểm có thể tăng", "Tổng điểm nếu đạt", "Xếp hạng nếu đạt", "Ba việc tăng nhiều điểm nhất cho mỗi hồ sơ"]);
    expect(sub?.slice(7)).toEqual([
      "Ưu tiên 1",
      "Ưu tiên 2",
      "Ưu tiên 3",
      "3.6 Hồ sơ thanh toán trực tuyến ≥ 55%",
      "3.3 Hồ sơ nộp trực tuyến ≥ 60%",
      "4.2 Hồ sơ thực hiện số hóa hồ sơ ≥ 100%",
      "4.1 Hồ sơ có cấp kết quả giải quyết TTHC điện tử ≥ 100%",
      "5.4 Hài lòng trong tiếp nhận, giải quyết TTHC ≥ 90%",
      "2.1 Hồ sơ xử lý trước hạn, đúng hạn ≥ 99%",
    ]);
    expect(sheet.body.rows).toBe(163);
    expect(sheet.gains).toEqual({ row: sheet.body.row, col: 7, rows: 163, cols: 3 });
    expect(sheet.compliance).toEqual({ row: sheet.body.row, col: 10, rows: 163, cols: 6 });
    // Each target's source is a note.
    expect(sheet.values.slice(sheet.notesRow).filter((v) => String(v[0]).includes("2562/UBND-KSTTHC"))).toHaveLength(4);
  });

  it("a unit's row: rank in its level, points within reach, the three gains and the compliance matrix (sorted by points within reach)", () => {
    expect(sheet.values[sheet.body.row]?.slice(0, 7)).toEqual([1, "Sở Ngoại vụ", "13/15", 31.03, 47.64, 78.67, "1/15"]);
    expect(row("UBND xã Tam Dương Bắc")).toEqual([
      4,
      "UBND xã Tam Dương Bắc",
      "148/148",
      48.47,
      35.9,
      84.37,
      "1/148",
      "PAKN xử lý đúng hạn: cần thêm 1 PAKN → +6 điểm",
      "Hài lòng trong xử lý PAKN: cần thêm 1 PAKN → +6 điểm",
      "TTHC có nghĩa vụ tài chính được cung cấp thanh toán trực tuyến: cần thêm 23 TTHC → +1.47 điểm",
      "Đạt (87.79%)",
      "Không có số liệu",
      "Chưa đạt: 15.97%, thiếu 84.03%, cần thêm 1.258 hồ sơ",
      "Chưa đạt: 76.09%, thiếu 23.91%, cần thêm 358 hồ sơ",
      "Chưa đạt: 70.81%, thiếu 19.19%, cần thêm 288 hồ sơ",
      "Chưa đạt: 70.88%, thiếu 28.12%, cần thêm 422 hồ sơ",
    ]);
    const within = sheet.values.slice(sheet.body.row, sheet.body.row + sheet.body.rows).map((v) => v[4] as number);
    expect(within.every((v, i) => i === 0 || (within[i - 1] as number) >= v)).toBe(true);
  });

  it("every threshold as a column when asked for", () => {
    const full = buildReport(PORTAL_MONTH, { ...PORTAL_OPTIONS, plan: { compliance: "all" } }).plan!;
    const all = planSheet(full, { provinceName: "Tỉnh Phú Thọ" }, { targets: "all" });
    expect(all.compliance?.cols).toBe(full.targets.length);
    // Without the cells, the thresholds get no column.
    expect(planSheet(plan, { provinceName: "Tỉnh Phú Thọ" }, { targets: "all" }).compliance?.cols).toBe(6);
  });

  it("words a gain and a compliance cell", () => {
    const g = plan.units.find((u) => u.name === "UBND xã Tam Dương Bắc")!.cheapest[2]!;
    expect(gainText(g)).toBe("TTHC có nghĩa vụ tài chính được cung cấp thanh toán trực tuyến: cần thêm 23 TTHC → +1.47 điểm");
    expect(complianceText({ targetId: "x", indicator: "PAY_DOSSIERS", minRatePercent: 55, rate: 40.5, status: "chua-dat", gapPercentagePoints: 14.5, gapDossiers: null })).toBe("Chưa đạt: 40.5%, thiếu 14.5%");
  });
});

describe("Kế hoạch cải thiện in the .xlsx workbook", () => {
  it("comes after Phụ lục 4 when the report has a plan, Đạt green and Chưa đạt red, texts wrapped", async () => {
    expect(reportWorkbook(buildReport(PORTAL_MONTH, PORTAL_OPTIONS)).sheets.map((s) => s.name)).not.toContain(PLAN_SHEET);
    const data = writeXlsx(reportWorkbook(report));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4", PLAN_SHEET, "Kiểm tra dữ liệu", "Dự thảo văn bản"]);
    const ws = book.getWorksheet(PLAN_SHEET)!;
    expect(ws.getCell(sheet.body.row + 1, 2).value).toBe("Sở Ngoại vụ");
    expect(ws.getCell(sheet.body.row + 1, 8).alignment?.wrapText).toBe(true);
    const xml = new TextDecoder().decode(readZip(data).find((e) => e.name === "xl/worksheets/sheet5.xml")!.data);
    const first = sheet.body.row + 1;
    const last = sheet.body.row + sheet.body.rows;
    const rules = [...xml.matchAll(/<conditionalFormatting sqref="([^"]+)"><cfRule type="beginsWith"[^>]*text="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(rules).toEqual([
      [`K${first}:P${last}`, "Đạt"],
      [`K${first}:P${last}`, "Chưa đạt"],
    ]);
  });
});
