/**
 * Task pane entry (the only module with side effects): in Excel, wire the buttons to the controller
 * with the real Excel functions; opened in a plain browser, say so and preview the sample month.
 */
import { seedReportInput } from "../../samples/seed-000-input";
import { build, createInputs, fetchPortal, normalize } from "../app/controller";
import { loadSettings, saveSettings } from "../app/settings";
import { wire } from "../app/wiring";
import type { InputSheet } from "../sheets/inputs";
import { createUi, fillForm, readForm, showMode } from "./ui";

const store = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();

function start(inExcel: boolean): void {
  showMode(inExcel);
  fillForm(loadSettings(store));
  const ui = createUi((ref) => void deps.excel?.select(ref));
  // The sample month is the preview's only: the ribbon's bundle does not carry it.
  const deps = wire({ ui, settings: () => readForm(), inExcel, sample: () => seedReportInput() });
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
