/**
 * The task pane in real Chromium (playwright-core, /usr/bin/chromium), served from the built
 * dist/addin. Office.js cannot load here: once it is blocked (the browser preview), once it is
 * replaced by a stub whose Excel.run hands out the recording fake context with the seed's tables.
 */
import { build } from "esbuild";
import { existsSync, mkdirSync } from "node:fs";
import type http from "node:http";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAddin } from "../../scripts/build-addin";
import { buildReport } from "../../shared";
import { seedReportInput } from "../../samples/seed-000-input";
import { portOf, serveHttp } from "../../scripts/serve-addin";

const CHROMIUM = "/usr/bin/chromium";
const ROOT = path.join(import.meta.dirname, "../..");
const SHOTS = path.join(ROOT, "dist", "screenshots");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

let browser: Browser;
let server: http.Server;
let base = "";
let officeStub = "";

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is needed for the task-pane tests: apt-get install -y chromium (${CHROMIUM} missing)`);
  await buildAddin({ minify: false });
  server = await serveHttp(0);
  base = `http://127.0.0.1:${portOf(server)}`;
  const stub = await build({ entryPoints: [path.join(import.meta.dirname, "office-stub.ts")], bundle: true, format: "iife", platform: "browser", write: false, logLevel: "error" });
  officeStub = stub.outputFiles[0]?.text ?? "";
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

async function openPane(officeJs: "blocked" | "stub"): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
  await page.route(OFFICE_JS, (route) => (officeJs === "blocked" ? route.abort() : route.fulfill({ contentType: "text/javascript", body: officeStub })));
  // The Worker is not running in this test: the pane must fall back to its own engine.
  await page.route("http://127.0.0.1:8787/**", (route) => route.abort());
  await page.goto(`${base}/taskpane.html`);
  return page;
}

describe("task pane, opened outside Office (browser preview)", () => {
  it("says so, builds the sample month with the local engine and shows Phụ lục 2 with the seed's rows", async () => {
    const page = await openPane("blocked");
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 15_000 }).toContain("Đã lập 4 phụ lục");
    expect(await page.locator("#mode").textContent()).toContain("Đang mở ngoài Excel");
    expect(await page.locator("#status").textContent()).toContain("Lập trong máy (không kết nối được máy chủ)");
    const rows = await page.locator("#PL2 tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    expect(rows).toHaveLength(30);
    expect(rows[0]).toEqual(["1", "UBND quận Tây Hồ", "89", "Tăng 0.92"]);
    expect(rows[29]).toEqual(["30", "UBND quận Hoàn Kiếm", "63.08", "Tăng 0.43"]);
    expect(await page.locator("#issues li.error").count()).toBe(5);
    await page.screenshot({ path: path.join(SHOTS, "taskpane-preview.png"), fullPage: false });
    await page.close();
  }, 60_000);
});

describe("task pane in (stubbed) Excel", () => {
  it("“Lập phụ lục”: progress, status, the issue list; a click on an issue selects its cell", async () => {
    const page = await openPane("stub");
    await expect.poll(() => page.locator("#mode").textContent()).toContain("Đang chạy trong Excel");
    await page.click("#build");
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 15_000 }).toContain("Đã lập Phụ lục 1–4");
    expect(await page.locator("#status").getAttribute("data-kind")).toBe("warning");
    const stepsSeen = await page.evaluate(() => (window as unknown as { __steps: string[] }).__steps);
    expect(stepsSeen).toEqual(expect.arrayContaining(["Đọc bảng nhập liệu…", "Ghi Phụ lục 1–4…", "Xong"]));
    const fake = await page.evaluate(() => (window as unknown as { __fake: { syncs: number; sheetNames: () => string[] } }).__fake.sheetNames());
    expect(fake).toEqual(expect.arrayContaining(["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4", "Kiểm tra dữ liệu", "Dự thảo văn bản"]));
    const tayHo = page.locator("#issues li", { hasText: "Tổng 146 ≠ Cấp huyện 115 + Cấp xã 131" });
    expect(await tayHo.locator(".cell").textContent()).toBe("'Nhập - Hồ sơ quá hạn'!B24");
    await tayHo.click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __fake: { log: string[] } }).__fake.log.filter((l) => l.startsWith("select")))).toContain("select Nhập - Hồ sơ quá hạn!B24");
    await page.screenshot({ path: path.join(SHOTS, "taskpane-excel.png"), fullPage: false });
    await page.close();
  }, 60_000);

  it("“Chuẩn hoá vùng đã chọn”: refuses to overwrite, then replaces when asked and lists the unknown unit", async () => {
    const page = await openPane("stub");
    await expect.poll(() => page.locator("#mode").textContent()).toContain("Đang chạy trong Excel");
    await page.selectOption("#normalize-target", "overdueDossiers");
    await page.click("#normalize");
    await expect.poll(() => page.locator("#status").textContent()).toContain("đã có số liệu");
    await page.check("#normalize-replace");
    await page.click("#normalize");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Đã chuẩn hoá 2 dòng");
    expect(await page.locator("#issues li").first().textContent()).toContain('Không nhận ra đơn vị "UBND Hai Chau"');
    expect(await page.locator("#issues li .cell").first().textContent()).toBe("'Dán từ Cổng'!A3");
    await page.close();
  }, 60_000);

  it("“Lấy dữ liệu từ Cổng DVCQG”: portal down → which criteria and nothing changed; then the rows fill the unit table", async () => {
    const page = await openPane("stub");
    await expect.poll(() => page.locator("#mode").textContent()).toContain("Đang chạy trong Excel");
    await page.fill("#province", "PT");
    await page.fill("#period", "2026-08");
    const cors = { "access-control-allow-origin": "*", "access-control-expose-headers": "ETag" };
    const down = {
      error: {
        code: "UPSTREAM_FAILED",
        message: "Cổng DVCQG không trả đủ số liệu kỳ 2026-08 (1/6 tiêu chí lỗi); số liệu đã lưu được giữ nguyên.",
        issues: [{ path: "dossier-digitized", code: "NO_ANSWER", message: "Cổng không trả lời trong 10 giây." }],
        requestId: "r1",
      },
    };
    await page.route("http://127.0.0.1:8787/v1/provinces/PT/periods/2026-08/fetch", (route) => route.fulfill({ status: 502, contentType: "application/json", headers: cors, body: JSON.stringify(down) }));
    await page.click("#portal-fetch");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Bảng nhập liệu không thay đổi.");
    expect(await page.locator("#status").getAttribute("data-kind")).toBe("error");
    expect(await page.locator("#issues li").first().textContent()).toContain("Số hóa hồ sơ: Cổng không trả lời trong 10 giây.");

    // A whole answer, as the Worker sends it: the add-in parses it with the shared schema.
    const ok = {
      province: "PT",
      period: "2026-08",
      revision: 1,
      etag: '"r1-abc"',
      checksum: "abc",
      fetch: { id: "f1", cached: false, criteria: ["transparency", "dvc-progress-tree", "provide-online-tree", "formality-online-payment-tree", "handling-satisfaction", "dossier-digitized"].map((criterion) => ({ criterion, ok: true, attempts: 1, pages: 1 })) },
      inputs: { unitScores: [{ unit: "UBND Phường Việt Trì", groups: { CKMB: 7.96, TDGQ: 15.81, CLGQ: 6.48, TTTT: 6.69, MDHL: 17.26, MDSH: 8.68 } }, { unit: "Sở Công Thương - Tỉnh Phú Thọ", groups: { CKMB: 18 } }], summary: [] },
      report: buildReport(seedReportInput()),
    };
    await page.unroute("http://127.0.0.1:8787/v1/provinces/PT/periods/2026-08/fetch");
    // The Worker streams one line per criterion, then the result (Accept: application/x-ndjson).
    const ndjson = [...ok.fetch.criteria.map((c, index) => JSON.stringify({ type: "criterion", criterion: c.criterion, ok: true, attempts: 1, index, of: 6 })), JSON.stringify({ type: "result", status: 201, body: ok })].join("\n");
    await page.route("http://127.0.0.1:8787/v1/provinces/PT/periods/2026-08/fetch", (route) => route.fulfill({ status: 200, contentType: "application/x-ndjson", headers: cors, body: ndjson }));
    await page.click("#portal-fetch");
    await expect.poll(() => page.locator("#status").textContent()).toContain("đã có số liệu");
    await page.check("#portal-replace");
    await page.click("#portal-fetch");
    await expect.poll(() => page.locator("#status").textContent()).toContain("điền 2 đơn vị");
    const steps = await page.evaluate(() => (window as unknown as { __steps: string[] }).__steps);
    // The stubbed stream arrives in one chunk, so the observer sees the last criterion's step (each
    // line's own step is checked in portal-action.test.ts with a stream split into small chunks).
    expect(steps).toContain("✓ Số hóa hồ sơ (6/6)");
    expect(await page.locator("#issues li").count()).toBe(6);
    await page.screenshot({ path: path.join(SHOTS, "taskpane-portal.png"), fullPage: false });
    await page.close();
  }, 60_000);
});
