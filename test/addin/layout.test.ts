/**
 * Where add-in code lives: only addin/excel/ talks to Excel (Excel.run, context.sync), and every file
 * there does (types.ts describes the API it talks to); pure modules live elsewhere (addin/sheets/).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ADDIN = path.join(import.meta.dirname, "../../addin");
const files = (readdirSync(ADDIN, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).map((f) => f.split(path.sep).join("/"));
const source = (f: string) => readFileSync(path.join(ADDIN, f), "utf8");
const TALKS_TO_EXCEL = /Excel\.run\(|\b(?:context|ctx)\.sync\(/;

describe("addin/ layout", () => {
  it("nothing outside addin/excel/ calls Excel.run or context.sync()", () => {
    expect(files.filter((f) => !f.startsWith("excel/") && TALKS_TO_EXCEL.test(source(f)))).toEqual([]);
  });

  it("every file in addin/excel/ talks to Excel", () => {
    const excel = files.filter((f) => f.startsWith("excel/") && f !== "excel/types.ts");
    expect(excel.length).toBeGreaterThan(5);
    expect(excel.filter((f) => !TALKS_TO_EXCEL.test(source(f)))).toEqual([]);
  });

  it("only the task pane's entry imports the sample month", () => {
    expect(files.filter((f) => /from "[./]*samples\//.test(source(f)))).toEqual(["taskpane/main.ts"]);
  });
});
