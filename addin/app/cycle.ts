/**
 * Month to month with the Worker (no DOM, no Office.js here):
 * - "Lưu kỳ này lên máy chủ": the period's input tables (read as "Lập phụ lục" reads them) stored as a
 *   new revision with If-Match = the ETag this workbook last read or saved for that province-period
 *   (kept in the workbook's settings). Nothing is overwritten silently: a 409 (someone stored a newer
 *   revision) or 428 (the workbook never read one, the server has one) names who stored what and when,
 *   and offers the two ways on — "Tải bản trên máy chủ về" (the head fills the input tables, with the
 *   same replace rule as the portal fetch) and "Vẫn lưu thành bản mới (giữ bản kia)" (PUT again with the head's ETag:
 *   a new revision on top, the old ones stay in the history).
 * - The list "Thời điểm số liệu": the period's stored revisions, refreshed when the province or period
 *   changes and after a save or a fetch.
 */
import { methodologyFor, parsePeriod, periodKey, periodStart, summaryLayoutFor, summaryRowsFromInput, type Issue, type IssueLocation } from "../../shared";
import type { PutPeriodBody } from "../../shared/api-schema";
import { ApiClientError, UnreachableError, type PutResult, type StoredPeriod } from "../api/client";
import { indicatorTableRows, INPUT_SHEETS, inputFromTables, inputSheet, issueCell, tableRows, type InputRead, type InputSheet } from "../sheets/inputs";
import type { Choice, Deps } from "./controller";
import { periodText, revisionText, vnDateTime, vnTime } from "./moments";
import type { PaneSettings } from "./settings";

const UNREACHABLE = "Không kết nối được máy chủ chiso766; kiểm tra Địa chỉ máy chủ trong Cài đặt.";
const RELOAD = "Tải bản trên máy chủ về";
const ON_TOP = "Vẫn lưu thành bản mới (giữ bản kia)";

/** The period's datasets as PUT takes them (the previous-period table belongs to another period and is not sent). */
export function putBody(input: InputRead["input"]): PutPeriodBody {
  return {
    ...(input.dataTimestamp ? { dataTimestamp: input.dataTimestamp } : {}),
    ...(input.summary ? { summary: input.summary } : {}),
    ...(input.unitScores ? { unitScores: input.unitScores } : {}),
    ...(input.overdueDossiers ? { overdueDossiers: input.overdueDossiers } : {}),
    ...(input.overduePetitions ? { overduePetitions: input.overduePetitions } : {}),
    ...(input.letter ? { letter: input.letter } : {}),
  } as PutPeriodBody;
}

const DATASETS = ["summary", "unitScores", "overdueDossiers", "overduePetitions"] as const;

/** A Worker issue path ("body.unitScores.3.total") as an engine location, so it links to its input cell. */
export function pathLocation(path: string): IssueLocation {
  const parts = path.replace(/^body\.?/, "").split(".");
  const dataset = DATASETS.find((d) => d === parts[0]);
  if (!dataset) return { dataset: "input" };
  const index = /^\d+$/.test(parts[1] ?? "") ? Number(parts[1]) : null;
  const column = parts.slice(index === null ? 1 : 2).join(".");
  return { dataset, ...(index !== null ? { row: index + 1 } : {}), ...(column ? { column } : {}) };
}

/** The settings' period key, or null after saying what is wrong. */
function periodOf(deps: Deps, s: PaneSettings): string | null {
  const period = parsePeriod(s.period);
  if (!period) {
    deps.ui.status(`Kỳ báo cáo "${s.period}" không hợp lệ (ví dụ 2024-12): chọn lại tháng, quý hoặc năm ở mục Kỳ báo cáo.`, "error");
    return null;
  }
  return periodKey(period);
}

/** Remember the ETag of what was just read or saved; a workbook that cannot keep it is said, not fatal. */
async function remember(deps: Deps, s: PaneSettings, key: string, etag: string): Promise<string> {
  try {
    await deps.etags?.set(s.province, key, etag);
    return "";
  } catch (err) {
    return ` Chưa ghi được dấu phiên bản vào sổ tính (${err instanceof Error ? err.message : String(err)}): lần lưu sau máy chủ sẽ hỏi lại.`;
  }
}

/**
 * "Lưu kỳ này lên máy chủ". `onTop`: the ETag to build on (the choice "Vẫn lưu thành bản mới (giữ bản kia)"); by
 * default the one this workbook last read or saved.
 */
export async function saveToServer(deps: Deps, onTop: string | null = null): Promise<PutResult | null> {
  const { ui } = deps;
  const s = deps.settings();
  ui.choices?.([]);
  if (!deps.excel) {
    ui.status("Mở trong Excel để lưu bảng nhập liệu lên máy chủ.", "info");
    return null;
  }
  const key = periodOf(deps, s);
  if (!key) return null;
  if (!s.workerUrl.trim() || !deps.save) {
    ui.status("Lưu lên máy chủ cần Địa chỉ máy chủ và Khóa truy cập có quyền ghi: đặt trong Cài đặt.", "error");
    return null;
  }
  ui.progress("Đọc bảng nhập liệu…", 10);
  let read: InputRead;
  try {
    const { tables, missing } = await deps.excel.read();
    if (missing.length === INPUT_SHEETS.length) {
      ui.progress("Dừng", 0);
      ui.status("Chưa có bảng nhập liệu nào: bấm “Tạo bảng nhập liệu”, dán số liệu rồi lưu.", "error");
      return null;
    }
    read = inputFromTables(tables, { province: s.province, period: key });
  } catch (err) {
    ui.progress("Dừng", 0);
    ui.status(`Không đọc được bảng nhập liệu: ${err instanceof Error ? err.message : String(err)}`, "error");
    return null;
  }
  if (!read.input.unitScores?.length) {
    ui.progress("Dừng", 0);
    ui.status(`Bảng “${inputSheet("unitScores").sheetName}” chưa có dòng nào: chưa có gì để lưu.`, "error");
    return null;
  }
  // A cell the tables could not give (an unknown indicator code, a text for a number) is never stored as if it were not there.
  const unread = (read.problems ?? []).filter((p) => p.severity === "error");
  if (unread.length) {
    const { rowMaps, indicatorRows } = read;
    ui.progress("Dừng", 0);
    ui.issues(unread, (issue) => {
      const target = issueCell(issue.location, rowMaps, indicatorRows);
      return target ? `'${target.sheet}'!${target.address}` : null;
    });
    ui.status(`${unread.length} ô trong bảng nhập liệu không đọc được (danh sách dưới): sửa rồi lưu lại. Chưa lưu gì.`, "error");
    return null;
  }
  const ifMatch = onTop ?? deps.etags?.get(s.province, key) ?? null;
  ui.progress(`Lưu kỳ ${periodText(key)} lên máy chủ…`, 50);
  try {
    const put = await deps.save(s, key, putBody(read.input), ifMatch);
    const note = await remember(deps, s, key, put.etag);
    ui.progress("Xong", 100);
    ui.issues([], () => null);
    ui.status(`Đã lưu kỳ ${periodText(key)} lên máy chủ (bản số ${put.revision}, lúc ${vnTime((deps.now ?? (() => new Date()))())}).${note}`, note ? "warning" : "ok");
    await refreshMoments(deps);
    return put;
  } catch (err) {
    if (err instanceof ApiClientError && (err.status === 409 || err.status === 428)) {
      ui.progress("Chưa lưu: máy chủ có bản mới hơn", 0);
      await conflict(deps, s, key, err, ifMatch);
      return null;
    }
    ui.progress("Dừng", 0);
    if (err instanceof ApiClientError && err.issues.length) {
      ui.issues(
        err.issues.map((i): Issue => ({ severity: "error", code: i.code, message: `${i.path.replace(/^body\.?/, "") || "dữ liệu"}: ${i.message}`, location: pathLocation(i.path) })),
        (issue) => {
          const target = issueCell(issue.location, read.rowMaps, read.indicatorRows);
          return target ? `'${target.sheet}'!${target.address}` : null;
        },
      );
    }
    const why = err instanceof UnreachableError ? UNREACHABLE : err instanceof Error ? err.message : String(err);
    ui.status(`Chưa lưu lên máy chủ: ${why} Bảng nhập liệu và các bản trên máy chủ giữ nguyên.`, "error");
    return null;
  }
}

/** A save that lost to another revision (409) or that did not know the head (428): who stored what, and the two ways on. */
async function conflict(deps: Deps, s: PaneSettings, key: string, err: ApiClientError, sent: string | null): Promise<void> {
  const { ui } = deps;
  const list = await deps.revisions?.(s, key).catch(() => null);
  const head = list?.revisions.find((r) => r.revision === list.head) ?? list?.revisions[0] ?? null;
  const what = head ? revisionText(head) : null;
  const text = !what
    ? err.message
    : sent
      ? `${what} đã thay bản anh/chị đang sửa.`
      : `Kỳ ${periodText(key)} trên máy chủ đã có ${what[0]?.toLowerCase()}${what.slice(1)}; sổ tính này chưa tải về hay lưu lên bản nào của kỳ này.`;
  ui.status(`${text} Chưa lưu gì. Chọn “${RELOAD}” (bảng nhập liệu lấy theo bản đó) hoặc “${ON_TOP}” (bản trên máy chủ vẫn giữ trong lịch sử).`, "warning");
  // No head at all (the server lost the revision this workbook knew): the first revision takes If-Match "*".
  const etag = head?.etag ?? err.etag ?? "*";
  const choices: Choice[] = [
    ...(head ? [{ label: RELOAD, run: () => reloadFromServer(deps) }] : []),
    { label: ON_TOP, run: () => saveToServer(deps, etag) },
  ];
  ui.choices?.(choices);
  await refreshMoments(deps);
}

/**
 * "Tải bản trên máy chủ về": the period's head on the Worker fills the input tables (a table that holds
 * data is replaced only when the clerk ticked “Thay số liệu cũ”), and its ETag is remembered for the next save.
 */
export async function reloadFromServer(deps: Deps): Promise<StoredPeriod | null> {
  const { ui } = deps;
  const s = deps.settings();
  const key = periodOf(deps, s);
  if (!key || !deps.excel) return null;
  if (!s.workerUrl.trim() || !deps.storedPeriod) {
    ui.status("Tải về cần Địa chỉ máy chủ: đặt trong Cài đặt.", "error");
    return null;
  }
  ui.progress(`Tải kỳ ${periodText(key)} từ máy chủ…`, 20);
  let stored: StoredPeriod | null;
  try {
    stored = await deps.storedPeriod(s, key);
  } catch (err) {
    ui.progress("Dừng", 0);
    ui.status(`Không tải được: ${err instanceof UnreachableError ? UNREACHABLE : err instanceof Error ? err.message : String(err)} Bảng nhập liệu không thay đổi.`, "error");
    return null;
  }
  if (!stored) {
    ui.progress("Dừng", 0);
    ui.status(`Máy chủ chưa có bản nào của kỳ ${periodText(key)}. Bảng nhập liệu không thay đổi.`, "warning");
    return null;
  }
  const replace = deps.replaceInputs?.() ?? false;
  const d = stored.datasets;
  const period = parsePeriod(key);
  const methodology = methodologyFor(period ? periodStart(period) : "2024-01-01");
  const indicatorRows = d.unitScores ? indicatorTableRows(d.unitScores, methodology) : [];
  const fills: [InputSheet["id"], (string | number)[][] | null][] = [
    ["unitScores", d.unitScores ? tableRows(inputSheet("unitScores"), d.unitScores) : null],
    ["indicators", indicatorRows.length ? indicatorRows : null],
    ["summary", d.summary ? summaryRowsFromInput(d.summary, summaryLayoutFor(methodology), methodology.groups) : null],
    ["overdueDossiers", d.overdueDossiers ? tableRows(inputSheet("overdueDossiers"), d.overdueDossiers) : null],
    ["overduePetitions", d.overduePetitions ? tableRows(inputSheet("overduePetitions"), d.overduePetitions) : null],
  ];
  const done: string[] = [];
  const kept: string[] = [];
  try {
    ui.progress("Điền bảng nhập liệu…", 60);
    for (const [id, rows] of fills) {
      const name = inputSheet(id).sheetName;
      if (!rows?.length) {
        kept.push(name);
        continue;
      }
      const r = await deps.excel.fill(id, rows, replace);
      if (r.refused) {
        ui.progress("Dừng", 0);
        const partly = done.length ? ` Đã điền: ${done.join(", ")}.` : "";
        ui.status(`${r.refused.replace(/\.$/, "")}, rồi bấm lại “${RELOAD}”.${partly}`, "warning");
        return null;
      }
      done.push(`${r.written} dòng vào “${name}”`);
    }
  } catch (err) {
    ui.progress("Dừng", 0);
    ui.status(`Đã tải bản số ${stored.revision} nhưng không điền được vào Excel: ${err instanceof Error ? err.message : String(err)}`, "error");
    return null;
  }
  const note = await remember(deps, s, key, stored.etag);
  ui.choices?.([]);
  ui.progress("Xong", 100);
  const keptText = kept.length ? ` Bản này không có ${kept.map((k) => `“${k}”`).join(", ")}: các bảng đó giữ nguyên.` : "";
  ui.status(
    `Đã tải bản số ${stored.revision} của kỳ ${periodText(key)} (do «${stored.createdBy}» lưu lúc ${vnDateTime(stored.createdAt)}) về: ${done.join(", ")}.${keptText} Lần lưu sau sẽ thành bản mới trên bản này.${note}`,
    note ? "warning" : "ok",
  );
  await refreshMoments(deps);
  return stored;
}

/** Fill the list "Thời điểm số liệu" with the settings' period's revisions (quietly: no status line). */
export async function refreshMoments(deps: Deps): Promise<void> {
  const { ui } = deps;
  if (!ui.moments) return;
  const s = deps.settings();
  const period = parsePeriod(s.period);
  if (!period) return ui.moments(null, "Kỳ báo cáo chưa hợp lệ.");
  if (!s.workerUrl.trim() || !deps.revisions) return ui.moments(null, "Chưa đặt địa chỉ máy chủ: chỉ lập được từ bảng nhập liệu trong sổ.");
  const key = periodKey(period);
  try {
    const list = await deps.revisions(s, key);
    ui.moments(list, list ? "" : `Máy chủ chưa lưu bản nào của ${s.province} kỳ ${periodText(key)}.`);
  } catch (err) {
    ui.moments(null, err instanceof UnreachableError ? "Không kết nối được máy chủ: chỉ lập được từ bảng nhập liệu trong sổ." : `Không lấy được danh sách bản đã lưu: ${err instanceof Error ? err.message : String(err)}`);
  }
}
