/**
 * "Diễn biến" in the add-in: the Worker's history (GET …/history?include=units, parsed with the shared
 * schema), why there is none, the sheet written by addin/excel/write-report.ts against the recording
 * fake — colour scales, the line chart's 7 series over 12 periods (a render cannot draw it), no sync per
 * unit — and "Lập phụ lục" end to end: the trend sentence in the draft, the sheet's last column the report.
 */
import { describe, expect, it } from "vitest";
import { ApiClientError, getHistory, UnreachableError } from "../../addin/api/client";
import { buildWithEngine, type Deps } from "../../addin/app/controller";
import { fetchHistory, historyFrom, historyTotals } from "../../addin/app/history";
import { trendSheetFor } from "../../shared";
import { DEFAULT_SETTINGS } from "../../addin/app/settings";
import type { ExcelPort } from "../../addin/excel/port";
import { readInputTables } from "../../addin/excel/read-inputs";
import { inputSheet } from "../../addin/sheets/inputs";
import { writeReport } from "../../addin/excel/write-report";
import { buildReport, HA_NOI, parsePeriod, planTrends, trends, type Period, type Report } from "../../shared";
import { ProvinceHistorySchema, type ProvinceHistory } from "../../shared/api-responses";
import { haNoiHistory } from "../../samples/history-ha-noi";
import { seedReportInput } from "../../samples/seed-000-input";
import { fakeContext } from "./fake-excel";
import { seededContext } from "./seed-context";

const FEATURES = { pageLayout: true };
const AUGUST = parsePeriod("2026-08") as Period;
const DECEMBER = parsePeriod("2024-12") as Period;
const seedReport = (): Report => buildReport(seedReportInput(), { tieOrderByAppendix: { PL4: "input" } });
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("getHistory and fetchHistory", () => {
  it("GET …/history with from, to and include=units; the answer parsed with ProvinceHistorySchema", async () => {
    const body = haNoiHistory("2026-08");
    const urls: string[] = [];
    const fetch = (async (url: string) => (urls.push(url), json(body))) as unknown as typeof globalThis.fetch;
    expect(await getHistory({ baseUrl: "http://w/", fetch }, "HN", "2024-09", "2026-08")).toEqual(ProvinceHistorySchema.parse(body));
    expect(urls).toEqual(["http://w/v1/provinces/HN/history?from=2024-09&to=2026-08&include=units"]);
    const bad = (async () => json({ ...body, periods: [{ period: "2026-08" }] })) as unknown as typeof globalThis.fetch;
    await expect(getHistory({ baseUrl: "http://w", fetch: bad }, "HN", "2024-09", "2026-08")).rejects.toMatchObject({ code: "BAD_RESPONSE", message: expect.stringContaining("periods[0].revision") });
  });

  it("asks 24 periods up to the report's; says why there is none", async () => {
    expect(historyFrom(AUGUST)).toBe("2024-09");
    expect(historyFrom(parsePeriod("2026-Q3") as Period)).toBe("2020-Q4");
    const asked: string[][] = [];
    const body = haNoiHistory("2026-07");
    expect((await fetchHistory(async (from, to) => (asked.push([from, to]), body), "https://w", AUGUST)).body).toBe(body);
    expect(asked).toEqual([["2024-09", "2026-08"]]);
    expect(await fetchHistory(async () => body, " ", AUGUST)).toEqual({ body: null, why: "chưa đặt địa chỉ máy chủ, nên chưa có số liệu các kỳ trước" });
    expect(await fetchHistory(async () => Promise.reject(new UnreachableError("x")), "https://w", AUGUST)).toEqual({ body: null, why: "không kết nối được máy chủ để lấy số liệu các kỳ trước" });
    expect((await fetchHistory(async () => Promise.reject(new ApiClientError("NOT_FOUND", "Không có", 404)), "https://w", AUGUST)).why).toBe("máy chủ chưa lưu kỳ nào của tỉnh, thành phố này trước kỳ 2026-08");
    // Only the report's own period stored: nothing to show a trend with.
    const only: ProvinceHistory = { ...haNoiHistory("2026-08", 1) };
    expect(await fetchHistory(async () => only, "https://w", AUGUST)).toEqual({ body: null, why: "máy chủ chưa lưu kỳ nào trước kỳ 2026-08" });
  });

  it("the build's history is the stored totals before the report's period", () => {
    const totals = historyTotals(haNoiHistory("2026-08"), AUGUST);
    expect(totals).toHaveLength(11);
    expect(totals.at(-1)?.period).toBe("2026-07");
  });
});

describe("writeReport: the sheet “Diễn biến”", () => {
  const t = trends(haNoiHistory("2026-08"), { at: "2026-08" })!;
  const plan = planTrends(t, HA_NOI);

  async function written(p = plan) {
    const ctx = fakeContext();
    const result = await writeReport(ctx, seedReport(), FEATURES, null, undefined, null, p);
    const sheet = ctx.sheet("Diễn biến");
    if (!sheet) throw new Error("no sheet Diễn biến");
    return { ctx, result, sheet };
  }

  it("is written after Phụ lục 4, named chiso766_DB, in the same 4 syncs; its values are the plan's", async () => {
    const { ctx, result, sheet } = await written();
    expect(result.sheets).toEqual(["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4", "Diễn biến", "Kiểm tra dữ liệu", "Dự thảo văn bản"]);
    expect(ctx.syncs).toBe(4);
    expect(ctx.names.map((n) => [n.name, n.formula])).toContainEqual(["chiso766_DB", "='Diễn biến'!$A$1"]);
    expect(sheet.block(0, 0, plan.values.length, plan.columnCount)).toEqual(plan.values);
    expect(sheet.frozenRows).toBe(plan.header.row + plan.header.rows);
    expect(sheet.page).toMatchObject({ orientation: "Landscape", paperSize: "A4", printTitleRows: `$${plan.header.row + 1}:$${plan.header.row + 3}` });
  });

  it("colour scales: totals high = green, ranks inverted (low rank = green); flags red like a delta", async () => {
    const { sheet } = await written();
    const first = plan.body.row + 1;
    const last = plan.body.row + plan.body.rows;
    expect(sheet.colorScales).toEqual([
      { range: `C${first}:N${last}`, criteria: { minimum: { type: "LowestValue", color: "#F8696B" }, midpoint: { type: "Percentile", formula: "50", color: "#FFEB84" }, maximum: { type: "HighestValue", color: "#63BE7B" } } },
      { range: `O${first}:Z${last}`, criteria: { minimum: { type: "LowestValue", color: "#63BE7B" }, midpoint: { type: "Percentile", formula: "50", color: "#FFEB84" }, maximum: { type: "HighestValue", color: "#F8696B" } } },
    ]);
    expect(sheet.conditional.map((c) => [c.range, c.text])).toEqual([[`AA${first}:AA${last}`, "Tăng"], [`AA${first}:AA${last}`, "Giảm"]]);
  });

  it("a line chart of the province's total and six groups: 7 series named as the letters name them, 12 periods each", async () => {
    const { sheet } = await written();
    expect(sheet.chartList).toHaveLength(1);
    const chart = sheet.chartList[0]!;
    expect(chart).toMatchObject({ type: "Line", seriesBy: "Rows", title: "Diễn biến điểm Bộ chỉ số 766 của Thành phố", legendPosition: "Bottom", axisTitles: { category: "Tháng", value: "Điểm" } });
    const { categories, series } = sheet.chartSeries(0);
    expect(categories).toEqual(["T9/25", "T10/25", "T11/25", "T12/25", "T1/26", "T2/26", "T3/26", "T4/26", "T5/26", "T6/26", "T7/26", "T8/26"]);
    expect(series.map((s) => s.name)).toEqual(["Tổng điểm", "Công khai, minh bạch", "Tiến độ giải quyết", "Dịch vụ công trực tuyến", "Thanh toán trực tuyến", "Mức độ hài lòng", "Số hóa hồ sơ"]);
    expect(series.every((s) => s.values.length === 12 && s.values.every((v) => typeof v === "number"))).toBe(true);
    expect(series[0]?.values).toEqual(t.provinceSeries.map((p) => p.total));
    expect(series[6]?.values).toEqual(t.provinceSeries.map((p) => p.groups.MDSH));
    // Beside the movers, inside the printed columns (A…AA).
    expect(chart.position?.[0]).toMatch(/^I\d+$/);
    expect(chart.position?.[1]).toMatch(/^AA\d+$/);
  });

  it("no sync and no operation per unit: 126 units or 5, the same syncs and the same formatting", async () => {
    const few = planTrends({ ...t, lines: t.lines.slice(0, 5), flagged: t.flagged.filter((l) => t.lines.slice(0, 5).includes(l)) }, HA_NOI);
    const big = await written();
    const small = await written(few);
    expect(big.ctx.syncs).toBe(small.ctx.syncs);
    expect(big.sheet.formatOps.length).toBe(small.sheet.formatOps.length);
    expect(big.sheet.colorScales).toHaveLength(2);
  });

  it("a rebuild without history removes it", async () => {
    const { ctx } = await written();
    await writeReport(ctx, seedReport(), FEATURES);
    expect(ctx.sheet("Diễn biến")).toBeFalsy();
    expect(ctx.names.map((n) => n.name)).not.toContain("chiso766_DB");
  });
});

describe("“Lập phụ lục” with the Worker's history (seed month: Hà Nội, December 2024)", () => {
  /** Stored through November 2024 (districts), the province's totals rising from September. */
  function stored(): ProvinceHistory {
    const h = haNoiHistory("2024-11", 23);
    const totals: Record<string, number> = { "2024-08": 60, "2024-09": 58, "2024-10": 59, "2024-11": 60.99 };
    return { ...h, periods: h.periods.map((p) => (totals[p.period] !== undefined ? { ...p, total: totals[p.period] as number } : p)) };
  }

  function run(history: Deps["history"]) {
    const ctx = seededContext();
    // Phụ lục 1's total row, as the clerk pastes it into "Nhập - Kết quả chung".
    const summary = inputSheet("summary");
    ctx.seedTable(summary.sheetName, summary.tableName, "A2", summary.columns.map((c) => c.header), [["1", "Tổng hợp", "62.28 điểm", ""]]);
    const statuses: string[] = [];
    const sent: unknown[] = [];
    const port: Pick<ExcelPort, "read" | "write"> = {
      read: () => readInputTables(ctx),
      write: (report, read, national = null, plan = null) => writeReport(ctx, report, FEATURES, read, undefined, national, plan),
    };
    const excel = port as ExcelPort;
    const deps: Deps = {
      ui: { progress: () => undefined, status: (text) => void statuses.push(text), issues: () => undefined, preview: () => undefined },
      excel,
      settings: () => ({ ...DEFAULT_SETTINGS, province: "HN", period: "2024-12", workerUrl: "https://w" }),
      // The Worker builds from what it is sent, as POST /v1/reports does.
      api: async (input, _s, extra) => (sent.push(extra), JSON.parse(JSON.stringify(buildReport(input, { ...(extra ?? {}), history: extra?.history ?? [] }))) as Report),
      portal: () => Promise.reject(new Error("unused")),
      ...(history ? { history } : {}),
    };
    return { ctx, statuses, sent, deps };
  }

  it("sends the stored totals with the report request; the draft has the trend sentence; Diễn biến ends with the report's own ranking", async () => {
    const asked: string[][] = [];
    const r = run(async (_s, from, to) => (asked.push([from, to]), stored()));
    const built = await buildWithEngine(r.deps);
    expect(asked).toEqual([["2023-01", "2024-12"]]);
    expect(r.sent).toEqual([{ history: historyTotals(stored(), DECEMBER) }]);
    const sentence = "Tổng số điểm Thành phố tăng 3 tháng liên tiếp (từ 58 điểm tháng 09/2024 lên 62.28 điểm tháng 12/2024).";
    expect(built?.report.narrative.sentences).toContain(sentence);
    expect(r.ctx.sheet("Dự thảo văn bản")?.block(0, 0, 8, 1).map((x) => x[0])).toContain(`- ${sentence}`);
    const sheet = r.ctx.sheet("Diễn biến");
    if (!sheet || !built) throw new Error("no sheet Diễn biến");
    const plan = trendSheetFor(stored(), built.report, DECEMBER)!;
    const body = sheet.block(plan.body.row, 0, plan.body.rows, plan.columnCount);
    // December's totals and ranks are Phụ lục 2's, row by row.
    const entries = built.report.ranking.entries.filter((e) => e.total !== null);
    expect(body.slice(0, entries.length).map((row) => [row[1], row[13], row[25]])).toEqual(entries.map((e) => [e.name, e.total, e.rank]));
    expect(r.statuses.at(-1)).toMatch(new RegExp(`^Đã lập Phụ lục 1–4, Diễn biến \\(${plan.body.rows} đơn vị\\), Kiểm tra dữ liệu, Dự thảo văn bản`));
  });

  it("offline: no sheet, no sentence, and the status line says why", async () => {
    const r = run(async () => Promise.reject(new UnreachableError("Failed to fetch")));
    const built = await buildWithEngine(r.deps);
    expect(built?.report.narrative.trend ?? null).toBeNull();
    expect(r.sent).toEqual([undefined]);
    expect(r.ctx.sheet("Diễn biến")).toBeFalsy();
    expect(r.statuses.at(-1)).toContain("Không có sheet Diễn biến: không kết nối được máy chủ để lấy số liệu các kỳ trước.");
  });
});
