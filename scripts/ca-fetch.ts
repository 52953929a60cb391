/**
 * fetch for the dev Worker served over https with the office-addin-dev-certs certificate: Node does not
 * trust that CA (only Excel's machine does, once installed), and Node's built-in fetch takes no `ca`,
 * so `npm start` talks to its Worker through node:https with the CA handed over explicitly — nothing
 * is disabled (no NODE_TLS_REJECT_UNAUTHORIZED), nothing installed. Answers are whole Response objects,
 * gzip-decoded as fetch would (the Worker compresses answers, and wrangler dev's proxy asks for gzip).
 */
import https from "node:https";
import { gunzipSync } from "node:zlib";

export interface CaRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export type CaFetch = (url: string, init?: CaRequest) => Promise<Response>;

export function caFetch(ca: string | Buffer): CaFetch {
  return (url, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const req = https.request(url, { method: init.method ?? "GET", headers: init.headers ?? {}, ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const status = res.statusCode ?? 502;
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
          const raw = Buffer.concat(chunks);
          const gzip = headers.get("content-encoding") === "gzip" && raw.length > 0;
          const body = gzip ? new Uint8Array(gunzipSync(raw)) : raw;
          if (gzip) {
            headers.delete("content-encoding");
            headers.delete("content-length");
          }
          resolve(new Response([204, 205, 304].includes(status) ? null : body, { status, headers }));
        });
      });
      req.on("error", reject);
      if (init.body !== undefined) req.write(init.body);
      req.end();
    });
}
