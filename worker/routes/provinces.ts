/** GET /v1/provinces: the 34 provinces of the directory (shared/catalog/provinces.ts), JSON or CSV. Public. */
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import type { ProvinceList } from "../../shared/api-responses";
import { PROVINCES } from "../../shared";
import { answerTable } from "../csv";
import type { AppEnv } from "../env";
import { query } from "../validate";
import { FormatSchema, LocaleSchema } from "./periods";

/** The directory changes with a deployment only. */
const CACHE_CONTROL = "public, max-age=3600";

export const provinces = new Hono<AppEnv>().get("/", (c) => {
  const { format, locale } = query(c, z.object({ format: FormatSchema, locale: LocaleSchema }));
  const list: ProvinceList["provinces"] = PROVINCES.map((p) => ({ code: p.code, portalCode: p.portalCode, name: p.name, shortName: p.shortName, kind: p.kind, rootDepartmentId: p.rootDepartmentId }));
  if (format === "json") {
    c.header("Cache-Control", CACHE_CONTROL);
    return c.json({ provinces: list } satisfies ProvinceList);
  }
  const table = { name: "Tỉnh, thành phố", header: ["Mã", "Mã trên Cổng", "Tên", "Tên ngắn", "Mã đơn vị gốc trên Cổng"], rows: list.map((p) => [p.code, p.portalCode, p.name, p.shortName, p.rootDepartmentId]) };
  return answerTable(format, locale, table, "tinh-thanh-pho", { "Cache-Control": CACHE_CONTROL });
});
