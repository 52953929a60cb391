/** Running wrangler from scripts: offline settings, JSON output, no prompts. */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const ROOT = path.join(import.meta.dirname, "..");
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

export function startDev(port: number, extra: string[] = []): ChildProcess {
  return spawn(bin, ["dev", "--local", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(port + 1000), ...extra], {
    cwd: ROOT,
    env: WRANGLER_ENV,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
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

export async function waitForHealth(base: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer on ${base} within ${timeoutMs / 1000} s`);
}

export const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
