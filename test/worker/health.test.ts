import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("GET /health (inside workerd)", () => {
  it("answers with the service, version and the methodologies it knows", async () => {
    const res = await exports.default.fetch("http://chiso766.test/health");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; methodologies: string[] };
    expect(body.status).toBe("ok");
    expect(body.methodologies).toEqual(["portal-2024", "portal-2026"]);
  });
});
