/**
 * The older 766 service (report_tinh_766_service): its request form, its string-typed rows parsed
 * (null stays null, a non-number is a problem with its JSON path), the rows through the engine, and
 * the fetch under the same politeness policy as the 2026 client, replayed without a network.
 *
 * The An Giang and national rows are the real values recorded in October 2025 (portal-api-details.md
 * §3.5); the Hà Nội rows follow the same shape with invented ids and scores (no Hà Nội unit row is recorded).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildReport, catalogFromLegacy, legacyFormBody, legacyParams, legacyReportInput, parseLegacy766 } from "../../shared";
import { fetchLegacy766 } from "../../worker/portal/legacy";
import type { PortalClientOptions } from "../../worker/portal/client";

const AN_GIANG = [
  { ID: "398305", TEN: "Sở Tư pháp - tỉnh An Giang", TEN_COQUAN: "Sở Tư pháp - tỉnh An Giang", MA_COQUAN: "H01.12", LOAI_COQUAN: "2", CAPDONVIID: "1", ID_COQUAN: "398305", TDGQ: "14.1", MDHL: "16.7", MDSH: "14.51", TTTT: "8.47", CLGQ: "10", CKMB: "9.87", TONG_SCORE: "73.65", ROW_STT: "2" },
  { ID: "470705", TEN: "UBND xã Đông Thái - tỉnh An Giang", TEN_COQUAN: "UBND xã Đông Thái - tỉnh An Giang", MA_COQUAN: "H01.187", LOAI_COQUAN: "3", CAPDONVIID: "2", ID_COQUAN: "470705", TDGQ: "19.81", MDHL: "18", MDSH: "20.75", TTTT: "8.55", CLGQ: "8.1", CKMB: "18", TONG_SCORE: "93.21", ROW_STT: "1" },
];

/** Hà Nội-shaped rows (invented values): two communes tied, one sở, one phường. */
const HA_NOI = [
  { ID: "900001", TEN: "UBND phường Ba Đình - thành phố Hà Nội", MA_COQUAN: "H26.101", LOAI_COQUAN: "3", CAPDONVIID: "2", TDGQ: "19.5", MDHL: "17.2", MDSH: "20", TTTT: "9", CLGQ: "9.3", CKMB: "16", TONG_SCORE: "91", ROW_STT: "1" },
  { ID: "900002", TEN: "UBND xã Sóc Sơn - thành phố Hà Nội", MA_COQUAN: "H26.201", LOAI_COQUAN: "3", CAPDONVIID: "2", TDGQ: "18", MDHL: "18", MDSH: "21", TTTT: "8", CLGQ: "9", CKMB: "15", TONG_SCORE: "89", ROW_STT: "2" },
  { ID: "900003", TEN: "UBND xã Thạch Thất - thành phố Hà Nội", MA_COQUAN: "H26.202", LOAI_COQUAN: "3", CAPDONVIID: "2", TDGQ: "18", MDHL: "18", MDSH: "21", TTTT: "8", CLGQ: "9", CKMB: "15", TONG_SCORE: "89", ROW_STT: "3" },
  { ID: "900004", TEN: "Sở Nội vụ - thành phố Hà Nội", MA_COQUAN: "H26.05", LOAI_COQUAN: "2", CAPDONVIID: "1", TDGQ: "17", MDHL: "", MDSH: "19.4", TTTT: "7.5", CLGQ: "10", CKMB: "14", TONG_SCORE: "67.9", ROW_STT: "4" },
];

describe("legacy request", () => {
  it("sets exactly one period field and asks for a page large enough for Hà Nội", () => {
    expect(legacyParams("389181", { kind: "month", year: 2025, month: 10 })).toMatchObject({ service: "report_tinh_766_service", p_nam: "2025", p_tinh_id: "389181", p_thang: 10, p_quy: 0, p_6thang: 0, pageSize: 1000 });
    expect(legacyParams("389181", { kind: "quarter", year: 2025, quarter: 3 })).toMatchObject({ p_thang: 0, p_quy: 3 });
    expect(legacyParams("389181", { kind: "year", year: 2024 })).toMatchObject({ p_nam: "2024", p_thang: 0, p_quy: 0, p_6thang: 0 });
  });

  it("form-encodes the params object as one field that decodes back to the same JSON", () => {
    const params = legacyParams("398126", { kind: "month", year: 2025, month: 10 });
    const body = legacyFormBody(params);
    expect(body.startsWith("params=%7B%22type%22%3A%22ref%22")).toBe(true);
    expect(JSON.parse(new URLSearchParams(body).get("params") ?? "")).toEqual(params);
  });
});

describe("parseLegacy766", () => {
  it("turns the recorded string values into numbers, keeps the unit type, and the groups add up to the total", () => {
    const { rows, problems } = parseLegacy766(AN_GIANG);
    expect(problems).toEqual([]);
    expect(rows[0]).toEqual({
      id: "398305",
      name: "Sở Tư pháp - tỉnh An Giang",
      code: "H01.12",
      type: "department",
      groups: { CKMB: 9.87, TDGQ: 14.1, CLGQ: 10, TTTT: 8.47, MDHL: 16.7, MDSH: 14.51 },
      total: 73.65,
      rowNo: 2,
    });
    expect(rows[1]?.type).toBe("commune");
    for (const r of rows) {
      const sum = Object.values(r.groups).reduce<number>((a, b) => a + (b ?? 0), 0);
      expect(Math.abs(sum - (r.total ?? NaN))).toBeLessThanOrEqual(0.01);
    }
  });

  it("accepts the wrapped forms {data: [...]} and {TOTAL, ROW: [...]}", () => {
    expect(parseLegacy766({ data: AN_GIANG }).rows).toHaveLength(2);
    expect(parseLegacy766({ TOTAL: "2", ROW: AN_GIANG }).rows).toHaveLength(2);
  });

  it("an empty value stays null, never 0", () => {
    const { rows, problems } = parseLegacy766(HA_NOI);
    expect(problems).toEqual([]);
    expect(rows[3]?.groups.MDHL).toBeNull();
  });

  it("a value that is not a number is a problem naming the row and field, and is not read as 0", () => {
    const bad = [{ ...AN_GIANG[0], TDGQ: "14,1" }, { ...AN_GIANG[1], TONG_SCORE: "N/A" }];
    const { rows, problems } = parseLegacy766({ data: bad });
    expect(problems).toEqual([
      { path: "data[0].TDGQ", message: 'TDGQ = "14,1" không phải số.' },
      { path: "data[1].TONG_SCORE", message: 'TONG_SCORE = "N/A" không phải số.' },
    ]);
    expect(rows[0]?.groups.TDGQ).toBeNull();
    expect(rows[1]?.total).toBeNull();
  });

  it("a renamed field (schema change) is reported, not silently empty", () => {
    const renamed = AN_GIANG.map(({ TONG_SCORE, ...r }) => ({ ...r, TONGDIEM: TONG_SCORE }));
    const { problems } = parseLegacy766(renamed);
    expect(problems.map((p) => p.path)).toEqual(["[0].TONG_SCORE", "[1].TONG_SCORE"]);
    expect(problems[0]?.message).toContain("Thiếu trường TONG_SCORE");
  });

  it("a list cut short (ROW_STT beyond the row count) is reported", () => {
    const { problems } = parseLegacy766([{ ...AN_GIANG[0], ROW_STT: "117" }]);
    expect(problems).toEqual([{ path: "", message: "Danh sách có 1 dòng nhưng ROW_STT lên tới 117: câu trả lời có thể bị cắt." }]);
  });

  it("property: a decimal string reads as its number; anything else is null with a problem, never a number", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.string(), (hundredths, junk) => {
        const text = String(hundredths / 100);
        const ok = parseLegacy766([{ ...AN_GIANG[0], CKMB: text }]);
        expect(ok.rows[0]?.groups.CKMB).toBe(hundredths / 100);
        fc.pre(junk.trim() !== "" && !/^-?\d+(\.\d+)?$/.test(junk.trim()));
        const bad = parseLegacy766([{ ...AN_GIANG[0], CKMB: junk }]);
        expect(bad.rows[0]?.groups.CKMB).toBeNull();
        expect(bad.problems.map((p) => p.path)).toContain("[0].CKMB");
      }),
    );
  });

  it("an answer that is not a list is one clear problem", () => {
    expect(parseLegacy766({ error: "session expired" }).problems[0]?.message).toContain("không phải danh sách đơn vị");
  });
});

describe("legacy rows through the engine", () => {
  const { rows } = parseLegacy766(HA_NOI);
  const catalog = catalogFromLegacy(rows, "HN", "Thành phố Hà Nội");
  const report = buildReport(legacyReportInput(rows, "HN", "2025-10"), { catalog, rankLevel: "commune" });

  it("ranks the communes 1224-style (the portal's ROW_STT numbers ties 2 and 3)", () => {
    expect(report.issues.filter((i) => i.code === "UNKNOWN_UNIT" || i.code === "UNPARSEABLE_CELL")).toEqual([]);
    expect(report.ranking.entries.map((e) => [e.rank, e.unitId, e.total])).toEqual([
      [1, "900001", 91],
      [2, "900002", 89],
      [2, "900003", 89],
    ]);
    expect(report.ranking.otherLevels.find((o) => o.level === "department")?.entries.map((e) => e.unitId)).toEqual(["900004"]);
  });

  it("a total that is not the sum of its groups is reported with both values", () => {
    const { rows: off } = parseLegacy766([{ ...HA_NOI[0], TONG_SCORE: "92" }]);
    const r = buildReport(legacyReportInput(off, "HN", "2025-10"), { catalog: catalogFromLegacy(off, "HN", "Thành phố Hà Nội"), rankLevel: "commune" });
    const issue = r.issues.find((i) => i.code === "GROUPS_SUM_MISMATCH");
    expect(issue?.message).toMatch(/92/);
    expect(issue?.message).toMatch(/91/);
  });
});

function replay(answer: (n: number) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer(calls.length);
  }) as unknown as typeof globalThis.fetch;
  const options: PortalClientOptions = { fetch, sleep: async () => undefined, random: () => 0, backoffMs: 1, timeoutMs: 50 };
  return { calls, options };
}

const OCTOBER = { kind: "month" as const, year: 2025, month: 10 };
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

describe("fetchLegacy766", () => {
  it("sends one form-encoded request with the minimal headers and keeps the raw answer", async () => {
    const r = replay(() => json(AN_GIANG));
    const f = await fetchLegacy766("398126", OCTOBER, r.options);
    expect(f).toMatchObject({ complete: true, stoppedBy: null, problems: [] });
    expect(r.calls).toHaveLength(1);
    const headers = r.calls[0]?.init.headers as Record<string, string>;
    expect(headers["content-type"]).toBe("application/x-www-form-urlencoded; charset=UTF-8");
    expect(headers["x-requested-with"]).toBe("XMLHttpRequest");
    expect(JSON.parse(new URLSearchParams(String(r.calls[0]?.init.body)).get("params") ?? "")).toMatchObject({ p_tinh_id: "398126", p_thang: 10 });
    expect(f.results[0]?.raw[0]).toEqual(AN_GIANG);
    expect(f.rows).toHaveLength(2);
  });

  it("retries a 5xx, then succeeds", async () => {
    const r = replay((n) => (n === 1 ? new Response("busy", { status: 502 }) : json(AN_GIANG)));
    const f = await fetchLegacy766("398126", OCTOBER, r.options);
    expect(f.complete).toBe(true);
    expect(f.results[0]?.attempts).toBe(2);
  });

  it("stops at 429 without retrying", async () => {
    const r = replay(() => new Response("slow down", { status: 429 }));
    const f = await fetchLegacy766("398126", OCTOBER, r.options);
    expect(f).toMatchObject({ complete: false, stoppedBy: 429 });
    expect(r.calls).toHaveLength(1);
  });

  it("a truncated body is kept raw and the fetch is incomplete", async () => {
    const text = JSON.stringify(AN_GIANG).slice(0, 200);
    const r = replay(() => new Response(text, { status: 200 }));
    const f = await fetchLegacy766("398126", OCTOBER, r.options);
    expect(f.complete).toBe(false);
    expect(f.results[0]?.raw).toEqual([text]);
    expect(f.results[0]?.ok).toBe(false);
  });

  it("a changed schema makes the fetch incomplete, with the JSON path in the message", async () => {
    const r = replay(() => json(AN_GIANG.map(({ CKMB, ...x }) => ({ ...x, CK_MB: CKMB }))));
    const f = await fetchLegacy766("398126", OCTOBER, r.options);
    expect(f.complete).toBe(false);
    const result = f.results[0];
    expect(result && !result.ok ? result.error : "").toContain("[0].CKMB: Thiếu trường CKMB");
  });

  it("an empty province (no rows) is a valid, complete answer", async () => {
    const r = replay(() => json([]));
    const f = await fetchLegacy766("398126", OCTOBER, r.options);
    expect(f).toMatchObject({ complete: true, rows: [] });
  });
});
