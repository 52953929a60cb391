/**
 * What "Lập phụ lục" does, with every dependency injected (no DOM, no Office.js here): read the input
 * tables (1 sync), build the report on the Worker — or, when it cannot be reached, with the same
 * engine in the add-in — then write the sheets (2 syncs) and show progress, status and issues.
 * The ribbon command and the task-pane button run this same code, with the same dependencies
 * (wiring.ts).
 */
import { buildReport, CATALOGS, type ProvinceTotalPoint, type Catalog, CRITERION_GROUP, type Issue, methodologyFor, type NationalBuildInput, parsePeriod, periodEnd, periodKey, periodStart, planNational, PORTAL_GROUPS, type Portal2026Criterion, previousPeriod, provinceByCode, type Report, type ReportInput, trendSheetFor } from "../../shared";
import type { LetterLinkRequest, PutPeriodBody } from "../../shared/api-schema";
import type { LetterLink, NationalBody, ProvinceHistory, RevisionInfoBody, TargetsBody } from "../../shared/api-responses";
import { ApiClientError, UnreachableError, type CriterionProgress, type PortalFetchResult, type PutResult, type ReportOptions, type RevisionList, type StoredPeriod } from "../api/client";
import type { ExcelPort } from "../excel/port";
import { WriteError } from "../excel/write-report";
import { indicatorTableRows, INPUT_SHEETS, inputFromTables, inputSheet, issueCell, tableRows, type InputSheet } from "../sheets/inputs";
import { fetchHistory, historyTotals } from "./history";
import { hasIndicators, localCatalog, type LocalCatalog, provinceTargets, type ProvinceTargets, withLocalPlan } from "./plan";
import { fetchNational, nationalBuildInput, nationalSource } from "./national";
import { momentText, periodText, SOURCE_TEXT, vnDateTime } from "./moments";
import { type EtagStore, reportOptions, type PaneSettings } from "./settings";

export type StatusKind = "info" | "ok" | "warning" | "error";

export interface UiPort {
  progress(step: string, percent: number): void;
  status(text: string, kind: StatusKind): void;
  issues(list: readonly Issue[], cellOf: (issue: Issue) => string | null): void;
  preview(report: Report): void;
  /** The period's stored revisions for the list "Thời điểm số liệu" (null: none, or no server; `why` says which). */
  moments?(list: RevisionList | null, why: string): void;
  /** Buttons offered under the status line (a save that lost to a newer revision); an empty list clears them. */
  choices?(list: readonly Choice[]): void;
  /** A link for the clerk to copy (the letter, where Office cannot open the browser) with what to do; null clears it. */
  link?(url: string | null, text: string): void;
}

/** A follow-up the clerk may choose (shown as a button). */
export interface Choice {
  readonly label: string;
  readonly run: () => Promise<unknown>;
}

export interface Deps {
  readonly ui: UiPort;
  /** null outside Excel (browser preview). */
  readonly excel: ExcelPort | null;
  readonly settings: () => PaneSettings;
  /** POST /v1/reports; `extra` adds engine options (the stored totals of earlier periods: the trend sentence). */
  readonly api: (input: ReportInput, settings: PaneSettings, extra?: ReportOptions) => Promise<Report>;
  /** POST …/fetch on the Worker: the portal's figures for the settings' province and period. */
  readonly portal: (settings: PaneSettings, onProgress: (p: CriterionProgress) => void) => Promise<PortalFetchResult>;
  /** GET /v1/national/periods/{period} on the Worker: the period's provinces ranked (sheet "Toàn quốc", the headline's rank). */
  readonly national?: (settings: PaneSettings, period: string) => Promise<NationalBody>;
  /** GET /v1/provinces/{p}/history?include=units on the Worker: stored periods (sheet "Diễn biến", the draft's trend sentence). */
  readonly history?: (settings: PaneSettings, from: string, to: string) => Promise<ProvinceHistory>;
  /** GET /v1/catalog/units on the Worker: the settings' province's units at a date, for a province with no built-in catalog. */
  readonly catalog?: (settings: PaneSettings, date: string) => Promise<Catalog>;
  /** GET /v1/provinces/{p}/targets?period= on the Worker: the province's targets (its own list: what the plan's compliance is judged against). */
  readonly targets?: (settings: PaneSettings, period: string) => Promise<TargetsBody>;
  /** GET …/periods/{period} (?revision=n) on the Worker: a stored revision with its datasets; null when none is stored. */
  readonly storedPeriod?: (settings: PaneSettings, period: string, revision?: number) => Promise<StoredPeriod | null>;
  /** GET …/periods/{period}/revisions: the stored revisions, newest first; null when none is stored. */
  readonly revisions?: (settings: PaneSettings, period: string) => Promise<RevisionList | null>;
  /** PUT …/periods/{period} with If-Match (none: the first revision). */
  readonly save?: (settings: PaneSettings, period: string, body: PutPeriodBody, ifMatch: string | null) => Promise<PutResult>;
  /** GET …/periods/{period}/report?revision=n: the Worker's report of one stored revision. */
  readonly storedReport?: (settings: PaneSettings, period: string, revision: number) => Promise<Report>;
  /** POST …/periods/{period}/letter-link: a signed link (5 minutes, no key in it) to the period's letter as .docx. */
  readonly letterLink?: (settings: PaneSettings, period: string, request: LetterLinkRequest) => Promise<LetterLink>;
  /** Open a URL in the system browser (OpenBrowserWindowApi 1.1); false where Office cannot. */
  readonly openBrowser?: (url: string) => boolean;
  /** The ETag last read or saved per province-period, kept in the workbook (null outside Excel or in the ribbon). */
  readonly etags?: EtagStore | null;
  /** The revision chosen under "Thời điểm số liệu"; null: build from the workbook's input tables. */
  readonly moment?: () => RevisionInfoBody | null;
  /** Whether "Tải bản trên máy chủ về" may replace input tables that hold data (the task pane's “Thay số liệu cũ”). */
  readonly replaceInputs?: () => boolean;
  /** The clock (tests). */
  readonly now?: () => Date;
  /** The sample month, for the task pane's preview outside Excel (the ribbon bundle does not carry it). */
  readonly sample?: () => ReportInput;
}

/** Which engine built a report: the Worker at its address, or the add-in's own engine and why. */
export type Engine = { readonly where: "server"; readonly url: string } | { readonly where: "local"; readonly why: string };

/** The engine in words, for the ribbon's result dialog. */
export function engineText(engine: Engine): string {
  return engine.where === "server" ? `Tính trên máy chủ chiso766 tại ${engine.url}.` : `Tính ngay trên máy, không qua máy chủ (${engine.why}).`;
}

/**
 * Build on the Worker; fall back to the local engine when none is set or it cannot answer. With `plan`
 * (the input has per-indicator figures and the local engine has the province's catalog) the report has
 * the improvement plan: built locally with it, or — the Worker's POST /v1/reports having no plan option —
 * the Worker's report with the plan of a local build of the same input (./plan.ts).
 */
async function buildSomewhere(deps: Deps, input: ReportInput, s: PaneSettings, national: NationalBuildInput | null = null, history: readonly ProvinceTotalPoint[] | null = null, plan: LocalCatalog | null = null, targets: ProvinceTargets | null = null): Promise<{ report: Report; engine: Engine }> {
  const url = s.workerUrl.trim();
  // The local engine takes the national ranking fetched from the Worker: the headline's "xếp hạng N/34";
  // both engines take the stored totals of earlier periods: the draft's trend sentence.
  const planned = plan?.ok ? { plan: targets?.targets ? { targets: targets.targets } : true, ...(plan.catalog ? { catalog: plan.catalog } : {}) } : {};
  const local = () => buildReport(input, { ...reportOptions(s), ...(national ? { national } : {}), ...(history ? { history } : {}), ...planned });
  if (!url) return { report: local(), engine: { where: "local", why: "chưa đặt địa chỉ máy chủ" } };
  try {
    const report = await (history ? deps.api(input, s, { history: [...history] }) : deps.api(input, s));
    return { report: plan?.ok ? withLocalPlan(report, local()) : report, engine: { where: "server", url } };
  } catch (err) {
    if (err instanceof ApiClientError && (err.status === 400 || err.status === 413 || err.status === 415)) throw err;
    const why = err instanceof UnreachableError ? "không kết nối được máy chủ" : err instanceof ApiClientError ? err.message : "máy chủ gặp lỗi";
    return { report: local(), engine: { where: "local", why } };
  }
}

function summary(report: Report): string {
  const c = report.counts;
  return `${c.errors} lỗi, ${c.warnings} cảnh báo`;
}

/**
 * The previous period as the Worker stores it (its head), for a build whose "Điểm tháng trước" table is
 * empty: null without a server, when none is stored (404), when it has no unit rows, or when the Worker
 * cannot be reached (offline: as before, without deltas). Never written into the input sheets.
 */
async function storedPrevious(deps: Deps, s: PaneSettings, prevKey: string): Promise<StoredPrevious | null> {
  if (!s.workerUrl.trim() || !deps.storedPeriod) return null;
  let stored: StoredPeriod | null;
  try {
    stored = await deps.storedPeriod(s, prevKey);
  } catch (err) {
    // Offline is as before (no previous period, nothing said); any other failure (a revoked key, a server
    // error) is said, or the clerk would get a report without "Tăng/Giảm" and not know why.
    if (err instanceof UnreachableError) return null;
    const why = err instanceof Error ? err.message.replace(/\.$/, "") : String(err);
    return { datasets: null, status: `Không lấy được kỳ trước (${periodText(prevKey)}) từ máy chủ (${why}): phụ lục không có cột tăng/giảm; nhập bảng “${inputSheet("previousUnitScores").sheetName}” hoặc kiểm tra khóa truy cập.`, text: null };
  }
  const units = stored?.datasets.unitScores ?? [];
  if (!stored || !units.length) return null;
  const { summary } = stored.datasets;
  const what = `bản số ${stored.revision} (${SOURCE_TEXT[stored.source]}) lưu lúc ${vnDateTime(stored.createdAt)}`;
  return {
    datasets: { period: prevKey, unitScores: units, ...(summary ? { summary } : {}) },
    status: `Kỳ trước (${periodText(prevKey)}) lấy từ máy chủ, ${what}.`,
    text: `kỳ trước (${periodText(prevKey)}) lấy từ máy chủ chiso766, ${what} (bảng “${inputSheet("previousUnitScores").sheetName}” để trống).`,
  };
}

/** The previous period taken from the Worker for one build, or why it could not be (datasets null). */
type StoredPrevious = { readonly datasets: NonNullable<ReportInput["previous"]>; readonly status: string; readonly text: string } | { readonly datasets: null; readonly status: string; readonly text: null };

/**
 * "Lập phụ lục" with a stored revision chosen under "Thời điểm số liệu": the Worker's report of that
 * revision (against the previous stored period), written as usual; the input tables are not read.
 */
async function buildFromMoment(deps: Deps, s: PaneSettings, key: string, moment: RevisionInfoBody): Promise<{ report: Report; engine: Engine } | null> {
  const { ui } = deps;
  const url = s.workerUrl.trim();
  if (!url || !deps.storedReport || !deps.excel) {
    ui.status("Lập theo một bản đã lưu cần máy chủ: đặt Địa chỉ máy chủ trong Cài đặt, hoặc chọn “Bảng nhập liệu trong sổ”.", "error");
    return null;
  }
  ui.progress(`Lấy báo cáo bản số ${moment.revision} từ máy chủ…`, 20);
  const period = parsePeriod(key);
  const [built, national, history] = await Promise.all([
    deps.storedReport(s, key, moment.revision).catch((err: unknown) => err),
    fetchNational(deps.national && ((p) => deps.national!(s, p)), s.workerUrl, key),
    period ? fetchHistory(deps.history && ((from, to) => deps.history!(s, from, to)), s.workerUrl, period) : null,
  ]);
  if (built instanceof Error) {
    const why = built instanceof UnreachableError ? "không kết nối được máy chủ" : built.message;
    throw new ApiClientError("INTERNAL", `Không lấy được báo cáo bản số ${moment.revision} từ máy chủ (${why}).`, 0);
  }
  const report = built as Report;
  const trends = history?.body && period ? trendSheetFor(history.body, report, period) : null;
  ui.progress(`Ghi Phụ lục 1–4${national.body ? ", Toàn quốc" : ""}${trends ? ", Diễn biến" : ""}…`, 75);
  const chosen = momentText(moment);
  const read = inputFromTables({}, { province: s.province, period: key });
  await deps.excel.write(report, read, national.body ? planNational(nationalSource(national.body), s.province) : null, trends, [`kỳ ${periodText(key)} theo ${chosen}; kỳ trước: bản mới nhất đã lưu trên máy chủ.`]);
  ui.progress("Xong", 100);
  ui.issues(report.issues, () => null);
  ui.status(`Đã lập Phụ lục 1–4${national.body ? ", Toàn quốc" : ""}${trends ? ", Diễn biến" : ""}, Kiểm tra dữ liệu, Dự thảo văn bản theo ${chosen}: ${summary(report)}. Bảng nhập liệu trong sổ không được dùng và giữ nguyên.`, report.counts.errors ? "warning" : "ok");
  return { report, engine: { where: "server", url } };
}

export async function build(deps: Deps): Promise<Report | null> {
  return (await buildWithEngine(deps))?.report ?? null;
}

/** "Lập phụ lục", telling also which engine built the report (the ribbon's dialog says so). */
export async function buildWithEngine(deps: Deps): Promise<{ readonly report: Report; readonly engine: Engine } | null> {
  const { ui } = deps;
  const s = deps.settings();
  try {
    if (!deps.excel) {
      if (!deps.sample) {
        ui.status("Mở trong Excel để lập phụ lục từ bảng nhập liệu.", "info");
        return null;
      }
      ui.progress("Lập phụ lục cho tháng mẫu…", 30);
      const input = deps.sample();
      const { report, engine } = await buildSomewhere(deps, input, s);
      ui.progress("Xong", 100);
      ui.preview(report);
      ui.issues(report.issues, () => null);
      ui.status(`Đã lập ${report.appendices.length} phụ lục (tháng mẫu ${report.period}): ${summary(report)}.${engine.where === "local" ? ` Lập trong máy (${engine.why}).` : ""}`, report.counts.errors ? "warning" : "ok");
      return { report, engine };
    }
    const period = parsePeriod(s.period);
    if (!period) {
      ui.status(`Kỳ báo cáo "${s.period}" không hợp lệ (ví dụ 2024-12): chọn lại tháng, quý hoặc năm ở mục Kỳ báo cáo.`, "error");
      return null;
    }
    const key = periodKey(period);
    const moment = deps.moment?.() ?? null;
    if (moment) return await buildFromMoment(deps, s, key, moment);
    ui.progress("Đọc bảng nhập liệu…", 10);
    // The national ranking is asked of the Worker while the tables are read; none is no failure.
    const [{ tables, missing }, national, history] = await Promise.all([
      deps.excel.read(),
      fetchNational(deps.national && ((p) => deps.national!(s, p)), s.workerUrl, key),
      fetchHistory(deps.history && ((from, to) => deps.history!(s, from, to)), s.workerUrl, period),
    ]);
    const read = inputFromTables(tables, { province: s.province, period: key, previousPeriod: periodKey(previousPeriod(period)) });
    if (missing.length === INPUT_SHEETS.length) {
      ui.status("Chưa có bảng nhập liệu nào: bấm “Tạo bảng nhập liệu”, dán số liệu rồi lập lại.", "error");
      return null;
    }
    const prevKey = periodKey(previousPeriod(period));
    // The clerk's own previous-period table wins; an empty one is filled (for this build only) from the Worker's stored previous period.
    const previous = read.input.previous ? null : await storedPrevious(deps, s, prevKey);
    const input: ReportInput = previous?.datasets ? { ...read.input, previous: previous.datasets } : read.input;
    ui.progress("Kiểm tra và tính điểm…", 40);
    // Per-indicator figures ("Nhập - Chỉ tiêu"): the improvement plan too, with the local engine's catalog.
    // And the province's own targets, when the Worker keeps some: the plan's compliance is judged against them (asked at the same time).
    const [plan, targets] = hasIndicators(input)
      ? await Promise.all([localCatalog(deps.catalog && ((date) => deps.catalog!(s, date)), s.workerUrl, s.province, periodEnd(period)), provinceTargets(deps.targets && ((p) => deps.targets!(s, p)), s.workerUrl, key)])
      : [null, null];
    const { report, engine } = await buildSomewhere(deps, input, s, national.body ? nationalBuildInput(national.body, s.province) : null, history.body ? historyTotals(history.body, period) : null, plan, targets);
    const trends = history.body ? trendSheetFor(history.body, report, period) : null;
    ui.progress(`Ghi Phụ lục 1–4${national.body ? ", Toàn quốc" : ""}${trends ? ", Diễn biến" : ""}${report.plan ? ", Kế hoạch cải thiện" : ""}…`, 75);
    const source = previous?.text ? previous.text : read.input.previous ? `kỳ trước (${periodText(prevKey)}) lấy từ bảng “${inputSheet("previousUnitScores").sheetName}” trong sổ tính.` : null;
    await deps.excel.write(report, read, national.body ? planNational(nationalSource(national.body), s.province) : null, trends, source ? [source] : []);
    ui.progress("Xong", 100);
    // What reading the tables found (each naming its cell) comes first, then the engine's issues.
    const problems = read.problems ?? [];
    ui.issues([...problems, ...report.issues], (issue) => {
      // The previous period fetched from the Worker has no cell in the workbook.
      if (previous?.datasets && issue.location.period === "previous") return null;
      const target = issueCell(issue.location, read.rowMaps, read.indicatorRows);
      return target ? `'${target.sheet}'!${target.address}` : null;
    });
    const place = engine.where === "local" ? ` Đã lập bằng bộ máy trong máy (${engine.why}); số liệu nhập không bị thay đổi.` : "";
    const improvement = report.plan ? `, Kế hoạch cải thiện (${report.plan.units.length} đơn vị)` : "";
    const whole = `Đã lập Phụ lục 1–4${national.body ? `, Toàn quốc (${national.body.entries.length} tỉnh, thành phố)` : ""}${trends ? `, Diễn biến (${trends.body.rows} đơn vị)` : ""}${improvement}, Kiểm tra dữ liệu, Dự thảo văn bản`;
    const noPlan = plan && !report.plan ? ` Không có sheet Kế hoạch cải thiện: ${plan.ok ? "không lập được kế hoạch từ bảng “Nhập - Chỉ tiêu”" : plan.why}.` : "";
    const noSheet = (national.body ? "" : ` Không có sheet Toàn quốc: ${national.why}.`) + (trends ? "" : ` Không có sheet Diễn biến: ${history.why ?? "không dựng được diễn biến các kỳ"}.`) + noPlan;
    const fromServer = (previous ? ` ${previous.status}` : "") + (report.plan && targets?.note ? ` ${targets.note}` : "");
    const unread = problems.length ? ` ${problems.length} ô trong bảng nhập liệu không đọc được (đầu danh sách).` : "";
    ui.status(`${whole}: ${summary(report)}.${unread}${fromServer}${place}${noSheet}`, report.counts.errors || problems.length || (previous && !previous.datasets) ? "warning" : "ok");
    return { report, engine };
  } catch (err) {
    // The client's and the write's messages are whole sentences; others get the context.
    const message = err instanceof ApiClientError || err instanceof WriteError ? err.message : err instanceof Error ? `Không lập được phụ lục: ${err.message}` : "Không lập được phụ lục.";
    ui.progress("Dừng", 0);
    ui.status(`${message} Số liệu nhập vẫn giữ nguyên.`, "error");
    return null;
  }
}

export async function createInputs(deps: Deps): Promise<void> {
  if (!deps.excel) {
    deps.ui.status("Đang xem trước ngoài Excel: mở trong Excel để tạo bảng nhập liệu.", "info");
    return;
  }
  try {
    const { created, kept } = await deps.excel.createInputs();
    const parts = [created.length ? `Đã tạo ${created.length} bảng: ${created.join(", ")}.` : "", kept.length ? `Giữ nguyên ${kept.length} bảng đã có.` : ""];
    deps.ui.status(parts.filter(Boolean).join(" "), "ok");
  } catch (err) {
    deps.ui.status(`Không tạo được bảng nhập liệu: ${err instanceof Error ? err.message : String(err)}`, "error");
  }
}

/** "Chuẩn hoá vùng đã chọn" into the chosen input table; its problems listed with their cells. */
/**
 * The catalog pasted names resolve against: built in (Hà Nội), else the Worker's — built from the
 * portal's answer on the province's first fetch. Null (and the status says what to do) when neither.
 */
async function catalogOf(deps: Deps, s: PaneSettings, date: string): Promise<Catalog | null> {
  const builtIn = CATALOGS[s.province];
  if (builtIn) return builtIn;
  const name = provinceByCode(s.province)?.name ?? s.province;
  if (!deps.catalog || !s.workerUrl.trim()) {
    deps.ui.status(`Chưa có danh mục đơn vị của ${name} trong máy: đặt địa chỉ máy chủ trong Cài đặt (máy chủ lập danh mục từ lần lấy số liệu đầu tiên trên Cổng).`, "error");
    return null;
  }
  try {
    const catalog = await deps.catalog(s, date);
    if (catalog.units.length) return catalog;
    deps.ui.status(`Máy chủ chưa có danh mục đơn vị của ${name}: bấm “Lấy dữ liệu từ Cổng DVCQG” một lần để lập danh mục, rồi chuẩn hoá lại.`, "error");
  } catch (err) {
    deps.ui.status(`Không lấy được danh mục đơn vị của ${name} từ máy chủ: ${err instanceof Error ? err.message : String(err)}`, "error");
  }
  return null;
}

export async function normalize(deps: Deps, target: InputSheet["id"], replace: boolean): Promise<void> {
  const { ui, excel } = deps;
  if (!excel) {
    ui.status("Đang xem trước ngoài Excel: dán số liệu vào Excel, chọn vùng đó rồi bấm “Chuẩn hoá”.", "info");
    return;
  }
  const s = deps.settings();
  const period = parsePeriod(s.period);
  if (!period) {
    ui.status(`Kỳ báo cáo "${s.period}" không hợp lệ (ví dụ 2024-12).`, "error");
    return;
  }
  try {
    const date = periodEnd(period);
    const catalog = await catalogOf(deps, s, date);
    if (!catalog) return;
    const r = await excel.normalize(target, catalog, date, replace);
    const problems = r.normalized?.issues ?? [];
    ui.issues(
      problems.map((p) => ({ severity: p.severity, code: "PASTE", message: p.message, location: { dataset: "input" as const, column: p.cell } })),
      (issue) => (issue.location.column ? `'${r.sourceSheet}'!${issue.location.column}` : null),
    );
    if (r.refused) ui.status(r.refused, "error");
    else ui.status(`Đã chuẩn hoá ${r.written} dòng vào bảng "${inputSheet(target).sheetName}"${problems.length ? `; ${problems.length} ô cần xem lại` : ""}.`, problems.some((p) => p.severity === "error") ? "warning" : "ok");
  } catch (err) {
    ui.status(`Không chuẩn hoá được: ${err instanceof Error ? err.message : String(err)}`, "error");
  }
}

/** "Công khai, minh bạch" for "transparency": the criterion's group as the letters name it. */
export function criterionName(criterion: string): string {
  const code = CRITERION_GROUP[criterion as Portal2026Criterion];
  return PORTAL_GROUPS.find((g) => g.code === code)?.nameVi ?? criterion;
}

/**
 * "Lấy dữ liệu từ Cổng DVCQG": the Worker fetches and stores the period, then its unit rows fill the
 * "Điểm đơn vị" table, their indicators "Chỉ tiêu" and the province's row "Kết quả chung" (an existing
 * table is replaced only when the clerk asked). Each criterion's
 * outcome is listed; when the portal fails, the clerk is told which criteria and that nothing changed.
 */
export async function fetchPortal(deps: Deps, replace: boolean): Promise<PortalFetchResult | null> {
  const { ui } = deps;
  const s = deps.settings();
  const period = parsePeriod(s.period);
  if (!period) {
    ui.status(`Kỳ báo cáo "${s.period}" không hợp lệ (ví dụ 2026-08).`, "error");
    return null;
  }
  const key = periodKey(period);
  ui.progress(`Máy chủ đang hỏi Cổng DVCQG lần lượt 6 tiêu chí của ${s.province} kỳ ${key}… (có thể mất đến 1 phút)`, 20);
  let result: PortalFetchResult;
  try {
    result = await deps.portal(s, (p) =>
      ui.progress(`${p.ok ? "✓" : "✗"} ${criterionName(p.criterion)} (${p.index + 1}/${p.of})${p.ok ? "" : `: ${p.error ?? "lỗi"}`}`, 20 + Math.round(((p.index + 1) / p.of) * 55)),
    );
  } catch (err) {
    ui.progress("Dừng", 0);
    if (err instanceof ApiClientError && err.issues.length) {
      ui.issues(
        err.issues.map((i) => ({ severity: "error" as const, code: i.code, message: `${criterionName(i.path)}: ${i.message}`, location: { dataset: "input" as const } })),
        () => null,
      );
    }
    const why = err instanceof UnreachableError ? "Không kết nối được máy chủ chiso766; kiểm tra Địa chỉ máy chủ trong Cài đặt." : err instanceof Error ? err.message : String(err);
    ui.status(`${why} Bảng nhập liệu không thay đổi.`, "error");
    return null;
  }
  ui.issues(
    result.fetch.criteria.map((c) => ({
      severity: "info" as const,
      code: "PORTAL_CRITERION",
      message: `${criterionName(c.criterion)}: đã nhận (${c.pages} trang, ${c.attempts} lần hỏi)${result.fetch.cached ? ", dùng lại kết quả vừa lấy" : ""}.`,
      location: { dataset: "input" as const },
    })),
    () => null,
  );
  if (!deps.excel) {
    ui.progress("Xong", 100);
    ui.preview(result.report);
    ui.status(`Đã lấy và lưu số liệu ${s.province} kỳ ${key} (bản số ${result.revision}); mở trong Excel để điền vào bảng nhập liệu.`, "ok");
    return result;
  }
  // The revision just stored is the one the next save builds on.
  await deps.etags?.set(s.province, key, result.etag).catch(() => undefined);
  ui.progress("Điền bảng “Điểm đơn vị”, “Chỉ tiêu” và “Kết quả chung”…", 80);
  try {
    const sheet = inputSheet("unitScores");
    const filled = await deps.excel.fill("unitScores", tableRows(sheet, result.inputs.unitScores), replace);
    // Each unit's indicators (the 2026 reporting service has them; the older one does not).
    const indicatorRows = indicatorTableRows(result.inputs.unitScores, methodologyFor(periodStart(period)));
    const indicators = indicatorRows.length ? await deps.excel.fill("indicators", indicatorRows, replace) : null;
    const summaryRows = result.inputs.summary ?? [];
    const summary = summaryRows.length ? await deps.excel.fill("summary", summaryRows, replace) : null;
    ui.progress("Xong", 100);
    const refused = [filled.refused, indicators?.refused, summary?.refused].filter(Boolean).join(" ");
    const more = [
      indicators ? `${indicators.written} dòng vào bảng "${inputSheet("indicators").sheetName}"` : "",
      summary ? `${summary.written} dòng vào bảng "${inputSheet("summary").sheetName}"` : "",
    ].filter(Boolean);
    if (refused) ui.status(`Đã lấy và lưu số liệu trên máy chủ (bản số ${result.revision}), nhưng chưa điền: ${refused}`, "warning");
    else
      ui.status(
        `Đã lấy số liệu ${s.province} kỳ ${key} từ Cổng DVCQG (bản số ${result.revision} trên máy chủ) và điền ${filled.written} đơn vị vào bảng "${sheet.sheetName}"${more.map((m) => `, ${m}`).join("")}. Bấm “Lập phụ lục” để lập.`,
        "ok",
      );
  } catch (err) {
    ui.progress("Dừng", 0);
    ui.status(`Đã lấy số liệu nhưng không điền được vào Excel: ${err instanceof Error ? err.message : String(err)}`, "error");
  }
  return result;
}
