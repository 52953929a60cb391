/**
 * The one wiring of the controller's dependencies, used by the task pane and by the ribbon command:
 * the workbook (addin/excel/port.ts), and the Worker calls built from the settings — the
 * report request carries the letter's number and date whichever button asked for it.
 */
import type { ReportInput } from "../../shared";
import { fetchFromPortal, getCatalog, getHistory, getNational, postReport, type ApiConfig } from "../api/client";
import { excelPort } from "../excel/port";
import type { Deps, UiPort } from "./controller";
import { reportOptions, type PaneSettings } from "./settings";

export interface Wiring {
  readonly ui: UiPort;
  readonly settings: () => PaneSettings;
  /** false in the task pane's browser preview: no workbook. */
  readonly inExcel: boolean;
  /** The sample month for that preview (only the task pane passes it, so only its bundle carries it). */
  readonly sample?: () => ReportInput;
  /** The fetch to use (tests); the browser's by default. */
  readonly fetch?: typeof fetch;
}

/** The Worker calls, each from the settings of the moment. */
export function workerApi(fetchImpl?: typeof fetch): Pick<Deps, "api" | "portal" | "national" | "catalog" | "history"> {
  const config = (s: PaneSettings): ApiConfig => ({ baseUrl: s.workerUrl, apiKey: s.apiKey, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  return {
    api: (input, s, extra = {}) => postReport(config(s), input, { ...reportOptions(s), ...extra }),
    portal: (s, onProgress) => fetchFromPortal(config(s), s.province, s.period, onProgress),
    national: (s, period) => getNational(config(s), period),
    catalog: (s, date) => getCatalog(config(s), s.province, date),
    history: (s, from, to) => getHistory(config(s), s.province, from, to),
  };
}

export function wire(w: Wiring): Deps {
  return {
    ui: w.ui,
    settings: w.settings,
    excel: w.inExcel ? excelPort() : null,
    ...workerApi(w.fetch),
    ...(w.sample ? { sample: w.sample } : {}),
  };
}
