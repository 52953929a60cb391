/** Retry-After (worker/limits.ts) counts with the period of the RATE_LIMITER binding in wrangler.toml. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RATE_LIMIT_PERIOD_S } from "../../worker/limits";

describe("rate limit period", () => {
  it("equals the [[ratelimits]] RATE_LIMITER period in wrangler.toml", () => {
    const toml = readFileSync(path.join(import.meta.dirname, "../../wrangler.toml"), "utf8");
    const block = /\[\[ratelimits\]\][^[]*?name\s*=\s*"RATE_LIMITER"[^[]*?period\s*=\s*(\d+)/.exec(toml);
    expect(block?.[1]).toBeDefined();
    expect(Number(block?.[1])).toBe(RATE_LIMIT_PERIOD_S);
  });
});
