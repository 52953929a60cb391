/**
 * "Lấy dữ liệu từ Cổng DVCQG" in the task pane: the Worker client (428 → once more with If-Match, the
 * error envelope's per-criterion issues kept) and the controller (fills the unit table, lists each
 * criterion, says plainly when the portal is down and that nothing changed). No network, no Excel.
 */
import { describe, expect, it } from "vitest";
import { ApiClientError, fetchFromPortal, type PortalFetchResult } from "../../addin/api/client";
import { criterionName, fetchPortal, type Deps, type StatusKind } from "../../addin/app/controller";
import { DEFAULT_SETTINGS } from "../../addin/app/settings";
import type { FillResult } from "../../addin/excel/fill-inputs";
import { buildReport } from "../../shared";
import { seedReportInput } from "../../samples/seed-000-input";
import { portWith } from "./fake-port";

const report = buildReport(seedReportInput());
const CRITERIA = ["transparency", "dvc-progress-tree", "provide-online-tree", "formality-online-payment-tree", "handling-satisfaction", "dossier-digitized"];
const result: PortalFetchResult = {
  province: "PT",
  period: "2026-08",
  revision: 2,
  etag: '"r2-abc"',
  checksum: "abc",
  fetch: { id: "f1", cached: false, criteria: CRITERIA.map((criterion) => ({ criterion, ok: true, attempts: 1, pages: 1 })) },
  inputs: { unitScores: [{ unit: "UBND xã Thanh Sơn - Tỉnh Phú Thọ", groups: { CKMB: 15.2 } }], summary: [["2", "Công khai, minh bạch", "10.44/18 điểm", ""]] },
  report,
};

function fakeFetch(answers: Response[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error("no answer");
    return next;
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}
const json = (body: unknown, status: number, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

describe("fetchFromPortal (Worker client)", () => {
  it("a month already stored: 428 names the ETag, the client asks once more with If-Match", async () => {
    const f = fakeFetch([json({ error: { code: "PRECONDITION_REQUIRED", message: "…", issues: [], requestId: "r" } }, 428, { etag: '"r1-abc"' }), json(result, 200)]);
    const got = await fetchFromPortal({ baseUrl: "http://w/", apiKey: "k", fetch: f.fetch }, "PT", "2026-08");
    expect(got.revision).toBe(2);
    expect(f.calls.map((c) => c.url)).toEqual(["http://w/v1/provinces/PT/periods/2026-08/fetch", "http://w/v1/provinces/PT/periods/2026-08/fetch"]);
    expect((f.calls[1]?.init.headers as Record<string, string>)["if-match"]).toBe('"r1-abc"');
    expect((f.calls[0]?.init.headers as Record<string, string>)["authorization"]).toBe("Bearer k");
  });

  it("a 502 keeps the Worker's message and its per-criterion issues", async () => {
    const envelope = { error: { code: "UPSTREAM_FAILED", message: "Cổng DVCQG không trả đủ số liệu kỳ 2026-08", issues: [{ path: "provide-online-tree", code: "HTTP_429", message: "Cổng báo quá nhiều yêu cầu (429): dừng, thử lại sau." }], requestId: "r" } };
    const f = fakeFetch([json(envelope, 502)]);
    const err = await fetchFromPortal({ baseUrl: "http://w", fetch: f.fetch }, "PT", "2026-08").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiClientError);
    expect(err).toMatchObject({ code: "UPSTREAM_FAILED", status: 502, issues: envelope.error.issues });
  });
});

function deps(portal: Deps["portal"], fill: () => Promise<FillResult> = async () => ({ written: 1, refused: null, syncs: 3 })) {
  const seen = { statuses: [] as [string, StatusKind][], issues: [] as string[], filled: [] as unknown[] };
  const d: Deps = {
    ui: {
      progress: () => undefined,
      status: (text, kind) => void seen.statuses.push([text, kind]),
      issues: (list) => void (seen.issues = list.map((i) => i.message)),
      preview: () => undefined,
    },
    excel: portWith({
      fill: async (target, rows, replace) => {
        seen.filled.push({ target, rows, replace });
        return fill();
      },
    }),
    settings: () => ({ ...DEFAULT_SETTINGS, province: "PT", period: "2026-08" }),
    api: () => Promise.reject(new Error("unused")),
    portal,
    sample: () => seedReportInput(),
  };
  return { d, seen };
}

describe("fetchFromPortal with progress (NDJSON stream)", () => {
  it("reports each criterion as its line arrives, even when lines are split across chunks, then returns the result", async () => {
    const text = [
      ...CRITERIA.map((criterion, index) => JSON.stringify({ type: "criterion", criterion, ok: true, attempts: 1, index, of: 6 })),
      JSON.stringify({ type: "result", status: 201, body: result }),
    ].join("\n") + "\n";
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 37) controller.enqueue(bytes.slice(i, i + 37));
        controller.close();
      },
    });
    const f = fakeFetch([new Response(stream, { status: 200, headers: { "content-type": "application/x-ndjson; charset=utf-8" } })]);
    const seen: string[] = [];
    const got = await fetchFromPortal({ baseUrl: "http://w", fetch: f.fetch }, "PT", "2026-08", (p) => seen.push(`${p.index + 1}/${p.of} ${p.criterion}`));
    expect(seen).toEqual(CRITERIA.map((c, i) => `${i + 1}/6 ${c}`));
    expect(got.revision).toBe(2);
    expect((f.calls[0]?.init.headers as Record<string, string>)["accept"]).toContain("application/x-ndjson");
  });

  it("an error line at the end becomes the error, with the criteria that did arrive already reported", async () => {
    const text = [
      JSON.stringify({ type: "criterion", criterion: "transparency", ok: true, attempts: 1, index: 0, of: 6 }),
      JSON.stringify({ type: "error", status: 502, error: { code: "UPSTREAM_FAILED", message: "Cổng DVCQG không trả đủ số liệu", issues: [], requestId: "r" } }),
    ].join("\n");
    const f = fakeFetch([new Response(text, { status: 200, headers: { "content-type": "application/x-ndjson" } })]);
    const seen: string[] = [];
    const err = await fetchFromPortal({ baseUrl: "http://w", fetch: f.fetch }, "PT", "2026-08", (p) => seen.push(p.criterion)).catch((e: unknown) => e);
    expect(seen).toEqual(["transparency"]);
    expect(err).toMatchObject({ code: "UPSTREAM_FAILED", status: 502 });
  });
});

describe("fetchPortal (task pane action)", () => {
  it("shows each criterion's progress by name as the Worker reports it", async () => {
    const steps: [string, number][] = [];
    const { d } = deps(async (_s, onProgress) => {
      onProgress({ criterion: "transparency", ok: true, index: 0, of: 6 });
      onProgress({ criterion: "dvc-progress-tree", ok: false, index: 1, of: 6, error: "Cổng lỗi máy chủ (503)." });
      return result;
    });
    await fetchPortal({ ...d, ui: { ...d.ui, progress: (step, pct) => void steps.push([step, pct]) } }, false);
    expect(steps.slice(1, 3)).toEqual([
      ["✓ Công khai, minh bạch (1/6)", 29],
      ["✗ Tiến độ giải quyết (2/6): Cổng lỗi máy chủ (503).", 38],
    ]);
  });

  it("fills the unit table with the fetched rows and lists each criterion by its Vietnamese name", async () => {
    const { d, seen } = deps(async () => result);
    expect(await fetchPortal(d, false)).toBe(result);
    expect(seen.filled).toEqual([
      { target: "unitScores", rows: [["UBND xã Thanh Sơn - Tỉnh Phú Thọ", "", 15.2, "", "", "", "", "", ""]], replace: false },
      { target: "summary", rows: [["2", "Công khai, minh bạch", "10.44/18 điểm", ""]], replace: false },
    ]);
    expect(seen.issues[0]).toBe("Công khai, minh bạch: đã nhận (1 trang, 1 lần hỏi).");
    expect(seen.issues).toHaveLength(6);
    expect(seen.statuses.at(-1)).toEqual(['Đã lấy số liệu PT kỳ 2026-08 từ Cổng DVCQG (bản số 2 trên máy chủ) và điền 1 đơn vị vào bảng "Nhập - Điểm đơn vị", 1 dòng vào bảng "Nhập - Kết quả chung". Bấm “Lập phụ lục” để lập.', "ok"]);
  });

  it("with the units' indicators (the 2026 service), fills “Nhập - Chỉ tiêu” too: one row per unit and indicator, by number", async () => {
    const withIndicators: PortalFetchResult = {
      ...result,
      inputs: {
        ...result.inputs,
        unitScores: [
          {
            unit: "UBND xã Thanh Sơn - Tỉnh Phú Thọ",
            groups: { CKMB: 15.2 },
            indicators: {
              DOSSIER_SYNC: { numerator: 40, denominator: 50, rate: null, points: 4.8 },
              PUBLISH_ON_TIME: { numerator: 0, denominator: 0, rate: null, points: null },
            },
          },
        ],
      },
    };
    const { d, seen } = deps(async () => withIndicators);
    await fetchPortal(d, true);
    expect(seen.filled).toEqual([
      { target: "unitScores", rows: [["UBND xã Thanh Sơn - Tỉnh Phú Thọ", "", 15.2, "", "", "", "", "", ""]], replace: true },
      {
        target: "indicators",
        rows: [
          ["UBND xã Thanh Sơn - Tỉnh Phú Thọ", "1.1", 0, 0, "", ""],
          ["UBND xã Thanh Sơn - Tỉnh Phú Thọ", "1.4", 40, 50, "", 4.8],
        ],
        replace: true,
      },
      { target: "summary", rows: [["2", "Công khai, minh bạch", "10.44/18 điểm", ""]], replace: true },
    ]);
    expect(seen.statuses.at(-1)?.[0]).toContain('điền 1 đơn vị vào bảng "Nhập - Điểm đơn vị", 1 dòng vào bảng "Nhập - Chỉ tiêu", 1 dòng vào bảng "Nhập - Kết quả chung"');
  });

  it("portal down: names the failed criteria, says nothing changed, writes nothing", async () => {
    const { d, seen } = deps(() => Promise.reject(new ApiClientError("UPSTREAM_FAILED", "Cổng DVCQG không trả đủ số liệu kỳ 2026-08 (4/6 tiêu chí lỗi); số liệu đã lưu được giữ nguyên.", 502, [{ path: "provide-online-tree", code: "HTTP_429", message: "Cổng báo quá nhiều yêu cầu (429): dừng, thử lại sau." }])));
    expect(await fetchPortal(d, true)).toBeNull();
    expect(seen.filled).toEqual([]);
    expect(seen.issues).toEqual(["Dịch vụ công trực tuyến: Cổng báo quá nhiều yêu cầu (429): dừng, thử lại sau."]);
    expect(seen.statuses.at(-1)?.[1]).toBe("error");
    expect(seen.statuses.at(-1)?.[0]).toContain("Bảng nhập liệu không thay đổi.");
  });

  it("a table that already holds data is not overwritten without asking; the stored revision is still reported", async () => {
    const refusals = ['Bảng "Nhập - Điểm đơn vị" đã có số liệu: chọn “Thay số liệu cũ” nếu muốn thay.', null];
    const { d, seen } = deps(async () => result, async () => ({ written: refusals[0] ? 0 : 1, refused: refusals.shift() ?? null, syncs: 2 }));
    await fetchPortal(d, false);
    expect(seen.statuses.at(-1)).toEqual(['Đã lấy và lưu số liệu trên máy chủ (bản số 2), nhưng chưa điền: Bảng "Nhập - Điểm đơn vị" đã có số liệu: chọn “Thay số liệu cũ” nếu muốn thay.', "warning"]);
  });

  it("names every criterion as the letters do", () => {
    expect(CRITERIA.map(criterionName)).toEqual(["Công khai, minh bạch", "Tiến độ giải quyết", "Dịch vụ công trực tuyến", "Thanh toán trực tuyến", "Mức độ hài lòng", "Số hóa hồ sơ"]);
  });
});
