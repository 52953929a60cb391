/**
 * The Worker's bundle budget: `wrangler deploy --dry-run --minify --outdir <tmp>` (offline), the bundle's
 * size minified and gzip, against BUNDLE_BUDGET_GZIP_KIB: ≤ 250 KiB gzip since the Word writer is in (issue
 * 14: the `docx` library, its zip and the letter routes took the bundle from 97.2 to 176.1 KiB gzip); ≤ 100
 * KiB before it (issue 12). Run by .ci/run and `npm run deploy` (`npm run bundle-budget`: exit 1 past the
 * budget) and reported by the Worker benchmark (bench/worker.bench.ts). The dry run needs the static assets directory (wrangler.toml
 * [assets]): it is built first when missing.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT, wrangler } from "./wrangler";

export const BUNDLE_BUDGET_GZIP_KIB = 250;

export interface BundleSize {
  readonly minifiedKiB: number;
  readonly gzipKiB: number;
}

const kib = (bytes: number) => Math.round((bytes / 1024) * 100) / 100;

/** The size of the Worker as `wrangler deploy` would upload it (minified). `outDir`: keep the bundle there. */
export async function bundleSize(outDir?: string): Promise<BundleSize> {
  if (!existsSync(path.join(ROOT, "dist", "addin"))) {
    const { buildAddin } = await import("./build-addin");
    await buildAddin();
  }
  const out = outDir ?? mkdtempSync(path.join(os.tmpdir(), "chiso766-bundle-"));
  try {
    wrangler(["deploy", "--dry-run", "--minify", "--outdir", out]);
    const file = readdirSync(out).find((f) => f.endsWith(".js"));
    if (!file) throw new Error("wrangler deploy --dry-run wrote no bundle");
    const code = readFileSync(path.join(out, file));
    return { minifiedKiB: kib(code.length), gzipKiB: kib(gzipSync(code).length) };
  } finally {
    if (!outDir) rmSync(out, { recursive: true, force: true });
  }
}

/** One line for the log; `ok`: within the budget (CI and deploy stop when not). */
export function budgetVerdict(size: BundleSize, budget = BUNDLE_BUDGET_GZIP_KIB): { ok: boolean; line: string } {
  const ok = size.gzipKiB <= budget;
  const over = Math.round((size.gzipKiB - budget) * 100) / 100;
  return { ok, line: `Worker bundle: ${size.minifiedKiB} KiB minified, ${size.gzipKiB} KiB gzip (budget ≤ ${budget} KiB gzip): ${ok ? "within" : `OVER by ${over} KiB`}` };
}

if (process.argv[1]?.endsWith("bundle-budget.ts")) {
  const { ok, line } = budgetVerdict(await bundleSize());
  console.log(line);
  if (!ok) {
    console.error("Find what is big: npx esbuild worker/index.ts --bundle --minify --format=esm --platform=neutral --external:'cloudflare:*' --metafile=/tmp/meta.json --outfile=/tmp/w.js, then read the metafile's inputs by bytesInOutput.");
    process.exit(1);
  }
}
