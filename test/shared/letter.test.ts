/**
 * The letter model (shared/letter/letter.ts) on seed 000's month (Hà Nội, 12/2024) in Hà Nội's settings:
 * the header block, "Kính gửi", the figures (every one the report's), the requests, "Nơi nhận", the
 * signature and the four appendices with the letter's attach line; the planner's paragraphs on the
 * recorded Phú Thọ month; the date in words (Nghị định 30/2020's leading zeros).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HA_NOI_LETTER_SETTINGS, appendixOrientation, bodyText, buildReport, dateInWords, documentNumber, letterModel, paragraph, paragraphText, type Letter, type Report } from "../../shared";
import { SEED_000_LETTER_META, seedDecemberReport, seedLetter } from "../../samples/seed-000-letter";
import { PORTAL_MONTH, PORTAL_OPTIONS } from "./plan-fixture";

const report: Report = seedDecemberReport();
const letter: Letter = seedLetter(report);
const figures = letter.figures.map(paragraphText);

describe("letter of seed 000 (Hà Nội, 12/2024) — header block", () => {
  it("issuing body, national title and motto, number, subject, place and date as the seed prints them", () => {
    expect(letter.header).toEqual({
      issuer: ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"],
      nationalTitle: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      motto: "Độc lập - Tự do - Hạnh phúc",
      number: "Số: 193/UBND-KSTTHC",
      subject: "V/v công khai kết quả Bộ chỉ số phục vụ người dân, doanh nghiệp tháng 12/2024 và các giải pháp khắc phục, cải thiện kết quả Bộ Chỉ số",
      placeDate: "Hà Nội, ngày 17 tháng 01 năm 2025",
    });
  });

  it("without a number or date: blanks for the văn thư, the year the letter goes out (January after December)", () => {
    const draft = letterModel(report, HA_NOI_LETTER_SETTINGS, {});
    expect(draft.header.number).toBe("Số:       /UBND-KSTTHC");
    expect(draft.header.placeDate).toBe("Hà Nội, ngày      tháng      năm 2025");
    expect(draft.appendices[0]?.table.titleLines[2]?.text).toBe("(Kèm theo văn bản số       /UBND-KSTTHC ngày      tháng      năm       của UBND thành phố Hà Nội)");
    // Not a calendar date: left blank, never a wrong date.
    expect(letterModel(report, HA_NOI_LETTER_SETTINGS, { date: "2025-02-30" }).header.placeDate).toBe("Hà Nội, ngày      tháng      năm 2025");
  });

  it("a number is given alone or whole", () => {
    expect(documentNumber("UBND-KSTTHC", " 193 ")).toBe("193/UBND-KSTTHC");
    expect(documentNumber("UBND-KSTTHC", "1591/UBND-NC")).toBe("1591/UBND-NC");
    expect(documentNumber("UBND-KSTTHC", "  ")).toBeNull();
  });

  it("Kính gửi, one addressee a line, the last with a full stop", () => {
    expect(letter.salutation).toEqual({ label: "Kính gửi:", addressees: ["- Giám đốc, Thủ trưởng các Sở, ban, ngành;", "- Chủ tịch UBND các quận, huyện, thị xã."] });
    expect(letterModel(report, { ...HA_NOI_LETTER_SETTINGS, addressees: ["Hội đồng nhân dân Thành phố"] }, {}).salutation.addressees).toEqual(["Hội đồng nhân dân Thành phố."]);
  });
});

describe("date in words (Nghị định 30/2020: a day below 10 and the months 1, 2 with a leading zero)", () => {
  it("the seeds' dates", () => {
    expect(dateInWords("2025-01-17")).toBe("ngày 17 tháng 01 năm 2025");
    expect(dateInWords("2025-04-02")).toBe("ngày 02 tháng 4 năm 2025");
    expect(dateInWords("2025-02-05")).toBe("ngày 05 tháng 02 năm 2025");
    expect(dateInWords("2024-12-31")).toBe("ngày 31 tháng 12 năm 2024");
    expect(dateInWords(null, 2025)).toBe("ngày      tháng      năm 2025");
  });

  it("reads back to the same day, month and year; zeros exactly where the decree puts them", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const m = /^ngày (\d{2}) tháng (\d{1,2}) năm (\d{4})$/.exec(dateInWords(iso));
        expect(m).not.toBeNull();
        const [, day = "", month = "", year = ""] = m ?? [];
        expect([Number(year), Number(month), Number(day)]).toEqual([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
        expect(month.length === 2).toBe(d.getUTCMonth() + 1 <= 2 || d.getUTCMonth() + 1 >= 10);
      }),
    );
  });
});

describe("letter of seed 000 — grounds and figures", () => {
  it("the grounds are the settings', with the report's period and the province's word", () => {
    expect(letter.grounds).toHaveLength(2);
    expect(paragraphText(letter.grounds[0]!)).toMatch(/^Căn cứ Quyết định số 766\/QĐ-TTg ngày 23\/6\/2022/);
    expect(paragraphText(letter.grounds[1]!)).toBe(
      "Căn cứ kết quả trên Cổng Dịch vụ công quốc gia (https://dichvucong.gov.vn) tại mục “Kết quả đánh giá Bộ chỉ số phục vụ người dân và doanh nghiệp của bộ, ngành, địa phương”, UBND Thành phố công khai kết quả Bộ Chỉ số phục vụ người dân và doanh nghiệp tháng 12/2024 tại các cơ quan, đơn vị, cụ thể như sau:",
    );
    // The portal's heading in bold, as the seed sets it.
    expect(letter.grounds[1]?.runs.filter((r) => r.bold).map((r) => r.text)).toEqual(["“Kết quả đánh giá Bộ chỉ số phục vụ người dân và doanh nghiệp của bộ, ngành, địa phương”"]);
  });

  it("the headline is the engine's sentence (62.28/100, its change against November, 61/63), marked for the data note", () => {
    expect(figures[0]).toBe(`- ${report.narrative.headline}*`);
    expect(figures[0]).toBe("- Tổng số điểm Thành phố đạt được tháng 12/2024: 62.28/100 điểm (tăng 1.29 điểm so với tháng 11/2024), xếp hạng 61/63 tỉnh, thành phố*");
  });

  it("group results, weak groups, ranking, overdue dossiers and petitions, each pointing at its appendix, no full stop at the end (as the seed's lines)", () => {
    expect(figures.slice(1)).toEqual([
      "- Các chỉ số thành phần (chi tiết tại Phụ lục 1 kèm theo): Công khai, minh bạch 10.4/18 điểm (giảm 0.2 điểm); Tiến độ giải quyết 17.8/20 điểm (tăng 0.9 điểm); Dịch vụ công trực tuyến 6.8/12 điểm (bằng điểm); Thanh toán trực tuyến 6.0/10 điểm (tăng 1.6 điểm); Mức độ hài lòng 17.5/18 điểm (tăng 0.7 điểm); Số hóa hồ sơ 10.3/22 điểm (tăng 1.9 điểm)",
      `- ${report.narrative.weakestGroups}`,
      "- Điểm tổng hợp, xếp hạng UBND các quận, huyện, thị xã (chi tiết tại Phụ lục 2 kèm theo): cao nhất là UBND quận Tây Hồ (89 điểm), thấp nhất là UBND quận Hoàn Kiếm (63.08 điểm)",
      `- Hồ sơ xử lý quá hạn (chi tiết tại Phụ lục 3 kèm theo): ${report.narrative.overdueLeader}`,
      // Phụ lục 4 of the seed: 45 + 34 + 21 + 12 + 8 + 6 + 5 + 4 + 3 + 3 + 1 + 1 + 1 + 1 = 145 at 14 units.
      "- Phản ánh, kiến nghị quá hạn tiếp nhận và xử lý (chi tiết tại Phụ lục 4 kèm theo): 145 PAKN quá hạn tại 14 đơn vị, nhiều nhất là Sở Tài nguyên và Môi trường (45 PAKN)",
    ]);
    expect(report.narrative.overdueLeader).toBe("Sở Tư pháp có số hồ sơ quá hạn cao nhất là 11.212 hồ sơ/26.258 hồ sơ quá hạn toàn thành phố (42,7%)");
    // "chi tiết tại Phụ lục n kèm theo" in italics.
    expect(letter.figures[1]?.runs.find((r) => r.italic)?.text).toBe("chi tiết tại Phụ lục 1 kèm theo");
  });

  it("every number of the figures is one the report prints (narrative, appendices) or sums from Phụ lục 4", () => {
    const printed = new Set<string>();
    const add = (s: string) => s.match(/\d[\d.,/]*\d|\d/g)?.forEach((n) => printed.add(n.replace(/[.,]$/, "")));
    report.narrative.sentences.forEach(add);
    for (const t of report.appendices) {
      bodyText(t).flat().forEach(add);
      t.titleLines.forEach((l) => add(l.text));
    }
    for (const e of report.ranking.entries) add(`${e.total ?? ""}`);
    add("145"); // Phụ lục 4's sum, checked by hand above
    const numbers = figures.flatMap((f) => f.match(/\d[\d.,/]*\d|\d/g) ?? []).map((n) => n.replace(/[.,]$/, ""));
    expect(numbers.length).toBeGreaterThan(30);
    for (const n of numbers.filter((x) => !/^[1-4]$/.test(x))) expect(printed, n).toContain(n);
  });

  it("the data moment as the seed's note", () => {
    expect(letter.dataNote?.runs).toEqual([
      { text: "* Số liệu được tính tại thời điểm 9h00' ngày 06/01/2025. Số liệu này có thể thay đổi theo thời gian. Đối với số liệu về hồ sơ quá hạn được tính lũy kế, không phân định về giới hạn thời gian lấy số liệu như đối với các tiêu chí khác.", italic: true },
    ]);
  });
});

describe("letter of seed 000 — requests, closing, recipients, signature", () => {
  it("no plan in the report: the settings' standing requests, numbered and lettered as the seed", () => {
    const r = letter.requests;
    expect(r.fromPlan).toBe(false);
    expect(r.opening).toBe("Để tiếp tục phát huy những kết quả đạt được và khắc phục những tiêu chí đạt tỷ lệ thấp, UBND Thành phố đề nghị:");
    expect(r.blocks.map((b) => b.heading)).toEqual([
      "1. Giám đốc, Thủ trưởng các Sở, ban, ngành Thành phố, Chủ tịch UBND các quận, huyện, thị xã",
      "2. Trung tâm Phục vụ hành chính công Thành phố",
      "3. Văn phòng UBND Thành phố: Chỉ đạo Trung tâm Thông tin điện tử Thành phố thực hiện việc công khai kết quả trên Cổng thông tin điện tử của Thành phố theo đúng chỉ đạo của Thủ tướng Chính phủ.",
    ]);
    expect(r.blocks[0]?.items.map((p) => paragraphText(p).slice(0, 3))).toEqual(["a) ", "b) ", "c) ", "d) ", "đ) "]);
    expect(paragraphText(r.blocks[0]!.items[2]!)).toContain("Căn cứ danh sách hồ sơ xử lý quá hạn (tại Phụ lục 3 ban hành kèm theo)");
    expect(r.blocks[2]?.items).toEqual([]);
  });

  it("closing, Nơi nhận and the signer from the settings", () => {
    expect(paragraphText(letter.closing)).toMatch(/kết quả thực hiện theo quy định\.\/\.$/);
    expect(letter.recipients).toEqual({ label: "Nơi nhận:", lines: ["- Như trên;", "- Văn phòng Chính phủ;", "- Chủ tịch UBND Thành phố;", "- Các PCT UBND Thành phố;", "- VPUBTP: CVP, các PCVP, các phòng, ban, trung tâm;", "- Lưu: VT, KSTTHC."] });
    expect(letter.signature).toEqual({ authority: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], name: "Hà Minh Hải" });
  });

  it("a plan in the report: the planner's paragraphs per weak group are the first block's items; the other blocks stay", () => {
    const planned = buildReport(PORTAL_MONTH, { ...PORTAL_OPTIONS, plan: true });
    const remedial = planned.narrative.remedial ?? [];
    expect(remedial.length).toBeGreaterThan(1);
    const l = letterModel(planned, HA_NOI_LETTER_SETTINGS, {});
    expect(l.requests.fromPlan).toBe(true);
    expect(l.requests.opening).toBe(remedial[0]);
    expect(l.requests.blocks[0]?.items.map(paragraphText)).toEqual(remedial.slice(1));
    expect(l.requests.blocks.slice(1)).toEqual(letter.requests.blocks.slice(1));
    // Settings with no request blocks: the planner's paragraphs under no heading.
    const bare = letterModel(planned, { ...HA_NOI_LETTER_SETTINGS, requests: [] }, {});
    expect(bare.requests.blocks).toEqual([{ heading: "", items: remedial.slice(1).map((p) => ({ runs: [{ text: p }] })) }]);
    // Phú Thọ is a province: "UBND Tỉnh", and its own period in the subject.
    expect(l.header.subject).toContain("tháng 08/2026");
    expect(l.requests.opening).toContain("UBND Tỉnh đề nghị:");
  });
});

describe("letter of seed 000 — appendices", () => {
  it("Phụ lục 1–4, the report's rows as they are, the attach line the letter's", () => {
    expect(letter.appendices.map((a) => a.table.id)).toEqual(["PL1", "PL2", "PL3", "PL4"]);
    letter.appendices.forEach((a, i) => {
      const own = report.appendices[i]!;
      expect(a.table.rows).toBe(own.rows);
      expect(a.table.header).toBe(own.header);
      expect(a.table.titleLines.filter((l) => !l.text.startsWith("(Kèm theo"))).toEqual(own.titleLines.filter((l) => !l.text.startsWith("(Kèm theo")));
      expect(a.table.titleLines.at(-1)).toEqual({ text: "(Kèm theo văn bản số 193/UBND-KSTTHC ngày 17/01/2025 của UBND thành phố Hà Nội)", italic: true });
    });
    expect(SEED_000_LETTER_META).toEqual({ number: "193", date: "2025-01-17" });
  });

  it("landscape where the table is wide (Phụ lục 1: 116 characters, 4: 106), portrait otherwise (2: 82, 3: 86)", () => {
    expect(letter.appendices.map((a) => a.orientation)).toEqual(["landscape", "portrait", "portrait", "landscape"]);
    expect(appendixOrientation({ columns: [] })).toBe("portrait");
  });

  it("a report that could not be built still gives a letter, without figures", () => {
    const empty = buildReport({ province: "??", period: "2024-12" } as never);
    const l = letterModel(empty, HA_NOI_LETTER_SETTINGS, {});
    expect(l.figures).toEqual([]);
    expect(l.dataNote).toBeNull();
    expect(l.appendices).toEqual([]);
    expect(l.header.subject).toContain("tháng 12/2024");
  });
});

describe("settings' inline marks", () => {
  it("**bold** and *italic*, the rest plain", () => {
    expect(paragraph("a **b** c *d* e").runs).toEqual([{ text: "a " }, { text: "b", bold: true }, { text: " c " }, { text: "d", italic: true }, { text: " e" }]);
    expect(paragraph("plain").runs).toEqual([{ text: "plain" }]);
  });
});
