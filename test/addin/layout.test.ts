/**
 * Where add-in code lives: only addin/excel/ talks to Excel (Excel.run, context.sync) or to Office's
 * common API (Office.context — document settings, dialogs — Office.actions, and the custom functions
 * runtime CustomFunctions), and every file there does (types.ts describes the API it talks to); pure
 * modules live elsewhere (addin/sheets/, addin/functions/functions.ts). Comments do not count.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ADDIN = path.join(import.meta.dirname, "../../addin");
const files = (readdirSync(ADDIN, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).map((f) => f.split(path.sep).join("/"));
/** A file's code without its comments (a comment may name an API it does not call). */
const source = (f: string) => readFileSync(path.join(ADDIN, f), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
const TALKS_TO_EXCEL = /Excel\.run\(|\b(?:context|ctx)\.sync\(/;
const TALKS_TO_OFFICE = /\bOffice\.(?:context|actions)\b|\bCustomFunctions\b/;

describe("addin/ layout", () => {
  it("nothing outside addin/excel/ calls Excel.run, context.sync(), Office.context, Office.actions or CustomFunctions", () => {
    expect(files.filter((f) => !f.startsWith("excel/") && (TALKS_TO_EXCEL.test(source(f)) || TALKS_TO_OFFICE.test(source(f))))).toEqual([]);
  });

  it("every file in addin/excel/ talks to Excel or to Office", () => {
    const excel = files.filter((f) => f.startsWith("excel/") && f !== "excel/types.ts");
    expect(excel.length).toBeGreaterThan(5);
    expect(excel.filter((f) => !TALKS_TO_EXCEL.test(source(f)) && !TALKS_TO_OFFICE.test(source(f)))).toEqual([]);
  });

  it("only the task pane's entry imports the sample month", () => {
    expect(files.filter((f) => /from "[./]*samples\//.test(source(f)))).toEqual(["taskpane/main.ts"]);
  });
});
