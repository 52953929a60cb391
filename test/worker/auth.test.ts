/** Keys: none, wrong scope, revoked, other province, public province. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, discard, json, makeKey, type Envelope } from "./helpers";

const path = "/v1/provinces/HN/periods/2022-01";
let reader = "";
let writer = "";
beforeAll(async () => {
  reader = await makeKey("HN", "read");
  writer = await makeKey("HN", "read,write");
  await discard(call(path, { method: "PUT", key: writer, body: { overdueDossiers: [{ unit: "Sở Tư pháp", total: 3 }] } }));
});

const code = async (res: Response) => (await json<Envelope>(res)).error.code;

describe("API keys", () => {
  it("no key → 401 with WWW-Authenticate", async () => {
    const res = await call(path);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
    expect(await code(res)).toBe("UNAUTHORIZED");
  });

  it("an unknown key → 401", async () => {
    const res = await discard(call(path, { key: "c766_nope" }));
    expect(res.status).toBe(401);
  });

  it("a read key reads, but cannot write → 403", async () => {
    expect((await discard(call(path, { key: reader }))).status).toBe(200);
    const res = await call(path, { method: "PUT", key: reader, body: {} });
    expect(res.status).toBe(403);
    expect(await code(res)).toBe("FORBIDDEN");
  });

  it("a revoked key → 401", async () => {
    const revoked = await makeKey("HN", "read,write", true);
    const res = await call(path, { key: revoked });
    expect(res.status).toBe(401);
    expect((await json<Envelope>(res)).error.message).toContain("thu hồi");
  });

  it("a key of another province → 403", async () => {
    const other = await makeKey("HP", "read,write");
    const res = await call(path, { key: other });
    expect(res.status).toBe(403);
    expect(await code(res)).toBe("FORBIDDEN");
  });

  it("a public province can be read without a key, never written", async () => {
    await env.DB.prepare("INSERT OR REPLACE INTO province_settings (province, public_read) VALUES ('HN', 1)").run();
    try {
      expect((await discard(call(path))).status).toBe(200);
      const res = await discard(call(path, { method: "PUT", body: {} }));
      expect(res.status).toBe(401);
    } finally {
      await env.DB.prepare("DELETE FROM province_settings WHERE province = 'HN'").run();
    }
  });

  it("only the SHA-256 of a key is stored", async () => {
    const rows = await env.DB.prepare("SELECT key_hash FROM api_keys").all<{ key_hash: string }>();
    for (const r of rows.results) expect(r.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.results.some((r) => r.key_hash.includes("c766_"))).toBe(false);
  });
});
