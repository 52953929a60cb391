/**
 * "Xuất văn bản (Word)" (no DOM, no Office.js here): the Worker writes the period's letter as a .docx
 * from the stored month (GET …/letter.docx); the task pane asks it for a signed link (POST
 * …/letter-link, the key in the Authorization header; the link is valid 5 minutes and carries no key)
 * and opens it in the system browser, which downloads the file — a task pane cannot download it
 * itself (blocked on Mac, unreliable on Windows). Where Office cannot open the browser (Excel on the web,
 * older builds) the link is shown for the clerk to copy. Without a Worker, or offline, the button says why
 * it cannot work: the letter is built on the server from the stored month.
 */
import { parsePeriod, periodKey } from "../../shared";
import type { LetterLinkRequest } from "../../shared/api-schema";
import type { LetterLink } from "../../shared/api-responses";
import { ApiClientError, UnreachableError } from "../api/client";
import type { Deps } from "./controller";
import { periodText, vnTime } from "./moments";
import type { PaneSettings } from "./settings";

/** Why "Xuất văn bản (Word)" cannot work now, or null when it can: no Worker address, or the machine is offline. */
export function letterUnavailable(s: Pick<PaneSettings, "workerUrl">, online: boolean): string | null {
  if (!s.workerUrl.trim()) return "Xuất văn bản (Word) cần máy chủ chiso766 (văn bản lập trên máy chủ từ kỳ đã lưu): đặt Địa chỉ máy chủ và Khóa truy cập trong Cài đặt.";
  if (!online) return "Máy đang ngoại tuyến: Xuất văn bản (Word) cần kết nối tới máy chủ chiso766.";
  return null;
}

/** What the link is asked for: the revision chosen under "Thời điểm số liệu" (else the head), the letter's number and date. */
function linkRequest(deps: Deps, s: PaneSettings): LetterLinkRequest {
  const moment = deps.moment?.() ?? null;
  return {
    ...(moment ? { revision: moment.revision } : {}),
    ...(s.letterNumber.trim() ? { number: s.letterNumber.trim() } : {}),
    ...(s.letterDate.trim() ? { date: s.letterDate.trim() } : {}),
  };
}

/** "Xuất văn bản (Word)": the link opened in the browser, or shown to copy; null when there is none (the status says why). */
export async function exportLetter(deps: Deps, online = true): Promise<LetterLink | null> {
  const { ui } = deps;
  const s = deps.settings();
  ui.link?.(null, "");
  const why = letterUnavailable(s, online) ?? (deps.letterLink ? null : "Bản này của add-in không gọi được máy chủ để xuất văn bản.");
  if (why || !deps.letterLink) {
    ui.status(why ?? "", "error");
    return null;
  }
  const parsed = parsePeriod(s.period);
  if (!parsed) {
    ui.status(`Kỳ báo cáo "${s.period}" không hợp lệ (ví dụ 2024-12): chọn lại tháng, quý hoặc năm ở mục Kỳ báo cáo.`, "error");
    return null;
  }
  const key = periodKey(parsed);
  const request = linkRequest(deps, s);
  ui.progress(`Máy chủ lập văn bản Word kỳ ${periodText(key)}…`, 30);
  let link: LetterLink;
  try {
    link = await deps.letterLink(s, key, request);
  } catch (err) {
    ui.progress("Dừng", 0);
    ui.status(failureText(err, s, key, request), "error");
    return null;
  }
  ui.progress("Xong", 100);
  const until = vnTime(new Date(link.expiresAt));
  const what = `văn bản Word kỳ ${periodText(key)} (bản số ${link.revision} trên máy chủ)`;
  if (deps.openBrowser?.(link.url)) {
    ui.status(`Đã mở ${what} trong trình duyệt: trình duyệt tải tệp .docx về. Liên kết dùng được đến ${until} (5 phút), không chứa khóa truy cập.`, "ok");
  } else {
    ui.link?.(link.url, `Excel này không mở được trình duyệt từ bảng điều khiển (cần OpenBrowserWindowApi 1.1; Excel trên web không có): sao chép liên kết dưới đây, dán vào trình duyệt để tải văn bản Word. Liên kết dùng được đến ${until} (5 phút) và không chứa khóa truy cập.`);
    ui.status(`Đã có liên kết tải ${what}: sao chép liên kết bên dưới vào trình duyệt.`, "info");
  }
  return link;
}

/** A failed link request in the clerk's words. */
function failureText(err: unknown, s: PaneSettings, key: string, request: LetterLinkRequest): string {
  if (err instanceof UnreachableError) return `Không kết nối được máy chủ chiso766 (${err.message.replace(/\.$/, "")}), nên chưa xuất được văn bản Word: văn bản lập trên máy chủ từ số liệu đã lưu. Kiểm tra mạng và Địa chỉ máy chủ trong Cài đặt.`;
  if (err instanceof ApiClientError && err.status === 404 && request.revision === undefined) {
    return `Máy chủ chưa có số liệu ${s.province} kỳ ${periodText(key)}: bấm “Lưu kỳ này lên máy chủ” (hoặc “Lấy dữ liệu từ Cổng DVCQG”) trước khi xuất văn bản.`;
  }
  if (err instanceof ApiClientError) {
    const details = err.issues.map((i) => i.message).join("; ");
    return `Không xuất được văn bản Word: ${err.message.replace(/\.$/, "")}${details ? ` (${details})` : ""}.`;
  }
  return `Không xuất được văn bản Word: ${err instanceof Error ? err.message : String(err)}`;
}
