/**
 * What-if (shared/plan/what-if.ts) on the recorded portal month (Phú Thọ, 08/2026): a change's points,
 * total and rank before and after, the province's total and national rank, the issues of changes that
 * cannot be applied, and monotonicity (property-tested): more dossiers never lower a unit's points,
 * total or rank, and never lift another unit.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildReport, whatIf, type WhatIfChange } from "../../shared";
import { NATIONAL_AUGUST, PORTAL_MONTH, PORTAL_OPTIONS } from "./plan-fixture";

const national = { current: NATIONAL_AUGUST, province: "PT" };

describe("what-if on Phú Thọ 08/2026", () => {
  it("Tam Dương Bắc settles all 1,497 dossiers on time: +5.82 points, 148th → 146th; the province +0.04, 18th → 17th", () => {
    const r = whatIf(PORTAL_MONTH, [{ unit: "UBND xã Tam Dương Bắc", indicator: "PROGRESS_ON_TIME", numerator: 1497 }], { ...PORTAL_OPTIONS, national });
    expect(r.issues).toEqual([]);
    const u = r.value.units[0];
    expect(u?.indicators[0]?.figures).toEqual({ before: { numerator: 1061, denominator: 1497, rate: (1061 / 1497) * 100, points: 14.18 }, after: { numerator: 1497, denominator: 1497, rate: 100, points: 20 } });
    expect([u?.total, u?.rank, u?.rankOf]).toEqual([{ before: 48.47, after: 54.29 }, { before: 148, after: 146 }, 148]);
    // Overtaken: the two communes between 48.47 and 54.29 move down one place each.
    expect(r.value.displaced.map((d) => [d.name, d.rank.before, d.rank.after])).toEqual([
      ["UBND xã Bình Xuyên", 146, 147],
      ["UBND phường Phúc Yên", 147, 148],
    ]);
    // The province: 144,625 → 145,061 of 184,513 on time; 20 × 0.78382… = 15.68 → 20 × 0.78618… = 15.72.
    // Nationally 64.44 + 0.04 = 64.48 passes Thanh Hóa's 64.47.
    expect(r.value.province).toEqual({ total: { before: 59.92, after: 59.96 }, nationalRank: { before: 18, after: 17 }, rankOf: 34, complete: true });
  });

  it("a rate over known counts becomes the smallest numerator that reaches it; several changes of a unit add up", () => {
    const r = whatIf(
      PORTAL_MONTH,
      [
        { unit: "UBND xã Tam Dương Bắc", indicator: "PAY_PROVISION", rate: 80 },
        { unit: "UBND xã Tam Dương Bắc", indicator: "PETITION_PROCESSING_ON_TIME", numerator: 1 },
      ],
      PORTAL_OPTIONS,
    );
    const u = r.value.units[0];
    expect(u?.changes).toEqual([0, 1]);
    // 31 of 38 (81.58%) is the first to show ≥ 80%: 2 points (+1.47); the petition: +6.
    expect(u?.indicators.map((i) => [i.code, i.figures.after.numerator, i.figures.after.points])).toEqual([
      ["PAY_PROVISION", 31, 2],
      ["PETITION_PROCESSING_ON_TIME", 1, 6],
    ]);
    expect(u?.total).toEqual({ before: 48.47, after: 55.94 });
  });

  it("reaching the plan's cheapest gains gives exactly the points the plan promised", () => {
    const plan = buildReport(PORTAL_MONTH, { ...PORTAL_OPTIONS, plan: true }).plan;
    for (const u of plan?.units.slice(0, 20) ?? []) {
      const changes: WhatIfChange[] = u.cheapest.map((g) => ({ unit: u.unitId ?? u.name, indicator: g.code, numerator: (g.numerator ?? 0) + (g.needed ?? 0) }));
      const r = whatIf(PORTAL_MONTH, changes, PORTAL_OPTIONS);
      expect(r.issues).toEqual([]);
      const gained = u.cheapest.reduce((h, g) => h + Math.round(g.pointsLost * 100), 0);
      const w = r.value.units[0];
      expect(Math.round(((w?.total.after ?? 0) - (w?.total.before ?? 0)) * 100)).toBe(gained);
      for (const i of w?.indicators ?? []) expect(i.figures.after.points).toBe(u.reach.find((g) => g.code === i.code)?.maxPoints);
    }
  });

  it("names the change and the field of each change it cannot apply (Vietnamese, JSON path)", () => {
    const r = whatIf(
      PORTAL_MONTH,
      [
        { unit: "UBND xã Không Có", indicator: "PAY_DOSSIERS", numerator: 1 },
        { unit: "UBND xã Tam Dương Bắc", indicator: "NO_SUCH", numerator: 1 },
        { unit: "UBND xã Tam Dương Bắc", indicator: "PAY_DOSSIERS", numerator: 820 },
        { unit: "UBND xã Tam Dương Bắc", indicator: "PAY_DOSSIERS", numerator: -1 },
        { unit: "UBND xã Tam Dương Bắc", indicator: "PAY_DOSSIERS", rate: 120 },
        { unit: "UBND xã Tam Dương Bắc", indicator: "PAY_DOSSIERS" },
        { unit: "UBND xã Tam Dương Bắc", indicator: "ELECTRONIC_CERTIFIED_COPY", numerator: 1 },
      ],
      PORTAL_OPTIONS,
    );
    expect(r.value.units).toEqual([]);
    expect(r.issues.map((i) => [i.code, i.location.column])).toEqual([
      ["UNKNOWN_UNIT", "changes[0].unit"],
      ["UNKNOWN_INDICATOR", "changes[1].indicator"],
      ["BAD_CHANGE", "changes[2].numerator"],
      ["BAD_CHANGE", "changes[3].numerator"],
      ["BAD_CHANGE", "changes[4].rate"],
      ["BAD_CHANGE", "changes[5].numerator"],
      ["UNKNOWN_INDICATOR", "changes[6].indicator"],
    ]);
    expect(r.issues[0]?.message).toBe('changes[0].unit: không tìm thấy đơn vị "UBND xã Không Có" trong Phụ lục 2 của kỳ báo cáo.');
    expect(r.issues[2]?.message).toBe("changes[2].numerator: tử số mới 820 lớn hơn mẫu số 819 (UBND xã Tam Dương Bắc, chỉ số 3.6).");
  });
});

describe("what-if is monotone (property)", () => {
  // Every (unit, indicator) of the month with counts, as candidates.
  const candidates = (PORTAL_MONTH.unitScores ?? []).flatMap((u) =>
    Object.entries(u.indicators ?? {}).flatMap(([code, i]) => (typeof i.numerator === "number" && typeof i.denominator === "number" && i.denominator > 0 && code !== "ELECTRONIC_CERTIFIED_COPY" ? [{ unit: u.unit, code, numerator: i.numerator, denominator: i.denominator }] : [])),
  );
  const scored = candidates.filter((c) => !["AVG_PROCESSING_TIME", "ONLINE_ON_TIME", "PETITION_CLASSIFICATION_TTHC", "PETITION_CLASSIFICATION_STAFF"].includes(c.code));

  it("raising a unit's numerator never lowers its points, total or rank, and never lifts another unit", () => {
    expect(scored.length).toBeGreaterThan(1000);
    fc.assert(
      fc.property(fc.constantFrom(...scored), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (c, f1, f2) => {
        const lo = c.numerator + Math.floor((c.denominator - c.numerator) * Math.min(f1, f2));
        const hi = c.numerator + Math.floor((c.denominator - c.numerator) * Math.max(f1, f2));
        const at = (n: number) => whatIf(PORTAL_MONTH, [{ unit: c.unit, indicator: c.code, numerator: n }], PORTAL_OPTIONS).value;
        const a = at(lo);
        const b = at(hi);
        const ua = a.units[0];
        const ub = b.units[0];
        expect(ua && ub).toBeTruthy();
        if (!ua || !ub) return;
        const pa = ua.indicators[0]?.figures.after.points ?? 0;
        const pb = ub.indicators[0]?.figures.after.points ?? 0;
        expect(pb).toBeGreaterThanOrEqual(pa);
        expect(pa).toBeGreaterThanOrEqual(ua.indicators[0]?.figures.before.points ?? 0);
        expect(ub.total.after ?? 0).toBeGreaterThanOrEqual(ua.total.after ?? 0);
        expect(ua.total.after ?? 0).toBeGreaterThanOrEqual(ua.total.before ?? 0);
        if (ua.rank.before !== null) {
          expect(ua.rank.after ?? Infinity).toBeLessThanOrEqual(ua.rank.before);
          expect(ub.rank.after ?? Infinity).toBeLessThanOrEqual(ua.rank.after ?? Infinity);
        }
        // Any other unit whose rank changed was pushed down, never lifted; more so with more dossiers.
        for (const d of [...a.displaced, ...b.displaced]) expect(d.rank.after ?? 0).toBeGreaterThan(d.rank.before ?? 0);
        const pushedA = new Map(a.displaced.map((d) => [d.key, d.rank.after ?? 0]));
        for (const d of b.displaced) expect(d.rank.after ?? 0).toBeGreaterThanOrEqual(pushedA.get(d.key) ?? d.rank.before ?? 0);
        for (const d of a.displaced) expect(b.displaced.some((x) => x.key === d.key)).toBe(true);
        // The province's total never falls either.
        expect(b.province?.total.after ?? 0).toBeGreaterThanOrEqual(a.province?.total.after ?? 0);
        expect(a.province?.total.after ?? 0).toBeGreaterThanOrEqual(a.province?.total.before ?? 0);
      }),
      { numRuns: 100 },
    );
  });
});
