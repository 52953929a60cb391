/**
 * The national ranking in the add-in (addin/app/national.ts): the Worker's body, parsed with the shared
 * schema, gives the local engine the headline's "xếp hạng N/34" (with the change in places as the
 * Worker ranked it) and the sheet's source; without a Worker, offline or not stored, the reason in words.
 */
import { describe, expect, it } from "vitest";
import { fetchNational, nationalBuildInput, nationalSource } from "../../addin/app/national";
import { ApiClientError, getNational, UnreachableError } from "../../addin/api/client";
import { HA_NOI, buildReport } from "../../shared";
import { NationalBodySchema } from "../../shared/api-responses";
import { nationalBodySample } from "../../samples/national-2026";

const body = NationalBodySchema.parse(nationalBodySample());
const hn = body.entries.find((e) => e.code === "HN")!;

describe("nationalBuildInput", () => {
  it("a report built in the add-in has the national rank and change of places in its headline, as the Worker ranked them", () => {
    const input = { province: "HN", period: "2026-08", summary: { total: hn.total }, previous: { period: "2026-07", summary: { total: hn.change.previousTotal } } };
    const report = buildReport(input, { catalog: HA_NOI, national: nationalBuildInput(body, "HN") });
    const places = hn.change.places!;
    expect(report.narrative.headline).toContain(`xếp hạng ${hn.rank}/34 tỉnh, thành phố, ${places > 0 ? "tăng" : "giảm"} ${Math.abs(places)} bậc so với tháng 07/2026`);
    expect(report.issues.filter((i) => i.location.column?.startsWith("national") || i.message.startsWith("Bảng toàn quốc"))).toEqual([]);
  });

  it("the sheet's source names the previous period", () => {
    expect(nationalSource(body)).toMatchObject({ period: "2026-08", previousPeriod: "2026-07", denominator: 34 });
  });
});

describe("fetchNational: why there is no ranking", () => {
  it("no Worker address, offline, not stored, another error", async () => {
    expect(await fetchNational(async () => body, "", "2026-08")).toEqual({ body: null, why: "chưa đặt địa chỉ máy chủ, nên chưa có bảng toàn quốc" });
    expect(await fetchNational(async () => Promise.reject(new UnreachableError("x")), "https://w", "2026-08")).toEqual({ body: null, why: "không kết nối được máy chủ để lấy bảng toàn quốc" });
    expect(await fetchNational(async () => Promise.reject(new ApiClientError("NOT_FOUND", "Chưa có", 404)), "https://w", "2026-08")).toEqual({ body: null, why: "máy chủ chưa có bảng tổng hợp toàn quốc kỳ 2026-08" });
    expect((await fetchNational(async () => Promise.reject(new ApiClientError("BAD_RESPONSE", "Máy chủ trả về dữ liệu không đúng định dạng (entries).", 200)), "https://w", "2026-08")).why).toBe("không lấy được bảng toàn quốc (Máy chủ trả về dữ liệu không đúng định dạng (entries))");
    expect((await fetchNational(async () => body, "https://w", "2026-08")).body).toBe(body);
  });
});

describe("getNational (through the client's one send)", () => {
  const answer = (status: number, value: unknown) => (async () => new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } })) as unknown as typeof fetch;

  it("GET /v1/national/periods/{period}, parsed with NationalBodySchema", async () => {
    const seen: string[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      seen.push(`${init.method} ${url}`);
      return new Response(JSON.stringify(nationalBodySample()), { status: 200 });
    }) as unknown as typeof globalThis.fetch;
    const got = await getNational({ baseUrl: "https://w.test/", fetch }, "2026-Q3");
    expect(seen).toEqual(["GET https://w.test/v1/national/periods/2026-Q3"]);
    expect(got.entries).toHaveLength(34);
  });

  it("404 is NOT_FOUND; a body off the contract is BAD_RESPONSE naming where", async () => {
    const notFound = { error: { code: "NOT_FOUND", message: "Chưa có bảng tổng hợp toàn quốc kỳ 2026-08.", issues: [], requestId: "r" } };
    await expect(getNational({ baseUrl: "https://w.test", fetch: answer(404, notFound) }, "2026-08")).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });
    const bad = { ...nationalBodySample(), entries: [{ code: "HN" }] };
    await expect(getNational({ baseUrl: "https://w.test", fetch: answer(200, bad) }, "2026-08")).rejects.toMatchObject({ code: "BAD_RESPONSE", message: expect.stringContaining("entries[0]") });
  });
});
