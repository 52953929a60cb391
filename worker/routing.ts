/**
 * What the registered routes (Hono's `app.routes`) say about a request, so that nothing is listed by
 * hand: which methods a path takes (405 with `Allow` for another one), and which registered routes are
 * writes (every write needs a key with write scope, checked before its body is read).
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./env";
import { ApiError } from "./errors";

export interface RouteLike {
  readonly method: string;
  readonly path: string;
}

/** Methods that change something: a key with write scope is required before the body is read. */
export const WRITE_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Writes anyone may call: POST /v1/reports is stateless (datasets in, report out; nothing is stored). */
export const PUBLIC_WRITES: ReadonlySet<string> = new Set(["POST /v1/reports"]);
/**
 * POSTs that store nothing and compute on a province's stored data: read scope for the province (or a
 * public province), which the handler checks from the path before it reads the body. POST …/what-if
 * computes; POST …/letter-link signs a short-lived link to the letter a read key may download anyway.
 */
export const READ_POSTS: ReadonlySet<string> = new Set(["POST /v1/provinces/:province/periods/:period/what-if", "POST /v1/provinces/:province/periods/:period/letter-link"]);

interface Compiled {
  readonly method: string;
  readonly path: string;
  readonly re: RegExp;
}

const compiledFor = new WeakMap<readonly RouteLike[], { readonly count: number; readonly list: Compiled[] }>();

/** "/v1/provinces/:province/periods/:period" → a regular expression for one path segment per parameter. */
function pattern(path: string): RegExp {
  const source = path
    .split("/")
    .map((seg) => (seg.startsWith(":") ? "[^/]+" : seg === "*" ? ".*" : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}$`);
}

function compiled(routes: readonly RouteLike[]): Compiled[] {
  const hit = compiledFor.get(routes);
  if (hit && hit.count === routes.length) return hit.list;
  // Middleware is registered with method ALL; only handlers say what a path answers.
  const list = routes.filter((r) => r.method !== "ALL").map((r) => ({ method: r.method.toUpperCase(), path: r.path, re: pattern(r.path) }));
  compiledFor.set(routes, { count: routes.length, list });
  return list;
}

/** The registered route (its pattern, "POST /v1/catalog/aliases") a request reaches, if any. */
export function routeOf(routes: readonly RouteLike[], method: string, pathname: string): string | null {
  const m = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
  const hit = compiled(routes).find((r) => r.method === m && r.re.test(pathname));
  return hit ? `${hit.method} ${hit.path}` : null;
}

/**
 * The methods `pathname` answers, for an `Allow` header: the registered ones, HEAD wherever GET is
 * (Hono answers HEAD with the GET handler) and OPTIONS (CORS preflight). Empty: no such path.
 */
export function allowedMethods(routes: readonly RouteLike[], pathname: string): string[] {
  const methods = new Set(compiled(routes).filter((r) => r.re.test(pathname)).map((r) => r.method));
  if (!methods.size) return [];
  if (methods.has("GET")) methods.add("HEAD");
  methods.add("OPTIONS");
  const order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
  return [...methods].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** The registered write routes, "PUT /v1/provinces/:province/periods/:period", public ones included. */
export function writeRoutes(routes: readonly RouteLike[]): string[] {
  return compiled(routes).filter((r) => WRITE_METHODS.has(r.method)).map((r) => `${r.method} ${r.path}`);
}

/** 405 for a path that exists with other methods; null when the path is unknown (a 404). */
export function methodNotAllowed(routes: readonly RouteLike[], c: Context<AppEnv>): ApiError | null {
  const pathname = new URL(c.req.url).pathname;
  const allow = allowedMethods(routes, pathname);
  if (!allow.length) return null;
  return new ApiError("METHOD_NOT_ALLOWED", `Đường dẫn ${pathname} không nhận phương thức ${c.req.method}; chỉ nhận ${allow.join(", ")}. Xem /docs.`, [], { Allow: allow.join(", ") });
}

/**
 * Every registered write route but the public ones and the read POSTs needs a key with write scope, checked here, before
 * any handler reads or validates a body; the handler then checks the key's province before the body too
 * (from the path; POST /v1/catalog/aliases from the `province` its JSON names, before the schema).
 */
export function writeKeyFirst(routes: () => readonly RouteLike[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (WRITE_METHODS.has(c.req.method.toUpperCase())) {
      const route = routeOf(routes(), c.req.method, new URL(c.req.url).pathname);
      if (route && !PUBLIC_WRITES.has(route) && !READ_POSTS.has(route)) {
        const key = c.get("key");
        if (!key) throw new ApiError("UNAUTHORIZED", undefined, [], { "WWW-Authenticate": 'Bearer realm="chiso766"' });
        if (!key.scopes.has("write")) throw new ApiError("FORBIDDEN", "Khóa truy cập này chỉ được đọc, không được ghi.");
      }
    }
    await next();
  };
}
