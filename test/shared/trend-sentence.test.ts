/** The draft letter's trend sentence (narrate/narrative.ts from compare/trends.ts): golden texts. */
import { describe, expect, it } from "vitest";
import { buildReport, HA_NOI, totalStreak, trendSentence } from "../../shared";
import { seedReportInput } from "../../samples/seed-000-input";

const OPTIONS = { tieOrderByAppendix: { PL4: "input" as const } };
const pts = (entries: [string, number | null][]) => entries.map(([period, total]) => ({ period, total }));

describe("trend sentence in the draft (seed 000: December 2024, 62.28 points; the clerk's November: 60.99)", () => {
  it("months: three rises in a row, the sentence right after the headline", () => {
    const report = buildReport(seedReportInput(), { ...OPTIONS, history: pts([["2024-08", 59], ["2024-09", 58.5], ["2024-10", 59.1], ["2024-11", 60.99]]) });
    const sentence = "Tổng số điểm Thành phố tăng 3 tháng liên tiếp (từ 58.5 điểm tháng 09/2024 lên 62.28 điểm tháng 12/2024).";
    expect(report.narrative.trend).toBe(sentence);
    expect(report.narrative.sentences[0]).toBe(report.narrative.headline);
    expect(report.narrative.sentences[1]).toBe(sentence);
  });

  it("the clerk's own previous-period total wins over the stored one; later stored periods are ignored", () => {
    const report = buildReport(seedReportInput(), { ...OPTIONS, history: pts([["2024-10", 60], ["2024-11", 70], ["2025-01", 10]]) });
    expect(report.narrative.trend).toBe("Tổng số điểm Thành phố tăng 2 tháng liên tiếp (từ 60 điểm tháng 10/2024 lên 62.28 điểm tháng 12/2024).");
  });

  it("nothing without history, with a single change, or when equal totals break the run", () => {
    const plain = buildReport(seedReportInput(), OPTIONS);
    expect(plain.narrative.trend).toBeNull();
    expect(plain.narrative.sentences).toHaveLength(4);
    expect(buildReport(seedReportInput(), { ...OPTIONS, history: pts([["2024-10", 61]]) }).narrative.trend).toBeNull();
    expect(buildReport(seedReportInput(), { ...OPTIONS, history: pts([["2024-10", 60.99]]) }).narrative.trend).toBeNull();
    expect(buildReport(seedReportInput(), { ...OPTIONS, history: pts([["2024-09", 50], ["2024-10", null]]) }).narrative.trend).toBeNull();
  });

  it("quarters: falls, worded with “xuống”", () => {
    const streak = totalStreak(pts([["2024-Q1", 70], ["2024-Q2", 72.4], ["2024-Q3", 71.05], ["2024-Q4", 68]]), "2024-Q4");
    expect(trendSentence(HA_NOI, streak)).toBe("Tổng số điểm Thành phố giảm 2 quý liên tiếp (từ 72.4 điểm quý 2/2024 xuống 68 điểm quý 4/2024).");
  });

  it("years, and a province called Tỉnh", () => {
    const streak = totalStreak(pts([["2022", 55.5], ["2023", 60.25], ["2024", 61], ["2025", 64.1]]), "2025");
    expect(trendSentence({ provinceWord: "Tỉnh" }, streak)).toBe("Tổng số điểm Tỉnh tăng 3 năm liên tiếp (từ 55.5 điểm năm 2022 lên 64.1 điểm năm 2025).");
    expect(trendSentence(HA_NOI, totalStreak(pts([["2024", 61], ["2025", 64.1]]), "2025"))).toBeNull();
  });
});
