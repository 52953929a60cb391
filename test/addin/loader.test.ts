/**
 * The ES5 loader (addin/loader/loader.js) and the pages the build writes: every hand-written script a
 * page runs before the bundle is ES5 (esbuild, target es5, neither fails nor has to lower anything:
 * no let/const, arrow functions, template strings, classes, ?., ??…), the pages never name an ES2020
 * bundle in a <script src>, and the loader — run in a small fake page — injects the bundle only where
 * Excel can run it; in an older Excel the ribbon command shows the message and completes once.
 */
import { transform } from "esbuild";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MIN_EXCEL_API, RESULT_DIALOG_TIMEOUT_MS } from "../../addin/app/requirements";
import { BUILD_ACTION } from "../../addin/commands/ids";
import { FUNCTION_IDS } from "../../addin/functions/ids";
import { buildAddin, type AddinBuild } from "../../scripts/build-addin";

const ROOT = path.join(import.meta.dirname, "../..");
const LOADER = readFileSync(path.join(ROOT, "addin/loader/loader.js"), "utf8");

/**
 * Throws unless `code` is ES5. esbuild at target es5 fails on what it cannot lower (let, const, class,
 * destructuring, default parameters, for-of, async…) and silently lowers the rest (arrow functions,
 * template strings, ?., ??, spread…): so its output must also equal the same code printed for esnext.
 * (esnext printing would turn `{a: a}` into `{a}`, hence "object-extensions" off there — which leaves
 * shorthand properties and methods in the source as the one thing this check cannot see.)
 */
async function expectEs5(code: string, name: string): Promise<void> {
  const es5 = await transform(code, { target: "es5", loader: "js" }).catch((err: Error) => {
    throw new Error(`${name} is not ES5: ${err.message}`);
  });
  const same = await transform(code, { target: "esnext", loader: "js", supported: { "object-extensions": false } });
  expect(es5.code, `${name}: esbuild had to lower ES2015+ syntax`).toBe(same.code);
}

const inlineScripts = (html: string) => [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");
const scriptSrcs = (html: string) => [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] ?? "");

let dir = "";
let built: AddinBuild;
const page = (name: string) => readFileSync(path.join(dir, name), "utf8");

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "chiso766-loader-"));
  built = await buildAddin({ minify: true, outDir: dir });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ES5 where it must be", () => {
  it("the check itself catches ES2015+ syntax", async () => {
    for (const modern of ["let a = 1;", "const a = 1;", "var f = () => 1;", "var s = `x${1}`;", "class A {}", "var x = a?.b;", "var y = a ?? 1;", "var o = {...a};", "function f(a = 1) {}", "var p = 2 ** 3;"]) {
      await expect(expectEs5(modern, modern)).rejects.toThrow();
    }
    await expectEs5("var a = 1; function f(b) { return b && b.c; }", "ES5");
  });

  it("the loader's source is ES5", async () => {
    await expectEs5(LOADER, "addin/loader/loader.js");
  });

  it("every inline script of the built pages is ES5 (taskpane, commands, result dialog)", async () => {
    for (const name of ["taskpane.html", "commands.html", "result.html"]) {
      const scripts = inlineScripts(page(name));
      expect(scripts.length, name).toBeGreaterThan(0);
      for (const [i, code] of scripts.entries()) await expectEs5(code, `${name} script ${i + 1}`);
    }
  });

  it("the pages load office.js and no ES2020 bundle directly; the loader names it", () => {
    for (const [name, bundle] of [["taskpane.html", built.taskpaneJs], ["commands.html", built.commandsJs]] as const) {
      const html = page(name);
      expect(scriptSrcs(html), name).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
      const boot = /window\.chiso766Boot = (\{.*?\});<\/script>/.exec(html)?.[1];
      expect(boot, name).toBeDefined();
      const config = JSON.parse(boot ?? "{}") as { bundle: string; minExcelApi: string; commands: string[] };
      expect(config.bundle).toBe(bundle);
      expect(config.minExcelApi).toBe(MIN_EXCEL_API);
      // Both pages carry the ribbon command (the task pane's page is the shared runtime); only the task
      // pane's page is the custom functions' page.
      expect(config.commands).toEqual([BUILD_ACTION]);
      expect((config as { functions?: string[] }).functions).toEqual(name === "taskpane.html" ? [...FUNCTION_IDS] : []);
      // The loader runs after office.js (Office.onReady) and after its settings.
      expect(html.indexOf("office.js")).toBeLessThan(html.indexOf("chiso766Boot"));
      expect(html).toContain("new Function(\"a\", \"return a?.b ?? 0\")");
    }
  });
});

// ------------------------------------------------------------------ the loader run in a fake page

interface FakeEl {
  tagName: string;
  src?: string;
  onerror?: () => void;
  children: FakeEl[];
  appendChild(c: FakeEl): FakeEl;
}

/** Excel's custom functions runtime as office.js defines it (CustomFunctionsRuntime 1.2: Error with a message). */
class FakeFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

function fakePage(options: { kind: "taskpane" | "commands"; office: "none" | "modern" | "old-api" | "old-webview"; dialog?: "ok" | "failed"; customFunctions?: boolean }) {
  const head: FakeEl = { tagName: "HEAD", children: [], appendChild: (c) => (head.children.push(c), c) };
  const el = (tag: string): FakeEl => {
    const e: FakeEl = { tagName: tag.toUpperCase(), children: [], appendChild: (c) => (e.children.push(c), c) };
    return e;
  };
  const associated = new Map<string, (event: unknown) => void>();
  const dialogs: string[] = [];
  const handlers = new Map<string, (arg: unknown) => void>();
  const dialog = { close: vi.fn(), addEventHandler: (type: string, h: (arg: unknown) => void) => void handlers.set(type, h) };
  let ready: ((info: { host: string | null }) => void) | null = null;
  const Office = {
    EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" },
    onReady: (cb: (info: { host: string | null }) => void) => void (ready = cb),
    actions: { associate: (id: string, f: (event: unknown) => void) => void associated.set(id, f) },
    context: {
      requirements: { isSetSupported: (name: string, v: string) => name === "ExcelApi" && (options.office === "old-api" ? false : v === MIN_EXCEL_API) },
      document: { settings: { get: () => ({ province: "HN", period: "2024-12" }) } },
      ui: {
        displayDialogAsync: (url: string, _o: unknown, cb: (r: { status: string; value?: unknown }) => void) => {
          dialogs.push(url);
          cb(options.dialog === "failed" ? { status: "failed" } : { status: "succeeded", value: dialog });
        },
      },
    },
  };
  const functions = new Map<string, (...args: unknown[]) => unknown>();
  const CustomFunctions = { associate: (id: string, f: (...args: unknown[]) => unknown) => void functions.set(id, f), Error: FakeFunctionError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } };
  const window: Record<string, unknown> = {
    chiso766Boot: { kind: options.kind, bundle: `${options.kind}.HASH.js`, minExcelApi: MIN_EXCEL_API, commands: [BUILD_ACTION], functions: options.kind === "taskpane" ? [...FUNCTION_IDS] : [], workerUrl: "https://worker.example", settingsKey: "chiso766.settings", workbookSettingsKey: "chiso766.workbook", dialogTimeoutMs: RESULT_DIALOG_TIMEOUT_MS },
    localStorage: { getItem: () => null },
    location: { href: "https://addin.example/commands.html?_host_Info=Excel" },
  };
  const RealFunction = Function;
  const sandbox: Record<string, unknown> = {
    window,
    document: { body: null, getElementsByTagName: () => [head], createElement: el, createTextNode: (t: string) => ({ text: t }), addEventListener: () => undefined },
    setTimeout,
    clearTimeout,
    encodeURIComponent,
    JSON,
    String,
    Array,
    Promise,
    // An old webview cannot parse ?. and ??: new Function throws a SyntaxError there.
    Function: options.office === "old-webview" ? function (...args: string[]) { if (args.join(",").includes("?.")) throw new SyntaxError("Expected identifier"); return RealFunction(...args); } : Function,
    ...(options.office === "none" ? {} : { Office }),
    ...(options.customFunctions ? { CustomFunctions } : {}),
  };
  window["window"] = window;
  vm.runInNewContext(`var window = this.window; ${LOADER}`, new Proxy(sandbox, { get: (t, k) => (k in t ? t[k as string] : (window as Record<string | symbol, unknown>)[k]), has: () => true }));
  return {
    window,
    ready: (host: string | null) => ready?.({ host }),
    injected: () => head.children.filter((c) => c.tagName === "SCRIPT").map((c) => c.src),
    scriptFailed: () => head.children.find((c) => c.tagName === "SCRIPT")?.onerror?.(),
    associated,
    functions,
    registerFunction: (id: string, f: (...args: unknown[]) => unknown) => (window["chiso766Loader"] as { registerFunction(id: string, f: unknown): void }).registerFunction(id, f),
    dialogs,
    dialog,
    fire: (type: string, arg: unknown) => handlers.get(type)?.(arg),
  };
}

describe("the loader in a page", () => {
  it("modern Excel: injects the task pane's bundle once Office is ready", () => {
    const p = fakePage({ kind: "taskpane", office: "modern" });
    expect(p.injected()).toEqual([]);
    p.ready("Excel");
    expect(p.injected()).toEqual(["taskpane.HASH.js"]);
  });

  it("no office.js (browser preview): injects the bundle at once, which previews the sample month", () => {
    expect(fakePage({ kind: "taskpane", office: "none" }).injected()).toEqual(["taskpane.HASH.js"]);
  });

  it("Excel without ExcelApi 1.7, or a webview that cannot parse ES2020: no bundle", () => {
    for (const office of ["old-api", "old-webview"] as const) {
      const p = fakePage({ kind: "taskpane", office });
      p.ready("Excel");
      expect(p.injected(), office).toEqual([]);
    }
  });

  it("modern Excel, ribbon: a click that comes before the bundle waits for it, then runs the real command", () => {
    const p = fakePage({ kind: "commands", office: "modern" });
    p.ready("Excel");
    expect(p.injected()).toEqual(["commands.HASH.js"]);
    const standIn = p.associated.get(BUILD_ACTION);
    expect(standIn).toBe(p.window[BUILD_ACTION]);
    const event = { completed: vi.fn() };
    standIn?.(event);
    const real = vi.fn();
    (p.window["chiso766Loader"] as { register(id: string, f: unknown): void }).register(BUILD_ACTION, real);
    expect(real).toHaveBeenCalledWith(event);
    expect(p.dialogs).toEqual([]);
  });

  it("older Excel, ribbon: the message in result.html with the workbook link; completed once, when the dialog is closed", () => {
    for (const office of ["old-api", "old-webview"] as const) {
      const p = fakePage({ kind: "commands", office });
      p.ready("Excel");
      expect(p.injected()).toEqual([]);
      const event = { completed: vi.fn() };
      // Called by name, as hosts without Office.actions do.
      (p.window[BUILD_ACTION] as (e: unknown) => void)(event);
      expect(p.dialogs).toHaveLength(1);
      const url = new URL(p.dialogs[0] ?? "");
      expect(url.origin + url.pathname).toBe("https://addin.example/result.html");
      expect(url.searchParams.get("text")).toContain("Microsoft 365");
      expect(url.searchParams.get("text")).toContain("WebView2");
      expect(url.searchParams.get("link")).toBe("https://worker.example/v1/provinces/HN/periods/2024-12/workbook.xlsx");
      expect(event.completed).not.toHaveBeenCalled();
      p.fire("dialogEventReceived", { error: 12006 });
      p.fire("dialogMessageReceived", { message: "close" });
      expect(event.completed).toHaveBeenCalledTimes(1);
    }
  });

  it("older Excel, ribbon, the dialog cannot open: completed at once", () => {
    const p = fakePage({ kind: "commands", office: "old-api", dialog: "failed" });
    p.ready("Excel");
    const event = { completed: vi.fn() };
    p.associated.get(BUILD_ACTION)?.(event);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });
});

describe("the loader and the custom functions (the task pane's page is their shared runtime)", () => {
  it("associates a stand-in for each function as the page is parsed, before Office is ready", () => {
    const p = fakePage({ kind: "taskpane", office: "modern", customFunctions: true });
    expect([...p.functions.keys()]).toEqual([...FUNCTION_IDS]);
    // The ribbon command is this page's too.
    p.ready("Excel");
    expect(p.associated.get(BUILD_ACTION)).toBe(p.window[BUILD_ACTION]);
  });

  it("a formula calculated before the bundle waits for it, then gets the real answer; later calls answer at once", async () => {
    const p = fakePage({ kind: "taskpane", office: "modern", customFunctions: true });
    const standIn = p.functions.get("DIEM");
    const early = standIn?.("5.4", 486, 588) as Promise<number>;
    expect(early).toBeInstanceOf(Promise);
    p.ready("Excel");
    const real = vi.fn((_code: unknown, n: unknown, d: unknown) => (n as number) / (d as number));
    p.registerFunction("DIEM", real);
    await expect(early).resolves.toBeCloseTo(486 / 588, 12);
    expect(standIn?.("5.4", 1, 2)).toBe(0.5);
    expect(real).toHaveBeenCalledTimes(2);
  });

  it("the real function's refusal reaches Excel as it threw it", async () => {
    const p = fakePage({ kind: "taskpane", office: "modern", customFunctions: true });
    const early = p.functions.get("NGUONG")?.("9.9") as Promise<number>;
    p.ready("Excel");
    const refusal = new FakeFunctionError("#VALUE!", "Không có chỉ tiêu");
    p.registerFunction("NGUONG", () => {
      throw refusal;
    });
    await expect(early).rejects.toBe(refusal);
  });

  it("an Excel the add-in cannot run in: #VALUE! with the reason, for calls before and after the decision", async () => {
    for (const office of ["old-api", "old-webview"] as const) {
      const p = fakePage({ kind: "taskpane", office, customFunctions: true });
      const early = p.functions.get("CANTHEM")?.("2.1", 90, 100) as Promise<number>;
      p.ready("Excel");
      const err = await early.then(
        () => null,
        (e: unknown) => e as FakeFunctionError,
      );
      expect(err, office).toBeInstanceOf(FakeFunctionError);
      expect(err?.code).toBe("#VALUE!");
      expect(err?.message).toContain(office === "old-api" ? `ExcelApi ${MIN_EXCEL_API}` : "trình duyệt nhúng cũ");
      expect(() => p.functions.get("CANTHEM")?.("2.1", 90, 100)).toThrow(FakeFunctionError);
    }
  });

  it("the bundle cannot be loaded: the waiting formulas get #VALUE! with the reason", async () => {
    const p = fakePage({ kind: "taskpane", office: "modern", customFunctions: true });
    const early = p.functions.get("DIEM")?.("1.1", 1, 2) as Promise<number>;
    p.ready("Excel");
    p.scriptFailed();
    await expect(early).rejects.toMatchObject({ code: "#VALUE!", message: expect.stringContaining("Không tải được mã") });
  });

  it("no custom functions runtime (a browser, an Excel without them): nothing associated, the page still loads", () => {
    const p = fakePage({ kind: "taskpane", office: "modern" });
    p.ready("Excel");
    expect(p.functions.size).toBe(0);
    expect(p.injected()).toEqual(["taskpane.HASH.js"]);
  });
});
