/**
 * The custom functions as Excel sees them: manifest.xml (the shared runtime, the CustomFunctions
 * extension point, the requirements kept off the manifest), the metadata Microsoft's
 * custom-functions-metadata generates from the JSDoc (namespace, each function, its parameters, their
 * types, Vietnamese descriptions), and the two files the build writes — functions.json and functions.js,
 * the latter run as Excel's JavaScript-only runtime would run it (no window, no DOM).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CUSTOM_FUNCTIONS } from "../../addin/excel/custom-functions";
import { FUNCTION_IDS, FUNCTIONS_NAMESPACE } from "../../addin/functions/ids";
import { buildAddin, customFunctionsMetadata, FUNCTIONS_METADATA, FUNCTIONS_SCRIPT, type FunctionsMetadata } from "../../scripts/build-addin";

const xml = readFileSync(path.join(import.meta.dirname, "../../manifest.xml"), "utf8");
const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, "");
const url = (resid: string) => new RegExp(`<bt:Url id="${resid.replace(/\./g, "\\.")}" DefaultValue="([^"]+)"/>`).exec(xml)?.[1];
const shortString = (resid: string) => new RegExp(`<bt:String id="${resid.replace(/\./g, "\\.")}" DefaultValue="([^"]+)">`).exec(xml)?.[1];
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

describe("manifest.xml: the shared runtime and the custom functions", () => {
  const host = /<Host xsi:type="Workbook">([\s\S]*?)<\/Host>/.exec(withoutComments)?.[1] ?? "";

  it("one runtime, the task pane's page, lifetime long; the ribbon's function file and the functions' page are that page", () => {
    expect([...host.matchAll(/<Runtime ([^>]*)\/>/g)].map((m) => m[1])).toEqual(['resid="Taskpane.Url" lifetime="long"']);
    expect(host).toContain('<FunctionFile resid="Taskpane.Url"/>');
    expect(/<Page>\s*<SourceLocation resid="([^"]+)"\/>\s*<\/Page>/.exec(host)?.[1]).toBe("Taskpane.Url");
    // Every task pane the ribbon opens is that page (a shared runtime serves one task pane).
    expect([...host.matchAll(/<Action xsi:type="ShowTaskpane">[\s\S]*?<SourceLocation resid="([^"]+)"\/>/g)].map((m) => m[1])).toEqual(["Taskpane.Url"]);
    expect(url("Taskpane.Url")).toBe("https://localhost:3000/taskpane.html");
    expect(withoutComments).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
  });

  it("in the order Microsoft's schema wants: Runtimes, AllFormFactors (CustomFunctions), DesktopFormFactor", () => {
    const order = ["<Runtimes>", '<AllFormFactors>\n          <ExtensionPoint xsi:type="CustomFunctions">', "<DesktopFormFactor>"].map((tag) => host.indexOf(tag));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("the CustomFunctions extension point: Script functions.js, Metadata functions.json, namespace CS766", () => {
    const point = /<ExtensionPoint xsi:type="CustomFunctions">([\s\S]*?)<\/ExtensionPoint>/.exec(host)?.[1] ?? "";
    const resid = (element: string) => new RegExp(`<${element}>\\s*<SourceLocation resid="([^"]+)"/>`).exec(point)?.[1] ?? "";
    expect(url(resid("Script"))).toBe(`https://localhost:3000/${FUNCTIONS_SCRIPT}`);
    expect(url(resid("Metadata"))).toBe(`https://localhost:3000/${FUNCTIONS_METADATA}`);
    const ns = /<Namespace resid="([^"]+)"\/>/.exec(point)?.[1] ?? "";
    expect(shortString(ns)).toBe(FUNCTIONS_NAMESPACE);
    expect(FUNCTIONS_NAMESPACE).toBe("CS766");
  });

  it("SharedRuntime and CustomFunctionsRuntime are in no <Requirements>: older Excel still installs the task pane and the ribbon", () => {
    const requirements = [...withoutComments.matchAll(/<Requirements>([\s\S]*?)<\/Requirements>/g)].map((m) => m[1] ?? "");
    // Only the base manifest's (ExcelApi 1.7); none inside <VersionOverrides>, which would drop the ribbon where unmet.
    expect(requirements).toHaveLength(1);
    expect(withoutComments.indexOf("<Requirements>")).toBeLessThan(withoutComments.indexOf("<VersionOverrides"));
    expect(requirements[0]).not.toMatch(/SharedRuntime|CustomFunctionsRuntime/);
  });
});

describe("the functions' metadata (custom-functions-metadata, from the JSDoc of addin/functions/functions.ts)", () => {
  let metadata: FunctionsMetadata;
  beforeAll(async () => {
    metadata = JSON.parse(await customFunctionsMetadata()) as FunctionsMetadata;
  }, 60_000);

  it("names every function the add-in registers, upper-case, id = name", () => {
    expect(metadata.functions.map((f) => f.id)).toEqual([...FUNCTION_IDS]);
    for (const f of metadata.functions) {
      expect(f.name).toBe(f.id);
      expect(f.name).toMatch(/^[A-Z][A-Z0-9]*$/);
    }
  });

  it("each function's parameters: as many as the function takes, ASCII names, any-typed figures; a number as result", () => {
    const expected: Record<string, string[]> = { DIEM: ["ma_chi_tieu", "tu_so", "mau_so"], CANTHEM: ["ma_chi_tieu", "tu_so", "mau_so"], NGUONG: ["ma_chi_tieu"] };
    for (const f of metadata.functions) {
      expect(f.parameters.map((p) => p.name), f.id).toEqual(expected[f.id]);
      expect(f.parameters.length).toBe(CUSTOM_FUNCTIONS[f.id as keyof typeof CUSTOM_FUNCTIONS].length);
      for (const p of f.parameters) {
        expect(p.name).toMatch(/^[a-z][a-z_]*$/);
        expect(p.type).toBe("any");
        expect(p.optional).toBeUndefined();
      }
      expect(f.result?.type).toBe("number");
    }
  });

  it("describes each function and parameter in Vietnamese", () => {
    for (const f of metadata.functions) {
      expect(f.description ?? "", f.id).toMatch(VIETNAMESE);
      for (const p of f.parameters) expect(p.description ?? "", `${f.id} ${p.name}`).toMatch(VIETNAMESE);
    }
    expect(metadata.functions.find((f) => f.id === "DIEM")?.description).toContain("Điểm của một chỉ tiêu");
    expect(metadata.functions.find((f) => f.id === "CANTHEM")?.description).toContain("Số hồ sơ cần đạt thêm trong số hồ sơ đã có (mẫu số giữ nguyên) để tỷ lệ đạt ngưỡng");
  });
});

describe("the build's functions.json and functions.js", () => {
  let dir = "";
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "chiso766-functions-"));
    await buildAddin({ outDir: dir });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the dev server sends them uncached (the manifest names them without a hash), functions.json as JSON; hashed bundles may be kept", async () => {
    const { serveHttp, portOf } = await import("../../scripts/serve-addin");
    const server = await serveHttp(0, "127.0.0.1", dir);
    try {
      const get = (file: string) => fetch(`http://127.0.0.1:${portOf(server)}/${file}`);
      const json = await get(FUNCTIONS_METADATA);
      expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(json.headers.get("cache-control")).toBe("no-cache");
      expect((await get(FUNCTIONS_SCRIPT)).headers.get("cache-control")).toBe("no-cache");
      const hashed = readdirSync(dir).find((f) => /^taskpane\.[A-Z0-9]{8}\.js$/.test(f)) ?? "";
      expect((await get(hashed)).headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect((await get("taskpane.html")).headers.get("cache-control")).toBe("no-cache");
    } finally {
      server.close();
    }
  });

  it("functions.json is the generator's metadata", async () => {
    expect(readFileSync(path.join(dir, FUNCTIONS_METADATA), "utf8")).toBe(await customFunctionsMetadata());
  });

  it("functions.js, run alone as the JavaScript-only runtime runs it, associates the three functions, which answer and refuse", () => {
    class FakeError extends Error {
      constructor(
        readonly code: string,
        message?: string,
      ) {
        super(message);
      }
    }
    const associated = new Map<string, (...args: unknown[]) => unknown>();
    const CustomFunctions = { associate: (id: string, fn: (...args: unknown[]) => unknown) => void associated.set(id, fn), Error: FakeError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } };
    vm.runInNewContext(readFileSync(path.join(dir, FUNCTIONS_SCRIPT), "utf8"), { CustomFunctions });
    expect([...associated.keys()]).toEqual([...FUNCTION_IDS]);
    expect(associated.get("DIEM")?.("5.4", 486, 588)).toBe(5.51);
    expect(associated.get("CANTHEM")?.("5.4", 486, 588)).toBe(44);
    expect(associated.get("NGUONG")?.("3.1")).toBe(0.8);
    expect(() => associated.get("DIEM")?.("9.9", 1, 2)).toThrow(FakeError);
  });
});
