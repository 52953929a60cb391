/**
 * GET / PUT /v1/provinces/{province}/settings: whether the province's figures are captured on a
 * schedule (README "Snapshots on a schedule") and whether its stored months are public. GET needs read
 * scope for the province, PUT write scope (changing publicRead: an administrator's key, province "*");
 * opting in needs a province the portal knows.
 */
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { ProvinceIdSchema, type ProvinceSettings, ProvinceSettingsSchema } from "../../shared/api-schema";
import { requireScope } from "../auth";
import { readSettings, writeSettings } from "../db/settings";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { portalSource } from "../portal/sources";
import { jsonBody, params } from "../validate";

const PathSchema = z.object({ province: ProvinceIdSchema });

export const settings = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { province } = params(c, PathSchema);
    await requireScope(c, province, "read");
    const s = await readSettings(c.env.DB, province);
    return c.json({ snapshots: s.snapshots, publicRead: s.publicRead } satisfies ProvinceSettings);
  })
  .put("/", async (c) => {
    const { province } = params(c, PathSchema);
    const key = await requireScope(c, province, "write");
    const body = await jsonBody(c, ProvinceSettingsSchema);
    // Opening a province's stored months to anyone is the administrator's call (a key for every
    // province), not any clerk's with a write key: before this route only an edit of D1 could do it.
    const current = body.publicRead === undefined ? null : await readSettings(c.env.DB, province);
    if (current && body.publicRead !== current.publicRead && key?.province !== "*") {
      throw new ApiError("FORBIDDEN", `Chỉ khóa quản trị (mọi tỉnh, thành phố) được đổi publicRead của ${province}; khóa này chỉ đổi được snapshots. Bỏ publicRead khỏi yêu cầu, hoặc nhờ quản trị viên.`, [{ path: "body.publicRead", code: "forbidden", message: "Cần khóa quản trị" }]);
    }
    // 404 in Vietnamese (with the code meant) for a province the portal cannot be asked about.
    if (body.snapshots) portalSource(c.env, province);
    const s = await writeSettings(c.env.DB, province, body.snapshots, body.publicRead);
    return c.json({ snapshots: s.snapshots, publicRead: s.publicRead } satisfies ProvinceSettings);
  });
