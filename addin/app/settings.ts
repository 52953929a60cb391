/**
 * Settings of this computer's add-in (the task pane edits them, the ribbon command reads them). The
 * API key stays in the browser's storage of this computer, never in the workbook (a workbook travels
 * by e-mail).
 */
import type { LetterRef } from "../../shared";

export interface PaneSettings {
  workerUrl: string;
  apiKey: string;
  province: string;
  period: string;
  letterNumber: string;
  letterDate: string;
}

const KEY = "chiso766.settings";

export const DEFAULT_SETTINGS: PaneSettings = {
  workerUrl: "http://127.0.0.1:8787",
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

export function loadSettings(store: Store | null): PaneSettings {
  try {
    const raw = store?.getItem(KEY);
    return raw ? { ...DEFAULT_SETTINGS, ...(JSON.parse(raw) as Partial<PaneSettings>) } : { ...DEFAULT_SETTINGS };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function saveSettings(store: Store | null, settings: PaneSettings): void {
  store?.setItem(KEY, JSON.stringify(settings));
}

/** The engine's options that come from the settings: the letter's number and date, when filled in. */
export function reportOptions(s: PaneSettings): { readonly letter?: LetterRef } {
  const letter = { ...(s.letterNumber ? { number: s.letterNumber } : {}), ...(s.letterDate ? { date: s.letterDate } : {}) };
  return Object.keys(letter).length ? { letter } : {};
}
