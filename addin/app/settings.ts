/**
 * The add-in's settings, in two homes (the task pane edits them, the ribbon command reads them):
 *   - per machine (the browser's localStorage): the Worker's address and the API key — the key never
 *     goes into the workbook, which travels by e-mail;
 *   - per workbook (the document settings of Office's common API, in addin/excel/document-settings.ts): the
 *     province, period, letter number and date, so that they follow the workbook to another computer.
 * Migration: a province, period or letter that an older version kept in localStorage is used as long
 * as the workbook has none of its own.
 */
import type { LetterRef } from "../../shared";

export interface MachineSettings {
  workerUrl: string;
  apiKey: string;
}

export interface WorkbookSettings {
  province: string;
  period: string;
  letterNumber: string;
  letterDate: string;
}

export type PaneSettings = MachineSettings & WorkbookSettings;

export const MACHINE_FIELDS = ["workerUrl", "apiKey"] as const satisfies readonly (keyof MachineSettings)[];
export const WORKBOOK_FIELDS = ["province", "period", "letterNumber", "letterDate"] as const satisfies readonly (keyof WorkbookSettings)[];

/** localStorage key of the machine's settings (the ES5 loader reads it too). */
export const SETTINGS_KEY = "chiso766.settings";
/** Name of the one entry in the workbook's settings holding {province, period, letterNumber, letterDate}. */
export const WORKBOOK_SETTINGS_KEY = "chiso766.workbook";

/** The dev Worker of `npm start` (wrangler dev over https with the office-addin-dev-certs certificate). */
export const DEV_WORKER_URL = "https://localhost:8787";
/** The default before this version, http: kept in localStorage by every "Lưu cài đặt", it now means "not chosen". */
const OLD_DEFAULT_WORKER_URL = "http://127.0.0.1:8787";

// Replaced by esbuild's `define` with the build's Worker address (scripts/build-addin.ts); absent in tests.
declare const CHISO766_WORKER_URL: string | undefined;
/** The Worker address this build carries: the deployed Worker in a production build, the dev Worker otherwise. */
export const BUILT_WORKER_URL: string = typeof CHISO766_WORKER_URL === "string" ? CHISO766_WORKER_URL : DEV_WORKER_URL;

export const DEFAULT_SETTINGS: PaneSettings = {
  workerUrl: BUILT_WORKER_URL,
  apiKey: "",
  province: "HN",
  period: "2024-12",
  letterNumber: "",
  letterDate: "",
};

export interface Store {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The workbook's settings (addin/excel/document-settings.ts); null outside Excel. */
export interface WorkbookStore {
  /** Fields the workbook has (a field it lacks is absent, not empty). */
  read(): Partial<WorkbookSettings>;
  /** Set them and save them into the document (saveAsync). */
  write(settings: WorkbookSettings): Promise<void>;
}

/** Name of the workbook's settings entry holding the ETag last read or saved, per "province/period". */
export const ETAGS_KEY = "chiso766.etags";

/**
 * The ETag of the revision of each province-period this workbook last read from or saved to the
 * Worker (addin/excel/document-settings.ts keeps it in the workbook, so it survives reopening it):
 * the If-Match of the next "Lưu kỳ này lên máy chủ".
 */
export interface EtagStore {
  get(province: string, period: string): string | null;
  set(province: string, period: string, etag: string): Promise<void>;
}

function strings<K extends string>(source: unknown, fields: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  if (source && typeof source === "object") {
    for (const f of fields) {
      const v = (source as Record<string, unknown>)[f];
      if (typeof v === "string") out[f] = v;
    }
  }
  return out;
}

function readLocal(store: Store | null): Partial<PaneSettings> {
  try {
    const raw = store?.getItem(SETTINGS_KEY);
    const saved = raw ? (JSON.parse(raw) as unknown) : null;
    const local = strings(saved, [...MACHINE_FIELDS, ...WORKBOOK_FIELDS]);
    // An empty address is a choice (compute in the add-in); the old default was never one.
    if (local.workerUrl === OLD_DEFAULT_WORKER_URL) delete local.workerUrl;
    return local;
  } catch {
    return {};
  }
}

export function loadSettings(store: Store | null, workbook: WorkbookStore | null = null): PaneSettings {
  const local = readLocal(store);
  let book: Partial<WorkbookSettings> = {};
  try {
    book = strings(workbook?.read(), WORKBOOK_FIELDS);
  } catch {
    /* the workbook's settings cannot be read: the machine's values stand in */
  }
  return { ...DEFAULT_SETTINGS, ...local, ...book };
}

export function pickWorkbook(s: PaneSettings): WorkbookSettings {
  return { province: s.province, period: s.period, letterNumber: s.letterNumber, letterDate: s.letterDate };
}

/**
 * Save: the Worker address and key on this machine; the rest into the workbook (and no longer on the
 * machine). Outside Excel (no workbook) everything stays on the machine. Resolves with where the
 * workbook fields went.
 */
export async function saveSettings(store: Store | null, workbook: WorkbookStore | null, settings: PaneSettings): Promise<"workbook" | "machine"> {
  const machine: Partial<PaneSettings> = { workerUrl: settings.workerUrl, apiKey: settings.apiKey };
  if (!workbook) {
    store?.setItem(SETTINGS_KEY, JSON.stringify({ ...machine, ...pickWorkbook(settings) }));
    return "machine";
  }
  // The workbook first: if it cannot be saved, the machine's older copy of its fields is kept.
  await workbook.write(pickWorkbook(settings));
  store?.setItem(SETTINGS_KEY, JSON.stringify(machine));
  return "workbook";
}

/** The engine's options that come from the settings: the letter's number and date, when filled in. */
export function reportOptions(s: PaneSettings): { readonly letter?: LetterRef } {
  const letter = { ...(s.letterNumber ? { number: s.letterNumber } : {}), ...(s.letterDate ? { date: s.letterDate } : {}) };
  return Object.keys(letter).length ? { letter } : {};
}
