/**
 * A synthetic national summary of the 34 provinces (the directory's short codes and names), August
 * 2026 against July: made-up figures, deterministic, each total the sum of its six groups. For the
 * "Toàn quốc" sheet's tests and render, and as the body the Worker's GET /v1/national/periods/{period}
 * would answer (same engine, same entries).
 */
import { NATIONAL_GROUPS, PROVINCES, PORTAL_GROUPS, rankNational, sum2, type GroupCode, type NationalSummaryInput } from "../shared";

/** The group's score for province i, period salt s: between 35% and 100% of its maximum, in hundredths. */
function score(i: number, g: number, s: number): number {
  const max = PORTAL_GROUPS[g]?.maxPoints ?? 10;
  const x = ((i * 7919 + g * 104729 + s * 1299709) % 1000) / 1000;
  return Math.round(max * (0.35 + 0.65 * x) * 100) / 100;
}

function summary(period: string, salt: number): NationalSummaryInput {
  return {
    period,
    provinces: PROVINCES.map((p, i) => {
      const groups: Partial<Record<GroupCode, number>> = {};
      NATIONAL_GROUPS.forEach((g, k) => (groups[g] = score(i, k, salt)));
      return { code: p.code, name: p.name, total: sum2(Object.values(groups)), groups };
    }),
  };
}

export const NATIONAL_AUGUST_2026 = summary("2026-08", 2);
export const NATIONAL_JULY_2026 = summary("2026-07", 1);

const expected = () => PROVINCES.map((p) => ({ code: p.code, name: p.name }));

/** The body of GET /v1/national/periods/2026-08 for these two months (worker/routes/national.ts). */
export function nationalBodySample() {
  const ranked = rankNational(NATIONAL_AUGUST_2026, NATIONAL_JULY_2026, { expected });
  return {
    period: "2026-08",
    revision: 1,
    etag: '"n1"',
    fetchedAt: "2026-09-02T08:00:00.000Z",
    countryTotal: null,
    previous: { period: "2026-07", revision: 1 },
    denominator: ranked.value?.denominator ?? null,
    entries: ranked.value?.entries ?? [],
    issues: ranked.issues,
  };
}
