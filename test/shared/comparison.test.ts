/** Comparisons across the 2025 reorganisation: units are new, merged or gone; no delta is invented. */
import { describe, expect, it } from "vitest";
import { buildReport, unitsOfLevel, HA_NOI } from "../../shared";

describe("July 2025 against June 2025 (districts abolished, 126 communes)", () => {
  const communes = unitsOfLevel(HA_NOI, "2025-07-31", "commune").slice(0, 3);
  const report = buildReport({
    province: "HN",
    period: "2025-07",
    unitScores: communes.map((u, i) => ({ unit: u.name, total: 80 - i })),
    previous: { period: "2025-06", unitScores: [{ unit: "UBND quận Hoàn Kiếm", total: 75 }, { unit: "UBND quận Ba Đình", total: 74 }] },
  });

  it("ranks communes, says 'Mới' for each and invents no delta", () => {
    expect(report.ranking.level).toBe("commune");
    expect(report.ranking.entries.map((e) => [e.status, e.delta, e.deltaText])).toEqual([
      ["new", null, "Mới"],
      ["new", null, "Mới"],
      ["new", null, "Mới"],
    ]);
  });

  it("lists the former districts as gone and says where each ward mainly came from", () => {
    const notes = report.appendices.find((a) => a.id === "PL2")?.notes ?? [];
    expect(notes.some((n) => n.includes("Phường Hoàn Kiếm") || n.includes("phường Hoàn Kiếm (chủ yếu từ địa bàn quận Hoàn Kiếm cũ)"))).toBe(true);
    expect(notes.some((n) => n.startsWith("Đơn vị của kỳ trước không còn") && n.includes("UBND quận Ba Đình"))).toBe(true);
    expect(report.issues.map((i) => i.code)).toEqual(expect.arrayContaining(["UNIT_NEW", "UNIT_GONE"]));
    expect(report.appendices.find((a) => a.id === "PL2")?.titleLines[1]?.text).toBe("ĐIỂM TỔNG HỢP XẾP HẠNG UBND CÁC XÃ, PHƯỜNG");
  });
});

describe("March 2025 against February 2025 (departments merged on 1/3/2025)", () => {
  const report = buildReport(
    {
      province: "HN",
      period: "2025-03",
      unitScores: [
        { unit: "Sở Xây dựng", total: 70 },
        { unit: "Sở Tư pháp", total: 80 },
      ],
      previous: {
        period: "2025-02",
        unitScores: [
          { unit: "Sở Xây dựng", total: 60 },
          { unit: "Sở Giao thông vận tải", total: 65 },
          { unit: "Sở Tư pháp", total: 78.5 },
        ],
      },
    },
    { rankLevel: "department" },
  );

  it("the merged Sở Xây dựng is 'Hợp nhất', Sở Tư pháp gets its delta", () => {
    expect(report.ranking.entries.map((e) => [e.name, e.status, e.deltaText])).toEqual([
      ["Sở Tư pháp", "same", "Tăng 1.5"],
      ["Sở Xây dựng", "merged", "Hợp nhất"],
    ]);
    const notes = report.appendices.find((a) => a.id === "PL2")?.notes ?? [];
    expect(notes).toContain("Sở Xây dựng: hợp nhất từ Sở Xây dựng, Sở Giao thông vận tải; không so sánh điểm với kỳ trước.");
  });
});

describe("no previous period", () => {
  it("leaves the delta column blank rather than calling every unit new", () => {
    const report = buildReport({ province: "HN", period: "2024-12", unitScores: [{ unit: "UBND quận Ba Đình", total: 70 }] });
    expect(report.ranking.entries[0]).toMatchObject({ status: "no-previous", deltaText: "" });
  });

  it("a unit absent last month is 'Mới'", () => {
    const report = buildReport({
      province: "HN",
      period: "2024-12",
      unitScores: [{ unit: "UBND quận Ba Đình", total: 70 }, { unit: "UBND quận Hoàn Kiếm", total: 70 }],
      previous: { period: "2024-11", unitScores: [{ unit: "UBND quận Ba Đình", total: 70 }] },
    });
    expect(report.ranking.entries.map((e) => [e.rank, e.name, e.deltaText])).toEqual([
      [1, "UBND quận Ba Đình", "Bằng điểm"],
      [1, "UBND quận Hoàn Kiếm", "Mới"],
    ]);
  });
});
