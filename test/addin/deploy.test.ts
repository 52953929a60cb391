/**
 * scripts/deploy.ts without the network: the command line (--url required, https only, an origin,
 * trailing slash dropped; Vietnamese errors) and the production manifest (every URL at the Worker's origin,
 * still a valid manifest by the checks of manifest.test.ts). The generated _headers: nosniff, a referrer
 * policy and a CSP naming the hash of every inline script the built pages carry.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildAddin, inlineScripts } from "../../scripts/build-addin";
import { BUNDLE_BUDGET_GZIP_KIB, budgetVerdict } from "../../scripts/bundle-budget";
import { normaliseUrl, parseDeployArgs, productionManifest } from "../../scripts/deploy";

const ROOT = path.join(import.meta.dirname, "../..");
const xml = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

describe("npm run deploy -- --url …", () => {
  it("takes --url (or --url=) and --dry-run; the trailing slash is dropped", () => {
    expect(parseDeployArgs(["--url", "https://chiso766.hn.workers.dev/"])).toEqual({ url: "https://chiso766.hn.workers.dev", dryRun: false });
    expect(parseDeployArgs(["--dry-run", "--url=https://766.example.vn"])).toEqual({ url: "https://766.example.vn", dryRun: true });
    expect(normaliseUrl(" HTTPS://Chiso766.Example.VN:8443/ ")).toBe("https://chiso766.example.vn:8443");
  });

  it("refuses a missing, malformed, http:// or path-carrying URL and unknown flags, in Vietnamese", () => {
    expect(() => parseDeployArgs([])).toThrow(/Thiếu --url/);
    expect(() => parseDeployArgs(["--url"])).toThrow(/Thiếu --url/);
    expect(() => parseDeployArgs(["--url", "chiso766.workers.dev"])).toThrow(/không phải địa chỉ hợp lệ/);
    expect(() => parseDeployArgs(["--url", "http://chiso766.workers.dev"])).toThrow(/phải dùng https:\/\//);
    expect(() => parseDeployArgs(["--url", "https://x.workers.dev/addin"])).toThrow(/không có đường dẫn/);
    expect(() => parseDeployArgs(["--url", "https://x.workers.dev/?a=1"])).toThrow(/không có đường dẫn/);
    expect(() => parseDeployArgs(["--url", "https://x.workers.dev", "--force"])).toThrow(/Không hiểu tham số "--force"/);
  });

  it("the production manifest points every URL at the Worker's origin and keeps the manifest's shape", () => {
    const url = "https://chiso766.hn.workers.dev";
    const out = productionManifest(xml, url);
    const urls = [...out.matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBe([...xml.matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].length);
    for (const u of urls) expect(u).toMatch(/^https:\/\/chiso766\.hn\.workers\.dev\//);
    expect(out).toContain(`<SourceLocation DefaultValue="${url}/taskpane.html"/>`);
    // The shared runtime's page (also the ribbon's function file) and the custom functions' two files.
    expect(out).toContain(`<bt:Url id="Taskpane.Url" DefaultValue="${url}/taskpane.html"/>`);
    expect(out).toContain(`<bt:Url id="Functions.Script.Url" DefaultValue="${url}/functions.js"/>`);
    expect(out).toContain(`<bt:Url id="Functions.Metadata.Url" DefaultValue="${url}/functions.json"/>`);
    // Only the URLs changed: the same elements, ids and resids.
    expect(out.replace(/https:\/\/chiso766\.hn\.workers\.dev/g, "https://localhost:3000")).toBe(xml);
  });
});

describe("the Worker bundle's budget (scripts/bundle-budget.ts)", () => {
  it("within the budget (250 KiB gzip since the Word writer, issue 14; 100 before): fine; past it: not ok, by how much (CI and deploy stop)", () => {
    expect(BUNDLE_BUDGET_GZIP_KIB).toBe(250);
    expect(budgetVerdict({ minifiedKiB: 561.78, gzipKiB: 176.07 })).toEqual({ ok: true, line: "Worker bundle: 561.78 KiB minified, 176.07 KiB gzip (budget ≤ 250 KiB gzip): within" });
    expect(budgetVerdict({ minifiedKiB: 700, gzipKiB: 250 }).ok).toBe(true);
    const over = budgetVerdict({ minifiedKiB: 720, gzipKiB: 253.17 });
    expect(over.ok).toBe(false);
    expect(over.line).toContain("OVER by 3.17 KiB");
  });

  it("the Worker's code and the request schemas import zod/mini, never classic zod (its methods, JSON-schema code and English locale: 17.5 KiB gzip)", () => {
    const ts = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? ts(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
    const files = [...ts(path.join(ROOT, "worker")), path.join(ROOT, "shared", "api-schema.ts")];
    const classic = files.filter((f) => /^import (?!type )[^;]*from "zod(\/v4)?";/m.test(readFileSync(f, "utf8"))).map((f) => path.relative(ROOT, f));
    expect(classic).toEqual([]);
    expect(files.filter((f) => readFileSync(f, "utf8").includes('from "zod/mini"')).length).toBeGreaterThan(8);
  });
});

describe("dist/addin/_headers (from addin/static/headers)", () => {
  it("nosniff, a referrer policy and a CSP with office.js's host, inline styles and the hash of each inline script", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "chiso766-headers-"));
    try {
      await buildAddin({ outDir: dir });
      const headers = readFileSync(path.join(dir, "_headers"), "utf8");
      expect(headers.split("\n")[0]).toBe("/*");
      expect(headers).toMatch(/^ {2}X-Content-Type-Options: nosniff$/m);
      expect(headers).toMatch(/^ {2}Referrer-Policy: strict-origin-when-cross-origin$/m);
      const csp = /^ {2}Content-Security-Policy: (.+)$/m.exec(headers)?.[1] ?? "";
      const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1]?.split(" ") ?? [];
      expect(scriptSrc).toContain("https://appsforoffice.microsoft.com");
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
      expect(headers).not.toContain("{{");
      const pages = readdirSync(dir).filter((f) => f.endsWith(".html"));
      expect(pages).toEqual(expect.arrayContaining(["taskpane.html", "commands.html", "result.html", "docs.html"]));
      let inline = 0;
      for (const page of pages) {
        for (const script of inlineScripts(readFileSync(path.join(dir, page), "utf8"))) {
          inline++;
          expect(scriptSrc).toContain(`'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`);
        }
      }
      expect(inline).toBeGreaterThanOrEqual(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
