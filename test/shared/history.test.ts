/** shared/compare/history.ts: a period's figures as its report shows them, and lines that never join across a reorganisation. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seedReportInput } from "../../samples/seed-000-input";
import { buildReport, diff2, GROUP_CODES, HA_NOI, linePoints, periodFigures, provinceSeries, unitHistoryLines, unitLines, unitsOfLevel, type Catalog, type GroupCode, type HistoryPeriod, type PeriodFigures, type UnitFigure } from "../../shared";
import { ProvinceHistoryPointSchema, UnitLineSchema } from "../../shared/api-responses";

const seed = seedReportInput();
const NO_GROUPS = Object.fromEntries(GROUP_CODES.map((g) => [g, null])) as Record<GroupCode, null>;

describe("periodFigures", () => {
  it("the seed's December: Phụ lục 1's total and groups, the letter's rank, and each district's total and rank as the report ranks them", () => {
    const f = periodFigures(seed) as PeriodFigures;
    const report = buildReport(seed);
    expect(f).toMatchObject({ period: "2024-12", total: 62.28, nationalRank: 61, rankLevel: "district", ranked: 30 });
    expect(f.groups).toEqual({ CKMB: 10.4, TDGQ: 17.8, CLGQ: 6.8, TTTT: 6, MDHL: 17.5, MDSH: 10.3 });
    const districts = f.units.filter((u) => u.level === "district");
    expect(districts.map((u) => [u.unitId, u.total, u.rank])).toEqual(report.ranking.entries.map((e) => [e.unitId, e.total, e.rank]));
    expect(districts.every((u) => u.rankOf === 30)).toBe(true);
  });

  it("without a summary the province's figures are blank; an unknown province gives none", () => {
    const { summary: _s, letter: _l, ...rest } = seed;
    const f = periodFigures(rest) as PeriodFigures;
    expect([f.total, f.nationalRank, f.groups]).toEqual([null, null, NO_GROUPS]);
    expect(periodFigures({ ...seed, province: "XX" })).toBeNull();
  });
});

const figure = (unitId: string, total: number | null, rank: number | null = 1): UnitFigure => ({ unitId, name: unitId, level: "commune", total, groups: NO_GROUPS, rank, rankOf: 3 });

describe("lines", () => {
  it("property: inside a line each delta is the difference of consecutive totals; the first is null", () => {
    const total = fc.option(fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100), { nil: null });
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 95 }), { minLength: 1, maxLength: 24 }), fc.array(total, { minLength: 24, maxLength: 24 }), (months, totals) => {
        const input = months.map((m, i) => ({ period: `${2020 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`, figure: figure("U", totals[i] ?? null) }));
        const points = linePoints(input);
        expect(points.map((p) => p.period)).toEqual(input.map((x) => x.period).sort());
        points.forEach((p, k) => {
          const before = points[k - 1];
          expect(p.delta).toBe(k === 0 || before?.total == null || p.total === null ? null : diff2(p.total, before.total));
        });
        for (const p of points) expect(() => UnitLineSchema.shape.points.element.parse(p)).not.toThrow();
      }),
    );
  });

  /** Hà Nội across the reform: a district in May and June 2025, the communes mainly from it in July and August. */
  function reformPeriods(catalog: Catalog): HistoryPeriod[] {
    const districts = unitsOfLevel(catalog, "2025-06-30", "district");
    const communes = unitsOfLevel(catalog, "2025-07-31", "commune");
    const at = (period: string, units: typeof districts, level: "district" | "commune", shift: number): HistoryPeriod => ({
      period,
      revision: 1,
      capturedAt: `${period}-05T02:00:00Z`,
      figures: { period, total: 70 + shift, groups: NO_GROUPS, nationalRank: null, rankLevel: level, ranked: units.length, units: units.map((u, i) => ({ ...figure(u.id, 50 + i + shift, i + 1), level, name: u.name, rankOf: units.length })) },
    });
    return [at("2025-08", communes, "commune", 2), at("2025-05", districts, "district", 0), at("2025-06", districts, "district", 1), at("2025-07", communes, "commune", 1)];
  }

  it("a commune's history: its own line from July 2025 (first delta null) and its former district's line ending in June", () => {
    const built = unitHistoryLines(reformPeriods(HA_NOI), HA_NOI, "HN.C.10103028");
    expect(built?.lines.map((l) => [l.role, l.unitId, l.points.map((p) => p.period), l.points.map((p) => p.delta)])).toEqual([
      ["self", "HN.C.10103028", ["2025-07", "2025-08"], [null, 1]],
      ["predecessor", "HN.D.TAY_HO", ["2025-05", "2025-06"], [null, 1]],
    ]);
    expect(unitHistoryLines([], HA_NOI, "HN.X.NONE")).toBeNull();
  });

  it("a district's history: its communes as successor lines from July 2025; the province's series in order", () => {
    const periods = reformPeriods(HA_NOI);
    const built = unitHistoryLines(periods, HA_NOI, "HN.D.TAY_HO");
    const successors = built?.lines.filter((l) => l.role === "successor") ?? [];
    expect(successors.length).toBeGreaterThan(0);
    expect(successors.every((l) => l.points[0]?.period === "2025-07" && l.points[0]?.delta === null)).toBe(true);
    const series = provinceSeries(periods);
    expect(series.map((p) => [p.period, p.total])).toEqual([["2025-05", 70], ["2025-06", 71], ["2025-07", 71], ["2025-08", 72]]);
    for (const p of series) expect(() => ProvinceHistoryPointSchema.parse(p)).not.toThrow();
  });

  it("unitLines: one line a unit of the ranked level, none joining a district to a commune", () => {
    const lines = unitLines(reformPeriods(HA_NOI), HA_NOI);
    expect(lines).toHaveLength(30 + 126);
    for (const l of lines) {
      expect(() => UnitLineSchema.parse(l)).not.toThrow();
      expect(new Set(l.points.map((p) => (p.period < "2025-07" ? "before" : "after"))).size).toBe(1);
      expect(l.points[0]?.delta).toBeNull();
    }
    expect(lines[0]?.level).toBe("district");
  });
});
