/**
 * A synthetic history of Hà Nội (made-up figures, deterministic), in the shape the Worker's
 * GET /v1/provinces/HN/history?include=units answers (ProvinceHistory): the province's total and six
 * groups per month, and one line per unit of the level the letters rank at each month — districts to
 * June 2025, communes from July 2025 (the catalog's reform), each a line of its own. For the sheet
 * "Diễn biến"'s tests and render.
 */
import { competitionRank, GROUP_CODES, HA_NOI, parsePeriod, periodEnd, periodKey, PORTAL_GROUPS, previousPeriod, round2, sum2, type GroupCode, type Period, type Unit } from "../shared";
import type { ProvinceHistory } from "../shared/api-responses";

type Point = NonNullable<ProvinceHistory["units"]>[number]["points"][number];

/** A number in [0, 1) from integers (no state: the same arguments, the same figure). */
function noise(...xs: number[]): number {
  let h = 2166136261;
  for (const x of xs) h = Math.imul(h ^ (x + 0x9e3779b9), 16777619) >>> 0;
  return (h % 10007) / 10007;
}

const groupsOf = (fill: (g: GroupCode, max: number, k: number) => number) => Object.fromEntries(PORTAL_GROUPS.map((g, k) => [g.code, fill(g.code, g.maxPoints, k)])) as Record<GroupCode, number>;

/** The unit's total at month index m (0 = the first month): a level, a drift, some noise; every 9th unit falls at the end. */
function unitTotal(u: number, m: number, months: number): number {
  const level = 55 + 35 * noise(u, 1);
  const drift = (noise(u, 2) - 0.5) * 1.2;
  let t = level + drift * m + (noise(u, m, 3) - 0.5) * 2.5;
  if (u % 9 === 4 && m >= months - 4) t = level + drift * (months - 5) - 1.7 * (m - (months - 5));
  return round2(Math.max(30, Math.min(99, t)));
}

export function haNoiHistory(to = "2026-08", months = 12): ProvinceHistory {
  const end = parsePeriod(to) as Period;
  const periods: Period[] = [end];
  while (periods.length < months) periods.unshift(previousPeriod(periods[0] as Period));
  const ranked = (p: Period): Unit[] => {
    const date = periodEnd(p);
    const level = HA_NOI.reformDate && date >= HA_NOI.reformDate ? "commune" : "district";
    return HA_NOI.units.filter((u) => u.level === level && (!u.validFrom || u.validFrom <= date) && (!u.validTo || u.validTo >= date));
  };
  const all = [...new Map(periods.flatMap((p) => ranked(p)).map((u) => [u.id, u])).values()];
  const index = new Map(all.map((u, i) => [u.id, i]));
  const points = new Map<string, Point[]>();
  periods.forEach((p, m) => {
    const units = ranked(p);
    const totals = units.map((u) => unitTotal(index.get(u.id) ?? 0, m, months));
    for (const r of competitionRank(units, (_u, i) => totals[i] ?? null, (u) => u.name)) {
      const list = points.get(r.item.id) ?? [];
      const total = r.value as number;
      list.push({ period: periodKey(p), total, groups: groupsOf((_g, max) => round2((max * total) / 100)), rank: r.rank, rankOf: units.length, delta: null });
      points.set(r.item.id, list);
    }
  });
  return {
    province: "HN",
    from: periodKey(periods[0] as Period),
    to: periodKey(end),
    periods: periods.map((p, m) => {
      const groups = groupsOf((_g, max, k) => round2(max * (0.62 + 0.012 * m + 0.08 * (noise(k, 7) - 0.5) + 0.03 * (noise(k, m, 8) - 0.5))));
      return { period: periodKey(p), revision: 1, capturedAt: `${periodEnd(p)}T09:00:00+07:00`, total: sum2(GROUP_CODES.map((g) => groups[g])), groups, nationalRank: null, units: ranked(p).length };
    }),
    units: all.map((u) => ({ unitId: u.id, name: u.name, level: u.level, role: "self" as const, points: points.get(u.id) ?? [] })),
  };
}
