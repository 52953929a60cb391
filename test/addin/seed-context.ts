/** The seed month's (Hà Nội 12/2024) input tables in a fresh recording context: for the wiring tests and the Chromium office stub. */
import { inputSheet } from "../../addin/sheets/inputs";
import { DECEMBER_ROWS, seedReportInput } from "../../samples/seed-000-input";
import { fakeContext } from "./fake-excel";

export function seededContext(): ReturnType<typeof fakeContext> {
  const ctx = fakeContext();
  const seed = seedReportInput();
  const table = (id: Parameters<typeof inputSheet>[0], rows: unknown[][]) => {
    const def = inputSheet(id);
    ctx.seedTable(def.sheetName, def.tableName, "A2", def.columns.map((c) => c.header), rows);
  };
  table("unitScores", DECEMBER_ROWS.pl2.map(([, name, total, delta]) => [name, Number(total), "", "", "", "", "", "", delta]));
  table("previousUnitScores", (seed.previous?.unitScores ?? []).map((u) => [u.unit, u.total]));
  table("overdueDossiers", DECEMBER_ROWS.pl3.map(([, name, total, d, c]) => [name, total, d ?? "", c ?? ""]));
  table("overduePetitions", DECEMBER_ROWS.pl4.map(([, name, total, a, b]) => [name, total, a, b, ""]));
  return ctx;
}
