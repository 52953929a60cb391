/** POST /v1/reports (stateless), the catalog and aliases. */
import { describe, expect, it } from "vitest";
import { seedReportInput } from "../../samples/seed-000-input";
import { call, discard, json, makeKey, type Envelope } from "./helpers";

describe("POST /v1/reports", () => {
  it("builds the seed month's report from the body alone", async () => {
    const { province, period, ...rest } = seedReportInput();
    const res = await call("/v1/reports", { body: { province, period: String(period), ...rest, options: { tieOrder: "input" } } });
    expect(res.status).toBe(200);
    const report = await json<{ appendices: { id: string; rows: unknown[] }[]; issues: { code: string }[]; counts: { errors: number } }>(res);
    expect(report.appendices.map((a) => [a.id, a.rows.length])).toEqual([
      ["PL1", 31],
      ["PL2", 30],
      ["PL3", 47],
      ["PL4", 14],
    ]);
    expect(report.issues.map((i) => i.code)).toEqual(expect.arrayContaining(["LETTER_MISMATCH", "GROUPS_SUM_MISMATCH", "PARTS_SUM_MISMATCH"]));
    expect(report.counts.errors).toBe(5);
  });

  it("options.history (the add-in's stored totals) gives the draft its trend sentence; a bad period in it is a 400", async () => {
    const { province, period, ...rest } = seedReportInput();
    const history = [
      { period: "2024-09", total: 58.5 },
      { period: "2024-10", total: 59.1 },
    ];
    const report = await json<{ narrative: { trend: string | null; sentences: string[] } }>(await call("/v1/reports", { body: { province, period: String(period), ...rest, options: { history } } }));
    expect(report.narrative.trend).toBe("Tổng số điểm Thành phố tăng 3 tháng liên tiếp (từ 58.5 điểm tháng 09/2024 lên 62.28 điểm tháng 12/2024).");
    expect(report.narrative.sentences[1]).toBe(report.narrative.trend);
    const bad = await call("/v1/reports", { body: { province, period: String(period), ...rest, options: { history: [{ period: "tháng chín", total: 1 }] } } });
    expect(bad.status).toBe(400);
  });
});

describe("catalog", () => {
  it("lists Hà Nội's 126 communes from 1/7/2025", async () => {
    const body = await json<{ units: { id: string }[] }>(await call("/v1/catalog/units?province=HN&date=2025-08-01&level=commune"));
    expect(body.units).toHaveLength(126);
  });

  it("an alias (write scope) makes a new spelling resolve; a taken alias is a 409", async () => {
    const writer = await makeKey("HN", "read,write");
    const before = await json<{ issues: { code: string }[] }>(await call("/v1/reports", { body: { province: "HN", period: "2024-12", overdueDossiers: [{ unit: "TTPVHCC Tây Hồ", total: 1 }] } }));
    expect(before.issues.map((i) => i.code)).toContain("UNKNOWN_UNIT");
    const added = await discard(call("/v1/catalog/aliases", { key: writer, body: { province: "HN", unitId: "HN.D.TAY_HO", alias: "TTPVHCC Tây Hồ" } }));
    expect(added.status).toBe(201);
    const after = await json<{ issues: { code: string }[] }>(await call("/v1/reports", { body: { province: "HN", period: "2024-12", overdueDossiers: [{ unit: "TTPVHCC Tây Hồ", total: 1 }] } }));
    expect(after.issues.map((i) => i.code)).not.toContain("UNKNOWN_UNIT");
    const taken = await call("/v1/catalog/aliases", { key: writer, body: { province: "HN", unitId: "HN.D.BA_VI", alias: "TTPVHCC Tây Hồ" } });
    expect(taken.status).toBe(409);
    expect((await json<Envelope>(taken)).error.code).toBe("CONFLICT");
    const reader = await makeKey("HN", "read");
    const denied = await discard(call("/v1/catalog/aliases", { key: reader, body: { province: "HN", unitId: "HN.D.BA_VI", alias: "Ba Vi town" } }));
    expect(denied.status).toBe(403);
  });
});
