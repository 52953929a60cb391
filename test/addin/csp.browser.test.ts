/**
 * The static pages under the headers production serves (dist/addin/_headers, applied by Workers Static
 * Assets): the task pane is opened in real Chromium (playwright-core, /usr/bin/chromium) from a local
 * server that sends the `/*` rules of the built _headers, with office.js replaced by the recording stub
 * (served from its real https://appsforoffice.microsoft.com address, as the CSP names it). The pane must
 * load through the ES5 loader, run in (stubbed) Excel and build on a click with no CSP violation
 * (securitypolicyviolation events and console reports both counted).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, officeStubScript } from "./chromium";
import { buildAddin } from "../../scripts/build-addin";

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".png": "image/png", ".json": "application/json", ".xml": "application/xml" };

/** The headers of the `/*` block of a _headers file. */
export function allPathHeaders(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  let inAll = false;
  for (const line of file.split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    if (!/^\s/.test(line)) inAll = line.trim() === "/*";
    else if (inAll) {
      const i = line.indexOf(":");
      out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
  }
  return out;
}

let dir = "";
let server: http.Server;
let browser: Browser;
let base = "";
let officeStub = "";
let headers: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "chiso766-csp-"));
  await buildAddin({ outDir: dir });
  headers = allPathHeaders(readFileSync(path.join(dir, "_headers"), "utf8"));
  server = http.createServer((req, res) => {
    const file = path.join(dir, path.normalize(new URL(req.url ?? "/", "http://x").pathname).replace(/^([/\\])+/, ""));
    if (!file.startsWith(dir) || !existsSync(file) || file.endsWith("_headers")) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { ...headers, "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  officeStub = await officeStubScript();
  browser = await launchChromium("the CSP test");
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("task pane under the production headers", () => {
  it("sends the CSP, nosniff and Referrer-Policy", async () => {
    const res = await fetch(`${base}/taskpane.html`);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("loads office.js and the bundle, runs in (stubbed) Excel and builds on a click with no CSP violation", async () => {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(`console: ${m.text()}`);
    });
    await page.exposeFunction("reportViolation", (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.route(OFFICE_JS, (route) => route.fulfill({ contentType: "text/javascript", body: officeStub }));
    // No Worker here: the pane falls back to its own engine.
    await page.route("https://localhost:8787/**", (route) => route.abort());
    await page.goto(`${base}/taskpane.html`);
    await expect.poll(() => page.locator("#mode").textContent(), { timeout: 15_000 }).toContain("Đang chạy trong Excel");
    expect(await page.evaluate(() => [...document.scripts].map((s) => s.getAttribute("src") ?? "").filter((s) => /taskpane\.[A-Z0-9]+\.js$/.test(s)).length)).toBe(1);
    await page.click("#build");
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 15_000 }).toContain("Đã lập Phụ lục 1–4");
    expect(violations).toEqual([]);
    await page.close();
  }, 60_000);

  it("a script the CSP does not allow is reported (the listener works)", async () => {
    const page = await browser.newPage();
    const seen: string[] = [];
    await page.exposeFunction("reportViolation", (v: string) => seen.push(v));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { reportViolation(v: string): void }).reportViolation(e.violatedDirective));
    });
    await page.route(OFFICE_JS, (route) => route.fulfill({ contentType: "text/javascript", body: officeStub }));
    await page.goto(`${base}/help.html`);
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.injected = 1";
      document.head.appendChild(s);
    });
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    expect(seen[0]).toMatch(/^script-src/);
    expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
    await page.close();
  });
});
