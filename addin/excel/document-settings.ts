/**
 * The workbook's own settings (Office.context.document.settings, common API "Settings"): province,
 * period, letter number and date live here under one entry, so that they follow the workbook (and, in a
 * second entry, the ETag of each province-period last read from or saved to the Worker). set()
 * changes Office's in-memory copy; saveAsync() writes it into the document (which the clerk then saves
 * like any change). Outside Office there is no workbook: null.
 */
import { ETAGS_KEY, type EtagStore, WORKBOOK_FIELDS, WORKBOOK_SETTINGS_KEY, type WorkbookSettings, type WorkbookStore } from "../app/settings";

/** The part of Office.Settings used here (the tests hand in a stub; documentSettings() passes the real one). */
export interface SettingsBag {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback: (result: { status: Office.AsyncResultStatus | `${Office.AsyncResultStatus}`; error?: { message: string } | undefined }) => void): void;
}

/** set() then saveAsync(): the bag's change written into the document. */
function saved(bag: SettingsBag, name: string, value: unknown): Promise<void> {
  bag.set(name, value);
  return new Promise((resolve, reject) => {
    bag.saveAsync((result) => {
      if (result.status === Office.AsyncResultStatus.Failed) reject(new Error(`không lưu được cài đặt vào sổ tính: ${result.error?.message ?? "lỗi không rõ"}`));
      else resolve();
    });
  });
}

/** The ETags last read or saved, one entry {"HN/2024-12": "\"…\""} in the workbook's settings. */
export function etagStore(bag: SettingsBag): EtagStore {
  const all = (): Record<string, string> => {
    const value = bag.get(ETAGS_KEY) as unknown;
    const out: Record<string, string> = {};
    if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
    return out;
  };
  return {
    get: (province, period) => all()[`${province}/${period}`] ?? null,
    set: (province, period, etag) => saved(bag, ETAGS_KEY, { ...all(), [`${province}/${period}`]: etag }),
  };
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
    write: (settings) => saved(bag, WORKBOOK_SETTINGS_KEY, { ...settings }),
  };
}

/** The running workbook's settings, or null outside Excel. */
export function documentSettings(): WorkbookStore | null {
  const bag = typeof Office !== "undefined" ? Office.context?.document?.settings : undefined;
  return bag ? workbookStore(bag) : null;
}

/** The running workbook's remembered ETags, or null outside Excel. */
export function documentEtags(): EtagStore | null {
  const bag = typeof Office !== "undefined" ? Office.context?.document?.settings : undefined;
  return bag ? etagStore(bag) : null;
}
