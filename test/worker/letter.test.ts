/**
 * The letter as a Word document (issue 14), in real workerd with real D1: the province's letter
 * settings (GET default / PUT with If-Match), GET …/letter.docx of the stored Hà Nội sample months (a
 * valid .docx whose word/document.xml holds the headline and the four appendices), the remedial requests
 * from the planner on a portal month with indicators, and the short-lived signed link (valid within its
 * 5 minutes, refused after them — the clock set by vi.setSystemTime — or when any part of it is changed).
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { HA_NOI_LETTER_SETTINGS } from "../../shared";
import { call, discard, json, makeKey, seedMonths, type Envelope } from "./helpers";
import { documentXml, paragraphTexts, zipEntries } from "./docx-reader";

const { december, november } = seedMonths();
const P = "/v1/provinces/HN/periods";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const HEADLINE_DEC = "- Tổng số điểm Thành phố đạt được tháng 12/2024: 62.28/100 điểm (tăng 1.29 điểm so với tháng 11/2024), xếp hạng 61/63 tỉnh, thành phố*";
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const APPENDIX_TITLES_DEC = ["BIỂU TỔNG HỢP KẾT QUẢ CHUNG THÁNG 12/2024", "ĐIỂM TỔNG HỢP XẾP HẠNG UBND CÁC QUẬN, HUYỆN, THỊ XÃ", "HỒ SƠ XỬ LÝ QUÁ HẠN THÁNG 12/2024", "PAKN QUÁ HẠN TIẾP NHẬN VÀ XỬ LÝ TRÊN HỆ THỐNG PAKN"];

let writer = "";
let reader = "";
let ptWriter = "";
beforeAll(async () => {
  writer = await makeKey("HN", "read,write");
  reader = await makeKey("HN", "read");
  ptWriter = await makeKey("PT", "read,write");
  for (const [period, body] of [["2024-11", november], ["2024-12", december]] as const) {
    const head = await discard(call(`${P}/${period}`, { key: writer }));
    const etag = head.status === 200 ? head.headers.get("etag") : null;
    const put = await discard(call(`${P}/${period}`, { method: "PUT", key: writer, body, headers: etag ? { "if-match": etag } : {} }));
    expect([200, 201]).toContain(put.status);
  }
  // Phú Thọ 08/2026 from the recorded portal (every indicator of every unit): the planner's month.
  const fetched = await discard(call("/v1/provinces/PT/periods/2026-08/fetch", { method: "POST", key: ptWriter }));
  expect([200, 201]).toContain(fetched.status);
});

afterEach(() => {
  vi.useRealTimers();
});

async function docxOf(res: Response): Promise<string[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe(DOCX);
  return paragraphTexts(await documentXml(new Uint8Array(await res.arrayBuffer())));
}

const settingsCount = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM letter_settings").first<{ n: number }>())?.n;

describe("GET …/letter.docx of the stored Hà Nội sample months", () => {
  it("December: a valid .docx (every entry's CRC), named in ASCII and in Vietnamese, with the headline and the four appendices", async () => {
    const res = await call(`${P}/2024-12/letter.docx`, { key: reader });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="Van-ban-766-HN-2024-12.docx"; filename*=UTF-8''V%C4%83n%20b%E1%BA%A3n%20766%20HN%202024-12.docx`);
    expect(res.headers.get("etag")).toMatch(/\+lsd[0-9a-f]{12}\+m-\+docx"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const entries = await zipEntries(bytes);
    expect([...entries.keys()]).toEqual(expect.arrayContaining(["[Content_Types].xml", "word/document.xml", "word/styles.xml"]));
    const texts = paragraphTexts(await documentXml(bytes));
    // The header block (Hà Nội's default settings), the headline figures from the report, the signer.
    expect(texts).toEqual(expect.arrayContaining(["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI", "Số:       /UBND-KSTTHC", "Hà Nội, ngày      tháng      năm 2025", HEADLINE_DEC, "Hà Minh Hải"]));
    expect(texts).toContain(
      "- Điểm tổng hợp, xếp hạng UBND các quận, huyện, thị xã (chi tiết tại Phụ lục 2 kèm theo): cao nhất là UBND quận Tây Hồ (89 điểm), thấp nhất là UBND quận Hoàn Kiếm (63.08 điểm)",
    );
    for (const n of [1, 2, 3, 4]) expect(texts, `Phụ lục ${n}`).toContain(`Phụ lục ${n}`);
    expect(texts).toEqual(expect.arrayContaining(APPENDIX_TITLES_DEC));
    // Phụ lục 2's first ranked row, as the appendix prints it.
    expect(texts).toEqual(expect.arrayContaining(["UBND quận Tây Hồ", "Tăng 0.92"]));
    // No plan figures in a month without indicators: the settings' requests, lettered.
    expect(texts).toContain("Để tiếp tục phát huy những kết quả đạt được và khắc phục những tiêu chí đạt tỷ lệ thấp, UBND Thành phố đề nghị:");
  });

  it("November: its own headline and the four appendices", async () => {
    const texts = await docxOf(await call(`${P}/2024-11/letter.docx`, { key: reader }));
    // The revision's capture time is its data moment: the headline carries the asterisk of "* Số liệu được tính tại thời điểm …".
    expect(texts).toContain("- Tổng số điểm Thành phố đạt được tháng 11/2024: 60.99/100 điểm*");
    expect(texts.some((t) => t.startsWith("* Số liệu được tính tại thời điểm "))).toBe(true);
    expect(texts).toEqual(expect.arrayContaining(["BIỂU TỔNG HỢP KẾT QUẢ CHUNG THÁNG 11/2024", "ĐIỂM TỔNG HỢP XẾP HẠNG UBND CÁC QUẬN, HUYỆN, THỊ XÃ", "HỒ SƠ XỬ LÝ QUÁ HẠN THÁNG 11/2024", "PAKN QUÁ HẠN TIẾP NHẬN VÀ XỬ LÝ TRÊN HỆ THỐNG PAKN"]));
  });

  it("?number=&date=: the văn thư's number and date in the header and every appendix's attach line; another ETag", async () => {
    const plain = await discard(call(`${P}/2024-12/letter.docx`, { key: reader }));
    const res = await call(`${P}/2024-12/letter.docx?number=193&date=2025-01-17`, { key: reader });
    expect(res.headers.get("etag")).not.toBe(plain.headers.get("etag"));
    const texts = await docxOf(res);
    expect(texts).toEqual(expect.arrayContaining(["Số: 193/UBND-KSTTHC", "Hà Nội, ngày 17 tháng 01 năm 2025"]));
    expect(texts.filter((t) => t === "(Kèm theo văn bản số 193/UBND-KSTTHC ngày 17/01/2025 của UBND thành phố Hà Nội)")).toHaveLength(4);
  });

  it("304 on If-None-Match; ?revision=n of a revision that does not exist is a 404; a bad date a 400 naming query.date", async () => {
    const first = await discard(call(`${P}/2024-12/letter.docx`, { key: reader }));
    const etag = first.headers.get("etag") ?? "";
    const again = await call(`${P}/2024-12/letter.docx`, { key: reader, headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    await discard(again);
    expect((await discard(call(`${P}/2024-12/letter.docx?revision=1`, { key: reader }))).status).toBe(200);
    const missing = await call(`${P}/2024-12/letter.docx?revision=99`, { key: reader });
    expect(missing.status).toBe(404);
    expect((await json<Envelope>(missing)).error.message).toContain("Không có bản số 99 của kỳ 2024-12");
    const bad = await call(`${P}/2024-12/letter.docx?date=17-01-2025`, { key: reader });
    expect(bad.status).toBe(400);
    expect((await json<Envelope>(bad)).error.issues).toEqual([{ path: "query.date", code: "invalid_format", message: "Ngày văn bản (date) dạng YYYY-MM-DD, ví dụ 2025-01-17" }]);
  });

  it("no key → 401; a key of another province → 403; a month not stored → 404", async () => {
    const anon = await call(`${P}/2024-12/letter.docx`);
    expect(anon.status).toBe(401);
    expect((await json<Envelope>(anon)).error.code).toBe("UNAUTHORIZED");
    const other = await call(`${P}/2024-12/letter.docx`, { key: ptWriter });
    expect(other.status).toBe(403);
    expect((await json<Envelope>(other)).error.message).toBe("Khóa truy cập này chỉ dùng cho tỉnh, thành phố PT.");
    expect((await discard(call(`${P}/2024-10/letter.docx`, { key: reader }))).status).toBe(404);
  });
});

describe("a month with indicators: the remedial requests come from the planner", () => {
  it("Phú Thọ 08/2026: the generic settings built from the name, the first request block the plan's paragraphs per weak group", async () => {
    const texts = await docxOf(await call("/v1/provinces/PT/periods/2026-08/letter.docx", { key: ptWriter }));
    expect(texts).toEqual(expect.arrayContaining(["ỦY BAN NHÂN DÂN", "TỈNH PHÚ THỌ", "Phú Thọ, ngày      tháng      năm 2026"]));
    expect(texts).toContain("Để tiếp tục phát huy những kết quả đạt được và khắc phục những tiêu chí đạt tỷ lệ thấp, UBND Tỉnh đề nghị:");
    expect(texts).toContain("1. Giám đốc, Thủ trưởng các Sở, ban, ngành Tỉnh, Chủ tịch UBND các xã, phường");
    const planned = texts.filter((t) => /^[abc]\) Nhóm chỉ số /.test(t)).map((t) => t.slice(0, t.indexOf(":")));
    expect(planned).toEqual(["a) Nhóm chỉ số Số hóa hồ sơ (8.24/22 điểm, đạt 37,5%)", "b) Nhóm chỉ số Công khai, minh bạch (7.96/18 điểm, đạt 44,2%)", "c) Nhóm chỉ số Thanh toán trực tuyến (6.25/10 điểm, đạt 62,5%)"]);
    // The settings' own first block is replaced, the second kept.
    expect(texts.some((t) => t.startsWith("a) Thường xuyên theo dõi mục “Quyết định công bố”"))).toBe(false);
    expect(texts).toContain("2. Văn phòng UBND Tỉnh: Công khai kết quả trên Cổng thông tin điện tử của Tỉnh theo đúng chỉ đạo của Thủ tướng Chính phủ.");
  });
});

describe("letter settings: GET the default, PUT with If-Match", () => {
  it("Hà Nội without stored settings: its default (văn bản 193), version 0, ETag and 304", async () => {
    const res = await call("/v1/provinces/HN/letter-settings", { key: reader });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"ls-HN-v0"');
    expect(await json(res)).toEqual({ province: "HN", source: "default", version: 0, updatedAt: null, updatedBy: null, settings: JSON.parse(JSON.stringify(HA_NOI_LETTER_SETTINGS)) });
    const cached = await discard(call("/v1/provinces/HN/letter-settings", { key: reader, headers: { "if-none-match": '"ls-HN-v0"' } }));
    expect(cached.status).toBe(304);
  });

  it("another province: the generic default from its name; an unknown one 404; no key 401; another province's key 403", async () => {
    const pt = await json<{ settings: { issuer: string[]; issuerName: string; place: string; signerName: string } }>(await call("/v1/provinces/PT/letter-settings", { key: ptWriter }));
    expect(pt.settings).toMatchObject({ issuer: ["ỦY BAN NHÂN DÂN", "TỈNH PHÚ THỌ"], issuerName: "UBND tỉnh Phú Thọ", place: "Phú Thọ", signerName: "" });
    const star = await makeKey("*", "read");
    expect((await discard(call("/v1/provinces/ZZ/letter-settings", { key: star }))).status).toBe(404);
    expect((await discard(call("/v1/provinces/HN/letter-settings"))).status).toBe(401);
    expect((await discard(call("/v1/provinces/HN/letter-settings", { key: ptWriter }))).status).toBe(403);
  });

  it("PUT refuses a read key (403) and invalid settings (400, every issue named by its JSON path in Vietnamese); nothing is stored", async () => {
    const before = await settingsCount();
    const ro = await call("/v1/provinces/HN/letter-settings", { method: "PUT", key: reader, body: HA_NOI_LETTER_SETTINGS });
    expect(ro.status).toBe(403);
    await discard(ro);
    const bad = {
      ...HA_NOI_LETTER_SETTINGS,
      issuer: [],
      symbol: "UBND/KSTTHC",
      place: "   ",
      recipients: Array.from({ length: 21 }, (_, i) => `Nơi nhận ${i + 1}`),
      requests: [{ heading: "Văn phòng", items: ["x".repeat(3001)] }],
      signerName: 5,
      extra: true,
    };
    const res = await call("/v1/provinces/HN/letter-settings", { method: "PUT", key: writer, body: bad });
    expect(res.status).toBe(400);
    const { error } = await json<Envelope>(res);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.issues.map((i) => [i.path, i.message])).toEqual(
      expect.arrayContaining([
        ["body.issuer", "Cơ quan ban hành (issuer) cần ít nhất 1 dòng"],
        ["body.symbol", "Ký hiệu văn bản (symbol) không có dấu cách hay dấu /, ví dụ UBND-KSTTHC"],
        ["body.place", "Địa danh (place) không được để trống"],
        ["body.recipients", "Nơi nhận (recipients) tối đa 20 dòng"],
        ["body.requests.0.items.0", "Yêu cầu tối đa 3.000 ký tự"],
        ["body.signerName", "Họ tên người ký (signerName) phải là chữ (chuỗi JSON)"],
        ["body", "Trường không được hỗ trợ: extra"],
      ]),
    );
    expect(await settingsCount()).toBe(before);
  });

  it("round trip on Phú Thọ: PUT (first, no If-Match) → GET → the issuing body changes in the document; 428 without If-Match, 409 stale, nothing overwritten", async () => {
    const url = "/v1/provinces/PT/letter-settings";
    const defaults = await json<{ settings: Record<string, unknown> }>(await call(url, { key: ptWriter }));
    const docxBefore = await discard(call("/v1/provinces/PT/periods/2026-08/letter.docx", { key: ptWriter }));
    const mine = { ...defaults.settings, issuer: ["ỦY BAN NHÂN DÂN", "TỈNH PHÚ THỌ", "SỞ THỬ NGHIỆM"], issuerName: "Sở Thử nghiệm tỉnh Phú Thọ", signerName: "Nguyễn Văn Thử" };
    const first = await call(url, { method: "PUT", key: ptWriter, body: mine, headers: { "if-match": '"ls-PT-v0"' } });
    expect(first.status).toBe(201);
    expect(first.headers.get("etag")).toBe('"ls-PT-v1"');
    expect(await json(first)).toMatchObject({ province: "PT", source: "stored", version: 1, settings: mine });
    const got = await json<{ source: string; updatedBy: string; settings: unknown }>(await call(url, { key: ptWriter }));
    expect(got).toMatchObject({ source: "stored", settings: mine });
    expect(got.updatedBy).toMatch(/^test \d+$/);

    const res = await call("/v1/provinces/PT/periods/2026-08/letter.docx", { key: ptWriter });
    expect(res.headers.get("etag")).toMatch(/\+ls1\+m-\+docx"$/);
    expect(res.headers.get("etag")).not.toBe(docxBefore.headers.get("etag"));
    const texts = await docxOf(res);
    expect(texts).toEqual(expect.arrayContaining(["SỞ THỬ NGHIỆM", "Nguyễn Văn Thử"]));
    expect(texts.filter((t) => t.endsWith("của Sở Thử nghiệm tỉnh Phú Thọ)"))).toHaveLength(4);

    // Once stored: no If-Match → 428 naming the ETag; a stale one → 409; neither changes anything.
    const changed = { ...mine, signerName: "Người Khác" };
    const none = await call(url, { method: "PUT", key: ptWriter, body: changed });
    expect(none.status).toBe(428);
    expect(none.headers.get("etag")).toBe('"ls-PT-v1"');
    await discard(none);
    const stale = await call(url, { method: "PUT", key: ptWriter, body: changed, headers: { "if-match": '"ls-PT-v0"' } });
    expect(stale.status).toBe(409);
    expect((await json<Envelope>(stale)).error.message).toContain("Chưa thay đổi gì");
    expect(await json(await call(url, { key: ptWriter }))).toMatchObject({ version: 1, settings: { signerName: "Nguyễn Văn Thử" } });
    const second = await call(url, { method: "PUT", key: ptWriter, body: changed, headers: { "if-match": '"ls-PT-v1"' } });
    expect(second.status).toBe(200);
    expect(await json(second)).toMatchObject({ version: 2, settings: { signerName: "Người Khác" } });
  });
});

describe("POST …/letter-link: a signed link, 5 minutes, no key in it", () => {
  const link = async (body: unknown = {}, key = reader, period = "2024-12") => call(`${P}/${period}/letter-link`, { method: "POST", key, body });

  it("a read key gets {url, expiresAt, revision}: the head's revision, the letter's number and date, no key; the link opens without one", async () => {
    const now = Date.now();
    const res = await link({ number: "193", date: "2025-01-17" });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await json<{ url: string; expiresAt: string; revision: number }>(res);
    const url = new URL(body.url);
    expect(url.pathname).toBe("/v1/provinces/HN/periods/2024-12/letter.docx");
    expect([...url.searchParams.keys()]).toEqual(["revision", "number", "date", "expires", "sig"]);
    expect(url.searchParams.get("revision")).toBe(String(body.revision));
    expect(body.url).not.toContain(reader);
    expect(body.url).not.toMatch(/c766_|authorization|key/i);
    const expires = Number(url.searchParams.get("expires"));
    expect(new Date(body.expiresAt).getTime()).toBe(expires * 1000);
    expect(expires - Math.floor(now / 1000)).toBeGreaterThanOrEqual(299);
    expect(expires - Math.floor(now / 1000)).toBeLessThanOrEqual(301);
    const texts = await docxOf(await call(`${url.pathname}${url.search}`));
    expect(texts).toEqual(expect.arrayContaining([HEADLINE_DEC, "Số: 193/UBND-KSTTHC"]));
  });

  it("valid to its last second, refused (403, “hết hạn”) after it", async () => {
    const { url } = await json<{ url: string }>(await link());
    const u = new URL(url);
    const expires = Number(u.searchParams.get("expires")) * 1000;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(expires - 1000);
    expect((await discard(call(`${u.pathname}${u.search}`))).status).toBe(200);
    vi.setSystemTime(expires + 1000);
    const late = await call(`${u.pathname}${u.search}`);
    expect(late.status).toBe(403);
    const { error } = await json<Envelope>(late);
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("Liên kết tải văn bản đã hết hạn (chỉ dùng được 5 phút): bấm lại “Xuất văn bản (Word)” để lấy liên kết mới.");
  });

  it("any change refuses it (403, “không hợp lệ”): another period, another province, another revision, number or expiry, an added or missing parameter, a changed signature", async () => {
    const { url } = await json<{ url: string }>(await link({ number: "193" }));
    const u = new URL(url);
    const q = u.searchParams;
    const swap = (name: string, value: string) => {
      const s = new URLSearchParams(q);
      s.set(name, value);
      return `${u.pathname}?${s}`;
    };
    const without = (name: string) => {
      const s = new URLSearchParams(q);
      s.delete(name);
      return `${u.pathname}?${s}`;
    };
    const sig = q.get("sig") ?? "";
    const tampered = [
      `${P}/2024-11/letter.docx${u.search}`,
      `/v1/provinces/PT/periods/2024-12/letter.docx${u.search}`,
      swap("revision", String(Number(q.get("revision")) + 1)),
      swap("number", "194"),
      swap("expires", String(Number(q.get("expires")) + 60)),
      `${u.pathname}${u.search}&date=2025-01-17`,
      without("number"),
      without("sig"),
      without("expires"),
      swap("sig", `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`),
      // The same bytes in another text: base64's last character of 32 bytes carries 2 spare bits.
      swap("sig", `${sig.slice(0, -1)}${B64.charAt(B64.indexOf(sig.slice(-1)) ^ 1)}`),
      swap("sig", `${sig.slice(1)}${sig.charAt(0)}`),
      swap("sig", "not base64 !"),
      `${u.pathname}${u.search}&sig=${sig}`,
    ];
    for (const path of tampered) {
      const res = await call(path);
      expect(res.status, path).toBe(403);
      expect((await json<Envelope>(res)).error.message, path).toBe("Liên kết tải văn bản không hợp lệ: đã bị sửa hoặc không do máy chủ này cấp. Bấm lại “Xuất văn bản (Word)” để lấy liên kết mới.");
    }
    // A valid link with a key of another province still counts as the link (the key is not looked at).
    expect((await discard(call(`${u.pathname}${u.search}`, { key: ptWriter }))).status).toBe(200);
  });

  it("a link of Phú Thọ does not open Hà Nội's letter; Hà Nội's key cannot ask for Phú Thọ's; no key → 401 before the body", async () => {
    const pt = await json<{ url: string }>(await call("/v1/provinces/PT/periods/2026-08/letter-link", { method: "POST", key: ptWriter, body: {} }));
    const u = new URL(pt.url);
    const onHanoi = await call(`${u.pathname.replace("/PT/periods/2026-08/", "/HN/periods/2024-12/")}${u.search}`);
    expect(onHanoi.status).toBe(403);
    await discard(onHanoi);
    expect((await discard(call("/v1/provinces/PT/periods/2026-08/letter-link", { method: "POST", key: reader, body: {} }))).status).toBe(403);
    const anon = await call(`${P}/2024-12/letter-link`, { method: "POST", rawBody: '{"bad": ', headers: { "content-type": "application/json" } });
    expect(anon.status).toBe(401);
    await discard(anon);
  });

  it("a revision asked for is bound (404 when the month has none); a month not stored 404; a bad body 400 with the read key", async () => {
    const one = await json<{ url: string; revision: number }>(await link({ revision: 1 }));
    expect(one.revision).toBe(1);
    expect(new URL(one.url).searchParams.get("revision")).toBe("1");
    const missing = await link({ revision: 99 });
    expect(missing.status).toBe(404);
    await discard(missing);
    const notStored = await link({}, reader, "2024-10");
    expect(notStored.status).toBe(404);
    expect((await json<Envelope>(notStored)).error.message).toContain("lưu kỳ này lên máy chủ trước khi xuất văn bản");
    const bad = await link({ revision: 0, date: "hôm nay", key: "x" });
    expect(bad.status).toBe(400);
    expect((await json<Envelope>(bad)).error.issues.map((i) => i.path).sort()).toEqual(["body", "body.date", "body.revision"]);
  });
});

describe("the API document", () => {
  it("documents the settings, the letter and the link, with the settings' schema and its bounds", async () => {
    const doc = await json<{ paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, { properties?: Record<string, { maxItems?: number; maxLength?: number }> }> } }>(await call("/openapi.json"));
    expect(Object.keys(doc.paths["/v1/provinces/{province}/letter-settings"] ?? {})).toEqual(["parameters", "get", "put"]);
    expect(Object.keys(doc.paths["/v1/provinces/{province}/periods/{period}/letter.docx"] ?? {})).toEqual(["parameters", "get"]);
    expect(Object.keys(doc.paths["/v1/provinces/{province}/periods/{period}/letter-link"] ?? {})).toEqual(["parameters", "post"]);
    expect(doc.components.schemas["LetterSettings"]?.properties?.["recipients"]).toMatchObject({ maxItems: 20 });
    expect(doc.components.schemas["LetterSettings"]?.properties?.["subject"]).toMatchObject({ maxLength: 3000 });
    expect(Object.keys(doc.components.schemas["LetterLink"]?.properties ?? {})).toEqual(["url", "expiresAt", "revision"]);
  });
});
