/**
 * createApp(): request id → CORS (allowlist, also on errors) → rate limit → key → resource sub-apps.
 * notFound and onError live on this root app only (Hono ignores them on mounted sub-apps).
 */
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import { cors } from "hono/cors";
import { authenticate } from "./auth";
import { BOOKMARK_HEADER, d1Session } from "./d1-session";
import type { AppEnv } from "./env";
import { ApiError, errorResponse, handleError } from "./errors";
import { retryAfter } from "./limits";
import { catalog } from "./routes/catalog";
import { history } from "./routes/history";
import { letter, letterSettings } from "./routes/letter";
import { health, methodologies } from "./routes/meta";
import { periods } from "./routes/periods";
import { planRoutes } from "./routes/plan";
import { portalFetch } from "./routes/portal-fetch";
import { national } from "./routes/national";
import { provinces } from "./routes/provinces";
import { reports } from "./routes/reports";
import { methodNotAllowed, writeKeyFirst } from "./routing";
import { settings } from "./routes/settings";
import { targets } from "./routes/targets";

/** The add-in's task pane origins in development; production adds its own via ALLOWED_ORIGINS. */
export const DEFAULT_ORIGINS = ["https://localhost:3000"];

export function allowedOrigins(env: AppEnv["Bindings"]): string[] {
  const extra = (env.ALLOWED_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return [...DEFAULT_ORIGINS, ...extra];
}

/** A file of the API's documentation from the static assets; 404 naming the build when the assets were not built. */
async function apiDoc(c: Context<AppEnv>, file: string): Promise<Response> {
  const res = c.env.ASSETS ? await c.env.ASSETS.fetch(new URL(file, c.req.url)) : null;
  if (res?.ok) return new Response(res.body, { headers: { "Content-Type": res.headers.get("Content-Type") ?? "application/octet-stream", "Cache-Control": "public, max-age=300" } });
  await res?.body?.cancel();
  return errorResponse(c, "NOT_FOUND", "Chưa có tài liệu API: dựng add-in trước (npx tsx scripts/build-addin.ts) để có openapi.json và docs.html.");
}

export function createApp() {
  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    c.set("requestId", c.req.header("cf-ray") ?? crypto.randomUUID());
    c.set("key", null);
    await next();
    c.header("X-Request-Id", c.get("requestId"));
  });
  app.use(
    "*",
    cors({
      origin: (origin, c) => (allowedOrigins(c.env).includes(origin) ? origin : null),
      allowMethods: ["GET", "POST", "PUT", "OPTIONS"],
      allowHeaders: ["Authorization", "Content-Type", "If-Match", BOOKMARK_HEADER],
      exposeHeaders: ["ETag", "Location", "X-Request-Id", "Retry-After", BOOKMARK_HEADER],
      maxAge: 600,
    }),
  );
  // One D1 session per request (read replicas for reads, the primary for writes; x-d1-bookmark).
  app.use("*", d1Session);
  app.use("/v1/*", async (c, next) => {
    const limit = async (who: string) => {
      if (!c.env.RATE_LIMITER) return;
      const { success } = await c.env.RATE_LIMITER.limit({ key: who });
      if (!success) throw new ApiError("RATE_LIMITED", undefined, [], { "Retry-After": retryAfter(Date.now()) });
    };
    let key;
    try {
      key = await authenticate(c);
    } catch (err) {
      // Wrong keys are limited too (per client address), so guessing keys costs the guesser.
      await limit(`ip:${c.req.header("cf-connecting-ip") ?? "local"}`);
      throw err;
    }
    c.set("key", key);
    await limit(key ? `key:${key.id}` : `ip:${c.req.header("cf-connecting-ip") ?? "local"}`);
    await next();
  });
  // A write route answers 401/403 before its handler reads the body (the routes are read at request time).
  app.use("/v1/*", writeKeyFirst(() => app.routes));

  app.route("/health", health);
  // Built with the add-in into the static assets (scripts/api-docs.ts): the generator is not in the bundle.
  app.get("/openapi.json", (c) => apiDoc(c, "/openapi.json"));
  app.get("/docs", (c) => apiDoc(c, "/docs.html"));
  app.route("/v1/reports", reports);
  app.route("/v1/provinces/:province/settings", settings);
  app.route("/v1/provinces/:province/letter-settings", letterSettings);
  app.route("/v1/provinces/:province/targets", targets);
  app.route("/v1/provinces", provinces);
  app.route("/v1/national", national);
  app.route("/v1/provinces/:province/periods/:period/fetch", portalFetch);
  app.route("/v1/provinces/:province/periods/:period", letter);
  app.route("/v1/provinces/:province/periods/:period", periods);
  app.route("/v1/provinces/:province/periods/:period", planRoutes);
  app.route("/v1/provinces/:province", history);
  app.route("/v1/catalog", catalog);
  app.route("/v1/methodologies", methodologies);

  app.notFound((c) => {
    const wrongMethod = methodNotAllowed(app.routes, c);
    if (wrongMethod) return handleError(wrongMethod, c);
    return errorResponse(c, "NOT_FOUND", `Không có đường dẫn ${c.req.method} ${new URL(c.req.url).pathname}. Xem /docs.`);
  });
  app.onError(handleError);
  return app;
}
