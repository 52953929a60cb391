/**
 * Worker benchmark (part of `npm run bench`):
 * - bundle size from `wrangler deploy --dry-run --minify` (minified and gzip);
 * - POST /v1/reports at Hà Nội size (126 xã/phường and the departments, every 2026 indicator,
 *   last month included) against local `wrangler dev`: p50 / p99 over sequential requests;
 * - GET …/rankings?format=csv at concurrency 50 for 10 s: requests per second and errors;
 * - GET …/letter.docx of the Hà Nội month (seed 000's 12/2024 against 11/2024): the Word letter, median
 *   ms over sequential requests (target ≤ 200 ms); alone: `npx tsx bench/worker.bench.ts --letter`;
 * - history over 24 stored months (bench/history.bench.ts);
 * - one client cannot slow everyone (issue 12 item 3): the largest report that used to be allowed
 *   anonymously (12,000 rows × 3 datasets) is now a 413 (time to answer); the same report with a key
 *   with write scope, its answer plain and gzip; and the rankings CSV load while that keyed report
 *   runs in a loop beside it, as a ratio of the quiet figure.
 * The local Worker runs from a copy of wrangler.toml whose rate limit is raised, so the load test
 * measures the Worker, not the limiter. Results are merged into bench/results.json.
 */
import { gzipSync } from "node:zlib";
import { HA_NOI, unitsOfLevel } from "../shared";
import { seedReportInput } from "../samples/seed-000-input";
import { createKey } from "../scripts/keys";
import { BUNDLE_BUDGET_GZIP_KIB, bundleSize } from "../scripts/bundle-budget";
import { migrate, startBenchDev, waitForHealth } from "../scripts/wrangler";
import { syntheticInput } from "../samples/synthetic";
import { printHistoryBench, runHistoryBench } from "./history.bench";

const PORT = 8797;
const BASE = `http://127.0.0.1:${PORT}`;
const TARGETS = { gzipKiB: BUNDLE_BUDGET_GZIP_KIB, p99Ms: 50, errors: 0, letterDocxMedianMs: 200 };

/** Hà Nội today: 126 communes and the departments, with every indicator, and last month's totals. */
function haNoiSizeBody(): unknown {
  const date = "2026-08-31";
  const catalog = { ...HA_NOI, units: [...unitsOfLevel(HA_NOI, date, "commune"), ...unitsOfLevel(HA_NOI, date, "department")] };
  const input = syntheticInput(catalog, 26, "portal");
  return { ...input, province: "HN", period: "2026-08", previous: { ...input.previous, period: "2026-07" } };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;

async function latency(body: string, n: number): Promise<{ p50: number; p99: number; n: number; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < n + 10; i++) {
    const t0 = performance.now();
    const res = await fetch(`${BASE}/v1/reports`, { method: "POST", headers: { "content-type": "application/json" }, body });
    await res.arrayBuffer();
    if (!res.ok) errors++;
    if (i >= 10) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: Math.round(quantile(times, 0.5) * 10) / 10, p99: Math.round(quantile(times, 0.99) * 10) / 10, n, errors };
}

async function load(url: string, key: string, concurrency: number, seconds: number): Promise<{ requests: number; errors: number; rps: number; errorKinds: Record<string, number> }> {
  const until = performance.now() + seconds * 1000;
  let requests = 0;
  let errors = 0;
  const errorKinds: Record<string, number> = {};
  const fail = (kind: string) => {
    errors++;
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  };
  const worker = async () => {
    while (performance.now() < until) {
      try {
        const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
        const bytes = new Uint8Array(await res.arrayBuffer());
        if (!res.ok) fail(`HTTP ${res.status} ${new TextDecoder().decode(bytes.slice(0, 60))}`);
        else if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) fail("no BOM");
      } catch (err) {
        fail(String((err as { cause?: unknown }).cause ?? err).slice(0, 80));
      }
      requests++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  return { requests, errors, rps: Math.round(requests / elapsed), errorKinds };
}

/** 12,000 rows in each of the three datasets: the largest body LIMITS allows (about 2.9 MB). */
export function largestBody(): string {
  const unit = (i: number) => `UBND xã Thử Nghiệm số ${i + 1}`;
  const n = 12_000;
  return JSON.stringify({
    province: "HN",
    period: "2026-08",
    unitScores: Array.from({ length: n }, (_, i) => ({ unit: unit(i), total: 50 + (i % 50), statedDelta: (i % 7) - 3 })),
    overdueDossiers: Array.from({ length: n }, (_, i) => ({ unit: unit(i), total: i % 9, districtLevel: 0, communeLevel: i % 9 })),
    overduePetitions: Array.from({ length: n }, (_, i) => ({ unit: unit(i), total: i % 5, notReceived: 0, late: i % 5 })),
  });
}

/**
 * Issue 12 item 3, measured: the largest body anonymously (now refused), the same with a key (its
 * answer plain and gzip), and the rankings CSV rate beside a loop of keyed large reports.
 */
export async function runFairnessBench(base: string, secret: string, quietRps: number | null): Promise<Record<string, unknown>> {
  const body = largestBody();
  const post = async (headers: Record<string, string>) => {
    const t0 = performance.now();
    const res = await fetch(`${base}/v1/reports`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    const buffer = await res.arrayBuffer();
    return { status: res.status, ms: Math.round(performance.now() - t0), bytes: buffer.byteLength, buffer, encoding: res.headers.get("content-encoding") };
  };
  const anonymous = await post({});
  const keyedPlain = await post({ authorization: `Bearer ${secret}`, "accept-encoding": "identity" });
  // Node's fetch decodes the gzip answer it asked for: its wire size is estimated as the plain answer
  // through zlib's gzip (the Worker's CompressionStream uses the same deflate).
  const keyedGzip = await post({ authorization: `Bearer ${secret}`, "accept-encoding": "gzip" });
  const gzipBytes = gzipSync(Buffer.from(keyedPlain.buffer)).byteLength;
  const quiet = quietRps ?? (await load(`${base}/v1/provinces/HN/periods/2024-12/rankings?format=csv`, secret, 50, 10)).rps;
  let running = true;
  let heavy = 0;
  const loop = (async () => {
    while (running) {
      await post({ authorization: `Bearer ${secret}`, "accept-encoding": "gzip" });
      heavy++;
    }
  })();
  const beside = await load(`${base}/v1/provinces/HN/periods/2024-12/rankings?format=csv`, secret, 50, 10);
  running = false;
  await loop;
  return {
    bodyBytes: body.length,
    anonymousLargest: { status: anonymous.status, ms: anonymous.ms, answerBytes: anonymous.bytes },
    keyedLargest: { status: keyedPlain.status, ms: keyedPlain.ms, plainBytes: keyedPlain.bytes, gzipBytes, gzipStatus: keyedGzip.status, gzipMs: keyedGzip.ms, encoding: keyedGzip.encoding },
    rankingsCsvRps: { quiet, besideKeyedLargeReports: beside.rps, ratio: Math.round((beside.rps / quiet) * 100) / 100, heavyReports: heavy, errors: beside.errors },
  };
}

/** Seed 000's November and December 2024 stored on the Worker (a new revision on top when one is there). */
async function storeSeedMonths(base: string, secret: string): Promise<void> {
  const seed = seedReportInput();
  for (const [period, body] of [
    ["2024-11", { summary: seed.previous?.summary, unitScores: seed.previous?.unitScores }],
    ["2024-12", { summary: seed.summary, unitScores: seed.unitScores, overdueDossiers: seed.overdueDossiers, overduePetitions: seed.overduePetitions }],
  ] as const) {
    const url = `${base}/v1/provinces/HN/periods/${period}`;
    const head = await fetch(url, { headers: { authorization: `Bearer ${secret}` } });
    await head.arrayBuffer();
    const headers: Record<string, string> = { authorization: `Bearer ${secret}`, "content-type": "application/json" };
    if (head.ok) headers["if-match"] = head.headers.get("etag") ?? "";
    const res = await fetch(url, { method: "PUT", headers, body: JSON.stringify(body) });
    await res.arrayBuffer();
  }
}

export interface LetterBench {
  /** The first request: the report built (with its plan) and the .docx written. */
  readonly firstMs: number;
  /** The next `n`: the report from the isolate's cache, the .docx written each time. */
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly n: number;
  readonly errors: number;
  readonly bytes: number;
}

/**
 * GET …/periods/2024-12/letter.docx, sequentially: the first request, then `n` more (each a whole .docx:
 * no If-None-Match). Every answer must be a .docx (a ZIP: "PK").
 */
export async function runLetterBench(base: string, secret: string, n = 40): Promise<LetterBench> {
  const url = `${base}/v1/provinces/HN/periods/2024-12/letter.docx`;
  let errors = 0;
  let bytes = 0;
  const once = async () => {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${secret}` } });
    const body = new Uint8Array(await res.arrayBuffer());
    const ms = performance.now() - t0;
    if (!res.ok || body[0] !== 0x50 || body[1] !== 0x4b) errors++;
    bytes = body.length;
    return ms;
  };
  const firstMs = await once();
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await once());
  times.sort((a, b) => a - b);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return { firstMs: r1(firstMs), medianMs: r1(quantile(times, 0.5)), p90Ms: r1(quantile(times, 0.9)), n, errors, bytes };
}

export function printLetterBench(l: LetterBench): void {
  console.table([
    { measure: "GET …/letter.docx Hà Nội 12/2024, first request ms", value: l.firstMs, target: "", ok: "" },
    { measure: `GET …/letter.docx Hà Nội 12/2024, median ms (n=${l.n})`, value: l.medianMs, target: `≤ ${TARGETS.letterDocxMedianMs}`, ok: l.errors ? `${l.errors} errors` : l.medianMs <= TARGETS.letterDocxMedianMs ? "yes" : "NO" },
    { measure: "GET …/letter.docx Hà Nội 12/2024, p90 ms", value: l.p90Ms, target: "", ok: "" },
    { measure: "letter.docx size (KiB)", value: Math.round((l.bytes / 1024) * 10) / 10, target: "", ok: "" },
  ]);
}

export async function runWorkerBench(): Promise<Record<string, unknown>> {
  const bundle = await bundleSize();
  migrate("--local");
  const { secret } = createKey("bench", "*", "read,write");
  const dev = startBenchDev(PORT);
  try {
    await waitForHealth(BASE);
    await storeSeedMonths(BASE, secret);
    const report = await latency(JSON.stringify(haNoiSizeBody()), 200);
    const csv = await load(`${BASE}/v1/provinces/HN/periods/2024-12/rankings?format=csv`, secret, 50, 10);
    const letter = await runLetterBench(BASE, secret);
    const history = await runHistoryBench(BASE, secret);
    const fairness = await runFairnessBench(BASE, secret, csv.rps);
    return { bundle, reportLatencyMs: report, rankingsCsvLoad: { concurrency: 50, seconds: 10, ...csv }, letterDocx: letter, history, fairness, targets: TARGETS };
  } finally {
    dev.stop();
  }
}

export function printWorkerBench(r: Awaited<ReturnType<typeof runWorkerBench>>): void {
  const b = r["bundle"] as { minifiedKiB: number; gzipKiB: number };
  const l = r["reportLatencyMs"] as { p50: number; p99: number; n: number; errors: number };
  const c = r["rankingsCsvLoad"] as { requests: number; errors: number; rps: number };
  console.log("\nchiso766 Worker benchmark (local wrangler dev, workerd)");
  console.table([
    { measure: "bundle, minified (KiB)", value: b.minifiedKiB, target: "", ok: "" },
    { measure: "bundle, gzip (KiB)", value: b.gzipKiB, target: `≤ ${TARGETS.gzipKiB}`, ok: b.gzipKiB <= TARGETS.gzipKiB ? "yes" : "NO" },
    { measure: `POST /v1/reports Hà Nội size, p50 ms (n=${l.n})`, value: l.p50, target: "", ok: l.errors ? `${l.errors} errors` : "" },
    { measure: "POST /v1/reports Hà Nội size, p99 ms", value: l.p99, target: `≤ ${TARGETS.p99Ms}`, ok: l.p99 <= TARGETS.p99Ms ? "yes" : "NO" },
    { measure: "GET rankings?format=csv, requests/s (c=50, 10 s)", value: c.rps, target: "", ok: "" },
    { measure: "GET rankings?format=csv, errors", value: c.errors, target: `= ${TARGETS.errors}`, ok: c.errors === TARGETS.errors ? "yes" : "NO" },
  ]);
  if (r["letterDocx"]) printLetterBench(r["letterDocx"] as LetterBench);
  if (r["history"]) printHistoryBench(r["history"] as Record<string, unknown>);
  if (r["fairness"]) printFairnessBench(r["fairness"] as Awaited<ReturnType<typeof runFairnessBench>>);
}

export function printFairnessBench(f: Record<string, unknown>): void {
  const a = f["anonymousLargest"] as { status: number; ms: number };
  const k = f["keyedLargest"] as { status: number; ms: number; plainBytes: number; gzipBytes: number };
  const c = f["rankingsCsvRps"] as { quiet: number; besideKeyedLargeReports: number; ratio: number; heavyReports: number };
  console.table([
    { measure: `anonymous POST /v1/reports, ${Math.round(Number(f["bodyBytes"]) / 1024)} KiB (12,000 rows × 3)`, value: `${a.status} in ${a.ms} ms` },
    { measure: "same with a write key: status, ms", value: `${k.status} in ${k.ms} ms` },
    { measure: "its answer, plain → gzip (KiB)", value: `${Math.round(k.plainBytes / 1024)} → ${Math.round(k.gzipBytes / 1024)}` },
    { measure: "rankings CSV req/s: quiet → beside keyed large reports (ratio)", value: `${c.quiet} → ${c.besideKeyedLargeReports} (${c.ratio}; ${c.heavyReports} large reports)` },
  ]);
}

/** `npx tsx bench/worker.bench.ts --letter`: the letter alone, on its own wrangler dev and the project's local D1 state. */
async function letterOnly(): Promise<void> {
  const port = 8817;
  const base = `http://127.0.0.1:${port}`;
  migrate("--local");
  const { secret } = createKey("bench-letter", "HN", "read,write");
  const dev = startBenchDev(port);
  try {
    await waitForHealth(base);
    await storeSeedMonths(base, secret);
    const r = await runLetterBench(base, secret);
    printLetterBench(r);
    console.log(JSON.stringify(r));
  } finally {
    dev.stop();
  }
}

// By the script's own name (engine.bench.ts bundles this file into its own bundle, as history.bench.ts says).
if (process.argv[1]?.endsWith("worker.bench.ts") && process.argv.includes("--letter")) await letterOnly();
