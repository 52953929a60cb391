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
  });

  it("starts with the BOM and ends lines with CRLF", () => {
    const text = toCsv([["Hạng", "Tên"], [1, "Tây Hồ"]]);
    expect(text).toBe(`${BOM}Hạng,Tên\r\n1,Tây Hồ\r\n`);
    expect([...new TextEncoder().encode(text).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
