/** The sheet "Diễn biến" as a plan (shared/layout/trend-sheet.ts), from the synthetic Hà Nội history. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { address, buildReport, fitToWidth, GROUP_CODES, HA_NOI, planTrends, reportWorkbook, trends, TREND_SHEET, writeXlsx } from "../../shared";
import { haNoiHistory } from "../../samples/history-ha-noi";
import { seedReportInput } from "../../samples/seed-000-input";
import { readZip } from "../zip-reader";

const t = trends(haNoiHistory("2026-08"), { at: "2026-08" })!;
const plan = planTrends(t, HA_NOI);

describe("Diễn biến: the units' table", () => {
  it("one row per line, 12 totals then 12 ranks, the flag column last; three header rows (block, year, month)", () => {
    expect(plan.name).toBe(TREND_SHEET);
    expect(plan.columnCount).toBe(2 + 12 + 12 + 1);
    expect(plan.body.rows).toBe(126);
    expect(plan.header.rows).toBe(3);
    const [blocks, years, months] = plan.values.slice(plan.header.row, plan.header.row + 3);
    expect(blocks?.slice(0, 3)).toEqual(["STT", "Đơn vị", "Tổng điểm"]);
    expect(blocks?.[14]).toBe("Xếp hạng");
    expect(blocks?.[26]).toBe("Cảnh báo");
    expect(years?.slice(2, 7)).toEqual(["2025", "", "", "", "2026"]);
    expect(months?.slice(2, 14)).toEqual(["T9", "T10", "T11", "T12", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8"]);
    expect(plan.merges).toContainEqual({ row: plan.header.row + 1, col: 2, rows: 1, cols: 4 });
    // Rows in the order of the last period's rank, figures as numbers.
    const first = plan.values[plan.body.row]!;
    expect(first[0]).toBe(1);
    expect(first[25]).toBe(1);
    expect(first.slice(2, 14).every((v) => typeof v === "number")).toBe(true);
    expect(plan.totals).toEqual({ row: plan.body.row, col: 2, rows: 126, cols: 12 });
    expect(plan.ranks).toEqual({ row: plan.body.row, col: 14, rows: 126, cols: 12 });
    // The flag column is the plan's delta column: "Giảm …" prints red as in the appendices.
    expect(plan.deltaColumn).toBe(26);
  });

  it("flags exactly the lines trends.ts flags, with their run", () => {
    const flagged = plan.values.slice(plan.body.row, plan.body.row + plan.body.rows).filter((r) => r[26] !== "");
    expect(flagged.map((r) => r[1])).toEqual(t.flagged.map((l) => l.name));
    expect(flagged.every((r) => /^Giảm \d+ kỳ liên tiếp$/.test(String(r[26])))).toBe(true);
    expect(t.flagged.length).toBeGreaterThan(0);
  });

  it("prints on A4 landscape, one page wide", () => {
    const fit = fitToWidth(plan.widths.map((w) => w * 7.5));
    expect(fit.orientation).toBe("Landscape");
    expect(fit.scale).toBeGreaterThanOrEqual(60);
  });
});

describe("Diễn biến: the province series, the movers and the chart", () => {
  it("the chart's source is the series block: 7 rows (total + six groups) × 12 periods, names and periods as labels", () => {
    const c = plan.chart!;
    expect(c.seriesBy).toBe("Rows");
    expect(c.source.rows).toBe(1 + 1 + GROUP_CODES.length);
    expect(c.source.cols).toBe(1 + 12);
    const block = plan.values.slice(c.source.row, c.source.row + c.source.rows).map((r) => r.slice(c.source.col, c.source.col + c.source.cols));
    expect(block[0]?.[0]).toBe("");
    expect(block[0]?.slice(1)).toEqual(c.categories);
    expect(block.slice(1).map((r) => r[0])).toEqual(c.seriesNames);
    expect(c.seriesNames).toEqual(["Tổng điểm", "Công khai, minh bạch", "Tiến độ giải quyết", "Dịch vụ công trực tuyến", "Thanh toán trực tuyến", "Mức độ hài lòng", "Số hóa hồ sơ"]);
    expect(block[1]?.slice(1)).toEqual(t.provinceSeries.map((p) => p.total));
    expect(address(c.source)).toMatch(/^B\d+:N\d+$/);
    // Beside the movers, inside the printed columns.
    expect(c.anchor.col + c.anchor.cols).toBeLessThanOrEqual(plan.columnCount);
    expect(c.anchor.row).toBeGreaterThan(c.source.row + c.source.rows);
  });

  it("lists the 5 risers and 5 fallers with their first and last figures", () => {
    const movers = plan.sections[1]!;
    const rows = plan.values.slice(movers.body.row, movers.body.row + movers.body.rows);
    expect(rows.map((r) => r[0])).toEqual(["Tăng nhiều nhất", 1, 2, 3, 4, 5, "Giảm nhiều nhất", 1, 2, 3, 4, 5]);
    expect(rows[1]?.slice(1, 7)).toEqual([t.risers[0]!.line.name, t.risers[0]!.from.total, "T9/25", t.risers[0]!.to.total, "T8/26", t.risers[0]!.delta]);
    expect(rows[7]?.[6]).toBe(t.fallers[0]!.delta);
    expect(plan.numberFormats[movers.body.row + 1]?.[6]).toBe("+0.00;-0.00;0.00");
  });

  it("a window without units or province figures has no chart and empty blocks", () => {
    const empty = planTrends(trends({ province: "HN", from: "2025-09", to: "2026-08", periods: [] }, { at: "2026-08" })!, HA_NOI);
    expect(empty.chart).toBeNull();
    expect(empty.totals).toBeNull();
    expect(empty.body.rows).toBe(0);
  });
});

describe("Diễn biến in the .xlsx workbook (shared/layout/workbook.ts, for the Worker's workbook.xlsx)", () => {
  it("comes after Phụ lục 4 with the plan's values, the two colour scales, and the small tables bordered", async () => {
    const report = buildReport(seedReportInput(), { tieOrderByAppendix: { PL4: "input" } });
    const data = writeXlsx(reportWorkbook(report, { trends: plan }));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4", "Diễn biến", "Kiểm tra dữ liệu", "Dự thảo văn bản"]);
    const ws = book.getWorksheet("Diễn biến")!;
    const at = (r: number, c: number) => ws.getCell(r + 1, c + 1).value;
    expect(at(plan.body.row, 1)).toBe(plan.values[plan.body.row]?.[1]);
    expect(at(plan.body.row, 13)).toBe(plan.values[plan.body.row]?.[13]);
    const movers = plan.sections[1]!;
    expect(ws.getCell(movers.header.row + 1, 3).border?.top?.style).toBe("thin");
    expect(ws.getCell(movers.header.row + 1, 3).font?.bold).toBe(true);
    expect(ws.getCell(movers.body.row + 2, 7).numFmt).toBe("+0.00;-0.00;0.00");
    const xml = new TextDecoder().decode(readZip(data).find((e) => e.name === "xl/worksheets/sheet5.xml")!.data);
    const scales = [...xml.matchAll(/<conditionalFormatting sqref="([^"]+)"><cfRule type="colorScale"[^>]*><colorScale>.*?((?:<color rgb="\w+"\/>){3})/g)].map((m) => [m[1], m[2]]);
    const first = plan.body.row + 1;
    const last = plan.body.row + plan.body.rows;
    expect(scales).toEqual([
      [`C${first}:N${last}`, '<color rgb="FFF8696B"/><color rgb="FFFFEB84"/><color rgb="FF63BE7B"/>'],
      [`O${first}:Z${last}`, '<color rgb="FF63BE7B"/><color rgb="FFFFEB84"/><color rgb="FFF8696B"/>'],
    ]);
  });
});
