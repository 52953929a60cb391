/**
 * The letter settings a province has before it stores its own (shared/letter/defaults.ts): Hà Nội's
 * from văn bản 193, the others built from the official name; every one of the 34 passes the schema the
 * Worker's PUT validates with (so a clerk can GET the default, change one line and PUT it back).
 */
import * as z from "zod/mini";
import { describe, expect, it } from "vitest";
import { buildReport, defaultLetterSettings, HA_NOI_LETTER_SETTINGS, letterModel, paragraphText, PROVINCES } from "../../shared";
import { LetterSettingsSchema } from "../../shared/api-schema";
import { PORTAL_MONTH, PORTAL_OPTIONS } from "./plan-fixture";

describe("defaultLetterSettings", () => {
  it("Hà Nội: its own settings (văn bản 193/UBND-KSTTHC)", () => {
    expect(defaultLetterSettings({ id: "HN", name: "Thành phố Hà Nội" })).toBe(HA_NOI_LETTER_SETTINGS);
  });

  it("a province and a city: issuing body, appendix issuer, place and 'Nơi nhận' from the name; the signer left blank", () => {
    const pt = defaultLetterSettings({ id: "PT", name: "Tỉnh Phú Thọ" });
    expect(pt).toMatchObject({ issuer: ["ỦY BAN NHÂN DÂN", "TỈNH PHÚ THỌ"], issuerName: "UBND tỉnh Phú Thọ", place: "Phú Thọ", signerName: "" });
    expect(pt.recipients).toEqual(["Như trên", "Văn phòng Chính phủ", "Chủ tịch UBND Tỉnh", "Các PCT UBND Tỉnh", "Lưu: VT, KSTTHC"]);
    const hue = defaultLetterSettings({ id: "HUE", name: "Thành phố Huế" });
    expect(hue).toMatchObject({ issuer: ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HUẾ"], issuerName: "UBND thành phố Huế", place: "Huế" });
  });

  it("every one of the 34 passes LetterSettingsSchema unchanged", () => {
    for (const p of PROVINCES) {
      const settings = defaultLetterSettings({ id: p.code, name: p.name });
      const r = z.safeParse(LetterSettingsSchema, settings);
      expect(r.success, `${p.code}: ${r.error?.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`).toBe(true);
      expect(r.data).toEqual(settings);
    }
  });

  it("drives a whole letter: Phú Thọ 08/2026 with its plan, placeholders filled, no brace left", () => {
    const report = buildReport(PORTAL_MONTH, { ...PORTAL_OPTIONS, plan: true });
    const letter = letterModel(report, defaultLetterSettings({ id: "PT", name: "Tỉnh Phú Thọ" }));
    expect(letter.header.issuer).toEqual(["ỦY BAN NHÂN DÂN", "TỈNH PHÚ THỌ"]);
    expect(letter.requests.fromPlan).toBe(true);
    expect(letter.requests.blocks.map((b) => b.heading)).toEqual(["1. Giám đốc, Thủ trưởng các Sở, ban, ngành Tỉnh, Chủ tịch UBND các xã, phường", "2. Văn phòng UBND Tỉnh: Công khai kết quả trên Cổng thông tin điện tử của Tỉnh theo đúng chỉ đạo của Thủ tướng Chính phủ."]);
    const texts = [letter.header.subject, ...letter.grounds.map(paragraphText), paragraphText(letter.closing), ...letter.requests.blocks.flatMap((b) => [b.heading, ...b.items.map(paragraphText)])];
    expect(texts.filter((t) => /[{}]/.test(t))).toEqual([]);
    expect(letter.header.subject).toContain("tháng 08/2026");
  });
});
