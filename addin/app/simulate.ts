/**
 * "Mô phỏng" and "Tính mô phỏng" (task-pane buttons), with every dependency injected (no DOM, no
 * Office.js here):
 * - "Mô phỏng" reads the input tables (1 sync), builds the improvement plan with the add-in's own engine
 *   and writes the sheet "Mô phỏng" (addin/sheets/simulation.ts): one row per unit and indicator with the
 *   current figures, and two empty columns to type into; rebuilding it keeps what was typed;
 * - "Tính mô phỏng" reads what was typed (each refusal naming the sheet and cell), reads the input tables,
 *   runs shared/plan/what-if.ts locally — no server needed; with the Worker's national ranking when it
 *   can be had, for the national rank — and writes the result beside the input area.
 * The input sheets are never modified. A province without a built-in catalog needs the Worker's (./plan.ts).
 */
import { buildReport, CATALOGS, type BuildOptions, formatPoints, type Issue, methodologyFor, type Period, parsePeriod, periodEnd, periodKey, periodLabel, periodStart, provinceByCode, type ReportInput, whatIf, type WhatIfResult } from "../../shared";
import { WriteError } from "../excel/write-report";
import { INPUT_SHEETS, inputFromTables, issueCell } from "../sheets/inputs";
import { simulationCell, simulationIssue, simulationLayout, simulationResult, SIMULATION_SHEET, type SimulationChange, typedFigures, withProvinceCounts } from "../sheets/simulation";
import type { Deps } from "./controller";
import { vnDateTime } from "./moments";
import { fetchNational, nationalBuildInput } from "./national";
import { hasIndicators, localCatalog } from "./plan";
import { reportOptions, type PaneSettings } from "./settings";

/** The month the simulation starts from: the input tables read now, and the local engine's options. */
interface Source {
  readonly input: ReportInput;
  readonly options: BuildOptions;
  /** What reading the tables found (each naming its cell). */
  readonly problems: readonly Issue[];
  readonly provinceName: string;
  /** Why there is no national ranking (null when there is one, or none was asked for). */
  readonly nationalWhy: string | null;
  readonly cellOf: (issue: Issue) => string | null;
}

/** The settings' period, or null after saying what is wrong. */
function periodOf(deps: Deps, s: PaneSettings): Period | null {
  const period = parsePeriod(s.period);
  if (!period) deps.ui.status(`Kỳ báo cáo "${s.period}" không hợp lệ (ví dụ 2026-08): chọn lại tháng, quý hoặc năm ở mục Kỳ báo cáo.`, "error");
  return period;
}

/**
 * Read the input tables and gather what the local engine needs: the province's catalog (built in, or
 * the Worker's) and, with `national`, the Worker's national ranking. Null after telling the clerk why
 * there is nothing to simulate.
 */
async function simulationSource(deps: Deps, s: PaneSettings, period: Period, national: boolean): Promise<Source | null> {
  const { ui } = deps;
  const key = periodKey(period);
  const [{ tables, missing }, ranking, catalog] = await Promise.all([
    (deps.excel as NonNullable<Deps["excel"]>).read(),
    national ? fetchNational(deps.national && ((p) => deps.national!(s, p)), s.workerUrl, key) : null,
    localCatalog(deps.catalog && ((date) => deps.catalog!(s, date)), s.workerUrl, s.province, periodEnd(period)),
  ]);
  if (missing.length === INPUT_SHEETS.length) {
    ui.status("Chưa có bảng nhập liệu nào: bấm “Tạo bảng nhập liệu”, lấy dữ liệu từ Cổng hoặc dán số liệu, rồi bấm lại.", "error");
    return null;
  }
  const read = inputFromTables(tables, { province: s.province, period: key });
  if (!hasIndicators(read.input)) {
    ui.status("Bảng “Nhập - Chỉ tiêu” chưa có số liệu từng chỉ tiêu (tử số, mẫu số) của đơn vị nào: bấm “Lấy dữ liệu từ Cổng DVCQG” hoặc dán bảng chỉ tiêu và “Chuẩn hoá”, rồi bấm lại.", "error");
    return null;
  }
  if (!catalog.ok) {
    ui.status(`Không mô phỏng được: ${catalog.why}.`, "error");
    return null;
  }
  const options: BuildOptions = {
    ...reportOptions(s),
    ...(catalog.catalog ? { catalog: catalog.catalog } : {}),
    ...(ranking?.body ? { national: nationalBuildInput(ranking.body, s.province) } : {}),
  };
  const provinceName = (catalog.catalog ?? CATALOGS[s.province])?.provinceName ?? provinceByCode(s.province)?.name ?? s.province;
  const cellOf = (issue: Issue) => {
    const target = issueCell(issue.location, read.rowMaps, read.indicatorRows);
    return target ? `'${target.sheet}'!${target.address}` : null;
  };
  // The province's denominators, where its units' counts add up to its own (what-if rescores the province from them).
  return { input: withProvinceCounts(read.input).input, options, problems: read.problems ?? [], provinceName, nationalWhy: ranking && !ranking.body ? ranking.why : null, cellOf };
}

function failed(deps: Deps, what: string, err: unknown): void {
  const message = err instanceof WriteError ? err.message : `${what}: ${err instanceof Error ? err.message : String(err)}.`;
  deps.ui.progress("Dừng", 0);
  deps.ui.status(`${message} Các bảng nhập liệu giữ nguyên.`, "error");
}

/** What both simulation commands start from: Excel, the settings and their period; null after saying why not. */
function simulationStart(deps: Deps): { ui: Deps["ui"]; excel: NonNullable<Deps["excel"]>; s: PaneSettings; period: Period } | null {
  const { ui, excel } = deps;
  if (!excel) {
    ui.status("Đang xem trước ngoài Excel: mở trong Excel để mô phỏng từ bảng nhập liệu.", "info");
    return null;
  }
  const s = deps.settings();
  const period = periodOf(deps, s);
  return period ? { ui, excel, s, period } : null;
}

/** "Mô phỏng": create or refresh the sheet from the input tables (what was typed in it is kept). */
export async function openSimulation(deps: Deps): Promise<{ readonly sheet: string; readonly rows: number } | null> {
  const start = simulationStart(deps);
  if (!start) return null;
  const { ui, excel, s, period } = start;
  try {
    ui.progress("Đọc bảng nhập liệu…", 10);
    const source = await simulationSource(deps, s, period, false);
    if (!source) return null;
    ui.progress("Lập kế hoạch cải thiện…", 40);
    const report = buildReport(source.input, { ...source.options, plan: true });
    if (!report.plan?.units.length) {
      ui.issues([...source.problems, ...report.issues], source.cellOf);
      ui.status("Không có đơn vị nào có số liệu từng chỉ tiêu để mô phỏng (xem danh sách lỗi).", "error");
      return null;
    }
    // What was typed in the sheet before stays, row by row.
    const old = await excel.simulation.read();
    const typed = old ? typedFigures(old, methodologyFor(periodStart(period))).typed : new Map();
    const layout = simulationLayout(report.plan, report.province.name, periodLabel(period), typed);
    ui.progress(`Ghi sheet “${SIMULATION_SHEET}”…`, 70);
    const { sheet } = await excel.simulation.write(layout);
    ui.progress("Xong", 100);
    ui.issues(source.problems, source.cellOf);
    const kept = typed.size ? `, giữ số đã gõ ở ${typed.size} dòng` : "";
    ui.status(`Đã ${old ? "làm mới" : "tạo"} sheet “${sheet}”: ${layout.body.rows} dòng, ${layout.units} đơn vị${kept}. Gõ Tử số mới hoặc Tỷ lệ mới (%) vào hai cột tô vàng rồi bấm “Tính mô phỏng”.`, "ok");
    return { sheet, rows: layout.body.rows };
  } catch (err) {
    failed(deps, "Không tạo được sheet Mô phỏng", err);
    return null;
  }
}

/** The cell of a what-if refusal (`changes[i].field`): the typed cell of change i. */
function refusal(issue: Issue, changes: readonly SimulationChange[], sheet: string): Issue {
  const i = typeof issue.details?.["change"] === "number" ? (issue.details["change"] as number) : -1;
  const c = changes[i];
  const message = issue.message.replace(/^changes\[\d+\]\.\w+: /, "");
  return c ? simulationIssue(issue.severity, sheet, c.cell, message) : { ...issue, message };
}

/** Cells whose current figures (as the sheet shows them) differ from the input tables'. */
function staleCells(changes: readonly SimulationChange[], result: WhatIfResult): string[] {
  const cells: string[] = [];
  changes.forEach((c, i) => {
    const before = result.units.find((u) => u.changes.includes(i))?.indicators.find((x) => x.code === c.def.code)?.figures.before;
    if (!before) return;
    if (before.numerator !== c.shown.numerator) cells.push(c.shown.cells.numerator);
    if (before.denominator !== c.shown.denominator) cells.push(c.shown.cells.denominator);
  });
  return cells;
}

/** "Tính mô phỏng": what was typed in "Mô phỏng", run through what-if, the result written beside it. */
export async function runSimulation(deps: Deps): Promise<WhatIfResult | null> {
  const start = simulationStart(deps);
  if (!start) return null;
  const { ui, excel, s, period } = start;
  try {
    ui.progress(`Đọc sheet “${SIMULATION_SHEET}”…`, 10);
    const sheet = await excel.simulation.read();
    if (!sheet) {
      ui.progress("Dừng", 0);
      ui.status(`Chưa có sheet “${SIMULATION_SHEET}”: bấm “Mô phỏng” để tạo, gõ số mới vào hai cột tô vàng, rồi bấm “Tính mô phỏng”.`, "error");
      return null;
    }
    const m = methodologyFor(periodStart(period));
    const typed = typedFigures(sheet, m);
    const cellOf = (issue: Issue) => simulationCell(issue, sheet.sheet);
    if (typed.problems.length) {
      ui.progress("Dừng", 0);
      ui.issues(typed.problems, cellOf);
      ui.status(`Chưa tính: ${typed.problems.length} ô trong sheet “${sheet.sheet}” cần sửa (xem danh sách, bấm vào để chọn ô).`, "error");
      return null;
    }
    if (!typed.changes.length) {
      ui.progress("Dừng", 0);
      ui.status(`Chưa có số mới nào: gõ Tử số mới hoặc Tỷ lệ mới (%) vào hai cột tô vàng của sheet “${sheet.sheet}” rồi bấm “Tính mô phỏng”.`, "info");
      return null;
    }
    ui.progress("Đọc bảng nhập liệu…", 25);
    const source = await simulationSource(deps, s, period, true);
    if (!source) return null;
    ui.progress("Tính mô phỏng…", 50);
    const result = whatIf(source.input, typed.changes.map((c) => c.change), source.options);
    const refused = result.issues.filter((i) => i.severity === "error").map((i) => refusal(i, typed.changes, sheet.sheet));
    if (refused.length) {
      ui.progress("Dừng", 0);
      ui.issues(refused, (issue) => simulationCell(issue, sheet.sheet));
      ui.status(`Chưa tính: ${refused.length} dòng của sheet “${sheet.sheet}” không áp dụng được vào bảng nhập liệu (xem danh sách).`, "error");
      return null;
    }
    const stale = staleCells(typed.changes, result.value);
    const now = (deps.now ?? (() => new Date()))();
    const block = simulationResult(result.value, { methodology: m, at: vnDateTime(now.toISOString()), provinceName: source.provinceName, nationalWhy: source.nationalWhy, stale });
    ui.progress("Ghi kết quả…", 80);
    await excel.simulation.result(sheet.sheet, block, sheet.result);
    ui.progress("Xong", 100);
    const warnings = stale.map((cell) => simulationIssue("warning", sheet.sheet, cell, "số hiện tại trong sheet khác bảng nhập liệu (bảng đã đổi sau khi tạo sheet): kết quả tính theo bảng nhập liệu; bấm “Mô phỏng” để làm mới."));
    // Then what reading the input tables found (a cell left out is left out of the simulation too).
    ui.issues([...warnings, ...source.problems], (issue) => cellOf(issue) ?? source.cellOf(issue));
    ui.status(`${statusOf(result.value, source, typed.changes.length)} Kết quả ở sheet “${sheet.sheet}” từ ô N1; các bảng nhập liệu không thay đổi.`, stale.length ? "warning" : "ok");
    return result.value;
  } catch (err) {
    failed(deps, "Không tính được mô phỏng", err);
    return null;
  }
}

/** "Đã tính 2 thay đổi ở 1 đơn vị: Tỉnh Phú Thọ 59.92 → 59.96 điểm, xếp hạng toàn quốc 18 → 17/34." */
function statusOf(r: WhatIfResult, source: Source, changes: number): string {
  const p = r.province;
  const total = p && p.total.before !== null && p.total.after !== null ? `${source.provinceName} ${formatPoints(p.total.before)} → ${formatPoints(p.total.after)} điểm` : `${source.provinceName}: không có số liệu của tỉnh`;
  const nr = p?.nationalRank;
  const national = nr && nr.before !== null && nr.after !== null ? `, xếp hạng toàn quốc ${nr.before} → ${nr.after}/${p?.rankOf ?? ""}` : source.nationalWhy ? ` (không có xếp hạng toàn quốc: ${source.nationalWhy})` : "";
  return `Đã tính ${changes} thay đổi ở ${r.units.length} đơn vị: ${total}${national}.`;
}
