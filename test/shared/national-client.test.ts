/**
 * The national summary client (`service-results`) replayed with an injected fetch (no network) on an
 * answer in the portal's recorded shape (test/fixtures/national-2026): the request, the shape check
 * that names JSON paths (a 35th or a missing province, a renamed group key, a duplicate, a non-number),
 * and the politeness policy it shares with the criterion client (retry on 5xx, stop on 429/403, a
 * body that is not JSON kept as received).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readNationalSummary } from "../../shared";
import type { PortalClientOptions } from "../../worker/portal/client";
import { fetchNational, nationalRequestBody } from "../../worker/portal/national";

const recorded = readFileSync(path.join(import.meta.dirname, "../fixtures/national-2026/month-2026-08.json"), "utf8");
const AUGUST = { kind: "month" as const, year: 2026, month: 8 };
type Answer = { data: { evaluation: Record<string, unknown>[] } & Record<string, unknown> } & Record<string, unknown>;
const answer = (): Answer => JSON.parse(recorded) as Answer;

function replay(respond: (n: number) => Response) {
  const calls: { url: string; body: unknown }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, body: JSON.parse(String(init.body)) });
    return respond(calls.length);
  }) as unknown as typeof globalThis.fetch;
  const options: PortalClientOptions = { fetch, sleep: async () => undefined, random: () => 0, backoffMs: 1, timeoutMs: 50, baseUrl: "http://portal.stub/api/v1/reporting/evaluation" };
  return { calls, options };
}
const json = (body: unknown, status = 200) => new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("readNationalSummary", () => {
  it("reads the 34 provinces with total and six groups; Hà Nội's documented figures", () => {
    const r = readNationalSummary(answer());
    expect(r.problems).toEqual([]);
    expect(r.value?.provinces).toHaveLength(34);
    expect(r.value?.countryTotal).toBe(61.88);
    expect(r.value?.provinces.find((p) => p.portalCode === "H26")).toEqual({
      portalCode: "H26",
      name: "UBND Thành phố Hà Nội",
      rootDepartmentId: "019d2be3-6a86-70a8-a0af-76e986804225",
      total: 54.79,
      groups: { CKMB: 11.28, TDGQ: 14.77, CLGQ: 9.25, TTTT: 4.59, MDHL: 7.05, MDSH: 7.85 },
      scoreDelta: 2.03,
    });
  });

  it("a 35th province, a missing one, a duplicate: each named, by count and JSON path", () => {
    const extra = answer();
    extra.data.evaluation.push({ ...extra.data.evaluation[0], departmentCode: "H99", departmentName: "UBND tỉnh Thử" });
    expect(readNationalSummary(extra).problems).toEqual(["data.evaluation: 35 tỉnh, thành phố thay vì 34"]);
    const missing = answer();
    missing.data.evaluation.splice(3, 1);
    expect(readNationalSummary(missing).problems).toEqual(["data.evaluation: 33 tỉnh, thành phố thay vì 34"]);
    const duplicate = answer();
    duplicate.data.evaluation[4] = { ...duplicate.data.evaluation[2] };
    expect(readNationalSummary(duplicate).problems).toEqual([`data.evaluation[4].departmentCode: "${String(duplicate.data.evaluation[2]?.["departmentCode"])}" trùng với data.evaluation[2]`]);
  });

  it("a renamed group key is not a silently missing group", () => {
    const renamed = answer();
    const row = renamed.data.evaluation[7] as { groupScores: Record<string, unknown> };
    row.groupScores = { ...row.groupScores, ONLINE_PAYMENT: row.groupScores["TTTT"] };
    delete row.groupScores["TTTT"];
    expect(readNationalSummary(renamed).problems).toEqual(["data.evaluation[7].groupScores.ONLINE_PAYMENT: nhóm chỉ số không biết", "data.evaluation[7].groupScores.TTTT: thiếu"]);
  });

  it("a total or group that is not a number, a wrong code, no list", () => {
    const bad = answer();
    (bad.data.evaluation[0] as Record<string, unknown>)["totalScore"] = "54,79";
    bad["code"] = "ERROR";
    const read = readNationalSummary(bad);
    expect(read.problems).toEqual(['code: "ERROR" khác "OK"', 'data.evaluation[0].totalScore: không phải số ("54,79")']);
    expect(read.value?.provinces).toHaveLength(33); // the bad row is left out, never read as 0
    expect(readNationalSummary({ code: "OK", data: {} })).toEqual({ value: null, problems: ["data.evaluation: thiếu danh sách tỉnh"] });
  });
});

describe("fetchNational", () => {
  it("asks service-results once for the provinces of the month, and keeps the answer raw", async () => {
    const r = replay(() => json(recorded));
    const got = await fetchNational(AUGUST, r.options);
    expect(r.calls).toEqual([{ url: "http://portal.stub/api/v1/reporting/evaluation/service-results", body: { timeType: "month", year: 2026, month: 8, departmentType: "ADMINISTRATIVE_UNIT" } }]);
    expect(got).toMatchObject({ error: null, status: 200, stoppedBy: null, attempts: 1 });
    expect(got.summary?.provinces).toHaveLength(34);
    expect(got.raw).toEqual(JSON.parse(recorded));
    expect(nationalRequestBody({ kind: "quarter", year: 2026, quarter: 3 })).toEqual({ timeType: "quarter", year: 2026, quarter: 3, departmentType: "ADMINISTRATIVE_UNIT" });
    expect(nationalRequestBody({ kind: "year", year: 2026 })).toEqual({ timeType: "year", year: 2026, departmentType: "ADMINISTRATIVE_UNIT" });
  });

  it("retries a 5xx with backoff, then succeeds", async () => {
    const r = replay((n) => (n < 3 ? new Response("busy", { status: 503 }) : json(recorded)));
    const got = await fetchNational(AUGUST, r.options);
    expect(got).toMatchObject({ error: null, attempts: 3 });
    expect(r.calls).toHaveLength(3);
  });

  it("gives up after the bounded retries on a portal that keeps failing", async () => {
    const r = replay(() => new Response("down", { status: 502 }));
    const got = await fetchNational(AUGUST, r.options);
    expect(got.summary).toBeNull();
    expect(got).toMatchObject({ status: 502, attempts: 4, stoppedBy: null });
    expect(got.error).toContain("Cổng lỗi máy chủ (502)");
  });

  it("stops at once on 429 (and 403): no retry, nothing usable", async () => {
    for (const status of [429, 403] as const) {
      const r = replay(() => new Response("slow down", { status }));
      const got = await fetchNational(AUGUST, r.options);
      expect(r.calls).toHaveLength(1);
      expect(got).toMatchObject({ summary: null, stoppedBy: status, status, attempts: 1 });
    }
  });

  it("an answer of the wrong shape is kept raw and refused with the paths it got wrong", async () => {
    const renamed = answer();
    const row = renamed.data.evaluation[0] as { groupScores: Record<string, unknown> };
    row.groupScores = { ...row.groupScores, DVC: row.groupScores["CLGQ"] };
    delete row.groupScores["CLGQ"];
    const r = replay(() => json(renamed));
    const got = await fetchNational(AUGUST, r.options);
    expect(got.summary).toBeNull();
    expect(got.raw).toEqual(renamed);
    expect(got.error).toBe("Bảng tổng hợp toàn quốc không đúng cấu trúc đã biết: data.evaluation[0].groupScores.DVC: nhóm chỉ số không biết; data.evaluation[0].groupScores.CLGQ: thiếu.");
  });

  it("a truncated body is kept as received text and not retried", async () => {
    const r = replay(() => json(recorded.slice(0, 500)));
    const got = await fetchNational(AUGUST, r.options);
    expect(r.calls).toHaveLength(1);
    expect(got.raw).toBe(recorded.slice(0, 500));
    expect(got.summary).toBeNull();
    expect(got.error).toContain("không đọc được");
  });
});
