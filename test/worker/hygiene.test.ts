/**
 * Issue 12 items 4 and 5 in workerd: bounded figures (400 with the JSON path and a Vietnamese message
 * naming the field), UTF-8 only (415 for another charset or media type, 400 naming the byte offset of
 * invalid UTF-8, nothing stored), the revision checksum over the canonical form GET returns, and CSV
 * cells a spreadsheet would run as formulas neutralised through the rankings and appendices endpoints.
 */
import { env, exports } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { seedReportInput } from "../../samples/seed-000-input";
import { PutPeriodSchema } from "../../shared/api-schema";
import { StoredPeriodSchema } from "../../shared/api-responses";
import { canonicalJson, writeRevision } from "../../worker/db/periods";
import { sha256Hex } from "../../worker/hash";
import { contentChecksum } from "../../worker/schedule";
import { invalidUtf8Offset } from "../../worker/validate";
import { BASE, call, discard, json, makeKey, type Envelope } from "./helpers";

const P = "/v1/provinces/HN/periods";
let writer = "";
beforeAll(async () => {
  writer = await makeKey("HN", "read,write");
});

const GARBAGE = /NaN|Infinity|\d[eE][+-]\d/;
const seed = seedReportInput();
const { province, period, ...rest } = seed;
const reportBody = (patch: (b: Record<string, unknown>) => void) => {
  const body: Record<string, unknown> = structuredClone({ province, period: String(period), ...rest });
  patch(body);
  return body;
};
const firstUnit = (b: Record<string, unknown>) => (b["unitScores"] as Record<string, unknown>[])[0] as Record<string, unknown>;

async function rawPut(path: string, bytes: Uint8Array | string, contentType: string): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}${path}`, { method: "PUT", headers: { authorization: `Bearer ${writer}`, "content-type": contentType }, body: bytes }));
}

describe("bounded figures", () => {
  it.each([
    ["1.7e308", 1.7e308],
    ["1e100", 1e100],
    ["1e16", 1e16],
    ["-1", -1],
    ["100.01", 100.01],
  ])("a unit total of %s is a 400 naming body.unitScores.0.total", async (_name, total) => {
    const res = await call("/v1/reports", { body: reportBody((b) => (firstUnit(b)["total"] = total)) });
    expect(res.status).toBe(400);
    const { error } = await json<Envelope>(res);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.issues).toEqual([{ path: "body.unitScores.0.total", code: expect.stringMatching(/too_(big|small)/), message: "Tổng điểm phải từ 0 đến 100 điểm" }]);
  });

  it("groups against their own maxima, counts as integers 0…10⁹, rates 0–100, stated deltas, the letter, the history", async () => {
    const res = await call("/v1/reports", {
      body: reportBody((b) => {
        firstUnit(b)["groups"] = { CKMB: 18.01, TTTT: 10 };
        firstUnit(b)["indicators"] = { DOSSIER_SYNC: { numerator: 1.5, denominator: 2e9, rate: 120, points: 1 } };
        firstUnit(b)["statedDelta"] = -100.5;
        (b["overdueDossiers"] as Record<string, unknown>[])[0] = { unit: "Sở Tư pháp", total: -3 };
        b["letter"] = { total: 62.28, rank: 1e12 };
        b["options"] = { history: [{ period: "2024-11", total: 1e100 }] };
      }),
    });
    expect(res.status).toBe(400);
    const { error } = await json<Envelope>(res);
    const byPath = Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
    expect(byPath).toEqual({
      "body.unitScores.0.groups.CKMB": "Điểm nhóm “Công khai, minh bạch” phải từ 0 đến 18 điểm",
      "body.unitScores.0.indicators.DOSSIER_SYNC.numerator": "Tử số phải là số nguyên từ 0 đến 1.000.000.000",
      "body.unitScores.0.indicators.DOSSIER_SYNC.denominator": "Mẫu số phải là số nguyên từ 0 đến 1.000.000.000",
      "body.unitScores.0.indicators.DOSSIER_SYNC.rate": "Tỷ lệ phải từ 0 đến 100 %",
      "body.unitScores.0.statedDelta": "Mức tăng/giảm điểm phải từ -100 đến 100",
      "body.overdueDossiers.0.total": "Số hồ sơ quá hạn phải là số nguyên từ 0 đến 1.000.000.000",
      "body.letter.rank": "Xếp hạng ghi trong văn bản phải là số nguyên từ 0 đến 1.000.000.000",
      "body.options.history.0.total": "Tổng điểm kỳ đã lưu phải từ 0 đến 100 điểm",
    });
  });

  it("a PUT with a figure out of bounds stores nothing", async () => {
    const res = await call(`${P}/2022-03`, { method: "PUT", key: writer, body: { unitScores: [{ unit: "UBND quận Tây Hồ", total: 1.7e308 }] } });
    expect(res.status).toBe(400);
    expect((await json<Envelope>(res)).error.issues[0]?.path).toBe("body.unitScores.0.total");
    expect((await discard(call(`${P}/2022-03`, { key: writer }))).status).toBe(404);
  });

  it("a revision stored before the bounds (out of range) still reads back, and the add-in's response schema takes it", async () => {
    const body = { unitScores: [{ unit: "UBND quận Tây Hồ", total: 150, groups: { CKMB: 19 } }] };
    await writeRevision(env.DB, { province: "HN", period: "2022-06", expectedRevision: null, body, createdBy: "trước issue 12", now: "2026-11-01T00:00:00Z" });
    const res = await call(`${P}/2022-06`, { key: writer });
    expect(res.status).toBe(200);
    const got = await json(res);
    expect(StoredPeriodSchema.safeParse(got).success).toBe(true);
    expect(PutPeriodSchema.safeParse((got as { datasets: unknown }).datasets).success).toBe(false);
  });

  it("text cells are the engine's: 10000000000000000 as text is an issue at the cell, the report prints no garbage", async () => {
    const res = await call("/v1/reports", { body: reportBody((b) => (firstUnit(b)["total"] = "10000000000000000")) });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(GARBAGE);
    const report = JSON.parse(text) as { issues: { code: string; location: { dataset: string; row?: number; column?: string }; message: string }[] };
    const found = report.issues.find((i) => i.code === "FIGURE_OUT_OF_BOUNDS");
    expect(found?.location).toMatchObject({ dataset: "unitScores", row: 1, column: "total" });
    expect(found?.message).toBe('Phụ lục 2, dòng 1 (UBND quận Tây Hồ), cột "Tổng số": số quá lớn vượt giới hạn ±1.000.000.000; bỏ qua số này.');
  });
});

describe("bytes in: application/json in UTF-8 only", () => {
  const body = JSON.stringify({ unitScores: [{ unit: "UBND quận Tây Hồ", total: 89 }] });

  it.each(["application/json; charset=iso-8859-1", "application/json; charset=utf-16", "application/json;charset=windows-1258"])("%s → 415", async (type) => {
    const res = await rawPut(`${P}/2022-04`, body, type);
    expect(res.status).toBe(415);
    const { error } = await json<Envelope>(res);
    expect(error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(error.message).toMatch(/UTF-8/);
  });

  it.each(["text/plain", "application/vnd.api+json", "application/x-www-form-urlencoded", "application/jsonx", ""])("content type %j → 415", async (type) => {
    const res = await rawPut(`${P}/2022-04`, body, type);
    expect(res.status).toBe(415);
    expect((await json<Envelope>(res)).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("application/json with charset=utf-8 in any spelling is taken", async () => {
    expect((await discard(call("/v1/reports", { body: { province: "HN", period: "2024-12" }, headers: { "content-type": 'Application/JSON; Charset="UTF-8"' } }))).status).toBe(200);
    expect((await discard(call("/v1/reports", { body: { province: "HN", period: "2024-12" }, headers: { "content-type": "application/json;charset=utf8" } }))).status).toBe(200);
    expect((await discard(call("/v1/reports", { body: { province: "HN", period: "2024-12" }, headers: { "content-type": "application/json" } }))).status).toBe(200);
  });

  it.each([
    ["a lone 0xFF", [0xff]],
    ["a truncated sequence", [0xe1, 0xba]],
    ["an overlong slash", [0xc0, 0xaf]],
    ["a surrogate", [0xed, 0xa0, 0x80]],
    ["latin-1 ồ", [0xf6]],
  ])("invalid UTF-8 (%s) → 400 naming the byte offset, nothing stored", async (_name, bad) => {
    const prefix = new TextEncoder().encode('{"unitScores":[{"unit":"UBND quận Tây Hồ ');
    const suffix = new TextEncoder().encode('","total":89}]}');
    const bytes = new Uint8Array([...prefix, ...bad, ...suffix]);
    const res = await rawPut(`${P}/2022-05`, bytes, "application/json");
    expect(res.status).toBe(400);
    const { error } = await json<Envelope>(res);
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain(`byte thứ ${prefix.length} (đếm từ 0)`);
    expect(error.issues).toEqual([{ path: "body", code: "INVALID_UTF8", message: expect.stringContaining(`byte thứ ${prefix.length}`) }]);
    expect((await discard(call(`${P}/2022-05`, { key: writer }))).status).toBe(404);
  });

  it("the offset finder agrees with the platform's fatal decoder on any bytes", () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 24 }),
      fc.tuple(fc.string({ unit: "grapheme", maxLength: 8 }), fc.uint8Array({ maxLength: 4 }), fc.string({ maxLength: 4 })).map(([a, b, c]) => new Uint8Array([...new TextEncoder().encode(a), ...b, ...new TextEncoder().encode(c)])),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        let valid = true;
        try {
          new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(b);
        } catch {
          valid = false;
        }
        const offset = invalidUtf8Offset(b);
        expect(offset === -1).toBe(valid);
        if (!valid) {
          // Everything before the offset decodes; the offset starts the first bad sequence.
          expect(() => new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(b.slice(0, offset))).not.toThrow();
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("bytes out: the checksum is over what GET returns", () => {
  const bodies: [string, Record<string, unknown>][] = [
    ["empty arrays and an empty dataTimestamp", { dataTimestamp: "", unitScores: [], overdueDossiers: [{ unit: "Sở Tư pháp", total: 3 }], overduePetitions: [] }],
    ["missing fields, a note", { unitScores: [{ unit: "UBND quận Tây Hồ", total: 89 }], note: "ghi chú" }],
    ["an empty summary and letter, empty strings in cells", { summary: {}, letter: {}, unitScores: [{ unit: "UBND quận Tây Hồ", total: "", groups: {} }], dataTimestamp: "2024-12-31T08:00:00+07:00" }],
    ["nothing at all", {}],
  ];
  it.each(bodies)("%s: sha256(canonicalJson(GET's datasets)) equals the stored checksum", async (_name, body) => {
    const month = `2021-${String(bodies.findIndex(([n]) => n === _name) + 1).padStart(2, "0")}`;
    const put = await call(`${P}/${month}`, { method: "PUT", key: writer, body });
    expect(put.status).toBe(201);
    const written = await json<{ checksum: string; etag: string }>(put);
    const got = await json<{ checksum: string; etag: string; datasets: Record<string, unknown>; dataTimestamp: string | null }>(await call(`${P}/${month}`, { key: writer }));
    expect(got.checksum).toBe(written.checksum);
    expect(await sha256Hex(canonicalJson(got.datasets))).toBe(got.checksum);
    // The answer carries no empty dataset and no empty timestamp, and no note.
    for (const v of Object.values(got.datasets)) if (Array.isArray(v)) expect(v.length).toBeGreaterThan(0);
    expect(got.datasets["dataTimestamp"]).not.toBe("");
    expect(got.datasets).not.toHaveProperty("note");
    const list = await json<{ revisions: { checksum: string }[] }>(await call(`${P}/${month}/revisions`, { key: writer }));
    expect(list.revisions[0]?.checksum).toBe(got.checksum);
  });

  it("the snapshot's change detection sees a fetch with empty datasets as equal to what GET returns", async () => {
    const stored = { summary: { total: 62.28 }, unitScores: [{ unit: "UBND quận Tây Hồ", total: 89 }] };
    expect(await contentChecksum({ ...stored, overdueDossiers: [], overduePetitions: [], dataTimestamp: "" })).toBe(await contentChecksum(stored));
    expect(await contentChecksum({ ...stored, unitScores: [{ unit: "UBND quận Tây Hồ", total: 90 }] })).not.toBe(await contentChecksum(stored));
  });
});

describe("CSV cells a spreadsheet would run are neutralised", () => {
  // Distinct after folding (the engine keys an unknown unit by its folded name: "+1" and "＝1" would be one unit).
  const NAMES = ['=HYPERLINK("http://x.test","bấm")', " +1", "＝SUM(9)", "|cmd", "－2", "＠SUM(A1)"];
  beforeAll(async () => {
    const res = await call(`${P}/2021-12`, {
      method: "PUT",
      key: writer,
      body: { unitScores: [{ unit: "UBND quận Tây Hồ", total: 89 }, ...NAMES.map((unit, i) => ({ unit, total: 50 + i }))] },
    });
    expect(res.status).toBe(201);
    await res.body?.cancel();
  });

  function cellsOf(csv: string): string[][] {
    // RFC 4180 as toCsv writes it: fields quoted when they hold a comma, a quote or a line break.
    const rows: string[][] = [];
    for (const line of csv.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean)) {
      const cells: string[] = [];
      const re = /("(?:[^"]|"")*"|[^,]*)(?:,|$)/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line)) && m.index < line.length) {
        const f = m[1] ?? "";
        cells.push(f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f);
      }
      rows.push(cells);
    }
    return rows;
  }

  it.each([
    ["rankings", `${P}/2021-12/rankings?format=csv`],
    ["Phụ lục 2", `${P}/2021-12/appendices/2?format=csv`],
  ])("%s: every such name carries the ' prefix; numbers stay numbers", async (_name, path) => {
    const res = await call(path, { key: writer });
    expect(res.status).toBe(200);
    const cells = cellsOf(await res.text()).flat();
    // The engine trims a unit's name (" +1" is shown as "+1"); leading spaces before a formula
    // character are covered by test/shared/csv.test.ts.
    for (const name of NAMES) {
      expect(cells).toContain(`'${name.trim()}`);
      expect(cells).not.toContain(name.trim());
    }
    expect(cells).toContain("89");
    for (const c of cells) expect(/^\s*[=+\-@|＝＋－＠｜]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c)).toBe(false);
  });
});
