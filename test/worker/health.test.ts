import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json } from "./helpers";

describe("GET /health, /openapi.json, /docs, /v1/methodologies", () => {
  it("health reports the database and migrations", async () => {
    const res = await call("/health");
    expect(res.status).toBe(200);
    expect(env.TEST_MIGRATIONS.length).toBeGreaterThanOrEqual(2);
    expect(await json(res)).toMatchObject({ status: "ok", database: "ok", migrations: env.TEST_MIGRATIONS.length, methodologies: ["portal-2024", "portal-2026"] });
  });

  it("serves an OpenAPI 3.1 document generated from the zod schemas", async () => {
    const doc = await json<{ openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }>(await call("/openapi.json"));
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/v1/reports", "/v1/provinces/{province}/periods/{period}", "/v1/provinces/{province}/periods/{period}/rankings", "/v1/catalog/units", "/v1/methodologies"]),
    );
    expect(Object.keys(doc.components.schemas["ReportRequest"]?.properties ?? {})).toEqual(expect.arrayContaining(["province", "period", "unitScores", "previous", "options"]));
    expect(doc.components.schemas["ErrorEnvelope"]).toBeTruthy();
    // ?include= documented alike where the report is asked for: POST /v1/reports and a stored month's GET …/report.
    type Op = { parameters?: { name: string; in: string; schema: unknown; description: string }[] };
    const paths = doc.paths as Record<string, Record<string, Op>>;
    const include = (op: Op | undefined) => op?.parameters?.find((p) => p.name === "include");
    expect(include(paths["/v1/reports"]?.["post"])).toMatchObject({ in: "query", description: expect.stringContaining("appendices, issues, ranking, narrative") });
    expect(include(paths["/v1/provinces/{province}/periods/{period}/report"]?.["get"])).toEqual(include(paths["/v1/reports"]?.["post"]));
  });

  it("serves a readable docs page", async () => {
    const res = await call("/docs");
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("PUT /v1/provinces/{province}/periods/{period}");
    expect(html).toContain("If-Match");
  });

  it("lists the methodologies", async () => {
    const body = await json<{ methodologies: { id: string; effectiveFrom: string }[] }>(await call("/v1/methodologies"));
    expect(body.methodologies.map((m) => [m.id, m.effectiveFrom])).toEqual([
      ["portal-2024", "2024-01-01"],
      ["portal-2026", "2026-01-01"],
    ]);
  });
});
