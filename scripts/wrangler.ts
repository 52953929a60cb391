/** Running wrangler from scripts: offline settings, JSON output, no prompts; the local servers' ports. */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import net from "node:net";
import path from "node:path";

/**
 * The project's root: the nearest folder above this file whose package.json is chiso766's. Not a fixed
 * "..": the benchmark bundles this file into node_modules/.cache/… and runs it from there.
 */
export const ROOT = projectRoot(import.meta.dirname);

function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "chiso766") return dir;
    if (path.dirname(dir) === dir) throw new Error(`chiso766's package.json not found above ${from}`);
  }
}
export const DB_NAME = "chiso766";

/** Telemetry and network look-ups off (../shared/docs/toolchain.md). */
export const WRANGLER_ENV = {
  ...process.env,
  CI: "true",
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
};

const bin = path.join(ROOT, "node_modules", ".bin", "wrangler");

export function wrangler(args: string[]): string {
  return execFileSync(bin, args, { cwd: ROOT, env: WRANGLER_ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export type Where = "--local" | "--remote";

/** Run SQL on the database; returns the rows of the last statement. */
export function d1(sql: string, where: Where = "--local"): Record<string, unknown>[] {
  const out = wrangler(["d1", "execute", DB_NAME, where, "--json", "--command", sql]);
  const parsed = JSON.parse(out.slice(out.indexOf("["))) as { results: Record<string, unknown>[] }[];
  return parsed[parsed.length - 1]?.results ?? [];
}

export function migrate(where: Where = "--local"): void {
  wrangler(["d1", "migrations", "apply", DB_NAME, where]);
}

/** Serve the dev Worker over https with this key and certificate (office-addin-dev-certs'). */
export interface DevTls {
  readonly key: string;
  readonly cert: string;
}

/**
 * The dev Worker's secrets (wrangler.toml [secrets] required): wrangler dev reads them from .dev.vars when
 * that file exists, otherwise from the environment. LINK_SIGNING_SECRET: the environment's, or a random
 * one for this run (a signed link of the dev Worker is valid 5 minutes and only until it restarts).
 */
export function devSecrets(): Record<string, string> {
  return { LINK_SIGNING_SECRET: process.env["LINK_SIGNING_SECRET"] ?? randomBytes(32).toString("base64url") };
}

export function startDev(port: number, extra: string[] = [], tls: DevTls | null = null): ChildProcess {
  const https = tls ? ["--local-protocol", "https", "--https-key-path", tls.key, "--https-cert-path", tls.cert] : [];
  return spawn(bin, ["dev", "--local", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(port + 1000), ...https, ...extra], {
    cwd: ROOT,
    env: { ...WRANGLER_ENV, ...devSecrets() },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
}

/**
 * A local dev Worker for benchmarks: this repository's wrangler.toml copied to a temporary folder with the
 * rate limit lifted (a benchmark sends thousands of requests a minute), on the project's local D1 state.
 * `stop()` ends it and removes the copy.
 */
export function startBenchDev(port: number): { readonly dev: ChildProcess; stop(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "chiso766-bench-"));
  const config = path.join(dir, "wrangler.toml");
  const toml = readFileSync(path.join(ROOT, "wrangler.toml"), "utf8")
    .replace(/simple = \{ limit = \d+, period = 60 \}/, "simple = { limit = 1000000, period = 60 }")
    .replace(/^main = "(.+)"$/m, (_m, p: string) => `main = "${path.join(ROOT, p)}"`)
    .replace(/^migrations_dir = "(.+)"$/m, (_m, p: string) => `migrations_dir = "${path.join(ROOT, p)}"`)
    .replace(/^directory = "(.+)"$/m, (_m, p: string) => `directory = "${path.join(ROOT, p)}"`);
  writeFileSync(config, toml);
  const dev = startDev(port, ["--config", config, "--persist-to", path.join(ROOT, ".wrangler", "state")]);
  return {
    dev,
    stop() {
      stopDev(dev);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stop wrangler dev and its workerd children (kill the process group). */
export function stopDev(child: ChildProcess): void {
  if (child.pid) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
}

export async function waitForHealth(base: string, timeoutMs = 60_000, fetchImpl: (url: string) => Promise<Response> = fetch): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetchImpl(`${base}/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer on ${base} within ${timeoutMs / 1000} s`);
}

export const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A port `npm start` listens on: what it is for (in Vietnamese), the variable that moves it and a value to suggest. */
export interface PortUse {
  readonly port: number;
  readonly host: string;
  readonly what: string;
  readonly variable: string;
  readonly suggest: number;
}

/** Whether `port` can be listened on at `host` now (tried by listening and closing at once). */
export function portFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The uses whose port is taken, checked one after the other. */
export async function busyPorts(uses: readonly PortUse[]): Promise<PortUse[]> {
  const busy: PortUse[] = [];
  for (const use of uses) if (!(await portFree(use.port, use.host))) busy.push(use);
  return busy;
}

/** What to tell the developer about taken ports: which, what for, how to free them or choose others. */
export function busyPortsMessage(busy: readonly PortUse[]): string {
  const lines = busy.map((u) => `  - cổng ${u.port} (${u.what}) đang có chương trình khác dùng; đổi bằng biến ${u.variable}`);
  // One suggestion per variable (PORT moves the Worker's port and its inspector's, PORT + 1000).
  const example = [...new Map(busy.map((u) => [u.variable, `${u.variable}=${u.suggest}`])).values()].join(" ");
  return [
    "chiso766: không khởi động được vì cổng đã có người dùng:",
    ...lines,
    "Có thể một `npm start` khác (hoặc `wrangler dev`) đang chạy: dừng nó bằng Ctrl+C trong cửa sổ của nó,",
    `hoặc tìm chương trình đang giữ cổng: lsof -i :${busy[0]?.port ?? 8787} (hay ss -ltnp). Hoặc chạy với cổng khác, ví dụ:`,
    `  ${example} npm start`,
  ].join("\n");
}
