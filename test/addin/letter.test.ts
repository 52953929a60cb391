/**
 * "Xuất văn bản (Word)" (addin/app/letter.ts) with the real Worker client against a recording fetch: the
 * link asked with the key in the Authorization header (never in a URL) for the chosen revision and the
 * letter's number and date, parsed with the shared LetterLink schema, opened in the browser through
 * Office (addin/excel/browser.ts, OpenBrowserWindowApi 1.1) — or shown to copy where Office cannot —
 * and, without a server or offline, the reason instead of a request.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Deps, StatusKind } from "../../addin/app/controller";
import { exportLetter, letterUnavailable } from "../../addin/app/letter";
import { DEFAULT_SETTINGS, type PaneSettings } from "../../addin/app/settings";
import { workerApi } from "../../addin/app/wiring";
import { openBrowserWindow } from "../../addin/excel/browser";
import type { RevisionInfoBody } from "../../shared/api-responses";
import { jsonResponse, recordingFetch } from "./fake-fetch";

const SETTINGS: PaneSettings = { ...DEFAULT_SETTINGS, workerUrl: "https://worker.test/", apiKey: "c766_secret_key", province: "HN", period: "2024-12", letterNumber: "193", letterDate: "2025-01-17" };
const LINK = { url: "https://worker.test/v1/provinces/HN/periods/2024-12/letter.docx?revision=3&number=193&date=2025-01-17&expires=1796454221&sig=abc", expiresAt: "2026-12-05T02:17:00.000Z", revision: 3 };


function pane(fetch: typeof globalThis.fetch, o: { settings?: PaneSettings; opens?: boolean; moment?: RevisionInfoBody | null } = {}) {
  const statuses: [string, StatusKind][] = [];
  const links: [string | null, string][] = [];
  const opened: string[] = [];
  const deps: Deps = {
    ui: { progress: () => undefined, status: (t, k) => void statuses.push([t, k]), issues: () => undefined, preview: () => undefined, link: (url, text) => void links.push([url, text]) },
    excel: null,
    settings: () => o.settings ?? SETTINGS,
    ...workerApi(fetch),
    openBrowser: (url) => {
      opened.push(url);
      return o.opens ?? true;
    },
    moment: () => o.moment ?? null,
  };
  return { deps, statuses, links, opened };
}

describe("letterUnavailable: why the button cannot work", () => {
  it("no Worker address; offline; otherwise none", () => {
    expect(letterUnavailable({ workerUrl: "  " }, true)).toBe("Xuất văn bản (Word) cần máy chủ chiso766 (văn bản lập trên máy chủ từ kỳ đã lưu): đặt Địa chỉ máy chủ và Khóa truy cập trong Cài đặt.");
    expect(letterUnavailable({ workerUrl: "https://worker.test" }, false)).toBe("Máy đang ngoại tuyến: Xuất văn bản (Word) cần kết nối tới máy chủ chiso766.");
    expect(letterUnavailable({ workerUrl: "https://worker.test" }, true)).toBeNull();
  });
});

describe("exportLetter", () => {
  it("asks the Worker once (POST …/letter-link, key in the header, number and date in the body), parses the link and opens it in the browser", async () => {
    const { calls, fetch } = recordingFetch(() => jsonResponse(LINK));
    const { deps, statuses, links, opened } = pane(fetch);
    expect(await exportLetter(deps)).toEqual(LINK);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe("https://worker.test/v1/provinces/HN/periods/2024-12/letter-link");
    expect(call?.init.method).toBe("POST");
    expect((call?.init.headers as Record<string, string>)["authorization"]).toBe("Bearer c766_secret_key");
    expect(JSON.parse(String(call?.init.body))).toEqual({ number: "193", date: "2025-01-17" });
    expect(opened).toEqual([LINK.url]);
    expect(opened.join()).not.toContain("c766_secret_key");
    expect(links).toEqual([[null, ""]]);
    expect(statuses.at(-1)).toEqual(["Đã mở văn bản Word kỳ 12/2024 (bản số 3 trên máy chủ) trong trình duyệt: trình duyệt tải tệp .docx về. Liên kết dùng được đến 09:17 (5 phút), không chứa khóa truy cập.", "ok"]);
  });

  it("the revision chosen under “Thời điểm số liệu” is the one asked for", async () => {
    const { calls, fetch } = recordingFetch(() => jsonResponse(LINK));
    const moment = { revision: 2 } as RevisionInfoBody;
    await exportLetter(pane(fetch, { moment, settings: { ...SETTINGS, letterNumber: "", letterDate: "" } }).deps);
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ revision: 2 });
  });

  it("where Office cannot open the browser: the link shown to copy, said in Vietnamese", async () => {
    const { fetch } = recordingFetch(() => jsonResponse(LINK));
    const { deps, statuses, links } = pane(fetch, { opens: false });
    await exportLetter(deps);
    expect(links.at(-1)).toEqual([
      LINK.url,
      "Excel này không mở được trình duyệt từ bảng điều khiển (cần OpenBrowserWindowApi 1.1; Excel trên web không có): sao chép liên kết dưới đây, dán vào trình duyệt để tải văn bản Word. Liên kết dùng được đến 09:17 (5 phút) và không chứa khóa truy cập.",
    ]);
    expect(statuses.at(-1)).toEqual(["Đã có liên kết tải văn bản Word kỳ 12/2024 (bản số 3 trên máy chủ): sao chép liên kết bên dưới vào trình duyệt.", "info"]);
  });

  it("no Worker address, or offline: the reason, and no request", async () => {
    const { calls, fetch } = recordingFetch(() => jsonResponse(LINK));
    const none = pane(fetch, { settings: { ...SETTINGS, workerUrl: "" } });
    expect(await exportLetter(none.deps)).toBeNull();
    expect(none.statuses.at(-1)?.[1]).toBe("error");
    expect(none.statuses.at(-1)?.[0]).toContain("cần máy chủ chiso766");
    const offline = pane(fetch);
    expect(await exportLetter(offline.deps, false)).toBeNull();
    expect(offline.statuses.at(-1)).toEqual(["Máy đang ngoại tuyến: Xuất văn bản (Word) cần kết nối tới máy chủ chiso766.", "error"]);
    expect(calls).toHaveLength(0);
    expect(offline.opened).toEqual([]);
  });

  it("the Worker unreachable, the month not stored, a malformed answer: each said, nothing opened", async () => {
    const down = pane(recordingFetch(() => Promise.reject(new TypeError("Failed to fetch"))).fetch);
    expect(await exportLetter(down.deps)).toBeNull();
    expect(down.statuses.at(-1)).toEqual(["Không kết nối được máy chủ chiso766 (Failed to fetch), nên chưa xuất được văn bản Word: văn bản lập trên máy chủ từ số liệu đã lưu. Kiểm tra mạng và Địa chỉ máy chủ trong Cài đặt.", "error"]);
    const missing = pane(recordingFetch(() => jsonResponse({ error: { code: "NOT_FOUND", message: "Chưa có số liệu HN kỳ 2024-12: lưu kỳ này lên máy chủ trước khi xuất văn bản.", issues: [], requestId: "r" } }, 404)).fetch);
    await exportLetter(missing.deps);
    expect(missing.statuses.at(-1)).toEqual(["Máy chủ chưa có số liệu HN kỳ 12/2024: bấm “Lưu kỳ này lên máy chủ” (hoặc “Lấy dữ liệu từ Cổng DVCQG”) trước khi xuất văn bản.", "error"]);
    const invalid = pane(recordingFetch(() => jsonResponse({ error: { code: "VALIDATION_FAILED", message: "Dữ liệu gửi lên không đúng định dạng.", issues: [{ path: "body.date", code: "invalid_format", message: "Ngày văn bản (date) dạng YYYY-MM-DD, ví dụ 2025-01-17" }], requestId: "r" } }, 400)).fetch);
    await exportLetter(invalid.deps);
    expect(invalid.statuses.at(-1)).toEqual(["Không xuất được văn bản Word: Dữ liệu gửi lên không đúng định dạng (Ngày văn bản (date) dạng YYYY-MM-DD, ví dụ 2025-01-17).", "error"]);
    const malformed = pane(recordingFetch(() => jsonResponse({ url: "not a url", expiresAt: LINK.expiresAt, revision: 3 })).fetch);
    await exportLetter(malformed.deps);
    expect(malformed.statuses.at(-1)?.[0]).toBe("Không xuất được văn bản Word: Máy chủ trả về dữ liệu không đúng định dạng (url); add-in và máy chủ có thể khác phiên bản.");
    expect([...down.opened, ...missing.opened, ...invalid.opened, ...malformed.opened]).toEqual([]);
  });
});

describe("openBrowserWindow (addin/excel/browser.ts)", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const office = (supported: boolean, open: (url: string) => void) => ({ context: { requirements: { isSetSupported: (set: string, v: string) => supported && set === "OpenBrowserWindowApi" && v === "1.1" }, ui: { openBrowserWindow: open } } });

  it("opens through Office where OpenBrowserWindowApi 1.1 is supported", () => {
    const opened: string[] = [];
    vi.stubGlobal("Office", office(true, (url) => void opened.push(url)));
    expect(openBrowserWindow(LINK.url)).toBe(true);
    expect(opened).toEqual([LINK.url]);
  });

  it("false, Office not called, where it is not (Excel on the web) or Office is absent; false when Office throws", () => {
    const opened: string[] = [];
    vi.stubGlobal("Office", office(false, (url) => void opened.push(url)));
    expect(openBrowserWindow(LINK.url)).toBe(false);
    vi.stubGlobal("Office", undefined);
    expect(openBrowserWindow(LINK.url)).toBe(false);
    expect(opened).toEqual([]);
    vi.stubGlobal(
      "Office",
      office(true, () => {
        throw new Error("not here");
      }),
    );
    expect(openBrowserWindow(LINK.url)).toBe(false);
  });
});
