/**
 * The plan of the sheet "Toàn quốc" (shared/layout/national-sheet.ts): the 34 provinces ranked, the
 * clerk's province row bold and filled, the chart's source (names and totals), the page fit — the same
 * plan from the engine's ranking and from the Worker's JSON body; and its .xlsx sheet (fill on that row).
 */
import { describe, expect, it } from "vitest";
import { fitToWidth, HIGHLIGHT_FILL, NATIONAL_SHEET, nationalSheet, nationalSheetSource, planNational, PROVINCES, rankNational } from "../../shared";
import { NATIONAL_AUGUST_2026, NATIONAL_JULY_2026, nationalBodySample } from "../../samples/national-2026";

const json = nationalBodySample();
/** The Worker's body names the previous period under `previous`. */
const body = { ...json, previousPeriod: json.previous.period };

describe("planNational", () => {
  const plan = planNational(body, "HN");

  it("titles, a two-row header (groups over score and rank), then the 34 provinces by rank", () => {
    expect(plan.name).toBe(NATIONAL_SHEET);
    expect(plan.values.slice(0, 3).map((r) => r[0])).toEqual(["BẢNG XẾP HẠNG BỘ CHỈ SỐ 766 CỦA 34 TỈNH, THÀNH PHỐ", "THÁNG 08/2026", "(So với tháng 07/2026)"]);
    expect(plan.header).toEqual({ row: 4, col: 0, rows: 2, cols: 17 });
    expect(plan.values[4]?.slice(0, 7)).toEqual(["Hạng", "Tỉnh, thành phố", "Tổng điểm", "So với kỳ trước", "", "Công khai, minh bạch", ""]);
    expect(plan.values[5]?.slice(3, 7)).toEqual(["Điểm", "Bậc", "Điểm", "Hạng"]);
    expect(plan.values[4]?.filter((_, c) => c >= 5 && c % 2 === 1)).toEqual(["Công khai, minh bạch", "Tiến độ giải quyết", "Dịch vụ công trực tuyến", "Thanh toán trực tuyến", "Mức độ hài lòng", "Số hóa hồ sơ"]);
    expect(plan.merges).toContainEqual({ row: 4, col: 3, rows: 1, cols: 2 });
    expect(plan.merges).toContainEqual({ row: 4, col: 0, rows: 2, cols: 1 });
    expect(plan.body).toEqual({ row: 6, col: 0, rows: 34, cols: 17 });
    const first = body.entries[0]!;
    expect(plan.values[6]?.slice(0, 7)).toEqual([1, first.name, first.total, first.change.pointsText, first.change.text, first.groups.CKMB.score, first.groups.CKMB.rank]);
    expect(plan.numberFormats[6]?.slice(0, 5)).toEqual(["0", "@", "General", "@", "@"]);
    // Ranks in order, every province once.
    const ranks = plan.values.slice(6, 40).map((r) => r[0] as number);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(plan.values.slice(6, 40).map((r) => r[1])).size).toBe(34);
    expect(plan.deltaColumn).toBe(3);
    expect(plan.centred).toEqual([0, 6, 8, 10, 12, 14, 16]);
  });

  it("the clerk's province row is highlighted (bold + fill) and named in a note", () => {
    const hn = body.entries.findIndex((e) => e.code === "HN");
    expect(plan.highlightRows).toEqual([6 + hn]);
    expect(plan.boldRows).toEqual([6 + hn]);
    expect(plan.highlightFill).toBe(HIGHLIGHT_FILL);
    expect(plan.values[6 + hn]?.[1]).toBe("Thành phố Hà Nội");
    expect(plan.values.slice(plan.notesRow).map((r) => r[0])).toEqual([`Nguồn: Cổng Dịch vụ công quốc gia; bằng điểm thì cùng hạng. Dòng tô màu: Thành phố Hà Nội, xếp hạng ${body.entries[hn]?.rank}/34.`]);
    // Another province, another row; none when the code is not in the list.
    expect(planNational(body, "pt").highlightRows).toEqual([6 + body.entries.findIndex((e) => e.code === "PT")]);
    expect(planNational(body, "XX").highlightRows).toEqual([]);
  });

  it("the chart: names and totals of the body (categories, one series), placed under the table", () => {
    expect(plan.chart?.source).toEqual({ row: 6, col: 1, rows: 34, cols: 2 });
    expect(plan.chart?.anchor.row).toBeGreaterThanOrEqual(plan.values.length);
    expect(plan.chart!.anchor.col + plan.chart!.anchor.cols).toBeLessThanOrEqual(plan.columnCount);
  });

  it("prints on A4 landscape, fitted to the width", () => {
    const fit = fitToWidth(plan.widths.map((w) => Math.round(w * 7.5)));
    expect(fit.orientation).toBe("Landscape");
    expect(fit.scale).toBeGreaterThanOrEqual(60);
  });

  it("the engine's ranking gives the same plan as the Worker's JSON", () => {
    const ranked = rankNational(NATIONAL_AUGUST_2026, NATIONAL_JULY_2026, { expected: () => PROVINCES.map((p) => ({ code: p.code, name: p.name })) }).value!;
    expect(planNational(nationalSheetSource(ranked), "HN")).toEqual(plan);
  });

  it("no previous period: no change columns filled, a note says why", () => {
    const alone = planNational({ ...body, previousPeriod: null, entries: body.entries.map((e) => ({ ...e, change: { pointsText: "", text: "" } })) }, "HN");
    expect(alone.values.slice(0, 3).map((r) => r[0])).toEqual(["BẢNG XẾP HẠNG BỘ CHỈ SỐ 766 CỦA 34 TỈNH, THÀNH PHỐ", "THÁNG 08/2026", ""]);
    expect(alone.values[alone.body.row]?.slice(3, 5)).toEqual(["", ""]);
    expect(String(alone.values[alone.notesRow]?.[0])).toContain("Chưa có bảng toàn quốc kỳ trước: không tính thay đổi.");
  });
});

describe("nationalSheet (.xlsx)", () => {
  it("the province row is filled and bold, the others not; frozen header; landscape", () => {
    const plan = planNational(body, "HN");
    const spec = nationalSheet(plan);
    const row = plan.highlightRows[0]!;
    expect(spec.rows[row]?.every((c) => c?.style?.fill === HIGHLIGHT_FILL && c.style.font?.bold)).toBe(true);
    expect(spec.rows[row + (row === 6 ? 1 : -1)]?.some((c) => c?.style?.fill)).toBe(false);
    expect(spec.frozenRows).toBe(6);
    expect(spec.page?.orientation).toBe("landscape");
  });
});
