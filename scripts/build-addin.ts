/**
 * Build the add-in into dist/addin/: the task pane and the commands file bundled by esbuild (ES2020)
 * with content-hashed names (so Office never serves a stale script), their HTML pages, the icons
 * (16/32/80 px for the ribbon, 64 px for HighResolutionIconUrl, drawn here), and manifest.xml (URLs
 * rewritten when ADDIN_BASE_URL is set). The build fails when the ribbon's bundle carries the sample
 * month (samples/), which only the task pane's browser preview needs.
 *
 * The task pane's page is the shared runtime of the task pane, the ribbon command and the custom
 * functions (manifest.xml); commands.html stays for manifests installed before it (their FunctionFile).
 * The custom functions also get the two files the manifest names without a hash: functions.json, their
 * metadata, generated here from the JSDoc of addin/functions/functions.ts by Microsoft's
 * custom-functions-metadata (its metadata plugin is webpack's: with esbuild it runs as a step of this
 * script), and functions.js, their own bundle for an Excel that runs them without the shared runtime.
 *
 * The HTML pages never name an ES2020 bundle: after office.js they carry the hand-written ES5 loader
 * (addin/loader/loader.js) with its settings, which injects the bundle only where Excel can run it and
 * otherwise explains, in Vietnamese, what to do (addin/app/requirements.ts holds the minimum).
 *
 * The Worker's address baked into the bundles (the default of the "Địa chỉ máy chủ" setting) comes from
 * CHISO766_WORKER_URL (option workerUrl); without it, the dev Worker of `npm start`. A production
 * build (ADDIN_BASE_URL set) refuses to run without an https CHISO766_WORKER_URL.
 */
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deflateSync, gzipSync } from "node:zlib";
import { BUNDLE_TARGET, MIN_EXCEL_API, RESULT_DIALOG_TIMEOUT_MS } from "../addin/app/requirements";
import { DEV_WORKER_URL, SETTINGS_KEY, WORKBOOK_SETTINGS_KEY } from "../addin/app/settings";
import { COMMAND_IDS } from "../addin/commands/ids";
import { FUNCTION_IDS } from "../addin/functions/ids";
import { writeApiDocs } from "./api-docs";

const ROOT = path.join(import.meta.dirname, "..");
export const OUT = path.join(ROOT, "dist", "addin");

// ------------------------------------------------------------------ icons (a small bar chart)

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A square PNG: Office blue background, three white bars rising left to right. */
export function iconPng(size: number): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const bars = [0.45, 0.65, 0.85];
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const i = y * (size * 4 + 1) + 1 + x * 4;
      const fx = x / size;
      const fy = 1 - y / size;
      const bar = Math.floor((fx - 0.15) / 0.25);
      const inBar = fx > 0.15 && fx < 0.85 && (fx - 0.15) % 0.25 < 0.17 && bar >= 0 && bar < 3 && fy > 0.12 && fy < (bars[bar] ?? 0);
      const [r, g, b] = inBar ? [255, 255, 255] : [15, 108, 189];
      raw[i] = r;
      raw[i + 1] = g;
      raw[i + 2] = b;
      raw[i + 3] = 255;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** Icon sizes the build draws: 16/32/80 for the ribbon (bt:Image), 32 for IconUrl, 64 for HighResolutionIconUrl. */
export const ICON_SIZES = [16, 32, 64, 80] as const;

/** The icon files as written to dist/addin/assets/ ("icon-64.png" → its PNG bytes). */
export function icons(): Map<string, Buffer> {
  return new Map(ICON_SIZES.map((size) => [`icon-${size}.png`, iconPng(size)]));
}

// ------------------------------------------------------------------ bundles and pages

export interface Bundle {
  /** File name with its content hash ("commands.3F2A….js"). */
  readonly file: string;
  readonly code: Uint8Array;
  /** Source files inside it, relative to the repository ("samples/seed-000-input.ts"). */
  readonly inputs: readonly string[];
  readonly gzipKiB: number;
}

export interface AddinBuild {
  readonly taskpaneJs: string;
  readonly commandsJs: string;
  readonly taskpaneGzipKiB: number;
  readonly commandsGzipKiB: number;
  readonly functionsGzipKiB: number;
}

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Source folders the ribbon command's bundle must not carry. */
const NOT_IN_RIBBON = ["samples/"];

/** Throws when the ribbon's bundle carries a file it must not (the sample month is the preview's only). */
export function checkRibbonBundle(commands: Pick<Bundle, "inputs">): void {
  const stray = commands.inputs.filter((f) => NOT_IN_RIBBON.some((dir) => f.startsWith(dir)));
  if (stray.length) throw new Error(`the ribbon command's bundle carries ${stray.join(", ")}: only the task pane's preview may import samples/`);
}

export interface BuildOptions {
  readonly minify?: boolean;
  /** Where the add-in is served in production (manifest URLs are rewritten from https://localhost:3000). */
  readonly baseUrl?: string;
  /** The Worker's address baked in as the default setting; DEV_WORKER_URL when absent (not for production). */
  readonly workerUrl?: string;
  /** Where to write (tests build into their own folder); dist/addin by default. */
  readonly outDir?: string;
}

/** The Worker address for a build: required (https) for a production build, the dev Worker otherwise. */
export function workerUrlFor(options: Pick<BuildOptions, "baseUrl" | "workerUrl">): string {
  const url = options.workerUrl?.trim().replace(/\/+$/, "");
  if (url) {
    if (!/^https:\/\/[^/]+/.test(url)) throw new Error(`CHISO766_WORKER_URL must be an https:// address (the task pane is served over https), not "${url}"`);
    return url;
  }
  if (options.baseUrl) throw new Error("a production build (ADDIN_BASE_URL set) needs CHISO766_WORKER_URL: the deployed Worker's https address");
  return DEV_WORKER_URL;
}

/** The entry points bundled in memory (nothing written), the ribbon's checked. */
export async function bundleAddin(options: BuildOptions = {}): Promise<{ taskpane: Bundle; commands: Bundle; functions: Bundle }> {
  const result = await build({
    entryPoints: { taskpane: path.join(ROOT, "addin/taskpane/main.ts"), commands: path.join(ROOT, "addin/commands/commands.ts"), functions: path.join(ROOT, "addin/functions/standalone.ts") },
    absWorkingDir: ROOT,
    bundle: true,
    format: "iife",
    platform: "browser",
    target: BUNDLE_TARGET,
    define: { CHISO766_WORKER_URL: JSON.stringify(workerUrlFor(options)) },
    minify: options.minify ?? true,
    sourcemap: false,
    entryNames: "[name].[hash]",
    outdir: OUT,
    write: false,
    metafile: true,
    logLevel: "error",
  });
  const bundle = (name: string): Bundle => {
    const out = result.outputFiles.find((f) => path.basename(f.path).startsWith(`${name}.`) && f.path.endsWith(".js"));
    const meta = out ? result.metafile.outputs[path.relative(ROOT, out.path).split(path.sep).join("/")] : undefined;
    if (!out || !meta) throw new Error(`esbuild gave no ${name} bundle`);
    return { file: path.basename(out.path), code: out.contents, inputs: Object.keys(meta.inputs), gzipKiB: kib(gzipSync(out.contents).length) };
  };
  const commands = bundle("commands");
  checkRibbonBundle(commands);
  return { taskpane: bundle("taskpane"), commands, functions: bundle("functions") };
}

// ------------------------------------------------------------------ custom functions

/** Where the custom functions are written: their JSDoc is their metadata. */
export const FUNCTIONS_SOURCE = path.join(ROOT, "addin/functions/functions.ts");
/** The files manifest.xml names for the custom functions (<Script>, <Metadata>): fixed names, served without caching. */
export const FUNCTIONS_SCRIPT = "functions.js";
export const FUNCTIONS_METADATA = "functions.json";

/** functions.json as Excel reads it (the part the tests and the build look at). */
export interface FunctionsMetadata {
  readonly functions: readonly {
    readonly id: string;
    readonly name: string;
    readonly description?: string;
    readonly parameters: readonly { readonly name: string; readonly description?: string; readonly type?: string; readonly optional?: boolean }[];
    readonly result?: { readonly type?: string };
  }[];
}

/**
 * functions.json, generated by Microsoft's custom-functions-metadata from the JSDoc of
 * addin/functions/functions.ts. Throws on the generator's errors, and when its ids are not exactly
 * FUNCTION_IDS (the ids the loader associates stand-ins for).
 */
export async function customFunctionsMetadata(): Promise<string> {
  // Loaded only here: the generator brings the TypeScript compiler (a benchmark bundles this module).
  const { generateCustomFunctionsMetadata } = await import("custom-functions-metadata");
  const generated = await generateCustomFunctionsMetadata(FUNCTIONS_SOURCE);
  if (generated.errors.length) throw new Error(`custom-functions-metadata found errors in ${path.relative(ROOT, FUNCTIONS_SOURCE)}:\n${generated.errors.join("\n")}`);
  const ids = (JSON.parse(generated.metadataJson) as FunctionsMetadata).functions.map((f) => f.id);
  if (ids.join() !== FUNCTION_IDS.join()) throw new Error(`the custom functions' ids are ${ids.join(", ")}, but addin/functions/ids.ts says ${FUNCTION_IDS.join(", ")}`);
  return `${generated.metadataJson}\n`;
}

/** The ES5 loader's source, read when a page is written (not on import: the bench bundles this module elsewhere). */
const loaderSource = () => readFileSync(path.join(ROOT, "addin/loader/loader.js"), "utf8");

/** The loader's settings for one page (window.chiso766Boot), safe inside <script>. */
export function bootConfig(kind: "taskpane" | "commands", bundle: string, workerUrl: string): string {
  // The task pane's page is the shared runtime: the ribbon command and the custom functions run there too.
  const functions = kind === "taskpane" ? FUNCTION_IDS : [];
  const boot = { kind, bundle, minExcelApi: MIN_EXCEL_API, commands: COMMAND_IDS, functions, workerUrl, settingsKey: SETTINGS_KEY, workbookSettingsKey: WORKBOOK_SETTINGS_KEY, dialogTimeoutMs: RESULT_DIALOG_TIMEOUT_MS };
  return JSON.stringify(boot).replace(/</g, "\\u003c");
}

/** office.js is named by the page itself; then the boot settings and the ES5 loader, inline. */
function loaderScripts(kind: "taskpane" | "commands", bundle: string, workerUrl: string): string {
  return `<script>window.chiso766Boot = ${bootConfig(kind, bundle, workerUrl)};</script>\n<script>\n${loaderSource()}</script>`;
}

const OFFICE_JS = `<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>`;

/** Every inline <script>…</script> (no src) of an HTML page, as its text. */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");
}

/**
 * dist/addin/_headers from addin/static/headers: the CSP's {{INLINE_SCRIPT_HASHES}} becomes the sha256
 * sources of the inline scripts of every page in `dir`, {{WORKER_ORIGIN}} the origin of the Worker the pages call.
 */
export function staticHeaders(dir: string, workerUrl: string): string {
  const hashes = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".html")).sort()) {
    for (const script of inlineScripts(readFileSync(path.join(dir, file), "utf8"))) hashes.add(`'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`);
  }
  // Comment lines stay in the source; the written file has the rules only.
  const rules = readFileSync(path.join(ROOT, "addin/static/headers"), "utf8").split("\n").filter((l) => !l.startsWith("#")).join("\n");
  if (!rules.includes("{{INLINE_SCRIPT_HASHES}}")) throw new Error("addin/static/headers has no {{INLINE_SCRIPT_HASHES}}");
  return rules.replaceAll("{{INLINE_SCRIPT_HASHES}}", [...hashes].join(" ")).replaceAll("{{WORKER_ORIGIN}}", new URL(workerUrl).origin);
}

export async function buildAddin(options: BuildOptions = {}): Promise<AddinBuild> {
  const workerUrl = workerUrlFor(options);
  const out = options.outDir ?? OUT;
  const [{ taskpane, commands, functions }, metadata] = await Promise.all([bundleAddin(options), customFunctionsMetadata()]);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(path.join(out, "assets"), { recursive: true });
  for (const b of [taskpane, commands]) writeFileSync(path.join(out, b.file), b.code);
  writeFileSync(path.join(out, FUNCTIONS_SCRIPT), functions.code);
  writeFileSync(path.join(out, FUNCTIONS_METADATA), metadata);
  const taskpaneJs = taskpane.file;
  const commandsJs = commands.file;
  const taskpaneHtml = readFileSync(path.join(ROOT, "addin/taskpane/taskpane.html"), "utf8").replace("<!--entry-->", loaderScripts("taskpane", taskpaneJs, workerUrl));
  writeFileSync(path.join(out, "taskpane.html"), taskpaneHtml);
  writeFileSync(
    path.join(out, "commands.html"),
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>chiso766 commands</title>${OFFICE_JS}\n${loaderScripts("commands", commandsJs, workerUrl)}</head><body></body></html>\n`,
  );
  writeFileSync(path.join(out, "result.html"), readFileSync(path.join(ROOT, "addin/commands/result.html")));
  writeFileSync(path.join(out, "help.html"), `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Chỉ số 766</title></head><body><h1>Chỉ số 766</h1><p>Mở thẻ “Chỉ số 766”, bấm “Bảng điều khiển” để tạo bảng nhập liệu, dán số liệu, rồi bấm “Lập phụ lục”.</p></body></html>\n`);
  for (const [file, png] of icons()) writeFileSync(path.join(out, "assets", file), png);
  let manifest = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  if (options.baseUrl) manifest = manifest.replaceAll("https://localhost:3000", options.baseUrl.replace(/\/$/, ""));
  writeFileSync(path.join(out, "manifest.xml"), manifest);
  writeApiDocs(out);
  writeFileSync(path.join(out, "_headers"), staticHeaders(out, workerUrl));
  return { taskpaneJs, commandsJs, taskpaneGzipKiB: taskpane.gzipKiB, commandsGzipKiB: commands.gzipKiB, functionsGzipKiB: functions.gzipKiB };
}

if (process.argv[1]?.endsWith("build-addin.ts")) {
  const env = (name: string) => (process.env[name] ? process.env[name] : undefined);
  const baseUrl = env("ADDIN_BASE_URL");
  const workerUrl = env("CHISO766_WORKER_URL");
  const r = await buildAddin({ ...(baseUrl ? { baseUrl } : {}), ...(workerUrl ? { workerUrl } : {}) });
  console.log(`dist/addin: ${r.taskpaneJs} (${r.taskpaneGzipKiB} KiB gzip), ${r.commandsJs} (${r.commandsGzipKiB} KiB gzip); Worker ${workerUrlFor({ ...(baseUrl ? { baseUrl } : {}), ...(workerUrl ? { workerUrl } : {}) })}`);
}
