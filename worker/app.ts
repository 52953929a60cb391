/**
 * createApp(): request id → CORS (allowlist, also on errors) → rate limit → key → resource sub-apps.
 * notFound and onError live on this root app only (Hono ignores them on mounted sub-apps).
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { authenticate } from "./auth";
import { BOOKMARK_HEADER, d1Session } from "./d1-session";
import type { AppEnv } from "./env";
import { ApiError, errorResponse, handleError } from "./errors";
import { docsPage, openApiDocument } from "./openapi";
import { catalog } from "./routes/catalog";
import { history } from "./routes/history";
import { health, methodologies } from "./routes/meta";
import { periods } from "./routes/periods";
import { portalFetch } from "./routes/portal-fetch";
import { national } from "./routes/national";
import { provinces } from "./routes/provinces";
import { reports } from "./routes/reports";
import { settings } from "./routes/settings";

/** The add-in's task pane origins in development; production adds its own via ALLOWED_ORIGINS. */
export const DEFAULT_ORIGINS = ["https://localhost:3000"];

export function allowedOrigins(env: AppEnv["Bindings"]): string[] {
  const extra = (env.ALLOWED_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return [...DEFAULT_ORIGINS, ...extra];
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
      if (!success) throw new ApiError("RATE_LIMITED", undefined, [], { "Retry-After": "60" });
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

  app.route("/health", health);
  app.get("/openapi.json", (c) => c.json(openApiDocument()));
  app.get("/docs", (c) => c.html(docsPage()));
  app.route("/v1/reports", reports);
  app.route("/v1/provinces/:province/settings", settings);
  app.route("/v1/provinces", provinces);
  app.route("/v1/national", national);
  app.route("/v1/provinces/:province/periods/:period/fetch", portalFetch);
  app.route("/v1/provinces/:province/periods/:period", periods);
  app.route("/v1/provinces/:province", history);
  app.route("/v1/catalog", catalog);
  app.route("/v1/methodologies", methodologies);

  app.notFound((c) => errorResponse(c, "NOT_FOUND", `Không có đường dẫn ${c.req.method} ${new URL(c.req.url).pathname}. Xem /docs.`));
  app.onError(handleError);
  return app;
}
