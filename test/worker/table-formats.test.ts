/**
 * Issue 12 item 7 in workerd: every CSV endpoint also answers `?format=xlsx` (one sheet, numbers as
 * typed cells, texts as shared strings) and `?format=csv&locale=vi` (semicolons, decimal comma, UTF-8
 * BOM); each variant has its own ETag. (test/shared/csv-locale.test.ts opens them in LibreOffice.)
 */
import { beforeAll, describe, expect, it } from "vitest";
import { FormatSchema, LocaleSchema } from "../../worker/routes/periods";
import { readZip } from "../zip-reader";
import { call, discard, json, makeKey, seedMonths, XLSX_TYPE, type Envelope } from "./helpers";

const { december, november } = seedMonths();
const P = "/v1/provinces/HN/periods";
const XLSX = XLSX_TYPE;

let writer = "";
beforeAll(async () => {
  writer = await makeKey("HN", "read,write");
  for (const [period, body] of [["2024-11", november], ["2024-12", december]] as const) {
    const res = await discard(call(`${P}/${period}`, { method: "PUT", key: writer, body }));
    expect([200, 201]).toContain(res.status);
  }
  expect((await discard(call("/v1/national/periods/2026-08/fetch", { method: "POST", key: writer }))).status).toBe(201);
});

type XCell = { type: "n"; value: number } | { type: "s"; value: string };

/** The first sheet of an .xlsx answer: "A1" → typed value (numbers from <v>, texts from the shared strings). */
async function sheetOf(res: Response): Promise<Map<string, XCell>> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe(XLSX);
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.xlsx"$/);
  const files = new Map(readZip(new Uint8Array(await res.arrayBuffer())).map((e) => [e.name, new TextDecoder().decode(e.data)]));
  const strings = [...(files.get("xl/sharedStrings.xml") ?? "").matchAll(/<si><t[^>]*>([\s\S]*?)<\/t><\/si>/g)].map((m) => (m[1] ?? "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
  const cells = new Map<string, XCell>();
  for (const m of (files.get("xl/worksheets/sheet1.xml") ?? "").matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const v = /<v>([^<]*)<\/v>/.exec(m[3] ?? "")?.[1];
    if (v === undefined) continue;
    cells.set(m[1] ?? "", /t="s"/.test(m[2] ?? "") ? { type: "s", value: strings[Number(v)] ?? "?" } : { type: "n", value: Number(v) });
  }
  return cells;
}

async function viLines(res: Response): Promise<string[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes.slice(3)).split("\r\n");
}

describe("?format=xlsx and ?format=csv&locale=vi", () => {
  it("rankings: typed numbers in the .xlsx; semicolons and decimal commas in the vi CSV", async () => {
    const book = await sheetOf(await call(`${P}/2024-12/rankings?format=xlsx`, { key: writer }));
    expect(book.get("A1")).toEqual({ type: "s", value: "Hạng" });
    expect(book.get("C2")).toEqual({ type: "s", value: "UBND quận Tây Hồ" });
    expect([book.get("A2"), book.get("D2"), book.get("E2"), book.get("F2")]).toEqual([{ type: "n", value: 1 }, { type: "n", value: 89 }, { type: "n", value: 88.08 }, { type: "n", value: 0.92 }]);
    expect(book.get("F3")).toEqual({ type: "n", value: -3.4 });
    expect(book.get("G2")).toEqual({ type: "s", value: "Tăng 0.92" });

    const lines = await viLines(await call(`${P}/2024-12/rankings?format=csv&locale=vi`, { key: writer }));
    expect(lines[0]).toBe("Hạng;Mã đơn vị;Tên đơn vị;Số điểm;Điểm kỳ trước;Tăng/giảm;So với kỳ trước");
    expect(lines[1]).toBe("1;HN.D.TAY_HO;UBND quận Tây Hồ;89;88,08;0,92;Tăng 0.92");
    expect(lines[2]).toBe("2;HN.D.PHU_XUYEN;UBND huyện Phú Xuyên;82,11;85,51;-3,4;Giảm 3.4");
    expect(lines).toHaveLength(32);
    // locale=en is the plain CSV.
    const en = await (await call(`${P}/2024-12/rankings?format=csv&locale=en`, { key: writer })).text();
    expect(en.split("\r\n")[1]).toBe("1,HN.D.TAY_HO,UBND quận Tây Hồ,89,88.08,0.92,Tăng 0.92");
  });

  it("each variant has its own ETag, and a 304 for its own", async () => {
    const tags = new Set<string>();
    for (const q of ["format=csv", "format=csv&locale=vi", "format=xlsx", "format=json"]) {
      const res = await discard(call(`${P}/2024-12/rankings?${q}`, { key: writer }));
      const tag = res.headers.get("etag") ?? "";
      expect(tag, q).not.toBe("");
      tags.add(tag);
      expect((await discard(call(`${P}/2024-12/rankings?${q}`, { key: writer, headers: { "if-none-match": tag } }))).status, q).toBe(304);
    }
    expect(tags.size).toBe(4);
  });

  it("appendices: joined column titles, counts as numbers", async () => {
    const book = await sheetOf(await call(`${P}/2024-12/appendices/3?format=xlsx`, { key: writer }));
    expect(book.get("B1")).toEqual({ type: "s", value: "Tên đơn vị" });
    expect(book.get("B2")).toEqual({ type: "s", value: "Sở Tư pháp" });
    expect(book.get("C2")).toEqual({ type: "n", value: 11212 });
    const pl1 = await viLines(await call(`${P}/2024-12/appendices/1?format=csv&locale=vi`, { key: writer }));
    expect(pl1[1]).toBe("1;Tổng hợp;62,28;1,29");
    const pl3 = await viLines(await call(`${P}/2024-12/appendices/3?format=csv&locale=vi`, { key: writer }));
    expect(pl3[1]).toBe("1;Sở Tư pháp;11212;;");
  });

  it("history with include=units, and one unit's history", async () => {
    const book = await sheetOf(await call("/v1/provinces/HN/history?from=2024-11&to=2024-12&include=units&format=xlsx", { key: writer }));
    expect(book.get("A1")).toEqual({ type: "s", value: "Mã đơn vị" });
    expect(book.get("F1")).toEqual({ type: "s", value: "Tổng điểm" });
    const totals = [...book].filter(([ref]) => /^F\d+$/.test(ref) && ref !== "F1").map(([, c]) => c);
    expect(totals.length).toBeGreaterThan(10);
    expect(totals.every((c) => c.type === "n")).toBe(true);
    const lines = await viLines(await call("/v1/provinces/HN/history?from=2024-11&to=2024-12&include=units&format=csv&locale=vi", { key: writer }));
    expect(lines[0]?.split(";")[5]).toBe("Tổng điểm");
    const tayHo = lines.filter((l) => l.startsWith("HN.D.TAY_HO;"));
    expect(tayHo.map((l) => l.split(";")[5])).toEqual(["88,08", "89"]);
    const province = await sheetOf(await call("/v1/provinces/HN/history?from=2024-11&to=2024-12&format=xlsx", { key: writer }));
    expect(province.get("A2")).toEqual({ type: "s", value: "2024-11" });
    expect(province.get("D3")).toEqual({ type: "n", value: 62.28 });
    const unit = await sheetOf(await call("/v1/provinces/HN/units/HN.D.TAY_HO/history?from=2024-11&to=2024-12&format=xlsx", { key: writer }));
    expect([unit.get("F2"), unit.get("F3")]).toEqual([{ type: "n", value: 88.08 }, { type: "n", value: 89 }]);
  });

  it("national summary and the province list", async () => {
    const book = await sheetOf(await call("/v1/national/periods/2026-08?format=xlsx"));
    expect(book.get("C1")).toEqual({ type: "s", value: "Tỉnh, thành phố" });
    const hnRow = [...book].find(([ref, c]) => /^B\d+$/.test(ref) && c.type === "s" && c.value === "HN")?.[0].slice(1);
    expect(book.get(`D${hnRow}`)).toEqual({ type: "n", value: 54.79 });
    const lines = await viLines(await call("/v1/national/periods/2026-08?format=csv&locale=vi"));
    // A field with a comma is still quoted (harmless with semicolons; the same rule as the plain CSV).
    expect(lines[0]?.startsWith('Hạng;Mã;"Tỉnh, thành phố";Tổng điểm;')).toBe(true);
    expect(lines.find((l) => l.split(";")[1] === "HN")?.split(";")[3]).toBe("54,79");

    const list = await sheetOf(await call("/v1/provinces?format=xlsx"));
    expect(list.get("A1")).toEqual({ type: "s", value: "Mã" });
    expect([...list.keys()].filter((r) => /^A\d+$/.test(r))).toHaveLength(35);
    const vi = await viLines(await call("/v1/provinces?format=csv&locale=vi"));
    expect(vi[0]).toBe("Mã;Mã trên Cổng;Tên;Tên ngắn;Mã đơn vị gốc trên Cổng");
    expect(vi.filter(Boolean)).toHaveLength(35);
  });

  it("an unknown format or locale → 400 naming the query field", async () => {
    for (const q of ["format=ods", "format=csv&locale=fr"]) {
      const res = await call(`${P}/2024-12/rankings?${q}`, { key: writer });
      expect(res.status, q).toBe(400);
      const body = await json<Envelope>(res);
      expect(body.error.issues[0]?.path).toMatch(/^query\.(format|locale)$/);
    }
  });

  it("the OpenAPI document offers the same formats and locales wherever it offers a format", async () => {
    type Param = { name: string; schema: { enum?: string[] } };
    const doc = await json<{ paths: Record<string, Record<string, { parameters?: Param[]; responses: Record<string, { content?: Record<string, unknown> }> }>> }>(await call("/openapi.json"));
    const withFormat = Object.entries(doc.paths).flatMap(([p, ops]) => Object.values(ops).filter((op) => op.parameters?.some((x) => x.name === "format")).map((op) => [p, op] as const));
    expect(withFormat.map(([p]) => p)).toEqual(expect.arrayContaining(["/v1/provinces", "/v1/national/periods/{period}", "/v1/provinces/{province}/periods/{period}/rankings", "/v1/provinces/{province}/periods/{period}/appendices/{n}", "/v1/provinces/{province}/history", "/v1/provinces/{province}/units/{unit}/history"]));
    for (const [p, op] of withFormat) {
      expect(op.parameters?.find((x) => x.name === "format")?.schema.enum, p).toEqual(FormatSchema.def.innerType.options);
      expect(op.parameters?.find((x) => x.name === "locale")?.schema.enum, p).toEqual(LocaleSchema.def.innerType.options);
      expect(Object.keys(op.responses["200"]?.content ?? {}), p).toEqual(expect.arrayContaining(["text/csv", XLSX]));
    }
  });
});
