/**
 * Golden tests: seed 000 (Hà Nội, 12/2024) reproduced from its raw figures, November derived from the
 * stated deltas. Every expected value below is the letter's own text.
 */
import { describe, expect, it } from "vitest";
import { HA_NOI, bodyText, buildReport, createResolver, parseNumber, type Report } from "../../shared";
import { DECEMBER_ROWS, seedReportInput } from "../../samples/seed-000-input";

const report: Report = buildReport(seedReportInput(), { tieOrderByAppendix: { PL4: "input" } });
const table = (id: string) => {
  const t = report.appendices.find((a) => a.id === id);
  if (!t) throw new Error(`no ${id}`);
  return t;
};
const resolver = createResolver(HA_NOI, "2024-12-31");
const idOf = (name: string) => resolver.resolve(name).unit?.id;
const count = (text: string) => {
  const r = parseNumber(text, "count");
  return r.ok ? r.value : NaN;
};

describe("seed 000 — Phụ lục 2 (ranking of quận, huyện, thị xã)", () => {
  it("reproduces order, names, scores and delta texts exactly", () => {
    expect(bodyText(table("PL2"))).toEqual(DECEMBER_ROWS.pl2.map((r) => r.slice(0, 4)));
  });

  it("ranks all 30 districts with competition ranks 1..30 and no stated delta disagreeing", () => {
    expect(report.ranking.level).toBe("district");
    expect(report.ranking.entries.map((e) => e.rank)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(report.issues.filter((i) => i.location.dataset === "unitScores")).toEqual([]);
  });

  it("titles the table as the seed does", () => {
    const t = table("PL2");
    expect(t.titleLines.slice(0, 3).map((l) => l.text)).toEqual(["Phụ lục 2", "ĐIỂM TỔNG HỢP XẾP HẠNG UBND CÁC QUẬN, HUYỆN, THỊ XÃ", "THÁNG 12/2024"]);
    expect(t.header.map((h) => h.text)).toEqual(["STT", "Tên đơn vị", "Số điểm", "Tăng/giảm so với tháng 11"]);
  });
});

describe("seed 000 — Phụ lục 3 (overdue dossiers)", () => {
  const rows = table("PL3").rows;

  it("keeps the seed's order and totals, unit by unit", () => {
    expect(rows.map((r) => r.unitId)).toEqual(DECEMBER_ROWS.pl3.map((r) => idOf(r[1] ?? "")));
    expect(rows.map((r) => r.cells[2]?.value)).toEqual(DECEMBER_ROWS.pl3.map((r) => count(r[2] ?? "")));
    expect(rows.map((r) => r.cells[0]?.text)).toEqual(DECEMBER_ROWS.pl3.map((r) => r[0]));
  });

  it("keeps the cấp huyện / cấp xã split where the seed has it", () => {
    const split = rows.filter((r) => r.cells[3]?.value !== null).map((r) => [r.cells[1]?.text, r.cells[3]?.value, r.cells[4]?.value]);
    expect(split).toContainEqual(["UBND quận Ba Đình", 179, 191]);
    expect(split).toContainEqual(["UBND quận Tây Hồ", 115, 131]);
    expect(split).toHaveLength(13);
  });

  it("prints official names and dot thousands, not the letter's variants", () => {
    expect(rows[21]?.cells.map((c) => c.text)).toEqual(["22", "UBND quận Tây Hồ", "146", "115", "131"]);
    expect(rows[0]?.cells[2]?.text).toBe("11.212");
    expect(rows[1]?.cells[2]?.text).toBe("4.573");
    expect(rows[32]?.cells[1]?.text).toBe("Sở Lao động - Thương binh và Xã hội");
  });

  it("orders ties by Vietnamese collation (66: Sở Văn hóa… before UBND thị xã Sơn Tây; 3: Ban… Sở Công Thương, Sở Khoa học…)", () => {
    expect(rows.slice(30, 32).map((r) => r.cells[1]?.text)).toEqual(["Sở Văn hóa và Thể thao", "UBND thị xã Sơn Tây"]);
    expect(rows.slice(42, 45).map((r) => r.cells[1]?.text)).toEqual(["Ban Quản lý các khu công nghiệp và chế xuất", "Sở Công Thương", "Sở Khoa học và Công nghệ"]);
  });
});

describe("seed 000 — Phụ lục 4 (overdue petitions)", () => {
  it("reproduces the seed exactly when ties keep the source order", () => {
    expect(bodyText(table("PL4")).map((r) => r.slice(0, 5))).toEqual(DECEMBER_ROWS.pl4.map((r) => r.slice(0, 5)));
  });

  it("with the default collation, only the order inside tie groups changes", () => {
    const collated = buildReport(seedReportInput());
    const pl4 = collated.appendices.find((a) => a.id === "PL4");
    expect(pl4?.rows.map((r) => [r.cells[1]?.text, r.cells[2]?.value])).toEqual([
      ["Sở Tài nguyên và Môi trường", 45],
      ["Sở Giáo dục và Đào tạo", 34],
      ["UBND huyện Sóc Sơn", 21],
      ["Sở Y tế", 12],
      ["Sở Tư pháp", 8],
      ["Sở Văn hóa và Thể thao", 6],
      ["Sở Du lịch", 5],
      ["UBND quận Cầu Giấy", 4],
      ["UBND huyện Đông Anh", 3],
      ["UBND huyện Quốc Oai", 3],
      ["UBND huyện Ba Vì", 1],
      ["UBND huyện Mê Linh", 1],
      ["UBND huyện Phúc Thọ", 1],
      ["UBND quận Đống Đa", 1],
    ]);
  });

  it("has the seed's four-row header with merged cells", () => {
    const h = table("PL4").header;
    expect(h.find((c) => c.text === "Số PAKN quá hạn")).toMatchObject({ row: 0, col: 2, colSpan: 3 });
    expect(h.find((c) => c.text === "Tổng số")).toMatchObject({ row: 1, col: 2, rowSpan: 2 });
    expect(h.find((c) => c.text === "1=(2+3)")).toMatchObject({ row: 3, col: 2 });
  });
});

describe("seed 000 — Phụ lục 1 (the city's result)", () => {
  const rows = bodyText(table("PL1"));

  it("prints every row's STT, label and value as the seed does", () => {
    expect(rows.map((r) => r.slice(0, 3))).toEqual(DECEMBER_ROWS.pl1.map((r) => r.slice(0, 3)));
  });

  it("prints the seed's delta words, except the total's, which it computes correctly", () => {
    const expected = DECEMBER_ROWS.pl1.map((r) => r[3] ?? "");
    expected[0] = "Tăng 1.29 điểm"; // the seed says "Tăng 3.21 điểm", contradicting its own letter
    expect(rows.map((r) => r[3])).toEqual(expected);
  });
});

describe("seed 000 — the three inconsistencies domain.md lists", () => {
  const codes = report.issues.map((i) => i.code);

  it("Phụ lục 3 row 22: UBND Tây Hồ 146 ≠ 115 + 131", () => {
    const found = report.issues.find((i) => i.code === "PARTS_SUM_MISMATCH" && i.location.dataset === "overdueDossiers");
    expect(found).toMatchObject({ severity: "error", location: { row: 22, column: "total", unit: "HN.D.TAY_HO" }, details: { total: 146, partsSum: 246 } });
    expect(found?.message).toBe("Phụ lục 3, dòng 22 (UBND quận Tây Hồ): Tổng 146 ≠ Cấp huyện 115 + Cấp xã 131 = 246.");
  });

  it("Phụ lục 1: group points sum to 68.8 while the total is 62.28", () => {
    const found = report.issues.find((i) => i.code === "GROUPS_SUM_MISMATCH" && i.location.period === "current");
    expect(found).toMatchObject({ severity: "error", location: { dataset: "summary" }, details: { groupsSum: 68.8, total: 62.28 } });
  });

  it("the letter's 'tăng 1.29' against Phụ lục 1's 'Tăng 3.21'", () => {
    const found = report.issues.find((i) => i.code === "LETTER_MISMATCH");
    expect(found).toMatchObject({ severity: "error", details: { letter: 1.29, appendix: 3.21 } });
    expect(found?.message).toBe('Văn bản ghi "tăng 1.29 điểm" so với tháng 11/2024, Phụ lục 1 ghi "Tăng 3.21 điểm".');
    expect(codes).toContain("DELTA_MISMATCH");
  });

  it("reports nothing else (the other seed figures are consistent within their printed precision)", () => {
    expect(report.issues.map((i) => `${i.severity}:${i.code}:${i.location.dataset}:${i.location.period}:${i.location.column ?? ""}`)).toEqual([
      "error:LETTER_MISMATCH:letter:current:delta",
      "error:GROUPS_SUM_MISMATCH:summary:current:total",
      "error:DELTA_MISMATCH:summary:current:statedDeltas.total",
      // November is derived from the letter's own deltas, so its groups inherit the same contradiction.
      "error:GROUPS_SUM_MISMATCH:summary:previous:total",
      "error:PARTS_SUM_MISMATCH:overdueDossiers:current:total",
      // Tiến độ: 20 × 87.5% = 17.5 against the published 17.8 (methodology §5: unresolved).
      "warning:POINTS_MISMATCH:summary:current:groups.TDGQ",
      "warning:OVERDUE_TOTAL_MISMATCH:summary:current:indicators.OVERDUE_IN_PROGRESS.numerator",
    ]);
    expect(report.issues.find((i) => i.code === "GROUPS_SUM_MISMATCH")?.message).toBe(
      "Phụ lục 1: tổng điểm các nhóm 10.4 + 17.8 + 6.8 + 6.0 + 17.5 + 10.3 = 68.8, nhưng tổng điểm ghi 62.28 (lệch 6.52). Tổng điểm là tổng cộng điểm các nhóm.",
    );
  });

  it("also notices Phụ lục 1's 26.258 overdue dossiers against Phụ lục 3's 23.032", () => {
    expect(report.issues.find((i) => i.code === "OVERDUE_TOTAL_MISMATCH")?.details).toEqual({ stated: 26258, appendixSum: 23032 });
  });
});

describe("seed 000 — the letter's sentences", () => {
  it("headline with delta and rank", () => {
    expect(report.narrative.headline).toBe("Tổng số điểm Thành phố đạt được tháng 12/2024: 62.28/100 điểm (tăng 1.29 điểm so với tháng 11/2024), xếp hạng 61/63 tỉnh, thành phố");
  });

  it("data timestamp", () => {
    expect(report.narrative.timestamp).toBe("Số liệu được tính tại thời điểm 9h00' ngày 06/01/2025. Số liệu này có thể thay đổi theo thời gian.");
  });

  it("weakest groups", () => {
    expect(report.narrative.weakestGroups).toBe(
      "Các nhóm chỉ số đạt tỷ lệ thấp: Số hóa hồ sơ (10.3/22 điểm, đạt 46,8%); Dịch vụ công trực tuyến (6.8/12 điểm, đạt 56,7%); Công khai, minh bạch (10.4/18 điểm, đạt 57,8%)",
    );
  });
});
