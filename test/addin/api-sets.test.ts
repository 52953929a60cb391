/**
 * The Office.js API-set audit (scripts/api-audit.ts): no API above manifest.xml's sets is used without
 * an isSetSupported guard on its path, the README carries the table the audit prints, and the audit
 * is not vacuous (known members with their sets; a synthetic file's unguarded or under-guarded uses
 * are breaches). One TypeScript program for the whole file.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiSetTable, auditApiSets, createAuditProgram, manifestSets, readmeTable, requirementsInDoc, type ApiRow, type Requirement } from "../../scripts/api-audit";

const root = path.join(import.meta.dirname, "../..");
const FIXTURE = "test/fixtures/api-audit/guards.ts";
const fixtureText = readFileSync(path.join(root, FIXTURE), "utf8");
const audit = createAuditProgram(root, { extraFiles: { [FIXTURE]: fixtureText } });
const result = auditApiSets(root, { audit });
const synthetic = auditApiSets(root, { audit, include: (file) => file === path.join(root, FIXTURE) });

const row = (api: string): ApiRow => {
  const found = result.rows.find((r) => r.api === api);
  if (!found) throw new Error(`${api} not in the audit`);
  return found;
};
const sets = (r: { readonly requirements: readonly Requirement[] }) => r.requirements.map((q) => `${q.set} ${q.version}`);

describe("Office.js API sets", () => {
  it("no use above the manifest's ExcelApi 1.7 without a guard", () => {
    expect(result.manifest).toEqual({ ExcelApi: "1.7" });
    expect(result.breaches).toEqual([]);
  });

  it("the README carries exactly the table `npm run api-audit` prints", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    expect(readmeTable(readme), "README is stale: run `npm run api-audit -- --write`").toBe(apiSetTable(result));
  });

  it("maps our narrow interfaces to the real API with the sets of @types/office-js", () => {
    expect(sets(row("Excel.Range.values"))).toEqual(["ExcelApi 1.1"]);
    expect(sets(row("Excel.WorksheetFreezePanes.freezeRows"))).toEqual(["ExcelApi 1.7"]);
    expect(sets(row("Excel.Range.getMergedAreasOrNullObject"))).toEqual(["ExcelApi 1.13"]);
    expect(sets(row("Excel.Worksheet.getRangeByIndexes"))).toEqual(["ExcelApi 1.7"]);
    expect(sets(row("Excel.TableCollection.getItemOrNullObject"))).toEqual(["ExcelApi 1.4"]);
    expect(sets(row("Excel.ConditionalFormatCollection.add"))).toEqual(["ExcelApi 1.6"]);
    // Members of our types, each with the real member it stands for (also types written inline).
    const mapped = (ours: string) => result.mapping.filter((m) => m.ours === ours).map((m) => `${m.api} ${sets(m).join()}`);
    expect(mapped("RangeLike.values")).toContain("Excel.Range.values ExcelApi 1.1");
    expect(mapped("RangeFormatLike.borders")).toContain("Excel.RangeFormat.borders ExcelApi 1.1");
    expect(mapped("FontLike.bold")).toContain("Excel.RangeFont.bold ExcelApi 1.1");
    // Reached only through a cast under a guard: learned at the cast.
    expect(mapped("PageLayoutLike.setPrintTitleRows")).toContain("Excel.PageLayout.setPrintTitleRows ExcelApi 1.9");
    expect(mapped("DataValidationLike.errorAlert")).toContain("Excel.DataValidation.errorAlert ExcelApi 1.8");
  });

  it("reads the guards: features.pageLayout is ExcelApi 1.9 from excelFeatures()", () => {
    const page = row("Excel.Worksheet.pageLayout");
    expect(sets(page)).toEqual(["ExcelApi 1.9"]);
    expect(page.needsGuard).toBe(true);
    expect(page.uses.length).toBeGreaterThan(0);
    for (const use of page.uses) expect(use.guards).toContainEqual({ text: "features.pageLayout", requirement: { set: "ExcelApi", version: "1.9" } });
    expect(row("Excel.Range.dataValidation").uses[0]?.guards).toContainEqual({ text: "features.dataValidation", requirement: { set: "ExcelApi", version: "1.8" } });
    expect(row("Excel.Range.values").needsGuard).toBe(false);
  });

  it("Office common APIs: their own notation, the baseline sets, Excel.run", () => {
    expect(sets(row("Office.UI.displayDialogAsync"))).toEqual(["DialogApi 1.1"]);
    expect(row("Office.UI.displayDialogAsync").needsGuard).toBe(false);
    expect(sets(row("Office.RequirementSetSupport.isSetSupported"))).toEqual([]);
    expect(sets(row("Office.Actions.associate"))).toEqual([]);
    expect(sets(row("Office.AddinCommands.Event.completed"))).toEqual(["AddinCommands 1.1"]);
    expect(sets(row("Excel.run"))).toEqual(["ExcelApi 1.1"]);
    expect(row("Office.onReady").uses.map((u) => u.file)).toContain("addin/taskpane/main.ts");
  });

  it("reports the synthetic file's unguarded and under-guarded uses, and only those", () => {
    const lines = fixtureText.split("\n");
    const marked = (mark: string) => lines.flatMap((l, i) => (l.includes(`// ${mark}`) ? [{ line: i + 1, text: l }] : []));
    const breachLines = new Set(synthetic.breaches.map((b) => b.line));
    for (const { line, text } of marked("BREACH")) {
      const set = /BREACH (\w+ [\d.]+)/.exec(text)?.[1] ?? "";
      expect(synthetic.breaches.filter((b) => b.line === line).map((b) => b.reason).join("\n"), `line ${line}`).toContain(`needs ${set}`);
    }
    for (const { line } of marked("OK")) expect(breachLines.has(line), `line ${line}`).toBe(false);
    expect([...breachLines].sort((a, b) => a - b)).toEqual(marked("BREACH").map((m) => m.line));
    const under = synthetic.breaches.find((b) => b.api === "Excel.Range.getMergedAreasOrNullObject");
    expect(under?.reason).toBe("Excel.Range.getMergedAreasOrNullObject needs ExcelApi 1.13 (manifest: ExcelApi 1.7), used under features.pageLayout (ExcelApi 1.9) only");
    expect(synthetic.breaches.map((b) => b.api)).toContain("Office.Addin.showAsTaskpane");
  });

  it("reads both notations of the d.ts and the manifest's sets", () => {
    expect(requirementsInDoc("/**\n * @remarks\n * [Api set: ExcelApi 1.9]\n *\n * @param x [Api set: ExcelApi 1.1 / 1.3]\n */")).toEqual([{ set: "ExcelApi", version: "1.9" }]);
    expect(requirementsInDoc("/**\n * **Requirement set**: {@link https://learn.microsoft.com/x | DialogApi 1.2}\n */")).toEqual([{ set: "DialogApi", version: "1.2" }]);
    expect(requirementsInDoc("/**\n * **Requirement set**: {@link https://learn.microsoft.com/x#not | Not in a set}\n */")).toEqual([]);
    expect(requirementsInDoc("/**\n * **Requirement sets**:\n *\n * - {@link https://x | DialogApi}\n *\n * - {@link https://y | Mailbox 1.4}\n */")).toEqual([{ set: "DialogApi", version: "1.1" }]);
    expect(requirementsInDoc("/** [Api set: Mailbox 1.3] */")).toEqual([]);
    expect(requirementsInDoc("/** Gets the range. */")).toBeNull();
    expect(manifestSets('<Requirements><Sets DefaultMinVersion="1.7"><Set Name="ExcelApi" MinVersion="1.9"/><Set Name="DialogApi"/></Sets></Requirements>')).toEqual({ ExcelApi: "1.9", DialogApi: "1.7" });
  });
});
