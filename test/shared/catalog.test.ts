import { describe, expect, it } from "vitest";
import { HA_NOI, compareVietnamese, createResolver, stripProvinceSuffix, unitsAt, unitsOfLevel, type Catalog } from "../../shared";

describe("Hà Nội catalogs", () => {
  it("before 1/7/2025: 30 quận/huyện/thị xã; after: 126 xã/phường and no district", () => {
    expect(unitsOfLevel(HA_NOI, "2024-12-31", "district")).toHaveLength(30);
    expect(unitsOfLevel(HA_NOI, "2024-12-31", "commune")).toHaveLength(0);
    expect(unitsOfLevel(HA_NOI, "2025-07-01", "district")).toHaveLength(0);
    const communes = unitsOfLevel(HA_NOI, "2025-07-01", "commune");
    expect(communes).toHaveLength(126);
    expect(communes.filter((u) => u.kind === "phuong")).toHaveLength(51);
  });

  it("departments merge on 1/3/2025: 17 departments of seed 000 are all there before", () => {
    const before = unitsOfLevel(HA_NOI, "2024-12-31", "department").map((u) => u.name);
    for (const name of ["Sở Tư pháp", "Sở Giao thông vận tải", "Sở Kế hoạch và Đầu tư", "Sở Quy hoạch - Kiến trúc", "Ban Quản lý các khu công nghiệp và chế xuất"]) expect(before).toContain(name);
    const after = unitsOfLevel(HA_NOI, "2025-03-31", "department").map((u) => u.name);
    expect(after).toContain("Sở Nông nghiệp và Môi trường");
    expect(after).not.toContain("Sở Giao thông vận tải");
    expect(unitsAt(HA_NOI, "2025-03-31").filter((u) => u.name === "Sở Xây dựng")).toHaveLength(1);
  });
});

describe("name resolution", () => {
  const r2024 = createResolver(HA_NOI, "2024-12-31");
  const id = (name: string) => r2024.resolve(name);

  it.each([
    ["UBND quận Tây Hồ", "HN.D.TAY_HO"],
    ["UBND Tây Hồ", "HN.D.TAY_HO"],
    ["Quận Tây Hồ", "HN.D.TAY_HO"],
    ["tây hồ", "HN.D.TAY_HO"],
    ["  UBND   QUẬN  TÂY HỒ ", "HN.D.TAY_HO"],
    ["UBND quan Tay Ho", "HN.D.TAY_HO"],
    ["Ủy ban nhân dân quận Tây Hồ", "HN.D.TAY_HO"],
    ["UBND huyện Ứng Hoà", "HN.D.UNG_HOA"],
    ["UBND huyen Ung Hoa", "HN.D.UNG_HOA"],
    ["UBND thị xã Sơn Tây", "HN.D.SON_TAY"],
    ["Sở Lao động Thương binh và Xã hội", "HN.S.LAO_DONG"],
    ["Sở Quy hoạch kiến trúc", "HN.S.QUY_HOACH"],
    ["So Tu phap", "HN.S.TU_PHAP"],
    ["Sở Tư pháp - Thành phố Hà Nội", "HN.S.TU_PHAP"],
    ["HN.D.BA_VI", "HN.D.BA_VI"],
  ])("%j → %s", (name, expected) => {
    const r = id(name);
    expect(r.status).toBe("exact");
    expect(r.unit?.id).toBe(expected);
  });

  it("an OCR near miss resolves as fuzzy (reported), not exact", () => {
    const r = id("UBND quận Tay Hoo");
    expect(r.status).toBe("fuzzy");
    expect(r.unit?.id).toBe("HN.D.TAY_HO");
  });

  it("an unknown name lists the best candidates", () => {
    const r = id("UBND quận Hải Châu");
    expect(r.status).toBe("unknown");
    expect(r.unit).toBeUndefined();
    expect(r.candidates.length).toBeGreaterThan(0);
  });

  it("after 1/7/2025 'quận Tây Hồ' no longer exists; 'phường Tây Hồ' does", () => {
    const r2025 = createResolver(HA_NOI, "2025-08-31");
    expect(r2025.resolve("UBND phường Tây Hồ").unit?.name).toBe("UBND phường Tây Hồ");
    expect(r2025.resolve("Phường Ngọc Hà").unit?.id).toBe("HN.C.10101004");
    const old = r2025.resolve("UBND quận Ba Đình");
    expect(old.status).toBe("unknown");
    expect(old.candidates.map((u) => u.name)).toEqual(["UBND phường Ba Đình"]);
  });

  it("the same core name of two kinds is ambiguous until the kind is written", () => {
    const catalog: Catalog = {
      id: "T",
      provinceName: "Tỉnh Thử",
      provinceWord: "tỉnh",
      units: [
        { id: "T.X", name: "UBND xã Thanh Xuân", shortName: "Thanh Xuân", kind: "xa", level: "commune" },
        { id: "T.P", name: "UBND phường Thanh Xuân", shortName: "Thanh Xuân", kind: "phuong", level: "commune" },
      ],
    };
    const r = createResolver(catalog, "2026-01-01");
    expect(r.resolve("Thanh Xuân").status).toBe("ambiguous");
    expect(r.resolve("Thanh Xuân").candidates.map((u) => u.id).sort()).toEqual(["T.P", "T.X"]);
    expect(r.resolve("phường Thanh Xuân").unit?.id).toBe("T.P");
    expect(r.resolve("UBND xã Thanh Xuân - Tỉnh Thử").unit?.id).toBe("T.X");
  });

  it("drops province suffixes as the 2026 portal writes them", () => {
    expect(stripProvinceSuffix("UBND xã Lâm Thao - Tỉnh Phú Thọ")).toBe("UBND xã Lâm Thao");
    expect(stripProvinceSuffix("Sở Công Thương - Tỉnh Phú Thọ")).toBe("Sở Công Thương");
    expect(stripProvinceSuffix("UBND Phường Việt Trì")).toBe("UBND Phường Việt Trì");
    expect(stripProvinceSuffix("Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ")).toBe("Ban quản lý các khu công nghiệp");
  });
});

describe("Vietnamese collation", () => {
  it("follows the alphabet a ă â … d đ e ê … o ô ơ … u ư", () => {
    const words = ["Ứng Hòa", "Đông Anh", "Ba Vì", "Quốc Oai", "Ân Thi", "An Khê", "Ăn", "Dương", "Ơn", "Ô Môn", "Oai"];
    expect([...words].sort(compareVietnamese)).toEqual(["An Khê", "Ăn", "Ân Thi", "Ba Vì", "Dương", "Đông Anh", "Oai", "Ô Môn", "Ơn", "Quốc Oai", "Ứng Hòa"]);
  });

  it("tones only break ties: ngang, huyền, hỏi, ngã, sắc, nặng", () => {
    expect(["má", "mà", "ma", "mạ", "mả", "mã"].sort(compareVietnamese)).toEqual(["ma", "mà", "mả", "mã", "má", "mạ"]);
  });
});
