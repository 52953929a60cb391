/**
 * Deterministic synthetic provinces for the benchmark: `n` commune-level units with Vietnamese-like
 * unique names, every 2026 indicator as numerator/denominator, group points as the portal would
 * publish them, overdue dossiers and petitions, and last month's totals.
 */
import { METHODOLOGIES, indicatorPoints, sum2, type Catalog, type ReportInput, type Unit, type UnitScoreInput } from "../shared";

const SYLLABLES = ["An", "Bình", "Cẩm", "Đông", "Gia", "Hòa", "Hưng", "Kim", "Lạc", "Long", "Minh", "Nam", "Ngọc", "Phú", "Quang", "Sơn", "Tân", "Thanh", "Thuận", "Trung", "Vĩnh", "Xuân", "Yên", "Đức", "Hải", "Lâm", "Mỹ", "Phong", "Tiến", "Văn"];

/** Small fast PRNG (mulberry32), so every run builds the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function nameOf(i: number): string {
  const s = SYLLABLES.length;
  const a = SYLLABLES[i % s] ?? "";
  const b = SYLLABLES[Math.floor(i / s) % s] ?? "";
  const c = SYLLABLES[Math.floor(i / (s * s)) % s] ?? "";
  return i < s * s ? `${a} ${b}` : `${a} ${b} ${c}`;
}

export function syntheticCatalog(n: number): Catalog {
  const units: Unit[] = Array.from({ length: n }, (_, i) => {
    const ward = i % 3 === 0;
    const shortName = nameOf(i);
    return { id: `SYN.${i}`, name: `UBND ${ward ? "phường" : "xã"} ${shortName}`, shortName, kind: ward ? "phuong" : "xa", level: "commune", code: String(10000 + i) };
  });
  return { id: "SYN", provinceName: "Tỉnh Thử nghiệm", provinceWord: "tỉnh", units };
}

/**
 * "letter": what a monthly letter carries — each unit's total and six group points with the stated
 * delta, overdue dossiers, overdue petitions (with their two parts), last month's totals.
 * "portal": the same plus all 24 indicators of the 2026 API per unit, each recomputed and checked.
 */
export type Workload = "letter" | "portal";

export function syntheticInput(catalog: Catalog, seed = 766, workload: Workload = "portal"): ReportInput {
  const random = rng(seed);
  const m = METHODOLOGIES.find((x) => x.id === "portal-2026");
  if (!m) throw new Error("portal-2026 missing");
  const scored = m.indicators.filter((i) => i.rule.type !== "display");
  const unitScores: UnitScoreInput[] = [];
  const previous: UnitScoreInput[] = [];
  for (const u of catalog.units) {
    // As the 2026 portal mapping and the API's parsed requests give them: all four fields, null when absent.
    const indicators: Record<string, { numerator: number; denominator: number; rate: null; points: number | null }> = {};
    const groupPoints: Record<string, number[]> = {};
    for (const def of scored) {
      const denominator = 50 + Math.floor(random() * 5000);
      const numerator = Math.floor(denominator * (0.3 + 0.7 * random()));
      const points = indicatorPoints(def, { numerator, denominator, rate: null, points: null }).points;
      indicators[def.code] = { numerator, denominator, rate: null, points };
      (groupPoints[def.group] ??= []).push(points ?? 0);
    }
    const groups = Object.fromEntries(Object.entries(groupPoints).map(([g, ps]) => [g, sum2(ps)]));
    const total = sum2(Object.values(groups));
    const delta = Math.round((random() * 10 - 5) * 100) / 100;
    const stated = delta === 0 ? "Bằng điểm" : `${delta > 0 ? "Tăng" : "Giảm"} ${Math.abs(delta)}`;
    unitScores.push(workload === "portal" ? { unit: u.name, total, groups, indicators } : { unit: u.name, total, groups, statedDelta: stated });
    previous.push({ unit: u.name, total: Math.round((total - delta) * 100) / 100 });
  }
  // Communes have no district / commune split (only former districts had one).
  const overdueDossiers = catalog.units.map((u) => ({ unit: u.name, total: Math.floor(random() * 400) }));
  const overduePetitions = catalog.units.map((u) => {
    const notReceived = Math.floor(random() * 3);
    const late = Math.floor(random() * 20);
    return { unit: u.name, total: notReceived + late, notReceived, late };
  });
  return {
    province: catalog.id,
    period: "2026-08",
    dataTimestamp: "2026-09-05T09:00:00+07:00",
    unitScores,
    overdueDossiers,
    overduePetitions,
    previous: { period: "2026-07", unitScores: previous },
  };
}
