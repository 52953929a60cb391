/** GET /health and GET /v1/methodologies. */
import { Hono } from "hono";
import { METHODOLOGIES } from "../../shared";
import type { AppEnv } from "../env";

export const VERSION = "0.2.0";

export const health = new Hono<AppEnv>().get("/", async (c) => {
  const db = await c.env.DB.prepare("SELECT COUNT(*) AS n FROM d1_migrations").first<{ n: number }>().catch(() => null);
  return c.json({ status: "ok", service: "chiso766", version: VERSION, database: db ? "ok" : "unavailable", migrations: db?.n ?? null, methodologies: METHODOLOGIES.map((m) => m.id) });
});

export const methodologies = new Hono<AppEnv>().get("/", (c) => c.json({ methodologies: METHODOLOGIES }));
