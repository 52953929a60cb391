/** Invariants over random inputs (fast-check). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  HA_NOI,
  METHODOLOGIES,
  buildReport,
  competitionRank,
  compareVietnamese,
  createResolver,
  diff2,
  formatCount,
  formatDelta,
  formatPoints,
  indicatorPoints,
  parseCountWithRate,
  parseDelta,
  parseNumber,
  parsePeriod,
  parsePointsOfMax,
  readLetterHeadline,
  round2,
  sum2,
  toHundredths,
  type ValueKind,
} from "../../shared";

const kinds = fc.constantFrom<ValueKind>("count", "points", "percent");
const anyText = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.constantFrom("1.2.3", "1,,2", "Tăng", "Giảm -", "(%)", "/", "1e400", "--5", "١٢٣"));
const hundredths = fc.integer({ min: 0, max: 10000 }).map((h) => h / 100);

describe("parsers never throw, and answer ok or a coded failure", () => {
  it("parseNumber / parseDelta on any string and any value", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.anything()), kinds, (input, kind) => {
        for (const r of [parseNumber(input, kind), parseDelta(input, kind)]) {
          if (r.ok) expect(r.value === null || Number.isFinite(r.value)).toBe(true);
          else expect(r.code).toMatch(/^[A-Z_]+$/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("composite, period, headline and name readers", () => {
    const resolver = createResolver(HA_NOI, "2024-12-31");
    fc.assert(
      fc.property(anyText, (input) => {
        parseCountWithRate(input);
        parsePointsOfMax(input);
        parsePeriod(input);
        readLetterHeadline(input);
        const r = resolver.resolve(input);
        expect(["exact", "fuzzy", "unknown", "ambiguous"]).toContain(r.status);
        compareVietnamese(input, "UBND quận Tây Hồ");
      }),
      { numRuns: 1000 },
    );
  });

  it("buildReport reports instead of throwing on malformed datasets", () => {
    const row = fc.record({ unit: fc.oneof(anyText, fc.constantFrom("UBND quận Tây Hồ", "Sở Tư pháp")), total: fc.oneof(anyText, fc.double(), fc.constant(null)), statedDelta: fc.oneof(anyText, fc.constant(undefined)) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), fc.array(row, { maxLength: 4 }), fc.constantFrom("2024-12", "2025-07", "x", "2026-08"), (scores, prev, period) => {
        const report = buildReport({ province: "HN", period, unitScores: scores, overdueDossiers: scores, overduePetitions: scores, previous: { period: "2024-11", unitScores: prev } });
        expect(report.counts.errors + report.counts.warnings + report.counts.infos).toBe(report.issues.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe("what is written reads back the same", () => {
  it("counts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
        expect(parseNumber(formatCount(n), "count")).toMatchObject({ ok: true, value: n });
      }),
    );
  });

  it("points and percents (two decimals)", () => {
    fc.assert(
      fc.property(hundredths, fc.constantFrom<ValueKind>("points", "percent"), (v, kind) => {
        expect(parseNumber(formatPoints(v), kind)).toMatchObject({ ok: true, value: v });
      }),
    );
  });

  it("delta words", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10000, max: 10000 }), kinds, (h, kind) => {
        const delta = kind === "count" ? h : h / 100;
        expect(parseDelta(formatDelta(delta, kind), kind)).toMatchObject({ ok: true, value: delta });
      }),
    );
  });

  it("sums and differences of two-decimal figures are exact", () => {
    fc.assert(
      fc.property(fc.array(hundredths, { maxLength: 30 }), (values) => {
        expect(toHundredths(sum2(values))).toBe(values.reduce((t, v) => t + Math.round(v * 100), 0));
      }),
    );
    fc.assert(
      fc.property(hundredths, hundredths, (a, b) => {
        expect(toHundredths(diff2(a, b))).toBe(Math.round(a * 100) - Math.round(b * 100));
      }),
    );
  });
});

describe("ranking", () => {
  const units = fc.uniqueArray(fc.record({ name: fc.string({ minLength: 1, maxLength: 12 }), score: fc.oneof(fc.integer({ min: 0, max: 20 }).map((x) => x * 5), fc.constant(null)) }), {
    selector: (u) => u.name,
    maxLength: 40,
  });
  const rank = (xs: readonly { name: string; score: number | null }[]) => competitionRank(xs, (u) => u.score, (u) => u.name);

  it("is a permutation of its input", () => {
    fc.assert(
      fc.property(units, (xs) => {
        const out = rank(xs);
        expect(out.map((r) => r.item).sort((a, b) => a.name.localeCompare(b.name))).toEqual([...xs].sort((a, b) => a.name.localeCompare(b.name)));
        expect(out.map((r) => r.position)).toEqual(xs.map((_, i) => i + 1));
      }),
    );
  });

  it("does not depend on input order (collation breaks ties)", () => {
    fc.assert(
      fc.property(units, fc.nat(), (xs, seed) => {
        const shuffled = [...xs].sort((a, b) => ((a.name.length * 31 + seed) % 7) - ((b.name.length * 31 + seed) % 7));
        expect(rank(shuffled).map((r) => [r.item.name, r.rank])).toEqual(rank(xs).map((r) => [r.item.name, r.rank]));
      }),
    );
  });

  it("ties share a rank, the next rank skips (1224), unscored units come last unranked", () => {
    fc.assert(
      fc.property(units, (xs) => {
        const out = rank(xs);
        for (const r of out) {
          if (r.item.score === null) {
            expect(r.rank).toBeNull();
            continue;
          }
          const higher = xs.filter((u) => u.score !== null && u.score > (r.item.score as number)).length;
          expect(r.rank).toBe(higher + 1);
        }
        const firstNull = out.findIndex((r) => r.rank === null);
        if (firstNull >= 0) expect(out.slice(firstNull).every((r) => r.rank === null)).toBe(true);
      }),
    );
  });
});

describe("scoring", () => {
  const scored = METHODOLOGIES.flatMap((m) => m.indicators.filter((i) => i.rule.type === "linear").map((def) => ({ m: m.id, def })));
  const indicator = fc.constantFrom(...scored);

  it("points stay within [0, max] and never fall when the rate rises", () => {
    fc.assert(
      fc.property(indicator, fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), ({ def }, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const p = (rate: number) => indicatorPoints(def, { numerator: null, denominator: null, rate, points: null }).points ?? NaN;
        expect(p(lo)).toBeGreaterThanOrEqual(0);
        expect(p(hi)).toBeLessThanOrEqual(def.maxPoints);
        expect(p(lo)).toBeLessThanOrEqual(p(hi));
        expect(p(hi)).toBe(round2(p(hi)));
      }),
      { numRuns: 3000 },
    );
  });

  it("the same holds from counts, with any denominator", () => {
    fc.assert(
      fc.property(indicator, fc.integer({ min: 1, max: 5_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), ({ def }, den, x, y) => {
        const [lo, hi] = [Math.floor(Math.min(x, y) * den), Math.floor(Math.max(x, y) * den)];
        const p = (num: number) => indicatorPoints(def, { numerator: num, denominator: den, rate: null, points: null }).points ?? NaN;
        expect(p(lo)).toBeGreaterThanOrEqual(0);
        expect(p(hi)).toBeLessThanOrEqual(def.maxPoints);
        expect(p(lo)).toBeLessThanOrEqual(p(hi));
      }),
      { numRuns: 3000 },
    );
  });
});
