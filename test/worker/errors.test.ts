/** The one error envelope for every failure class, with CORS headers on errors too. */
import { describe, expect, it } from "vitest";
import { ADDIN_ORIGIN, call, discard, json, type Envelope } from "./helpers";

async function envelope(res: Response): Promise<Envelope> {
  expect(res.headers.get("content-type")).toContain("application/json");
  const body = await json<Envelope>(res);
  expect(body.error.requestId).toBeTruthy();
  expect(body.error.message.length).toBeGreaterThan(5);
  return body;
}

describe("error envelope", () => {
  it("malformed JSON → 400 MALFORMED_JSON (JSON, not Hono's text)", async () => {
    const res = await call("/v1/reports", { method: "POST", rawBody: "{not json", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect((await envelope(res)).error.code).toBe("MALFORMED_JSON");
  });

  it("missing or wrong content type → 415", async () => {
    const missing = await call("/v1/reports", { method: "POST", rawBody: '{"province":"HN","period":"2024-12"}' });
    expect(missing.status).toBe(415);
    expect((await envelope(missing)).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const text = await discard(call("/v1/reports", { method: "POST", rawBody: "x", headers: { "content-type": "text/plain" } }));
    expect(text.status).toBe(415);
  });

  it("invalid fields → 400 VALIDATION_FAILED with each JSON path", async () => {
    const res = await call("/v1/reports", { body: { province: "HN", period: "13/2024", unitScores: [{ unit: "", total: {} }], extra: 1 } });
    expect(res.status).toBe(400);
    const { error } = await envelope(res);
    expect(error.code).toBe("VALIDATION_FAILED");
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["body.period", "body.unitScores.0.unit", "body.unitScores.0.total", "body"]));
    expect(error.issues.find((i) => i.path === "body.period")?.message).toBe("Kỳ báo cáo dạng 2024-12, 2025-Q1 hoặc 2025");
  });

  it("every issue in Vietnamese, zod's own messages too (zod/mini has no locale: the Worker words them)", async () => {
    const res = await call("/v1/reports", {
      body: {
        province: "hn",
        period: "2024-12",
        unitScores: [{ unit: "", total: true, indicators: { ["k".repeat(65)]: {} }, dataQuality: [{ code: 1, message: "m" }] }],
        options: { rankLevel: "ward", letter: { date: "2024-02-30", number: "x".repeat(201) }, summaryPointDecimals: 1.5 },
        note: 1,
      },
    });
    expect(res.status).toBe(400);
    const { error } = await envelope(res);
    expect(error.issues).toEqual([
      { path: "body.unitScores.0.unit", code: "too_small", message: "Không được để trống" },
      { path: "body.unitScores.0.total", code: "invalid_union", message: "Tổng điểm: cần một số (0–100), chữ như văn bản in (tối đa 200 ký tự) hoặc null" },
      { path: `body.unitScores.0.indicators.${"k".repeat(65)}`, code: "invalid_key", message: "Tên trường không hợp lệ: quá dài (tối đa 64 ký tự)" },
      { path: "body.unitScores.0.dataQuality.0.code", code: "invalid_type", message: "Sai kiểu dữ liệu (cần string)" },
      // The datasets first, then what the report adds (province, period, previous, letter, options).
      { path: "body.province", code: "invalid_format", message: "Mã tỉnh, thành phố dạng HN" },
      { path: "body.options.rankLevel", code: "invalid_value", message: "Giá trị không hợp lệ" },
      { path: "body.options.letter.number", code: "too_big", message: "Quá dài (tối đa 200 ký tự)" },
      { path: "body.options.letter.date", code: "invalid_format", message: "Giá trị không hợp lệ" },
      { path: "body.options.summaryPointDecimals", code: "invalid_type", message: "Sai kiểu dữ liệu (cần int)" },
      { path: "body", code: "unrecognized_keys", message: "Trường không được hỗ trợ: note" },
    ]);
  });

  it("unknown route → 404", async () => {
    const res = await call("/v2/nothing");
    expect(res.status).toBe(404);
    expect((await envelope(res)).error.code).toBe("NOT_FOUND");
  });

  it("body over the size limit → 413", async () => {
    const res = await call("/v1/reports", { method: "POST", rawBody: `{"province":"HN","period":"2024-12","pad":"${"x".repeat(4 * 1024 * 1024)}"}`, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(413);
    expect((await envelope(res)).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("rows over the limit → 413", async () => {
    const rows = Array.from({ length: 12_001 }, () => ({ unit: "x" }));
    const res = await call("/v1/reports", { body: { province: "HN", period: "2024-12", overdueDossiers: rows } });
    expect(res.status).toBe(413);
    // Anonymous: its own limit (1.000) and how to lift it, even past the schema's 12.000 (a key's).
    expect((await envelope(res)).error.message).toMatch(/^Quá nhiều dòng: tối đa 1\.000 dòng mỗi bảng\. Gọi không kèm khóa API/);
  });

  it("an unknown province → 404 with the known ones", async () => {
    const res = await call("/v1/reports", { body: { province: "XX", period: "2024-12" } });
    expect(res.status).toBe(404);
    expect((await envelope(res)).error.message).toContain("HN");
  });

  it("errors carry CORS headers for the add-in's origin; other origins get none", async () => {
    const res = await discard(call("/v2/nothing", { headers: { origin: ADDIN_ORIGIN } }));
    expect(res.headers.get("access-control-allow-origin")).toBe(ADDIN_ORIGIN);
    const other = await discard(call("/v2/nothing", { headers: { origin: "https://evil.example" } }));
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers the CORS preflight", async () => {
    const res = await discard(
      call("/v1/reports", {
        method: "OPTIONS",
        headers: { origin: ADDIN_ORIGIN, "access-control-request-method": "POST", "access-control-request-headers": "content-type,authorization" },
      }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(ADDIN_ORIGIN);
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
    expect(res.headers.get("access-control-allow-methods")).toContain("PUT");
  });

  it("rate limiting (Workers binding) answers 429 in the envelope", async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 200)}`;
    let last: Response | null = null;
    // The limiter counts in fixed 60 s windows (300 each): 601 requests taking under a minute span at
    // most two windows, so one of them must pass 300 however the loop straddles a window's start.
    for (let i = 0; i < 601; i++) {
      last = await call("/v1/methodologies", { headers: { "cf-connecting-ip": ip } });
      if (last.status === 429) break;
      await discard(last);
    }
    expect(last?.status).toBe(429);
    if (last) expect((await envelope(last)).error.code).toBe("RATE_LIMITED");
  }, 60_000);
});
