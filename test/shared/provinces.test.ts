import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findProvince, lookupProvince, PROVINCES, provinceByCode, provinceKeys } from "../../shared";

/** A copy of ../shared/data/provinces-2026.csv (the portal's list of the 34), kept with the tests. */
const csv = readFileSync(path.join(import.meta.dirname, "../fixtures/provinces-2026.csv"), "utf8")
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [code, name, id] = line.split(",");
    return { code: code ?? "", name: name ?? "", id: id ?? "" };
  });

describe("the 34 provinces", () => {
  it("are every row of the portal's list, with the same name and root department id", () => {
    expect(csv).toHaveLength(34);
    expect(PROVINCES).toHaveLength(34);
    expect(PROVINCES.map((p) => ({ code: p.portalCode, name: p.portalName, id: p.rootDepartmentId }))).toEqual(csv);
  });

  it("have unique short codes (A–Z, 2–4 letters), portal codes, ids and names", () => {
    for (const p of PROVINCES) expect(p.code).toMatch(/^[A-Z]{2,4}$/);
    for (const key of ["code", "portalCode", "rootDepartmentId", "name", "shortName"] as const) expect(new Set(PROVINCES.map((p) => p[key])).size, key).toBe(34);
    const shared = [...provinceKeys()].filter(([, list]) => list.length > 1).map(([k, list]) => `${k}: ${list.map((p) => p.code).join(", ")}`);
    expect(shared).toEqual([]);
  });

  it("keep HN and PT as the API and PORTAL_SOURCES have them", () => {
    expect(provinceByCode("HN")).toMatchObject({ portalCode: "H26", name: "Thành phố Hà Nội", kind: "thanh_pho_tw", rootDepartmentId: "019d2be3-6a86-70a8-a0af-76e986804225" });
    expect(provinceByCode("PT")).toMatchObject({ portalCode: "H44", name: "Tỉnh Phú Thọ", kind: "tinh", rootDepartmentId: "019d2be3-6a88-732b-8b17-b68020c8553a" });
  });

  it("take their official name from the portal's, without UBND", () => {
    expect(provinceByCode("AG")?.name).toBe("Tỉnh An Giang");
    expect(provinceByCode("HCM")?.name).toBe("Thành phố Hồ Chí Minh");
    expect(provinceByCode("HUE")?.name).toBe("Thành phố Huế");
    expect(provinceByCode("DL")?.shortName).toBe("Đắk Lắk");
    // Six centrally-run cities (Nghị quyết 202/2025/QH15); the portal's "thành phố" Bắc Ninh, Quảng Ninh and
    // Đồng Nai are tỉnh by law: the official name follows the law, the portal's spelling is kept and found.
    expect(PROVINCES.filter((p) => p.kind === "thanh_pho_tw").map((p) => p.code).sort()).toEqual(["CT", "DNG", "HCM", "HN", "HP", "HUE"]);
    expect(["BN", "QNH", "DNI"].map((c) => [provinceByCode(c)?.name, provinceByCode(c)?.portalName])).toEqual([
      ["Tỉnh Bắc Ninh", "UBND thành phố Bắc Ninh"],
      ["Tỉnh Quảng Ninh", "UBND thành phố Quảng Ninh"],
      ["Tỉnh Đồng Nai", "UBND Thành phố Đồng Nai"],
    ]);
    for (const p of PROVINCES) expect(p.portalName.toLowerCase().replace("thành phố", "tỉnh")).toBe(`UBND ${p.name}`.toLowerCase().replace("thành phố", "tỉnh"));
  });
});

describe("lookupProvince: what clerks type", () => {
  const cases: [string, string][] = [
    ["HN", "HN"],
    ["hn", "HN"],
    ["H26", "HN"],
    ["h44", "PT"],
    ["000.00.00.H37", "LS"],
    ["Hà Nội", "HN"],
    ["ha noi", "HN"],
    ["HA NOI", "HN"],
    ["hanoi", "HN"],
    ["Thành phố Hà Nội", "HN"],
    ["UBND Thành phố Hà Nội", "HN"],
    ["TP. Hồ Chí Minh", "HCM"],
    ["TP.HCM", "HCM"],
    ["TPHCM", "HCM"],
    ["Ho Chi Minh", "HCM"],
    ["Huế", "HUE"],
    ["hue", "HUE"],
    ["Thành phố Huế", "HUE"],
    ["Tỉnh Phú Thọ", "PT"],
    ["phu tho", "PT"],
    ["UBND tỉnh An Giang", "AG"],
    ["an giang", "AG"],
    ["Đắk Lắk", "DL"],
    ["dak lak", "DL"],
    ["Tỉnh Bắc Ninh", "BN"],
    ["Thành phố Bắc Ninh", "BN"],
    ["Khánh Hoà", "KH"],
    ["Thanh Hoá", "TH"],
    ["Đà Nẵng", "DNG"],
    ["Đồng Nai", "DNI"],
    ["  quảng   ninh ", "QNH"],
    ["Quảng Ngãi", "QNI"],
    ["lao cai", "LCI"],
    ["Lai Châu", "LCU"],
  ];
  it.each(cases)("%s → %s", (text, code) => {
    const r = lookupProvince(text);
    expect(r.status).toBe("exact");
    expect(r.province?.code).toBe(code);
  });

  it("every province is found by its code, portal code, names, and names without diacritics", () => {
    for (const p of PROVINCES) {
      for (const text of [p.code, p.code.toLowerCase(), p.portalCode, p.name, p.portalName, p.shortName, p.shortName.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")]) {
        expect(findProvince(text)?.code, text).toBe(p.code);
      }
    }
  });

  it("shared initials are ambiguous, not a guess", () => {
    const dn = lookupProvince("DN");
    expect(dn.status).toBe("ambiguous");
    expect(dn.candidates.map((p) => p.code)).toEqual(["DNG", "DNI"]);
    expect(lookupProvince("tn").candidates.map((p) => p.code)).toEqual(["TNH", "TNN"]);
    expect(findProvince("QN")).toBeUndefined();
  });

  it("an unknown name gets the closest provinces as candidates", () => {
    const r = lookupProvince("Ha Noj");
    expect(r.status).toBe("unknown");
    expect(r.candidates.map((p) => p.code)).toContain("HN");
    expect(lookupProvince("").status).toBe("unknown");
    expect(lookupProvince("Bình Dương").province).toBeUndefined();
  });
});
