import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BOM, csvField, toCsv } from "../../worker/csv";

describe("CSV (RFC 4180, UTF-8 with BOM)", () => {
  it("quotes commas, quotes and line breaks; keeps Vietnamese as is", () => {
    expect(csvField("UBND quận Tây Hồ")).toBe("UBND quận Tây Hồ");
    expect(csvField("Ban Quản lý, khu công nghiệp")).toBe('"Ban Quản lý, khu công nghiệp"');
    expect(csvField('Sở "Tư pháp"')).toBe('"Sở ""Tư pháp"""');
    expect(csvField("dòng 1\ndòng 2")).toBe('"dòng 1\ndòng 2"');
    expect(csvField("a\rb")).toBe('"a\rb"');
    expect(csvField(null)).toBe("");
    expect(csvField(62.28)).toBe("62.28");
    expect(csvField(-3.4)).toBe("-3.4");
  });

  it("neutralises text a spreadsheet would run as a formula", () => {
    expect(csvField("=HYPERLINK(\"http://x\")")).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("Giảm 3.4")).toBe("Giảm 3.4");
  });

  it("also after leading spaces, and for the full-width ＝ ＋ － ＠ and the pipe", () => {
    expect(csvField(" +1")).toBe("' +1");
    expect(csvField("\u00A0\u3000=1+1")).toBe("'\u00A0\u3000=1+1");
    expect(csvField("＝1")).toBe("'＝1");
    expect(csvField("＋1")).toBe("'＋1");
    expect(csvField("－1")).toBe("'－1");
    expect(csvField("＠SUM(A1)")).toBe("'＠SUM(A1)");
    expect(csvField("|cmd")).toBe("'|cmd");
    expect(csvField("｜cmd")).toBe("'｜cmd");
    expect(csvField("UBND xã Phù Đổng")).toBe("UBND xã Phù Đổng");
  });

  const STARTS = ["=", "+", "-", "@", "|", "＝", "＋", "－", "＠", "｜"];
  const space = fc.constantFrom(" ", "\t", "\u00A0", "\u3000", "\u2007", "\u202F", "\n", "\uFEFF");

  it("property: any text that after trimming starts with a formula character gets the prefix", () => {
    fc.assert(
      fc.property(fc.array(space, { maxLength: 4 }), fc.constantFrom(...STARTS), fc.string({ maxLength: 20 }), (lead, start, rest) => {
        const text = `${lead.join("")}${start}${rest}`;
        expect(text.trim().startsWith(start)).toBe(true);
        const field = csvField(text);
        const unquoted = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
        expect(unquoted).toBe(`'${text}`);
      }),
      { numRuns: 1000 },
    );
  });

  it("property: other text is left alone, and numbers stay numbers", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        fc.pre(!STARTS.some((s) => text.trim().startsWith(s)) && !/^[\t\r]/.test(text));
        const field = csvField(text);
        const unquoted = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
        expect(unquoted).toBe(text);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(csvField(n)).toBe(String(n));
      }),
    );
    expect(csvField(-3.4)).toBe("-3.4");
  });

  it("starts with the BOM and ends lines with CRLF", () => {
    const text = toCsv([["Hạng", "Tên"], [1, "Tây Hồ"]]);
    expect(text).toBe(`${BOM}Hạng,Tên\r\n1,Tây Hồ\r\n`);
    expect([...new TextEncoder().encode(text).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
