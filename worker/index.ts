/**
 * chiso766 Worker entry. At this stage it serves only its health check; the report API (issue 3)
 * mounts its resources here.
 */
import { Hono } from "hono";
import { METHODOLOGIES } from "../shared";

export const VERSION = "0.1.0";

const app = new Hono().get("/health", (c) =>
  c.json({ status: "ok", service: "chiso766", version: VERSION, methodologies: METHODOLOGIES.map((m) => m.id) }),
);

export type AppType = typeof app;
export default app;
