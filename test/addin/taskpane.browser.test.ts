/**
 * The task pane in real Chromium (playwright-core, /usr/bin/chromium), served from the built
 * dist/addin. Office.js cannot load here: once it is blocked (the browser preview), once it is
 * replaced by a stub whose Excel.run hands out the recording fake context with the seed's tables.
 * The page loads its bundle through the ES5 loader; an older Excel is played by making the ES2020
 * check fail (Function cannot parse ?.) or the stub deny ExcelApi 1.7, and the message is screenshot.
 * Issues are buttons pressed with the keyboard; the pane is shown in forced colours (high contrast).
 */
import { mkdirSync } from "node:fs";
import type http from "node:http";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, officeStubScript } from "./chromium";
import { buildAddin } from "../../scripts/build-addin";
import { buildReport, PROVINCES } from "../../shared";
import { nationalBodySample } from "../../samples/national-2026";
import { seedReportInput } from "../../samples/seed-000-input";
import { portOf, serveHttp } from "../../scripts/serve-addin";
import { NEW_NUMERATOR_COL } from "../../addin/sheets/simulation";
import { PORTAL_CATALOG } from "../shared/plan-fixture";
import { nationalBody, ptTables } from "./pt-workbook";

const ROOT = path.join(import.meta.dirname, "../..");
const SHOTS = path.join(ROOT, "dist", "screenshots");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** The Worker the build names by default (the dev Worker, https): not running in these tests. */
const WORKER = "https://localhost:8787";

let browser: Browser;
let server: http.Server;
let base = "";
let officeStub = "";

beforeAll(async () => {
  await buildAddin({ minify: false });
  server = await serveHttp(0);
  base = `http://127.0.0.1:${portOf(server)}`;
  officeStub = await officeStubScript();
  browser = await launchChromium("the task-pane tests");
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

async function openPane(officeJs: "blocked" | "stub" | "stub-without-1.7", options: { oldWebview?: boolean } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
  const body = officeJs === "stub-without-1.7" ? `${officeStub};Office.context.requirements.isSetSupported = function () { return false; };` : officeStub;
  await page.route(OFFICE_JS, (route) => (officeJs === "blocked" ? route.abort() : route.fulfill({ contentType: "text/javascript", body })));
  // An old webview (Trident, EdgeHTML): Function() cannot parse ?. or ?? (the loader's check).
  if (options.oldWebview) {
    await page.addInitScript(() => {
      const RealFunction = window.Function;
      const Old = function (this: unknown, ...args: string[]) {
        if (args.some((a) => a.includes("?.") || a.includes("??"))) throw new SyntaxError("Expected identifier");
        return RealFunction(...args);
      };
      (window as unknown as { Function: unknown }).Function = Old;
    });
  }
  // The Worker is not running in this test: the pane must fall back to its own engine.
  await page.route(`${WORKER}/**`, (route) => route.abort());
  await page.goto(`${base}/taskpane.html`);
  return page;
}

/** The scripts the page has: office.js and (if the loader injected it) the bundle. */
const scriptSrcs = (page: Page) => page.evaluate(() => [...document.scripts].map((s) => s.getAttribute("src")).filter(Boolean));

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
    await page.selectOption("#province", "PT");
    await page.fill("#period-year", "2026");
    await page.selectOption("#period-month", "8");
    const cors = { "access-control-allow-origin": "*", "access-control-expose-headers": "ETag" };
    const down = {
      error: {
        code: "UPSTREAM_FAILED",
        message: "Cổng DVCQG không trả đủ số liệu kỳ 2026-08 (1/6 tiêu chí lỗi); số liệu đã lưu được giữ nguyên.",
        issues: [{ path: "dossier-digitized", code: "NO_ANSWER", message: "Cổng không trả lời trong 10 giây." }],
        requestId: "r1",
      },
    };
    await page.route(`${WORKER}/v1/provinces/PT/periods/2026-08/fetch`, (route) => route.fulfill({ status: 502, contentType: "application/json", headers: cors, body: JSON.stringify(down) }));
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
    await page.unroute(`${WORKER}/v1/provinces/PT/periods/2026-08/fetch`);
    // The Worker streams one line per criterion, then the result (Accept: application/x-ndjson).
    const ndjson = [...ok.fetch.criteria.map((c, index) => JSON.stringify({ type: "criterion", criterion: c.criterion, ok: true, attempts: 1, index, of: 6 })), JSON.stringify({ type: "result", status: 201, body: ok })].join("\n");
    await page.route(`${WORKER}/v1/provinces/PT/periods/2026-08/fetch`, (route) => route.fulfill({ status: 200, contentType: "application/x-ndjson", headers: cors, body: ndjson }));
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

describe("task pane: the period on the server (save, 409, the moment)", () => {
  const revision = (n: number, source: "put" | "portal" | "schedule", createdBy: string, at: string) => ({
    revision: n,
    etag: `"r${n}-HN202412"`,
    checksum: `c${n}`,
    createdAt: at,
    createdBy,
    note: null,
    counts: { unitScores: 30, overdueDossiers: 12, overduePetitions: 3 },
    dataTimestamp: null,
    source,
    capturedAt: at,
  });

  it("lists the revisions under “Thời điểm số liệu”; a stale save gets the 409 naming who and when, then “Vẫn lưu thành bản mới (giữ bản kia)”; a chosen revision is built by the Worker", async () => {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    // The workbook remembers the ETag of revision 1, the one the clerk last saved.
    const seeded = `${officeStub};Office.context.document.settings.set("chiso766.etags", {"HN/2024-12": '"r1-HN202412"'});`;
    await page.route(OFFICE_JS, (route) => route.fulfill({ contentType: "text/javascript", body: seeded }));
    const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "*", "access-control-allow-methods": "GET, PUT, POST", "access-control-expose-headers": "ETag" };
    const revisions = [revision(3, "schedule", "Lịch tự động", "2026-12-05T01:00:00Z"), revision(2, "portal", "Văn thư HN", "2026-12-04T03:30:00Z"), revision(1, "put", "Văn thư HN", "2026-12-03T02:05:00Z")];
    const puts: (string | null)[] = [];
    await page.route(`${WORKER}/**`, async (route) => {
      const req = route.request();
      const url = new URL(req.url());
      if (req.method() === "OPTIONS") return route.fulfill({ status: 204, headers: cors });
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => route.fulfill({ status, contentType: "application/json", headers: { ...cors, ...headers }, body: JSON.stringify(body) });
      if (url.pathname === "/v1/provinces/HN/periods/2024-12/revisions") return reply(200, { province: "HN", period: "2024-12", head: revisions[0]!.revision, revisions });
      if (url.pathname === "/v1/provinces/HN/periods/2024-12" && req.method() === "PUT") {
        const ifMatch = (await req.allHeaders())["if-match"] ?? null;
        puts.push(ifMatch);
        const head = revisions[0]!;
        if (ifMatch !== head.etag) return reply(409, { error: { code: "CONFLICT", message: `Bản số ${head.revision} (${head.etag}) đã thay bản anh/chị đang sửa; tải lại rồi gửi lại.`, issues: [], requestId: "r" } }, { etag: head.etag });
        const next = revision(head.revision + 1, "put", "Văn thư HN", new Date().toISOString());
        revisions.unshift(next);
        return reply(200, { province: "HN", period: "2024-12", revision: next.revision, etag: next.etag, checksum: next.checksum }, { etag: next.etag });
      }
      if (url.pathname === "/v1/provinces/HN/periods/2024-12/report" && url.searchParams.get("revision") === "3") return reply(200, buildReport(seedReportInput()));
      return route.abort();
    });
    await page.goto(`${base}/taskpane.html`);
    await expect.poll(() => page.locator("#mode").textContent()).toContain("Đang chạy trong Excel");
    const options = () => page.locator("#moment option").evaluateAll((os) => os.map((o) => o.textContent));
    await expect.poll(options).toEqual([
      "Bảng nhập liệu trong sổ",
      "Bản 3 · chụp theo lịch · 08:00 05/12/2026 · Lịch tự động",
      "Bản 2 · lấy từ Cổng · 10:30 04/12/2026 · Văn thư HN",
      "Bản 1 · gửi lên · 09:05 03/12/2026 · Văn thư HN",
    ]);
    expect(await page.locator("#moment").inputValue()).toBe("");
    expect(await page.getByLabel("Thời điểm số liệu").evaluate((el) => el.id)).toBe("moment");

    // “Lưu kỳ này lên máy chủ” with the ETag of revision 1: revision 3 has replaced it.
    await page.click("#save-period");
    await expect.poll(() => page.locator("#status").textContent()).toContain("đã thay bản anh/chị đang sửa");
    expect(await page.locator("#status").textContent()).toMatch(/^Bản số 3 do «Lịch tự động» lưu lúc 08:00 05\/12\/2026 \(chụp theo lịch\) đã thay bản anh\/chị đang sửa\. Chưa lưu gì\./);
    expect(await page.locator("#status").getAttribute("data-kind")).toBe("warning");
    expect(await page.locator("#choices").isVisible()).toBe(true);
    expect(await page.locator("#choice-buttons button").allTextContents()).toEqual(["Tải bản trên máy chủ về", "Vẫn lưu thành bản mới (giữ bản kia)"]);
    expect(puts).toEqual(['"r1-HN202412"']);
    // For the README: the revision list drawn open (headless Chromium paints no native pop-up) with the 409 message.
    await page.evaluate(() => {
      const select = document.getElementById("moment") as HTMLSelectElement;
      select.size = 4;
      window.scrollTo(0, 0);
    });
    const bottom = await page.locator("#choices").evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
    await page.screenshot({ path: path.join(SHOTS, "task-pane-luu-len-may-chu.png"), fullPage: true, clip: { x: 0, y: 0, width: 420, height: Math.ceil(bottom + 8) } });
    await page.evaluate(() => ((document.getElementById("moment") as HTMLSelectElement).size = 0));

    // “Vẫn lưu thành bản mới (giữ bản kia)”: a new revision on top, with the head's ETag; the list shows it.
    await page.getByRole("button", { name: "Vẫn lưu thành bản mới (giữ bản kia)" }).click();
    await expect.poll(() => page.locator("#status").textContent()).toMatch(/^Đã lưu kỳ 12\/2024 lên máy chủ \(bản số 4, lúc \d\d:\d\d\)\.$/);
    expect(puts).toEqual(['"r1-HN202412"', '"r3-HN202412"']);
    expect(await page.locator("#choices").isVisible()).toBe(false);
    await expect.poll(async () => (await options())[1]).toMatch(/^Bản 4 · gửi lên · /);
    expect(await page.evaluate(() => (Office.context.document.settings.get("chiso766.etags") as Record<string, string>)["HN/2024-12"])).toBe('"r4-HN202412"');

    // Choose the scheduled snapshot: “Lập phụ lục” builds the Worker's report of revision 3.
    await page.selectOption("#moment", "3");
    await page.click("#build");
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 15_000 }).toContain("theo bản số 3 trên máy chủ (chụp theo lịch, số liệu lúc 08:00 05/12/2026, do «Lịch tự động» lưu)");
    const names = await page.evaluate(() => (window as unknown as { __fake: { sheetNames: () => string[] } }).__fake.sheetNames());
    expect(names).toContain("Dự thảo văn bản");

    // Another period: its own list (here the Worker does not answer), the choice back to the workbook.
    await page.selectOption("#period-month", "11");
    await expect.poll(() => page.locator("#moment-note").textContent()).toBe("Không kết nối được máy chủ: chỉ lập được từ bảng nhập liệu trong sổ.");
    expect(await page.locator("#moment").inputValue()).toBe("");
    expect(await options()).toEqual(["Bảng nhập liệu trong sổ"]);
    await page.close();
  }, 60_000);
});

describe("task pane: “Xuất văn bản (Word)”", () => {
  const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "*", "access-control-allow-methods": "GET, PUT, POST" };
  const link = { url: `${WORKER}/v1/provinces/HN/periods/2024-12/letter.docx?revision=3&expires=1796454221&sig=abc`, expiresAt: "2026-12-05T02:17:00.000Z", revision: 3 };

  /** The pane in Excel (the stub), the Worker answering POST …/letter-link; `officeExtra` runs after the stub. */
  async function paneWithWorker(officeExtra = ""): Promise<{ page: Page; asked: { auth: string | undefined; body: unknown; url: string }[] }> {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await page.route(OFFICE_JS, (route) => route.fulfill({ contentType: "text/javascript", body: `${officeStub};${officeExtra}` }));
    const asked: { auth: string | undefined; body: unknown; url: string }[] = [];
    await page.route(`${WORKER}/**`, async (route) => {
      const req = route.request();
      if (req.method() === "OPTIONS") return route.fulfill({ status: 204, headers: cors });
      if (new URL(req.url()).pathname === "/v1/provinces/HN/periods/2024-12/letter-link" && req.method() === "POST") {
        asked.push({ auth: (await req.allHeaders())["authorization"], body: req.postDataJSON() as unknown, url: req.url() });
        return route.fulfill({ status: 200, contentType: "application/json", headers: cors, body: JSON.stringify(link) });
      }
      return route.abort();
    });
    await page.goto(`${base}/taskpane.html`);
    await expect.poll(() => page.locator("#mode").textContent()).toContain("Đang chạy trong Excel");
    await page.locator("details summary").click();
    await page.fill("#api-key", "c766_pane_key");
    await page.fill("#letter-number", "193");
    return { page, asked };
  }

  it("asks the Worker for the signed link (key in the header, not the URL) and opens it in the browser through Office", async () => {
    const { page, asked } = await paneWithWorker();
    expect(await page.locator("#export-letter").isEnabled()).toBe(true);
    await page.getByRole("button", { name: "Xuất văn bản (Word)" }).click();
    await expect.poll(() => page.locator("#status").textContent()).toContain("Đã mở văn bản Word kỳ 12/2024 (bản số 3 trên máy chủ) trong trình duyệt");
    expect(await page.evaluate(() => (window as unknown as { __opened: string[] }).__opened)).toEqual([link.url]);
    expect(asked).toEqual([{ auth: "Bearer c766_pane_key", body: { number: "193" }, url: `${WORKER}/v1/provinces/HN/periods/2024-12/letter-link` }]);
    expect(await page.locator("#letter-link").isVisible()).toBe(false);
    await page.close();
  }, 30_000);

  it("an Excel without OpenBrowserWindowApi 1.1 (Excel on the web): the link shown, selected, for the clerk to copy", async () => {
    const { page } = await paneWithWorker(`var realIsSet = Office.context.requirements.isSetSupported; Office.context.requirements.isSetSupported = function (set, v) { return set === "OpenBrowserWindowApi" ? false : realIsSet(set, v); };`);
    await page.click("#export-letter");
    await expect.poll(() => page.locator("#letter-link").isVisible()).toBe(true);
    expect(await page.locator("#letter-link-url").inputValue()).toBe(link.url);
    expect(await page.locator("#letter-link-open").getAttribute("href")).toBe(link.url);
    expect(await page.locator("#letter-link-text").textContent()).toContain("sao chép liên kết dưới đây, dán vào trình duyệt để tải văn bản Word");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("letter-link-url");
    expect(await page.evaluate(() => (window as unknown as { __opened: string[] }).__opened)).toEqual([]);
    expect(await page.locator("#status").getAttribute("data-kind")).toBe("info");
    // For the README: the "Văn bản Word" box with the link to copy.
    const box = await page.locator("fieldset", { has: page.locator("#export-letter") }).boundingBox();
    if (box) await page.screenshot({ path: path.join(SHOTS, "task-pane-xuat-van-ban-lien-ket.png"), clip: { x: 0, y: Math.max(0, box.y - 8), width: 420, height: Math.ceil(box.height + 16) } });
    await page.close();
  }, 30_000);

  it("offline: no server address, or the machine offline — the button disabled and the note says why", async () => {
    const { page, asked } = await paneWithWorker();
    await page.fill("#worker-url", "");
    expect(await page.locator("#export-letter").isDisabled()).toBe(true);
    expect(await page.locator("#letter-note").textContent()).toBe("Xuất văn bản (Word) cần máy chủ chiso766 (văn bản lập trên máy chủ từ kỳ đã lưu): đặt Địa chỉ máy chủ và Khóa truy cập trong Cài đặt.");
    await page.fill("#worker-url", WORKER);
    expect(await page.locator("#export-letter").isEnabled()).toBe(true);
    expect(await page.locator("#letter-note").textContent()).toBe("");
    await page.context().setOffline(true);
    await expect.poll(() => page.locator("#letter-note").textContent()).toBe("Máy đang ngoại tuyến: Xuất văn bản (Word) cần kết nối tới máy chủ chiso766.");
    expect(await page.locator("#export-letter").isDisabled()).toBe(true);
    await page.context().setOffline(false);
    await expect.poll(() => page.locator("#export-letter").isEnabled()).toBe(true);
    expect(asked).toEqual([]);
    await page.close();
  }, 30_000);
});

describe("task pane: keyboard, labels, high contrast, workbook settings", () => {
  it("issues with a cell are buttons: Tab reaches them, Enter and Space select their cells; the progress bar is labelled", async () => {
    const page = await openPane("stub");
    await expect.poll(() => page.locator("#mode").textContent()).toContain("Đang chạy trong Excel");
    expect(await page.locator("#progress").getAttribute("aria-label")).toBe("Tiến độ");
    expect(await page.locator("#progress").getAttribute("aria-describedby")).toBe("step");
    await page.click("#build");
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 15_000 }).toContain("Đã lập Phụ lục 1–4");
    const button = page.locator("#issues li > button.issue");
    expect(await button.count()).toBe(1);
    const ref = (await button.locator(".cell").textContent()) ?? "";
    expect(ref).toBe("'Nhập - Hồ sơ quá hạn'!B24");
    const selects = () => page.evaluate(() => (window as unknown as { __fake: { log: string[] } }).__fake.log.filter((l) => l === "select Nhập - Hồ sơ quá hạn!B24").length);
    // Reach the issue with Tab from the status line just before the list, press Enter, then Space.
    await page.locator("#status").evaluate((el) => {
      el.tabIndex = -1;
      el.focus();
    });
    let tabs = 0;
    while (!(await button.evaluate((b) => b === document.activeElement)) && tabs++ < 20) await page.keyboard.press("Tab");
    expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await button.evaluate((b) => b.tagName)).toBe("BUTTON");
    await page.keyboard.press("Enter");
    await expect.poll(selects).toBe(1);
    await page.keyboard.press("Space");
    await expect.poll(selects).toBe(2);
    await page.close();
  }, 60_000);

  it("forced colours (Windows high contrast): system colours and a visible focus outline", async () => {
    const page = await openPane("stub");
    await page.emulateMedia({ forcedColors: "active" });
    await expect.poll(() => page.locator("#mode").textContent()).toContain("Đang chạy trong Excel");
    await page.click("#build");
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 15_000 }).toContain("Đã lập Phụ lục 1–4");
    expect(await page.evaluate(() => matchMedia("(forced-colors: active)").matches)).toBe(true);
    const first = page.locator("#issues li > button.issue").first();
    await first.focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    const outline = await first.evaluate((b) => {
      const s = getComputedStyle(b);
      return { style: s.outlineStyle, width: s.outlineWidth };
    });
    expect(outline).toEqual({ style: "solid", width: "3px" });
    expect(await page.locator("#status").evaluate((el) => getComputedStyle(el).borderLeftStyle)).toBe("dashed");
    await page.screenshot({ path: path.join(SHOTS, "taskpane-high-contrast.png"), fullPage: false });
    await page.close();
  }, 60_000);

  it("the province, period and letter are saved into the workbook (document.settings) as they change", async () => {
    const page = await openPane("stub");
    await expect.poll(() => page.locator("#mode").textContent()).toContain("Đang chạy trong Excel");
    await page.fill("#period-year", "2025");
    await page.locator("#period-year").dispatchEvent("change");
    await page.selectOption("#period-month", "1");
    const saved = () => page.evaluate(() => (window as unknown as { __settings: { saved: unknown[] } }).__settings.saved.at(-1));
    await expect.poll(saved).toEqual({ province: "HN", period: "2025-01", letterNumber: "", letterDate: "" });
    await page.click("details > summary");
    await page.fill("#api-key", "c766_secret");
    await page.click("#save-settings");
    await expect.poll(() => page.locator("#status").textContent()).toContain("trong sổ tính");
    expect(JSON.stringify(await saved())).not.toContain("c766_secret");
    await page.close();
  }, 60_000);
});

describe("task pane: the province drop-down, the period picker and the sheet “Toàn quốc”", () => {
  const saved = (page: Page) => page.evaluate(() => (window as unknown as { __settings: { saved: unknown[] } }).__settings.saved.at(-1));

  it("the province is one of the 34 (“Hà Nội (HN)”), chosen with the keyboard and saved in the workbook settings", async () => {
    const page = await openPane("stub");
    await expect.poll(() => page.locator("#mode").textContent()).toContain("Đang chạy trong Excel");
    const options = await page.locator("#province option").evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
    expect(options).toHaveLength(34);
    expect(new Set(options.map((o) => o[0]))).toEqual(new Set(PROVINCES.map((p) => p.code)));
    expect(options).toContainEqual(["HN", "Hà Nội (HN)"]);
    expect(options[0]).toEqual(["AG", "An Giang (AG)"]);
    expect(await page.locator("#province").inputValue()).toBe("HN");
    // Labelled: the label wraps the select; the period's controls are a named group.
    expect(await page.getByLabel("Tỉnh, thành phố").evaluate((el) => el.id)).toBe("province");
    for (const [name, id] of [["Loại kỳ", "period-kind"], ["Tháng", "period-month"], ["Năm", "period-year"]] as const) expect(await page.getByLabel(name, { exact: true }).evaluate((el) => el.id)).toBe(id);
    expect(await page.getByRole("group", { name: "Kỳ (tháng, quý, năm)", exact: true }).count()).toBe(1);
    // The keyboard: focus the drop-down, type the first letters, leave it (change).
    await page.locator("#province").focus();
    await page.keyboard.type("Phú");
    await page.keyboard.press("Tab");
    await expect.poll(() => saved(page)).toMatchObject({ province: "PT" });
    await page.selectOption("#province", "AG");
    await expect.poll(() => saved(page)).toEqual({ province: "AG", period: "2024-12", letterNumber: "", letterDate: "" });
    await page.close();
  }, 60_000);

  it("the period: a month, a quarter or a year, each saved as the engine's key; a workbook's key fills the picker back", async () => {
    const page = await openPane("stub");
    await expect.poll(() => page.locator("#mode").textContent()).toContain("Đang chạy trong Excel");
    expect(await page.locator("#period-key").textContent()).toBe("Kỳ tháng 12/2024 (mã kỳ 2024-12)");
    await page.fill("#period-year", "2026");
    await page.locator("#period-year").dispatchEvent("change");
    await page.selectOption("#period-month", "8");
    await expect.poll(() => saved(page)).toMatchObject({ period: "2026-08" });
    await page.selectOption("#period-kind", "quarter");
    expect(await page.locator("#period-month").isVisible()).toBe(false);
    expect(await page.locator("#period-quarter").isVisible()).toBe(true);
    await page.selectOption("#period-quarter", "3");
    await expect.poll(() => saved(page)).toMatchObject({ period: "2026-Q3" });
    expect(await page.locator("#period-key").textContent()).toBe("Kỳ quý 3/2026 (mã kỳ 2026-Q3)");
    await page.selectOption("#period-kind", "year");
    await expect.poll(() => saved(page)).toMatchObject({ period: "2026" });
    expect(await page.locator("#period-quarter").isVisible()).toBe(false);
    await page.close();

    // A workbook that already holds a quarter (or an older workbook's province code) opens on it.
    const again = await browser.newPage({ viewport: { width: 420, height: 900 } });
    const seeded = `${officeStub};Office.context.document.settings.set("chiso766.workbook", {province: "HCM", period: "2025-Q4"});`;
    await again.route(OFFICE_JS, (route) => route.fulfill({ contentType: "text/javascript", body: seeded }));
    await again.route(`${WORKER}/**`, (route) => route.abort());
    await again.goto(`${base}/taskpane.html`);
    await expect.poll(() => again.locator("#mode").textContent()).toContain("Đang chạy trong Excel");
    expect(await again.locator("#province").inputValue()).toBe("HCM");
    expect([await again.locator("#period-kind").inputValue(), await again.locator("#period-quarter").inputValue(), await again.locator("#period-year").inputValue()]).toEqual(["quarter", "4", "2025"]);
    await again.close();
  }, 60_000);

  it("“Lập phụ lục” with the Worker's national ranking writes “Toàn quốc”; offline the status says why there is none", async () => {
    const page = await openPane("stub");
    await expect.poll(() => page.locator("#mode").textContent()).toContain("Đang chạy trong Excel");
    await page.click("#build");
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 15_000 }).toContain("Không có sheet Toàn quốc: không kết nối được máy chủ để lấy bảng toàn quốc.");
    const names = () => page.evaluate(() => (window as unknown as { __fake: { sheetNames: () => string[] } }).__fake.sheetNames());
    expect(await names()).not.toContain("Toàn quốc");

    const cors = { "access-control-allow-origin": "*" };
    await page.route(`${WORKER}/v1/national/periods/2026-08`, (route) => route.fulfill({ status: 200, contentType: "application/json", headers: cors, body: JSON.stringify(nationalBodySample()) }));
    await page.selectOption("#province", "HN");
    await page.fill("#period-year", "2026");
    await page.locator("#period-year").dispatchEvent("change");
    await page.selectOption("#period-month", "8");
    await page.click("#build");
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 15_000 }).toContain("Đã lập Phụ lục 1–4, Toàn quốc (34 tỉnh, thành phố)");
    expect(await names()).toContain("Toàn quốc");
    // For the README: the province list shown open (headless Chromium paints no native pop-up, so the
    // select is drawn as a list of 8 for the picture).
    await page.evaluate(() => {
      const select = document.getElementById("province") as HTMLSelectElement;
      select.size = 8;
      select.options[select.selectedIndex]?.scrollIntoView({ block: "center" });
      window.scrollTo(0, 0);
    });
    await page.screenshot({ path: path.join(SHOTS, "task-pane-tinh-ky.png"), clip: { x: 0, y: 0, width: 420, height: 385 } });
    await page.close();
  }, 60_000);
});

describe("task pane: “Mô phỏng” and “Tính mô phỏng” (the recorded Phú Thọ month, 08/2026)", () => {
  it("creates the sheet from “Nhập - Chỉ tiêu”, computes what was typed with the pane's own engine and the Worker's national ranking; screenshot", async () => {
    const page = await openPane("stub");
    await expect.poll(() => page.locator("#mode").textContent()).toContain("Đang chạy trong Excel");
    const cors = { "access-control-allow-origin": "*" };
    const catalog = { province: "PT", provinceName: PORTAL_CATALOG.provinceName, date: "2026-08-31", units: PORTAL_CATALOG.units };
    await page.route(/\/v1\/catalog\/units\?/, (route) => route.fulfill({ status: 200, contentType: "application/json", headers: cors, body: JSON.stringify(catalog) }));
    await page.route(`${WORKER}/v1/national/periods/2026-08`, (route) => route.fulfill({ status: 200, contentType: "application/json", headers: cors, body: JSON.stringify(nationalBody()) }));
    await page.selectOption("#province", "PT");
    await page.fill("#period-year", "2026");
    await page.locator("#period-year").dispatchEvent("change");
    await page.selectOption("#period-month", "8");
    await page.evaluate((tables) => (window as unknown as { __fake: { seed: (t: unknown) => void } }).__fake.seed(tables), ptTables());
    const status = () => page.locator("#status").textContent();
    await page.click("#simulate-run");
    await expect.poll(status).toContain("Chưa có sheet “Mô phỏng”: bấm “Mô phỏng” để tạo");
    await page.getByRole("button", { name: "Mô phỏng", exact: true }).click();
    await expect.poll(status, { timeout: 20_000 }).toMatch(/^Đã tạo sheet “Mô phỏng”: \d+ dòng, 163 đơn vị\./);
    const typed = await page.evaluate((col) => (window as unknown as { __fake: { type: (...a: unknown[]) => boolean } }).__fake.type("Mô phỏng", "UBND xã Tam Dương Bắc", "2.1", col, 1497), NEW_NUMERATOR_COL);
    expect(typed).toBe(true);
    await page.getByRole("button", { name: "Tính mô phỏng" }).click();
    await expect.poll(status, { timeout: 20_000 }).toBe("Đã tính 1 thay đổi ở 1 đơn vị: Tỉnh Phú Thọ 59.92 → 59.96 điểm, xếp hạng toàn quốc 18 → 17/34. Kết quả ở sheet “Mô phỏng” từ ô N1; các bảng nhập liệu không thay đổi.");
    expect(await page.locator("#status").getAttribute("data-kind")).toBe("ok");
    const first = await page.evaluate(() => (window as unknown as { __fake: { block: (...a: unknown[]) => unknown[][] } }).__fake.block("Mô phỏng", 0, 13, 1, 1));
    expect(first).toEqual([["KẾT QUẢ MÔ PHỎNG"]]);
    // For the README: the fieldset with its two buttons and the status line under it.
    const top = await page.locator("fieldset", { hasText: "Mô phỏng: nếu đơn vị xử lý đạt thêm hồ sơ" }).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    const bottom = await page.locator("#status").evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
    await page.evaluate(() => {
      // Only what the picture shows: the fieldset, then the status right under it.
      for (const el of document.querySelectorAll("fieldset")) if (!el.textContent?.includes("Mô phỏng: nếu")) (el as HTMLElement).style.display = "none";
      window.scrollTo(0, 0);
    });
    const shownTop = await page.locator("fieldset", { hasText: "Mô phỏng: nếu đơn vị xử lý đạt thêm hồ sơ" }).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    const shownBottom = await page.locator("#status").evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
    expect(bottom).toBeGreaterThan(top);
    await page.screenshot({ path: path.join(SHOTS, "task-pane-mo-phong.png"), fullPage: true, clip: { x: 0, y: Math.max(0, shownTop - 8), width: 420, height: Math.ceil(shownBottom - shownTop + 16) } });
    await page.close();
  }, 90_000);
});

describe("an older Excel: the ES5 loader's message instead of a blank pane", () => {
  it("a webview that cannot parse ES2020: the message, no bundle; screenshot", async () => {
    const page = await openPane("stub", { oldWebview: true });
    await expect.poll(() => page.locator("#unsupported").count()).toBe(1);
    const text = (await page.locator("#unsupported").textContent()) ?? "";
    expect(text).toContain("Phiên bản Excel này chưa chạy được Chỉ số 766");
    expect(text).toContain("trình duyệt nhúng cũ");
    for (const works of ["Microsoft 365", "Excel 2021", "Excel 2024", "Excel trên web", "Excel for Mac 16.x", "WebView2"]) expect(text).toContain(works);
    // No province or period saved yet: the address's pattern to fill in, not a link.
    expect(await page.locator("#unsupported code").textContent()).toBe(`${WORKER}/v1/provinces/<mã tỉnh>/periods/<năm-tháng>/workbook.xlsx`);
    expect(await page.locator("#unsupported a").count()).toBe(0);
    expect(await scriptSrcs(page)).toEqual([OFFICE_JS]);
    expect(await page.locator("#build").isVisible()).toBe(false);
    await page.screenshot({ path: path.join(SHOTS, "taskpane-old-excel.png"), fullPage: false });
    await page.close();
  }, 60_000);

  it("Excel without ExcelApi 1.7: the message names it; the link carries the workbook's province and period", async () => {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    const seeded = `${officeStub};Office.context.document.settings.set("chiso766.workbook", {province: "PT", period: "2026-08"});Office.context.requirements.isSetSupported = function () { return false; };`;
    await page.route(OFFICE_JS, (route) => route.fulfill({ contentType: "text/javascript", body: seeded }));
    await page.goto(`${base}/taskpane.html`);
    await expect.poll(() => page.locator("#unsupported").count()).toBe(1);
    expect(await page.locator("#unsupported").textContent()).toContain("chưa có bộ lệnh ExcelApi 1.7");
    expect(await page.locator("#unsupported a").getAttribute("href")).toBe(`${WORKER}/v1/provinces/PT/periods/2026-08/workbook.xlsx`);
    expect(await scriptSrcs(page)).toEqual([OFFICE_JS]);
    await page.close();
  }, 60_000);

  it("a modern Excel gets the bundle through the loader (no <script src> for it in the HTML)", async () => {
    const page = await openPane("stub");
    await expect.poll(() => page.locator("#mode").textContent()).toContain("Đang chạy trong Excel");
    const srcs = await scriptSrcs(page);
    expect(srcs[0]).toBe(OFFICE_JS);
    expect(srcs.slice(1)).toEqual([expect.stringMatching(/^taskpane\.[A-Z0-9]+\.js$/)]);
    expect(await page.locator("#unsupported").count()).toBe(0);
    await page.close();
  }, 60_000);
});
