/**
 * Settings of this computer's task pane. The API key stays in the browser's storage of this
 * computer, never in the workbook (a workbook travels by e-mail).
 */
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
