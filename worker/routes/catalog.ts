/**
 * GET /v1/catalog/units?province=&date= and POST /v1/catalog/aliases (write scope for the province the
 * body names: the key is checked against it before the body is validated — a key of another province
 * gets 403 whatever else the body holds).
 */
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { AliasRequestSchema, ProvinceIdSchema } from "../../shared/api-schema";
import { createResolver, unitsAt } from "../../shared";
import { requireScope } from "../auth";
import { catalogFor, forgetCatalog } from "../catalogs";
import { addAlias } from "../db/aliases";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { jsonValue, parseWith, query } from "../validate";

export const catalog = new Hono<AppEnv>()
  .get("/units", async (c) => {
    const q = query(c, z.object({ province: ProvinceIdSchema, date: z.optional(z.iso.date()), level: z.optional(z.enum(["province", "department", "district", "commune"])) }));
    const cat = await catalogFor(c.env.DB, q.province);
    const date = q.date ?? new Date().toISOString().slice(0, 10);
    const units = unitsAt(cat, date).filter((u) => !q.level || u.level === q.level);
    return c.json({ province: cat.id, provinceName: cat.provinceName, date, units });
  })
  .post("/aliases", async (c) => {
    const raw = await jsonValue(c);
    // The province is in the body: authorise for the one it names first (a body naming none fails validation).
    const named = typeof raw === "object" && raw !== null ? (raw as { province?: unknown }).province : undefined;
    const key = typeof named === "string" ? await requireScope(c, named, "write") : null;
    const body = parseWith(AliasRequestSchema, raw, "body");
    const cat = await catalogFor(c.env.DB, body.province);
    const unit = cat.units.find((u) => u.id === body.unitId);
    if (!unit) throw new ApiError("NOT_FOUND", `Không có đơn vị mã "${body.unitId}" trong danh mục ${body.province}.`);
    const clash = createResolver(cat, unit.validFrom ?? "2024-01-01").resolve(body.alias);
    if (clash.status === "exact" && clash.unit && clash.unit.id !== unit.id) {
      throw new ApiError("CONFLICT", `Tên "${body.alias}" đã là tên của "${clash.unit.name}".`);
    }
    const r = await addAlias(c.env.DB, body.province, unit.id, body.alias, key?.label ?? "?", new Date().toISOString());
    if (r.status === "taken") throw new ApiError("CONFLICT", `Tên "${body.alias}" đã được gán cho đơn vị ${r.unitId}.`);
    forgetCatalog(body.province);
    return c.json({ province: body.province, unitId: unit.id, unitName: unit.name, alias: body.alias, status: r.status }, r.status === "created" ? 201 : 200);
  });
