import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import("../../worker/index");
    }
    interface Env {
      DB: D1Database;
      RATE_LIMITER: RateLimit;
      ALLOWED_ORIGINS: string;
      TEST_MIGRATIONS: D1Migration[];
      PORTAL_BASE_URL: string;
      PORTAL_SOURCES: string;
    }
  }
}
export {};
