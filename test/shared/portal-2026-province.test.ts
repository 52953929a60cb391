/**
 * The whole recorded Phú Thọ month (6 criteria, province + 163 units, 08/2026) through the engine:
 * every published metric and group score is reproduced to the hundredth it is printed with, or reported with both values,
 * and the portal's own data-quality flags reach the issue list.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PORTAL_2026_CRITERIA, buildReport, catalogFromPortal, methodologyFor, portalReportInput, summaryInputFromRows, summaryLayoutFor, summaryRowsFromInput, type Portal2026Criterion } from "../../shared";

const dir = path.join(import.meta.dirname, "../fixtures/portal-2026");
const answers = Object.fromEntries(PORTAL_2026_CRITERIA.map((c) => [c, JSON.parse(readFileSync(path.join(dir, c, "month-all.json"), "utf8"))])) as Record<Portal2026Criterion, unknown>;
const { input, rows } = portalReportInput(answers, "PT", "2026-08");
const catalog = catalogFromPortal(rows, "PT", "Tỉnh Phú Thọ");
const report = buildReport(input, { catalog, rankLevel: "commune" });

describe("Phú Thọ 08/2026 from the recorded portal answers", () => {
  it("maps the province and all 163 units, and ranks the 148 communes", () => {
    expect(rows).toHaveLength(164);
    expect(report.issues.filter((i) => i.code === "UNKNOWN_UNIT" || i.code === "UNPARSEABLE_CELL")).toEqual([]);
    expect(report.ranking.entries).toHaveLength(148);
    expect(report.ranking.otherLevels.find((o) => o.level === "department")?.entries).toHaveLength(15);
  });

  it("reproduces every published metric and group score exactly (nothing to report)", () => {
    expect(report.issues.filter((i) => i.code === "POINTS_MISMATCH")).toEqual([]);
  });

  it("carries each portal data-quality flag into the issues", () => {
    const flagged = Object.values(answers).flatMap((a) => {
      const data = (a as { data: { overview?: { metrics?: { dataQualityStatus?: string }[] }; evaluation?: { metrics?: { dataQualityStatus?: string }[] }[] } }).data;
      return [data.overview, ...(data.evaluation ?? [])].flatMap((u) => (u?.metrics ?? []).filter((m) => m.dataQualityStatus));
    });
    const unitFlags = report.issues.filter((i) => i.code === "PORTAL_DATA_QUALITY");
    // The province row is Phụ lục 1's summary, which carries no flags of its own; the units' flags all arrive.
    const provinceFlags = ((answers.transparency as { data: { overview: { metrics: { dataQualityStatus?: string }[] } } }).data.overview.metrics.filter((m) => m.dataQualityStatus).length);
    expect(unitFlags.length).toBe(flagged.length - provinceFlags);
    expect(unitFlags.some((i) => i.message.includes("Mẫu số BCQG/GRIS đang dùng số tạm"))).toBe(true);
  });

  it("a published score that disagrees is reported with both values", () => {
    const tampered = structuredClone(answers) as typeof answers;
    const unit = (tampered["dossier-digitized"] as { data: { evaluation: { metrics: { code: string; score: number | null }[] }[] } }).data.evaluation[5];
    const metric = unit?.metrics.find((m) => m.code === "ORIGINAL_RESULT_AVAILABLE");
    if (!metric || metric.score === null) throw new Error("fixture changed");
    metric.score = metric.score + 0.5;
    const again = portalReportInput(tampered, "PT", "2026-08");
    const r = buildReport(again.input, { catalog, rankLevel: "commune" });
    const found = r.issues.filter((i) => i.code === "POINTS_MISMATCH" && i.details?.["indicator"] === "ORIGINAL_RESULT_AVAILABLE");
    expect(found).toHaveLength(1);
    expect(found[0]?.details).toMatchObject({ published: metric.score, recomputed: metric.score - 0.5 });
  });
});

describe("Phụ lục 1 input table from the portal's province row (round trip)", () => {
  const m = methodologyFor("2026-08-01");
  const layout = summaryLayoutFor(m);
  const summary = input.summary;
  const rows = summary ? summaryRowsFromInput(summary, layout, m.groups) : [];

  it("writes one row per group and per indicator with a figure, numbers as the letters print them", () => {
    expect(rows.filter((r) => layout.find((l) => l.number === r[0])?.show === "group")).toHaveLength(6);
    expect(rows.find((r) => r[1] === "Công khai, minh bạch")?.[2]).toMatch(/^\d+(\.\d{1,2})?\/18 điểm$/);
    expect(rows.length).toBeGreaterThan(20);
  });

  it("reads back to the same group points, and the report built from it prints the same Phụ lục 1 group rows", () => {
    const back = summaryInputFromRows(rows, layout);
    expect(back.unmatchedRows).toEqual([]);
    expect(back.summary.groups).toEqual(summary?.groups);
    const again = buildReport({ ...input, summary: back.summary }, { catalog, rankLevel: "commune" });
    const groupTexts = (r: typeof report) => (r.appendices[0]?.rows ?? []).filter((row) => /điểm$/.test(row.cells[2]?.text ?? "")).map((row) => row.cells.map((c) => c.text));
    expect(groupTexts(again)).toEqual(groupTexts(report));
    expect(groupTexts(report).length).toBeGreaterThanOrEqual(6);
  });
});
