/**
 * Task pane entry (the only module with side effects): in Excel, wire the buttons to the controller
 * with the real Excel functions; opened in a plain browser, say so and preview the sample month.
 * Loaded by the ES5 loader (addin/loader/loader.js) only where Excel can run it. Settings: the Worker
 * address and key on this machine, the province, period and letter in the workbook (app/settings.ts);
 * a change to the workbook's fields is saved into the workbook at once, so the ribbon uses it too.
 *
 * This page is the add-in's shared runtime (manifest.xml <Runtimes>): the ribbon's "Lập phụ lục"
 * (commands/commands.ts, registered as it is imported) and the custom functions =CS766.… run here too,
 * whether or not the pane is open.
 */
import { seedReportInput } from "../../samples/seed-000-input";
import "../commands/commands";
import { build, createInputs, fetchPortal, normalize } from "../app/controller";
import { refreshMoments, saveToServer } from "../app/cycle";
import { exportLetter, letterUnavailable } from "../app/letter";
import { openSimulation, runSimulation } from "../app/simulate";
import { loadSettings, pickWorkbook, saveSettings } from "../app/settings";
import { wire } from "../app/wiring";
import { customFunctionsRuntime, pageLoader, registerCustomFunctions } from "../excel/custom-functions";
import { documentEtags, documentSettings } from "../excel/document-settings";
import type { InputSheet } from "../sheets/inputs";
import { createUi, fillForm, PERIOD_FIELDS, readForm, selectedMoment, setupPickers, showLetterAvailability, showMode } from "./ui";

const store = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();

function start(inExcel: boolean): void {
  showMode(inExcel);
  setupPickers();
  const workbook = inExcel ? documentSettings() : null;
  fillForm(loadSettings(store, workbook));
  const ui = createUi((ref) => void deps.excel?.select(ref));
  // The sample month is the preview's only: the ribbon's bundle does not carry it.
  const deps = wire({
    ui,
    settings: () => readForm(),
    inExcel,
    sample: () => seedReportInput(),
    etags: inExcel ? documentEtags() : null,
    moment: selectedMoment,
    replaceInputs: () => (document.getElementById("server-replace") as HTMLInputElement).checked,
  });
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
  button("portal-fetch", async () => {
    await fetchPortal(deps, (document.getElementById("portal-replace") as HTMLInputElement).checked);
    await refreshMoments(deps);
  });
  button("save-period", () => saveToServer(deps));
  // "Xuất văn bản (Word)" needs the Worker: disabled, with why, while none is set or the machine is offline.
  const letterReady = () => showLetterAvailability(letterUnavailable(readForm(), navigator.onLine));
  const letter = document.getElementById("export-letter") as HTMLButtonElement;
  letter.addEventListener("click", async () => {
    letter.disabled = true;
    try {
      await exportLetter(deps, navigator.onLine);
    } finally {
      letterReady();
    }
  });
  for (const id of ["worker-url", "save-settings"]) document.getElementById(id)?.addEventListener(id === "worker-url" ? "input" : "click", letterReady);
  window.addEventListener("online", letterReady);
  window.addEventListener("offline", letterReady);
  letterReady();
  button("simulate", () => openSimulation(deps));
  button("simulate-run", () => runSimulation(deps));
  button("save-settings", async () => {
    try {
      const where = await saveSettings(store, workbook, readForm());
      ui.status(
        where === "workbook"
          ? "Đã lưu: địa chỉ máy chủ và khóa trên máy này; tỉnh, kỳ, số và ngày văn bản trong sổ tính (lưu sổ tính để giữ lại)."
          : "Đã lưu cài đặt trên máy này.",
        "ok",
      );
    } catch (err) {
      ui.status(err instanceof Error ? `Không lưu được: ${err.message}` : "Không lưu được cài đặt.", "error");
    }
  });
  // The workbook's own fields follow the workbook as soon as they change.
  if (workbook) {
    for (const id of ["province", ...PERIOD_FIELDS, "letter-number", "letter-date"]) {
      document.getElementById(id)?.addEventListener("change", () => {
        workbook.write(pickWorkbook(readForm())).catch((err: unknown) => ui.status(err instanceof Error ? `Không lưu được vào sổ tính: ${err.message}` : "Không lưu được vào sổ tính.", "error"));
      });
    }
  }
  // The period's stored revisions: now, and whenever the province, the period or the server changes.
  // A conflict's choices belong to the province-period they were offered for: another one clears them.
  for (const id of ["province", ...PERIOD_FIELDS]) document.getElementById(id)?.addEventListener("change", () => ui.choices?.([]));
  for (const id of ["province", ...PERIOD_FIELDS, "worker-url", "api-key"]) document.getElementById(id)?.addEventListener("change", () => void refreshMoments(deps));
  document.getElementById("save-settings")?.addEventListener("click", () => void refreshMoments(deps));
  if (inExcel) void refreshMoments(deps);
  if (!inExcel) void build(deps);
}

// The custom functions, to the loader's stand-ins (Excel may already be calculating a formula).
registerCustomFunctions(customFunctionsRuntime(), pageLoader());

const office = (globalThis as { Office?: typeof Office }).Office;
if (office?.onReady) {
  void office.onReady((info) => start(info.host === office.HostType.Excel));
} else {
  start(false);
}
