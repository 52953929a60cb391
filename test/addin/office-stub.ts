/**
 * Stands in for office.js in the Chromium tests: Office.onReady reports Excel, Excel.run hands the
 * task pane the recording fake context, holding the seed month's input tables, and the workbook's
 * settings are a map (window.__settings: what saveAsync saved).
 */
import { inputSheet } from "../../addin/sheets/inputs";
import { seededContext } from "./seed-context";

const ctx = seededContext();

// A block pasted from the portal, selected: what "Chuẩn hoá" reads.
const paste = ctx.addSheet("Dán từ Cổng");
[["Tên đơn vị", "Tổng", "Cấp huyện", "Cấp xã"], ["So Tu phap", "11.212", "", ""], ["UBND Hai Chau", "5", "", ""]].forEach((row, r) => row.forEach((v, c) => paste.grid.set(`${r},${c}`, v)));
ctx.selection = paste.getRangeByIndexes(0, 0, 3, 4);

const w = window as unknown as Record<string, unknown>;
w["__fake"] = {
  get syncs() {
    return ctx.syncs;
  },
  sheetNames: () => ctx.sheets.map((s) => s.name),
  log: ctx.log,
  /** Replace input tables (by id) with these rows, as a fetch or a paste would fill them. */
  seed: (tables: Record<string, unknown[][]>) => {
    for (const [id, rows] of Object.entries(tables)) {
      const def = inputSheet(id as Parameters<typeof inputSheet>[0]);
      ctx.seedTable(def.sheetName, def.tableName, "A2", def.columns.map((c) => c.header), rows);
    }
  },
  /** Type a value into a sheet's row whose first two cells are `a` and `b`, in column `col` (0-based); false when there is no such row. */
  type: (sheetName: string, a: string, b: string, col: number, value: unknown) => {
    const sheet = ctx.sheet(sheetName);
    for (let r = 0; sheet && r < 10_000; r++) {
      if (sheet.grid.get(`${r},0`) === a && sheet.grid.get(`${r},1`) === b) {
        sheet.grid.set(`${r},${col}`, value);
        return true;
      }
    }
    return false;
  },
  /** A block of a sheet's values. */
  block: (sheetName: string, r: number, c: number, rows: number, cols: number) => ctx.sheet(sheetName)?.block(r, c, rows, cols) ?? null,
};
w["__steps"] = [];
const settings = new Map<string, unknown>();
w["__settings"] = { saved: [] as unknown[] };
// The URLs the pane opened in the system browser (Office.context.ui.openBrowserWindow).
w["__opened"] = [] as string[];
w["Office"] = {
  HostType: { Excel: "Excel" },
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  onReady: (cb?: (info: { host: string; platform: string }) => void) => Promise.resolve().then(() => cb?.({ host: "Excel", platform: "PC" })),
  context: {
    requirements: { isSetSupported: () => true },
    ui: { openBrowserWindow: (url: string) => void (w["__opened"] as string[]).push(url) },
    document: {
      settings: {
        get: (k: string) => settings.get(k) ?? null,
        set: (k: string, v: unknown) => void settings.set(k, v),
        saveAsync: (cb?: (r: { status: string }) => void) => {
          (w["__settings"] as { saved: unknown[] }).saved.push(JSON.parse(JSON.stringify(settings.get("chiso766.workbook") ?? null)));
          cb?.({ status: "succeeded" });
        },
      },
    },
  },
  actions: { associate: () => undefined },
};
w["Excel"] = { run: (work: (c: unknown) => Promise<unknown>) => work(ctx) };

document.addEventListener("DOMContentLoaded", () => {
  const step = document.getElementById("step");
  if (step) new MutationObserver(() => (w["__steps"] as string[]).push(step.textContent ?? "")).observe(step, { childList: true, characterData: true, subtree: true });
});
