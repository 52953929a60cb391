/**
 * `npm run deploy -- --url https://chiso766.<account>.workers.dev [--dry-run]` (README "Deploy"): one Worker
 * serves the API and the add-in, so the add-in's address is the Worker's.
 * 1. builds the add-in for that origin (manifest URLs and the default "Địa chỉ máy chủ" = the URL),
 *    with the API docs and _headers, into dist/addin (wrangler.toml [assets]);
 * 2. checks the Worker bundle against its budget (scripts/bundle-budget.ts);
 * 3. applies the D1 migrations remotely (`wrangler d1 migrations apply chiso766 --remote`);
 * 4. deploys (`wrangler deploy --minify`);
 * 5. writes dist/manifest.production.xml (every https://localhost:3000 URL of manifest.xml → the URL),
 *    the file to distribute (Microsoft 365 admin centre, or a shared-folder catalog).
 * --dry-run: everything except the remote calls (no migrations; `wrangler deploy --dry-run --outdir dist/worker`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildAddin } from "./build-addin";
import { budgetVerdict, bundleSize } from "./bundle-budget";
import { migrate, ROOT, wrangler } from "./wrangler";

export interface DeployArgs {
  /** The Worker's origin, https, no trailing slash ("https://chiso766.example.workers.dev"). */
  readonly url: string;
  readonly dryRun: boolean;
}

const USAGE = "Cách dùng: npm run deploy -- --url https://<tên Worker>.<tài khoản>.workers.dev [--dry-run]";

/** Parses the command line; a Vietnamese error naming what is wrong otherwise. */
export function parseDeployArgs(argv: readonly string[]): DeployArgs {
  let url: string | undefined;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--dry-run") dryRun = true;
    else if (a === "--url") url = argv[++i];
    else if (a.startsWith("--url=")) url = a.slice("--url=".length);
    else throw new Error(`Không hiểu tham số "${a}". ${USAGE}`);
  }
  if (!url) throw new Error(`Thiếu --url: địa chỉ https của Worker sau khi triển khai. ${USAGE}`);
  return { url: normaliseUrl(url), dryRun };
}

/** https only, an origin (no path, query or fragment), no trailing slash. */
export function normaliseUrl(text: string): string {
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    throw new Error(`--url "${text}" không phải địa chỉ hợp lệ. ${USAGE}`);
  }
  if (u.protocol !== "https:") throw new Error(`--url phải dùng https:// (Excel chỉ mở bổ trợ qua HTTPS), không phải "${text}".`);
  if (u.username || u.password || u.search || u.hash || (u.pathname !== "/" && u.pathname !== "")) {
    throw new Error(`--url chỉ gồm giao thức và tên miền (ví dụ https://chiso766.ten-tai-khoan.workers.dev), không có đường dẫn, tham số hay tên đăng nhập: "${text}".`);
  }
  return u.origin;
}

/** manifest.xml with every dev URL (https://localhost:3000) pointing at `url`; throws if one remains. */
export function productionManifest(xml: string, url: string): string {
  const out = xml.replaceAll("https://localhost:3000", url);
  const stray = [...out.matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].map((m) => m[1] ?? "").filter((u) => !u.startsWith(`${url}/`));
  if (stray.length) throw new Error(`manifest.xml còn địa chỉ không thuộc ${url}: ${stray.join(", ")}`);
  if (/localhost|127\.0\.0\.1/.test(out.replace(/<!--[\s\S]*?-->/g, ""))) throw new Error("manifest.xml còn địa chỉ localhost");
  return out;
}

export const PRODUCTION_MANIFEST = path.join(ROOT, "dist", "manifest.production.xml");

export async function deploy({ url, dryRun }: DeployArgs, log: (line: string) => void = console.log): Promise<void> {
  const addin = await buildAddin({ baseUrl: url, workerUrl: url });
  log(`add-in: ${addin.taskpaneJs} (${addin.taskpaneGzipKiB} KiB gzip), ${addin.commandsJs}; Worker ${url}`);
  const verdict = budgetVerdict(await bundleSize());
  log(verdict.line);
  if (!verdict.ok) throw new Error("Worker vượt ngân sách kích thước (scripts/bundle-budget.ts): chưa triển khai.");
  if (dryRun) {
    log("--dry-run: bỏ qua wrangler d1 migrations apply chiso766 --remote");
    wrangler(["deploy", "--dry-run", "--minify", "--outdir", path.join(ROOT, "dist", "worker")]);
    log("--dry-run: wrangler deploy --dry-run → dist/worker");
  } else {
    migrate("--remote");
    log("D1: migrations applied (--remote)");
    log(wrangler(["deploy", "--minify"]).trim());
  }
  writeFileSync(PRODUCTION_MANIFEST, productionManifest(readFileSync(path.join(ROOT, "manifest.xml"), "utf8"), url));
  log(`manifest: ${path.relative(ROOT, PRODUCTION_MANIFEST)} → ${url}/taskpane.html`);
}

if (process.argv[1]?.endsWith("deploy.ts")) {
  try {
    await deploy(parseDeployArgs(process.argv.slice(2)));
  } catch (err) {
    console.error(`chiso766 deploy: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
