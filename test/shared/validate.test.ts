/** Each validation rule, with the exact issue it produces (code, severity, location). */
import { describe, expect, it } from "vitest";
import { buildReport, type Issue, type ReportInput } from "../../shared";

const base: ReportInput = { province: "HN", period: "2024-12" };
const issuesOf = (input: Partial<ReportInput>, options = {}) => buildReport({ ...base, ...input }, options).issues;
const only = (issues: readonly Issue[], code: string) => issues.filter((i) => i.code === code);

describe("reading", () => {
  it("an unreadable cell names appendix, row, unit and column", () => {
    const [found] = only(issuesOf({ overdueDossiers: [{ unit: "Sở Tư pháp", total: "mười hai" }] }), "UNPARSEABLE_CELL");
    expect(found).toMatchObject({ severity: "error", location: { dataset: "overdueDossiers", row: 1, column: "total", unit: "HN.S.TU_PHAP" } });
    expect(found?.message).toBe('Phụ lục 3, dòng 1 (Sở Tư pháp), cột "Tổng số": Không đọc được số từ "mười hai".');
  });

  it("an unknown province or a bad period is an issue, and nothing throws", () => {
    expect(only(issuesOf({ province: "XX" }), "UNKNOWN_PROVINCE")).toHaveLength(1);
    const bad = buildReport({ ...base, period: "13/2024" });
    expect(bad.issues.map((i) => i.code)).toEqual(["BAD_PERIOD"]);
    expect(bad.appendices).toEqual([]);
  });

  it("unknown and ambiguous names are errors with candidates; a fuzzy one is a warning", () => {
    const issues = issuesOf({ unitScores: [{ unit: "UBND quận Hải Châu", total: 70 }, { unit: "UBND quận Tay Hoo", total: 71 }] });
    expect(only(issues, "UNKNOWN_UNIT")[0]).toMatchObject({ severity: "error", location: { row: 1, column: "unit" } });
    expect(only(issues, "FUZZY_UNIT")[0]).toMatchObject({ severity: "warning", location: { row: 2, unit: "HN.D.TAY_HO" } });
  });
});

describe("arithmetic inside a row", () => {
  it("PAKN total = chưa tiếp nhận + chậm xử lý", () => {
    const [found] = only(issuesOf({ overduePetitions: [{ unit: "Sở Y tế", total: 12, notReceived: 2, late: 9 }] }), "PARTS_SUM_MISMATCH");
    expect(found).toMatchObject({ severity: "error", location: { dataset: "overduePetitions", row: 1 }, details: { total: 12, partsSum: 11 } });
  });

  it("a district part larger than the total, and a split on a department", () => {
    const all = issuesOf({ overdueDossiers: [{ unit: "UBND quận Ba Đình", total: 10, districtLevel: 12 }, { unit: "Sở Y tế", total: 5, districtLevel: 5 }] });
    expect(only(all, "PARTS_SUM_MISMATCH").map((i) => [i.severity, i.location.row])).toEqual([["error", 1]]);
    expect(only(all, "SPLIT_NOT_APPLICABLE").map((i) => [i.severity, i.location.row])).toEqual([["warning", 2]]);
  });

  it("rate against numerator / denominator, within the rate's rounding", () => {
    const ok = issuesOf({ summary: { indicators: { DOSSIER_SYNC: { numerator: 242300, denominator: 341913, rate: "70.87%" } } } });
    expect(only(ok, "RATE_MISMATCH")).toEqual([]);
    const [bad] = only(issuesOf({ summary: { indicators: { DOSSIER_SYNC: { numerator: 242300, denominator: 341913, rate: "71.87%" } } } }), "RATE_MISMATCH");
    expect(bad?.details).toEqual({ stated: 71.87, computed: 70.87 });
  });

  it("percent outside 0–100, numerator above denominator, points above the maximum", () => {
    const issues = issuesOf({
      unitScores: [
        {
          unit: "UBND quận Ba Đình",
          total: 101,
          groups: { CKMB: 19 },
          indicators: { PROGRESS_ON_TIME: { rate: 120 }, DOSSIER_SYNC: { numerator: 5, denominator: 4 }, PAY_DOSSIERS: { points: 7 } },
        },
      ],
    });
    expect(only(issues, "PERCENT_OUT_OF_RANGE")).toHaveLength(1);
    expect(only(issues, "NUMERATOR_EXCEEDS_DENOMINATOR")).toHaveLength(1);
    expect(only(issues, "POINTS_OUT_OF_RANGE").map((i) => i.location.column).sort()).toEqual(["groups.CKMB", "indicators.PAY_DOSSIERS.points", "total"]);
  });

  it("a numerator above a zero denominator is flagged (no full points for nothing)", () => {
    const issues = issuesOf({ unitScores: [{ unit: "UBND quận Ba Đình", total: 70, indicators: { PETITION_PROCESSING_ON_TIME: { numerator: 3, denominator: 0 } } }] });
    expect(only(issues, "NUMERATOR_EXCEEDS_DENOMINATOR")).toHaveLength(1);
  });

  it("a Phụ lục 3 row with only its two levels counts their sum towards the city total", () => {
    const issues = issuesOf({
      summary: { indicators: { OVERDUE_IN_PROGRESS: { numerator: 10 } } },
      overdueDossiers: [{ unit: "UBND quận Ba Đình", districtLevel: 4, communeLevel: 6 }],
    });
    expect(only(issues, "OVERDUE_TOTAL_MISMATCH")).toEqual([]);
  });

  it("points on a display-only indicator (worth 0) are out of range", () => {
    const issues = issuesOf({ unitScores: [{ unit: "UBND quận Ba Đình", total: 70, indicators: { ONLINE_ON_TIME: { rate: 90, points: 1 } } }] });
    expect(only(issues, "POINTS_OUT_OF_RANGE").map((i) => i.location.column)).toEqual(["indicators.ONLINE_ON_TIME.points"]);
  });

  it("group points against the total, with the tolerance of the printed decimals", () => {
    const groups = { CKMB: "10.4", TDGQ: "17.8", CLGQ: "6.8", TTTT: "6.0", MDHL: "17.5", MDSH: "10.3" };
    expect(only(issuesOf({ summary: { total: "68.8", groups } }), "GROUPS_SUM_MISMATCH")).toEqual([]);
    expect(only(issuesOf({ summary: { total: "68.9", groups } }), "GROUPS_SUM_MISMATCH")).toEqual([]);
    expect(only(issuesOf({ summary: { total: "69.2", groups } }), "GROUPS_SUM_MISMATCH")).toHaveLength(1);
  });
});

describe("across rows and periods", () => {
  it("duplicate units: the second row is the error and names the first", () => {
    const [found] = only(issuesOf({ overdueDossiers: [{ unit: "Sở Tư pháp", total: 3 }, { unit: "So Tu phap", total: 4 }] }), "DUPLICATE_UNIT");
    expect(found).toMatchObject({ location: { row: 2 }, details: { firstRow: 1 } });
  });

  it("catalog units missing from the ranking", () => {
    const [found] = only(issuesOf({ unitScores: [{ unit: "UBND quận Ba Đình", total: 70 }] }), "MISSING_UNIT");
    expect((found?.details?.["missing"] as string[]).length).toBe(29);
  });

  it("a stated delta that the two periods do not support", () => {
    const issues = issuesOf({
      unitScores: [{ unit: "UBND quận Ba Đình", total: 70, statedDelta: "Tăng 1.5" }],
      previous: { period: "2024-11", unitScores: [{ unit: "UBND quận Ba Đình", total: 69 }] },
    });
    expect(only(issues, "DELTA_MISMATCH")[0]).toMatchObject({ severity: "error", details: { stated: 1.5, computed: 1 } });
  });

  it("a previous period that is not the one before is said", () => {
    const issues = issuesOf({ previous: { period: "2024-10", unitScores: [] } });
    expect(only(issues, "PREVIOUS_PERIOD_MISMATCH")).toHaveLength(1);
  });

  it("the portal's own data-quality flags are carried as warnings", () => {
    const issues = issuesOf({ unitScores: [{ unit: "UBND quận Ba Đình", total: 70, dataQuality: [{ code: "TEMP_NATIONAL_REPORT_DENOMINATOR", message: "Mẫu số tạm", indicator: "DOSSIER_SYNC" }] }] });
    expect(only(issues, "PORTAL_DATA_QUALITY")[0]).toMatchObject({ severity: "warning", location: { column: "indicators.DOSSIER_SYNC" } });
  });

  it("issues come errors first, then warnings, then notes", () => {
    const severities = buildReport({ ...base, unitScores: [{ unit: "X", total: "?" }, { unit: "UBND quận Ba Đình", total: 50 }] }).issues.map((i) => i.severity);
    expect(severities).toEqual([...severities].sort((a, b) => ["error", "warning", "info"].indexOf(a) - ["error", "warning", "info"].indexOf(b)));
  });
});
