/**
 * POST /v1/reports — stateless: datasets in, report out. Nothing is stored. From 2026 the headline's
 * national rank comes from the national summaries the Worker has stored for the period and the one
 * before (read only), as for a stored month's report; without one the report says the rank is missing.
 */
import { Hono } from "hono/tiny";
import { ReportRequestSchema } from "../../shared/api-schema";
import { buildReport, parsePeriod, periodKey, previousPeriod } from "../../shared";
import { catalogFor } from "../catalogs";
import type { AppEnv } from "../env";
import { nationalFor } from "../revisions";
import { jsonBody } from "../validate";

export const reports = new Hono<AppEnv>().post("/", async (c) => {
  const { options, ...input } = await jsonBody(c, ReportRequestSchema);
  const parsed = input.period ? parsePeriod(input.period) : null;
  const [catalog, national] = await Promise.all([catalogFor(c.env.DB, input.province), parsed ? nationalFor(c.env.DB, input.province, periodKey(parsed), periodKey(previousPeriod(parsed))) : null]);
  return c.json(buildReport(input, { ...options, catalog, ...(national ? { national: national.input } : {}) }));
});
