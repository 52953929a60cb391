/**
 * Compressed answers (issue 12 item 3): a client that accepts gzip gets JSON, CSV and HTML gzip-encoded
 * by the Worker — a report of a few MB travels as a fraction of it. The body is compressed here with
 * CompressionStream and marked `encodeBody: "manual"`, so workerd and Cloudflare's edge send it as it
 * is (without "manual" the runtime would encode it again); Cloudflare decompresses on the fly for a
 * client that did not ask for gzip. The streamed fetch (application/x-ndjson) is left alone: its
 * progress lines must not wait in a compressor's buffer; workbooks (xlsx) are zip files already.
 *
 * The ETag stays as it is (strong): it names the revision, not the bytes, so If-Match on a write and
 * If-None-Match → 304 work the same with or without gzip; `Vary: Accept-Encoding` keeps caches apart.
 */

const COMPRESSIBLE = /^(?:application\/(?:json|problem\+json)|text\/(?:csv|html|plain))\b/i;
/** Below this many bytes (when the length is known) gzip saves nothing worth the work. */
export const COMPRESS_MIN_BYTES = 1024;

/** gzip named in Accept-Encoding with a non-zero weight (or `*`). */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    if (name.trim() !== "gzip" && name.trim() !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (!q || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

export function compressResponse(request: Request, response: Response): Response {
  const type = response.headers.get("content-type") ?? "";
  if (!COMPRESSIBLE.test(type) || response.headers.has("content-encoding") || !response.body) return response;
  if (request.method === "HEAD" || response.status === 204 || response.status === 206 || response.status === 304 || response.status === 101) return response;
  const headers = new Headers(response.headers);
  const vary = headers.get("vary");
  if (!vary) headers.set("vary", "Accept-Encoding");
  else if (vary !== "*" && !/\baccept-encoding\b/i.test(vary)) headers.set("vary", `${vary}, Accept-Encoding`);
  const length = Number(response.headers.get("content-length") ?? NaN);
  if (!acceptsGzip(request.headers.get("accept-encoding")) || length < COMPRESS_MIN_BYTES) {
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
  headers.set("content-encoding", "gzip");
  headers.delete("content-length");
  return new Response(response.body.pipeThrough(new CompressionStream("gzip")), { status: response.status, statusText: response.statusText, headers, encodeBody: "manual" });
}
