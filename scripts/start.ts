/**
 * `npm start`: the local Worker on https://localhost:8787 with local D1 (migrations applied), the Hà Nội
 * catalogs (built in), the sample months November and December 2024 (seed 000) stored through the API,
 * and a development key printed; the Excel add-in built and served (HTTPS on localhost:3000 for Excel,
 * HTTP on 127.0.0.1:3001 for the browser preview) with the sideloading steps. Shows December's report
 * as the Worker builds it against November and keeps serving until Ctrl+C.
 *
 * The Worker is served over https with the same office-addin-dev-certs certificate as the add-in, so the
 * task pane at https://localhost:3000 calls it without mixing http into an https page; this script's own
 * calls to it (sample months, report) pass that certificate's CA explicitly (ca-fetch.ts). Should the
 * certificate be unavailable, the Worker falls back to http://127.0.0.1 with a warning (the browser
 * preview works, Excel's task pane then computes in the add-in).
 *
 * Ports: PORT (Worker, 8787; its inspector PORT + 1000), ADDIN_PORT (3000), PREVIEW_PORT (3001). They are
 * checked before anything starts: a port already taken (say, by another `npm start`) stops it with a
 * message naming the port and how to free it or choose another.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { APPENDIX_CSS, appendixToHtml, escapeHtml } from "../addin/render/html";
import type { Report } from "../shared";
import { seedReportInput } from "../samples/seed-000-input";
import { createKey } from "./keys";
import { buildAddin } from "./build-addin";
import { caFetch } from "./ca-fetch";
import { devCerts, portOf, serveHttp, serveHttps, type DevCerts } from "./serve-addin";
import { appendixToText } from "./text-table";
import { ROOT, busyPorts, busyPortsMessage, d1, migrate, startDev, stopDev, waitForHealth } from "./wrangler";

/** A port from the environment (PORT, ADDIN_PORT, PREVIEW_PORT), or its default. */
function portFrom(variable: string, fallback: number): number {
  const text = process.env[variable];
  const port = text ? Number(text) : fallback;
  if (!Number.isInteger(port) || port < 1 || port > 65535 - 1000) {
    console.error(`chiso766: ${variable}=${text} không phải số cổng hợp lệ (1–64535).`);
    process.exit(1);
  }
  return port;
}

const PORT = portFrom("PORT", 8787);
/** HTTPS for Excel: manifest.xml and the Worker's built-in CORS origin name https://localhost:3000. */
const ADDIN_PORT = portFrom("ADDIN_PORT", 3000);
const PREVIEW_PORT = portFrom("PREVIEW_PORT", 3001);
/** The dev certificate, or null (then the Worker runs over http): decided in main() before the Worker starts. */
let certs: DevCerts | null = null;
let BASE = `http://127.0.0.1:${PORT}`;
/** fetch towards the Worker: with the dev CA when it is served over https. */
let workerFetch: (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<Response> = (url, init) => fetch(url, init);
const DEV_LABEL = "npm start (máy phát triển)";
const SEVERITY: Record<string, string> = { error: "LỖI", warning: "CẢNH BÁO", info: "GHI CHÚ" };

function previewHtml(report: Report): string {
  const issues = report.issues.map((i) => `<li class="${i.severity}"><b>${SEVERITY[i.severity]}</b> ${escapeHtml(i.message)}</li>`).join("\n");
  const sentences = report.narrative.sentences.map((s) => `<p>${escapeHtml(s)}</p>`).join("\n");
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>chiso766 — ${escapeHtml(report.province.name)} ${report.period}</title>
<style>${APPENDIX_CSS} body{max-width:60rem;margin:auto;font-family:"Times New Roman",serif} li.error{color:#c0161c} li.warning{color:#8a5a00}</style></head><body>
<h1>Bộ chỉ số 766 — ${escapeHtml(report.province.name)}, kỳ ${report.period}</h1>
<h2>Dự thảo văn bản</h2>${sentences}
<h2>Kiểm tra dữ liệu (${report.counts.errors} lỗi, ${report.counts.warnings} cảnh báo)</h2><ul>${issues}</ul>
${report.appendices.map(appendixToHtml).join("\n")}
</body></html>`;
}

async function loadMonth(key: string, period: string, body: unknown): Promise<string> {
  const url = `${BASE}/v1/provinces/HN/periods/${period}`;
  const existing = await workerFetch(url, { headers: { authorization: `Bearer ${key}` } });
  if (existing.ok) {
    await existing.body?.cancel();
    return `đã có (bản ${existing.headers.get("etag")})`;
  }
  await existing.body?.cancel();
  const res = await workerFetch(url, { method: "PUT", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`PUT ${period}: ${res.status} ${text}`);
  return `đã nạp (bản ${res.headers.get("etag")})`;
}

async function main(): Promise<void> {
  // Another copy already serving 8787 would answer our requests with its own keys and data: stop first.
  const busy = await busyPorts([
    { port: PORT, host: "127.0.0.1", what: "Worker cục bộ", variable: "PORT", suggest: PORT + 1 },
    { port: PORT + 1000, host: "127.0.0.1", what: "cổng gỡ lỗi của wrangler dev, luôn bằng PORT + 1000", variable: "PORT", suggest: PORT + 1 },
    { port: ADDIN_PORT, host: "localhost", what: "add-in cho Excel, HTTPS", variable: "ADDIN_PORT", suggest: ADDIN_PORT + 10 },
    { port: PREVIEW_PORT, host: "127.0.0.1", what: "xem trước add-in trên trình duyệt", variable: "PREVIEW_PORT", suggest: PREVIEW_PORT + 10 },
  ]);
  if (busy.length) {
    console.error(busyPortsMessage(busy));
    process.exit(1);
  }

  console.log("chiso766: áp dụng migration cho D1 cục bộ…");
  migrate("--local");
  d1(`UPDATE api_keys SET revoked_at = '${new Date().toISOString()}' WHERE label = '${DEV_LABEL}' AND revoked_at IS NULL`);
  const { secret } = createKey(DEV_LABEL, "*", "read,write");

  try {
    certs = await devCerts();
    BASE = `https://localhost:${PORT}`;
    workerFetch = caFetch(readFileSync(certs.ca));
  } catch (err) {
    console.warn(`chiso766: không có chứng chỉ phát triển (${err instanceof Error ? err.message : String(err)}); Worker chạy bằng http, task pane trong Excel sẽ lập trong máy.`);
  }
  // The Worker serves dist/addin as its static assets (wrangler.toml [assets]): build before it starts.
  const addin = await buildAddin();
  console.log(`chiso766: khởi động Worker cục bộ tại ${BASE} …`);
  // The task pane's origin on another port must pass the Worker's CORS too.
  const dev = startDev(PORT, ADDIN_PORT === 3000 ? [] : ["--var", `ALLOWED_ORIGINS:https://localhost:${ADDIN_PORT}`], certs);
  let log = "";
  dev.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  dev.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const stop = () => {
    stopDev(dev);
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    await waitForHealth(BASE, 60_000, (url) => workerFetch(url));
  } catch (err) {
    console.error(log);
    stopDev(dev);
    throw err;
  }

  const seed = seedReportInput();
  const november = { summary: seed.previous?.summary, unitScores: seed.previous?.unitScores, note: "Mẫu: suy từ mức tăng/giảm của văn bản 193/UBND-KSTTHC" };
  const december = { dataTimestamp: seed.dataTimestamp, summary: seed.summary, unitScores: seed.unitScores, overdueDossiers: seed.overdueDossiers, overduePetitions: seed.overduePetitions, letter: seed.letter, note: "Mẫu: văn bản 193/UBND-KSTTHC" };
  console.log(`  Hà Nội 11/2024: ${await loadMonth(secret, "2024-11", november)}`);
  console.log(`  Hà Nội 12/2024: ${await loadMonth(secret, "2024-12", december)}`);

  const res = await workerFetch(`${BASE}/v1/provinces/HN/periods/2024-12/report`, { headers: { authorization: `Bearer ${secret}` } });
  const report = (await res.json()) as Report;
  const pl2 = report.appendices.find((a) => a.id === "PL2");
  if (pl2) console.log(`\n${appendixToText(pl2)}\n`);
  console.log("DỰ THẢO CÂU VĂN");
  for (const s of report.narrative.sentences) console.log(`- ${s}`);
  console.log(`\nKIỂM TRA DỮ LIỆU: ${report.counts.errors} lỗi, ${report.counts.warnings} cảnh báo`);
  for (const i of report.issues.filter((x) => x.severity !== "info")) console.log(`- [${SEVERITY[i.severity]}] ${i.message}`);

  const out = path.join(ROOT, "dist", "preview.html");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, previewHtml(report));

  const preview = await serveHttp(PREVIEW_PORT);
  const secure = await serveHttps(ADDIN_PORT);
  const previewUrl = `http://127.0.0.1:${portOf(preview)}/taskpane.html`;

  console.log(`
Worker cục bộ đang chạy: ${BASE}
  Tài liệu API:        ${BASE}/docs   (OpenAPI: ${BASE}/openapi.json)
  Báo cáo 12/2024:     ${BASE}/v1/provinces/HN/periods/2024-12/report
  Xếp hạng (CSV):      ${BASE}/v1/provinces/HN/periods/2024-12/rankings?format=csv
  Phụ lục 3 (CSV):     ${BASE}/v1/provinces/HN/periods/2024-12/appendices/3?format=csv
  Xem trước phụ lục:   ${out}
Khóa phát triển (mọi tỉnh, đọc + ghi), gửi kèm "Authorization: Bearer <khóa>":
  ${secret}

Excel add-in (${addin.taskpaneJs}, ${addin.taskpaneGzipKiB} KiB gzip):
  Xem trước trên trình duyệt: ${previewUrl}
  Cho Excel (HTTPS):         ${secure ? `https://localhost:${portOf(secure)}/taskpane.html` : "chưa mở được (xem cảnh báo ở trên)"}
  Cài thử (sideload) manifest.xml:
   - Excel trên web: Trang chủ → Bổ trợ → Thêm bổ trợ → Tải lên bổ trợ của tôi → chọn manifest.xml.
   - Excel trên Windows: chia sẻ thư mục chứa manifest.xml, thêm vào Tệp → Tùy chọn → Trung tâm tin cậy →
     Danh mục bổ trợ tin cậy, rồi Chèn → Bổ trợ của tôi → Thư mục dùng chung. Tin cậy chứng chỉ phát triển:
     npx office-addin-dev-certs install.
   - Excel trên Mac: chép manifest.xml vào ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/
     rồi mở lại Excel → Chèn → Bổ trợ của tôi.
  Hàm Excel (không cần máy chủ): =CS766.DIEM("5.4"; 486; 588) → 5,51; =CS766.CANTHEM("5.4"; 486; 588) → 44; =CS766.NGUONG("3.1") → 0,8.
  Trong Excel, “Địa chỉ máy chủ” mặc định là https://localhost:8787${BASE === "https://localhost:8787" ? "" : ` — đổi thành ${BASE}`}; dán khóa ở trên vào phần Cài đặt của bảng điều khiển.
  Worker dùng chứng chỉ của office-addin-dev-certs: npx office-addin-dev-certs install để Excel tin cậy (một lần).
  Gọi Worker từ dòng lệnh: curl --cacert ~/.office-addin-dev-certs/ca.crt ${BASE}/health${
    ADDIN_PORT === 3000 ? "" : `\n  manifest.xml trỏ tới https://localhost:3000: để cài thử với cổng ${ADDIN_PORT}, sửa các địa chỉ đó trong một bản sao của manifest.xml.`
  }
Nhấn Ctrl+C để dừng.`);
}

main().catch((err: unknown) => {
  console.error(`chiso766: không khởi động được: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
