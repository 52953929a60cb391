/** GET /health and GET /v1/methodologies. */
import { Hono } from "hono/tiny";
import { METHODOLOGIES } from "../../shared";
import { appliedMigrations } from "../db/meta";
import type { AppEnv } from "../env";

import { VERSION } from "../version";

export { VERSION };

export const health = new Hono<AppEnv>().get("/", async (c) => {
  const migrations = await appliedMigrations(c.env.DB);
  return c.json({ status: "ok", service: "chiso766", version: VERSION, database: migrations === null ? "unavailable" : "ok", migrations, methodologies: METHODOLOGIES.map((m) => m.id) });
});

export const methodologies = new Hono<AppEnv>().get("/", (c) => c.json({ methodologies: METHODOLOGIES }));
