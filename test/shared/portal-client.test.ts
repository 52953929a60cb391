/**
 * The portal client's policy, replayed on the recorded answers with an injected fetch (no network):
 * sequential requests, time-outs, retries on 5xx, a stop on 429, a truncated body, a renamed field,
 * an empty province.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PORTAL_2026_CRITERIA, mapPortal2026 } from "../../shared";
import { fetchMonth, type PortalClientOptions } from "../../worker/portal/client";

const dir = path.join(import.meta.dirname, "../fixtures/portal-2026");
const recorded = Object.fromEntries(PORTAL_2026_CRITERIA.map((c) => [c, readFileSync(path.join(dir, c, "month-all.json"), "utf8")])) as Record<string, string>;
const AUGUST = { kind: "month" as const, year: 2026, month: 8 };
const ROOT = "019d2be3-6a88-732b-8b17-b68020c8553a";

interface Call {
  url: string;
  body: Record<string, unknown>;
}

function replay(answer: (criterion: string, n: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch = (async (url: string, init: RequestInit) => {
    if (init.signal?.aborted) throw new Error("aborted");
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const criterion = url.split("/").pop() ?? "";
      calls.push({ url, body: JSON.parse(String(init.body)) as Record<string, unknown> });
      const aborted = new Promise<never>((_, reject) => init.signal?.addEventListener("abort", () => reject(new Error("aborted"))));
      return await Promise.race([answer(criterion, calls.filter((c) => c.url === url).length), aborted]);
    } finally {
      inFlight--;
    }
  }) as unknown as typeof globalThis.fetch;
  const options: PortalClientOptions = { fetch, sleep: async () => undefined, random: () => 0, backoffMs: 1, timeoutMs: 100 };
  return { calls, options, maxInFlight: () => maxInFlight };
}

const ok = (criterion: string) => new Response(recorded[criterion], { status: 200, headers: { "content-type": "application/json" } });

describe("fetchMonth", () => {
  it("asks the six criteria one after another and keeps every answer raw with its request", async () => {
    const r = replay((c) => ok(c));
    const month = await fetchMonth(ROOT, AUGUST, r.options);
    expect(month).toMatchObject({ complete: true, stoppedBy: null });
    expect(r.maxInFlight()).toBe(1);
    expect(r.calls.map((c) => c.url.split("/").pop())).toEqual([...PORTAL_2026_CRITERIA]);
    expect(r.calls[0]?.body).toEqual({ timeType: "month", year: 2026, month: 8, rootDepartmentId: ROOT, currentPage: 1, pageSize: 200 });
    expect(r.calls.find((c) => c.url.endsWith("handling-satisfaction"))?.body).toMatchObject({ fromDate: "2026-08-01", toDate: "2026-08-31" });
    const answers = Object.fromEntries(month.results.map((x) => [x.criterion, x.raw[0]]));
    expect(mapPortal2026(answers)).toHaveLength(164);
  });

  it("retries a 5xx with backoff, then succeeds", async () => {
    const r = replay((c, n) => (c === "transparency" && n === 1 ? new Response("busy", { status: 503 }) : ok(c)));
    const month = await fetchMonth(ROOT, AUGUST, r.options);
    expect(month.complete).toBe(true);
    expect(month.results[0]).toMatchObject({ criterion: "transparency", ok: true, attempts: 2 });
  });

  it("a portal that never answers times out after the bounded retries; the month is incomplete", async () => {
    const r = replay((c, _n) =>
      c === "dossier-digitized"
        ? new Promise<Response>(() => undefined)
        : ok(c),
    );
    const month = await fetchMonth(ROOT, AUGUST, { ...r.options, retries: 2 });
    expect(month.complete).toBe(false);
    expect(month.results.find((x) => x.criterion === "dossier-digitized")).toMatchObject({ ok: false, attempts: 3, error: "Cổng không trả lời trong 0,1 giây." });
  });

  it("a portal that does not answer the first criterion: no retry, the other five not asked", async () => {
    const r = replay(() => new Promise<Response>(() => undefined));
    const month = await fetchMonth(ROOT, AUGUST, r.options);
    expect(r.calls).toHaveLength(1);
    expect(month).toMatchObject({ complete: false, unreachable: true });
    expect(month.results[0]).toMatchObject({ ok: false, attempts: 1, status: null, error: "Cổng không trả lời trong 0,1 giây." });
    expect(month.results.slice(1).every((x) => !x.ok && x.attempts === 0 && !x.ok && x.error === "Không hỏi: Cổng DVCQG không liên lạc được.")).toBe(true);
  });

  it("a refused connection (fetch throws) or Cloudflare's 522 on the first criterion ends the round at once", async () => {
    for (const fail of [() => Promise.reject(new TypeError("connect ECONNREFUSED 127.0.0.1:9")), () => Promise.resolve(new Response("", { status: 522 }))]) {
      const r = replay(fail);
      const month = await fetchMonth(ROOT, AUGUST, r.options);
      expect(r.calls).toHaveLength(1);
      expect(month.unreachable).toBe(true);
      expect(month.results[0]?.ok ? "" : month.results[0]?.error).toMatch(/^Không kết nối được Cổng DVCQG/);
    }
  });

  it("the round's deadline bounds retries and later criteria: a 5xx portal ends by 20 s of its clock", async () => {
    let clock = 0;
    const starts: number[] = [];
    const r = replay(() => {
      starts.push(clock);
      clock += 3_000; // each answer takes 3 s (the real per-try time-out would cut it at the deadline)
      return new Response("busy", { status: 503 });
    });
    const month = await fetchMonth(ROOT, AUGUST, { ...r.options, backoffMs: 1_000, now: () => clock, sleep: async (ms) => void (clock += ms) });
    // No try starts, and no wait between tries ends, after the deadline.
    expect(Math.max(...starts)).toBeLessThan(20_000);
    expect(clock).toBeLessThan(20_000 + 3_000);
    expect(month.complete).toBe(false);
    // Without the deadline: 4 tries × 6 criteria; with it the round stops at 20 s, later criteria unasked.
    expect(r.calls.length).toBeLessThan(8);
    expect(month.results.at(-1)).toMatchObject({ ok: false, attempts: 0 });
  });

  it("stops at 429: no further criteria are requested", async () => {
    const r = replay((c) => (c === "dvc-progress-tree" ? new Response("slow down", { status: 429 }) : ok(c)));
    const month = await fetchMonth(ROOT, AUGUST, r.options);
    expect(month.stoppedBy).toBe(429);
    expect(r.calls).toHaveLength(2);
    expect(month.results.slice(2).every((x) => !x.ok && x.attempts === 0)).toBe(true);
  });

  it("a truncated body is kept raw, reported, and not retried", async () => {
    const r = replay((c) => (c === "transparency" ? new Response((recorded[c] ?? "").slice(0, 5000), { status: 200 }) : ok(c)));
    const month = await fetchMonth(ROOT, AUGUST, r.options);
    const t = month.results[0];
    expect(t).toMatchObject({ ok: false, attempts: 1 });
    expect(t?.raw[0]).toHaveLength(5000);
    expect(month.complete).toBe(false);
  });

  it("a renamed field (schema change) fails the shape check in Vietnamese", async () => {
    const r = replay((c) => (c === "formality-online-payment-tree" ? new Response((recorded[c] ?? "").replaceAll('"totalFeeFormality"', '"totalFeeFormalities"'), { status: 200 }) : ok(c)));
    const month = await fetchMonth(ROOT, AUGUST, r.options);
    const pay = month.results.find((x) => x.criterion === "formality-online-payment-tree");
    expect(pay?.ok).toBe(false);
    expect(pay && !pay.ok ? pay.error : "").toContain("thiếu trường totalFeeFormality");
  });

  it("an empty province (no units) is a valid, complete answer", async () => {
    const empty = (c: string) => {
      const a = JSON.parse(recorded[c] ?? "{}") as { data: Record<string, unknown> };
      if (Array.isArray(a.data["evaluation"])) a.data["evaluation"] = [];
      if (Array.isArray(a.data["children"])) a.data["children"] = [];
      return new Response(JSON.stringify(a), { status: 200 });
    };
    const r = replay((c) => empty(c));
    const month = await fetchMonth(ROOT, AUGUST, r.options);
    expect(month.complete).toBe(true);
    expect(mapPortal2026(Object.fromEntries(month.results.map((x) => [x.criterion, x.raw[0]])))).toHaveLength(1);
  });
});
