/**
 * Issue 13 in workerd with real D1: the province's targets (GET / PUT …/targets: versioned, If-Match,
 * validated with the JSON path), the plan of a stored month (GET …/periods/{period}/plan as JSON, CSV,
 * vi CSV and .xlsx, ETag naming the targets' version) and what-if (POST …/periods/{period}/what-if,
 * nothing stored). The month is the recorded Phú Thọ 08/2026 fetched from the replaying portal stub
 * (with the national summary of 08/2026), so the figures agree with test/shared/plan.test.ts and
 * test/shared/what-if.test.ts.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { targetsFor } from "../../shared";
import { PlanBodySchema, TargetsBodySchema, WhatIfBodySchema } from "../../shared/api-responses";
import { readZip } from "../zip-reader";
import { call, discard, json, makeKey, seedMonths, XLSX_TYPE, type Envelope } from "./helpers";

const P = "/v1/provinces/PT/periods/2026-08";
const TAM_DUONG_BAC = "UBND xã Tam Dương Bắc";

let writer = "";
let reader = "";
let hnWriter = "";
let hnReader = "";
beforeAll(async () => {
  writer = await makeKey("PT", "read,write");
  reader = await makeKey("PT", "read");
  hnWriter = await makeKey("HN", "read,write");
  hnReader = await makeKey("HN", "read");
  const fetched = await discard(call(`${P}/fetch`, { method: "POST", key: writer }));
  expect(fetched.status).toBe(201);
});

const counts = () =>
  env.DB.prepare("SELECT (SELECT COUNT(*) FROM period_revisions) AS revisions, (SELECT COUNT(*) FROM target_versions) AS versions, (SELECT COUNT(*) FROM province_targets) AS targets").first<{ revisions: number; versions: number; targets: number }>();

/** The Hà Nội letter's online-payment target raised to 90% (test/shared/plan.test.ts's override). */
const PAY_90 = { id: "HN-2562.PAY_DOSSIERS", indicator: "PAY_DOSSIERS", nameVi: "Tỷ lệ thanh toán trực tuyến đạt tối thiểu 90%", minRatePercent: 90, effectiveFrom: "2026-01-01", source: "Kế hoạch số 12/KH-UBND của UBND tỉnh Phú Thọ (thử)", kind: "plan" };

async function lines(res: Response): Promise<string[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes.slice(3)).split("\r\n");
}

async function sheetXml(res: Response): Promise<{ sheet: string; strings: string; workbook: string }> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe(XLSX_TYPE);
  const files = new Map(readZip(new Uint8Array(await res.arrayBuffer())).map((e) => [e.name, new TextDecoder().decode(e.data)]));
  return { sheet: files.get("xl/worksheets/sheet1.xml") ?? "", strings: files.get("xl/sharedStrings.xml") ?? "", workbook: files.get("xl/workbook.xml") ?? "" };
}

describe("GET …/targets", () => {
  it("before any override: the built-in targets in force, version 0", async () => {
    const res = await call("/v1/provinces/PT/targets?period=2026-08", { key: reader });
    expect(res.status).toBe(200);
    const body = TargetsBodySchema.parse(await res.json());
    expect(res.headers.get("etag")).toBe('"t0+2026-08-01+json"');
    expect(body).toMatchObject({ province: "PT", date: "2026-08-01", version: 0, etag: '"t0"', updatedAt: null, updatedBy: null, overrides: [] });
    expect(body.targets.map((t) => t.id)).toEqual(targetsFor("2026-08-01").map((t) => t.id));
    expect(body.targets.every((t) => t.origin === "built-in")).toBe(true);
    expect(body.targets[0]).toMatchObject({ id: "HN-2562.PAY_DOSSIERS", indicator: "PAY_DOSSIERS", minRatePercent: 55, effectiveFrom: "2024-01-01", effectiveTo: null, kind: "plan" });
    expect(body.targets.find((t) => t.id === "766.PAY_PROVISION")).toMatchObject({ minRatePercent: 80, kind: "threshold" });
  });
});

describe("GET …/periods/{period}/plan (built-in targets)", () => {
  it("every unit with per-indicator figures; Tam Dương Bắc as the shared golden: 48.47, 148/148 → 84.37, 1st; its three cheapest gains and compliance", async () => {
    const res = await call(`${P}/plan`, { key: reader });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toMatch(/\+t0\+plan\+json"$/);
    const body = PlanBodySchema.parse(await res.json());
    expect(body).toMatchObject({ province: "PT", period: "2026-08", revision: 1, methodologyId: "portal-2026", targetsVersion: 0, issues: [] });
    expect(body.targets.map((t) => t.id)).toEqual(targetsFor("2026-08-01").map((t) => t.id));
    expect(body.units).toHaveLength(163);
    const top = body.units[0];
    expect([top?.name, top?.total, top?.rank, top?.rankOf, top?.pointsWithinReach, top?.totalWithinReach, top?.rankWithinReach]).toEqual(["Sở Ngoại vụ", 31.03, 13, 15, 47.64, 78.67, 1]);
    const u = body.units.find((x) => x.name === TAM_DUONG_BAC);
    expect([u?.total, u?.rank, u?.rankOf, u?.pointsWithinReach, u?.totalWithinReach, u?.rankWithinReach]).toEqual([48.47, 148, 148, 35.9, 84.37, 1]);
    expect(u?.cheapest.map((r) => [r.code, r.rate, r.points, r.needed, r.pointsLost])).toEqual([
      ["PETITION_PROCESSING_ON_TIME", 0, 0, 1, 6],
      ["PETITION_HANDLING_SATISFACTION", 0, 0, 1, 6],
      ["PAY_PROVISION", 21.05, 0.53, 23, 1.47],
    ]);
    const cell = (id: string) => u?.compliance.find((c) => c.targetId === id);
    expect(cell("HN-2562.PAY_DOSSIERS")).toMatchObject({ status: "dat", rate: 87.79, gapPercentagePoints: 0, gapDossiers: 0 });
    expect(cell("HN-NQ20.DOSSIER_RECEIVING_SATISFACTION")).toMatchObject({ status: "chua-dat", rate: 70.81, gapPercentagePoints: 19.19, gapDossiers: 288 });
    expect(cell("HN-NQ20.PROGRESS_ON_TIME")).toMatchObject({ status: "chua-dat", rate: 70.88, gapPercentagePoints: 28.12, gapDossiers: 422 });
    expect(cell("HN-2562.ONLINE_SUBMISSION")).toMatchObject({ status: "khong-so-lieu", rate: null, gapDossiers: null });
    // The province's own row (Phụ lục 1): 59.92 points, not ranked among its units.
    expect(body.summary).toMatchObject({ key: "PT", name: "Tỉnh Phú Thọ", total: 59.92, rank: null });
  });

  it("?unit= one unit by name (any case, no diacritics) or id; an unknown one is a 404", async () => {
    const byName = PlanBodySchema.parse(await (await call(`${P}/plan?unit=${encodeURIComponent("ubnd xa tam duong bac")}`, { key: reader })).json());
    expect(byName.units.map((u) => u.name)).toEqual([TAM_DUONG_BAC]);
    const id = byName.units[0]?.unitId ?? "";
    const byId = PlanBodySchema.parse(await (await call(`${P}/plan?unit=${id}`, { key: reader })).json());
    expect(byId.units.map((u) => u.name)).toEqual([TAM_DUONG_BAC]);
    const none = await call(`${P}/plan?unit=${encodeURIComponent("UBND xã Không Có")}`, { key: reader });
    expect(none.status).toBe(404);
    expect((await json<Envelope>(none)).error.message).toContain('không có đơn vị "UBND xã Không Có"');
  });

  it("the “Kế hoạch cải thiện” table as CSV, vi CSV and .xlsx: gains and Đạt / Chưa đạt as printed, numbers as numbers", async () => {
    const en = await lines(await call(`${P}/plan?format=csv`, { key: reader }));
    expect(en[0]?.split(",").slice(0, 8)).toEqual(["STT", "Đơn vị", "Xếp hạng", "Tổng điểm", "Điểm có thể tăng", "Tổng điểm nếu đạt", "Xếp hạng nếu đạt", "Ba việc tăng nhiều điểm nhất cho mỗi hồ sơ / Ưu tiên 1"]);
    expect(en[0]).toContain("Chỉ tiêu (Đạt / Chưa đạt) / 3.6 Hồ sơ thanh toán trực tuyến ≥ 55%");
    expect(en[1]).toMatch(/^1,Sở Ngoại vụ,13,31\.03,47\.64,78\.67,1,"Hồ sơ xử lý trước hạn, đúng hạn: cần thêm 2 hồ sơ → \+20 điểm",/);
    const row = en.find((l) => l.includes(TAM_DUONG_BAC)) ?? "";
    expect(row).toMatch(/,UBND xã Tam Dương Bắc,148,48\.47,35\.9,84\.37,1,PAKN xử lý đúng hạn: cần thêm 1 PAKN → \+6 điểm,/);
    expect(row).toContain(',Đạt (87.79%),');
    expect(row).toContain('"Chưa đạt: 70.81%, thiếu 19.19%, cần thêm 288 hồ sơ"');
    expect(en.filter((l) => l !== "")).toHaveLength(1 + 163);

    const vi = await lines(await call(`${P}/plan?format=csv&locale=vi`, { key: reader }));
    expect(vi.find((l) => l.includes(TAM_DUONG_BAC))).toMatch(/;UBND xã Tam Dương Bắc;148;48,47;35,9;84,37;1;/);

    const { sheet, strings, workbook } = await sheetXml(await call(`${P}/plan?format=xlsx`, { key: reader }));
    expect(workbook).toContain('<sheet name="Kế hoạch cải thiện"');
    expect(strings).toContain("Chưa đạt: 70.81%, thiếu 19.19%, cần thêm 288 hồ sơ");
    // Row 2 is Sở Ngoại vụ: its total and points within reach as typed numbers.
    expect(sheet).toMatch(/<c r="D2"[^>]*><v>31\.03<\/v><\/c>/);
    expect(sheet).toMatch(/<c r="E2"[^>]*><v>47\.64<\/v><\/c>/);
  });

  it("an ETag per representation and 304 for its own; ?revision=1 is the same month, ?revision=9 a 404", async () => {
    const first = await discard(call(`${P}/plan?format=csv`, { key: reader }));
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/\+t0\+plan\+csv"$/);
    const again = await discard(call(`${P}/plan?format=csv`, { key: reader, headers: { "if-none-match": etag } }));
    expect(again.status).toBe(304);
    expect((await discard(call(`${P}/plan`, { key: reader, headers: { "if-none-match": etag } }))).status).toBe(200);
    const r1 = PlanBodySchema.parse(await (await call(`${P}/plan?revision=1`, { key: reader })).json());
    expect(r1.revision).toBe(1);
    const missing = await call(`${P}/plan?revision=9`, { key: reader });
    expect(missing.status).toBe(404);
    expect((await json<Envelope>(missing)).error.message).toContain("Không có bản số 9 của kỳ 2026-08");
  });

  it("a month whose units have no per-indicator figures (seed 000, Hà Nội 12/2024): no rows, the issue says why; the CSV is its header", async () => {
    const { december } = seedMonths();
    expect((await discard(call("/v1/provinces/HN/periods/2024-12", { method: "PUT", key: hnWriter, body: december }))).status).toBe(201);
    const body = PlanBodySchema.parse(await (await call("/v1/provinces/HN/periods/2024-12/plan", { key: hnReader })).json());
    expect(body.units).toEqual([]);
    expect(body.issues.map((i) => [i.severity, i.code, i.message])).toEqual([["info", "NO_DATA", expect.stringContaining("không lập được kế hoạch cải thiện")]]);
    const csv = await lines(await call("/v1/provinces/HN/periods/2024-12/plan?format=csv", { key: hnReader }));
    expect(csv.filter((l) => l !== "")).toHaveLength(1);
    expect(csv[0]).toMatch(/^STT,Đơn vị,Xếp hạng,/);
  });

  it("read scope: no key 401, another province's key 403; a month not stored is a 404", async () => {
    expect((await discard(call(`${P}/plan`))).status).toBe(401);
    expect((await discard(call(`${P}/plan`, { key: hnReader }))).status).toBe(403);
    expect((await discard(call("/v1/provinces/PT/periods/2026-06/plan", { key: reader }))).status).toBe(404);
  });
});

describe("PUT …/targets", () => {
  const put = (body: unknown, key = writer, headers: Record<string, string> = {}) => call("/v1/provinces/PT/targets", { method: "PUT", key, body, headers });

  it("the key before the body: a read key 403, another province's write key 403, even with a malformed body; nothing stored", async () => {
    const before = await counts();
    for (const key of [reader, hnWriter]) {
      const res = await call("/v1/provinces/PT/targets", { method: "PUT", key, rawBody: '{"targets": [', headers: { "content-type": "application/json" } });
      expect(res.status).toBe(403);
      expect((await json<Envelope>(res)).error.code).toBe("FORBIDDEN");
    }
    expect((await discard(call("/v1/provinces/PT/targets", { method: "PUT", rawBody: "x", headers: { "content-type": "text/plain" } }))).status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it("validates every target with the JSON path and a Vietnamese message; nothing stored", async () => {
    const before = await counts();
    const res = await put({
      targets: [
        { ...PAY_90, minRatePercent: 101, effectiveTo: "2025-12-31" },
        { ...PAY_90, id: "PT 2026", indicator: "NO_SUCH", effectiveFrom: "2026-02-30" },
        { ...PAY_90, id: "PT-2026.X", effectiveFrom: "2026-01-01", effectiveTo: "2025-06-01" },
        { ...PAY_90, id: "PT-2026.X", effectiveFrom: "2026-01-01" },
      ],
    });
    expect(res.status).toBe(400);
    const { error } = await json<Envelope>(res);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.issues.map((i) => [i.path, i.message])).toEqual([
      ["body.targets.0.minRatePercent", "Tỷ lệ phải đạt phải từ 0 đến 100 %"],
      ["body.targets.1.id", "Mã chỉ tiêu: 1–64 ký tự chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới (PT-2026.PAY_DOSSIERS)"],
      ["body.targets.1.indicator", 'Mã chỉ số "NO_SUCH" không có trong phương pháp tính (chỉ số tính điểm theo tỷ lệ; xem GET /v1/methodologies)'],
      ["body.targets.1.effectiveFrom", "Ngày bắt đầu áp dụng: ngày dạng YYYY-MM-DD có thật (2026-01-01)"],
    ]);
    // Once every target is well-formed, the list's own rules: effectiveTo after effectiveFrom, one version per (id, effectiveFrom).
    const list = await put({ targets: [{ ...PAY_90, effectiveTo: "2025-12-31" }, { ...PAY_90, id: "PT-2026.X" }, { ...PAY_90, id: "PT-2026.X" }] });
    expect(list.status).toBe(400);
    expect((await json<Envelope>(list)).error.issues.map((i) => [i.path, i.message])).toEqual([
      ["body.targets.0.effectiveTo", "Ngày hết áp dụng 2025-12-31 phải sau ngày bắt đầu 2026-01-01"],
      ["body.targets.2.effectiveFrom", "Chỉ tiêu PT-2026.X đã có một phiên bản từ ngày 2026-01-01 (targets.1)"],
    ]);
    const many = await put({ targets: Array.from({ length: 201 }, (_, i) => ({ ...PAY_90, id: `PT.${i}` })) });
    expect(many.status).toBe(400);
    expect((await json<Envelope>(many)).error.issues).toEqual([{ path: "body.targets", code: "custom", message: "Tối đa 200 chỉ tiêu mỗi lần gửi" }]);
    expect(await counts()).toEqual(before);
  });

  it("the first list is version 1 (201, no If-Match); GET marks the override the province's; the plan's ETag and compliance change with it", async () => {
    const planBefore = await discard(call(`${P}/plan`, { key: reader }));
    const res = await put({ targets: [PAY_90] });
    expect(res.status).toBe(201);
    const etag = res.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"t1-[0-9a-f]{16}"$/);
    const body = TargetsBodySchema.parse(await res.json());
    expect(body).toMatchObject({ province: "PT", version: 1, etag, overrides: [{ ...PAY_90, effectiveTo: null }] });
    expect(body.updatedBy).toMatch(/^test \d+$/);

    const got = TargetsBodySchema.parse(await (await call("/v1/provinces/PT/targets?date=2026-08-15", { key: reader })).json());
    expect(got.targets.find((t) => t.id === PAY_90.id)).toMatchObject({ minRatePercent: 90, source: PAY_90.source, origin: "province" });
    expect(got.targets.filter((t) => t.origin === "province")).toHaveLength(1);
    // Before the override's effectiveFrom, the built-in target is gone too: the override replaces every version of its id.
    const old = TargetsBodySchema.parse(await (await call("/v1/provinces/PT/targets?date=2025-06-01", { key: reader })).json());
    expect(old.targets.map((t) => t.id)).not.toContain(PAY_90.id);

    const plan = await call(`${P}/plan?unit=${encodeURIComponent(TAM_DUONG_BAC)}`, { key: reader });
    expect(plan.headers.get("etag")).not.toBe(planBefore.headers.get("etag"));
    expect(plan.headers.get("etag")).toContain(`+${etag.replace(/"/g, "")}+plan+json`);
    const p = PlanBodySchema.parse(await plan.json());
    expect(p.targetsVersion).toBe(1);
    expect(p.targets.find((t) => t.id === PAY_90.id)).toMatchObject({ minRatePercent: 90, origin: "province" });
    // test/shared/plan.test.ts: 90% of 819 needs 738 paid online, 19 more than 719; 89.99% shown would be short.
    expect(p.units[0]?.compliance.find((c) => c.targetId === PAY_90.id)).toMatchObject({ status: "chua-dat", rate: 87.79, gapPercentagePoints: 2.21, gapDossiers: 19 });
    const csv = await lines(await call(`${P}/plan?format=csv&unit=${encodeURIComponent(TAM_DUONG_BAC)}`, { key: reader }));
    expect(csv[0]).toContain("3.6 Hồ sơ thanh toán trực tuyến ≥ 90%");
    expect(csv[1]).toContain('"Chưa đạt: 87.79%, thiếu 2.21%, cần thêm 19 hồ sơ"');
  });

  it("a new list needs If-Match: 428 without, 409 when stale (the list unchanged); the ETag of any GET variant is accepted", async () => {
    const before = await counts();
    const changed = { targets: [{ ...PAY_90, nameVi: "Tỷ lệ thanh toán trực tuyến đạt tối thiểu 95%", minRatePercent: 95 }] };
    const missing = await put(changed);
    expect(missing.status).toBe(428);
    const m = await json<Envelope>(missing);
    expect(m.error.code).toBe("PRECONDITION_REQUIRED");
    expect(missing.headers.get("etag")).toMatch(/^"t1-/);
    for (const stale of ['"t0"', '"t1-0000000000000000"', `W/${missing.headers.get("etag")}`]) {
      const res = await put(changed, writer, { "if-match": stale });
      expect(res.status, stale).toBe(409);
      expect((await json<Envelope>(res)).error.code).toBe("CONFLICT");
    }
    expect(await counts()).toEqual(before);
    const csvEtag = (await discard(call("/v1/provinces/PT/targets?format=csv&locale=vi", { key: reader }))).headers.get("etag") ?? "";
    expect(csvEtag).toMatch(/^"t1-[0-9a-f]{16}\+\d{4}-\d{2}-\d{2}\+csv-vi"$/);
    const ok = await put(changed, writer, { "if-match": csvEtag });
    expect(ok.status).toBe(200);
    const v2 = TargetsBodySchema.parse(await ok.json());
    expect(v2.version).toBe(2);
    // The version-1 ETag is stale now: refused, version 2 stays.
    const late = await put({ targets: [] }, writer, { "if-match": csvEtag });
    expect(late.status).toBe(409);
    expect(late.headers.get("etag")).toBe(v2.etag);
    await discard(late);
    const now = TargetsBodySchema.parse(await (await call("/v1/provinces/PT/targets", { key: reader })).json());
    expect(now).toMatchObject({ version: 2, etag: v2.etag, overrides: [{ minRatePercent: 95 }] });
  });

  it("GET as CSV and .xlsx: the targets in force, the province's marked", async () => {
    const csv = await lines(await call("/v1/provinces/PT/targets?period=2026-08&format=csv", { key: reader }));
    expect(csv[0]).toBe("Mã chỉ tiêu,Mã chỉ số,Tên chỉ tiêu,Tỷ lệ phải đạt (%),Áp dụng từ ngày,Hết áp dụng từ ngày,Văn bản đặt chỉ tiêu,Loại,Nguồn");
    // The province's override after the built-in plan targets, before the thresholds (targetsFor's order).
    expect(csv.find((l) => l.startsWith("HN-2562.PAY_DOSSIERS,"))).toBe(`HN-2562.PAY_DOSSIERS,PAY_DOSSIERS,Tỷ lệ thanh toán trực tuyến đạt tối thiểu 95%,95,2026-01-01,,Kế hoạch số 12/KH-UBND của UBND tỉnh Phú Thọ (thử),Chỉ tiêu kế hoạch,Của tỉnh`);
    expect(csv.find((l) => l.startsWith("766.PAY_PROVISION,"))).toMatch(/,80,2026-01-01,,.*,Ngưỡng tính điểm tối đa,Có sẵn$/);
    expect(csv.filter((l) => l !== "")).toHaveLength(1 + targetsFor("2026-08-01").length);
    const { sheet, workbook } = await sheetXml(await call("/v1/provinces/PT/targets?period=2026-08&format=xlsx", { key: reader }));
    expect(workbook).toContain('<sheet name="Chỉ tiêu"');
    // Row 7: the override, after the five built-in plan targets; its rate a typed number.
    expect(sheet).toMatch(/<c r="D7"[^>]*><v>95<\/v><\/c>/);
    expect(sheet).toMatch(/<c r="D2"[^>]*><v>60<\/v><\/c>/);
  });

  it("?date and ?period are validated; both at once is a 400; a province no one knows is a 404", async () => {
    const bad = await call("/v1/provinces/PT/targets?date=2026-13-01", { key: reader });
    expect(bad.status).toBe(400);
    expect((await json<Envelope>(bad)).error.issues[0]?.path).toBe("query.date");
    const both = await call("/v1/provinces/PT/targets?date=2026-08-01&period=2026-08", { key: reader });
    expect(both.status).toBe(400);
    expect((await json<Envelope>(both)).error.issues[0]?.path).toBe("query.period");
    const admin = await makeKey("*", "read,write");
    expect((await discard(call("/v1/provinces/ZZ/targets", { key: admin }))).status).toBe(404);
    expect((await discard(call("/v1/provinces/ZZ/targets", { method: "PUT", key: admin, body: { targets: [] } }))).status).toBe(404);
  });
});

describe("POST …/periods/{period}/what-if", () => {
  const whatIf = (body: unknown, key = reader, query = "") => call(`${P}/what-if${query}`, { method: "POST", key, body });

  it("Tam Dương Bắc settles all 1,497 dossiers on time: the shared golden through HTTP (+5.82, 148th → 146th; the province +0.04, 18th → 17th); nothing stored", async () => {
    const before = await counts();
    const res = await whatIf({ changes: [{ unit: TAM_DUONG_BAC, indicator: "PROGRESS_ON_TIME", numerator: 1497 }] });
    expect(res.status).toBe(200);
    const body = WhatIfBodySchema.parse(await res.json());
    expect(body.period).toBe("2026-08");
    expect(body.revision).toBe(1);
    const u = body.units[0];
    expect(u?.indicators[0]?.figures).toEqual({ before: { numerator: 1061, denominator: 1497, rate: (1061 / 1497) * 100, points: 14.18 }, after: { numerator: 1497, denominator: 1497, rate: 100, points: 20 } });
    expect([u?.name, u?.total, u?.rank, u?.rankOf]).toEqual([TAM_DUONG_BAC, { before: 48.47, after: 54.29 }, { before: 148, after: 146 }, 148]);
    expect(body.displaced.map((d) => [d.name, d.rank.before, d.rank.after])).toEqual([
      ["UBND xã Bình Xuyên", 146, 147],
      ["UBND phường Phúc Yên", 147, 148],
    ]);
    expect(body.province).toEqual({ total: { before: 59.92, after: 59.96 }, nationalRank: { before: 18, after: 17 }, rankOf: 34, complete: true });
    expect(await counts()).toEqual(before);
  });

  it("a rate over known counts is the smallest numerator that reaches it; several changes add up (?revision=1)", async () => {
    const res = await whatIf({ changes: [{ unit: TAM_DUONG_BAC, indicator: "PAY_PROVISION", rate: 80 }, { unit: TAM_DUONG_BAC, indicator: "PETITION_PROCESSING_ON_TIME", numerator: 1 }] }, reader, "?revision=1");
    const u = WhatIfBodySchema.parse(await res.json()).units[0];
    expect(u?.changes).toEqual([0, 1]);
    expect(u?.indicators.map((i) => [i.code, i.figures.after.numerator, i.figures.after.points])).toEqual([
      ["PAY_PROVISION", 31, 2],
      ["PETITION_PROCESSING_ON_TIME", 1, 6],
    ]);
    expect(u?.total).toEqual({ before: 48.47, after: 55.94 });
  });

  it("a change naming nothing real, or figures the month cannot take, is a 400 naming body.changes.{i}.{field}; nothing is computed", async () => {
    const res = await whatIf({
      changes: [
        { unit: "UBND xã Không Có", indicator: "PAY_DOSSIERS", numerator: 1 },
        { unit: TAM_DUONG_BAC, indicator: "NO_SUCH", numerator: 1 },
        { unit: TAM_DUONG_BAC, indicator: "PAY_DOSSIERS", numerator: 820 },
        { unit: TAM_DUONG_BAC, indicator: "PAY_DOSSIERS" },
        { unit: TAM_DUONG_BAC, indicator: "PROGRESS_ON_TIME", numerator: 1497 },
      ],
    });
    expect(res.status).toBe(400);
    const { error } = await json<Envelope>(res);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toBe("4 thay đổi không áp dụng được vào số liệu kỳ 2026-08; không tính gì. Sửa các thay đổi được nêu rồi gửi lại.");
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([
      ["body.changes.0.unit", "UNKNOWN_UNIT"],
      ["body.changes.1.indicator", "UNKNOWN_INDICATOR"],
      ["body.changes.2.numerator", "BAD_CHANGE"],
      ["body.changes.3.numerator", "BAD_CHANGE"],
    ]);
    expect(error.issues[0]?.message).toBe('changes[0].unit: không tìm thấy đơn vị "UBND xã Không Có" trong Phụ lục 2 của kỳ báo cáo.');
    expect(error.issues[2]?.message).toBe("changes[2].numerator: tử số mới 820 lớn hơn mẫu số 819 (UBND xã Tam Dương Bắc, chỉ số 3.6).");
  });

  it("the body's shape: at least one and at most 200 changes, whole non-negative numerators, rates 0–100", async () => {
    const empty = await whatIf({ changes: [] });
    expect(empty.status).toBe(400);
    expect((await json<Envelope>(empty)).error.issues).toEqual([{ path: "body.changes", code: "too_small", message: "Cần ít nhất một thay đổi" }]);
    const many = await whatIf({ changes: Array.from({ length: 201 }, () => ({ unit: TAM_DUONG_BAC, indicator: "PAY_DOSSIERS", numerator: 1 })) });
    expect(many.status).toBe(400);
    expect((await json<Envelope>(many)).error.issues).toEqual([{ path: "body.changes", code: "custom", message: "Tối đa 200 thay đổi mỗi lần gửi" }]);
    const figures = await whatIf({ changes: [{ unit: TAM_DUONG_BAC, indicator: "PAY_DOSSIERS", numerator: 1.5, rate: 101, extra: 1 }] });
    expect(figures.status).toBe(400);
    expect((await json<Envelope>(figures)).error.issues.map((i) => i.path)).toEqual(["body.changes.0.numerator", "body.changes.0.rate", "body.changes.0"]);
  });

  it("read scope, checked before the body: no key 401, another province's read key 403 (malformed body); a month not stored 404", async () => {
    const raw = { rawBody: '{"changes": [', headers: { "content-type": "application/json" } };
    const anon = await call(`${P}/what-if`, { method: "POST", ...raw });
    expect(anon.status).toBe(401);
    await discard(anon);
    const other = await call(`${P}/what-if`, { method: "POST", key: hnReader, ...raw });
    expect(other.status).toBe(403);
    expect((await json<Envelope>(other)).error.message).toBe("Khóa truy cập này chỉ dùng cho tỉnh, thành phố HN.");
    const mine = await call(`${P}/what-if`, { method: "POST", key: reader, ...raw });
    expect(mine.status).toBe(400);
    expect((await json<Envelope>(mine)).error.code).toBe("MALFORMED_JSON");
    const none = await call("/v1/provinces/PT/periods/2026-06/what-if", { method: "POST", key: reader, body: { changes: [{ unit: TAM_DUONG_BAC, indicator: "PAY_DOSSIERS", numerator: 1 }] } });
    expect(none.status).toBe(404);
    await discard(none);
  });
});

describe("GET …/workbook.xlsx with per-indicator figures", () => {
  it("adds “Kế hoạch cải thiện” (the province's targets) before the issues; the draft letter gets the remedial paragraphs", async () => {
    const res = await call(`${P}/workbook.xlsx`, { key: reader });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toMatch(/\+t2-[0-9a-f]{16}\+xlsx"$/);
    const files = new Map(readZip(new Uint8Array(await res.arrayBuffer())).map((e) => [e.name, new TextDecoder().decode(e.data)]));
    const workbook = files.get("xl/workbook.xml") ?? "";
    expect([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual(["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4", "Kế hoạch cải thiện", "Kiểm tra dữ liệu", "Dự thảo văn bản"]);
    const strings = files.get("xl/sharedStrings.xml") ?? "";
    // The compliance column of the province's 95% online-payment target.
    expect(strings).toContain("3.6 Hồ sơ thanh toán trực tuyến ≥ 95%");
    expect(strings).toContain("Chưa đạt: 87.79%, thiếu 7.21%, cần thêm 60 hồ sơ");
    // "Dự thảo văn bản": the remedial paragraphs, the online-payment one with the province's 95% target.
    expect(strings).toContain("- Để tiếp tục phát huy những kết quả đạt được và khắc phục những tiêu chí đạt tỷ lệ thấp, UBND Tỉnh đề nghị:");
    expect(strings).toMatch(/đặc biệt chú trọng chỉ tiêu tỷ lệ thanh toán trực tuyến đạt tối thiểu 95% \(toàn Tỉnh đạt 84,21%; \d+\/156 đơn vị chưa đạt/);
  });
});

describe("the OpenAPI document", () => {
  it("documents the three operations with their request and answer schemas", async () => {
    type Op = { parameters?: { name: string }[]; requestBody?: { content: Record<string, { schema: { $ref: string } }> }; responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> };
    const doc = await json<{ paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }>(await call("/openapi.json"));
    const targets = doc.paths["/v1/provinces/{province}/targets"];
    expect(targets?.["get"]?.parameters?.map((p) => p.name)).toEqual(["date", "period", "format", "locale"]);
    expect(targets?.["put"]?.requestBody?.content["application/json"]?.schema.$ref).toBe("#/components/schemas/PutTargets");
    expect(Object.keys(targets?.["put"]?.responses ?? {})).toEqual(expect.arrayContaining(["200", "201", "409", "428"]));
    const plan = doc.paths["/v1/provinces/{province}/periods/{period}/plan"]?.["get"];
    expect(plan?.responses["200"]?.content?.["application/json"]?.schema?.$ref).toBe("#/components/schemas/Plan");
    const whatIf = doc.paths["/v1/provinces/{province}/periods/{period}/what-if"]?.["post"];
    expect(whatIf?.requestBody?.content["application/json"]?.schema.$ref).toBe("#/components/schemas/WhatIfRequest");
    expect(whatIf?.responses["200"]?.content?.["application/json"]?.schema?.$ref).toBe("#/components/schemas/WhatIf");
    expect(Object.keys(doc.components.schemas["PutTargets"]?.properties ?? {})).toEqual(["targets"]);
    expect(Object.keys(doc.components.schemas["Plan"]?.properties ?? {})).toEqual(["province", "period", "revision", "methodologyId", "targetsVersion", "targets", "units", "summary", "issues"]);
  });
});

describe("races and public provinces", () => {
  it("two PUTs …/targets from the same version: exactly one is stored, the other is a 409 naming the winner", async () => {
    const current = TargetsBodySchema.parse(await (await call("/v1/provinces/PT/targets", { key: reader })).json());
    const before = await counts();
    const attempt = (rate: number) => call("/v1/provinces/PT/targets", { method: "PUT", key: writer, body: { targets: [{ ...PAY_90, minRatePercent: rate }] }, headers: { "if-match": current.etag } });
    const answers = await Promise.all([attempt(91), attempt(92)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = answers.find((r) => r.status === 200);
    const loser = answers.find((r) => r.status === 409);
    const won = TargetsBodySchema.parse(await winner?.json());
    expect(loser?.headers.get("etag")).toBe(won.etag);
    await discard(loser as Response);
    const after = await counts();
    expect([after?.versions, after?.targets]).toEqual([(before?.versions ?? 0) + 1, (before?.targets ?? 0) + 1]);
    expect(won.version).toBe(current.version + 1);
  });

  it("a public province: targets, plan and what-if answer without a key (and to another province's key); PUT still needs one", async () => {
    const admin = await makeKey("*", "read,write");
    expect((await discard(call("/v1/provinces/PT/settings", { method: "PUT", key: admin, body: { snapshots: false, publicRead: true } }))).status).toBe(200);
    for (const key of [undefined, hnReader]) {
      expect((await discard(call("/v1/provinces/PT/targets", key ? { key } : {}))).status).toBe(200);
      expect((await discard(call(`${P}/plan?format=csv`, key ? { key } : {}))).status).toBe(200);
      const res = await call(`${P}/what-if`, { method: "POST", ...(key ? { key } : {}), body: { changes: [{ unit: TAM_DUONG_BAC, indicator: "PROGRESS_ON_TIME", numerator: 1497 }] } });
      expect(res.status).toBe(200);
      expect(WhatIfBodySchema.parse(await res.json()).units[0]?.rank).toEqual({ before: 148, after: 146 });
    }
    const anon = await call("/v1/provinces/PT/targets", { method: "PUT", body: { targets: [] } });
    expect(anon.status).toBe(401);
    await discard(anon);
  });
});
