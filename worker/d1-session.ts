/**
 * D1 read replication (issue 12 item 8): every request runs its queries in one D1 Sessions API
 * session, which the handlers see as `c.env.DB`. Reads (GET, HEAD) start where the client's
 * `x-d1-bookmark` says — any replica at least that new — or anywhere ("first-unconstrained") without
 * one; writes start at the primary ("first-primary"). The answer carries the session's newest
 * bookmark in `x-d1-bookmark`, so a client that sends it back (the add-in does; a spreadsheet's Power
 * Query may) never reads a state older than one it has seen — its own writes included. Locally there
 * are no replicas: the session runs on the one database and the bookmarks still advance.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env";
import { ApiError } from "./errors";

export const BOOKMARK_HEADER = "X-D1-Bookmark";
/** D1's bookmarks: hex fields joined by "-" (e.g. 00000001-00000004-00005018-3e4f…), sortable as text. */
const BOOKMARK = /^[0-9a-f]{8}(?:-[0-9a-f]{8,64}){1,4}$/i;

export const d1Session: MiddlewareHandler<AppEnv> = async (c, next) => {
  const db = c.env.DB;
  if (!("withSession" in db)) return next();
  const read = c.req.method === "GET" || c.req.method === "HEAD";
  const given = c.req.header(BOOKMARK_HEADER)?.trim() || undefined;
  if (given !== undefined && !BOOKMARK.test(given)) {
    throw new ApiError("VALIDATION_FAILED", `Tiêu đề ${BOOKMARK_HEADER} "${given.slice(0, 80)}" không phải dấu mốc D1; gửi lại đúng giá trị máy chủ đã trả, hoặc bỏ tiêu đề này.`, [{ path: `header.${BOOKMARK_HEADER}`, code: "invalid_format", message: "Dấu mốc D1 không hợp lệ" }]);
  }
  const session = db.withSession(read ? (given ?? "first-unconstrained") : "first-primary");
  c.env = { ...c.env, DB: session };
  await next();
  const bookmark = session.getBookmark();
  if (bookmark) c.header(BOOKMARK_HEADER, bookmark);
};
