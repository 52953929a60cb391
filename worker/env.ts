/**
 * What every request handler sees: the Worker's bindings — `Env`, generated from wrangler.toml by
 * `wrangler types` into worker/worker-configuration.d.ts (CI checks it is current) — and the
 * per-request variables. Imports nothing from the Worker, so any module may import it.
 */

export type Scope = "read" | "write";

/** The API key that authenticated a request. */
export interface KeyContext {
  readonly id: string;
  readonly label: string;
  /** "HN", or "*" for every province. */
  readonly province: string;
  readonly scopes: ReadonlySet<Scope>;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** The API key that authenticated the request, if any. */
    key: KeyContext | null;
  };
}
