import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parsePeriod, type Period } from "../../shared";
import { ProvinceListSchema } from "../../shared/api-responses";
import { periodSource, portalSource } from "../../worker/portal/sources";
import { ApiError } from "../../worker/errors";
import { call, json, makeKey, type Envelope } from "./helpers";

const AG_ROOT = "019d2be3-6a84-779d-b3e7-e214bdb86482";
const month = (key: string): Period => parsePeriod(key) as Period;

describe("GET /v1/provinces", () => {
  it("lists the 34 as JSON without a key", async () => {
    const res = await call("/v1/provinces");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = ProvinceListSchema.parse(await json(res));
    expect(body.provinces).toHaveLength(34);
    expect(body.provinces[0]).toEqual({ code: "AG", portalCode: "H01", name: "Tỉnh An Giang", shortName: "An Giang", kind: "tinh", rootDepartmentId: AG_ROOT });
    expect(body.provinces.find((p) => p.code === "HN")).toMatchObject({ portalCode: "H26", name: "Thành phố Hà Nội", rootDepartmentId: "019d2be3-6a86-70a8-a0af-76e986804225" });
    expect(body.provinces.map((p) => p.portalCode)).toEqual([...body.provinces.map((p) => p.portalCode)].sort());
  });

  it("also with a key", async () => {
    const res = await call("/v1/provinces", { key: await makeKey("PT", "read") });
    expect(res.status).toBe(200);
    expect((await json<{ provinces: unknown[] }>(res)).provinces).toHaveLength(34);
  });

  it("as CSV for spreadsheets: BOM, a header row and 34 rows", async () => {
    const res = await call("/v1/provinces?format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split("\r\n");
    expect(lines).toHaveLength(35);
    expect(lines[0]).toBe("Mã,Mã trên Cổng,Tên,Tên ngắn,Mã đơn vị gốc trên Cổng");
    expect(lines[1]).toBe(`AG,H01,Tỉnh An Giang,An Giang,${AG_ROOT}`);
    expect(lines).toContain("HCM,H29,Thành phố Hồ Chí Minh,Hồ Chí Minh,019d2be3-6a87-7317-855a-9a81af57b106");
  });

  it("refuses an unknown format", async () => {
    const res = await call("/v1/provinces?format=xml");
    expect(res.status).toBe(400);
    expect((await json<Envelope>(res)).error.code).toBe("VALIDATION_FAILED");
  });

  it("is in the OpenAPI document", async () => {
    const doc = await json<{ paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>(await call("/openapi.json"));
    expect(doc.paths["/v1/provinces"]).toBeTruthy();
    expect(doc.components.schemas["ProvinceList"]).toBeTruthy();
  });
});

describe("portal sources come from the directory", () => {
  const bare = { ...env, PORTAL_SOURCES: "" } as Env;

  it("a province other than HN/PT resolves without configuration", () => {
    expect(portalSource(bare, "AG")).toEqual({ rootDepartmentId: AG_ROOT, provinceName: "Tỉnh An Giang" });
    expect(periodSource(bare, "HCM", month("2026-08"))).toEqual({ service: "reporting-2026", id: "019d2be3-6a87-7317-855a-9a81af57b106", provinceName: "Thành phố Hồ Chí Minh", url: env.PORTAL_BASE_URL, timeoutMs: Number(env.PORTAL_TIMEOUT_MS) });
  });

  it("HN and PT keep their older-service ids", () => {
    expect(portalSource(bare, "HN")).toEqual({ rootDepartmentId: "019d2be3-6a86-70a8-a0af-76e986804225", provinceName: "Thành phố Hà Nội", legacyProvinceId: "389181" });
    expect(periodSource(bare, "PT", month("2025-10"))).toMatchObject({ service: "report_tinh_766_service", id: "422607", provinceName: "Tỉnh Phú Thọ" });
  });

  it("a directory province before 2026 needs its older-service id", () => {
    expect(() => periodSource(bare, "AG", month("2025-10"))).toThrow(/legacyProvinceId/);
  });

  it("PORTAL_SOURCES overrides or adds fields, and adds provinces outside the directory", () => {
    const configured = { ...env, PORTAL_SOURCES: JSON.stringify({ AG: { legacyProvinceId: "398126" }, HN: { rootDepartmentId: "other-root" }, QZ: { rootDepartmentId: "qz-root", provinceName: "Tỉnh Thử Z" } }) } as Env;
    expect(periodSource(configured, "AG", month("2025-10"))).toMatchObject({ id: "398126", provinceName: "Tỉnh An Giang" });
    expect(portalSource(configured, "HN")).toEqual({ rootDepartmentId: "other-root", provinceName: "Thành phố Hà Nội", legacyProvinceId: "389181" });
    expect(portalSource(configured, "QZ")).toEqual({ rootDepartmentId: "qz-root", provinceName: "Tỉnh Thử Z" });
    // The tests' own configuration (test/portal-stub.ts) still wins for PT.
    expect(portalSource(env, "PT").provinceName).toBe("Tỉnh Phú Thọ");
  });

  it("an unknown province is a 404 that says how to name one, and suggests the code", () => {
    const message = (province: string) => {
      try {
        portalSource(bare, province);
      } catch (err) {
        expect(err).toBeInstanceOf(ApiError);
        return (err as ApiError).message;
      }
      throw new Error("no error");
    };
    expect(message("ZZ")).toMatch(/GET \/v1\/provinces/);
    expect(message("ZZ")).toContain("PORTAL_SOURCES");
    expect(message("H01")).toContain("Mã của Tỉnh An Giang là AG");
    expect(message("DN")).toContain("DNG (Thành phố Đà Nẵng), DNI (Tỉnh Đồng Nai)");
  });
});
