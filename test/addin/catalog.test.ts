/**
 * "Chuẩn hoá" for any of the 34 provinces: the add-in has Hà Nội's catalog built in; for another
 * province it asks the Worker (GET /v1/catalog/units, parsed with the shared schema) for the units the
 * Worker keeps — built from the portal's answer on the province's first fetch — and says what to do
 * when there is none.
 */
import { describe, expect, it } from "vitest";
import { getCatalog } from "../../addin/api/client";
import { normalize, type Deps } from "../../addin/app/controller";
import { DEFAULT_SETTINGS } from "../../addin/app/settings";
import type { ExcelPort } from "../../addin/excel/port";
import { HA_NOI, type Catalog } from "../../shared";

const AG_UNITS = {
  province: "AG",
  provinceName: "Tỉnh An Giang",
  date: "2026-08-31",
  units: [
    { id: "AG.1", name: "Sở Tư pháp", shortName: "Tư pháp", kind: "so", level: "department" },
    { id: "AG.2", name: "UBND phường Long Xuyên", shortName: "Long Xuyên", kind: "phuong", level: "commune", aliases: ["Phường Long Xuyên"] },
  ],
};

function fetchOf(status: number, body: unknown, seen: string[] = []): typeof fetch {
  return (async (url: string) => {
    seen.push(url);
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  }) as unknown as typeof fetch;
}

describe("getCatalog", () => {
  it("asks the Worker for the province's units at a date and makes a catalog of them", async () => {
    const seen: string[] = [];
    const catalog = await getCatalog({ baseUrl: "https://w.example", apiKey: "k", fetch: fetchOf(200, AG_UNITS, seen) }, "AG", "2026-08-31");
    expect(seen).toEqual(["https://w.example/v1/catalog/units?province=AG&date=2026-08-31"]);
    expect(catalog).toMatchObject({ id: "AG", provinceName: "Tỉnh An Giang", provinceWord: "Tỉnh" });
    expect(catalog.units.map((u) => u.name)).toEqual(["Sở Tư pháp", "UBND phường Long Xuyên"]);
  });

  it("an answer of the wrong shape is refused, not cast", async () => {
    const bad = { ...AG_UNITS, units: [{ id: "AG.1", name: "Sở Tư pháp", shortName: "", kind: "sở", level: "department" }] };
    await expect(getCatalog({ baseUrl: "https://w.example", apiKey: "", fetch: fetchOf(200, bad) }, "AG", "2026-08-31")).rejects.toThrow(/kind/);
  });
});

describe("normalize: which catalog the pasted names resolve against", () => {
  function deps(province: string, workerUrl: string, catalog?: Deps["catalog"]) {
    const statuses: string[] = [];
    const used: Catalog[] = [];
    const excel = {
      normalize: async (_target: string, c: Catalog) => {
        used.push(c);
        return { normalized: null, sourceSheet: "Dán", written: 2, refused: null, syncs: 3 };
      },
    } as unknown as ExcelPort;
    const d = {
      ui: { status: (t: string) => void statuses.push(t), progress: () => undefined, issues: () => undefined, preview: () => undefined },
      excel,
      settings: () => ({ ...DEFAULT_SETTINGS, province, period: "2026-08", workerUrl }),
      api: async () => Promise.reject(new Error("unused")),
      portal: async () => Promise.reject(new Error("unused")),
      ...(catalog ? { catalog } : {}),
    } as unknown as Deps;
    return { d, statuses, used };
  }

  it("Hà Nội: the built-in catalog, no call to the Worker", async () => {
    let asked = false;
    const t = deps("HN", "https://w", async () => ((asked = true), HA_NOI));
    await normalize(t.d, "overdueDossiers", false);
    expect(t.used).toEqual([HA_NOI]);
    expect(asked).toBe(false);
  });

  it("An Giang: the Worker's catalog", async () => {
    const ag: Catalog = { id: "AG", provinceName: "Tỉnh An Giang", provinceWord: "Tỉnh", units: [] as Catalog["units"] };
    const withUnits = { ...ag, units: HA_NOI.units.slice(0, 3) };
    const t = deps("AG", "https://w", async (_s, date) => (expect(date).toBe("2026-08-31"), withUnits));
    await normalize(t.d, "overdueDossiers", false);
    expect(t.used).toEqual([withUnits]);
    expect(t.statuses.at(-1)).toContain("Đã chuẩn hoá 2 dòng");
    // A Worker with no units for it yet: say how to get them, normalise nothing.
    const empty = deps("AG", "https://w", async () => ag);
    await normalize(empty.d, "overdueDossiers", false);
    expect(empty.used).toEqual([]);
    expect(empty.statuses.at(-1)).toBe("Máy chủ chưa có danh mục đơn vị của Tỉnh An Giang: bấm “Lấy dữ liệu từ Cổng DVCQG” một lần để lập danh mục, rồi chuẩn hoá lại.");
    // No Worker address: the same, said plainly.
    const offline = deps("AG", "", async () => withUnits);
    await normalize(offline.d, "overdueDossiers", false);
    expect(offline.used).toEqual([]);
    expect(offline.statuses.at(-1)).toContain("Chưa có danh mục đơn vị của Tỉnh An Giang trong máy");
  });
});

describe("a write that did not complete", () => {
  it("its message is shown whole, not wrapped in another 'Không lập được phụ lục:'", async () => {
    const { build } = await import("../../addin/app/controller");
    const { WriteError } = await import("../../addin/excel/write-report");
    const statuses: string[] = [];
    const message = "Không ghi xong phụ lục (lỗi thử). Sổ tính giữ nguyên các sheet phụ lục cũ; bấm “Lập phụ lục” lại.";
    const deps = {
      ui: { status: (t: string) => void statuses.push(t), progress: () => undefined, issues: () => undefined, preview: () => undefined },
      excel: { read: async () => Promise.reject(new WriteError(message)) } as unknown as ExcelPort,
      settings: () => ({ ...DEFAULT_SETTINGS, province: "HN", period: "2024-12", workerUrl: "" }),
      api: async () => Promise.reject(new Error("unused")),
      portal: async () => Promise.reject(new Error("unused")),
    } as unknown as Deps;
    expect(await build(deps)).toBeNull();
    expect(statuses.at(-1)).toBe(`${message} Số liệu nhập vẫn giữ nguyên.`);
  });
});
