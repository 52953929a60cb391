/** Bindings and per-request variables of the Worker. */
import type { KeyContext } from "./auth";

export interface Bindings {
  readonly DB: D1Database;
  /** Workers rate-limit binding ([[ratelimits]] in wrangler.toml); absent → no limiting. */
  readonly RATE_LIMITER?: RateLimit;
  /** Comma-separated origins allowed by CORS (the add-in's task pane origins). */
  readonly ALLOWED_ORIGINS?: string;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    requestId: string;
    /** The API key that authenticated the request, if any. */
    key: KeyContext | null;
  };
}
