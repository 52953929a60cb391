/**
 * History benchmark (part of `npm run bench` through worker.bench.ts; alone: `npx tsx bench/history.bench.ts`):
 * Hà Nội with 24 stored months (09/2024–08/2026: the 30 districts until 06/2025, the 126 communes from
 * 07/2025, the departments throughout; each unit's total and six groups as the portal publishes them),
 * against local `wrangler dev` (workerd, local D1):
 * - GET …/units/{commune}/history over the 24 months (its own line and its former district's line);
 * - GET …/history?include=units over the 24 months (the "Diễn biến" sheet's one call);
 * each: the first request (a fresh isolate builds every month), then p50 / p99 over sequential requests,
 * and D1 rows read (X-D1-Rows-Read) cold and warm. Target: p99 ≤ 50 ms.
 */
import { GROUP_CODES, HA_NOI, diff2, monthsBetween, periodFigures, sum2, unitsOfLevel, type GroupCode, type Unit } from "../shared";
import { createKey } from "../scripts/keys";
import { migrate, startBenchDev, waitForHealth } from "../scripts/wrangler";

export const HISTORY_TARGETS = { p99Ms: 50 };
const UNIT = "HN.C.10103028"; // Phường Tây Hồ: its own line from 07/2025, quận Tây Hồ's before
const FROM = "2024-09";
const TO = "2026-08";

function months(): string[] {
  return monthsBetween(FROM, TO);
}

/** A month as the portal's figures are stored: every unit's six groups and total, and the province's. */
export function monthBody(period: string, k: number): { summary: unknown; unitScores: unknown[] } {
  const date = `${period}-28`;
  const ranked = date >= "2025-07-01" ? "commune" : "district";
  const units: Unit[] = [...unitsOfLevel(HA_NOI, date, ranked), ...unitsOfLevel(HA_NOI, date, "department")];
  const six = (i: number) => {
    const base: Record<GroupCode, number> = { CKMB: 12, TDGQ: 14, CLGQ: 10, TTTT: 9, MDHL: 16, MDSH: 11 };
    const groups = Object.fromEntries(GROUP_CODES.map((g, j) => [g, diff2(base[g], ((i * 7 + k * 3 + j * 5) % 23) / 10)])) as Record<GroupCode, number>;
    return { groups, total: sum2(GROUP_CODES.map((g) => groups[g])) };
  };
  return { summary: six(1000), unitScores: units.map((u, i) => ({ unit: u.name, ...six(i) })) };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
const round1 = (x: number) => Math.round(x * 10) / 10;

interface Timing {
  firstMs: number;
  p50: number;
  p99: number;
  n: number;
  errors: number;
  rowsReadFirst: number;
  rowsReadWarm: number;
}

/** `url`: one address asked n times, or the i-th request's address (a different unit each time). */
async function time(url: string | ((i: number) => string), key: string, n: number): Promise<Timing> {
  const get = async (i = 0) => {
    const t0 = performance.now();
    const res = await fetch(typeof url === "string" ? url : url(i), { headers: { authorization: `Bearer ${key}` } });
    await res.arrayBuffer();
    return { ms: performance.now() - t0, ok: res.ok, rows: Number(res.headers.get("x-d1-rows-read") ?? NaN) };
  };
  const first = await get();
  const times: number[] = [];
  let errors = first.ok ? 0 : 1;
  let rowsReadWarm = NaN;
  for (let i = 0; i < n; i++) {
    const r = await get(i + 1);
    if (!r.ok) errors++;
    rowsReadWarm = r.rows;
    times.push(r.ms);
  }
  times.sort((a, b) => a - b);
  return { firstMs: round1(first.ms), p50: round1(quantile(times, 0.5)), p99: round1(quantile(times, 0.99)), n, errors, rowsReadFirst: first.rows, rowsReadWarm };
}

/** Store the 24 months (once: a month already stored is left as it is) and time the two history requests. */
export async function runHistoryBench(base: string, secret: string, n = 300): Promise<Record<string, unknown>> {
  const list = months();
  for (const [k, period] of list.entries()) {
    const url = `${base}/v1/provinces/HN/periods/${period}`;
    const head = await fetch(url, { headers: { authorization: `Bearer ${secret}` } });
    await head.arrayBuffer();
    if (head.ok) continue;
    const res = await fetch(url, { method: "PUT", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: JSON.stringify(monthBody(period, k)) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`PUT ${period}: HTTP ${res.status}`);
  }
  // The pure part alone, in Node: building one month's figures (what a cold request does per month).
  const bodies = list.map((p, k) => ({ province: "HN", period: p, ...monthBody(p, k) }) as Parameters<typeof periodFigures>[0]);
  for (const b of bodies) periodFigures(b); // warm up
  const t0 = performance.now();
  for (let r = 0; r < 5; r++) for (const b of bodies) periodFigures(b);
  const perMonthMs = Math.round(((performance.now() - t0) / (5 * bodies.length)) * 100) / 100;
  // The floor on this machine: an authenticated read of one small row list (key check, rate limit, one query).
  const baseline = await time(`${base}/v1/provinces/HN/periods/${TO}/revisions`, secret, n);
  const unit = await time(`${base}/v1/provinces/HN/units/${UNIT}/history?from=${FROM}&to=${TO}`, secret, n);
  // Each request another commune (126, in turn): no answer is reused, only the months built once per isolate.
  const communes = unitsOfLevel(HA_NOI, "2025-07-31", "commune").map((u) => u.id);
  const units = await time((i) => `${base}/v1/provinces/HN/units/${communes[i % communes.length]}/history?from=${FROM}&to=${TO}`, secret, n);
  const province = await time(`${base}/v1/provinces/HN/history?from=${FROM}&to=${TO}&include=units`, secret, n);
  const csv = await time(`${base}/v1/provinces/HN/history?from=${FROM}&to=${TO}&include=units&format=csv`, secret, n);
  return { months: list.length, periodFiguresMsPerMonth: perMonthMs, baselineRevisions: baseline, unitHistory: unit, unitHistoryEachUnit: units, provinceHistoryUnits: province, provinceHistoryUnitsCsv: csv, targets: HISTORY_TARGETS };
}

export function printHistoryBench(r: Record<string, unknown>): void {
  const rows: Record<string, unknown>[] = [{ measure: "periodFigures per month, Node (ms)", value: r["periodFiguresMsPerMonth"], target: "", ok: "" }];
  for (const [key, label] of [
    ["baselineRevisions", "baseline: GET …/periods/{p}/revisions"],
    ["unitHistory", `GET …/units/${UNIT}/history, 24 months`],
    ["unitHistoryEachUnit", "GET …/units/{each of 126 communes in turn}/history, 24 months"],
    ["provinceHistoryUnits", "GET …/history?include=units, 24 months"],
    ["provinceHistoryUnitsCsv", "GET …/history?include=units&format=csv, 24 months"],
  ] as const) {
    const t = r[key] as Timing;
    rows.push(
      { measure: `${label}: first request, ms${!Number.isFinite(t.rowsReadFirst) ? "" : ` (D1 rows read ${t.rowsReadFirst})`}`, value: t.firstMs, target: "", ok: "" },
      { measure: `${label}: p50 ms (n=${t.n}${!Number.isFinite(t.rowsReadWarm) ? "" : `, D1 rows read ${t.rowsReadWarm}`})`, value: t.p50, target: "", ok: t.errors ? `${t.errors} errors` : "" },
      { measure: `${label}: p99 ms`, value: t.p99, target: `≤ ${HISTORY_TARGETS.p99Ms}`, ok: t.p99 <= HISTORY_TARGETS.p99Ms ? "yes" : "NO" },
    );
  }
  console.log("\nchiso766 history benchmark (local wrangler dev, workerd, local D1)");
  console.table(rows);
}

/** Alone: its own wrangler dev on another port, the same local D1 state as `npm run bench`. */
async function main(): Promise<void> {
  const port = 8807;
  const base = `http://127.0.0.1:${port}`;
  migrate("--local");
  const { secret } = createKey("bench-history", "HN", "read,write");
  const dev = startBenchDev(port);
  try {
    await waitForHealth(base);
    const r = await runHistoryBench(base, secret);
    printHistoryBench(r);
    console.log(JSON.stringify(r));
  } finally {
    dev.stop();
  }
}

// By the script's own name, not import.meta.filename: engine.bench.ts bundles this file into its own
// bundle, where import.meta.filename is that bundle's name and every benchmark child would run this.
if (process.argv[1]?.endsWith("history.bench.ts")) await main();
