/** Golden tests from seeds 001 (OCR), 002 (share sentence) and 004 (a commune's own row). */
import { describe, expect, it } from "vitest";
import { buildReport, formatCount, indicatorPoints, kindFromName, levelOfKind, methodologyFor, parseNumber, readLetterHeadline, type Unit } from "../../shared";
import { SEED_000_HEADLINE, SEED_001_HEADLINE, SEED_004_ROW, tsv } from "../../samples/seeds";

describe("seed 002 (07/2024): the overdue share sentence", () => {
  it("Sở Tư pháp 24.130 of 53.828 → 44,8%", () => {
    const report = buildReport({
      province: "HN",
      period: "2024-07",
      summary: { indicators: { OVERDUE_IN_PROGRESS: { numerator: "53.828" } } },
      overdueDossiers: [
        { unit: "UBND quận Ba Đình", total: "370" },
        { unit: "Sở Tư pháp", total: "24.130" },
        { unit: "Sở Tài nguyên và Môi trường", total: "4.573" },
      ],
    });
    expect(report.narrative.overdueLeader).toBe("Sở Tư pháp có số hồ sơ quá hạn cao nhất là 24.130 hồ sơ/53.828 hồ sơ quá hạn toàn thành phố (44,8%)");
  });
});

describe("seed 001 (03/2025, OCR without diacritics): the headline figures", () => {
  it("reads 58,3/100, giảm 3.2, 60/63 from the OCR text", () => {
    expect(readLetterHeadline(SEED_001_HEADLINE)).toEqual({ total: "58,3", delta: "Giảm 3.2", rank: "60", rankOf: "63" });
  });

  it("reads seed 000's headline", () => {
    expect(readLetterHeadline(SEED_000_HEADLINE)).toEqual({ total: "62.28", delta: "Tăng 1.29", rank: "61", rankOf: "63" });
  });

  it("resolves OCR unit names without diacritics", () => {
    const report = buildReport({
      province: "HN",
      period: "2025-03",
      unitScores: [
        { unit: "UBND quan Tay Ho", total: "70,5" },
        { unit: "UBND huyen Ung Hoa", total: "68.1" },
        { unit: "UBND thi xa Son Tay", total: "66" },
      ],
    });
    expect(report.ranking.entries.map((e) => [e.unitId, e.total])).toEqual([
      ["HN.D.TAY_HO", 70.5],
      ["HN.D.UNG_HOA", 68.1],
      ["HN.D.SON_TAY", 66],
    ]);
    expect(report.issues.filter((i) => i.code === "UNKNOWN_UNIT" || i.code === "UNPARSEABLE_CELL")).toEqual([]);
  });
});

describe("seed 004 (xã Đại Thịnh, 10/2024): a commune's own row", () => {
  const [cells = []] = tsv(SEED_004_ROW);
  const [, name = "", overdue, onTime, payment, online, satisfaction, digitised, certified = ""] = cells;
  const row = {
    unit: name,
    indicators: {
      PROGRESS_ON_TIME: { rate: onTime },
      PAY_DOSSIERS: { rate: payment },
      ONLINE_SUBMISSION: { rate: online },
      DOSSIER_RECEIVING_SATISFACTION: { rate: satisfaction },
      SO_HOA_GIAY_TO_GIAI_QUYET: { rate: digitised },
    },
  };

  it("reports the commune as unknown to the city's district-level catalog instead of guessing", () => {
    const report = buildReport({ province: "HN", period: "2024-10", unitScores: [row], overdueDossiers: [{ unit: name, total: overdue }] });
    const unknown = report.issues.filter((i) => i.code === "UNKNOWN_UNIT");
    expect(unknown).toHaveLength(2);
    expect(unknown[0]?.message).toContain('không tìm thấy đơn vị "UBND xã Đại Thịnh"');
  });

  it("with the commune supplied, reads every figure of the row and scores it by the 2024 rules", () => {
    const kind = kindFromName(name);
    expect(kind).toBe("xa");
    const commune: Unit = { id: "HN.ML.DAI_THINH", name: "UBND xã Đại Thịnh", shortName: "Đại Thịnh", kind: "xa", level: levelOfKind("xa"), parentId: "HN.D.ME_LINH" };
    const report = buildReport(
      { province: "HN", period: "2024-10", unitScores: [row], overdueDossiers: [{ unit: name, total: overdue }] },
      { extraUnits: [commune], rankLevel: "commune" },
    );
    expect(report.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(report.ranking.entries).toHaveLength(1);
    expect(report.appendices.find((a) => a.id === "PL3")?.rows[0]?.cells.map((c) => c.text).slice(1, 3)).toEqual(["UBND xã Đại Thịnh", "0"]);
    expect(formatCount(Number(certified))).toBe("1.318");
  });

  it("scores the row's rates with the 2024 rules (thresholds 50% online, 90% satisfaction)", () => {
    const m = methodologyFor("2024-10-01");
    expect(m.id).toBe("portal-2024");
    const points = Object.fromEntries(
      Object.entries(row.indicators).map(([code, cell]) => {
        const def = m.indicators.find((d) => d.code === code);
        const rate = parseNumber(cell.rate, "percent");
        if (!def || !rate.ok) throw new Error(code);
        return [code, indicatorPoints(def, { numerator: null, denominator: null, rate: rate.value, points: null }).points];
      }),
    );
    expect(points).toEqual({ PROGRESS_ON_TIME: 20, PAY_DOSSIERS: 3.45, ONLINE_SUBMISSION: 1.36, DOSSIER_RECEIVING_SATISFACTION: 6, SO_HOA_GIAY_TO_GIAI_QUYET: 2.14 });
  });
});
