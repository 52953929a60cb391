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
  formatCountWithRate,
  formatPoints,
  formatPointsOfMax,
  indicatorPoints,
  parseCountWithRate,
  parseDelta,
  parseNumber,
  parsePeriod,
  periodLabel,
  parsePointsOfMax,
  readLetterHeadline,
  round2,
  sum2,
  toHundredths,
  type ValueKind,
} from "../../shared";
import { competitionOrder } from "../../shared/rank/competition";

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
});

describe("the readers give back what the writers wrote", () => {
  const resolverDates = ["2024-12-31", "2025-07-01"] as const;

  it("a count with its rate, and points of a maximum", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), hundredths, fc.constantFrom("", "hồ sơ", "TTHC"), (count, rate, word) => {
        expect(parseCountWithRate(formatCountWithRate(count, rate, word))).toEqual({ ok: true, value: { count, rate } });
        expect(parseCountWithRate(formatCount(count))).toEqual({ ok: true, value: { count, rate: null } });
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(hundredths, fc.constantFrom(2, 6, 10, 18, 20, 100), (points, max) => {
        expect(parsePointsOfMax(formatPointsOfMax(points, max))).toEqual({ ok: true, value: { points, max } });
      }),
      { numRuns: 1000 },
    );
  });

  it("periods, as keys and as the letters write them", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const key = `${year}-${String(month).padStart(2, "0")}`;
        const p = parsePeriod(key);
        expect(p).toEqual({ kind: "month", year, month });
        if (!p) return;
        for (const written of [`${month}/${year}`, `${String(month).padStart(2, "0")}/${year}`, periodLabel(p), ` tháng ${month} / ${year} `]) expect(parsePeriod(written)).toEqual(p);
      }),
      { numRuns: 500 },
    );
  });

  it("a letter's headline, with or without diacritics", () => {
    const word = fc.constantFrom("tăng", "giảm", "bằng");
    fc.assert(
      fc.property(hundredths, word, fc.integer({ min: 1, max: 999 }).map((h) => h / 100), fc.integer({ min: 1, max: 63 }), (total, w, delta, rank) => {
        const change = w === "bằng" ? "bằng điểm" : `${w} ${formatPoints(delta)} điểm`;
        const text = `Chỉ số của Thành phố đạt ${formatPoints(total)}/100 điểm (${change} so với tháng 11/2024), xếp hạng ${rank}/63 tỉnh, thành phố.`;
        const expected = { total: formatPoints(total), delta: w === "bằng" ? "Bằng điểm" : `${w === "tăng" ? "Tăng" : "Giảm"} ${formatPoints(delta)}`, rank: String(rank), rankOf: "63" };
        expect(readLetterHeadline(text)).toEqual(expected);
        const ocr = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d");
        expect(readLetterHeadline(ocr)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("every unit of the catalog resolves exactly to itself, however its name is spaced or cased", () => {
    for (const date of resolverDates) {
      const resolver = createResolver(HA_NOI, date);
      expect(resolver.units.length).toBeGreaterThanOrEqual(30);
      for (const unit of resolver.units) {
        for (const written of [unit.name, unit.name.toLowerCase(), unit.name.toUpperCase(), `  ${unit.name.replace(/ /g, "  ")} `]) {
          const r = resolver.resolve(written);
          expect([written, r.status, r.unit?.id]).toEqual([written, "exact", unit.id]);
        }
      }
    }
  });

  it("Vietnamese collation is a consistent order", () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, (a, b, c) => {
        expect(compareVietnamese(a, a)).toBe(0);
        expect(Math.sign(compareVietnamese(a, b))).toBe(-Math.sign(compareVietnamese(b, a)) || 0);
        if (compareVietnamese(a, b) <= 0 && compareVietnamese(b, c) <= 0) expect(compareVietnamese(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("a build loses no row", () => {
  const districts = createResolver(HA_NOI, "2024-12-31").units.map((u) => u.name);
  const name = fc.oneof(fc.constantFrom(...districts), fc.constantFrom(...districts).map((n) => n.toLowerCase()), anyText, fc.constantFrom("Sở Tư pháp", "", "UBND quận Hải Châu"));
  const total = fc.oneof(hundredths, hundredths.map((v) => formatPoints(v)), anyText, fc.constant(null));
  const row = fc.record({ unit: name, total });

  it("every unit-score row is ranked once, or reported as a duplicate of an earlier row; a readable total is the one ranked", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (scores) => {
        const report = buildReport({ province: "HN", period: "2024-12", unitScores: scores });
        const entries = [...report.ranking.entries, ...report.ranking.otherLevels.flatMap((l) => l.entries)];
        const ranked = entries.map((e) => e.sourceRow).sort((x, y) => (x ?? 0) - (y ?? 0));
        const duplicates = report.issues.filter((i) => i.code === "DUPLICATE_UNIT" && i.location.dataset === "unitScores").map((i) => i.location.row);
        expect([...ranked, ...duplicates].sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual(scores.map((_, i) => i + 1));
        for (const e of entries) {
          const written = scores[(e.sourceRow ?? 0) - 1]?.total;
          const read = parseNumber(written, "points");
          expect(e.total).toBe(read.ok ? read.value : null);
        }
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

describe("ranking order", () => {
  type Row = { readonly figure: number | null; readonly ordinal: number };
  // A list's figures come from one range, so that long lists stay on the grid of hundredths (ordered by
  // counting): scores, a few values with many ties, a span of up to 2²⁴ + 1 places (two or more passes; the
  // widest fall back), or figures past the grid's bound and any doubles (the comparator sort); with -0 and
  // none mixed in.
  const ranges = [
    fc.integer({ min: -300, max: 10_000 }).map((h) => h / 100),
    fc.integer({ min: 0, max: 20 }).map((x) => x * 5),
    fc.integer({ min: -(2 ** 23), max: 2 ** 23 }).map((h) => h / 100),
    fc.integer({ min: -(2 ** 31), max: 2 ** 31 }).map((h) => h / 100),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  ];
  const figureOf = (range: fc.Arbitrary<number>) =>
    fc.oneof({ arbitrary: range, weight: 8 }, { arbitrary: fc.constant(-0), weight: 1 }, { arbitrary: fc.constant(null), weight: 1 });
  // Ordinals: a province's few, the country's 10,035 communes, up to the counting limit (2²⁴), or past it.
  const rows = (minLength: number, maxLength: number) =>
    fc
      .tuple(fc.constantFrom(...ranges), fc.constantFrom(40, 20_000, 2 ** 24 - 1, 2 ** 25))
      .chain(([range, max]) => fc.array(fc.record({ figure: figureOf(range), ordinal: fc.nat({ max }) }), { minLength, maxLength }));
  // Lengths as the digit is wide: a counting pass covers ~log₂ n bits (10 at 700 rows, 14 past 8,191).
  const lists = fc.oneof({ arbitrary: rows(0, 60), weight: 6 }, { arbitrary: rows(650, 750), weight: 2 }, { arbitrary: rows(8_192, 8_400), weight: 1 });

  /** What the order must be, by the definition: figure (none last), then ordinal when ties are collated, then input order. */
  const expected = (xs: readonly Row[], descending: boolean, collated: boolean) =>
    xs
      .map((_, i) => i)
      .sort((a, b) => {
        const x = (xs[a] as Row).figure;
        const y = (xs[b] as Row).figure;
        if (x === null || y === null) {
          if (x !== y) return x === null ? 1 : -1;
        } else if (x !== y) return (descending ? y - x : x - y) > 0 ? 1 : -1;
        const d = collated ? (xs[a] as Row).ordinal - (xs[b] as Row).ordinal : 0;
        return d !== 0 ? d : a - b;
      });

  it("is the comparator's order, on the grid of hundredths or off it, and ranks 1224", () => {
    fc.assert(
      fc.property(lists, fc.boolean(), fc.constantFrom("collation" as const, "input" as const), (xs, descending, tieOrder) => {
        const r = competitionOrder(
          xs,
          xs.map((x) => x.figure),
          () => "",
          { descending, tieOrder, ordinalOf: (x) => x.ordinal },
        );
        const order = expected(xs, descending, tieOrder === "collation");
        expect(r.order).toEqual(order);
        // 1224: a rank is the position of the first of its figure's ties.
        const ranks = order.map((i, p) => {
          const f = (xs[i] as Row).figure;
          if (f === null) return 0;
          let first = p;
          while (first > 0 && (xs[order[first - 1] as number] as Row).figure === f) first--;
          return first + 1;
        });
        expect(Array.from(r.ranks)).toEqual(ranks);
      }),
      { numRuns: 200 },
    );
  });

  it("at the edges of counting: the grid's bound, a span of 2²⁴ places, ordinal 2²⁴", () => {
    const bound = 2 ** 30 / 100;
    const cases: Row[][] = [
      [{ figure: bound, ordinal: 1 }, { figure: -bound, ordinal: 0 }, { figure: 0, ordinal: 2 }],
      [{ figure: bound + 0.01, ordinal: 1 }, { figure: 0, ordinal: 0 }],
      [{ figure: (2 ** 24 - 1) / 100, ordinal: 3 }, { figure: 0, ordinal: 2 }, { figure: 0, ordinal: 1 }],
      [{ figure: 2 ** 24 / 100, ordinal: 3 }, { figure: 0, ordinal: 2 }, { figure: 0, ordinal: 1 }],
      [{ figure: 5, ordinal: 2 ** 24 - 1 }, { figure: 5, ordinal: 0 }, { figure: null, ordinal: 7 }],
      [{ figure: 5, ordinal: 2 ** 24 }, { figure: 5, ordinal: 0 }, { figure: null, ordinal: 7 }],
      [{ figure: 1.005, ordinal: 0 }, { figure: 0.1 + 0.2, ordinal: 1 }, { figure: 0.3, ordinal: 2 }],
      [],
      [{ figure: null, ordinal: 0 }],
    ];
    for (const xs of cases)
      for (const descending of [true, false])
        for (const tieOrder of ["collation", "input"] as const) {
          const r = competitionOrder(
            xs,
            xs.map((x) => x.figure),
            () => "",
            { descending, tieOrder, ordinalOf: (x) => x.ordinal },
          );
          expect(r.order, JSON.stringify({ xs, descending, tieOrder })).toEqual(expected(xs, descending, tieOrder === "collation"));
        }
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
