/**
 * Ribbon commands. "Lập phụ lục" runs the same controller as the task-pane button, wired the same way
 * (app/wiring.ts: same Excel functions, same Worker request with the letter's number and date); its
 * progress and result go to the sheets it writes (the issue sheet opens with the summary) and to a
 * small dialog, and event.completed() is always called so Excel never stays "working".
 */
import { build } from "../app/controller";
import { loadSettings } from "../app/settings";
import { wire } from "../app/wiring";

export const BUILD_ACTION = "buildAppendices";

export async function buildAppendices(event: Office.AddinCommands.Event): Promise<void> {
  let lastStatus = "";
  try {
    const settings = loadSettings(window.localStorage);
    const silent = { progress: () => undefined, status: (text: string) => void (lastStatus = text), issues: () => undefined, preview: () => undefined };
    const report = await build(wire({ ui: silent, settings: () => settings, inExcel: true }));
    showResult(report ? `Đã lập Phụ lục 1–4: ${report.counts.errors} lỗi, ${report.counts.warnings} cảnh báo. Xem sheet “Kiểm tra dữ liệu”.` : lastStatus || "Không lập được phụ lục.");
  } catch (err) {
    showResult(`Không lập được phụ lục: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    event.completed();
  }
}

/** The result in a small dialog (DialogApi 1.1, available wherever ExcelApi 1.7 is). */
function showResult(text: string): void {
  const url = new URL("result.html", window.location.href);
  url.searchParams.set("text", text);
  Office.context.ui.displayDialogAsync(url.toString(), { height: 25, width: 35, displayInIframe: true });
}

Office.onReady(() => {
  Office.actions.associate(BUILD_ACTION, buildAppendices);
});
