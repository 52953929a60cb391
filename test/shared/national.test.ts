/**
 * The national ranking (shared/national/ranking.ts): golden cases on hand-made 34-province figures
 * (each total the sum of its six groups), the 63-province months before 1/7/2025, the reform, the
 * issues of a bad list; then invariants over random lists (fast-check).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HA_NOI, ISSUE_CODES, NATIONAL_GROUPS, buildReport, nationalDenominator, nationalHeadline, parsePeriod, rankNational, sum2, type GroupCode, type NationalProvinceInput, type NationalProvinceRef, type Period } from "../../shared";

/** Portal code, name, and the six groups in hundredths (CKMB, TDGQ, CLGQ, TTTT, MDHL, MDSH). */
const PROVINCES: readonly [string, string, readonly number[]][] = [
  ["H01", "An Giang", [1005, 1256, 837, 684, 1060, 1177]], // 60.19
  ["H05", "Bắc Ninh", [1036, 1853, 579, 750, 1460, 2061]], // 77.39
  ["H12", "Cà Mau", [1652, 1757, 1106, 761, 1012, 1834]], // 81.22
  ["H13", "Cần Thơ", [1686, 869, 689, 832, 785, 1791]], // 66.52, tied with Thái Nguyên
  ["H14", "Cao Bằng", [1154, 873, 744, 508, 1047, 1486]], // 58.12
  ["H15", "Đắk Lắk", [1000, 1569, 965, 459, 1064, 1890]], // 69.47
  ["H17", "Đà Nẵng", [1118, 1094, 1004, 701, 1594, 1465]], // 69.76
  ["H18", "Điện Biên", [811, 1255, 746, 930, 1383, 959]], // 60.84
  ["H19", "Đồng Nai", [729, 993, 767, 916, 1530, 1840]], // 67.75
  ["H20", "Đồng Tháp", [858, 1419, 816, 887, 1609, 1294]], // 68.83
  ["H21", "Gia Lai", [975, 1071, 788, 479, 1081, 1144]], // 55.38
  ["H24", "Hải Phòng", [1257, 1238, 489, 728, 799, 1878]], // 63.89
  ["H26", "Hà Nội", [1703, 1543, 1046, 813, 952, 1415]], // 74.72
  ["H27", "Hà Tĩnh", [1358, 837, 607, 869, 987, 1554]], // 62.12
  ["H29", "TP. Hồ Chí Minh", [1610, 1650, 1029, 782, 845, 1157]], // 70.73
  ["H31", "Hưng Yên", [799, 941, 931, 940, 1420, 1159]], // 61.9
  ["H32", "Khánh Hòa", [1608, 1690, 834, 705, 1153, 1706]], // 76.96
  ["H35", "Lai Châu", [919, 1125, 1083, 560, 996, 1682]], // 63.65
  ["H36", "Lâm Đồng", [1148, 862, 641, 626, 774, 1115]], // 51.66
  ["H37", "Lạng Sơn", [1015, 993, 968, 464, 1085, 1484]], // 60.09
  ["H38", "Lào Cai", [1283, 1773, 565, 828, 1208, 948]], // 66.05
  ["H41", "Nghệ An", [1442, 898, 951, 402, 1103, 2025]], // 68.21
  ["H42", "Ninh Bình", [1668, 1820, 673, 789, 1099, 1212]], // 72.61
  ["H44", "Phú Thọ", [1320, 909, 540, 482, 991, 1476]], // 57.18
  ["H48", "Quảng Ngãi", [1418, 834, 799, 669, 938, 1866]], // 65.24
  ["H49", "Quảng Ninh", [1188, 895, 705, 902, 1031, 1942]], // 66.63
  ["H50", "Quảng Trị", [1664, 1737, 1103, 423, 1689, 1792]], // 84.08
  ["H52", "Sơn La", [1278, 1539, 1074, 463, 1494, 965]], // 68.13
  ["H53", "Tây Ninh", [1139, 896, 1046, 885, 1688, 1444]], // 70.98
  ["H55", "Thái Nguyên", [1693, 984, 990, 441, 1413, 1131]], // 66.52, tied with Cần Thơ
  ["H56", "Thanh Hóa", [1621, 1188, 608, 484, 1569, 1701]], // 71.71
  ["H57", "Huế", [1621, 945, 569, 650, 1030, 1138]], // 59.53
  ["H60", "Tuyên Quang", [1633, 1430, 988, 422, 1443, 1285]], // 72.01
  ["H61", "Vĩnh Long", [1004, 908, 692, 572, 1280, 1191]], // 56.47
];

function province([code, name, hundredths]: (typeof PROVINCES)[number]): NationalProvinceInput {
  const groups: Partial<Record<GroupCode, number>> = {};
  NATIONAL_GROUPS.forEach((g, i) => (groups[g] = (hundredths[i] as number) / 100));
  return { code, name, total: sum2(Object.values(groups)), groups };
}
const AUGUST = PROVINCES.map(province);
const DIRECTORY: NationalProvinceRef[] = PROVINCES.map(([code, name]) => ({ code, name }));
const expected = () => DIRECTORY;

/** July 2026: the same figures, but Hà Nội 71.80 (7th), Quảng Trị 83.50, and no Lai Châu. */
const JULY = AUGUST.filter((p) => p.code !== "H35").map((p) => (p.code === "H26" ? { ...p, total: 71.8, groups: {} } : p.code === "H50" ? { ...p, total: 83.5, groups: {} } : p));

describe("national ranking of the 34 provinces (August 2026 against July)", () => {
  const { value, issues } = rankNational({ period: "2026-08", provinces: AUGUST }, { period: "2026-07", provinces: JULY });
  const ranking = value!;
  const byCode = new Map(ranking.entries.map((e) => [e.code, e]));

  it("ranks by total, 1224 on ties, in ranked order (ties by Vietnamese collation)", () => {
    expect(ranking.denominator).toBe(34);
    expect(ranking.entries.map((e) => `${e.rank} ${e.name} ${e.total}`)).toEqual([
      "1 Quảng Trị 84.08",
      "2 Cà Mau 81.22",
      "3 Bắc Ninh 77.39",
      "4 Khánh Hòa 76.96",
      "5 Hà Nội 74.72",
      "6 Ninh Bình 72.61",
      "7 Tuyên Quang 72.01",
      "8 Thanh Hóa 71.71",
      "9 Tây Ninh 70.98",
      "10 TP. Hồ Chí Minh 70.73",
      "11 Đà Nẵng 69.76",
      "12 Đắk Lắk 69.47",
      "13 Đồng Tháp 68.83",
      "14 Nghệ An 68.21",
      "15 Sơn La 68.13",
      "16 Đồng Nai 67.75",
      "17 Quảng Ninh 66.63",
      "18 Cần Thơ 66.52",
      "18 Thái Nguyên 66.52",
      "20 Lào Cai 66.05",
      "21 Quảng Ngãi 65.24",
      "22 Hải Phòng 63.89",
      "23 Lai Châu 63.65",
      "24 Hà Tĩnh 62.12",
      "25 Hưng Yên 61.9",
      "26 Điện Biên 60.84",
      "27 An Giang 60.19",
      "28 Lạng Sơn 60.09",
      "29 Huế 59.53",
      "30 Cao Bằng 58.12",
      "31 Phú Thọ 57.18",
      "32 Vĩnh Long 56.47",
      "33 Gia Lai 55.38",
      "34 Lâm Đồng 51.66",
    ]);
    expect(ranking.entries.every((e) => !e.stated)).toBe(true);
  });

  it("ranks each group, ties shared (CKMB: Thanh Hóa and Huế both 16.21, 8th)", () => {
    const ckmb = (code: string) => byCode.get(code)?.groups.CKMB;
    expect(ckmb("H26")).toEqual({ score: 17.03, rank: 1 });
    expect(ckmb("H55")).toEqual({ score: 16.93, rank: 2 });
    expect(ckmb("H13")).toEqual({ score: 16.86, rank: 3 });
    expect(ckmb("H56")).toEqual({ score: 16.21, rank: 8 });
    expect(ckmb("H57")).toEqual({ score: 16.21, rank: 8 });
    expect(ckmb("H29")).toEqual({ score: 16.1, rank: 10 });
    // MDSH: Bắc Ninh 20.61 first, Nghệ An 20.25 second; TTTT: Hưng Yên 9.40 first.
    expect(byCode.get("H05")?.groups.MDSH).toEqual({ score: 20.61, rank: 1 });
    expect(byCode.get("H41")?.groups.MDSH).toEqual({ score: 20.25, rank: 2 });
    expect(byCode.get("H31")?.groups.TTTT).toEqual({ score: 9.4, rank: 1 });
    for (const g of NATIONAL_GROUPS) expect(ranking.entries.filter((e) => e.groups[g].rank === 1).length, g).toBeGreaterThanOrEqual(1);
  });

  it("words the change in places and points as the letters do", () => {
    const change = (code: string) => {
      const c = byCode.get(code)!.change;
      return [c.status, c.previousRank, c.places, c.text, c.points, c.pointsText];
    };
    expect(change("H26")).toEqual(["same", 7, 2, "tăng 2 bậc", 2.92, "Tăng 2.92"]);
    expect(change("H42")).toEqual(["same", 5, -1, "giảm 1 bậc", 0, "Bằng điểm"]);
    expect(change("H60")).toEqual(["same", 6, -1, "giảm 1 bậc", 0, "Bằng điểm"]);
    expect(change("H50")).toEqual(["same", 1, 0, "giữ nguyên", 0.58, "Tăng 0.58"]);
    expect(change("H13")).toEqual(["same", 18, 0, "giữ nguyên", 0, "Bằng điểm"]);
    expect(change("H55")).toEqual(["same", 18, 0, "giữ nguyên", 0, "Bằng điểm"]);
    // Lai Châu's absence last month moved the ones below it up a place in July.
    expect(change("H27")).toEqual(["same", 23, -1, "giảm 1 bậc", 0, "Bằng điểm"]);
    expect(change("H35")).toEqual(["absent", null, null, "không có số liệu kỳ trước", null, ""]);
  });

  it("gives the headline's rank sentence parts", () => {
    expect(nationalHeadline(ranking, "H26")).toEqual({
      rank: 5,
      rankOf: 34,
      places: 2,
      rankText: "xếp hạng 5/34 tỉnh, thành phố",
      changeText: "tăng 2 bậc so với tháng 07/2026",
      text: "xếp hạng 5/34 tỉnh, thành phố, tăng 2 bậc so với tháng 07/2026",
    });
    expect(nationalHeadline(ranking, "h50")?.text).toBe("xếp hạng 1/34 tỉnh, thành phố, giữ nguyên thứ hạng so với tháng 07/2026");
    expect(nationalHeadline(ranking, "H35")?.text).toBe("xếp hạng 23/34 tỉnh, thành phố");
    expect(nationalHeadline(ranking, "Huế")?.rank).toBe(29);
    expect(nationalHeadline(ranking, "H99")).toBeNull();
  });

  it("reports only July's missing province (33 of 34, without a directory)", () => {
    expect(issues.map((i) => [i.severity, i.code, i.location.period, i.message])).toEqual([
      ["warning", ISSUE_CODES.MISSING_UNIT, "previous", "Bảng toàn quốc tháng 07/2026 chỉ có 33/34 tỉnh, thành phố; hạng tính trên các tỉnh có số liệu."],
    ]);
    // Named when the directory is given.
    const named = rankNational({ period: "2026-08", provinces: AUGUST }, { period: "2026-07", provinces: JULY }, { expected }).issues;
    expect(named.map((i) => [i.code, i.location.unit, i.message])).toEqual([[ISSUE_CODES.MISSING_UNIT, "H35", "Bảng toàn quốc tháng 07/2026: thiếu Lai Châu (H35); hạng tính trên 33 tỉnh, thành phố có số liệu."]]);
  });
});

describe("a bad national list is reported, and the rest still ranked", () => {
  it("a 35th province and a missing one, against the directory", () => {
    const provinces = [...AUGUST.filter((p) => p.code !== "H61"), { code: "H99", name: "Tỉnh Không Có", total: 99, groups: {} }];
    const { value, issues } = rankNational({ period: "2026-08", provinces }, null, { expected });
    expect(issues.map((i) => [i.severity, i.code, i.location.column, i.message])).toEqual([
      ["error", ISSUE_CODES.UNKNOWN_UNIT, "provinces[33].code", 'Bảng toàn quốc tháng 08/2026, provinces[33] (Tỉnh Không Có): mã "H99" không thuộc 34 tỉnh, thành phố của kỳ này; không xếp hạng.'],
      ["warning", ISSUE_CODES.MISSING_UNIT, "provinces", "Bảng toàn quốc tháng 08/2026: thiếu Vĩnh Long (H61); hạng tính trên 33 tỉnh, thành phố có số liệu."],
    ]);
    expect(value?.entries.length).toBe(33);
    expect(value?.entries[0]?.name).toBe("Quảng Trị");
    expect(value?.entries.at(-1)).toMatchObject({ name: "Lâm Đồng", rank: 33 });
  });

  it("35 provinces without a directory: counted against the period's 34", () => {
    const provinces = [...AUGUST, { code: "H99", name: "Tỉnh Không Có", total: 50, groups: {} }];
    const { value, issues } = rankNational({ period: "2026-08", provinces });
    expect(issues.map((i) => [i.severity, i.code, i.message])).toEqual([["error", ISSUE_CODES.UNKNOWN_UNIT, "Bảng toàn quốc tháng 08/2026 có 35 tỉnh, thành phố, nhiều hơn 34 của kỳ này; kiểm tra các dòng thừa."]]);
    expect(value?.entries.length).toBe(35);
  });

  it("a duplicate province: the first row is used, the second reported and left out", () => {
    const provinces = [...AUGUST, { ...AUGUST[12]!, total: 99, groups: {} }];
    const { value, issues } = rankNational({ period: "2026-08", provinces });
    expect(issues.map((i) => [i.code, i.location.column, i.message])).toEqual([[ISSUE_CODES.DUPLICATE_UNIT, "provinces[34].code", "Bảng toàn quốc tháng 08/2026, provinces[34] (Hà Nội): trùng với provinces[12]; dòng đầu được dùng, dòng này bị bỏ ra."]]);
    expect(value?.entries.find((e) => e.code === "H26")).toMatchObject({ total: 74.72, rank: 5 });
  });

  it("a total that is not the sum of its groups, beyond the printed figures' tolerance", () => {
    const provinces = AUGUST.map((p) => (p.code === "H26" ? { ...p, total: 74.82 } : p.code === "H44" ? { ...p, total: 57.2, groups: { CKMB: 13.2, TDGQ: 9.1, CLGQ: 5.4, TTTT: 4.8, MDHL: 9.9, MDSH: 14.8 } } : p));
    const { issues } = rankNational({ period: "2026-08", provinces });
    // Phú Thọ's 1-decimal groups sum to 57.2 exactly; Hà Nội's 2-decimal groups miss by 0.1.
    expect(issues.map((i) => [i.severity, i.code, i.location.column, i.message])).toEqual([
      ["warning", ISSUE_CODES.GROUPS_SUM_MISMATCH, "provinces[12].total", "Bảng toàn quốc tháng 08/2026, provinces[12] (Hà Nội): tổng điểm 6 nhóm 17.03 + 15.43 + 10.46 + 8.13 + 9.52 + 14.15 = 74.72, nhưng tổng điểm ghi 74.82 (lệch 0.1)."],
    ]);
    const within = AUGUST.map((p) => (p.code === "H44" ? { ...p, total: 57.2, groups: { CKMB: 13.2, TDGQ: 9.1, CLGQ: 5.4, TTTT: 4.8, MDHL: 9.9, MDSH: 14.84 } } : p));
    expect(rankNational({ period: "2026-08", provinces: within }).issues).toEqual([]);
  });

  it("a figure that is not a number, a stated rank that the totals contradict, a bad period", () => {
    const provinces = AUGUST.map((p) => (p.code === "H44" ? { ...p, total: "57,18" as unknown as number } : p.code === "H26" ? { ...p, rank: 4 } : p));
    const { value, issues } = rankNational({ period: "2026-08", provinces });
    expect(issues.map((i) => [i.severity, i.code, i.location.column])).toEqual([
      ["error", ISSUE_CODES.UNPARSEABLE_CELL, "provinces[23].total"],
      ["warning", ISSUE_CODES.RANK_MISMATCH, "provinces[12].rank"],
    ]);
    expect(issues[1]?.message).toBe("Bảng toàn quốc tháng 08/2026, provinces[12] (Hà Nội): hạng ghi 4/34, tính lại từ tổng điểm là 5/34; dùng hạng tính lại.");
    expect(value?.entries.find((e) => e.code === "H44")).toMatchObject({ total: null, rank: null });
    expect(value?.entries.at(-1)?.code).toBe("H44");
    const older = rankNational({ period: "2026-08", provinces: AUGUST }, { period: "2026-06", provinces: JULY }).issues.find((i) => i.code === ISSUE_CODES.PREVIOUS_PERIOD_MISMATCH);
    expect(older?.message).toBe("Bảng toàn quốc kỳ trước là tháng 06/2026, không phải tháng 07/2026; thay đổi được tính so với tháng 06/2026.");
    const bad = rankNational({ period: "tháng 13", provinces: AUGUST });
    expect(bad.value).toBeNull();
    expect(bad.issues.map((i) => i.code)).toEqual([ISSUE_CODES.BAD_PERIOD]);
  });
});

describe("before 1/7/2025: 63 provinces, the stated rank kept as entered", () => {
  it("the denominator follows the period", () => {
    const d = (key: string) => nationalDenominator(parsePeriod(key) as Period);
    expect(["2024-12", "2025-06", "2025-Q2", "2024"].map(d)).toEqual([63, 63, 63, 63]);
    expect(["2025-07", "2025-Q3", "2025", "2026-08"].map(d)).toEqual([34, 34, 34, 34]);
  });

  it("seed 000 (12/2024): Hà Nội alone, 62.28 and 61/63 as the letter states them", () => {
    const { value, issues } = rankNational({ period: "2024-12", provinces: [{ code: "HN", name: "Hà Nội", total: 62.28, rank: 61 }] }, { period: "2024-11", provinces: [{ code: "HN", name: "Hà Nội", total: 60.99, rank: 62 }] });
    expect(issues).toEqual([]);
    expect(value?.denominator).toBe(63);
    expect(value?.entries[0]).toMatchObject({ code: "HN", rank: 61, stated: true, change: { status: "same", points: 1.29, pointsText: "Tăng 1.29", places: 1, text: "tăng 1 bậc" } });
    expect(value?.entries[0]?.groups.CKMB).toEqual({ score: null, rank: null });
    expect(nationalHeadline(value!, "HN")?.text).toBe("xếp hạng 61/63 tỉnh, thành phố, tăng 1 bậc so với tháng 11/2024");
  });

  it("without a stated rank and without the whole list, no rank is made up", () => {
    const { value, issues } = rankNational({ period: "2025-03", provinces: [{ code: "HN", name: "Hà Nội", total: 58.3 }, { code: "HP", name: "Hải Phòng", total: 70 }] });
    expect(issues).toEqual([]);
    expect(value?.entries.map((e) => e.rank)).toEqual([null, null]);
    expect(nationalHeadline(value!, "HN")).toBeNull();
  });

  it("a whole list of 63 is ranked from its totals; stated ranks win over it", () => {
    const provinces = Array.from({ length: 63 }, (_, i) => ({ code: `P${i + 1}`, name: `Tỉnh ${String(i + 1).padStart(2, "0")}`, total: 90 - i / 2 }));
    provinces[5] = { ...provinces[5]!, rank: 3 } as (typeof provinces)[number];
    const { value, issues } = rankNational({ period: "2025-06", provinces });
    expect(issues).toEqual([]);
    expect(value?.entries.slice(0, 5).map((e) => [e.code, e.rank, e.stated])).toEqual([
      ["P1", 1, false],
      ["P2", 2, false],
      ["P3", 3, false],
      ["P6", 3, true],
      ["P4", 4, false],
    ]);
    expect(value?.entries.at(-1)).toMatchObject({ code: "P63", rank: 63 });
  });

  it("across the reform (06/2025 → 07/2025) no change is computed: 'không so sánh'", () => {
    const { value } = rankNational({ period: "2025-07", provinces: AUGUST }, { period: "2025-06", provinces: [{ code: "H26", name: "Hà Nội", total: 60.1, rank: 60 }] });
    expect(value?.previousPeriod).toEqual({ kind: "month", year: 2025, month: 6 });
    for (const e of value?.entries ?? []) expect(e.change).toEqual({ status: "reform", previousTotal: null, previousRank: null, points: null, pointsText: "", places: null, text: "không so sánh" });
    expect(nationalHeadline(value!, "H26")?.text).toBe("xếp hạng 5/34 tỉnh, thành phố");
  });
});

describe("the report's headline takes its rank from the national ranking", () => {
  const input = { province: "HN", period: "2026-08", summary: { total: 74.72 }, previous: { period: "2026-07", summary: { total: 71.8 } } };
  const national = { current: { period: "2026-08", provinces: AUGUST }, previous: { period: "2026-07", provinces: JULY }, province: "H26" };

  it("when the report states no rank: 'xếp hạng 5/34 tỉnh, thành phố, tăng 2 bậc so với tháng 07/2026'", () => {
    const report = buildReport(input, { catalog: HA_NOI, national });
    expect(report.narrative.headline).toBe("Tổng số điểm Thành phố đạt được tháng 08/2026: 74.72/100 điểm (tăng 2.92 điểm so với tháng 07/2026), xếp hạng 5/34 tỉnh, thành phố, tăng 2 bậc so với tháng 07/2026");
    // July's national list lacks Lai Châu: that, and nothing else from the national part.
    expect(report.issues.filter((i) => i.message.startsWith("Bảng toàn quốc")).map((i) => i.code)).toEqual([ISSUE_CODES.MISSING_UNIT]);
    // Without it, the headline has no rank (as before).
    expect(buildReport(input, { catalog: HA_NOI }).narrative.headline).toBe("Tổng số điểm Thành phố đạt được tháng 08/2026: 74.72/100 điểm (tăng 2.92 điểm so với tháng 07/2026)");
  });

  it("a stated rank wins, and a different national one is reported", () => {
    const report = buildReport({ ...input, summary: { total: 74.72, rank: 6, rankOf: 34 } }, { catalog: HA_NOI, national });
    expect(report.narrative.headline).toMatch(/, xếp hạng 6\/34 tỉnh, thành phố$/);
    expect(report.issues.find((i) => i.code === ISSUE_CODES.RANK_MISMATCH)?.message).toBe("Phụ lục 1 ghi xếp hạng 6, bảng toàn quốc tháng 08/2026 cho hạng 5/34; câu tổng điểm dùng hạng Phụ lục 1 ghi.");
  });

  it("a national summary of another period, or without the province, is an issue, not a blank rank filled in", () => {
    const other = buildReport(input, { catalog: HA_NOI, national: { ...national, current: { period: "2026-07", provinces: AUGUST } } });
    expect(other.narrative.headline).not.toMatch(/xếp hạng/);
    expect(other.issues.find((i) => i.location.column === "national.period")?.message).toBe("Bảng toàn quốc là của tháng 07/2026, không phải tháng 08/2026 của báo cáo; không lấy xếp hạng toàn quốc từ bảng này.");
    const missing = buildReport(input, { catalog: HA_NOI, national: { ...national, province: "HN" } });
    expect(missing.narrative.headline).not.toMatch(/xếp hạng/);
    expect(missing.issues.find((i) => i.location.column === "national")?.message).toBe('Bảng toàn quốc tháng 08/2026 không có hạng của Thành phố Hà Nội (mã "HN"); câu tổng điểm thiếu xếp hạng.');
  });

  it("a summary with the six groups and no stated total (a portal month): the total is their sum, with its change", () => {
    const groups = (h: readonly number[]) => Object.fromEntries(NATIONAL_GROUPS.map((g, i) => [g, (h[i] ?? 0) / 100]));
    const hn = PROVINCES.find((p) => p[0] === "H26")?.[2] ?? [];
    const portal = { province: "HN", period: "2026-08", summary: { groups: groups(hn) }, previous: { period: "2026-07", summary: { groups: groups(hn.map((x, i) => (i === 0 ? x - 292 : x))) } } };
    const report = buildReport(portal, { catalog: HA_NOI, national });
    expect(report.narrative.headline).toBe("Tổng số điểm Thành phố đạt được tháng 08/2026: 74.72/100 điểm (tăng 2.92 điểm so với tháng 07/2026), xếp hạng 5/34 tỉnh, thành phố, tăng 2 bậc so với tháng 07/2026");
    // One group missing: no total is made up.
    const partial = buildReport({ ...portal, summary: { groups: { ...groups(hn), MDSH: null } } }, { catalog: HA_NOI });
    expect(partial.narrative.headline).toBeNull();
  });

  it("a national summary that could not be had (portal down): the missing rank is an issue saying why, not a blank", () => {
    const down = buildReport(input, { catalog: HA_NOI, national: { current: null, unavailable: "Cổng lỗi máy chủ (502).", province: "H26" } });
    expect(down.narrative.headline).not.toMatch(/xếp hạng/);
    expect(down.issues.find((i) => i.location.column === "national")?.message).toBe("Chưa có bảng tổng hợp toàn quốc tháng 08/2026 (Cổng lỗi máy chủ (502)); câu tổng điểm thiếu xếp hạng toàn quốc.");
    // A rank the report states needs no national summary: no issue then.
    const stated = buildReport({ ...input, summary: { total: 74.72, rank: 6, rankOf: 34 } }, { catalog: HA_NOI, national: { current: null, province: "H26" } });
    expect(stated.issues.some((i) => i.location.column === "national")).toBe(false);
  });
});

describe("invariants (fast-check)", () => {
  // Few distinct totals, so that ties are common.
  const total = fc.oneof(fc.integer({ min: 4000, max: 4010 }).map((h) => h / 100), fc.constant(null));
  const list = fc.uniqueArray(fc.record({ code: fc.stringMatching(/^H\d{2}$/), total }), { selector: (p) => p.code, minLength: 1, maxLength: 34 });
  const toInput = (xs: readonly { code: string; total: number | null }[]) => xs.map((x) => ({ code: x.code, name: x.code, total: x.total }));

  it("ranks are a competition ranking (1 + the number strictly better), whatever the input order", () => {
    fc.assert(
      fc.property(list, fc.func(fc.integer()), (xs, key) => {
        const ranking = rankNational({ period: "2026-08", provinces: toInput(xs) }).value!;
        for (const e of ranking.entries) {
          const better = xs.filter((x) => x.total !== null && e.total !== null && x.total > e.total).length;
          expect(e.rank).toBe(e.total === null ? null : 1 + better);
        }
        const shuffled = [...xs].sort((a, b) => key(a.code) - key(b.code) || a.code.localeCompare(b.code));
        const again = rankNational({ period: "2026-08", provinces: toInput(shuffled) }).value!;
        expect(new Map(again.entries.map((e) => [e.code, e.rank]))).toEqual(new Map(ranking.entries.map((e) => [e.code, e.rank])));
      }),
      { numRuns: 300 },
    );
  });

  it("the change in places is the previous rank minus the current one", () => {
    fc.assert(
      fc.property(list, list, (now, before) => {
        const r = rankNational({ period: "2026-08", provinces: toInput(now) }, { period: "2026-07", provinces: toInput(before) }).value!;
        const previous = rankNational({ period: "2026-07", provinces: toInput(before) }).value!;
        const prevRank = new Map(previous.entries.map((e) => [e.code, e.rank]));
        for (const e of r.entries) {
          if (!prevRank.has(e.code)) {
            expect(e.change.status).toBe("absent");
            continue;
          }
          const p = prevRank.get(e.code) ?? null;
          expect(e.change.places).toBe(p === null || e.rank === null ? null : p - e.rank);
          if (e.change.places !== null) expect(e.change.text).toBe(e.change.places === 0 ? "giữ nguyên" : `${e.change.places > 0 ? "tăng" : "giảm"} ${Math.abs(e.change.places)} bậc`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
