/**
 * Issue 12 item 4: numbers out of range never print garbage. Every printer is total over all doubles
 * (NaN, ±Infinity, -0, subnormals, 1e308): digits, separators, a sign and known words, or "—"; never
 * "NaN", "Infinity" or exponent text. The read stage leaves a figure beyond ±10⁹ out, with an issue
 * naming its cell, so the issue's three cases (1.7e308, 1e100, 1e16) build a clean report.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seedReportInput } from "../../samples/seed-000-input";
import { HA_NOI, buildReport, type Report, type ReportInput } from "../../shared";
import { UNPRINTABLE } from "../../shared/bounds";
import { comparisonText } from "../../shared/compare/deltas";
import { headlineSentence, trendSentence } from "../../shared/narrate/narrative";
import { diff2, roundHalfAwayFromZero, sum2, toHundredths } from "../../shared/rounding";
import { formatCount, formatCountWithRate, formatDecimal, formatDelta, formatIndex, formatPercent, formatPoints, formatPointsOfMax, parseNumber, type ValueKind } from "../../shared/text/vn-number";

/** Every double, weighted towards the cases of the issue and the edges of the printers' range. */
const anyDouble = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, Number.MIN_VALUE, -Number.MIN_VALUE, 1.7e308, -1.7e308, Number.MAX_VALUE, 1e100, -1e100, 1e16, -1e16, 1e21, 9.007199254740991e13, 9.007199254740993e13, Number.MAX_SAFE_INTEGER, 0.005, 1.005, -2.345),
  fc.double({ min: -1e16, max: 1e16, noNaN: true }),
);

const GARBAGE = /NaN|Infinity|undefined|\d[eE][+-]?\d/;
const COUNT = /^-?\d{1,3}(?:\.\d{3})*$/;
const DECIMAL = /^-?\d+(?:[.,]\d+)?$/;
const DASH = UNPRINTABLE;

function clean(text: string): void {
  expect(text).not.toMatch(GARBAGE);
}

describe("printers over all doubles", () => {
  it("formatCount: dot-grouped digits or —", () => {
    fc.assert(
      fc.property(anyDouble, (v) => {
        const t = formatCount(v);
        clean(t);
        expect(t === DASH || COUNT.test(t)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("formatDecimal / formatPoints / formatPercent: digits with one decimal separator, or —", () => {
    const format = fc.record({ maxDecimals: fc.integer({ min: 0, max: 4 }), minDecimals: fc.integer({ min: 0, max: 4 }), decimalSeparator: fc.constantFrom<"." | ",">(".", ",") });
    fc.assert(
      fc.property(anyDouble, format, (v, f) => {
        for (const t of [formatDecimal(v, f), formatPoints(v), formatPoints(v, f)]) {
          clean(t);
          expect(t === DASH || DECIMAL.test(t)).toBe(true);
        }
        const p = formatPercent(v, f);
        clean(p);
        expect(p === DASH || /^-?\d+(?:[.,]\d+)?%$/.test(p)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("formatPointsOfMax and formatCountWithRate", () => {
    fc.assert(
      fc.property(anyDouble, anyDouble, fc.option(anyDouble, { nil: null }), fc.constantFrom("", "hồ sơ", "TTHC"), (a, b, rate, word) => {
        const pm = formatPointsOfMax(a, b);
        clean(pm);
        expect(pm === DASH || /^-?\d+(?:\.\d+)?\/(?:-?\d+(?:\.\d+)?|—) điểm$/.test(pm)).toBe(true);
        const cr = formatCountWithRate(a, rate, word);
        clean(cr);
        expect(cr === DASH || /^-?\d{1,3}(?:\.\d{3})*(?: (?:hồ sơ|TTHC))?(?: \((?:-?\d+(?:\.\d+)?%|—)\))?$/.test(cr)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("formatDelta and the delta column (comparisonText): the letters' words, or —", () => {
    const kinds = fc.constantFrom<ValueKind>("points", "percent", "count");
    const DELTA = /^(?:[Tt]ăng|[Gg]iảm) (?:\d{1,3}(?:\.\d{3})*|\d+(?:\.\d+)?%?)(?: điểm)?$|^(?:[Bb]ằng điểm|[Kk]hông đổi)$/;
    fc.assert(
      fc.property(anyDouble, kinds, fc.boolean(), fc.boolean(), (v, kind, suffix, lowerCase) => {
        const t = formatDelta(v, kind, { ...(suffix ? { suffix: " điểm" } : {}), lowerCase });
        clean(t);
        expect(t === DASH || DELTA.test(t)).toBe(true);
        const c = comparisonText({ status: "same", delta: v }, kind);
        clean(c);
        expect(c === DASH || DELTA.test(c)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("formatIndex: a safe integer's digits, or —", () => {
    fc.assert(
      fc.property(fc.oneof(anyDouble, fc.integer()), (v) => {
        const t = formatIndex(v);
        clean(t);
        expect(t === DASH || /^-?\d+$/.test(t)).toBe(true);
      }),
    );
  });

  it("rounding is total: no NaN from a finite figure, differences beyond exact hundredths in plain doubles", () => {
    fc.assert(
      fc.property(anyDouble, anyDouble, (a, b) => {
        if (Number.isFinite(a)) expect(Number.isNaN(roundHalfAwayFromZero(a, 2))).toBe(false);
        if (Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(a - b)) {
          const d = diff2(a, b);
          expect(Number.isFinite(d)).toBe(true);
          // Each operand's decimal text is taken to the hundredth (half a hundredth each); each double is
          // within half an ulp of its text and the result within half an ulp of its decimal (2⁻⁵³ relative).
          const ulps = (Math.abs(a) + Math.abs(b) + Math.abs(a - b)) * 2 ** -52;
          expect(Math.abs(d - (a - b))).toBeLessThanOrEqual(0.01 + 1e-9 + ulps);
        }
        if (Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(a + b)) expect(Number.isNaN(sum2([a, b]))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("toHundredths is the rounded figure's hundredths, as a decimal string would give them, up to 2⁵³ hundredths", () => {
    // BigInt arithmetic on the shortest decimal text (what a person reads) is the independent oracle.
    const hundredthsByText = (v: number): bigint => {
      const [int = "0", frac = ""] = String(Math.abs(roundHalfAwayFromZero(v, 2))).split(".");
      const h = BigInt(int) * 100n + BigInt(frac.padEnd(2, "0"));
      return v < 0 && h !== 0n ? -h : h;
    };
    const limit = Number.MAX_SAFE_INTEGER / 100;
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -limit, max: limit, noNaN: true }), fc.integer({ min: -(2 ** 53 - 1), max: 2 ** 53 - 1 }).map((h) => h / 100)), (v) => {
        expect(BigInt(toHundredths(v))).toBe(hundredthsByText(v));
      }),
      { numRuns: 5000 },
    );
    // CI's counterexample (seed 1595989108): ×100 in binary gave …153 for 43153768942811.52.
    expect(toHundredths(43153768942811.516)).toBe(4315376894281152);
    expect(diff2(1.005, 43153768942811.516)).toBe(-43153768942810.51);
  });

  it("1.7e308 no longer rounds to NaN; 1e16 − 1e16 + 2 subtracts right", () => {
    expect(roundHalfAwayFromZero(1.7e308, 2)).toBe(1.7e308);
    expect(formatPoints(1.7e308)).toBe("—");
    expect(formatDelta(1e100, "points")).toBe("—");
    expect(diff2(1e16 + 2, 1e16)).toBe(2);
    expect(diff2(1e16, 1e16 - 2)).toBe(2);
    expect(diff2(62.28, 60.99)).toBe(1.29);
  });

  it("the narrative's sentences print no garbage for absurd totals", () => {
    fc.assert(
      fc.property(anyDouble, fc.option(anyDouble, { nil: null }), (total, delta) => {
        const h = headlineSentence({ catalog: HA_NOI, period: { kind: "month", year: 2024, month: 12 }, total, delta, previousPeriod: { kind: "month", year: 2024, month: 11 }, rank: total, rankOf: delta ?? 34 });
        if (h !== null) clean(h);
        const t = trendSentence({ provinceWord: "thành phố" }, { steps: 3, direction: "up", from: { period: "2024-09", total }, to: { period: "2024-12", total: delta ?? 0 } } as unknown as Parameters<typeof trendSentence>[1]);
        if (t !== null) clean(t);
      }),
      { numRuns: 500 },
    );
  });

  it("what prints as digits reads back (the reader treats — as a blank)", () => {
    expect(parseNumber(DASH, "points")).toEqual({ ok: true, value: null });
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }).map((h) => h / 100), (v) => {
        expect(parseNumber(formatPoints(v), "points")).toMatchObject({ ok: true, value: v });
      }),
    );
  });
});

// ------------------------------------------------------------------ the issue's three cases, through buildReport

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) strings(v, out);
  return out;
}

function withTotals(current: number | string, previous: number | string): ReportInput {
  const input = seedReportInput();
  const units = input.unitScores ?? [];
  const prev = input.previous?.unitScores ?? [];
  return {
    ...input,
    unitScores: units.map((u, i) => (i === 0 ? { ...u, total: current } : u)),
    ...(input.previous ? { previous: { ...input.previous, unitScores: prev.map((u) => (u.unit === units[0]?.unit ? { ...u, total: previous } : u)) } } : {}),
  };
}

describe("the issue's cases through buildReport: an issue at the cell, the figure left out, no garbage", () => {
  const cases: [string, number | string, number | string][] = [
    ["1.7e308 (printed NaN.NaN/100 điểm, giảm NaN.NaN)", 1.7e308, 62],
    ["1e100 (printed Tăng 1e+100.8)", 1e100, 1e100 - 0.8],
    ["1e16 (subtracted wrongly)", 1e16, 1e16 - 3],
    ["text 10000000000000000 (parsed, then bounded)", "10000000000000000", "62,28"],
    ["the province's total 1.7e308", 62, 62],
  ];
  it.each(cases)("%s", (name, current, previous) => {
    const input = name.startsWith("the province")
      ? { ...seedReportInput(), summary: { ...seedReportInput().summary, total: 1.7e308 } }
      : withTotals(current, previous);
    const report: Report = buildReport(input, { tieOrderByAppendix: { PL4: "input" } });
    const texts = strings(report);
    for (const t of texts) clean(t);
    const bounded = report.issues.filter((i) => i.code === "FIGURE_OUT_OF_BOUNDS");
    expect(bounded.length).toBeGreaterThanOrEqual(1);
    const first = bounded[0];
    expect(first?.severity).toBe("error");
    expect(first?.location.column).toBe("total");
    if (name.startsWith("the province")) expect(first?.location.dataset).toBe("summary");
    else expect(first?.location).toMatchObject({ dataset: "unitScores", period: "current", row: 1 });
    expect(first?.message).toMatch(/vượt giới hạn ±1\.000\.000\.000/);
    // The figure is left out: no ranking entry carries it.
    for (const e of report.ranking.entries) expect(e.total === null || Math.abs(e.total) <= 1e9).toBe(true);
  });
});
