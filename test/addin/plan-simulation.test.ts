/**
 * Issue 13 in the add-in, on the recorded Phú Thọ month (08/2026) as the input tables hold it after a
 * portal fetch, against the recording fake Excel:
 * - “Lập phụ lục” with “Nhập - Chỉ tiêu”: the sheet “Kế hoạch cải thiện” (the plan of the add-in's engine
 *   when the Worker built the report), Đạt / Chưa đạt coloured, the draft's remedial paragraphs; no sync
 *   more, and none per unit;
 * - “Mô phỏng”: the sheet of current figures with two columns to type into, kept when refreshed;
 * - “Tính mô phỏng”: what-if on what was typed, the result beside it (golden: Tam Dương Bắc settling all
 *   its dossiers on time passes two communes and lifts the province from 18th to 17th nationally), each
 *   refusal naming the sheet and cell; the input sheets never change.
 */
import { describe, expect, it } from "vitest";
import { getTargets } from "../../addin/api/client";
import { buildWithEngine, type Deps } from "../../addin/app/controller";
import { provinceTargets, targetFromJson } from "../../addin/app/plan";
import { openSimulation, runSimulation } from "../../addin/app/simulate";
import { readSimulationSheet, writeSimulationResult, writeSimulationSheet } from "../../addin/excel/simulation";
import { writeReport } from "../../addin/excel/write-report";
import { inputFromTables, inputSheet } from "../../addin/sheets/inputs";
import { NEW_NUMERATOR_COL, NEW_RATE_COL, SIMULATION_COLUMNS, simulationLayout, simulationResult, typedFigures, withProvinceCounts } from "../../addin/sheets/simulation";
import { buildReport, planSheet, type Report, type Target, TARGETS, whatIf } from "../../shared";
import type { TargetJson } from "../../shared/api-responses";
import { PORTAL_CATALOG, PORTAL_MONTH } from "../shared/plan-fixture";
import type { FakeSheet } from "./fake-excel";
import { fakeContext } from "./fake-excel";
import { jsonResponse, recordingFetch } from "./fake-fetch";
import { M2026, ptDeps, ptTables, ptWorkbook } from "./pt-workbook";

const SETTINGS = { province: "PT", period: "2026-08" };
const INPUTS = ["summary", "unitScores", "indicators"] as const;
/** The input sheets' cells, to show they never change. */
const inputCells = (ctx: ReturnType<typeof fakeContext>) => INPUTS.map((id) => [...(ctx.sheet(inputSheet(id).sheetName)?.grid.entries() ?? [])]);
/** The local build of the month's tables, with the plan (the first `units` units when given). */
const planned = (units?: number) => buildReport(inputFromTables(ptTables(PORTAL_MONTH, units), SETTINGS).input, { catalog: PORTAL_CATALOG, plan: true });
/** The sheet's 0-based row of a unit and indicator in "Mô phỏng". */
function rowOf(sheet: FakeSheet, unit: string, number: string): number {
  for (let r = 0; r < 5000; r++) {
    const [u, n] = sheet.block(r, 0, 1, 2)[0] ?? [];
    if (u === unit && n === number) return r;
  }
  throw new Error(`no row ${unit} ${number}`);
}
const type = (sheet: FakeSheet, unit: string, number: string, col: number, value: unknown) => sheet.grid.set(`${rowOf(sheet, unit, number)},${col}`, value);

describe("“Lập phụ lục” with “Nhập - Chỉ tiêu”: the sheet “Kế hoạch cải thiện”", () => {
  it("the Worker's report gets the add-in's plan: the sheet after “Toàn quốc”, Sở Ngoại vụ first (31.03 → 78.67, 13/15 → 1/15), the draft's remedial paragraphs", async () => {
    const ctx = ptWorkbook();
    const before = inputCells(ctx);
    const { deps, seen } = ptDeps(ctx);
    const built = await buildWithEngine(deps);
    expect(built?.engine).toEqual({ where: "server", url: "https://w" });
    const plan = built?.report.plan;
    if (!plan || !built) throw new Error("no plan");
    expect(ctx.sheets.map((s) => s.name).slice(3)).toEqual(["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4", "Toàn quốc", "Kế hoạch cải thiện", "Kiểm tra dữ liệu", "Dự thảo văn bản"]);
    expect(ctx.names.map((n) => [n.name, n.formula])).toContainEqual(["chiso766_KHCT", "='Kế hoạch cải thiện'!$A$1"]);
    const sheet = ctx.sheet("Kế hoạch cải thiện") as FakeSheet;
    const layout = planSheet(plan, { provinceName: "Tỉnh Phú Thọ" });
    expect(sheet.block(0, 0, layout.values.length, layout.columnCount)).toEqual(layout.values);
    // The plan's golden (test/shared/plan.test.ts) as the clerk reads it.
    expect(sheet.block(layout.body.row, 0, 1, 7)[0]).toEqual([1, "Sở Ngoại vụ", "13/15", 31.03, 47.64, 78.67, "1/15"]);
    expect(plan.units).toHaveLength(163);
    expect(seen.statuses.at(-1)?.[0]).toMatch(/^Đã lập Phụ lục 1–4, Toàn quốc \(34 tỉnh, thành phố\), Kế hoạch cải thiện \(163 đơn vị\), Kiểm tra dữ liệu, Dự thảo văn bản/);
    // The draft: the sentences, then the remedial paragraphs as the letter has them.
    const remedial = built.report.narrative.remedial ?? [];
    expect(remedial[0]).toMatch(/^Để tiếp tục phát huy những kết quả đạt được/);
    expect(remedial[1]).toMatch(/^a\) Nhóm chỉ số Số hóa hồ sơ \(8\.24\/22 điểm, đạt 37,5%\)/);
    const draft = (ctx.sheet("Dự thảo văn bản") as FakeSheet).block(0, 0, 12, 1).map((r) => r[0]);
    const at = draft.indexOf(remedial[0]);
    expect(at).toBeGreaterThan(2);
    expect(draft[at - 1]).toBe("");
    expect(draft.slice(at, at + remedial.length)).toEqual(remedial);
    expect(draft.filter((l) => typeof l === "string" && l.startsWith("- ")).length).toBe(built.report.narrative.sentences.length - remedial.length);
    expect(inputCells(ctx)).toEqual(before);
  });

  it("Đạt on green, Chưa đạt on red (one rule each over the matrix); gains and matrix wrapped; ranks centred", async () => {
    const ctx = fakeContext();
    const report = planned();
    const layout = planSheet(report.plan!, { provinceName: report.province.name });
    await writeReport(ctx, report, { pageLayout: true });
    const sheet = ctx.sheet("Kế hoạch cải thiện") as FakeSheet;
    const first = layout.body.row + 1;
    const last = layout.body.row + layout.body.rows;
    expect(sheet.conditional.map((c) => [c.range, c.operator, c.text, c.color, c.fill])).toEqual([
      [`K${first}:P${last}`, "BeginsWith", "Đạt", "#0A7A2F", "#C6EFCE"],
      [`K${first}:P${last}`, "BeginsWith", "Chưa đạt", "#C0161C", "#FFC7CE"],
    ]);
    const ops = (path: string) => sheet.formatOps.filter((o) => o.path === path).map((o) => [o.range, o.value]);
    expect(ops("wrapText")).toEqual(expect.arrayContaining([[`H${first}:J${last}`, true], [`K${first}:P${last}`, true]]));
    expect(ops("horizontalAlignment")).toEqual(expect.arrayContaining([[`C${first}:C${last}`, "Center"], [`G${first}:G${last}`, "Center"]]));
    // Every compliance cell begins with one of the rules' words, or says there is no figure.
    const matrix = sheet.block(layout.body.row, 10, layout.body.rows, 6).flat();
    expect(matrix.every((t) => typeof t === "string" && /^(Đạt \(|Chưa đạt: |Không có số liệu)/.test(t))).toBe(true);
    expect(matrix.filter((t) => String(t).startsWith("Đạt")).length).toBeGreaterThan(100);
  });

  it("no sync more than without the plan, and as many for 5 units as for 163, with as many formatting operations", async () => {
    const write = async (report: Report) => {
      const ctx = fakeContext();
      const result = await writeReport(ctx, report, { pageLayout: true });
      return { syncs: ctx.syncs, result, ops: ctx.sheet("Kế hoạch cải thiện")?.formatOps.length ?? 0, cf: ctx.sheet("Kế hoạch cải thiện")?.conditional.length ?? 0 };
    };
    const all = planned();
    const few = planned(5);
    expect(few.plan?.units).toHaveLength(5);
    const { plan: _, ...withoutPlan } = all;
    const [a, b, c] = [await write(all), await write(few), await write(withoutPlan as Report)];
    expect(a.syncs).toBe(4);
    expect(b.syncs).toBe(a.syncs);
    expect(c.syncs).toBe(a.syncs);
    expect(a.result.syncs).toBe(4);
    expect(b.ops).toBe(a.ops);
    expect(b.cf).toBe(2);
    expect(c.ops).toBe(0);
  });

  it("no catalog for the add-in's engine (no server): no plan sheet, the status says why; a month without indicators: nothing said", async () => {
    const ctx = ptWorkbook();
    const { deps, seen } = ptDeps(ctx, { workerUrl: "" });
    await buildWithEngine(deps);
    expect(ctx.sheet("Kế hoạch cải thiện")).toBeUndefined();
    expect(seen.statuses.at(-1)?.[0]).toContain("Không có sheet Kế hoạch cải thiện: tỉnh này chưa có danh mục đơn vị trong máy và chưa đặt địa chỉ máy chủ để lấy danh mục.");

    const letterOnly = fakeContext();
    const def = inputSheet("unitScores");
    letterOnly.seedTable(def.sheetName, def.tableName, "A2", def.columns.map((x) => x.header), ptTables().unitScores);
    const other = ptDeps(letterOnly);
    const built = await buildWithEngine(other.deps);
    expect(built?.report.plan).toBeUndefined();
    expect(letterOnly.sheet("Kế hoạch cải thiện")).toBeUndefined();
    expect(other.seen.statuses.at(-1)?.[0]).not.toContain("Kế hoạch cải thiện");
  });
});

describe("the province's own targets (GET …/targets on the Worker) in the add-in's plan", () => {
  const PAY = "HN-2562.PAY_DOSSIERS";
  /** A target as the Worker's JSON writes it (worker/targets.ts targetJson): absent fields as null. */
  const targetJson = (t: Target): TargetJson => ({ id: t.id, indicator: t.indicator ?? null, nameVi: t.nameVi, minRatePercent: t.minRatePercent, effectiveFrom: t.effectiveFrom, effectiveTo: t.effectiveTo ?? null, source: t.source, kind: t.kind ?? "plan" });
  /** The Worker's answer for PT with one stored override: online payment at 70 % instead of 55 %. */
  const stored = (minRatePercent: number) => {
    const own = { ...targetJson(TARGETS.find((t) => t.id === PAY) as Target), minRatePercent, source: "Kế hoạch của UBND tỉnh Phú Thọ (thử)" };
    return { province: "PT", date: "2026-08-01", version: 3, etag: '"t3-x"', updatedAt: "2026-08-02T01:00:00.000Z", updatedBy: "văn phòng", targets: [], overrides: [own] };
  };
  const shortOf = (report: Report | undefined) => report?.plan?.shortfalls[PAY]?.short;

  it("the compliance is judged against the province's 70 %: more units short than at the built-in 55 %, the matrix and the status say so; the request names the province and period", async () => {
    const builtIn = await buildWithEngine(ptDeps(ptWorkbook()).deps);
    const ctx = ptWorkbook();
    const { deps, seen } = ptDeps(ctx);
    const { calls, fetch } = recordingFetch(() => jsonResponse(stored(70)));
    const withOwn: Deps = { ...deps, targets: (s, period) => getTargets({ baseUrl: s.workerUrl, apiKey: s.apiKey, fetch }, s.province, period) };
    const built = await buildWithEngine(withOwn);
    expect(calls.map((c) => c.url)).toEqual(["https://w/v1/provinces/PT/targets?period=2026-08"]);
    const plan = built?.report.plan;
    expect(plan?.targets.find((t) => t.id === PAY)?.minRatePercent).toBe(70);
    expect(plan?.units[0]?.compliance.find((c) => c.targetId === PAY)?.minRatePercent).toBe(70);
    // Against 70 % at least as many units fall short as against 55 %, and here more.
    expect(shortOf(built?.report)).toBeGreaterThan(shortOf(builtIn?.report) as number);
    // A unit's cell is the engine's own judgement at 70 %.
    const local = buildReport(inputFromTables(ptTables(PORTAL_MONTH), SETTINGS).input, { catalog: PORTAL_CATALOG, plan: { targets: [targetFromJson(stored(70).overrides[0] as TargetJson)] } });
    expect(plan?.units.map((u) => u.compliance)).toEqual(local.plan?.units.map((u) => u.compliance));
    expect(seen.statuses.at(-1)?.[0]).toContain("Kế hoạch cải thiện theo chỉ tiêu của tỉnh trên máy chủ (phiên bản 3).");
  });

  it("a refused request (wrong key): the built-in targets, and the status says why; no server or nothing stored: the built-in targets, nothing said", async () => {
    const refused = recordingFetch(() => jsonResponse({ error: { code: "UNAUTHORIZED", message: "Khóa truy cập không đúng.", details: [] } }, 401));
    const { deps, seen } = ptDeps(ptWorkbook());
    const built = await buildWithEngine({ ...deps, targets: (s, period) => getTargets({ baseUrl: s.workerUrl, apiKey: s.apiKey, fetch: refused.fetch }, s.province, period) });
    expect(built?.report.plan?.targets.find((t) => t.id === PAY)?.minRatePercent).toBe(55);
    expect(seen.statuses.at(-1)?.[0]).toMatch(/Không lấy được chỉ tiêu của tỉnh từ máy chủ \(.+\): Kế hoạch cải thiện theo chỉ tiêu có sẵn\./);

    const none = recordingFetch(() => jsonResponse({ ...stored(70), version: 0, etag: '"t0"', overrides: [] }));
    const other = ptDeps(ptWorkbook());
    const plain = await buildWithEngine({ ...other.deps, targets: (s, period) => getTargets({ baseUrl: s.workerUrl, apiKey: s.apiKey, fetch: none.fetch }, s.province, period) });
    expect(plain?.report.plan?.targets.find((t) => t.id === PAY)?.minRatePercent).toBe(55);
    expect(other.seen.statuses.at(-1)?.[0]).not.toContain("chỉ tiêu của tỉnh");
    expect(await provinceTargets(async () => stored(70), "", "2026-08")).toEqual({ targets: null, note: null });
  });

  it("targetFromJson undoes the Worker's JSON of every built-in target", () => {
    for (const t of TARGETS) expect(targetFromJson(targetJson(t))).toEqual({ ...t, kind: t.kind ?? "plan" });
  });
});

describe("“Mô phỏng”: the sheet", () => {
  it("one row per unit and indicator with figures, in the plan's order, the current figures and the dossiers still needed; two tinted columns to type into; 5 syncs in all", async () => {
    const ctx = ptWorkbook();
    const before = inputCells(ctx);
    const { deps, seen } = ptDeps(ctx);
    const opened = await openSimulation(deps);
    // Read the tables (1), look for an old sheet (1), write: look, build, swap (3).
    expect(ctx.syncs).toBe(5);
    const sheet = ctx.sheet("Mô phỏng") as FakeSheet;
    expect(ctx.names.map((n) => [n.name, n.formula])).toContainEqual(["chiso766mp_MoPhong", "='Mô phỏng'!$A$1"]);
    expect(sheet.block(4, 0, 1, 12)[0]).toEqual(SIMULATION_COLUMNS.map((c) => c.header));
    // Tam Dương Bắc, 2.1 (threshold 100 %): 1,061 of 1,497 on time, 14.18 of 20 points; 1,497 − 1,061 = 436 more.
    expect(sheet.block(rowOf(sheet, "UBND xã Tam Dương Bắc", "2.1"), 0, 1, 12)[0]).toEqual(["UBND xã Tam Dương Bắc", "2.1", "Hồ sơ xử lý trước hạn, đúng hạn", 1061, 1497, 70.88, 100, 14.18, 20, 436, "", ""]);
    // As many rows as the indicator table has linear indicators with figures (counted on the table itself).
    const linear = new Set(M2026.indicators.filter((d) => d.rule.type === "linear" && d.maxPoints > 0).map((d) => d.number));
    const withFigures = ptTables().indicators.filter((r) => linear.has(String(r[1])) && ((typeof r[2] === "number" && typeof r[3] === "number") || typeof r[4] === "number"));
    expect(opened?.rows).toBe(withFigures.length);
    expect(sheet.block(5, 0, 1, 1)[0]?.[0]).toBe("Sở Ngoại vụ");
    expect(sheet.formatOps.filter((o) => o.path === "fill.color" && o.value === "#FFF2CC").map((o) => o.range)).toEqual([`K6:L${5 + withFigures.length}`]);
    expect(sheet.frozenRows).toBe(5);
    expect(seen.statuses.at(-1)).toEqual([`Đã tạo sheet “Mô phỏng”: ${withFigures.length} dòng, 163 đơn vị. Gõ Tử số mới hoặc Tỷ lệ mới (%) vào hai cột tô vàng rồi bấm “Tính mô phỏng”.`, "ok"]);
    expect(inputCells(ctx)).toEqual(before);
  });

  it("as many syncs and formatting operations for 5 units as for 163", async () => {
    const write = async (report: Report) => {
      const ctx = fakeContext();
      const r = await writeSimulationSheet(ctx, simulationLayout(report.plan!, report.province.name, "tháng 08/2026"));
      return { syncs: ctx.syncs, r, ops: ctx.sheet("Mô phỏng")?.formatOps.length };
    };
    const [all, few] = [await write(planned()), await write(planned(5))];
    expect(all.syncs).toBe(3);
    expect(all.r.syncs).toBe(3);
    expect(few.syncs).toBe(all.syncs);
    expect(few.ops).toBe(all.ops);
  });

  it("refreshed, it keeps what was typed (row by row); “Lập phụ lục” leaves it alone", async () => {
    const ctx = ptWorkbook();
    const { deps, seen } = ptDeps(ctx);
    await openSimulation(deps);
    type(ctx.sheet("Mô phỏng") as FakeSheet, "UBND xã Tam Dương Bắc", "2.1", NEW_NUMERATOR_COL, 1497);
    type(ctx.sheet("Mô phỏng") as FakeSheet, "Sở Nội vụ", "3.5", NEW_RATE_COL, 80);
    await buildWithEngine(deps);
    expect(ctx.sheet("Mô phỏng")).toBeDefined();
    await openSimulation(deps);
    expect(seen.statuses.at(-1)?.[0]).toMatch(/^Đã làm mới sheet “Mô phỏng”: \d+ dòng, 163 đơn vị, giữ số đã gõ ở 2 dòng\./);
    const sheet = ctx.sheet("Mô phỏng") as FakeSheet;
    expect(sheet.block(rowOf(sheet, "UBND xã Tam Dương Bắc", "2.1"), NEW_NUMERATOR_COL, 1, 2)[0]).toEqual([1497, ""]);
    expect(sheet.block(rowOf(sheet, "Sở Nội vụ", "3.5"), NEW_NUMERATOR_COL, 1, 2)[0]).toEqual(["", 80]);
    expect(ctx.sheets.filter((s) => s.name.startsWith("Mô phỏng"))).toHaveLength(1);
    expect(ctx.names.filter((n) => n.name === "chiso766mp_MoPhong")).toHaveLength(1);
  });
});

describe("“Tính mô phỏng”", () => {
  async function typed(values: [unit: string, number: string, col: number, value: unknown][]) {
    const ctx = ptWorkbook();
    const { deps, seen } = ptDeps(ctx);
    await openSimulation(deps);
    const sheet = ctx.sheet("Mô phỏng") as FakeSheet;
    for (const [u, n, c, v] of values) type(sheet, u, n, c, v);
    const before = inputCells(ctx);
    const syncs = ctx.syncs;
    const result = await runSimulation(deps);
    return { ctx, sheet, seen, result, before, syncs: ctx.syncs - syncs };
  }

  it("Tam Dương Bắc settles all 1,497 dossiers on time: 14.18 → 20 points, 48.47 → 54.29, 148th → 146th passing two communes; the province 59.92 → 59.96, 18th → 17th; 4 syncs", async () => {
    const r = await typed([["UBND xã Tam Dương Bắc", "2.1", NEW_NUMERATOR_COL, 1497]]);
    // Read the sheet (2: find it, its used range), the tables (1), write the result (1).
    expect(r.syncs).toBe(4);
    // shared/plan/what-if.ts's golden (test/shared/what-if.test.ts), through the sheet.
    expect(r.result?.province).toEqual({ total: { before: 59.92, after: 59.96 }, nationalRank: { before: 18, after: 17 }, rankOf: 34, complete: true });
    const block = r.sheet.block(0, 13, 22, 5);
    expect(block[0]?.[0]).toBe("KẾT QUẢ MÔ PHỎNG");
    expect(block[1]?.[0]).toBe("Tính lúc 10:32 05/09/2026 từ các bảng nhập liệu trong sổ (không bảng nào bị sửa); các đơn vị không thay đổi giữ nguyên điểm.");
    expect(block).toContainEqual(["UBND xã Tam Dương Bắc", "2.1 Hồ sơ xử lý trước hạn, đúng hạn", "1.061 → 1.497", "70.88% → 100%", "14.18 → 20 (tăng 5.82)"]);
    expect(block).toContainEqual(["UBND xã Tam Dương Bắc", "48.47 → 54.29", "148/148 → 146/148", "Tăng 5.82, tăng 2 bậc", "2 đơn vị (bảng 3)"]);
    expect(block).toContainEqual(["UBND xã Bình Xuyên", expect.any(String), "146/148 → 147/148", "giảm 1 bậc", "UBND xã Tam Dương Bắc"]);
    expect(block).toContainEqual(["UBND phường Phúc Yên", expect.any(String), "147/148 → 148/148", "giảm 1 bậc", "UBND xã Tam Dương Bắc"]);
    expect(block).toContainEqual(["Tổng điểm Tỉnh Phú Thọ", "59.92", "59.96", "Tăng 0.04", ""]);
    expect(block).toContainEqual(["Xếp hạng toàn quốc", "18/34", "17/34", "tăng 1 bậc", ""]);
    expect(r.seen.statuses.at(-1)).toEqual(["Đã tính 1 thay đổi ở 1 đơn vị: Tỉnh Phú Thọ 59.92 → 59.96 điểm, xếp hạng toàn quốc 18 → 17/34. Kết quả ở sheet “Mô phỏng” từ ô N1; các bảng nhập liệu không thay đổi.", "ok"]);
    expect(r.ctx.log.filter((l) => l.startsWith("select"))).toEqual(["select Mô phỏng!N1"]);
    // Nothing to warn about: the sheet is the tables' and every cell of them was read.
    expect(r.seen.issues).toEqual([]);
    expect(inputCells(r.ctx)).toEqual(r.before);
  });

  it("a rate typed in a cell formatted as % (0.8 is 80 %) and a numerator of another unit: the smallest numerator reaching it, changes added up", async () => {
    const ctx = ptWorkbook();
    const { deps } = ptDeps(ctx);
    await openSimulation(deps);
    const sheet = ctx.sheet("Mô phỏng") as FakeSheet;
    const row = rowOf(sheet, "UBND xã Tam Dương Bắc", "3.5");
    sheet.grid.set(`${row},${NEW_RATE_COL}`, 0.8);
    sheet.formats.set(`${row},${NEW_RATE_COL}`, "0%");
    type(sheet, "UBND xã Tam Dương Bắc", "5.2", NEW_NUMERATOR_COL, 1);
    const result = await runSimulation(deps);
    // test/shared/what-if.test.ts: 31 of 38 (81.58 %) is the first to show ≥ 80 %: 2 points; the petition: +6.
    expect(result?.units[0]?.indicators.map((i) => [i.code, i.figures.after.numerator, i.figures.after.points]).sort()).toEqual([
      ["PAY_PROVISION", 31, 2],
      ["PETITION_PROCESSING_ON_TIME", 1, 6],
    ]);
    expect(result?.units[0]?.total).toEqual({ before: 48.47, after: 55.94 });
    // Petitions are not the province's units' sum: the province cannot follow that change, and the block says so.
    expect(result?.province?.complete).toBe(false);
    expect(sheet.block(0, 13, 40, 1).flat().some((t) => String(t).startsWith("Có thay đổi không tính được vào số liệu của tỉnh"))).toBe(true);
  });

  it("refuses what cannot be a change, naming the sheet and cell in Vietnamese, and writes nothing", async () => {
    const r = await typed([
      ["UBND xã Tam Dương Bắc", "2.1", NEW_NUMERATOR_COL, "mười"],
      ["UBND xã Tam Dương Bắc", "5.4", NEW_NUMERATOR_COL, 2000],
      ["UBND xã Tam Dương Bắc", "3.5", NEW_RATE_COL, 120],
      ["UBND xã Tam Dương Bắc", "4.1", NEW_NUMERATOR_COL, 12.5],
      ["UBND xã Tam Dương Bắc", "4.2", NEW_NUMERATOR_COL, 3],
      ["UBND xã Tam Dương Bắc", "4.2", NEW_RATE_COL, 50],
    ]);
    expect(r.result).toBeNull();
    const row = (n: string) => rowOf(r.sheet, "UBND xã Tam Dương Bắc", n) + 1;
    expect(r.seen.issues).toEqual([
      { message: expect.stringMatching(new RegExp(`^Sheet “Mô phỏng”, ô K${row("2.1")}: “mười” không phải số`)), cell: `'Mô phỏng'!K${row("2.1")}` },
      { message: expect.stringMatching(new RegExp(`^Sheet “Mô phỏng”, ô K${row("4.1")}: 12,5 không phải số nguyên`)), cell: `'Mô phỏng'!K${row("4.1")}` },
      { message: `Sheet “Mô phỏng”, ô L${row("4.2")}: gõ Tử số mới hoặc Tỷ lệ mới, không gõ cả hai (UBND xã Tam Dương Bắc, chỉ tiêu 4.2).`, cell: `'Mô phỏng'!L${row("4.2")}` },
      { message: expect.stringMatching(new RegExp(`^Sheet “Mô phỏng”, ô K${row("5.4")}: tử số mới 2.000 lớn hơn mẫu số 1.497 \\(UBND xã Tam Dương Bắc, chỉ tiêu 5.4\\)`)), cell: `'Mô phỏng'!K${row("5.4")}` },
      { message: `Sheet “Mô phỏng”, ô L${row("3.5")}: tỷ lệ mới 120 phải từ 0 đến 100 (%) (UBND xã Tam Dương Bắc, chỉ tiêu 3.5).`, cell: `'Mô phỏng'!L${row("3.5")}` },
    ].sort((a, b) => Number(a.cell.replace(/\D/g, "")) - Number(b.cell.replace(/\D/g, ""))));
    expect(r.seen.statuses.at(-1)).toEqual(["Chưa tính: 5 ô trong sheet “Mô phỏng” cần sửa (xem danh sách, bấm vào để chọn ô).", "error"]);
    expect(r.sheet.block(0, 13, 1, 1)[0]?.[0]).toBe("");
    expect(r.syncs).toBe(2);
    expect(inputCells(r.ctx)).toEqual(r.before);
  });

  it("a sheet older than the input tables: the result follows the tables, and the cells that differ are named", async () => {
    const ctx = ptWorkbook();
    const { deps, seen } = ptDeps(ctx);
    await openSimulation(deps);
    const sheet = ctx.sheet("Mô phỏng") as FakeSheet;
    type(sheet, "UBND xã Tam Dương Bắc", "2.1", NEW_NUMERATOR_COL, 1497);
    // The clerk edits the indicator table afterwards: 1,061 → 1,100 on time.
    const table = ctx.sheet(inputSheet("indicators").sheetName) as FakeSheet;
    const at = [...table.grid.entries()].find(([k, v]) => String(v).startsWith("UBND xã Tam Dương Bắc") && k.endsWith(",0") && table.grid.get(k.replace(/,0$/, ",1")) === "2.1")?.[0] as string;
    expect(table.grid.get(at.replace(/,0$/, ",2"))).toBe(1061);
    table.grid.set(at.replace(/,0$/, ",2"), 1100);
    const result = await runSimulation(deps);
    expect(result?.units[0]?.indicators[0]?.figures.before.numerator).toBe(1100);
    const d = rowOf(sheet, "UBND xã Tam Dương Bắc", "2.1") + 1;
    expect(seen.issues).toEqual([{ message: expect.stringMatching(new RegExp(`^Sheet “Mô phỏng”, ô D${d}: số hiện tại trong sheet khác bảng nhập liệu`)), cell: `'Mô phỏng'!D${d}` }]);
    expect(seen.statuses.at(-1)?.[1]).toBe("warning");
    expect(sheet.block(0, 13, 40, 1).flat().some((t) => String(t).startsWith(`Bảng nhập liệu đã đổi sau khi tạo sheet (ô D${d})`))).toBe(true);
  });

  it("the result block replaces the previous one (its extent read with the sheet), in one sync", async () => {
    const ctx = ptWorkbook();
    const { deps } = ptDeps(ctx);
    await openSimulation(deps);
    const sheet = ctx.sheet("Mô phỏng") as FakeSheet;
    type(sheet, "UBND xã Tam Dương Bắc", "5.2", NEW_NUMERATOR_COL, 1);
    type(sheet, "UBND xã Tam Dương Bắc", "3.5", NEW_RATE_COL, 80);
    await runSimulation(deps);
    const long = sheet.block(0, 13, 60, 5).filter((r) => r.some((v) => v !== "")).length;
    sheet.grid.delete(`${rowOf(sheet, "UBND xã Tam Dương Bắc", "3.5")},${NEW_RATE_COL}`);
    const read = (await readSimulationSheet(ctx)).read;
    expect(read?.result).toEqual({ row: 0, col: 13, rows: expect.any(Number), cols: 5 });
    const result = whatIf(withProvinceCounts(inputFromTables(ptTables(), SETTINGS).input).input, typedFigures(read!, M2026).changes.map((c) => c.change), { catalog: PORTAL_CATALOG });
    const syncs = ctx.syncs;
    const block = simulationResult(result.value, { methodology: M2026, at: "", provinceName: "Tỉnh Phú Thọ", nationalWhy: null, stale: [] });
    await writeSimulationResult(ctx, "Mô phỏng", block, read!.result);
    expect(ctx.syncs - syncs).toBe(1);
    const now = sheet.block(0, 13, 60, 5).filter((r) => r.some((v) => v !== "")).length;
    expect(now).toBeLessThan(long);
    expect(now).toBe(block.values.filter((r) => r.some((v) => v !== "")).length);
  });

  it("says what to do: no sheet yet, nothing typed, no indicator table; outside Excel", async () => {
    const ctx = ptWorkbook();
    const { deps, seen } = ptDeps(ctx);
    expect(await runSimulation(deps)).toBeNull();
    expect(seen.statuses.at(-1)).toEqual(["Chưa có sheet “Mô phỏng”: bấm “Mô phỏng” để tạo, gõ số mới vào hai cột tô vàng, rồi bấm “Tính mô phỏng”.", "error"]);
    await openSimulation(deps);
    expect(await runSimulation(deps)).toBeNull();
    expect(seen.statuses.at(-1)).toEqual(["Chưa có số mới nào: gõ Tử số mới hoặc Tỷ lệ mới (%) vào hai cột tô vàng của sheet “Mô phỏng” rồi bấm “Tính mô phỏng”.", "info"]);

    const empty = fakeContext();
    const def = inputSheet("unitScores");
    empty.seedTable(def.sheetName, def.tableName, "A2", def.columns.map((x) => x.header), ptTables().unitScores);
    const other = ptDeps(empty);
    expect(await openSimulation(other.deps)).toBeNull();
    expect(other.seen.statuses.at(-1)?.[0]).toMatch(/^Bảng “Nhập - Chỉ tiêu” chưa có số liệu từng chỉ tiêu/);
    expect(empty.sheet("Mô phỏng")).toBeUndefined();

    const outside = ptDeps(ptWorkbook());
    expect(await openSimulation({ ...outside.deps, excel: null })).toBeNull();
    expect(outside.seen.statuses.at(-1)?.[1]).toBe("info");
  });
});

describe("the province's counts (what-if rescores the province from numerator and denominator)", () => {
  it("derived where its units add up to its printed count and rate: every dossier indicator of the recorded month, equal to the portal's own; procedures and petitions not", () => {
    const read = inputFromTables(ptTables(), SETTINGS).input;
    // “Nhập - Kết quả chung” gives count and rate only.
    expect(read.summary?.indicators?.["PROGRESS_ON_TIME"]).toEqual({ numerator: 144625, rate: 78.38 });
    const { input, derived } = withProvinceCounts(read);
    const portal = PORTAL_MONTH.summary?.indicators ?? {};
    expect(derived.length).toBe(11);
    for (const code of derived) expect(input.summary?.indicators?.[code]?.denominator, code).toBe(portal[code]?.denominator);
    for (const code of ["PUBLIC_CONTENT_FULL", "PAY_PROVISION", "PETITION_PROCESSING_ON_TIME", "CITIZEN_DATA_CONNECTED_FORMALITY"]) expect(derived, code).not.toContain(code);
    // A count that does not add up, or a rate the sum contradicts: left as it was.
    const off = { ...read, summary: { ...read.summary, indicators: { ...read.summary?.indicators, PROGRESS_ON_TIME: { numerator: 144625, rate: 78.39 } } } };
    expect(withProvinceCounts(off).derived).not.toContain("PROGRESS_ON_TIME");
  });
});
