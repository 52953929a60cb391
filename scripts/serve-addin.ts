/**
 * Serve dist/addin/: HTTPS on localhost:3000 for Excel (certificates from office-addin-dev-certs,
 * generated on first use) and plain HTTP on 127.0.0.1:3001 for the browser preview. Only the
 * content-hashed bundles and the icons may be cached; everything else (HTML, the manifest, and the
 * custom functions' functions.js and functions.json, which the manifest names without a hash) is sent
 * with no-cache so a new build is picked up. The same certificate serves the dev Worker over https
 * (scripts/start.ts), so the task pane never mixes http into an https page.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { OUT } from "./build-addin";

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".json": "application/json; charset=utf-8", ".png": "image/png", ".xml": "application/xml; charset=utf-8" };

/** A bundle whose name carries its content hash ("taskpane.3F2A7QXZ.js", esbuild's [name].[hash]): a new build has a new name. */
const HASHED = /\.[A-Z0-9]{8}\.js$/;

export function handler(root = OUT): http.RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const rel = decodeURIComponent(url.pathname === "/" ? "/taskpane.html" : url.pathname);
    const file = path.join(root, path.normalize(rel).replace(/^(\.\.[/\\])+/, ""));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Không tìm thấy");
      return;
    }
    const ext = path.extname(file);
    const keep = HASHED.test(file) || ext === ".png";
    res.writeHead(200, { "content-type": TYPES[ext] ?? "application/octet-stream", "cache-control": keep ? "public, max-age=31536000, immutable" : "no-cache" });
    res.end(readFileSync(file));
  };
}

export async function serveHttp(port: number, host = "127.0.0.1", root = OUT): Promise<http.Server> {
  const server = http.createServer(handler(root));
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}

/** The office-addin-dev-certs files (localhost and 127.0.0.1, signed by its own CA), generated on first use. */
export interface DevCerts {
  readonly key: string;
  readonly cert: string;
  /** The CA that signed `cert`: Excel trusts it once `npx office-addin-dev-certs install` ran; Node is handed it. */
  readonly ca: string;
}

export async function devCerts(): Promise<DevCerts> {
  const dir = path.join(process.env["HOME"] ?? ".", ".office-addin-dev-certs");
  const files = { key: path.join(dir, "localhost.key"), cert: path.join(dir, "localhost.crt"), ca: path.join(dir, "ca.crt") };
  if (!existsSync(files.key) || !existsSync(files.cert) || !existsSync(files.ca)) {
    const certs = await import("office-addin-dev-certs");
    await certs.generateCertificates(files.ca, files.cert, files.key, 30);
  }
  return files;
}

export async function serveHttps(port: number): Promise<https.Server | null> {
  try {
    const { key, cert } = await devCerts();
    const server = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, handler());
    await new Promise<void>((resolve) => server.listen(port, "localhost", resolve));
    return server;
  } catch (err) {
    console.warn(`chiso766: không mở được HTTPS cho Excel (${err instanceof Error ? err.message : String(err)}); bản xem trước HTTP vẫn chạy.`);
    return null;
  }
}

export const portOf = (s: http.Server | https.Server) => (s.address() as AddressInfo).port;
