/**
 * What the Chromium tests share: Debian's Chromium started headless with the flags that keep it offline
 * and quiet, and the Office stub (office-stub.ts) bundled as the script served in place of office.js.
 */
import { build } from "esbuild";
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Headless Chromium; `what` names the test in the error when Chromium is missing. */
export async function launchChromium(what: string): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is needed for ${what}: apt-get install -y chromium (${CHROMIUM} missing)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** The Office stub as one browser script (an IIFE), served where the page loads office.js. */
export async function officeStubScript(): Promise<string> {
  const stub = await build({ entryPoints: [path.join(import.meta.dirname, "office-stub.ts")], bundle: true, format: "iife", platform: "browser", write: false, logLevel: "error" });
  return stub.outputFiles[0]?.text ?? "";
}
