/** Trends over stored periods (shared/compare/trends.ts): streaks, flags, risers and fallers, lines kept apart. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareVietnamese, diff2, FALLING_RUN, withCurrentPeriod, GROUP_CODES, MOVERS, parsePeriod, periodKey, periodWindow, provinceSince, streakOf, toHundredths, totalStreak, trends } from "../../shared";
import type { ProvinceHistory } from "../../shared/api-responses";

const END = "2026-08";
const KEYS = periodWindow(parsePeriod(END)!).map(periodKey);
const groups = (v: number | null) => Object.fromEntries(GROUP_CODES.map((g) => [g, v])) as ProvinceHistory["periods"][number]["groups"];

type Series = readonly (number | null)[];

/** A history whose unit lines have these totals on the 12 months ending in August 2026 (ranks by total). */
function history(lines: readonly { name: string; totals: Series; role?: "self" | "predecessor" | "successor"; id?: string }[], province: Series = KEYS.map(() => null)): ProvinceHistory {
  return {
    province: "HN",
    from: KEYS[0] as string,
    to: END,
    periods: KEYS.flatMap((period, i) => (province[i] === null || province[i] === undefined ? [] : [{ period, revision: 1, capturedAt: `${period}-28T09:00:00+07:00`, total: province[i] as number, groups: groups(10), nationalRank: null, units: lines.length }])),
    units: lines.map((l, u) => ({
      unitId: l.id ?? `u${u}`,
      name: l.name,
      level: "commune" as const,
      role: l.role ?? "self",
      points: KEYS.flatMap((period, i) => {
        const t = l.totals[i];
        if (t === null || t === undefined) return [];
        const rank = 1 + lines.filter((o) => (o.totals[i] ?? -1) > t).length;
        return [{ period, total: t, groups: groups(null), rank, rankOf: lines.length, delta: null }];
      }),
    })),
  };
}

const NAMES = ["Xã Ba Vì", "Phường Ba Đình", "Xã Bát Tràng", "Phường Hoàn Kiếm", "Xã Đông Anh", "Phường Tây Hồ", "Xã Ứng Hòa"];
const figure = fc.integer({ min: 5000, max: 9500 }).map((h) => h / 100);
const series = fc.array(fc.option(figure, { nil: null, freq: 4 }), { minLength: 12, maxLength: 12 });
const lineArb = fc.record({ name: fc.constantFrom(...NAMES), totals: series });

/** Whether the last FALLING_RUN + 1 values are figures, each below the one before. */
function fellThrice(s: Series): boolean {
  const tail = s.slice(-(FALLING_RUN + 1));
  return tail.every((v) => v !== null) && tail.every((v, i) => i === 0 || toHundredths(v as number) < toHundredths(tail[i - 1] as number));
}

describe("streakOf", () => {
  it("counts changes of one sign ending at the last value; equal values and blanks end it", () => {
    expect(streakOf([80, 81, 82, 83])).toEqual({ direction: "up", steps: 3 });
    expect(streakOf([85, 84, 83])).toEqual({ direction: "down", steps: 2 });
    expect(streakOf([80, 82, 82])).toBeNull();
    expect(streakOf([80, 82, 82, 81])).toEqual({ direction: "down", steps: 1 });
    expect(streakOf([90, null, 85, 84])).toEqual({ direction: "down", steps: 1 });
    expect(streakOf([84, 85, null])).toBeNull();
    expect(streakOf([84])).toBeNull();
    // To the hundredth: 0.1 + 0.2 and 0.3 are the same figure.
    expect(streakOf([0.1 + 0.2, 0.3])).toBeNull();
  });

  it("a series strictly decreasing over its last 4 points is flagged, one that is not is not", () => {
    fc.assert(
      fc.property(series, (s) => {
        const r = streakOf(s);
        const flagged = r?.direction === "down" && r.steps >= FALLING_RUN;
        expect(flagged).toBe(fellThrice(s));
      }),
    );
  });
});

describe("totalStreak (the province's total, ending at the report's period)", () => {
  const pts = (entries: [string, number | null][]) => entries.map(([period, total]) => ({ period, total }));

  it("months: from the first figure of the run to the report's", () => {
    const s = totalStreak(pts([["2024-08", 81], ["2024-09", 80.12], ["2024-10", 81.5], ["2024-11", 82], ["2024-12", 83.45]]), "2024-12");
    expect(s).toEqual({ direction: "up", steps: 3, from: { period: "2024-09", total: 80.12 }, to: { period: "2024-12", total: 83.45 } });
  });

  it("ignores later periods and other kinds; a missing period or an equal total ends the run", () => {
    expect(totalStreak(pts([["2024-10", 80], ["2024-11", 79], ["2024-12", 78], ["2025-01", 90], ["2024-Q4", 10]]), "2024-12")?.steps).toBe(2);
    expect(totalStreak(pts([["2024-09", 80], ["2024-11", 81], ["2024-12", 82]]), "2024-12")?.steps).toBe(1);
    expect(totalStreak(pts([["2024-10", 80], ["2024-11", 82], ["2024-12", 82]]), "2024-12")).toBeNull();
    expect(totalStreak(pts([["2024-11", 82]]), "2024-12")).toBeNull();
    expect(totalStreak([], "2024-12")).toBeNull();
  });

  it("a province formed by merging on 1/7/2025 (Phú Thọ) has no run across that day; one left as it was (Hà Nội) has", () => {
    const series = pts([["2025-04", 70], ["2025-05", 71], ["2025-06", 72], ["2025-07", 73], ["2025-08", 74]]);
    expect(provinceSince("PT")).toBe("2025-07-01");
    expect(provinceSince("HN")).toBeNull();
    expect(totalStreak(series, "2025-08", provinceSince("PT"))).toMatchObject({ direction: "up", steps: 1, from: { period: "2025-07" } });
    expect(totalStreak(series, "2025-08", provinceSince("HN"))?.steps).toBe(4);
    // The third quarter of 2025 is the merged province's first.
    expect(totalStreak(pts([["2025-Q1", 60], ["2025-Q2", 61], ["2025-Q3", 62]]), "2025-Q3", provinceSince("PT"))).toBeNull();
    // In a report: Phú Thọ's sentence does not reach back before July 2025.
    const t = trends({ province: "PT", from: "2025-05", to: "2025-08", periods: ["2025-05", "2025-06", "2025-07", "2025-08"].map((period, i) => ({ period, revision: 1, capturedAt: "", total: 70 + i, groups: { CKMB: null, TDGQ: null, CLGQ: null, TTTT: null, MDHL: null, MDSH: null }, nationalRank: null, units: 0 })) }, { at: "2025-08" });
    expect(t?.streak).toMatchObject({ steps: 1, from: { period: "2025-07" } });
  });

  it("quarters and years walk back their own kind", () => {
    expect(totalStreak(pts([["2024-Q2", 70], ["2024-Q3", 69], ["2024-Q4", 68.5]]), "2024-Q4")).toMatchObject({ direction: "down", steps: 2, from: { period: "2024-Q2" } });
    expect(totalStreak(pts([["2023", 60], ["2024", 61], ["2025", 64]]), "2025")).toMatchObject({ direction: "up", steps: 2, from: { period: "2023", total: 60 } });
  });
});

describe("trends over the 12-period window", () => {
  it("aligns lines on the window, flags three falls in a row ending at the last period, lists movers", () => {
    const t = trends(
      history(
        [
          { name: "Xã Ba Vì", totals: [80, 81, 82, 83, 84, 85, 86, 87, 88, 87, 86, 85] },
          { name: "Phường Ba Đình", totals: [70, null, 72, 73, 74, 75, 76, 77, 78, 79, 80, 95] },
          { name: "Xã Đông Anh", totals: [90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 60] },
          { name: "Xã Bát Tràng", totals: [null, null, null, null, null, null, null, null, null, null, null, 75] },
        ],
        KEYS.map((_, i) => 70 + i),
      ),
    )!;
    expect(t.periods).toEqual(KEYS);
    expect(t.periods[0]).toBe("2025-09");
    expect(t.lines.map((l) => l.name)).toEqual(["Phường Ba Đình", "Xã Ba Vì", "Xã Bát Tràng", "Xã Đông Anh"]);
    expect(t.lines[0]?.totals[1]).toBeNull();
    expect(t.lines[0]?.ranks[11]).toBe(1);
    expect(t.flagged.map((l) => [l.name, l.falling])).toEqual([["Xã Ba Vì", 3]]);
    expect(t.risers.map((m) => [m.line.name, m.delta, m.from.period, m.to.period])).toEqual([
      ["Phường Ba Đình", 25, "2025-09", "2026-08"],
      ["Xã Ba Vì", 5, "2025-09", "2026-08"],
    ]);
    expect(t.fallers.map((m) => [m.line.name, m.delta])).toEqual([["Xã Đông Anh", -30]]);
    expect(t.streak).toMatchObject({ direction: "up", steps: 11, from: { period: "2025-09", total: 70 }, to: { period: "2026-08", total: 81 } });
    expect(t.provinceSeries).toHaveLength(12);
    expect(t.provinceSeries[11]).toMatchObject({ period: "2026-08", total: 81 });
  });

  it("never takes a change across the 1/7/2025 reform: a district's line and a commune's are apart", () => {
    const months = periodWindow(parsePeriod("2025-12")!).map(periodKey);
    const district = months.map((m) => (m <= "2025-06" ? 90 - months.indexOf(m) : null));
    const commune = months.map((m) => (m >= "2025-07" ? 50 + months.indexOf(m) : null));
    const h: ProvinceHistory = {
      province: "HN",
      from: months[0] as string,
      to: "2025-12",
      periods: [],
      units: [
        { unitId: "hn-q-ba-dinh", name: "Quận Ba Đình", level: "district", role: "predecessor", points: months.flatMap((period, i) => (district[i] === null ? [] : [{ period, total: district[i] as number, groups: groups(null), rank: 1, rankOf: 30, delta: null }])) },
        { unitId: "hn-p-ba-dinh", name: "Phường Ba Đình", level: "commune", role: "self", points: months.flatMap((period, i) => (commune[i] === null ? [] : [{ period, total: commune[i] as number, groups: groups(null), rank: 1, rankOf: 126, delta: null }])) },
      ],
    };
    const t = trends(h, { at: "2025-12" })!;
    const byName = new Map(t.lines.map((l) => [l.name, l]));
    // The district fell 5 months running but its line ended in June: not flagged (not falling at December).
    expect(byName.get("Quận Ba Đình")?.falling).toBe(0);
    expect(byName.get("Quận Ba Đình")?.change).toEqual({ from: { period: "2025-01", total: 90 }, to: { period: "2025-06", total: 85 }, delta: -5 });
    expect(byName.get("Phường Ba Đình")?.change).toEqual({ from: { period: "2025-07", total: 56 }, to: { period: "2025-12", total: 61 }, delta: 5 });
    expect(t.risers.map((m) => m.line.name)).toEqual(["Phường Ba Đình"]);
    expect(t.fallers.map((m) => m.line.name)).toEqual(["Quận Ba Đình"]);
    // The line with the current rank comes first; the ended line after it.
    expect(t.lines.map((l) => l.name)).toEqual(["Phường Ba Đình", "Quận Ba Đình"]);
  });

  it("properties: flags, movers disjoint and sorted, no change spanning two lines", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 14 }), (raw) => {
        const lines = raw.map((l, i) => ({ ...l, id: `u${i}` }));
        const t = trends(history(lines), { at: END })!;
        expect(t.lines).toHaveLength(lines.length);
        // Flags: exactly the lines whose last 4 figures fall strictly.
        expect(new Set(t.flagged.map((l) => l.unitId))).toEqual(new Set(lines.filter((l) => fellThrice(l.totals)).map((l) => l.id)));
        // Each line keeps its own figures, aligned.
        for (const l of t.lines) expect(l.totals).toEqual(lines.find((x) => x.id === l.unitId)?.totals);
        // Movers: at most MOVERS, disjoint, risers up and fallers down, sorted with ties by collation.
        expect(t.risers.length).toBeLessThanOrEqual(MOVERS);
        expect(t.fallers.length).toBeLessThanOrEqual(MOVERS);
        const up = new Set(t.risers.map((m) => m.line.key));
        expect(t.fallers.some((m) => up.has(m.line.key))).toBe(false);
        for (const m of t.risers) expect(m.delta).toBeGreaterThan(0);
        for (const m of t.fallers) expect(m.delta).toBeLessThan(0);
        const sorted = (list: typeof t.risers, sign: 1 | -1) =>
          list.every((m, i) => {
            const prev = list[i - 1];
            if (!prev) return true;
            return sign * prev.delta > sign * m.delta || (prev.delta === m.delta && compareVietnamese(prev.line.name, m.line.name) <= 0);
          });
        expect(sorted(t.risers, 1)).toBe(true);
        expect(sorted(t.fallers, -1)).toBe(true);
        // The biggest: no line left out rose (fell) more than the last one listed.
        const changes = t.lines.flatMap((l) => (l.change ? [l.change.delta] : []));
        if (t.risers.length === MOVERS) expect(changes.filter((d) => d > (t.risers[MOVERS - 1] as { delta: number }).delta).length).toBeLessThan(MOVERS);
        else expect(t.risers.length).toBe(changes.filter((d) => d > 0).length);
        // A change is from the line's own first figure to its own last one, never another line's.
        for (const m of [...t.risers, ...t.fallers]) {
          const own = lines.find((x) => x.id === m.line.unitId)!.totals;
          const first = own.findIndex((v) => v !== null);
          const last = own.length - 1 - [...own].reverse().findIndex((v) => v !== null);
          expect([m.from.period, m.to.period]).toEqual([KEYS[first], KEYS[last]]);
          expect(m.delta).toBe(diff2(own[last] as number, own[first] as number));
        }
      }),
    );
  });
});

describe("withCurrentPeriod (the report's own period as just built)", () => {
  it("replaces the stored figures of the ranked level at that period, adds new units, leaves other lines and the input alone", () => {
    const base = history([
      { name: "Xã Ba Vì", totals: [80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91] },
      { name: "Phường Ba Đình", totals: [70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81] },
      { name: "Quận Cũ", totals: [60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71], role: "predecessor" },
    ]);
    // A line of another level (a district) is not Phụ lục 2's: it keeps what was stored.
    const h: ProvinceHistory = { ...base, units: base.units?.map((l) => (l.unitId === "u2" ? { ...l, level: "district" as const } : l)) };
    const before = JSON.stringify(h);
    const units = [
      { unitId: "u0", key: "u0", name: "Xã Ba Vì", level: "commune" as const, total: 70, rank: 2 },
      { unitId: null, key: "?xa moi", name: "Xã Mới", level: "commune" as const, total: 95, rank: 1 },
      { unitId: "u9", key: "u9", name: "Xã Trống", level: "commune" as const, total: null, rank: null },
    ];
    const now = withCurrentPeriod(h, END, units, "commune", 77.5);
    expect(JSON.stringify(h)).toBe(before);
    const at = (id: string) => now.units?.find((l) => l.unitId === id)?.points.find((p) => p.period === END);
    expect(at("u0")).toMatchObject({ total: 70, rank: 2, rankOf: 2 });
    // Not in the report: its stored figure at that period is dropped (the last column is Phụ lục 2's).
    expect(at("u1")).toBeUndefined();
    expect(at("u2")).toMatchObject({ total: 71 });
    expect(at("?xa moi")).toMatchObject({ total: 95, rank: 1 });
    expect(now.units?.some((l) => l.unitId === "u9")).toBe(false);
    expect(now.periods.find((p) => p.period === END)?.total).toBe(77.5);
    const t = trends(now, { at: END })!;
    expect(t.lines.slice(0, 2).map((l) => l.name)).toEqual(["Xã Mới", "Xã Ba Vì"]);
    expect(t.fallers[0]).toMatchObject({ delta: -10, from: { total: 80 }, to: { total: 70 } });
  });
});
