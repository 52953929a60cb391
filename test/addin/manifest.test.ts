/**
 * Offline structural checks of manifest.xml (Microsoft's validator needs the network): every resid
 * resolves, ids are unique, URLs are HTTPS, the ExecuteFunction names the command the add-in
 * registers, the Vietnamese strings have an English override, the minimum ExcelApi is the one constant
 * the loader and the README use, and every icon the manifest names is drawn at the size Office expects
 * (read from the PNG the build writes).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MIN_EXCEL_API } from "../../addin/app/requirements";
import { BUILD_ACTION } from "../../addin/commands/ids";
import { icons } from "../../scripts/build-addin";

const xml = readFileSync(path.join(import.meta.dirname, "../../manifest.xml"), "utf8");
const all = (re: RegExp) => [...xml.matchAll(re)].map((m) => m[1] ?? "");

describe("manifest.xml", () => {
  it("is a Workbook task-pane add-in requiring ExcelApi MIN_EXCEL_API (1.7), as the loader and README say", () => {
    expect(MIN_EXCEL_API).toBe("1.7");
    expect(xml).toContain('xsi:type="TaskPaneApp"');
    expect(xml).toMatch(/<Host Name="Workbook"\/>/);
    expect(all(/<Set Name="ExcelApi" MinVersion="([^"]+)"\/>/g)).toEqual([MIN_EXCEL_API]);
    expect(all(/<Sets DefaultMinVersion="([^"]+)">/g)).toEqual([MIN_EXCEL_API]);
    const readme = readFileSync(path.join(import.meta.dirname, "../../README.md"), "utf8");
    expect(readme).toContain(`ExcelApi ${MIN_EXCEL_API}`);
  });

  it("names no AppDomain for the Worker (AppDomains are for navigation; the pane calls the Worker with fetch)", () => {
    expect(xml).not.toContain("<AppDomain>");
    expect(xml).not.toContain(":8787");
  });

  it("icons: IconUrl 32×32, HighResolutionIconUrl 64×64, each ribbon bt:Image its size — in the PNGs the build writes", () => {
    const drawn = icons();
    const size = (url: string) => {
      const png = drawn.get(url.replace("https://localhost:3000/assets/", ""));
      if (!png) throw new Error(`the build draws no ${url}`);
      expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    expect(size(all(/<IconUrl DefaultValue="([^"]+)"/g)[0] ?? "")).toEqual([32, 32]);
    expect(size(all(/<HighResolutionIconUrl DefaultValue="([^"]+)"/g)[0] ?? "")).toEqual([64, 64]);
    const images = new Map([...xml.matchAll(/<bt:Image id="([^"]+)" DefaultValue="([^"]+)"/g)].map((m) => [m[1], m[2] ?? ""]));
    const used = [...xml.matchAll(/<bt:Image size="(\d+)" resid="([^"]+)"/g)];
    expect(new Set(used.map((m) => m[1]))).toEqual(new Set(["16", "32", "80"]));
    for (const [, px, resid] of used) expect(size(images.get(resid) ?? "")).toEqual([Number(px), Number(px)]);
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
    expect(commands).toContain("registerCommand(BUILD_ACTION, buildAppendices)");
    expect(all(/<FunctionName>([^<]+)<\/FunctionName>/g)).toEqual([BUILD_ACTION]);
    expect(xml).toContain('DefaultValue="Lập phụ lục"');
    expect(xml).toContain('DefaultValue="Bảng điều khiển"');
    const strings = xml.match(/<bt:String id="[^"]+" DefaultValue="[^"]*">\s*<bt:Override Locale="en-US"/g) ?? [];
    expect(strings.length).toBe(all(/<bt:String id="([^"]+)"/g).length);
  });
});
