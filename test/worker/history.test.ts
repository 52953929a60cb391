/**
 * History and the chosen moment: province and unit history (JSON, CSV) from months stored by PUT,
 * units followed across the 1/7/2025 reform, reports from ?revision=n with that revision's figures and
 * timestamp sentence, the earlier months' revisions in the report's ETag, and the 404s and 400s.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seedReportInput } from "../../samples/seed-000-input";
import { GROUP_CODES, HA_NOI, diff2, formatDataTimestamp, sum2, unitsOfLevel, vietnamTime, type GroupCode, type Unit } from "../../shared";
import type { ProvinceHistory, UnitHistory } from "../../shared/api-responses";
import { ProvinceHistorySchema, UnitHistorySchema } from "../../shared/api-responses";
import { nationalRevisionStatement } from "../../worker/db/national";

import { call, discard, json, makeKey, type Envelope } from "./helpers";

const P = "/v1/provinces/HN";
const seed = seedReportInput();

let writer = "";
beforeAll(async () => {
  writer = await makeKey("HN", "read,write");
});

/** PUT a month on top of whatever is stored (If-Match from its head), expecting success. */
async function store(period: string, body: unknown): Promise<{ revision: number; etag: string }> {
  const head = await discard(call(`${P}/periods/${period}`, { key: writer }));
  const headers: Record<string, string> = head.ok ? { "if-match": head.headers.get("etag") ?? "" } : {};
  const res = await call(`${P}/periods/${period}`, { method: "PUT", key: writer, body, headers });
  expect([200, 201]).toContain(res.status);
  return json<{ revision: number; etag: string }>(res);
}

/** Deterministic six groups for unit i in month m, and their total (as the portal publishes them). */
function figures(i: number, m: number): { groups: Record<GroupCode, number>; total: number } {
  const base: Record<GroupCode, number> = { CKMB: 12, TDGQ: 14, CLGQ: 10, TTTT: 9, MDHL: 16, MDSH: 11 };
  const groups = Object.fromEntries(GROUP_CODES.map((g, k) => [g, diff2(base[g], ((i * 7 + m * 3 + k * 5) % 23) / 10)])) as Record<GroupCode, number>;
  return { groups, total: sum2(GROUP_CODES.map((g) => groups[g])) };
}

function month(units: readonly Unit[], m: number, extra: Record<string, unknown> = {}) {
  const province = figures(1000, m);
  return {
    summary: { total: province.total, groups: province.groups },
    unitScores: units.map((u, i) => ({ unit: u.name, ...figures(i, m) })),
    ...extra,
  };
}

const districts = unitsOfLevel(HA_NOI, "2025-06-30", "district");
const communes = unitsOfLevel(HA_NOI, "2025-07-31", "commune");

describe("province history", () => {
  const months = ["2021-01", "2021-02", "2021-03", "2021-05"];
  beforeAll(async () => {
    for (const [m, period] of months.entries()) await store(period, month(districts, m));
  });

  it("JSON: each stored month's total, groups and ranked units, oldest first (a missing month is no point)", async () => {
    const res = await call(`${P}/history?from=2021-01&to=2021-06`, { key: writer });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toMatch(/^"h4-/);
    const body = ProvinceHistorySchema.parse(await json(res));
    expect(body).toMatchObject({ province: "HN", from: "2021-01", to: "2021-06" });
    expect(body.units).toBeUndefined();
    expect(body.periods.map((p) => p.period)).toEqual(months);
    for (const [m, p] of body.periods.entries()) {
      const stored = figures(1000, m);
      expect(p.total).toBe(stored.total);
      expect(p.groups).toEqual(stored.groups);
      expect(p.units).toBe(districts.length);
      expect(p.nationalRank).toBeNull();
      expect(p.revision).toBeGreaterThanOrEqual(1);
    }
  });

  it("CSV: the same figures, one row a month", async () => {
    const res = await call(`${P}/history?from=2021-01&to=2021-06&format=csv`, { key: writer });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await res.text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe(`Kỳ,Bản,Thời điểm số liệu,Tổng điểm,${GROUP_CODES.join(",")},Xếp hạng toàn quốc,Số đơn vị xếp hạng`);
    expect(lines).toHaveLength(1 + months.length);
    for (const [m, line] of lines.slice(1).entries()) {
      const cells = line.split(",");
      const stored = figures(1000, m);
      expect(cells[0]).toBe(months[m]);
      expect(Number(cells[3])).toBe(stored.total);
      expect(cells.slice(4, 10).map(Number)).toEqual(GROUP_CODES.map((g) => stored.groups[g]));
      expect(cells[11]).toBe(String(districts.length));
    }
  });

  it("default range: the last 12 stored months; ?to= alone ends there; 304 on the same ETag", async () => {
    const upTo = ProvinceHistorySchema.parse(await json(await call(`${P}/history?to=2021-02`, { key: writer })));
    expect(upTo.to).toBe("2021-02");
    expect(upTo.periods.map((p) => p.period).slice(-2)).toEqual(["2021-01", "2021-02"]);
    const first = await discard(call(`${P}/history?from=2021-01&to=2021-06`, { key: writer }));
    const again = await discard(call(`${P}/history?from=2021-01&to=2021-06`, { key: writer, headers: { "if-none-match": first.headers.get("etag") ?? "" } }));
    expect(again.status).toBe(304);
    expect(Number(first.headers.get("x-d1-rows-read"))).toBeGreaterThan(0);
    // The same stored months under another range: its own bounds (and ETag), not a remembered answer.
    const shorter = await call(`${P}/history?from=2021-01&to=2021-05`, { key: writer });
    expect(shorter.headers.get("etag")).not.toBe(first.headers.get("etag"));
    expect(ProvinceHistorySchema.parse(await json(shorter))).toMatchObject({ from: "2021-01", to: "2021-05" });
  });

  it("include=units: every district's line, ranks as the rankings endpoint gives them, deltas within the line", async () => {
    const body = ProvinceHistorySchema.parse(await json(await call(`${P}/history?from=2021-01&to=2021-06&include=units`, { key: writer })));
    expect(body.units).toHaveLength(districts.length);
    const rankings = await Promise.all(
      months.map(async (period) => json<{ entries: { unitId: string; rank: number; total: number }[] }>(await call(`${P}/periods/${period}/rankings`, { key: writer }))),
    );
    for (const line of body.units ?? []) {
      expect(line.role).toBe("self");
      expect(line.points.map((p) => p.period)).toEqual(months);
      for (const [k, p] of line.points.entries()) {
        const entry = rankings[k]?.entries.find((e) => e.unitId === line.unitId);
        expect([p.rank, p.total]).toEqual([entry?.rank, entry?.total]);
        expect(p.rankOf).toBe(districts.length);
        expect(p.delta).toBe(k === 0 ? null : diff2(p.total ?? 0, line.points[k - 1]?.total ?? 0));
      }
    }
    const csv = (await (await call(`${P}/history?from=2021-01&to=2021-06&include=units&format=csv`, { key: writer })).text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(csv[0]).toBe(`Mã đơn vị,Tên đơn vị,Cấp,Đường,Kỳ,Tổng điểm,${GROUP_CODES.join(",")},Hạng,Trên số đơn vị,Tăng/giảm`);
    expect(csv).toHaveLength(1 + districts.length * months.length);
  });

  it("a unit's own history: its ranks equal the rankings endpoint's in each month", async () => {
    const unit = districts[3] as Unit;
    const res = await call(`${P}/units/${unit.id}/history?from=2021-01&to=2021-06`, { key: writer });
    const body = UnitHistorySchema.parse(await json(res));
    expect(body.unit).toEqual({ id: unit.id, name: unit.name, level: "district" });
    const self = body.lines.find((l) => l.role === "self");
    for (const p of self?.points ?? []) {
      const r = await json<{ entries: { unitId: string; rank: number }[] }>(await call(`${P}/periods/${p.period}/rankings`, { key: writer }));
      expect(p.rank).toBe(r.entries.find((e) => e.unitId === unit.id)?.rank);
    }
    expect(self?.points).toHaveLength(months.length);
  });

  it("a public-read province needs no key; an unknown unit is a 404 in Vietnamese; a bad range a 400", async () => {
    const noKey = await discard(call(`${P}/history?from=2021-01&to=2021-03`));
    expect(noKey.status).toBe(401);
    await env.DB.prepare("INSERT INTO province_settings (province, public_read) VALUES ('HN', 1) ON CONFLICT (province) DO UPDATE SET public_read = 1").run();
    try {
      const open = await call(`${P}/history?from=2021-01&to=2021-03`);
      expect(open.status).toBe(200);
      expect(ProvinceHistorySchema.parse(await json(open)).periods).toHaveLength(3);
      expect((await discard(call(`${P}/units/${districts[0]?.id}/history?from=2021-01&to=2021-03&format=csv`))).status).toBe(200);
    } finally {
      await env.DB.prepare("UPDATE province_settings SET public_read = 0 WHERE province = 'HN'").run();
    }
    const unknown = await call(`${P}/units/HN.D.KHONG_CO/history`, { key: writer });
    expect(unknown.status).toBe(404);
    expect((await json<Envelope>(unknown)).error.message).toContain('Không có đơn vị "HN.D.KHONG_CO"');
    const backwards = await call(`${P}/history?from=2021-05&to=2021-01`, { key: writer });
    expect(backwards.status).toBe(400);
    expect((await json<Envelope>(backwards)).error.message).toContain("ngược");
    const tooLong = await discard(call(`${P}/history?from=2015-01&to=2021-01`, { key: writer }));
    expect(tooLong.status).toBe(400);
    const badMonth = await discard(call(`${P}/history?from=2021-13`, { key: writer }));
    expect(badMonth.status).toBe(400);
  });
});

describe("history across the 1/7/2025 reform", () => {
  const tayHoDistrict = "HN.D.TAY_HO";
  const tayHoWard = "HN.C.10103028"; // Phường Tây Hồ, mainly from quận Tây Hồ
  beforeAll(async () => {
    await store("2025-05", month(districts, 5));
    await store("2025-06", month(districts, 6));
    await store("2025-07", month(communes, 7));
    await store("2025-08", month(communes, 8));
  });

  it("the commune's history: the district's line ends in June 2025, its own begins in July with no delta", async () => {
    const body = UnitHistorySchema.parse(await json(await call(`${P}/units/${tayHoWard}/history?from=2025-05&to=2025-08`, { key: writer })));
    expect(body.unit).toMatchObject({ id: tayHoWard, name: "UBND phường Tây Hồ", level: "commune" });
    expect(body.lines.map((l) => [l.role, l.unitId])).toEqual([
      ["self", tayHoWard],
      ["predecessor", tayHoDistrict],
    ]);
    const [self, before] = body.lines;
    expect(before?.points.map((p) => p.period)).toEqual(["2025-05", "2025-06"]);
    expect(self?.points.map((p) => p.period)).toEqual(["2025-07", "2025-08"]);
    // No delta across the reform: the commune's first point has none, though June had a figure.
    expect(self?.points[0]?.delta).toBeNull();
    expect(self?.points[1]?.delta).toBe(diff2(self?.points[1]?.total ?? 0, self?.points[0]?.total ?? 0));
    expect(before?.points[0]?.delta).toBeNull();
    expect(before?.points[1]?.delta).toBe(diff2(before?.points[1]?.total ?? 0, before?.points[0]?.total ?? 0));
    const i = communes.findIndex((u) => u.id === tayHoWard);
    expect(self?.points[0]?.total).toBe(figures(i, 7).total);
    expect(self?.points[0]?.rankOf).toBe(communes.length);
    expect(before?.points[1]?.rankOf).toBe(districts.length);
  });

  it("the district's history: its own line, and the communes formed mainly from it as successor lines", async () => {
    const body = UnitHistorySchema.parse(await json(await call(`${P}/units/${tayHoDistrict}/history?from=2025-05&to=2025-08`, { key: writer })));
    const self = body.lines[0];
    expect(self?.role).toBe("self");
    expect(self?.points.map((p) => p.period)).toEqual(["2025-05", "2025-06"]);
    const successors = body.lines.filter((l) => l.role === "successor");
    expect(successors.map((l) => l.unitId)).toContain(tayHoWard);
    for (const l of successors) {
      expect(l.points.map((p) => p.period)).toEqual(["2025-07", "2025-08"]);
      expect(l.points[0]?.delta).toBeNull();
    }
  });

  it("include=units: districts' lines end in June, communes' begin in July, each with a null first delta", async () => {
    const body = ProvinceHistorySchema.parse(await json(await call(`${P}/history?from=2025-05&to=2025-08&include=units`, { key: writer })));
    const lines = body.units ?? [];
    expect(lines).toHaveLength(districts.length + communes.length);
    for (const l of lines) {
      expect(l.points.map((p) => p.period)).toEqual(l.level === "district" ? ["2025-05", "2025-06"] : ["2025-07", "2025-08"]);
      expect(l.points[0]?.delta).toBeNull();
    }
    expect(body.periods.map((p) => p.units)).toEqual([districts.length, districts.length, communes.length, communes.length]);
  });
});

describe("the chosen moment: ?revision=n", () => {
  const period = "2021-09";
  let first = { revision: 0, etag: "" };
  beforeAll(async () => {
    await store("2021-08", month(districts, 8));
    first = await store(period, month(districts, 9));
    // Revision 2: other figures, and the portal's timestamp of when they were read.
    await store(period, month(districts, 10, { dataTimestamp: "2021-10-06T09:00:00+07:00" }));
  });

  it("the report, rankings, appendices and workbook are built from the chosen revision; ETags tell them apart", async () => {
    const head = await call(`${P}/periods/${period}/report`, { key: writer });
    const old = await call(`${P}/periods/${period}/report?revision=${first.revision}`, { key: writer });
    expect(old.status).toBe(200);
    expect(old.headers.get("etag")).not.toBe(head.headers.get("etag"));
    const [headReport, oldReport] = await Promise.all([json<{ ranking: { entries: { unitId: string; total: number }[] }; narrative: { timestamp: string | null } }>(head), json<{ ranking: { entries: { unitId: string; total: number }[] }; narrative: { timestamp: string | null } }>(old)]);
    const total = (r: typeof headReport, id: string) => r.ranking.entries.find((e) => e.unitId === id)?.total;
    const id = districts[0]?.id ?? "";
    expect(total(headReport, id)).toBe(figures(0, 10).total);
    expect(total(oldReport, id)).toBe(figures(0, 9).total);
    // The timestamp sentence: revision 2's own dataTimestamp; revision 1 has none, so its capture time (Vietnam time).
    expect(headReport.narrative.timestamp).toBe("Số liệu được tính tại thời điểm 9h00' ngày 06/10/2021. Số liệu này có thể thay đổi theo thời gian.");
    const list = await json<{ revisions: { revision: number; capturedAt: string }[] }>(await call(`${P}/periods/${period}/revisions`, { key: writer }));
    const capturedAt = list.revisions.find((r) => r.revision === first.revision)?.capturedAt ?? "";
    expect(oldReport.narrative.timestamp).toBe(`Số liệu được tính tại thời điểm ${formatDataTimestamp(vietnamTime(capturedAt))}. Số liệu này có thể thay đổi theo thời gian.`);

    const ranking = await json<{ entries: { unitId: string; total: number }[] }>(await call(`${P}/periods/${period}/rankings?revision=${first.revision}`, { key: writer }));
    expect(ranking.entries.find((e) => e.unitId === id)?.total).toBe(figures(0, 9).total);
    const pl2 = await json<{ rows: { unitId?: string; cells: { value: unknown }[] }[] }>(await call(`${P}/periods/${period}/appendices/2?revision=${first.revision}`, { key: writer }));
    expect(pl2.rows.find((r) => r.unitId === id)?.cells[2]?.value).toBe(figures(0, 9).total);
    const xlsx = await call(`${P}/periods/${period}/workbook.xlsx?revision=${first.revision}`, { key: writer });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-disposition")).toContain("-r1.xlsx");
    await xlsx.arrayBuffer();
  });

  it("a capture time is printed in Vietnam time (UTC+7); a time written with +07:00 stays as written", () => {
    expect(vietnamTime("2026-08-06T02:00:00.000Z")).toBe("2026-08-06T09:00:00+07:00");
    expect(vietnamTime("2026-08-31T20:30:00Z")).toBe("2026-09-01T03:30:00+07:00");
    expect(vietnamTime("2021-10-06T09:00:00+07:00")).toBe("2021-10-06T09:00:00+07:00");
    expect(formatDataTimestamp(vietnamTime("2026-08-06T02:00:00Z"))).toBe("9h00' ngày 06/08/2026");
  });

  it("an unknown revision is a 404 naming it", async () => {
    const res = await call(`${P}/periods/${period}/report?revision=9`, { key: writer });
    expect(res.status).toBe(404);
    expect((await json<Envelope>(res)).error.message).toContain("Không có bản số 9 của kỳ 2021-09");
    expect((await discard(call(`${P}/periods/${period}/rankings?revision=9&format=csv`, { key: writer }))).status).toBe(404);
    expect((await discard(call(`${P}/periods/${period}/report?revision=0`, { key: writer }))).status).toBe(400);
  });

  it("a month stored earlier changes the report's ETag (its trend sentence depends on it)", async () => {
    const before = (await discard(call(`${P}/periods/${period}/report`, { key: writer }))).headers.get("etag") ?? "";
    const cached = await discard(call(`${P}/periods/${period}/report`, { key: writer, headers: { "if-none-match": before } }));
    expect(cached.status).toBe(304);
    await store("2021-07", month(districts, 7));
    const after = await discard(call(`${P}/periods/${period}/report`, { key: writer, headers: { "if-none-match": before } }));
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(before);
  });
});

describe("history from the seed's letters", () => {
  it("the province's total as Phụ lục 1 printed it (a text: \"62.28\") and the rank its letter states", async () => {
    await store("2020-11", { summary: seed.previous?.summary, unitScores: seed.previous?.unitScores });
    await store("2020-12", { summary: seed.summary, unitScores: seed.unitScores, letter: seed.letter });
    const body: ProvinceHistory = ProvinceHistorySchema.parse(await json(await call(`${P}/history?from=2020-11&to=2020-12`, { key: writer })));
    expect(body.periods[1]).toMatchObject({ period: "2020-12", total: 62.28, nationalRank: 61, units: 30 });
    expect(body.periods[1]?.groups).toEqual({ CKMB: 10.4, TDGQ: 17.8, CLGQ: 6.8, TTTT: 6, MDHL: 17.5, MDSH: 10.3 });
    const tayHo: UnitHistory = UnitHistorySchema.parse(await json(await call(`${P}/units/HN.D.TAY_HO/history?from=2020-11&to=2020-12`, { key: writer })));
    expect(tayHo.lines[0]?.points.map((p) => [p.period, p.total, p.rank, p.delta])).toEqual([
      ["2020-11", 88.08, 1, null],
      ["2020-12", 89, 1, 0.92],
    ]);
  });
});

describe("history from 2026: the national rank from the stored national summary", () => {
  it("the month's rank among the provinces the summary lists", async () => {
    await store("2026-01", month(communes, 1));
    const row = (portalCode: string, name: string, total: number) => ({ portalCode, name, rootDepartmentId: portalCode, total, groups: figures(total, 0).groups, scoreDelta: null });
    // Hà Nội's total in the national summary (whatever the stored month says) ranks it third of four.
    const summary = { countryTotal: null, provinces: [row("H26", "UBND Thành phố Hà Nội", 70), row("H79", "UBND Thành phố Hồ Chí Minh", 80), row("H01", "Tỉnh A", 75), row("H02", "Tỉnh B", 60)] };
    await env.DB.prepare("INSERT INTO portal_fetches (id, province, period, fetched_at, fetched_by, complete, revision, results) VALUES ('f-test', 'VN', '2026-01', '2026-02-05T02:00:00Z', 'test', 1, 1, '{}')").run();
    await nationalRevisionStatement(env.DB, { period: "2026-01", revision: 1, etag: '"n1-test"', checksum: "x", createdAt: "2026-02-05T02:00:00Z", createdBy: "test", fetchId: "f-test", summary }).run();
    const body = ProvinceHistorySchema.parse(await json(await call(`${P}/history?from=2026-01&to=2026-01`, { key: writer })));
    expect(body.periods.map((p) => [p.period, p.nationalRank])).toEqual([["2026-01", 3]]);
  });
});
