/**
 * One client cannot slow everyone (issue 12 item 3): anonymous POST /v1/reports limited to what a
 * province needs, a key with write scope keeps the large limits; `?include=` answers only what was
 * asked; answers are gzip-compressed for a client that accepts it (ETag and 304 unchanged); the
 * anonymous rate-limit bucket is the address Cloudflare supplies (cf-connecting-ip), never a header a
 * client sets.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { seedReportInput } from "../../samples/seed-000-input";
import { ANONYMOUS_LIMITS, LIMITS } from "../../shared/api-schema";
import { compressResponse } from "../../worker/compress";
import { BASE, call, discard, json, makeKey, type Envelope } from "./helpers";

const seed = seedReportInput();
const { province, period, ...rest } = seed;
const seedBody = { province, period: String(period), ...rest };
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ unit: `Đơn vị ${i + 1}`, total: i % 7 }));

let writer = "";
let reader = "";
beforeAll(async () => {
  writer = await makeKey("HN", "read,write");
  reader = await makeKey("HN", "read");
});

/**
 * What goes on the wire for this answer: compressResponse's own output (the bytes the Worker sends,
 * gzip magic 1f 8b), and its decoding. Across exports.default.fetch workerd decodes a gzip answer
 * for the reader, as a browser does, so the tests read the wire size here.
 */
async function wire(url: string, plain: string, type: string): Promise<{ bytes: number; text: string }> {
  const res = compressResponse(new Request(url, { headers: { "accept-encoding": "gzip" } }), new Response(plain, { headers: { "content-type": type } }));
  expect(res.headers.get("content-encoding")).toBe("gzip");
  const raw = new Uint8Array(await res.arrayBuffer());
  expect(Array.from(raw.slice(0, 2))).toEqual([0x1f, 0x8b]);
  const text = await new Response(new Blob([raw]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
  return { bytes: raw.byteLength, text };
}

describe("POST /v1/reports: anonymous limits, keyed limits", () => {
  it("the limits: anonymous ≤ 1,000 rows and 1 MB; a key with write scope 12,000 rows and 4 MB", () => {
    expect(ANONYMOUS_LIMITS).toEqual({ maxBodyBytes: 1024 * 1024, maxRowsPerDataset: 1_000 });
    expect([LIMITS.maxRowsPerDataset, LIMITS.maxBodyBytes]).toEqual([12_000, 4 * 1024 * 1024]);
  });

  it("anonymous, 1,001 rows: 413 naming the dataset, the limit and the key that lifts it", async () => {
    const res = await call("/v1/reports", { body: { province: "HN", period: "2024-12", overdueDossiers: rows(1_001) } });
    expect(res.status).toBe(413);
    const { error } = await json<Envelope>(res);
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(error.message).toMatch(/^Quá nhiều dòng: tối đa 1\.000 dòng mỗi bảng\. Gọi không kèm khóa API được gửi tối đa 1 MB và 1\.000 dòng mỗi bảng; khóa API có quyền ghi .* được tới 4 MB và 12\.000 dòng\.$/);
    expect(error.issues).toEqual([{ path: "body.overdueDossiers", code: "too_big", message: "1.001 dòng, quá giới hạn 1.000 dòng" }]);
  });

  it("anonymous, 1,000 rows (a province's worth, and more) still builds", async () => {
    const res = await discard(call("/v1/reports", { body: { province: "HN", period: "2024-12", overdueDossiers: rows(1_000) } }));
    expect(res.status).toBe(200);
  });

  it("anonymous, last month's datasets count too", async () => {
    const res = await call("/v1/reports", { body: { province: "HN", period: "2024-12", previous: { period: "2024-11", unitScores: rows(1_001) } } });
    expect(res.status).toBe(413);
    expect((await json<Envelope>(res)).error.issues.map((i) => i.path)).toEqual(["body.previous.unitScores"]);
  });

  it("anonymous, a body over 1 MB: 413 before it is parsed, naming the limit and the key", async () => {
    const pad = "x".repeat(ANONYMOUS_LIMITS.maxBodyBytes);
    const res = await call("/v1/reports", { rawBody: JSON.stringify({ province: "HN", period: "2024-12", dataTimestamp: pad }), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(413);
    expect((await json<Envelope>(res)).error.message).toMatch(/^Dữ liệu gửi lên vượt 1 MB\. Gọi không kèm khóa API .*khóa API có quyền ghi/);
  });

  it("a key with read scope only gets the anonymous limits", async () => {
    const res = await discard(call("/v1/reports", { key: reader, body: { province: "HN", period: "2024-12", overdueDossiers: rows(1_001) } }));
    expect(res.status).toBe(413);
  });

  it("a key with write scope: 1,001 and 12,000 rows build; 12,001 is still a 413", async () => {
    expect((await discard(call("/v1/reports", { key: writer, body: { province: "HN", period: "2024-12", overdueDossiers: rows(1_001) } }))).status).toBe(200);
    expect((await discard(call("/v1/reports", { key: writer, body: { province: "HN", period: "2024-12", overdueDossiers: rows(12_000) } }))).status).toBe(200);
    const over = await call("/v1/reports", { key: writer, body: { province: "HN", period: "2024-12", overdueDossiers: rows(12_001) } });
    expect(over.status).toBe(413);
    const { error } = await json<Envelope>(over);
    expect(error.message).toBe("Quá nhiều dòng: tối đa 12.000 dòng mỗi bảng.");
    expect(error.issues).toEqual([{ path: "body.overdueDossiers", code: "too_big", message: "Quá nhiều dòng (tối đa 12.000)" }]);
  }, 30_000);

  it("any other list too long (a row's 65 data-quality flags, 64 allowed) is a 400 naming it, not the datasets' row limit", async () => {
    const flags = Array.from({ length: 65 }, (_, i) => ({ code: `F${i}`, message: "Cờ chất lượng dữ liệu" }));
    const res = await call("/v1/reports", { key: writer, body: { province: "HN", period: "2024-12", unitScores: [{ unit: "Ba Đình", total: 80, dataQuality: flags }] } });
    expect(res.status).toBe(400);
    const { error } = await json<Envelope>(res);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.issues).toEqual([{ path: "body.unitScores.0.dataQuality", code: "too_big", message: "Quá nhiều mục (tối đa 64)" }]);
  });
});

describe("POST /v1/reports?include=", () => {
  it("without include: the whole report, as before", async () => {
    const report = await json(await call("/v1/reports", { body: seedBody }));
    expect(Object.keys(report).sort()).toEqual(["appendices", "counts", "dataTimestamp", "issues", "methodology", "narrative", "period", "previousPeriod", "province", "ranking"]);
  });

  it("include=ranking,narrative: the head and those parts only, equal to the whole report's", async () => {
    const whole = await json<Record<string, unknown>>(await call("/v1/reports", { body: seedBody }));
    const res = await call("/v1/reports?include=ranking,narrative", { body: seedBody });
    expect(res.status).toBe(200);
    const part = await json<Record<string, unknown>>(res);
    expect(Object.keys(part).sort()).toEqual(["counts", "dataTimestamp", "methodology", "narrative", "period", "previousPeriod", "province", "ranking"]);
    for (const k of Object.keys(part)) expect(part[k]).toEqual(whole[k]);
    expect(JSON.stringify(part).length).toBeLessThan(JSON.stringify(whole).length / 2);
  });

  it("an unknown part: 400 naming it and the known ones", async () => {
    const res = await call("/v1/reports?include=ranking,charts", { body: seedBody });
    expect(res.status).toBe(400);
    expect((await json<Envelope>(res)).error.issues[0]).toMatchObject({ path: "query.include", message: 'Không có phần "charts"; include nhận: appendices, issues, ranking, narrative' });
  });
});

describe("compressed answers", () => {
  it("Accept-Encoding: gzip → a gzip body several times smaller that decodes to the same JSON", async () => {
    const plain = await call("/v1/reports", { body: seedBody });
    const plainText = await plain.text();
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toContain("Accept-Encoding");
    const zipped = await call("/v1/reports", { body: seedBody, headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    // workerd decoded the gzip body for this reader: it was valid gzip of the same JSON.
    expect(JSON.parse(await zipped.text())).toEqual(JSON.parse(plainText));
    const { bytes, text } = await wire(`${BASE}/v1/reports`, plainText, "application/json");
    expect(JSON.parse(text)).toEqual(JSON.parse(plainText));
    const plainBytes = new TextEncoder().encode(plainText).byteLength;
    console.log(`POST /v1/reports (seed month): ${plainBytes} bytes plain, ${bytes} gzip (${(plainBytes / bytes).toFixed(1)}×)`);
    expect(bytes * 5).toBeLessThan(plainBytes);
  });

  it("q=0 and no Accept-Encoding: plain; small answers and the streamed fetch are left alone", async () => {
    const refused = await call("/v1/reports", { body: seedBody, headers: { "accept-encoding": "gzip;q=0" } });
    expect(refused.headers.get("content-encoding")).toBeNull();
    await refused.text();
    const health = await call("/health", { headers: { "accept-encoding": "gzip" } });
    expect(health.status).toBe(200);
    await health.text();
  });

  it("a stored month's rankings CSV with gzip: ETag unchanged (strong), If-None-Match → 304 without a body", async () => {
    const put = await discard(call("/v1/provinces/HN/periods/2023-06", { method: "PUT", key: writer, body: { summary: seed.summary, unitScores: seed.unitScores } }));
    expect(put.status).toBe(201);
    const path = "/v1/provinces/HN/periods/2023-06/rankings?format=csv";
    const plain = await call(path, { key: reader });
    const plainText = await plain.text();
    const zipped = await call(path, { key: reader, headers: { "accept-encoding": "gzip" } });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    const etag = zipped.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"/);
    expect(etag).toBe(plain.headers.get("etag"));
    expect(await zipped.text()).toBe(plainText);
    const { bytes, text } = await wire(`${BASE}${path}`, plainText, "text/csv; charset=utf-8");
    expect(text).toBe(plainText);
    console.log(`rankings CSV: ${new TextEncoder().encode(plainText).byteLength} bytes plain, ${bytes} gzip`);
    const again = await call(path, { key: reader, headers: { "accept-encoding": "gzip", "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("content-encoding")).toBeNull();
    expect(await again.text()).toBe("");
    // The month's ETag read with gzip is the one a write's If-Match takes (weakened, it would never match).
    const month = await call("/v1/provinces/HN/periods/2023-06", { key: reader, headers: { "accept-encoding": "gzip" } });
    expect(month.headers.get("content-encoding")).toBe("gzip");
    await month.text();
    const head = month.headers.get("etag") ?? "";
    expect(head).toBe(put.headers.get("etag"));
    const next = await discard(call("/v1/provinces/HN/periods/2023-06", { method: "PUT", key: writer, body: { summary: seed.summary }, headers: { "if-match": head, "accept-encoding": "gzip" } }));
    expect(next.status).toBe(200);
  });
});

describe("the anonymous rate-limit bucket is Cloudflare's address, never a client's header", () => {
  it("X-Forwarded-For, X-Real-IP, True-Client-IP change nothing: one cf-connecting-ip is one bucket", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 200)}`;
    let last: Response | null = null;
    // 300 a minute in fixed windows: within 601 requests one window passes 300 (errors.test.ts).
    for (let i = 0; i < 601; i++) {
      const forged = `10.0.${Math.floor(i / 250)}.${i % 250}`;
      // The cheapest path the limiter sees (a 404 after it).
      last = await call("/v1/none", { headers: { "cf-connecting-ip": ip, "x-forwarded-for": forged, "x-real-ip": forged, "true-client-ip": forged } });
      if (last.status === 429) break;
      await discard(last);
    }
    expect(last?.status).toBe(429);
    await last?.text();
    const stillLimited = await discard(call("/v1/none", { headers: { "cf-connecting-ip": ip, "x-forwarded-for": "192.0.2.250" } }));
    expect(stillLimited.status).toBe(429);
    const otherClient = await discard(call("/v1/none", { headers: { "cf-connecting-ip": `${ip}1` } }));
    expect(otherClient.status).toBe(404);
  }, 120_000);
});
