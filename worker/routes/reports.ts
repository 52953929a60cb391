/** POST /v1/reports — stateless: datasets in, report out. Nothing is stored. */
import { Hono } from "hono";
import { ReportRequestSchema } from "../../shared/api-schema";
import { buildReport } from "../../shared";
import { catalogFor } from "../catalogs";
import type { AppEnv } from "../env";
import { jsonBody } from "../validate";

export const reports = new Hono<AppEnv>().post("/", async (c) => {
  const { options, ...input } = await jsonBody(c, ReportRequestSchema);
  const catalog = await catalogFor(c.env.DB, input.province);
  return c.json(buildReport(input, { ...options, catalog }));
});
