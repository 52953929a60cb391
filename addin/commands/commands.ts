/**
 * Ribbon commands. "Lập phụ lục" runs the same controller as the task-pane button; its progress and
 * result go to the sheets it writes (the issue sheet opens with the summary), and event.completed()
 * is always called so Excel never stays "working".
 */
import { postReport } from "../api/client";
import { readInputTables } from "../excel/read-inputs";
import { createInputSheets } from "../excel/create-inputs";
import { excelFeatures, runExcel } from "../excel/run";
import { selectCell } from "../excel/select";
import { writeReport } from "../excel/write-report";
import { build, type Deps } from "../taskpane/controller";
import { loadSettings } from "../taskpane/settings";
import { seedReportInput } from "../../samples/seed-000-input";

export const BUILD_ACTION = "buildAppendices";

export async function buildAppendices(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const settings = loadSettings(window.localStorage);
    const silent = { progress: () => undefined, status: (text: string) => void (lastStatus = text), issues: () => undefined, preview: () => undefined };
    const deps: Deps = {
      ui: silent,
      excel: {
        read: () => runExcel(readInputTables),
        write: (report, read) => runExcel((ctx) => writeReport(ctx, report, excelFeatures(), read)),
        createInputs: () => runExcel((ctx) => createInputSheets(ctx, excelFeatures())),
        select: async (ref) => void (await runExcel((ctx) => selectCell(ctx, ref))),
        normalize: () => Promise.reject(new Error("Chuẩn hoá chạy từ bảng điều khiển.")),
        fill: () => Promise.reject(new Error("Lấy dữ liệu từ Cổng chạy từ bảng điều khiển.")),
      },
      settings: () => settings,
      api: (input, s) => postReport({ baseUrl: s.workerUrl, apiKey: s.apiKey }, input),
      portal: () => Promise.reject(new Error("Lấy dữ liệu từ Cổng chạy từ bảng điều khiển.")),
      sample: () => seedReportInput(),
    };
    const report = await build(deps);
    showResult(report ? `Đã lập Phụ lục 1–4: ${report.counts.errors} lỗi, ${report.counts.warnings} cảnh báo. Xem sheet “Kiểm tra dữ liệu”.` : lastStatus || "Không lập được phụ lục.");
  } catch (err) {
    showResult(`Không lập được phụ lục: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    event.completed();
  }
}

let lastStatus = "";

/** The result in a small dialog (DialogApi 1.1, available wherever ExcelApi 1.7 is). */
function showResult(text: string): void {
  const url = new URL("result.html", window.location.href);
  url.searchParams.set("text", text);
  Office.context.ui.displayDialogAsync(url.toString(), { height: 25, width: 35, displayInIframe: true });
}

Office.onReady(() => {
  Office.actions.associate(BUILD_ACTION, buildAppendices);
});
