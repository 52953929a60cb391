/**
 * Where the settings live (addin/app/settings.ts, addin/excel/document-settings.ts), with a stubbed
 * Office.context.document.settings: the province, period and letter in the workbook (saved with
 * saveAsync), the Worker address and key on the machine; an older localStorage value for the workbook's
 * fields is used while the workbook has none.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_SETTINGS, loadSettings, saveSettings, type PaneSettings } from "../../addin/app/settings";
import { documentSettings, workbookStore } from "../../addin/excel/document-settings";

function machine(initial?: object) {
  const items = new Map<string, string>(initial ? [["chiso766.settings", JSON.stringify(initial)]] : []);
  return { items, store: { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) } };
}

function bag(initial?: object, fail = false) {
  const values = new Map<string, unknown>(initial ? [["chiso766.workbook", initial]] : []);
  const saved: unknown[] = [];
  return {
    values,
    saved,
    settings: {
      get: (k: string) => values.get(k) ?? null,
      set: (k: string, v: unknown) => void values.set(k, v),
      saveAsync: (cb: (r: { status: "succeeded" | "failed"; error?: { message: string } }) => void) => {
        if (fail) return cb({ status: "failed", error: { message: "The document is read-only." } });
        saved.push(values.get("chiso766.workbook"));
        cb({ status: "succeeded" });
      },
    },
  };
}

const MINE: PaneSettings = { workerUrl: "https://w.example", apiKey: "c766_secret", province: "PT", period: "2026-08", letterNumber: "12/UBND", letterDate: "2026-09-05" };

afterEach(() => vi.unstubAllGlobals());

describe("settings: machine and workbook", () => {
  it("saving puts the province, period and letter into the workbook (saveAsync), the address and key on the machine only", async () => {
    vi.stubGlobal("Office", { AsyncResultStatus: { Failed: "failed" } });
    const m = machine({ workerUrl: "https://old.example", apiKey: "", province: "HN", period: "2024-12" });
    const b = bag();
    expect(await saveSettings(m.store, workbookStore(b.settings), MINE)).toBe("workbook");
    expect(b.saved).toEqual([{ province: "PT", period: "2026-08", letterNumber: "12/UBND", letterDate: "2026-09-05" }]);
    expect(JSON.parse(m.items.get("chiso766.settings") ?? "")).toEqual({ workerUrl: "https://w.example", apiKey: "c766_secret" });
    expect(JSON.stringify([...b.values])).not.toContain("c766_secret");
    expect(loadSettings(m.store, workbookStore(b.settings))).toEqual(MINE);
  });

  it("another workbook has its own province and period; the machine's address and key follow the machine", () => {
    const m = machine({ workerUrl: "https://w.example", apiKey: "c766_secret" });
    const other = bag({ province: "HN", period: "2024-11", letterNumber: "", letterDate: "" });
    expect(loadSettings(m.store, workbookStore(other.settings))).toEqual({ ...MINE, province: "HN", period: "2024-11", letterNumber: "", letterDate: "" });
  });

  it("migration: a province and period kept in localStorage by an older version are used while the workbook has none", () => {
    const m = machine({ workerUrl: "https://w.example", apiKey: "k", province: "PT", period: "2026-07", letterNumber: "9/UBND", letterDate: "" });
    expect(loadSettings(m.store, workbookStore(bag().settings))).toMatchObject({ province: "PT", period: "2026-07", letterNumber: "9/UBND" });
    // The workbook's own values win, field by field.
    expect(loadSettings(m.store, workbookStore(bag({ period: "2026-08" }).settings))).toMatchObject({ province: "PT", period: "2026-08" });
  });

  it("the workbook cannot be saved (read-only): the error says so and the machine keeps its older copy", async () => {
    vi.stubGlobal("Office", { AsyncResultStatus: { Failed: "failed" } });
    const m = machine({ workerUrl: "https://old.example", apiKey: "", province: "HN", period: "2024-12" });
    await expect(saveSettings(m.store, workbookStore(bag(undefined, true).settings), MINE)).rejects.toThrow("không lưu được cài đặt vào sổ tính: The document is read-only.");
    expect(JSON.parse(m.items.get("chiso766.settings") ?? "")).toMatchObject({ province: "HN", period: "2024-12" });
  });

  it("outside Excel (browser preview) there is no workbook: everything stays on the machine", async () => {
    expect(documentSettings()).toBeNull();
    const m = machine();
    expect(await saveSettings(m.store, null, MINE)).toBe("machine");
    expect(loadSettings(m.store, null)).toEqual(MINE);
  });

  it("documentSettings() is Office.context.document.settings when Office has one", () => {
    const b = bag({ province: "PT" });
    vi.stubGlobal("Office", { context: { document: { settings: b.settings } } });
    expect(documentSettings()?.read()).toEqual({ province: "PT" });
  });

  it("nothing saved anywhere: the defaults, with the Worker this build carries", () => {
    expect(loadSettings(machine().store, workbookStore(bag().settings))).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings(null)).toEqual(DEFAULT_SETTINGS);
  });
});
