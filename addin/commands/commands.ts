/**
 * Ribbon commands. "Lập phụ lục" runs the same controller as the task-pane button, wired the same way
 * (app/wiring.ts: same Excel functions, same Worker request with the letter's number and date, the
 * same settings: the Worker address and key of this machine, the province, period and letter of this
 * workbook). Its result — with the engine that computed it — goes to a small dialog (result.html);
 * event.completed() is called exactly once: when the dialog reports ("Đóng"), is closed, has been open
 * RESULT_DIALOG_TIMEOUT_MS, or could not open — so Excel neither closes the dialog at once nor stays
 * "working".
 */
import { buildWithEngine, engineText } from "../app/controller";
import { RESULT_DIALOG_TIMEOUT_MS } from "../app/requirements";
import { loadSettings } from "../app/settings";
import { wire } from "../app/wiring";
import { documentSettings } from "../excel/document-settings";
import { registerCommand, showDialog, type DialogEnd } from "../excel/ribbon";
import { BUILD_ACTION } from "./ids";

export { BUILD_ACTION };

function localStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The text of the result dialog after one "Lập phụ lục". */
export async function buildText(): Promise<string> {
  let lastStatus = "";
  try {
    const settings = loadSettings(localStore(), documentSettings());
    const silent = { progress: () => undefined, status: (text: string) => void (lastStatus = text), issues: () => undefined, preview: () => undefined };
    const built = await buildWithEngine(wire({ ui: silent, settings: () => settings, inExcel: true }));
    if (!built) return lastStatus || "Không lập được phụ lục.";
    const c = built.report.counts;
    return `Đã lập Phụ lục 1–4: ${c.errors} lỗi, ${c.warnings} cảnh báo. Xem sheet “Kiểm tra dữ liệu”.\n${engineText(built.engine)}`;
  } catch (err) {
    return `Không lập được phụ lục: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** The result in a dialog; resolves with how it ended. */
export function showResult(text: string): Promise<DialogEnd> {
  const url = new URL("result.html", window.location.href);
  url.searchParams.set("text", text);
  return showDialog(url.toString(), RESULT_DIALOG_TIMEOUT_MS, { height: 30, width: 35 });
}

export async function buildAppendices(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await showResult(await buildText());
  } catch {
    /* nothing more to show */
  } finally {
    event.completed();
  }
}

registerCommand(BUILD_ACTION, buildAppendices);
