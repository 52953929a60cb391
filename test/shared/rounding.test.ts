/**
 * Issue 8, item 2: one rounding policy (half away from zero), and indicator points and group totals
 * equal to the portal's to the hundredth — pinned on every recorded Phú Thọ answer, month and year.
 *
 * The rule the portal follows (shared/rules/methodology.ts): most indicators are the exact ratio
 * `max × min(1, rate / threshold)` rounded half away from zero; the three online-payment indicators
 * round the rate to 2 decimals in percent first, then compute `max × rate / threshold` in binary
 * floating point and round that double. Below, each figure the two other candidate rules get wrong.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  PORTAL_2026_CRITERIA,
  binaryHundredths,
  decimalFraction,
  decimalsOf,
  divideRounded,
  mapPortal2026,
  methodologyFor,
  percent2,
  ratioPointsHundredths,
  ratioRule,
  roundHalfAwayFromZero,
  roundedRatePointsHundredths,
  scoreUnit,
  type Methodology,
  type ParsedIndicator,
  type PortalUnitRow,
} from "../../shared";

const fixtures = path.join(import.meta.dirname, "../fixtures");
const load = (dir: string, criterion: string, file: string): unknown => JSON.parse(readFileSync(path.join(fixtures, dir, criterion, file), "utf8"));
const m = methodologyFor("2026-08-01");
const month = mapPortal2026(Object.fromEntries(PORTAL_2026_CRITERIA.map((c) => [c, load("portal-2026", c, "month-all.json")])));
const year = mapPortal2026({
  "formality-online-payment-tree": load("portal-2026-year", "formality-online-payment-tree", "year-all.json"),
  "provide-online-tree": load("portal-2026-year", "provide-online-tree", "year-all.json"),
});

const indicatorsOf = (row: PortalUnitRow) => row.indicators as Record<string, ParsedIndicator>;
const scored = (row: PortalUnitRow) => scoreUnit(m, indicatorsOf(row), row.groups, null);

/** Every (unit, group) with a published group figure: [name, group, published, recomputed]. */
function groupFigures(rows: readonly PortalUnitRow[], methodology: Methodology) {
  return rows.flatMap((row) =>
    scoreUnit(methodology, indicatorsOf(row), row.groups, null)
      .groups.filter((g) => g.published !== null && g.missing.length === 0)
      .map((g) => [row.name, g.code, g.published, g.recomputed] as const),
  );
}

const countBy = (figures: readonly (readonly [string, string, unknown, unknown])[]) => {
  const out: Record<string, number> = {};
  for (const [, code] of figures) out[code] = (out[code] ?? 0) + 1;
  return out;
};

describe("group totals equal the portal's exactly", () => {
  it("every group of every unit in the recorded month (6 criteria, province + 163 units)", () => {
    const figures = groupFigures(month, m);
    // "Chất lượng giải quyết" of a unit lacks the TTHC-provision counts, so only the province's is recomputable.
    expect(countBy(figures)).toEqual({ CKMB: 164, TDGQ: 164, CLGQ: 1, TTTT: 164, MDHL: 164, MDSH: 164 });
    expect(figures.filter(([, , published, recomputed]) => published !== recomputed)).toEqual([]);
  });

  it("every group of every unit in the recorded year 2026 (online provision and online payment)", () => {
    const figures = groupFigures(year, m);
    expect(countBy(figures)).toEqual({ CLGQ: 1, TTTT: 164 });
    expect(figures.filter(([, , published, recomputed]) => published !== recomputed)).toEqual([]);
  });

  it("every published indicator score of the month, to the hundredth", () => {
    const pairs = month.flatMap((row) => scored(row).indicators.filter((s) => s.published !== null && s.basis !== "fixed").map((s) => [row.name, s.code, s.published, s.points] as const));
    expect(pairs.length).toBeGreaterThan(1500);
    expect(pairs.filter(([, , published, points]) => published !== points)).toEqual([]);
  });
});

describe("the online-payment rule, on the figures that tell the candidate rules apart", () => {
  const unit = (rows: readonly PortalUnitRow[], name: string) => {
    const row = rows.find((r) => r.name === name);
    if (!row) throw new Error(`${name} not in the fixture`);
    const parts = (["PAY_PROVISION", "PAY_FORMALITIES", "PAY_DOSSIERS"] as const).map((code) => {
      const i = indicatorsOf(row)[code];
      return [i?.numerator ?? NaN, i?.denominator ?? NaN] as const;
    });
    return { row, parts, tttt: scored(row).groups.find((g) => g.code === "TTTT") };
  };
  const PAY = [
    [2, 0.8],
    [2, 0.8],
    [6, 1],
  ] as const;
  /** Exact ratio for every indicator (the rule of the other groups). */
  const exactRatio = (parts: readonly (readonly [number, number])[]) => parts.reduce((s, [n, d], i) => s + ratioPointsHundredths(ratioRule(PAY[i]![0], PAY[i]![1]), n, d), 0) / 100;
  /** max × (n/d) / threshold in doubles, then rounded (a spreadsheet's way). */
  const plainFloat = (parts: readonly (readonly [number, number])[]) => parts.reduce((s, [n, d], i) => s + Math.round(roundHalfAwayFromZero((PAY[i]![0] * (n / d)) / PAY[i]![1], 2) * 100), 0) / 100;

  it("Hy Cương, year 2026: 6/40, 16/40, 1707/1864 → 0.38 + 1.00 + 5.49 = 6.87, as published (floats give 6.86)", () => {
    const { parts, tttt } = unit(year, "UBND xã Hy Cương");
    expect(parts).toEqual([
      [6, 40],
      [16, 40],
      [1707, 1864],
    ]);
    expect(tttt).toMatchObject({ published: 6.87, recomputed: 6.87 });
    expect(roundedRatePointsHundredths(2, percent2(6, 40), 0.8)).toBe(38);
    expect(roundedRatePointsHundredths(2, percent2(16, 40), 0.8)).toBe(100);
    expect(roundedRatePointsHundredths(6, percent2(1707, 1864), 1)).toBe(549);
    expect(plainFloat(parts)).toBe(6.86); // 2 × 0.15 / 0.8 = 0.37499999999999994 → 0.37
  });

  it("Lương Sơn, year 2026: published 6.08; floats give 6.07", () => {
    const { parts, tttt } = unit(year, "UBND xã Lương Sơn");
    expect(parts).toEqual([
      [6, 40],
      [16, 40],
      [1623, 2074],
    ]);
    expect(tttt).toMatchObject({ published: 6.08, recomputed: 6.08 });
    expect(plainFloat(parts)).toBe(6.07);
  });

  it("Chân Mộng and Xuân Đài, year 2026: the rate is rounded to 2 decimals before the points (the exact ratio gives 0.01 more)", () => {
    const chan = unit(year, "UBND xã Chân Mộng");
    expect(chan.parts).toEqual([
      [8, 40],
      [18, 40],
      [1437, 1541],
    ]);
    expect(chan.tttt).toMatchObject({ published: 7.22, recomputed: 7.22 });
    // 1437/1541 = 93.2511…% → 93.25%; 6 × 93.25 / 100 is held as 5.594999… → 5.59 (exact 6 × 1437/1541 = 5.5951 → 5.60).
    expect(roundedRatePointsHundredths(6, percent2(1437, 1541), 1)).toBe(559);
    expect(exactRatio(chan.parts)).toBe(7.23);
    const xuan = unit(year, "UBND xã Xuân Đài");
    expect(xuan.parts).toEqual([
      [7, 37],
      [14, 37],
      [926, 993],
    ]);
    expect(xuan.tttt).toMatchObject({ published: 7.01, recomputed: 7.01 });
    expect(exactRatio(xuan.parts)).not.toBe(7.01);
  });

  it("month 08/2026: Thanh Thủy's 295/377 and Bình Tuyền's 745/1133 need the same order", () => {
    for (const name of ["UBND xã Thanh Thủy", "UBND xã Bình Tuyền"]) {
      const { parts, tttt } = unit(month, name);
      expect(tttt?.recomputed).toBe(tttt?.published);
      expect(exactRatio(parts)).not.toBe(tttt?.published);
    }
  });
});

// ------------------------------------------------------------------------------ properties

/** Round-half-up of p / q for BigInts p ≥ 0, q > 0: the reference the fast integer path must match. */
const refDivide = (p: bigint, q: bigint) => Number((2n * p + q) / (2n * q));

describe("the rounding primitives against exact references", () => {
  const max = fc.constantFrom(0.5, 1, 1.5, 2, 3, 4, 6, 10);
  const threshold = fc.constantFrom(0.5, 0.8, 0.85, 0.9, 0.95, 1);

  it("ratioPointsHundredths = round(100 × max × n / (threshold × d)) in exact integers, capped at max", () => {
    fc.assert(
      fc.property(max, threshold, fc.integer({ min: 1, max: 50_000_000 }), fc.double({ min: 0, max: 1.2, noNaN: true }), (mx, thr, d, x) => {
        const n = Math.floor(d * x);
        const mf = decimalFraction(mx);
        const tf = decimalFraction(thr);
        // points = mx × (n/d) / thr = (mN/mD) × n × tD / (d × tN), in hundredths.
        const p = 100n * BigInt(mf.numerator) * BigInt(n) * BigInt(tf.denominator);
        const q = BigInt(mf.denominator) * BigInt(d) * BigInt(tf.numerator);
        const expected = Math.min(Math.round(mx * 100), refDivide(p, q));
        expect(ratioPointsHundredths(ratioRule(mx, thr), n, d)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it("divideRounded is half up on exact integers, also past 2^53", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 62n }), fc.bigInt({ min: 1n, max: 2n ** 40n }), (p, q) => {
        expect(divideRounded(Number(p), Number(q))).toBe(refDivide(BigInt(Number(p)), BigInt(Number(q))));
      }),
      { numRuns: 3000 },
    );
  });

  it("binaryHundredths rounds half up on the double's exact value (as toFixed does)", () => {
    // Ties and near-ties: k/200 ± a few ulps, where the decimal text and the binary value disagree.
    const nearTie = fc.tuple(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: -3, max: 3 })).map(([k, ulps]) => {
      let v = (2 * k + 1) / 200;
      for (let i = 0; i < Math.abs(ulps); i++) v = ulps > 0 ? nextUp(v) : nextDown(v);
      return v;
    });
    fc.assert(
      fc.property(fc.oneof(nearTie, fc.double({ min: 0, max: 1000, noNaN: true })), (v) => {
        expect(binaryHundredths(v)).toBe(Number(v.toFixed(2).replace(".", "")));
      }),
      { numRuns: 5000 },
    );
    expect(binaryHundredths(5.595)).toBe(559); // 5.595 is held as 5.59499999…
    expect(binaryHundredths(4.695)).toBe(470); // 6 × 78.25 / 100 = 4.695000…03
  });

  it("roundHalfAwayFromZero works on the decimal text: 1.005 → 1.01, −2.675 → −2.68, 0.375 → 0.38", () => {
    expect([roundHalfAwayFromZero(1.005), roundHalfAwayFromZero(-2.675), roundHalfAwayFromZero(0.375), roundHalfAwayFromZero(-0.004), roundHalfAwayFromZero(2.5, 0)]).toEqual([1.01, -2.68, 0.38, 0, 3]);
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (k) => {
        // Every three-decimal figure ending in 5 is a tie on its text and goes away from zero.
        const text = `${k < 0 ? "-" : ""}${Math.floor(Math.abs(k) / 100)}.${String(Math.abs(k) % 100).padStart(2, "0")}5`;
        const away = (Math.abs(k) + 1) * (k < 0 ? -1 : 1);
        expect(roundHalfAwayFromZero(Number(text))).toBe(away / 100);
      }),
      { numRuns: 3000 },
    );
  });

  it("decimalsOf equals the count of decimals in the number's shortest text", () => {
    const fromText = (v: number) => {
      const [mantissa = "", exponent = "0"] = String(v).split("e");
      const dot = mantissa.indexOf(".");
      return Math.max(0, (dot < 0 ? 0 : mantissa.length - dot - 1) - Number(exponent));
    };
    const written = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 8 })).map(([n, d]) => n / 10 ** d);
    fc.assert(
      fc.property(fc.oneof(written, fc.double({ noNaN: true, noDefaultInfinity: true })), (v) => {
        expect(decimalsOf(v)).toBe(Number.isInteger(v) ? 0 : fromText(v));
      }),
      { numRuns: 5000 },
    );
  });
});

function nextUp(v: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  view.setBigUint64(0, view.getBigUint64(0) + 1n);
  return view.getFloat64(0);
}
function nextDown(v: number): number {
  if (v === 0) return 0;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  view.setBigUint64(0, view.getBigUint64(0) - 1n);
  return view.getFloat64(0);
}
