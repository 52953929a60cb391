/** GET …/periods/{period}/workbook.xlsx: the stored month's report as an .xlsx, in real workerd with real D1. */
import { beforeAll, describe, expect, it } from "vitest";
import { readZip, zipTexts } from "../zip-reader";
import { call, discard, json, makeKey, seedMonths, XLSX_TYPE, type Envelope } from "./helpers";

const { december, november } = seedMonths();
const P = "/v1/provinces/HN/periods";
const XLSX = XLSX_TYPE;

let writer = "";
let reader = "";
beforeAll(async () => {
  writer = await makeKey("HN", "read,write");
  reader = await makeKey("HN", "read");
  // Stored as any clerk would: a month that is already there gets a new revision (If-Match).
  for (const [period, body] of [["2024-11", november], ["2024-12", december]] as const) {
    const head = await discard(call(`${P}/${period}`, { key: writer }));
    const etag = head.status === 200 ? head.headers.get("etag") : null;
    const put = await discard(call(`${P}/${period}`, { method: "PUT", key: writer, body, headers: etag ? { "if-match": etag } : {} }));
    expect([200, 201]).toContain(put.status);
  }
});

async function bytesOf(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer());
}

describe("GET workbook.xlsx", () => {
  it("answers an .xlsx attachment, named in ASCII and in Vietnamese, with an ETag", async () => {
    const res = await call(`${P}/2024-12/workbook.xlsx`, { key: reader });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(XLSX);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="phu-luc-HN-2024-12.xlsx"; filename*=UTF-8''Ph%E1%BB%A5%20l%E1%BB%A5c%20HN%202024-12.xlsx`);
    expect(res.headers.get("etag")).toMatch(/\+xlsx"$/);
    const bytes = await bytesOf(res);
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(readZip(bytes).every((e) => e.method === 0)).toBe(true);
  });

  it("holds the seven sheets laid out from the report built against November, \"Diễn biến\" from the stored months before it", async () => {
    const texts = zipTexts(await bytesOf(await call(`${P}/2024-12/workbook.xlsx`, { key: reader })));
    const workbook = texts.get("xl/workbook.xml") ?? "";
    expect([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual(["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4", "Diễn biến", "Kiểm tra dữ liệu", "Dự thảo văn bản"]);
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'Phụ lục 2'!$6:$6</definedName>`);
    const strings = [...(texts.get("xl/sharedStrings.xml") ?? "").matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
    expect(strings).toEqual(expect.arrayContaining(["ĐIỂM TỔNG HỢP XẾP HẠNG UBND CÁC QUẬN, HUYỆN, THỊ XÃ", "UBND quận Tây Hồ", "Tăng 0.92", "Giảm 3.4", "Phụ lục 3, dòng 22, cột Tổng số"]));
    expect(strings).toEqual(expect.arrayContaining(["DIỄN BIẾN BỘ CHỈ SỐ 766 CÁC ĐƠN VỊ CỦA THÀNH PHỐ HÀ NỘI", "12 THÁNG GẦN NHẤT: TỪ THÁNG 01/2024 ĐẾN THÁNG 12/2024"]));
    // "Diễn biến": Tây Hồ's line holds November's stored 88.08 and December's 89 as numbers, and rank 1.
    const sheet5 = texts.get("xl/worksheets/sheet5.xml") ?? "";
    const tayHo = strings.indexOf("UBND quận Tây Hồ");
    const line = [...sheet5.matchAll(/<row r="\d+"[^>]*>(.*?)<\/row>/g)].map((m) => m[1] ?? "").find((r) => r.includes(`<v>${tayHo}</v>`)) ?? "";
    expect([...line.matchAll(/<c r="[A-Z]+\d+"[^>]*?>(?:<v>([^<]*)<\/v>)?<\/c>/g)].map((m) => m[1]).filter((v) => v !== undefined)).toEqual(expect.arrayContaining(["88.08", "89", "1"]));
    const sheet2 = texts.get("xl/worksheets/sheet2.xml") ?? "";
    expect(sheet2).toContain('<pane ySplit="6" topLeftCell="A7" activePane="bottomLeft" state="frozen"/>');
    // Row 7 is the first ranked unit: rank 1 and 89 points as numbers.
    const row7 = /<row r="7"[^>]*>(.*?)<\/row>/.exec(sheet2)?.[1] ?? "";
    expect([...row7.matchAll(/<c r="([A-D]7)"[^>]*?(?: t="s")?>(?:<v>([^<]*)<\/v>)?<\/c>/g)].map((m) => [m[1], m[0].includes('t="s"') ? "text" : m[2]])).toEqual([
      ["A7", "1"],
      ["B7", "text"],
      ["C7", "89"],
      ["D7", "text"],
    ]);
  });

  it("304 for the same version; a new revision changes the workbook", async () => {
    const first = await discard(call(`${P}/2024-12/workbook.xlsx`, { key: reader }));
    const etag = first.headers.get("etag") ?? "";
    const again = await discard(call(`${P}/2024-12/workbook.xlsx`, { key: reader, headers: { "if-none-match": etag } }));
    expect(again.status).toBe(304);
    const report = await discard(call(`${P}/2024-12/report`, { key: reader }));
    expect(report.headers.get("etag")).not.toBe(etag);
    const head = (await discard(call(`${P}/2024-12`, { key: writer }))).headers.get("etag") ?? "";
    const units = (december.unitScores ?? []).map((u) => (u.unit === "UBND quận Tây Hồ" ? { ...u, total: "90", statedDelta: "Tăng 1.92" } : u));
    expect((await discard(call(`${P}/2024-12`, { method: "PUT", key: writer, body: { ...december, unitScores: units }, headers: { "if-match": head } }))).status).toBe(200);
    const after = await call(`${P}/2024-12/workbook.xlsx`, { key: reader, headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    const sheet2 = zipTexts(await bytesOf(after)).get("xl/worksheets/sheet2.xml") ?? "";
    expect(sheet2).toMatch(/<c r="C7"[^>]*><v>90<\/v><\/c>/);
  });

  it("errors as the other period endpoints: 404 for a month not stored, 401 without a key, 403 for another province", async () => {
    const missing = await call(`${P}/2019-03/workbook.xlsx`, { key: reader });
    expect(missing.status).toBe(404);
    expect((await json<Envelope>(missing)).error).toMatchObject({ code: "NOT_FOUND", message: "Chưa có số liệu HN kỳ 2019-03." });
    const anonymous = await call(`${P}/2024-12/workbook.xlsx`);
    expect(anonymous.status).toBe(401);
    expect((await json<Envelope>(anonymous)).error.code).toBe("UNAUTHORIZED");
    const other = await call(`${P}/2024-12/workbook.xlsx`, { key: await makeKey("PT", "read") });
    expect(other.status).toBe(403);
    await discard(other);
    const badPeriod = await call(`${P}/2024-13/workbook.xlsx`, { key: reader });
    expect(badPeriod.status).toBe(400);
    await discard(badPeriod);
  });

  it("is in the OpenAPI document", async () => {
    const doc = await json<{ paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }> }>(await call("/openapi.json"));
    expect(Object.keys(doc.paths[`/v1/provinces/{province}/periods/{period}/workbook.xlsx`]?.get?.responses["200"]?.content ?? {})).toEqual([XLSX]);
  });
});
