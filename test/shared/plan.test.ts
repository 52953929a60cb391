/**
 * The plan stage (shared/plan/): targets as versioned data, the exact number of dossiers that reaches a
 * threshold (both arithmetic kinds, property-tested), and the plan of the recorded portal month (Phú
 * Thọ, 08/2026): the unit with the most points within reach, its three cheapest gains and their N.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  METHODOLOGIES,
  PLAN_TARGETS,
  TARGETS,
  SHORTFALL_NAMED,
  buildReport,
  ceilDiv,
  compareVietnamese,
  countNoun,
  dossiersNeeded,
  findIndicator,
  indicatorThresholdPercent,
  latestMethodology,
  methodologyFor,
  numeratorToReach,
  percent2,
  reaches,
  scoreUnit,
  targetsFor,
  toHundredths,
  type IndicatorDef,
  type Target,
} from "../../shared";
import { PORTAL_MONTH, PORTAL_OPTIONS } from "./plan-fixture";

const m2026 = methodologyFor("2026-08-01");
const def = (code: string) => m2026.indicators.find((d) => d.code === code) as IndicatorDef;
const linear = m2026.indicators.filter((d) => d.rule.type === "linear" && d.maxPoints > 0);
const ratioDefs = linear.filter((d) => d.rule.type === "linear" && d.rule.arithmetic !== "rounded-rate");
const roundedDefs = linear.filter((d) => d.rule.type === "linear" && d.rule.arithmetic === "rounded-rate");

/**
 * The oracle of "reached", independent of reach.ts: the exact ratio compared in BigInt for "ratio";
 * the portal's 2-decimal rate (rounding.ts percent2) against the threshold for "rounded-rate".
 */
function reachedOracle(d: IndicatorDef, x: number, den: number, percent: number | { pn: bigint; pd: bigint }): boolean {
  let pn: bigint;
  let pd: bigint;
  if (typeof percent === "number") {
    const [whole, frac = ""] = String(percent).split(".");
    pn = BigInt(`${whole}${frac}`);
    pd = 10n ** BigInt(frac.length);
  } else ({ pn, pd } = percent);
  if (d.rule.type === "linear" && d.rule.arithmetic === "rounded-rate") {
    // The portal's rate in hundredths of a percent (rounding.ts percent2) against the threshold's, rounded up.
    const threshold = (100n * pn + pd - 1n) / pd;
    return BigInt(toHundredths(percent2(x, den))) >= threshold;
  }
  return BigInt(x) * 100n * pd >= BigInt(den) * pn;
}

/** A denominator from 1 to 2,000,000 and a numerator from 0 to it. */
const counts = fc.integer({ min: 1, max: 2_000_000 }).chain((den) => fc.tuple(fc.constant(den), fc.integer({ min: 0, max: den })));

describe("targets as versioned data", () => {
  it("holds the seeds' targets with their sources, and every linear indicator's threshold", () => {
    expect(PLAN_TARGETS.map((t) => [t.indicator, t.minRatePercent])).toEqual([
      ["PAY_DOSSIERS", 55],
      ["ONLINE_SUBMISSION", 60],
      ["SO_HOA_GIAY_TO_GIAI_QUYET", 100],
      ["ORIGINAL_RESULT_AVAILABLE", 100],
      ["DOSSIER_RECEIVING_SATISFACTION", 90],
      ["PROGRESS_ON_TIME", 99],
    ]);
    expect(PLAN_TARGETS.every((t) => /2562\/UBND-KSTTHC|20\/NQ-HĐND/.test(t.source))).toBe(true);
    const inForce = targetsFor("2026-08-01");
    const thresholds = inForce.filter((t) => t.kind === "threshold");
    expect(thresholds).toHaveLength(linear.length);
    expect(Object.fromEntries(thresholds.filter((t) => t.minRatePercent !== 100).map((t) => [t.indicator, t.minRatePercent]))).toEqual({
      ONLINE_TTHC_PROVIDED: 80,
      ONLINE_SUBMISSION: 50,
      PAY_PROVISION: 80,
      PAY_FORMALITIES: 80,
      REUSED_DIGITIZED_DATA: 80,
      DOSSIER_RECEIVING_SATISFACTION: 90,
    });
    expect(thresholds.every((t) => t.source.includes("portal-2026") || t.source.includes("Cổng DVCQG 2026"))).toBe(true);
  });

  it("picks the version in force (effectiveTo exclusive) and puts plan targets first", () => {
    const before = targetsFor("2025-12-31").filter((t) => t.kind === "threshold");
    expect(before.every((t) => t.source.includes("2024–2025"))).toBe(true);
    expect(targetsFor("2023-12-31").filter((t) => t.kind === "plan")).toEqual([]);
    const now = targetsFor("2026-01-01");
    expect(now.slice(0, PLAN_TARGETS.length).map((t) => t.kind)).toEqual(PLAN_TARGETS.map(() => "plan"));
    expect(new Set(now.map((t) => t.id)).size).toBe(now.length);
    expect(TARGETS.length).toBe(PLAN_TARGETS.length + METHODOLOGIES.length * linear.length);
  });

  it("a province override replaces the built-in target of the same id, and can add", () => {
    const mine: Target[] = [
      { id: "HN-2562.PAY_DOSSIERS", indicator: "PAY_DOSSIERS", nameVi: "Thanh toán trực tuyến ≥ 70%", minRatePercent: 70, effectiveFrom: "2026-01-01", source: "Kế hoạch số 1/KH-UBND của UBND tỉnh Phú Thọ", kind: "plan" },
      { id: "PT-2026.ONLINE_SUBMISSION", indicator: "ONLINE_SUBMISSION", nameVi: "Nộp trực tuyến ≥ 80%", minRatePercent: 80, effectiveFrom: "2026-06-01", effectiveTo: "2026-09-01", source: "Kế hoạch số 1/KH-UBND", kind: "plan" },
    ];
    const aug = targetsFor("2026-08-15", mine);
    expect(aug.filter((t) => t.id === "HN-2562.PAY_DOSSIERS")).toEqual([mine[0]]);
    expect(aug.map((t) => t.id)).toContain("PT-2026.ONLINE_SUBMISSION");
    expect(targetsFor("2026-09-01", mine).map((t) => t.id)).not.toContain("PT-2026.ONLINE_SUBMISSION");
    // Replaced, not merged: before the override applies, the built-in version is gone too.
    expect(targetsFor("2025-06-01", mine).map((t) => t.id)).not.toContain("HN-2562.PAY_DOSSIERS");
  });
});

describe("dossiers needed: exact integer arithmetic", () => {
  it("by hand: ratio and rounded-rate", () => {
    // 5.4 hài lòng, 90%, ratio: 1060/1497 → ⌈1497 × 0.9⌉ = ⌈1347.3⌉ = 1348 → 288 more; 1347/1497 = 89.98% falls short.
    expect(dossiersNeeded(def("DOSSIER_RECEIVING_SATISFACTION"), 1060, 1497)).toBe(288);
    // 3.5 thanh toán, 80%, rounded-rate: round(10000·x/38) ≥ 8000 ⇔ 20000·x ≥ 15999·38 = 607,962 ⇔ x ≥ 31 → 23 more from 8.
    expect(dossiersNeeded(def("PAY_PROVISION"), 8, 38)).toBe(23);
    expect([percent2(30, 38), percent2(31, 38)]).toEqual([78.95, 81.58]);
    // Rounded-rate at 100%: 99.995% shows as 100.00%, so 29,999 of 30,000 is enough (the exact ratio needs all).
    expect(dossiersNeeded(def("PAY_DOSSIERS"), 29_000, 30_000)).toBe(999);
    expect(dossiersNeeded(def("PROGRESS_ON_TIME"), 29_000, 30_000)).toBe(1000);
    // A target's percent instead of the threshold; reached already → 0; no way by counts → null.
    expect(dossiersNeeded(def("PAY_DOSSIERS"), 719, 819, 55)).toBe(0);
    expect(dossiersNeeded(def("PROGRESS_ON_TIME"), 5, 10, 99)).toBe(5);
    expect(dossiersNeeded(def("PROGRESS_ON_TIME"), 5, 0)).toBeNull();
    expect(dossiersNeeded(def("PROGRESS_ON_TIME"), 5, 10, 101)).toBeNull();
    expect(dossiersNeeded(def("ELECTRONIC_CERTIFIED_COPY"), 0, 10)).toBeNull();
    // A threshold with more decimals than the portal's rate: 55.005% is reached only at 55.01%.
    expect(numeratorToReach(def("PAY_DOSSIERS"), 10_000, 55.005)).toBe(5501);
    expect(numeratorToReach(def("PROGRESS_ON_TIME"), 10_000, 55.005)).toBe(5501);
    expect(numeratorToReach(def("PROGRESS_ON_TIME"), 200_000, 55.005)).toBe(110_010);
  });

  it("names what is counted", () => {
    expect(["PAY_DOSSIERS", "PAY_PROVISION", "ONLINE_SERVICE_WITH_DOSSIERS", "PETITION_PROCESSING_ON_TIME", "PETITION_HANDLING_SATISFACTION", "DOSSIER_RECEIVING_SATISFACTION"].map((c) => countNoun(def(c)))).toEqual(["hồ sơ", "TTHC", "dịch vụ công", "PAKN", "PAKN", "hồ sơ"]);
  });

  it("ceilDiv is exact, also past 2^53", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 70n }), fc.bigInt({ min: 1n, max: 2n ** 40n }), (a, b) => {
        if (a > BigInt(Number.MAX_SAFE_INTEGER)) return;
        expect(BigInt(ceilDiv(Number(a), Number(b)))).toBe((a + b - 1n) / b);
      }),
      { numRuns: 2000 },
    );
  });

  const cases = [
    ["ratio", ratioDefs],
    ["rounded-rate", roundedDefs],
  ] as const;
  it.each(cases)("%s: with N more the threshold is reached, with N − 1 it is not (methodology thresholds)", (_kind, defs) => {
    expect(defs.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.constantFrom(...defs), counts, (d, [den, num]) => {
        const percent = indicatorThresholdPercent(d) as number;
        const n = dossiersNeeded(d, num, den) as number;
        expect(n).not.toBeNull();
        expect(num + n).toBeLessThanOrEqual(den);
        expect(reachedOracle(d, num + n, den, percent)).toBe(true);
        if (n > 0) expect(reachedOracle(d, num + n - 1, den, percent)).toBe(false);
        // At the threshold the indicator has its maximum.
        const at = scoreUnit(m2026, { [d.code]: { numerator: num + n, denominator: den, rate: null, points: null } }, {}, null).indicators.find((i) => i.code === d.code);
        expect(at?.points).toBe(d.maxPoints);
        expect(reaches(d, num + n, den, percent)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it.each(cases)("%s: exact also for large denominators and percents with up to 9 decimals (past 2^53)", (_kind, defs) => {
    const big = fc.integer({ min: 1, max: 1_000_000_000 }).chain((den) => fc.tuple(fc.constant(den), fc.integer({ min: 0, max: den })));
    fc.assert(
      fc.property(fc.constantFrom(...defs), big, fc.integer({ min: 0, max: 100_000_000_000 }), (d, [den, num], billionths) => {
        const percent = billionths / 1e9;
        // The percent as a decimal reads it (the double of billionths / 10^9 is that decimal's nearest).
        const exact = { pn: BigInt(billionths), pd: 10n ** 9n };
        const n = dossiersNeeded(d, num, den, percent);
        if (n === null) return expect(reachedOracle(d, den, den, exact)).toBe(false);
        expect(reachedOracle(d, num + n, den, exact)).toBe(true);
        if (n > 0) expect(reachedOracle(d, num + n - 1, den, exact)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it.each(cases)("%s: the same for any target percent with up to 3 decimals", (_kind, defs) => {
    fc.assert(
      fc.property(fc.constantFrom(...defs), counts, fc.integer({ min: 0, max: 100_000 }), (d, [den, num], thousandths) => {
        const percent = thousandths / 1000;
        const n = dossiersNeeded(d, num, den, percent);
        if (n === null) {
          // Only when even every dossier is not enough.
          expect(reachedOracle(d, den, den, percent)).toBe(false);
          return;
        }
        expect(reachedOracle(d, num + n, den, percent)).toBe(true);
        if (n > 0) expect(reachedOracle(d, num + n - 1, den, percent)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("dossiers needed: every methodology (the one definition, also =CS766.CANTHEM's)", () => {
  const everyLinear = METHODOLOGIES.flatMap((m) => m.indicators.filter((d) => d.rule.type === "linear" && d.maxPoints > 0));

  it("covers both arithmetic kinds and the thresholds 1, 0.9, 0.8, 0.5", () => {
    const kinds = new Set(everyLinear.map((d) => (d.rule.type === "linear" ? (d.rule.arithmetic ?? "ratio") : "")));
    expect([...kinds].sort()).toEqual(["ratio", "rounded-rate"]);
    const thresholds = new Set(everyLinear.map((d) => (d.rule.type === "linear" ? d.rule.threshold : 0)));
    expect([...thresholds].sort()).toEqual([0.5, 0.8, 0.9, 1]);
    expect(METHODOLOGIES.length).toBeGreaterThan(1);
  });

  it("property: with N more the threshold is reached and the indicator scores its maximum, with N − 1 the rate is short (every methodology's indicators)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...everyLinear), counts, (d, [den, num]) => {
        const percent = indicatorThresholdPercent(d) as number;
        const n = dossiersNeeded(d, num, den);
        expect(n).not.toBeNull();
        const added = n as number;
        expect(num + added).toBeLessThanOrEqual(den);
        expect(reachedOracle(d, num + added, den, percent)).toBe(true);
        if (added > 0) expect(reachedOracle(d, num + added - 1, den, percent)).toBe(false);
        const m = METHODOLOGIES.find((x) => x.indicators.includes(d))!;
        const at = scoreUnit(m, { [d.code]: { numerator: num + added, denominator: den, rate: null, points: null } }, {}, null).indicators.find((i) => i.code === d.code);
        expect(at?.points).toBe(d.maxPoints);
      }),
      { numRuns: 3000 },
    );
  });

  it("property: at or above the threshold rate nothing is needed; below it something is", () => {
    fc.assert(
      fc.property(fc.constantFrom(...everyLinear), counts, (d, [den, num]) => {
        const percent = indicatorThresholdPercent(d) as number;
        expect(dossiersNeeded(d, num, den) === 0).toBe(reachedOracle(d, num, den, percent));
      }),
      { numRuns: 3000 },
    );
  });

  it("no counts to raise: a zero denominator, a negative or fractional count, a rule without threshold → null", () => {
    expect(dossiersNeeded(def("PROGRESS_ON_TIME"), 0, 0)).toBeNull();
    expect(dossiersNeeded(def("PROGRESS_ON_TIME"), 1, -3)).toBeNull();
    expect(dossiersNeeded(def("PROGRESS_ON_TIME"), 1.5, 3)).toBeNull();
    expect(dossiersNeeded(def("AVG_PROCESSING_TIME"), 1, 3)).toBeNull();
    expect(dossiersNeeded(def("ELECTRONIC_CERTIFIED_COPY"), 1, 3)).toBeNull();
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

describe("the plan of Phú Thọ 08/2026 (recorded portal month)", () => {
  const report = buildReport(PORTAL_MONTH, { ...PORTAL_OPTIONS, plan: true });
  const plan = report.plan;
  if (!plan) throw new Error("plan asked for");
  const communes = plan.units.filter((u) => u.level === "commune");

  it("is opt-in: a build without BuildOptions.plan has none", () => {
    expect(buildReport(PORTAL_MONTH, PORTAL_OPTIONS).plan).toBeUndefined();
    expect(plan.units).toHaveLength(163);
    expect(plan.period).toBe("2026-08");
    expect(report.issues.filter((i) => i.code === "UNKNOWN_INDICATOR")).toEqual([]);
  });

  it("the unit with the most points within reach: Sở Ngoại vụ, 31.03 → 78.67, rank 13 → 1 of 15", () => {
    const top = plan.units[0];
    expect([top?.name, top?.total, top?.rank, top?.rankOf, top?.pointsWithinReach, top?.totalWithinReach, top?.rankWithinReach]).toEqual(["Sở Ngoại vụ", 31.03, 13, 15, 47.64, 78.67, 1]);
    // Two dossiers, none on time: each of the three gains needs both.
    expect(top?.cheapest.map((r) => [r.code, r.numerator, r.denominator, r.needed, r.pointsLost])).toEqual([
      ["PROGRESS_ON_TIME", 0, 2, 2, 20],
      ["ORIGINAL_RESULT_AVAILABLE", 0, 2, 2, 6],
      ["DOSSIER_RECEIVING_SATISFACTION", 0, 2, 2, 6],
    ]);
  });

  it("the commune with the most points within reach: Tam Dương Bắc, last (148/148), first with them", () => {
    const top = communes[0];
    expect([top?.name, top?.total, top?.rank, top?.rankOf, top?.pointsWithinReach, top?.totalWithinReach, top?.rankWithinReach]).toEqual(["UBND xã Tam Dương Bắc", 48.47, 148, 148, 35.9, 84.37, 1]);
    // 3.5: 8 of 38 TTHC with a fee offer online payment (21.05%, 2 × 21.05 / 80 = 0.53 points); 80% needs
    // round(10000·x/38) ≥ 8000, i.e. 20000·x ≥ 15999 × 38 = 607,962, x ≥ 31: 23 more TTHC → +1.47.
    expect(top?.cheapest.map((r) => [r.code, r.rate, r.points, r.needed, r.pointsLost])).toEqual([
      ["PETITION_PROCESSING_ON_TIME", 0, 0, 1, 6],
      ["PETITION_HANDLING_SATISFACTION", 0, 0, 1, 6],
      ["PAY_PROVISION", 21.05, 0.53, 23, 1.47],
    ]);
    // Every gain reachable by counts adds up to the points within reach (exact hundredths).
    const gains = top?.reach.filter((r) => r.needed !== null && r.needed > 0 && r.pointsLost > 0) ?? [];
    expect(gains.reduce((h, r) => h + toHundredths(r.pointsLost), 0)).toBe(3590);
  });

  it("orders each unit's indicators by points per dossier, and never promises a lower rank", () => {
    for (const u of plan.units) {
      const gains = u.reach.filter((r) => r.pointsPerDossier !== null);
      for (let i = 1; i < gains.length; i++) expect((gains[i - 1]?.pointsPerDossier ?? 0) + 1e-12).toBeGreaterThanOrEqual(gains[i]?.pointsPerDossier ?? 0);
      if (u.rank !== null && u.rankWithinReach !== null) expect(u.rankWithinReach).toBeLessThanOrEqual(u.rank);
    }
    for (let i = 1; i < plan.units.length; i++) expect(toHundredths(plan.units[i - 1]?.pointsWithinReach ?? 0)).toBeGreaterThanOrEqual(toHundredths(plan.units[i]?.pointsWithinReach ?? 0));
  });

  it("the compliance matrix: Đạt / Chưa đạt with the gap in percentage points and dossiers", () => {
    const u = communes[0];
    const cell = (id: string) => u?.compliance.find((c) => c.targetId === id);
    // 719 of 819 dossiers paid online (87.79%) ≥ 55%.
    expect(cell("HN-2562.PAY_DOSSIERS")).toMatchObject({ status: "dat", rate: 87.79, gapPercentagePoints: 0, gapDossiers: 0 });
    // 1060 of 1497 satisfied (70.81%): 90% needs ⌈1347.3⌉ = 1348, 288 more; 19.19 points short.
    expect(cell("HN-NQ20.DOSSIER_RECEIVING_SATISFACTION")).toMatchObject({ status: "chua-dat", rate: 70.81, gapPercentagePoints: 19.19, gapDossiers: 288 });
    // 1061 of 1497 on time (70.88%): 99% needs ⌈1482.03⌉ = 1483, 422 more.
    expect(cell("HN-NQ20.PROGRESS_ON_TIME")).toMatchObject({ status: "chua-dat", rate: 70.88, gapPercentagePoints: 28.12, gapDossiers: 422 });
    // Online submission has no figures on the recorded month.
    expect(cell("HN-2562.ONLINE_SUBMISSION")).toMatchObject({ status: "khong-so-lieu", rate: null, gapDossiers: null });
    // By default the plan targets only; every target (thresholds too) when asked.
    expect(u?.compliance.map((c) => c.targetId)).toEqual(PLAN_TARGETS.map((t) => t.id));
    expect(plan.complianceTargets).toEqual(PLAN_TARGETS.map((t) => t.id));
  });

  const all = buildReport(PORTAL_MONTH, { ...PORTAL_OPTIONS, plan: { compliance: "all" } }).plan!;

  it("with compliance \"all\": a threshold's cell says what the unit's reach says", () => {
    expect(all.complianceTargets).toEqual(targetsFor("2026-08-01").map((t) => t.id));
    for (const u of all.units) {
      expect(u.compliance).toHaveLength(all.complianceTargets.length);
      for (const c of u.compliance.filter((x) => x.targetId.startsWith("766."))) {
        const r = u.reach.find((x) => x.code === c.indicator);
        if (c.status === "khong-so-lieu") continue;
        expect([c.indicator, c.rate, c.gapDossiers, c.status]).toEqual([r?.code, r?.rate, r?.needed, r?.needed === 0 ? "dat" : "chua-dat"]);
      }
    }
  });

  it("each target's shortfall counts the units below it and keeps the five lowest (checked against every unit's cell)", () => {
    for (const id of all.complianceTargets) {
      const cells = all.units.flatMap((u) => u.compliance.filter((c) => c.targetId === id && c.status !== "khong-so-lieu").map((c) => ({ u, c })));
      const short = cells.filter((x) => x.c.status === "chua-dat").sort((a, b) => (a.c.rate ?? 0) - (b.c.rate ?? 0) || (b.c.gapDossiers ?? 0) - (a.c.gapDossiers ?? 0) || compareVietnamese(a.u.name, b.u.name));
      const s = plan.shortfalls[id];
      expect([id, s?.withData, s?.short]).toEqual([id, cells.length, short.length]);
      expect(s?.lowest.map((x) => [x.name, x.rate, x.gapDossiers])).toEqual(short.slice(0, SHORTFALL_NAMED).map((x) => [x.u.name, x.c.rate, x.c.gapDossiers]));
    }
    expect(plan.shortfalls["HN-2562.PAY_DOSSIERS"]).toMatchObject({ withData: 156, short: 4 });
  });

  it("the three cheapest gains and the points within reach are those of the full reach list", () => {
    for (const u of plan.units) {
      const gains = u.reach.filter((r) => r.needed !== null && r.needed > 0 && r.pointsLost > 0);
      expect(u.cheapest).toEqual(gains.slice(0, 3));
      expect(toHundredths(u.pointsWithinReach)).toBe(gains.reduce((h, r) => h + toHundredths(r.pointsLost), 0));
    }
    // `reach` is made on first read and kept; `cheapest` and `compliance` are made from the plan's columns
    // on every read, equal each time; all three are in the JSON with every other field, in the order the
    // plan's JSON always had (`reach` last: the Worker's answers are byte for byte what they were).
    const u = plan.units[0]!;
    expect(u.reach).toBe(u.reach);
    expect(u.cheapest).not.toBe(u.cheapest);
    expect(u.cheapest).toEqual(u.cheapest);
    expect(u.compliance).toEqual(u.compliance);
    const text = JSON.stringify(u);
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(json["reach"]).toEqual(u.reach);
    expect([json["cheapest"], json["compliance"]]).toEqual([u.cheapest, u.compliance]);
    expect(Object.keys(json)).toEqual(["key", "unitId", "name", "level", "total", "rank", "rankOf", "cheapest", "pointsWithinReach", "totalWithinReach", "rankWithinReach", "compliance", "sourceRow", "reach"]);
    expect(JSON.stringify(u)).toBe(text);
  });

  it("a province target override changes the matrix", () => {
    const r = buildReport(PORTAL_MONTH, { ...PORTAL_OPTIONS, plan: { targets: [{ id: "HN-2562.PAY_DOSSIERS", indicator: "PAY_DOSSIERS", nameVi: "≥ 90%", minRatePercent: 90, effectiveFrom: "2026-01-01", source: "thử", kind: "plan" }, { id: "X", indicator: "NO_SUCH", nameVi: "?", minRatePercent: 1, effectiveFrom: "2026-01-01", source: "thử" }] } });
    const u = r.plan?.units.find((x) => x.name === "UBND xã Tam Dương Bắc");
    // 90% of 819 = 737.1 → 738 paid online, 19 more than 719; the portal's rate rounds 737/819 = 89.99% (short).
    expect(u?.compliance.find((c) => c.targetId === "HN-2562.PAY_DOSSIERS")).toMatchObject({ status: "chua-dat", gapDossiers: 19, gapPercentagePoints: 2.21 });
    expect(r.issues.filter((i) => i.code === "UNKNOWN_INDICATOR").map((i) => i.location.column)).toEqual(["targets.X.indicator"]);
  });
});
