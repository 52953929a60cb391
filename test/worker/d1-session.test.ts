/**
 * D1 read replication's bookmark handling (worker/d1-session.ts). Locally there are no replicas, so
 * these pin the contract a replica would be held to: every answer carries the session's bookmark, a
 * write's bookmark sent with a read gives an answer whose bookmark is not older (bookmarks sort as
 * text), and a write followed by a read carrying its bookmark sees the write.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { seedReportInput } from "../../samples/seed-000-input";
import { ADDIN_ORIGIN, call, discard, json, makeKey, type Envelope } from "./helpers";

const seed = seedReportInput();
const P = "/v1/provinces/HN/periods/2023-02";
const H = "x-d1-bookmark";
let writer = "";
beforeAll(async () => {
  writer = await makeKey("HN", "read,write");
});

describe("x-d1-bookmark", () => {
  it("a write answers with a bookmark; a read sent with it answers with one not older and sees the write", async () => {
    const first = await discard(call(P, { method: "PUT", key: writer, body: { summary: seed.summary, unitScores: seed.unitScores } }));
    expect(first.status).toBe(201);
    const b1 = first.headers.get(H) ?? "";
    console.log(`bookmark after a write: ${b1}`);
    expect(b1).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{8,64}){1,4}$/i);

    const read = await discard(call(P, { key: writer, headers: { [H]: b1 } }));
    expect(read.status).toBe(200);
    const b2 = read.headers.get(H) ?? "";
    expect(b2 >= b1).toBe(true);
    expect(read.headers.get("etag")).toBe(first.headers.get("etag"));

    // A second write, then reads in the same session (its bookmark): revision 2 everywhere.
    const second = await discard(call(P, { method: "PUT", key: writer, body: { summary: seed.summary }, headers: { "if-match": first.headers.get("etag") ?? "", [H]: b2 } }));
    expect(second.status).toBe(200);
    const b3 = second.headers.get(H) ?? "";
    expect(b3 > b1).toBe(true);
    const after = await call(P, { key: writer, headers: { [H]: b3 } });
    expect(after.headers.get("etag")).toBe(second.headers.get("etag"));
    expect((after.headers.get(H) ?? "") >= b3).toBe(true);
    await after.text();
    const revisions = await call(`${P}/revisions`, { key: writer, headers: { [H]: b3 } });
    expect((await json<{ revisions: unknown[] }>(revisions)).revisions).toHaveLength(2);
  });

  it("the polled reads carry it: rankings (JSON, CSV), appendices, history, the report", async () => {
    for (const path of [`${P}/rankings`, `${P}/rankings?format=csv`, `${P}/appendices/1`, `${P}/report`, "/v1/provinces/HN/history"]) {
      const res = await discard(call(path, { key: writer }));
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.headers.get(H), path).toMatch(/^[0-9a-f]{8}-/i);
    }
  });

  it("a bookmark that is not one: 400 naming the header, nothing read", async () => {
    const res = await call(P, { key: writer, headers: { [H]: "yesterday" } });
    expect(res.status).toBe(400);
    const { error } = await json<Envelope>(res);
    expect(error.message).toContain("X-D1-Bookmark");
    expect(error.issues[0]?.path).toBe("header.X-D1-Bookmark");
  });

  it("the add-in's origin may send and read it (CORS)", async () => {
    const pre = await discard(call(P, { method: "OPTIONS", headers: { origin: ADDIN_ORIGIN, "access-control-request-method": "GET", "access-control-request-headers": H } }));
    expect(pre.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(H);
    const res = await discard(call(P, { key: writer, headers: { origin: ADDIN_ORIGIN } }));
    expect(res.headers.get("access-control-expose-headers")?.toLowerCase()).toContain(H);
  });
});
