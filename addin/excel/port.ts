/**
 * The one place that calls Excel.run: the workbook as the controller sees it (ExcelPort), each call
 * one Excel.run around a function of addin/excel/ that takes the context. Passing Excel's real
 * RequestContext where an ExcelContext is expected makes the compiler check that the narrow
 * interface matches the real API.
 */
import type { Catalog, NationalSheetPlan, Report, TrendSheetPlan } from "../../shared";
import type { InputRead, InputSheet, InputTables } from "../sheets/inputs";
import type { Block, ResultBlock, SimulationLayout } from "../sheets/simulation";
import { createInputSheets } from "./create-inputs";
import { fillInputTable, type FillResult } from "./fill-inputs";
import { normalizeSelection, type NormalizeResult } from "./normalize-selection";
import { readInputTables } from "./read-inputs";
import { selectCell } from "./select";
import { readSimulationSheet, type SimulationRead, writeSimulationResult, writeSimulationSheet } from "./simulation";
import type { ExcelContext, Features } from "./types";
import { writeReport } from "./write-report";

export interface ExcelPort {
  read(): Promise<{ tables: InputTables; missing: string[] }>;
  /**
   * With a national plan, the sheet "Toàn quốc" is written with the report; with a trend plan, "Diễn biến";
   * `sources` are lines for the draft sheet saying where the figures came from (the previous period
   * fetched from the Worker, a chosen revision).
   */
  write(report: Report, read: InputRead, national?: NationalSheetPlan | null, trends?: TrendSheetPlan | null, sources?: readonly string[]): Promise<{ sheets: readonly string[] }>;
  createInputs(): Promise<{ created: string[]; kept: string[] }>;
  /** Select a cell given as "'Sheet'!A1". */
  select(reference: string): Promise<void>;
  normalize(target: InputSheet["id"], catalog: Catalog, date: string, replace: boolean): Promise<NormalizeResult>;
  fill(target: InputSheet["id"], rows: readonly (readonly (string | number)[])[], replace: boolean): Promise<FillResult>;
  /** The sheet "Mô phỏng" (addin/excel/simulation.ts). */
  readonly simulation: {
    /** As it is now (null: the workbook has none). */
    read(): Promise<SimulationRead | null>;
    /** Create or replace it. */
    write(layout: SimulationLayout): Promise<{ sheet: string }>;
    /** The result block beside the input area (`clear`: the old one's cells). */
    result(sheet: string, block: ResultBlock, clear: Block | null): Promise<void>;
  };
}

export function runExcel<T>(work: (context: ExcelContext) => Promise<T>): Promise<T> {
  return Excel.run((context) => work(context));
}

export function excelFeatures(): Features {
  const api = (v: string) => Office.context.requirements.isSetSupported("ExcelApi", v);
  return { pageLayout: api("1.9"), dataValidation: api("1.8"), mergedAreas: api("1.13") };
}

/** The running workbook, for the task pane and the ribbon command alike. */
export function excelPort(): ExcelPort {
  return {
    read: () => runExcel(readInputTables),
    write: (report, read, national = null, trends = null, sources = []) => runExcel((ctx) => writeReport(ctx, report, excelFeatures(), read, undefined, national, trends, sources)),
    createInputs: () => runExcel((ctx) => createInputSheets(ctx, excelFeatures())),
    select: async (reference) => void (await runExcel((ctx) => selectCell(ctx, reference))),
    normalize: (target, catalog, date, replace) => runExcel((ctx) => normalizeSelection(ctx, target, catalog, date, replace, excelFeatures())),
    fill: (target, rows, replace) => runExcel((ctx) => fillInputTable(ctx, target, rows, replace)),
    simulation: {
      read: async () => (await runExcel(readSimulationSheet)).read,
      write: (layout) => runExcel((ctx) => writeSimulationSheet(ctx, layout)),
      result: async (sheet, block, clear) => void (await runExcel((ctx) => writeSimulationResult(ctx, sheet, block, clear))),
    },
  };
}
