import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatCountWithRate,
  formatDecimal,
  formatDelta,
  formatPercent,
  formatPoints,
  formatPointsOfMax,
  parseCountWithRate,
  parseDelta,
  parseNumber,
  parsePointsOfMax,
  decimalsOf,
  roundHalfAwayFromZero,
  type ValueKind,
} from "../../shared";

const value = (r: { ok: boolean; value?: unknown }) => (r.ok ? r.value : `ERR`);

describe("parseNumber: the column's kind decides", () => {
  it.each<[unknown, ValueKind, number | null]>([
    ["242.300", "count", 242300],
    ["1.029.961", "count", 1029961],
    ["11.212", "count", 11212],
    ["4573", "count", 4573],
    ["6.566", "count", 6566],
    ["6.566", "points", 6.566],
    ["1 029 961", "count", 1029961],
    ["1,234", "count", 1234],
    ["62.28", "points", 62.28],
    ["58,3", "points", 58.3],
    ["62.3 điểm", "points", 62.3],
    ["10.4/18 điểm", "points", 10.4],
    ["44,8%", "percent", 44.8],
    ["70.87%", "percent", 70.87],
    ["100", "percent", 100],
    ["1.234,5", "points", 1234.5],
    ["1,234.5", "points", 1234.5],
    ["26.258 hồ sơ", "count", 26258],
    ["593 TTHC", "count", 593],
    ["", "count", null],
    ["-", "points", null],
    ["–", "percent", null],
    ["—", "count", null],
    [null, "count", null],
    [undefined, "points", null],
    [0, "count", 0],
    [89, "points", 89],
  ])("%j as %s → %j", (input, kind, expected) => {
    expect(value(parseNumber(input, kind))).toBe(expected);
  });

  it.each<[unknown, ValueKind, string]>([
    ["abc", "count", "NOT_A_NUMBER"],
    ["12,5", "count", "NOT_AN_INTEGER"],
    ["-3", "count", "NEGATIVE"],
    ["1..2", "points", "NOT_A_NUMBER"],
    [Number.NaN, "points", "NOT_A_NUMBER"],
    [true, "count", "UNSUPPORTED_TYPE"],
    [{}, "count", "UNSUPPORTED_TYPE"],
  ])("%j as %s is an issue (%s), never NaN or 0", (input, kind, code) => {
    const r = parseNumber(input, kind);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message.length).toBeGreaterThan(5);
    }
  });

  it("a count cell below 1 or negative is an issue, not a thousands guess", () => {
    expect(parseNumber(0.5, "count")).toMatchObject({ ok: false, code: "NOT_AN_INTEGER" });
    expect(parseNumber(-1.5, "count")).toMatchObject({ ok: false, code: "NEGATIVE" });
  });

  it("reads a count that Excel turned into 11.212 back as 11.212 thousand, with a warning", () => {
    const r = parseNumber(11.212, "count");
    expect(r).toMatchObject({ ok: true, value: 11212 });
    expect(r.ok && r.warning).toContain("11.212");
  });
});

describe("parseDelta: the letters' words", () => {
  it.each<[unknown, ValueKind, number | null]>([
    ["Tăng 0.92", "points", 0.92],
    ["Giảm 3.4", "points", -3.4],
    ["Bằng điểm", "points", 0],
    ["Tăng 3.21 điểm", "points", 3.21],
    ["Giảm 0.2 điểm", "points", -0.2],
    ["Tăng 7.28%", "percent", 7.28],
    ["Tăng 6.566", "count", 6566],
    ["tang 1.29", "points", 1.29],
    ["giam 3,2", "points", -3.2],
    ["+1.2", "points", 1.2],
    ["-0,5", "points", -0.5],
    ["Không đổi", "percent", 0],
    ["", "points", null],
    [-2.5, "points", -2.5],
  ])("%j (%s) → %j", (input, kind, expected) => {
    expect(value(parseDelta(input, kind))).toBe(expected);
  });

  it.each(["Tăng", "Tăng -3", "lên 3", "Giảm abc"])("%j is an issue", (input) => {
    expect(parseDelta(input, "points").ok).toBe(false);
  });
});

describe("composite cells", () => {
  it.each<[string, { count: number | null; rate: number | null }]>([
    ["242.300 (70.87%)", { count: 242300, rate: 70.87 }],
    ["593 TTHC (41.04%)", { count: 593, rate: 41.04 }],
    ["1.029.961 hồ sơ (35.01%)", { count: 1029961, rate: 35.01 }],
    ["26.258 hồ sơ", { count: 26258, rate: null }],
    ["87.5%", { count: null, rate: 87.5 }],
    ["700 (100%)", { count: 700, rate: 100 }],
  ])("%j", (input, expected) => {
    expect(value(parseCountWithRate(input))).toEqual(expected);
  });

  it("10.4/18 điểm → points and maximum", () => {
    expect(value(parsePointsOfMax("10.4/18 điểm"))).toEqual({ points: 10.4, max: 18 });
    expect(value(parsePointsOfMax("62.3 điểm"))).toEqual({ points: 62.3, max: null });
  });
});

describe("writing", () => {
  it("counts with dot thousands", () => {
    expect([242300, 1029961, 4573, 0, 999].map(formatCount)).toEqual(["242.300", "1.029.961", "4.573", "0", "999"]);
  });

  it("points and rates trimmed, half-up", () => {
    expect([62.28, 89, 3.4, 3.405, 1.005, 82.11].map((v) => formatPoints(v))).toEqual(["62.28", "89", "3.4", "3.41", "1.01", "82.11"]);
    expect(formatPercent(70.87)).toBe("70.87%");
    expect(formatPercent(44.8, { maxDecimals: 1, decimalSeparator: "," })).toBe("44,8%");
    expect(formatDecimal(58.3, { decimalSeparator: "," })).toBe("58,3");
    expect(formatPointsOfMax(10.4, 18, { maxDecimals: 1, minDecimals: 1 })).toBe("10.4/18 điểm");
    expect(formatPointsOfMax(6, 10, { maxDecimals: 1, minDecimals: 1 })).toBe("6.0/10 điểm");
  });

  it("composites", () => {
    expect(formatCountWithRate(242300, 70.87)).toBe("242.300 (70.87%)");
    expect(formatCountWithRate(593, 41.04, "TTHC")).toBe("593 TTHC (41.04%)");
    expect(formatCountWithRate(1029961, 35.01, "hồ sơ")).toBe("1.029.961 hồ sơ (35.01%)");
  });

  it("deltas as the letters word them", () => {
    expect(formatDelta(0.92, "points")).toBe("Tăng 0.92");
    expect(formatDelta(-3.4, "points")).toBe("Giảm 3.4");
    expect(formatDelta(0, "points")).toBe("Bằng điểm");
    expect(formatDelta(7.28, "percent")).toBe("Tăng 7.28%");
    expect(formatDelta(6566, "count")).toBe("Tăng 6.566");
    expect(formatDelta(3.21, "points", { suffix: " điểm" })).toBe("Tăng 3.21 điểm");
    expect(formatDelta(1.29, "points", { suffix: " điểm", lowerCase: true })).toBe("tăng 1.29 điểm");
  });

  it("rounding policy: half away from zero on the printed decimal", () => {
    expect([roundHalfAwayFromZero(1.005), roundHalfAwayFromZero(-2.345), roundHalfAwayFromZero(0.125), roundHalfAwayFromZero(2.675), roundHalfAwayFromZero(-0.004)]).toEqual([1.01, -2.35, 0.13, 2.68, 0]);
    // Numbers whose text has an exponent (found by the property test): still rounded, never NaN.
    expect([roundHalfAwayFromZero(2.5e-322), roundHalfAwayFromZero(1.5e-7, 7), roundHalfAwayFromZero(1e21)]).toEqual([0, 0.0000002, 1e21]);
    expect([decimalsOf(1.5e-7), decimalsOf(62.28), decimalsOf(89), decimalsOf(1e21)]).toEqual([8, 2, 0, 0]);
  });
});
