/**
 * The one place that calls Excel.run. Passing Excel's real RequestContext where an ExcelContext is
 * expected makes the compiler check that the narrow interface matches the real API.
 */
import type { ExcelContext, Features } from "./types";

export function runExcel<T>(work: (context: ExcelContext) => Promise<T>): Promise<T> {
  return Excel.run((context) => work(context));
}

export function excelFeatures(): Features {
  const api = (v: string) => Office.context.requirements.isSetSupported("ExcelApi", v);
  return { pageLayout: api("1.9"), dataValidation: api("1.8") };
}
