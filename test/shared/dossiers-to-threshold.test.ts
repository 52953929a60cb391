/**
 * dossiersToThreshold (shared/rules/points.ts): the fewest dossiers to add (numerator and denominator
 * both + N) for an indicator to score its maximum as the portal computes it. The property, over every
 * scored indicator of every methodology — both arithmetics ("ratio" and the payment group's
 * "rounded-rate") and every threshold (1, 0.9, 0.8, 0.5): with N the points are the maximum, with N − 1
 * they are not. Golden cases pin the figures a clerk can check by hand.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dossiersToThreshold, findIndicator, indicatorPoints, latestMethodology, METHODOLOGIES, type IndicatorDef } from "../../shared";

const pointsWith = (def: IndicatorDef, numerator: number, denominator: number) => indicatorPoints(def, { numerator, denominator, rate: null, points: null }).points;
const linear = METHODOLOGIES.flatMap((m) => m.indicators.filter((d) => d.rule.type === "linear"));
const def = (text: string) => {
  const d = findIndicator(latestMethodology(), text);
  if (!d) throw new Error(text);
  return d;
};

describe("dossiersToThreshold", () => {
  it("covers both arithmetics and the thresholds 1, 0.9, 0.8, 0.5", () => {
    const kinds = new Set(linear.map((d) => (d.rule.type === "linear" ? (d.rule.arithmetic ?? "ratio") : "")));
    expect([...kinds].sort()).toEqual(["ratio", "rounded-rate"]);
    const thresholds = new Set(linear.map((d) => (d.rule.type === "linear" ? d.rule.threshold : 0)));
    expect([...thresholds].sort()).toEqual([0.5, 0.8, 0.9, 1]);
  });

  it("property: N dossiers reach the maximum points, N − 1 do not (every scored indicator, both arithmetics)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...linear),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        (d, a, b) => {
          const [numerator, denominator] = a <= b ? [a, b] : [b, a];
          const n = dossiersToThreshold(d, numerator, denominator);
          expect(n).not.toBeNull();
          const added = n as number;
          expect(pointsWith(d, numerator + added, denominator + added)).toBe(d.maxPoints);
          if (added > 0) expect(pointsWith(d, numerator + added - 1, denominator + added - 1) ?? -1).toBeLessThan(d.maxPoints);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("property: at or above the threshold rate nothing is needed", () => {
    fc.assert(
      fc.property(fc.constantFrom(...linear), fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (d, denominator, extra) => {
        const threshold = d.rule.type === "linear" ? d.rule.threshold : 1;
        const numerator = Math.min(denominator, Math.ceil(threshold * denominator + extra * (1 - threshold) * denominator));
        expect(dossiersToThreshold(d, numerator, denominator)).toBe(0);
      }),
    );
  });

  it("golden: figures checked by hand", () => {
    // 2.1 (20 points, threshold 100 %): 90 of 100 on time. 20 × 39,990 / 40,000 = 19.995 → 20.00; one fewer gives 19.99.
    expect(dossiersToThreshold(def("2.1"), 90, 100)).toBe(39_900);
    expect(pointsWith(def("2.1"), 39_989, 39_999)).toBe(19.99);
    // 3.3 (6 points, threshold 50 %): 30 of 100 online → (30 + N) / (100 + N) ≥ 1/2 at N = 40.
    expect(dossiersToThreshold(def("3.3"), 30, 100)).toBe(40);
    expect(pointsWith(def("3.3"), 69, 139)).toBe(5.96);
    // 3.5 (payment: rate rounded to 2 decimals in percent first, threshold 80 %, 2 points): 79 of 100.
    // 82/103 = 79.61 % → 2 × 79.61 / 80 = 1.99; 83/104 = 79.81 % → 1.99525 → 2.00, short of 80 %.
    expect(dossiersToThreshold(def("3.5"), 79, 100)).toBe(4);
    expect(pointsWith(def("3.5"), 82, 103)).toBe(1.99);
    expect(pointsWith(def("3.5"), 83, 104)).toBe(2);
    // Zero denominator: 5.2 scores full points on no petition; 5.4 scores 0 and needs one satisfied dossier.
    expect(dossiersToThreshold(def("5.2"), 0, 0)).toBe(0);
    expect(dossiersToThreshold(def("5.4"), 0, 0)).toBe(1);
    // A fixed award needs nothing; a displayed indicator is not scored.
    expect(dossiersToThreshold(def("4.6"), 0, 10)).toBe(0);
    expect(dossiersToThreshold(def("2.2"), 1, 2)).toBeNull();
  });

  it("refuses counts that are not non-negative integers", () => {
    expect(() => dossiersToThreshold(def("1.1"), -1, 3)).toThrow(RangeError);
    expect(() => dossiersToThreshold(def("1.1"), 1.5, 3)).toThrow(RangeError);
  });
});

describe("findIndicator", () => {
  it("by code or number, either case, spaces ignored", () => {
    const m = latestMethodology();
    expect(m.id).toBe("portal-2026");
    expect(findIndicator(m, "PUBLISH_ON_TIME")?.number).toBe("1.1");
    expect(findIndicator(m, " publish_on_time ")?.number).toBe("1.1");
    expect(findIndicator(m, "3.5B")?.code).toBe("PAY_FORMALITIES");
    expect(findIndicator(m, "3.5")?.code).toBe("PAY_PROVISION");
    expect(findIndicator(m, "9.9")).toBeUndefined();
    expect(findIndicator(m, "")).toBeUndefined();
  });
});
