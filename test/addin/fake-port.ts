/** The workbook port's "Mô phỏng" part (addin/excel/port.ts) on a recording fake context, as excelPort() runs it in Excel. */
import type { ExcelPort } from "../../addin/excel/port";
import { readSimulationSheet, writeSimulationResult, writeSimulationSheet } from "../../addin/excel/simulation";
import type { ExcelContext } from "../../addin/excel/types";

export function simulationPort(ctx: ExcelContext): ExcelPort["simulation"] {
  return {
    read: async () => (await readSimulationSheet(ctx)).read,
    write: (layout) => writeSimulationSheet(ctx, layout),
    result: async (sheet, block, clear) => void (await writeSimulationResult(ctx, sheet, block, clear)),
  };
}

const unused = () => Promise.reject(new Error("unused"));

/** A workbook port whose every part a test does not give rejects with "unused" (selecting a cell does nothing). */
export function portWith(parts: Partial<ExcelPort>): ExcelPort {
  return {
    read: unused,
    write: unused,
    createInputs: unused,
    select: async () => undefined,
    normalize: unused,
    fill: unused,
    simulation: { read: unused, write: unused, result: unused },
    ...parts,
  };
}
