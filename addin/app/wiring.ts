/**
 * The one wiring of the controller's dependencies, used by the task pane and by the ribbon command:
 * the workbook (addin/excel/port.ts), and the Worker calls built from the settings — the
 * report request carries the letter's number and date whichever button asked for it.
 */
import type { ReportInput } from "../../shared";
import { fetchFromPortal, getCatalog, getHistory, getTargets, getLetterLink, getNational, getPeriod, getRevisions, getStoredReport, postReport, putPeriod, type ApiConfig } from "../api/client";
import { openBrowserWindow } from "../excel/browser";
import { excelPort } from "../excel/port";
import type { Deps, UiPort } from "./controller";
import { type EtagStore, reportOptions, type PaneSettings } from "./settings";

export interface Wiring {
  readonly ui: UiPort;
  readonly settings: () => PaneSettings;
  /** false in the task pane's browser preview: no workbook. */
  readonly inExcel: boolean;
  /** The sample month for that preview (only the task pane passes it, so only its bundle carries it). */
  readonly sample?: () => ReportInput;
  /** The fetch to use (tests); the browser's by default. */
  readonly fetch?: typeof fetch;
  /** The ETags this workbook last read or saved (the task pane: the workbook's settings). */
  readonly etags?: EtagStore | null;
  /** The revision chosen under "Thời điểm số liệu" (the task pane only). */
  readonly moment?: Deps["moment"];
  readonly replaceInputs?: () => boolean;
}

/** The Worker calls, each from the settings of the moment. */
export function workerApi(fetchImpl?: typeof fetch): Pick<Deps, "api" | "portal" | "national" | "catalog" | "targets" | "history" | "storedPeriod" | "revisions" | "save" | "storedReport" | "letterLink"> {
  const config = (s: PaneSettings): ApiConfig => ({ baseUrl: s.workerUrl, apiKey: s.apiKey, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  return {
    api: (input, s, extra = {}) => postReport(config(s), input, { ...reportOptions(s), ...extra }),
    portal: (s, onProgress) => fetchFromPortal(config(s), s.province, s.period, onProgress),
    national: (s, period) => getNational(config(s), period),
    catalog: (s, date) => getCatalog(config(s), s.province, date),
    targets: (s, period) => getTargets(config(s), s.province, period),
    history: (s, from, to) => getHistory(config(s), s.province, from, to),
    storedPeriod: (s, period, revision) => getPeriod(config(s), s.province, period, revision),
    revisions: (s, period) => getRevisions(config(s), s.province, period),
    save: (s, period, body, ifMatch) => putPeriod(config(s), s.province, period, body, ifMatch),
    storedReport: (s, period, revision) => getStoredReport(config(s), s.province, period, revision),
    letterLink: (s, period, request) => getLetterLink(config(s), s.province, period, request),
  };
}

export function wire(w: Wiring): Deps {
  return {
    ui: w.ui,
    settings: w.settings,
    excel: w.inExcel ? excelPort() : null,
    ...workerApi(w.fetch),
    openBrowser: openBrowserWindow,
    ...(w.sample ? { sample: w.sample } : {}),
    ...(w.etags ? { etags: w.etags } : {}),
    ...(w.moment ? { moment: w.moment } : {}),
    ...(w.replaceInputs ? { replaceInputs: w.replaceInputs } : {}),
  };
}
