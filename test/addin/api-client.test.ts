/**
 * The Worker client parses every answer with the shared zod schemas (shared/api-schema.ts): the
 * engine's report passes whole (nothing dropped on the way), an answer that breaks the contract is a
 * Vietnamese BAD_RESPONSE naming the wrong field — never a crash later in the Excel writer — and every
 * request goes through one send (headers, JSON body, time limit, unreachable Worker).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { ApiClientError, fetchFromPortal, PORTAL_FETCH_CLIENT_MS, postReport, UnreachableError, type PortalFetchResult } from "../../addin/api/client";
import { build, type Deps, type StatusKind } from "../../addin/app/controller";
import { DEFAULT_SETTINGS } from "../../addin/app/settings";
import { ErrorEnvelopeSchema, PORTAL_ROUND_MS } from "../../shared/api-schema";
import { PortalFetchResultSchema, PortalStreamLineSchema, ReportResponseSchema } from "../../shared/api-responses";
import { buildReport, catalogFromPortal, HA_NOI, PORTAL_2026_CRITERIA, portalReportInput, type Portal2026Criterion, type Report } from "../../shared";
import { seedReportInput } from "../../samples/seed-000-input";
import { jsonResponse, recordingFetch } from "./fake-fetch";

const seed = buildReport(seedReportInput(), { letter: { number: "193/UBND-KSTTHC", date: "2025-01-15" } });
/** What crosses the wire: JSON, so no undefined fields. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;


describe("the response schemas describe what the engine builds", () => {
  it("the seed month's report passes whole: parsing keeps every field of every appendix, issue and ranking entry", () => {
    const parsed = ReportResponseSchema.parse(wire(seed));
    expect(parsed).toEqual(wire(seed));
    expect(parsed.appendices.map((a) => a.id)).toEqual(["PL1", "PL2", "PL3", "PL4"]);
    expect(parsed.appendices[2]?.header).toContainEqual({ text: "Tổng số hồ sơ quá hạn đang xử lý", row: 0, col: 2, rowSpan: 1, colSpan: 3 });
  });

  it("the recorded Phú Thọ portal month (148 communes ranked, departments as another level, data-quality issues) passes whole too", () => {
    const dir = path.join(import.meta.dirname, "../fixtures/portal-2026");
    const answers = Object.fromEntries(PORTAL_2026_CRITERIA.map((c) => [c, JSON.parse(readFileSync(path.join(dir, c, "month-all.json"), "utf8"))])) as Record<Portal2026Criterion, unknown>;
    const { input, rows } = portalReportInput(answers, "PT", "2026-08");
    const report = wire(buildReport(input, { catalog: catalogFromPortal(rows, "PT", "Tỉnh Phú Thọ"), rankLevel: "commune" }));
    expect(report.ranking.otherLevels.length).toBeGreaterThan(0);
    expect(report.issues.some((i) => i.details)).toBe(true);
    expect(ReportResponseSchema.parse(report)).toEqual(report);
  });

  it("an appendix whose rows are narrower than its columns, or a header cell outside the header, is refused", () => {
    const pl2 = wire(seed).appendices[1] as Report["appendices"][number];
    const narrow = { ...pl2, rows: [{ ...pl2.rows[0], cells: pl2.rows[0]?.cells.slice(1) }] };
    expect(ReportResponseSchema.shape.appendices.element.safeParse(narrow).error?.issues.map((i) => i.path)).toEqual([["rows", 0, "cells"]]);
    const outside = { ...pl2, header: [{ text: "x", row: 0, col: 3, rowSpan: 1, colSpan: 2 }] };
    expect(ReportResponseSchema.shape.appendices.element.safeParse(outside).success).toBe(false);
  });

  it("NDJSON lines: a criterion, the result with its report, the error envelope", () => {
    expect(PortalStreamLineSchema.parse({ type: "criterion", criterion: "transparency", ok: false, attempts: 3, index: 0, of: 6, error: "Cổng lỗi máy chủ (503)." }).type).toBe("criterion");
    const body = { province: "HN", period: "2024-12", revision: 1, etag: '"r1"', checksum: "c", fetch: { id: "f", cached: false, criteria: [{ criterion: "transparency", ok: false, attempts: 1, pages: 0, status: null, error: "Không trả lời." }] }, inputs: { unitScores: [{ unit: "Sở Tư pháp", groups: { CKMB: 18, TDGQ: null } }], summary: [["1", "Tổng hợp", "62.3 điểm", ""]] }, report: wire(seed) };
    expect(PortalFetchResultSchema.parse(body)).toEqual(body);
    expect(PortalStreamLineSchema.safeParse({ type: "result", status: 201, body: { ...body, report: {} } }).success).toBe(false);
    const error = { code: "UPSTREAM_FAILED", message: "Cổng DVCQG không trả đủ số liệu", issues: [], requestId: "r" };
    expect(PortalStreamLineSchema.parse({ type: "error", status: 502, error })).toEqual({ type: "error", status: 502, error });
    expect(ErrorEnvelopeSchema.safeParse({ error: { ...error, code: "NOPE" } }).success).toBe(false);
  });
});

describe("postReport", () => {
  it("one send: POST JSON with the key and the options; the answer parsed into the engine's Report", async () => {
    const f = recordingFetch(() => jsonResponse(wire(seed)));
    const got = await postReport({ baseUrl: "http://w/", apiKey: "k", fetch: f.fetch }, seedReportInput(), { letter: { number: "193/UBND-KSTTHC" } });
    expect(got).toEqual(wire(seed));
    expect(f.calls[0]?.url).toBe("http://w/v1/reports");
    expect(f.calls[0]?.init.method).toBe("POST");
    expect(f.calls[0]?.init.headers).toEqual({ "content-type": "application/json", authorization: "Bearer k" });
    expect(JSON.parse(String(f.calls[0]?.init.body))).toMatchObject({ province: "HN", period: "2024-12", options: { letter: { number: "193/UBND-KSTTHC" } } });
  });

  it("a report with a wrong cell kind is a Vietnamese BAD_RESPONSE naming the field, not a crash", async () => {
    const bad = wire(seed) as unknown as { appendices: { rows: { cells: { kind: string }[] }[] }[] };
    const cell = bad.appendices[1]?.rows[2]?.cells[1];
    if (cell) cell.kind = "money";
    const err = await postReport({ baseUrl: "http://w", fetch: recordingFetch(() => jsonResponse(bad)).fetch }, seedReportInput()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiClientError);
    expect(err).toMatchObject({ code: "BAD_RESPONSE", status: 200 });
    expect((err as Error).message).toBe("Máy chủ trả về dữ liệu không đúng định dạng (appendices[1].rows[2].cells[1].kind); add-in và máy chủ có thể khác phiên bản.");
  });

  it("a body that is not JSON, or JSON of another shape, is a BAD_RESPONSE too", async () => {
    const html = recordingFetch(() => new Response("<html>proxy</html>", { status: 200, headers: { "content-type": "text/html" } }));
    await expect(postReport({ baseUrl: "http://w", fetch: html.fetch }, seedReportInput())).rejects.toThrow("Máy chủ trả về dữ liệu không đúng định dạng (không phải JSON)");
    const other = recordingFetch(() => jsonResponse({ ok: true }));
    await expect(postReport({ baseUrl: "http://w", fetch: other.fetch }, seedReportInput())).rejects.toThrow(/không đúng định dạng \(province và \d+ chỗ khác\)/);
  });

  it("the error envelope keeps its code, message and issues; an error without one says the status", async () => {
    const envelope = { error: { code: "VALIDATION_FAILED", message: "Dữ liệu gửi lên không đúng định dạng.", issues: [{ path: "unitScores[0].unit", code: "too_small", message: "Thiếu tên đơn vị" }], requestId: "r" } };
    const err = await postReport({ baseUrl: "http://w", fetch: recordingFetch(() => jsonResponse(envelope, 400)).fetch }, seedReportInput()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "VALIDATION_FAILED", status: 400, message: envelope.error.message, issues: envelope.error.issues });
    const bare = await postReport({ baseUrl: "http://w", fetch: recordingFetch(() => new Response("Bad gateway", { status: 502 })).fetch }, seedReportInput()).catch((e: unknown) => e);
    expect(bare).toMatchObject({ code: "INTERNAL", status: 502, message: "Máy chủ trả lỗi 502." });
  });

  it("no connection, or no answer within the time limit, is UnreachableError", async () => {
    const down = recordingFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    await expect(postReport({ baseUrl: "http://w", fetch: down.fetch }, seedReportInput())).rejects.toBeInstanceOf(UnreachableError);
    const slow = recordingFetch((_url, init) => new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")))));
    const err = await postReport({ baseUrl: "http://w", timeoutMs: 20, fetch: slow.fetch }, seedReportInput()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    expect((err as Error).message).toBe("Máy chủ không trả lời trong 1 giây.");
  });
});

describe("fetchFromPortal: a dead portal is shown within the Worker's round", () => {
  it("the time limit is the Worker's round plus storing (35 s, no longer 2 minutes); a silent Worker is an UnreachableError then", async () => {
    expect(PORTAL_ROUND_MS).toBe(20_000);
    expect(PORTAL_FETCH_CLIENT_MS).toBe(35_000);
    vi.useFakeTimers();
    try {
      const f = recordingFetch((_url, init) => new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")))));
      const pending = fetchFromPortal({ baseUrl: "http://w", fetch: f.fetch }, "PT", "2026-08", () => undefined).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(PORTAL_FETCH_CLIENT_MS - 1);
      let settled = false;
      void pending.then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const err = await pending;
      expect(err).toBeInstanceOf(UnreachableError);
      expect((err as Error).message).toBe("Máy chủ không trả lời trong 35 giây.");
    } finally {
      vi.useRealTimers();
    }
  });

  it("the Worker's 502 line for an unreachable portal reaches the clerk as it is", async () => {
    const message = "Không liên lạc được Cổng DVCQG (Cổng không kết nối hoặc không trả lời; đã hỏi 1/6 tiêu chí rồi dừng): kỳ 2026-08 chưa lấy được, thử lại sau. Số liệu đã lưu được giữ nguyên.";
    const lines = [
      JSON.stringify({ type: "criterion", criterion: "transparency", ok: false, attempts: 1, index: 0, of: 6, error: "Không kết nối được Cổng DVCQG (Network connection lost.)." }),
      JSON.stringify({ type: "error", status: 502, error: { code: "UPSTREAM_FAILED", message, issues: [], requestId: "r" } }),
    ];
    const f = recordingFetch(() => new Response(lines.join("\n"), { status: 200, headers: { "content-type": "application/x-ndjson" } }));
    const err = await fetchFromPortal({ baseUrl: "http://w", fetch: f.fetch }, "PT", "2026-08", () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiClientError);
    expect(err).toMatchObject({ code: "UPSTREAM_FAILED", status: 502, message });
  });
});

describe("the D1 bookmark (read replication)", () => {
  it("the newest X-D1-Bookmark a Worker answered with goes back with the next requests; an older one does not replace it", async () => {
    const answers = ["00000000-00000005-00000000-0", "00000000-00000003-00000000-0", null];
    const f = recordingFetch(() => {
      const b = answers.shift();
      return new Response("{}", { status: 404, headers: { "content-type": "application/json", ...(b ? { "x-d1-bookmark": b } : {}) } });
    });
    const config = { baseUrl: "http://bookmarks.test/", fetch: f.fetch };
    for (let i = 0; i < 3; i++) await fetchFromPortal(config, "PT", "2026-08").catch(() => undefined);
    const sent = f.calls.map((c) => (c.init.headers as Record<string, string>)["x-d1-bookmark"] ?? null);
    expect(sent).toEqual([null, "00000000-00000005-00000000-0", "00000000-00000005-00000000-0"]);
  });
});

describe("fetchFromPortal: every answer parsed", () => {
  const ndjson = (lines: string[]) => new Response(lines.join("\n"), { status: 200, headers: { "content-type": "application/x-ndjson" } });

  it("a progress line of the wrong shape stops the fetch with a BAD_RESPONSE naming the line and field", async () => {
    const f = recordingFetch(() => ndjson([JSON.stringify({ type: "criterion", criterion: "transparency", ok: true, attempts: 1, index: 0, of: 6 }), JSON.stringify({ type: "criterion", criterion: "dvc-progress-tree", ok: "yes", attempts: 1, index: 1, of: 6 })]));
    const seen: string[] = [];
    const err = await fetchFromPortal({ baseUrl: "http://w", fetch: f.fetch }, "PT", "2026-08", (p) => seen.push(p.criterion)).catch((e: unknown) => e);
    expect(seen).toEqual(["transparency"]);
    expect(err).toMatchObject({ code: "BAD_RESPONSE", message: "Máy chủ trả về dữ liệu không đúng định dạng (dòng 2: ok); add-in và máy chủ có thể khác phiên bản." });
  });

  it("a line that is not JSON, and a stream that ends before its result, are clear errors", async () => {
    const garbled = recordingFetch(() => ndjson(['{"type":"criterion",']));
    await expect(fetchFromPortal({ baseUrl: "http://w", fetch: garbled.fetch }, "PT", "2026-08", () => undefined)).rejects.toThrow("(dòng 1: không phải JSON)");
    const cut = recordingFetch(() => ndjson([JSON.stringify({ type: "criterion", criterion: "transparency", ok: true, attempts: 1, index: 0, of: 6 })]));
    await expect(fetchFromPortal({ baseUrl: "http://w", fetch: cut.fetch }, "PT", "2026-08", () => undefined)).rejects.toThrow("Máy chủ ngừng trả lời giữa chừng, trước dòng kết quả; thử lại sau.");
  });

  it("a result whose report is malformed is refused before anything is filled", async () => {
    const result = { province: "PT", period: "2026-08", revision: 1, etag: '"r1"', checksum: "c", fetch: { id: "f", cached: false, criteria: [] }, inputs: { unitScores: [], summary: [] }, report: { ...wire(seed), counts: { ...seed.counts, errors: "5" } } };
    const f = recordingFetch(() => ndjson([JSON.stringify({ type: "result", status: 201, body: result })]));
    await expect(fetchFromPortal({ baseUrl: "http://w", fetch: f.fetch }, "PT", "2026-08", () => undefined)).rejects.toThrow("(dòng 1: body.report.counts.errors)");
    const plain = recordingFetch(() => jsonResponse(result, 201));
    await expect(fetchFromPortal({ baseUrl: "http://w", fetch: plain.fetch }, "PT", "2026-08")).rejects.toThrow("(report.counts.errors)");
  });

  it("a well-formed result comes back as parsed, typed for the controller", async () => {
    const result: PortalFetchResult = { province: "PT", period: "2026-08", revision: 3, etag: '"r3"', checksum: "c", fetch: { id: "f", cached: true, criteria: [] }, inputs: { unitScores: [], summary: [] }, report: wire(seed) };
    const f = recordingFetch(() => jsonResponse(result, 200));
    expect(await fetchFromPortal({ baseUrl: "http://w", fetch: f.fetch }, "PT", "2026-08")).toEqual(result);
  });
});

describe("“Lập phụ lục” when the Worker answers something malformed", () => {
  it("builds with the engine in the add-in and says why, in Vietnamese", async () => {
    const statuses: [string, StatusKind][] = [];
    const deps: Deps = {
      ui: { progress: () => undefined, status: (text, kind) => void statuses.push([text, kind]), issues: () => undefined, preview: () => undefined },
      excel: null,
      settings: () => DEFAULT_SETTINGS,
      api: (input, s) => postReport({ baseUrl: s.workerUrl, fetch: recordingFetch(() => jsonResponse({ ...wire(seed), appendices: "PL1" })).fetch }, input),
      portal: () => Promise.reject(new Error("unused")),
      sample: () => seedReportInput(),
    };
    const report = await build(deps);
    expect(report?.appendices).toHaveLength(4);
    expect(statuses.at(-1)?.[0]).toContain("Lập trong máy (Máy chủ trả về dữ liệu không đúng định dạng (appendices); add-in và máy chủ có thể khác phiên bản.)");
  });
});

it("HA_NOI is the seed's catalog (guards the fixtures above)", () => {
  expect(seed.province).toEqual({ id: "HN", name: HA_NOI.provinceName });
});
