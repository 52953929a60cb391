/**
 * Golden vectors for the 2026 rules: the portal's own recorded answers (Phú Thọ, 08/2026) for five
 * units. Every recomputed indicator must equal the published score; groups within ±0.01.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { METHODOLOGIES, mapPortal2026, methodologyFor, scoreUnit, type Methodology, type PortalUnitRow } from "../../shared";

const sample = JSON.parse(readFileSync(path.join(import.meta.dirname, "../fixtures/portal-2026-sample.json"), "utf8")) as {
  units: Record<string, Record<string, unknown>>;
};
const m2026: Methodology = methodologyFor("2026-08-01");
const rows: PortalUnitRow[] = Object.values(sample.units).flatMap((criteria) => mapPortal2026(Object.fromEntries(Object.entries(criteria).map(([c, row]) => [c, { data: { overview: row } }]))));
const byName = (name: string) => {
  const r = rows.find((x) => x.name === name);
  if (!r) throw new Error(name);
  return r;
};
const parsed = (r: PortalUnitRow) =>
  Object.fromEntries(
    Object.entries(r.indicators).map(([code, i]) => [
      code,
      { numerator: (i.numerator as number | null) ?? null, denominator: (i.denominator as number | null) ?? null, rate: null, points: (i.points as number | null) ?? null },
    ]),
  );

describe("2026 rules against the portal's published scores", () => {
  it("uses the 2026 methodology from 1/1/2026 and the 2024 one before", () => {
    expect(m2026.id).toBe("portal-2026");
    expect(methodologyFor("2025-12-01").id).toBe("portal-2024");
    expect(METHODOLOGIES.every((m) => m.groups.reduce((t, g) => t + g.maxPoints, 0) === 100)).toBe(true);
  });

  it("every group's indicators add up to its maximum", () => {
    for (const g of m2026.groups) {
      const sum = m2026.indicators.filter((i) => i.group === g.code && i.rule.type !== "display").reduce((t, i) => t + i.maxPoints, 0);
      expect([g.code, sum]).toEqual([g.code, g.maxPoints]);
    }
  });

  it.each(["UBND tỉnh Phú Thọ", "UBND Phường Việt Trì", "UBND Phường Vân Phú", "Văn phòng UBND Tỉnh - Tỉnh Phú Thọ", "UBND xã Thanh Thủy"])("%s: each published metric score is reproduced", (name) => {
    const row = byName(name);
    const s = scoreUnit(m2026, parsed(row), row.groups, null);
    const compared = s.indicators.filter((i) => i.published !== null);
    expect(compared.length).toBeGreaterThanOrEqual(6);
    for (const i of compared) expect([i.code, i.points]).toEqual([i.code, i.published]);
  });

  it("payment of Phường Việt Trì: 0.5 + 0.86 + 5.33 = 6.69 (each component rounded before the sum)", () => {
    const row = byName("UBND Phường Việt Trì");
    const s = scoreUnit(m2026, parsed(row), row.groups, null);
    const pay = s.indicators.filter((i) => i.group === "TTTT").map((i) => [i.code, i.points]);
    expect(pay).toEqual([
      ["PAY_PROVISION", 0.5],
      ["PAY_FORMALITIES", 0.86],
      ["PAY_DOSSIERS", 5.33],
    ]);
    expect(s.groups.find((g) => g.code === "TTTT")).toMatchObject({ recomputed: 6.69, published: 6.69 });
  });

  it("recomputed groups agree with the published group scores within ±0.01 (province)", () => {
    const row = byName("UBND tỉnh Phú Thọ");
    const s = scoreUnit(m2026, parsed(row), row.groups, null);
    for (const g of s.groups) {
      if (g.recomputed === null || g.published === null) continue;
      expect(Math.abs(g.recomputed - g.published)).toBeLessThanOrEqual(0.01 + 1e-9);
    }
    expect(s.groups.filter((g) => g.recomputed !== null).map((g) => g.code)).toEqual(["CKMB", "TDGQ", "CLGQ", "TTTT", "MDHL", "MDSH"]);
  });

  it("zero denominators follow each indicator's policy (no PAKN → 6, no fee dossiers → 0, not scored → null)", () => {
    const vp = byName("Văn phòng UBND Tỉnh - Tỉnh Phú Thọ");
    const s = scoreUnit(m2026, parsed(vp), vp.groups, null);
    const by = Object.fromEntries(s.indicators.map((i) => [i.code, [i.basis, i.points]]));
    expect(by["PUBLISH_ON_TIME"]).toEqual(["zero-denominator", null]);
    expect(by["ELECTRONIC_CERTIFIED_COPY"]).toEqual(["fixed", 2]);
  });

  it("Phường Vân Phú's payment: 0.48 + 0.56 + 5.42 = 6.46 published (the unrounded sum is 6.467)", () => {
    const row = byName("UBND Phường Vân Phú");
    const s = scoreUnit(m2026, parsed(row), row.groups, null);
    expect(s.groups.find((g) => g.code === "TTTT")).toMatchObject({ recomputed: 6.46, published: 6.46 });
  });
});
