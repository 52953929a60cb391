/** Bindings and per-request variables of the Worker. Imports nothing from the Worker, so any module may import it. */

export type Scope = "read" | "write";

/** The API key that authenticated a request. */
export interface KeyContext {
  readonly id: string;
  readonly label: string;
  /** "HN", or "*" for every province. */
  readonly province: string;
  readonly scopes: ReadonlySet<Scope>;
}

export interface Bindings {
  readonly DB: D1Database;
  /** Workers rate-limit binding ([[ratelimits]] in wrangler.toml); absent → no limiting. */
  readonly RATE_LIMITER?: RateLimit;
  /** Comma-separated origins allowed by CORS (the add-in's task pane origins). */
  readonly ALLOWED_ORIGINS?: string;
  /** The portal's 2026 reporting API base (default: dichvucong.gov.vn); a stub server's in tests. */
  readonly PORTAL_BASE_URL?: string;
  /** JSON {province: {rootDepartmentId, provinceName}} adding to or overriding the built-in sources. */
  readonly PORTAL_SOURCES?: string;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    requestId: string;
    /** The API key that authenticated the request, if any. */
    key: KeyContext | null;
  };
}
