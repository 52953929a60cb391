/**
 * The workbook's own settings (Office.context.document.settings, common API "Settings"): province,
 * period, letter number and date live here under one entry, so that they follow the workbook. set()
 * changes Office's in-memory copy; saveAsync() writes it into the document (which the clerk then saves
 * like any change). Outside Office there is no workbook: null.
 */
import { WORKBOOK_FIELDS, WORKBOOK_SETTINGS_KEY, type WorkbookSettings, type WorkbookStore } from "../app/settings";

/** The part of Office.Settings used here (the tests hand in a stub; documentSettings() passes the real one). */
export interface SettingsBag {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback: (result: { status: Office.AsyncResultStatus | `${Office.AsyncResultStatus}`; error?: { message: string } | undefined }) => void): void;
}

export function workbookStore(bag: SettingsBag): WorkbookStore {
  return {
    read() {
      const value = bag.get(WORKBOOK_SETTINGS_KEY) as unknown;
      const out: Partial<WorkbookSettings> = {};
      if (value && typeof value === "object") {
        for (const f of WORKBOOK_FIELDS) {
          const v = (value as Record<string, unknown>)[f];
          if (typeof v === "string") out[f] = v;
        }
      }
      return out;
    },
    write(settings) {
      bag.set(WORKBOOK_SETTINGS_KEY, { ...settings });
      return new Promise((resolve, reject) => {
        bag.saveAsync((result) => {
          if (result.status === Office.AsyncResultStatus.Failed) reject(new Error(`không lưu được cài đặt vào sổ tính: ${result.error?.message ?? "lỗi không rõ"}`));
          else resolve();
        });
      });
    },
  };
}

/** The running workbook's settings, or null outside Excel. */
export function documentSettings(): WorkbookStore | null {
  const bag = typeof Office !== "undefined" ? Office.context?.document?.settings : undefined;
  return bag ? workbookStore(bag) : null;
}
