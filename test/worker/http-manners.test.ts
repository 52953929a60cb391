/**
 * HTTP manners (issue 12 item 6): 405 with Allow from the registered routes, a key before the body on
 * every write route (listed from app.routes, so a new one is covered), one answer for unknown and
 * revoked keys, Retry-After from the limiter's window, and a key of province A reading public B.
 */
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../worker/app";
import { INVALID_KEY_MESSAGE } from "../../worker/auth";
import { RATE_LIMIT_PERIOD_S, retryAfter } from "../../worker/limits";
import { PUBLIC_WRITES, READ_POSTS, WRITE_METHODS } from "../../worker/routing";
import { call, discard, json, makeKey, type Envelope } from "./helpers";

const routes = createApp().routes.filter((r) => r.method !== "ALL");
/** A concrete path for a route pattern. */
const concrete = (pattern: string) =>
  pattern.replace(/:(\w+)/g, (_, name: string) => ({ province: "HN", period: "2024-12", n: "1", unit: "HN.X" })[name] ?? "x");

let reader = "";
let writer = "";
beforeAll(async () => {
  reader = await makeKey("HN", "read");
  writer = await makeKey("HN", "read,write");
});

describe("405 with Allow, from the registered routes", () => {
  it("DELETE on a stored month and POST on the province list → 405 in the envelope, Allow names the methods", async () => {
    const del = await call("/v1/provinces/HN/periods/2024-12", { method: "DELETE", key: writer });
    expect(del.status).toBe(405);
    expect(del.headers.get("allow")).toBe("GET, HEAD, PUT, OPTIONS");
    const body = await json<Envelope>(del);
    expect(body.error.code).toBe("METHOD_NOT_ALLOWED");
    expect(body.error.message).toContain("không nhận phương thức DELETE");
    const post = await call("/v1/provinces", { method: "POST", body: {} });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect((await json<Envelope>(post)).error.code).toBe("METHOD_NOT_ALLOWED");
  });

  it("every registered path answers a method it lacks with 405 and exactly its registered methods", async () => {
    const byPath = new Map<string, Set<string>>();
    for (const r of routes) byPath.set(r.path, (byPath.get(r.path) ?? new Set()).add(r.method));
    expect(byPath.size).toBeGreaterThan(15);
    for (const [pattern, methods] of byPath) {
      const res = await call(concrete(pattern), { method: "PATCH", key: writer });
      expect(res.status, pattern).toBe(405);
      const allow = (res.headers.get("allow") ?? "").split(", ");
      await discard(res);
      const expected = new Set([...methods, ...(methods.has("GET") ? ["HEAD"] : []), "OPTIONS"]);
      expect(new Set(allow), pattern).toEqual(expected);
    }
  });

  it("an unknown path is still 404; HEAD on a GET route is answered, not 405", async () => {
    const res = await call("/v1/nowhere", { method: "DELETE" });
    expect(res.status).toBe(404);
    expect(res.headers.get("allow")).toBeNull();
    await discard(res);
    const head = await discard(call("/v1/provinces", { method: "HEAD" }));
    expect(head.status).toBe(200);
  });
});

describe("a key before the body on every write route", () => {
  const writes = routes.filter((r) => WRITE_METHODS.has(r.method));
  const guarded = writes.filter((r) => !PUBLIC_WRITES.has(`${r.method} ${r.path}`) && !READ_POSTS.has(`${r.method} ${r.path}`));
  const readPosts = writes.filter((r) => READ_POSTS.has(`${r.method} ${r.path}`));

  it("the write routes are the ones this test expects (a new one is covered below by construction)", () => {
    expect(guarded.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        "PUT /v1/provinces/:province/periods/:period",
        "POST /v1/provinces/:province/periods/:period/fetch",
        "POST /v1/catalog/aliases",
        "PUT /v1/provinces/:province/settings",
        "POST /v1/national/periods/:period/fetch",
        "PUT /v1/provinces/:province/targets",
        "PUT /v1/provinces/:province/letter-settings",
      ]),
    );
    expect(writes.map((r) => `${r.method} ${r.path}`)).toContain("POST /v1/reports");
    // POSTs that store nothing: what-if computes, letter-link signs a short-lived link to the letter.
    expect(readPosts.map((r) => `${r.method} ${r.path}`).sort()).toEqual(["POST /v1/provinces/:province/periods/:period/letter-link", "POST /v1/provinces/:province/periods/:period/what-if"]);
  });

  it("the stateless POSTs of a province's stored data take read scope, still checked before the body: keyless 401, another province's key 403", async () => {
    const other = await makeKey("PT", "read,write");
    for (const r of readPosts) {
      const path = concrete(r.path);
      const rawBody = '{"bad": ';
      const anon = await call(path, { method: r.method, rawBody, headers: { "content-type": "application/json" } });
      expect(anon.status, `${r.method} ${r.path} keyless`).toBe(401);
      expect((await json<Envelope>(anon)).error.code).toBe("UNAUTHORIZED");
      const foreign = await call(path, { method: r.method, key: other, rawBody, headers: { "content-type": "application/json" } });
      expect(foreign.status, `${r.method} ${r.path} PT key`).toBe(403);
      expect((await json<Envelope>(foreign)).error.message).toBe("Khóa truy cập này chỉ dùng cho tỉnh, thành phố PT.");
      // The province's read key passes, then the body is read: malformed JSON.
      const read = await call(path, { method: r.method, key: reader, rawBody, headers: { "content-type": "application/json" } });
      expect(read.status, `${r.method} ${r.path} read key`).toBe(400);
      expect((await json<Envelope>(read)).error.code).toBe("MALFORMED_JSON");
    }
  });

  it("keyless with a malformed body → 401; a read key → 403; nothing read from the body first", async () => {
    const before = await env.DB.prepare("SELECT (SELECT COUNT(*) FROM period_revisions) + (SELECT COUNT(*) FROM unit_aliases) + (SELECT COUNT(*) FROM province_settings) + (SELECT COUNT(*) FROM letter_settings) + (SELECT COUNT(*) FROM portal_fetches) + (SELECT COUNT(*) FROM national_revisions) + (SELECT COUNT(*) FROM target_versions) AS n").first<{ n: number }>();
    for (const r of guarded) {
      const path = concrete(r.path);
      for (const rawBody of ['{"bad": ', '{"province": 1, "unitId": [], "alias": null}']) {
        const anon = await call(path, { method: r.method, rawBody, headers: { "content-type": "application/json" } });
        expect(anon.status, `${r.method} ${r.path} keyless`).toBe(401);
        expect(anon.headers.get("www-authenticate")).toContain("Bearer");
        expect((await json<Envelope>(anon)).error.code).toBe("UNAUTHORIZED");
        const read = await call(path, { method: r.method, key: reader, rawBody, headers: { "content-type": "application/json" } });
        expect(read.status, `${r.method} ${r.path} read key`).toBe(403);
        expect((await json<Envelope>(read)).error.code).toBe("FORBIDDEN");
      }
      // Not even the content type is looked at before the key.
      const plain = await call(path, { method: r.method, rawBody: "x", headers: { "content-type": "text/plain" } });
      expect(plain.status, `${r.method} ${r.path} text/plain`).toBe(401);
      await discard(plain);
    }
    const after = await env.DB.prepare("SELECT (SELECT COUNT(*) FROM period_revisions) + (SELECT COUNT(*) FROM unit_aliases) + (SELECT COUNT(*) FROM province_settings) + (SELECT COUNT(*) FROM letter_settings) + (SELECT COUNT(*) FROM portal_fetches) + (SELECT COUNT(*) FROM national_revisions) + (SELECT COUNT(*) FROM target_versions) AS n").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });

  it("a valid write key of another province → 403 before the body is validated, on every write route of a province", async () => {
    const other = await makeKey("PT", "read,write");
    // POST …/national/…/fetch takes a write key of any province (the national summary is everyone's).
    const ofProvince = guarded.filter((r) => !r.path.startsWith("/v1/national/"));
    expect(ofProvince.length).toBe(guarded.length - 1);
    const before = await env.DB.prepare("SELECT (SELECT COUNT(*) FROM period_revisions) + (SELECT COUNT(*) FROM unit_aliases) + (SELECT COUNT(*) FROM province_settings) + (SELECT COUNT(*) FROM letter_settings) + (SELECT COUNT(*) FROM portal_fetches) + (SELECT COUNT(*) FROM target_versions) AS n").first<{ n: number }>();
    for (const r of ofProvince) {
      // Province HN (in the path, or named by the body), every other field wrong.
      const res = await call(concrete(r.path), { method: r.method, key: other, rawBody: '{"province": "HN", "unitId": [], "alias": null, "snapshots": "yes", "unitScores": 1}', headers: { "content-type": "application/json" } });
      expect(res.status, `${r.method} ${r.path}`).toBe(403);
      const { error } = await json<Envelope>(res);
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toBe("Khóa truy cập này chỉ dùng cho tỉnh, thành phố PT.");
      expect(error.issues).toEqual([]);
    }
    const after = await env.DB.prepare("SELECT (SELECT COUNT(*) FROM period_revisions) + (SELECT COUNT(*) FROM unit_aliases) + (SELECT COUNT(*) FROM province_settings) + (SELECT COUNT(*) FROM letter_settings) + (SELECT COUNT(*) FROM portal_fetches) + (SELECT COUNT(*) FROM target_versions) AS n").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
    // The alias route learns the province from its body: JSON that names none can only be refused as such.
    const unnamed = await call("/v1/catalog/aliases", { key: other, body: { unitId: "HN.D.BA_VI", alias: "Ba Vì" } });
    expect(unnamed.status).toBe(400);
    expect((await json<Envelope>(unnamed)).error.issues).toEqual([{ path: "body.province", code: "invalid_type", message: "Sai kiểu dữ liệu (cần string)" }]);
  });

  it("POST /v1/aliases with a write key still validates its body (400), and the public POST /v1/reports needs no key", async () => {
    const alias = await call("/v1/catalog/aliases", { method: "POST", key: writer, rawBody: '{"bad": ', headers: { "content-type": "application/json" } });
    expect(alias.status).toBe(400);
    expect((await json<Envelope>(alias)).error.code).toBe("MALFORMED_JSON");
    const report = await call("/v1/reports", { method: "POST", rawBody: '{"bad": ', headers: { "content-type": "application/json" } });
    expect(report.status).toBe(400);
    expect((await json<Envelope>(report)).error.code).toBe("MALFORMED_JSON");
  });
});

describe("keys", () => {
  it("an unknown key and a revoked key get the same answer", async () => {
    const revoked = await makeKey("HN", "read,write", true);
    const a = await call("/v1/provinces/HN/periods/2024-12", { key: revoked });
    const b = await call("/v1/provinces/HN/periods/2024-12", { key: `c766_never_${crypto.randomUUID()}` });
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(a.headers.get("www-authenticate")).toBe(b.headers.get("www-authenticate"));
    const [ea, eb] = [await json<Envelope>(a), await json<Envelope>(b)];
    expect(ea.error.message).toBe(INVALID_KEY_MESSAGE);
    expect(eb.error.message).toBe(INVALID_KEY_MESSAGE);
    expect({ ...ea.error, requestId: "" }).toEqual({ ...eb.error, requestId: "" });
  });

  describe("a read key of province A reading public province B", () => {
    const path = "/v1/provinces/HN/periods/2021-06";
    beforeAll(async () => {
      await discard(call(path, { method: "PUT", key: writer, body: { overdueDossiers: [{ unit: "Sở Tư pháp", total: 3 }] } }));
    });
    afterAll(async () => {
      await env.DB.prepare("DELETE FROM province_settings WHERE province = 'HN'").run();
    });

    it("gets what an anonymous caller gets (not 403) while B is public; 403 again once it is not", async () => {
      const other = await makeKey("HP", "read,write");
      expect((await discard(call(path, { key: other }))).status).toBe(403);
      await env.DB.prepare("INSERT OR REPLACE INTO province_settings (province, public_read) VALUES ('HN', 1)").run();
      const anon = await call(`${path}/rankings?format=csv`);
      const asOther = await call(`${path}/rankings?format=csv`, { key: other });
      expect([anon.status, asOther.status]).toEqual([200, 200]);
      expect(await asOther.text()).toBe(await anon.text());
      // Reading, not writing: the key of A still cannot write B.
      const put = await call(path, { method: "PUT", key: other, body: { overdueDossiers: [] }, headers: { "if-match": "*" } });
      expect(put.status).toBe(403);
      await discard(put);
      await env.DB.prepare("UPDATE province_settings SET public_read = 0 WHERE province = 'HN'").run();
      expect((await discard(call(path, { key: other }))).status).toBe(403);
    });
  });
});

describe("Retry-After from the limiter's window", () => {
  it("computes the seconds to the end of the current window (1 … period)", () => {
    expect(retryAfter(0)).toBe("60");
    expect(retryAfter(1)).toBe("60");
    expect(retryAfter(59_000)).toBe("1");
    expect(retryAfter(59_999)).toBe("1");
    expect(retryAfter(60_000)).toBe("60");
    expect(retryAfter(1_764_900_045_500)).toBe("15");
    expect(retryAfter(7_300, 10)).toBe("3");
  });

  it("a 429 carries the seconds left in the limiter's current window", async () => {
    const key = await makeKey("HN", "read");
    let last: Response | null = null;
    let before = 0;
    let after = 0;
    // 300 a window: at most 601 requests reach a refusal however the loop straddles a window's start.
    for (let i = 0; i < 601; i++) {
      before = Date.now();
      last = await call("/v1/methodologies", { key });
      after = Date.now();
      if (last.status === 429) break;
      await discard(last);
    }
    expect(last?.status).toBe(429);
    const seconds = Number(last?.headers.get("retry-after"));
    await discard(last as Response);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(RATE_LIMIT_PERIOD_S);
    // Between what the clock said just before and just after the refused request (same window, or the
    // next one's full period when the request crossed a boundary).
    const hi = Number(retryAfter(before));
    const lo = Number(retryAfter(after));
    expect(lo <= hi ? seconds >= lo && seconds <= hi : seconds >= lo || seconds <= hi).toBe(true);
  }, 60_000);
});
