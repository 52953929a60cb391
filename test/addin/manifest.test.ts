/**
 * Offline structural checks of manifest.xml (Microsoft's validator needs the network): every resid
 * resolves, ids are unique, URLs are HTTPS, the ExecuteFunction names the command the add-in
 * registers, and the Vietnamese strings have an English override.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";


const xml = readFileSync(path.join(import.meta.dirname, "../../manifest.xml"), "utf8");
const all = (re: RegExp) => [...xml.matchAll(re)].map((m) => m[1] ?? "");

describe("manifest.xml", () => {
  it("is a Workbook task-pane add-in requiring ExcelApi 1.7", () => {
    expect(xml).toContain('xsi:type="TaskPaneApp"');
    expect(xml).toMatch(/<Host Name="Workbook"\/>/);
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1.7"\/>/);
  });

  it("every resid resolves to exactly one resource", () => {
    const defined = all(/<bt:(?:Image|Url|String) id="([^"]+)"/g);
    expect(new Set(defined).size).toBe(defined.length);
    for (const resid of new Set(all(/resid="([^"]+)"/g))) expect(defined).toContain(resid);
  });

  it("control ids are unique and every URL is HTTPS", () => {
    const ids = all(/<(?:Control|Group|CustomTab)[^>]* id="([^"]+)"/g);
    expect(new Set(ids).size).toBe(ids.length);
    for (const url of all(/(?:DefaultValue|Value)="(\w+:\/\/[^"]+)"/g)) expect(url).toMatch(/^https:\/\//);
  });

  it("has the ribbon buttons 'Lập phụ lục' (ExecuteFunction) and 'Bảng điều khiển' (task pane)", () => {
    const commands = readFileSync(path.join(import.meta.dirname, "../../addin/commands/commands.ts"), "utf8");
    const associated = /BUILD_ACTION = "([^"]+)"/.exec(commands)?.[1];
    expect(commands).toContain("Office.actions.associate(BUILD_ACTION, buildAppendices)");
    expect(all(/<FunctionName>([^<]+)<\/FunctionName>/g)).toEqual([associated]);
    expect(xml).toContain('DefaultValue="Lập phụ lục"');
    expect(xml).toContain('DefaultValue="Bảng điều khiển"');
    const strings = xml.match(/<bt:String id="[^"]+" DefaultValue="[^"]*">\s*<bt:Override Locale="en-US"/g) ?? [];
    expect(strings.length).toBe(all(/<bt:String id="([^"]+)"/g).length);
  });
});
