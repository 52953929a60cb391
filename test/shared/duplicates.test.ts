/**
 * Issue 8, item 3: a unit written twice keeps its first row everywhere (ranked, printed, compared, in
 * the go-to-cell row); the later row is reported and left out. No unit rows at all is an issue.
 */
import { describe, expect, it } from "vitest";
import { buildReport, type ReportInput } from "../../shared";

const base: ReportInput = { province: "HN", period: "2025-08" };
const options = { rankLevel: "commune" as const };
/** The catalog's name, as the appendices print it. */
const NAME = "UBND phường Yên Sở";

describe("duplicate units: the first row wins everywhere", () => {
  const report = buildReport(
    {
      ...base,
      unitScores: [
        { unit: "Phường Yên Sở", total: 90 },
        { unit: "Phường Hoàng Mai", total: 50 },
        { unit: "Yên Sở", total: 12.34 },
      ],
      overdueDossiers: [
        { unit: "Phường Yên Sở", total: 7 },
        { unit: "phường yên sở", total: 99 },
      ],
      overduePetitions: [
        { unit: "Phường Yên Sở", total: 2, notReceived: 1, late: 1 },
        { unit: "Phường Yên Sở", total: 40, notReceived: 20, late: 20 },
      ],
      previous: { period: "2025-07", unitScores: [{ unit: "Phường Yên Sở", total: 80 }, { unit: "Phường Yên Sở", total: 10 }] },
    },
    options,
  );
  const dupes = report.issues.filter((i) => i.code === "DUPLICATE_UNIT");
  const rowsOf = (id: string) => report.appendices.find((a) => a.id === id)?.rows ?? [];
  const yenSo = (id: string) => rowsOf(id).filter((r) => r.cells.some((c) => c.text === NAME));

  it("reports each later row as an error naming the first, in every dataset and in the previous period", () => {
    expect(dupes.map((i) => [i.severity, i.location.dataset, i.location.period, i.location.row, i.details?.["firstRow"]])).toEqual([
      ["error", "unitScores", "current", 3, 1],
      ["error", "unitScores", "previous", 2, 1],
      ["error", "overdueDossiers", "current", 2, 1],
      ["error", "overduePetitions", "current", 2, 1],
    ]);
    expect(dupes[0]?.message).toContain("dùng số liệu dòng 1, bỏ qua dòng này");
  });

  it("ranks and prints the first row's score with the first row's place in the input", () => {
    const entry = report.ranking.entries.find((e) => e.name === NAME);
    expect(entry).toMatchObject({ total: 90, rank: 1, previousTotal: 80, delta: 10, sourceRow: 1 });
    expect(report.ranking.entries.filter((e) => e.name === NAME)).toHaveLength(1);
    const [printed] = yenSo("PL2");
    expect(yenSo("PL2")).toHaveLength(1);
    expect(printed?.sourceRow).toBe(1);
    expect(printed?.cells.map((c) => c.text)).toEqual(["1", NAME, "90", "Tăng 10"]);
  });

  it("Phụ lục 3 and 4 keep the first row's figures", () => {
    expect(yenSo("PL3").map((r) => [r.sourceRow, r.cells[2]?.value])).toEqual([[1, 7]]);
    expect(yenSo("PL4").map((r) => [r.sourceRow, r.cells[2]?.value])).toEqual([[1, 2]]);
  });
});

describe("no unit rows", () => {
  it("an input with no unit rows at all is one error, not empty appendices in silence", () => {
    const report = buildReport(base, options);
    const found = report.issues.filter((i) => i.code === "NO_DATA");
    expect(found.map((i) => [i.severity, i.location.dataset])).toEqual([["error", "input"]]);
    expect(found[0]?.message).toMatch(/^Không có dòng số liệu đơn vị nào/);
    expect(report.counts.errors).toBeGreaterThanOrEqual(1);
  });

  it("one empty dataset beside others is a note naming that appendix", () => {
    const report = buildReport({ ...base, unitScores: [{ unit: "Phường Yên Sở", total: 90 }] }, options);
    const found = report.issues.filter((i) => i.code === "NO_DATA");
    expect(found.map((i) => [i.severity, i.location.dataset])).toEqual([
      ["info", "overdueDossiers"],
      ["info", "overduePetitions"],
    ]);
    expect(found[0]?.message).toBe("Chưa có số liệu hồ sơ quá hạn (Phụ lục 3): phụ lục này để trống.");
  });
});
