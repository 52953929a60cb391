/**
 * What every request handler sees: the Worker's bindings — `Env`, generated from wrangler.toml by
 * `wrangler types` into worker/worker-configuration.d.ts (CI checks it is current) — and the
 * per-request variables. Imports nothing from the Worker, so any module may import it.
 */

import type { Db } from "./db/session";

export type Scope = "read" | "write";

/**
 * The bindings a request handler sees: Env, with DB the request's D1 session (app.ts opens one per
 * request: read replicas for reads, the primary for writes). Env itself (the Cron and Queue handlers)
 * fits wherever Bindings is asked.
 */
export type Bindings = Omit<Env, "DB"> & { readonly DB: Db };

/** The API key that authenticated a request. */
export interface KeyContext {
  readonly id: string;
  readonly label: string;
  /** "HN", or "*" for every province. */
  readonly province: string;
  readonly scopes: ReadonlySet<Scope>;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    requestId: string;
    /** The API key that authenticated the request, if any. */
    key: KeyContext | null;
  };
}
