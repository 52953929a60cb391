/**
 * Task pane entry (the only module with side effects): in Excel, wire the buttons to the controller
 * with the real Excel functions; opened in a plain browser, say so and preview the sample month.
 */
import { seedReportInput } from "../../samples/seed-000-input";
import { fetchFromPortal, postReport } from "../api/client";
import { fillInputTable } from "../excel/fill-inputs";
import { createInputSheets } from "../excel/create-inputs";
import { readInputTables } from "../excel/read-inputs";
import { excelFeatures, runExcel } from "../excel/run";
import { selectCell } from "../excel/select";
import { writeReport } from "../excel/write-report";
import { CATALOGS } from "../../shared";
import type { InputSheet } from "../sheets/inputs";
import { normalizeSelection } from "../excel/normalize-selection";
import { build, createInputs, fetchPortal, normalize, type Deps, type ExcelPort } from "./controller";
import { loadSettings, saveSettings } from "./settings";
import { createUi, fillForm, readForm, showMode } from "./ui";

const store = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();

function excelPort(): ExcelPort {
  return {
    read: () => runExcel(readInputTables),
    write: (report, read) => runExcel((ctx) => writeReport(ctx, report, excelFeatures(), read)),
    createInputs: () => runExcel((ctx) => createInputSheets(ctx, excelFeatures())),
    select: async (reference) => void (await runExcel((ctx) => selectCell(ctx, reference))),
    normalize: (target, province, date, replace) => {
      const catalog = CATALOGS[province];
      if (!catalog) return Promise.reject(new Error(`chưa có danh mục đơn vị cho "${province}"`));
      return runExcel((ctx) => normalizeSelection(ctx, target, catalog, date, replace));
    },
    fill: (target, rows, replace) => runExcel((ctx) => fillInputTable(ctx, target, rows, replace)),
  };
}

function start(inExcel: boolean): void {
  showMode(inExcel);
  fillForm(loadSettings(store));
  const excel = inExcel ? excelPort() : null;
  const ui = createUi((ref) => void excel?.select(ref));
  const deps: Deps = {
    ui,
    excel,
    settings: () => readForm(),
    api: (input, s) => postReport({ baseUrl: s.workerUrl, apiKey: s.apiKey }, input, { ...(s.letterNumber || s.letterDate ? { letter: { ...(s.letterNumber ? { number: s.letterNumber } : {}), ...(s.letterDate ? { date: s.letterDate } : {}) } } : {}) }),
    portal: (s, onProgress) => fetchFromPortal({ baseUrl: s.workerUrl, apiKey: s.apiKey }, s.province, s.period, onProgress),
    sample: () => seedReportInput(),
  };
  const button = (id: string, run: () => Promise<unknown>) => {
    const el = document.getElementById(id) as HTMLButtonElement;
    el.addEventListener("click", async () => {
      el.disabled = true;
      try {
        await run();
      } finally {
        el.disabled = false;
      }
    });
  };
  button("build", () => build(deps));
  button("create-inputs", () => createInputs(deps));
  button("normalize", () => normalize(deps, (document.getElementById("normalize-target") as HTMLSelectElement).value as InputSheet["id"], (document.getElementById("normalize-replace") as HTMLInputElement).checked));
  button("portal-fetch", () => fetchPortal(deps, (document.getElementById("portal-replace") as HTMLInputElement).checked));
  button("save-settings", async () => {
    saveSettings(store, readForm());
    ui.status("Đã lưu cài đặt trên máy này.", "ok");
  });
  if (!inExcel) void build(deps);
}

const office = (globalThis as { Office?: typeof Office }).Office;
if (office?.onReady) {
  void office.onReady((info) => start(info.host === office.HostType.Excel));
} else {
  start(false);
}
