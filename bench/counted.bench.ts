/**
 * `npm run bench -- --instructions [letter|portal] [--keep]`: the engine's cost per unit **counted, not
 * timed**. Timed on this shared VM, the cost per unit at 10,035 units against 700 moves between runs by
 * more than issue 8's whole margin (1.2×); counted, the engine's own work repeats.
 *
 * Each case — letter and portal workloads, 700, 3,000 and 10,035 units, the build and the baseline
 * (`JSON.parse` of the same input plus one pass) — runs twice under Valgrind's cachegrind: warm-up calls
 * then none, and the same warm-up then `n` calls. The difference over `n` calls and the units is one
 * call's cost per unit: instructions executed, L1 data misses and misses of a 1 MB last level (this
 * machine's L2 by /proc/cpuinfo), each also for the collector's own functions (by their C++ names; leaf
 * costs: a `memcpy` the collector calls, and JIT code, which has no name, count as the rest).
 *
 * The engine's own instructions (all but the collector's and the compilers') repeat from run to run far
 * better than time (letter, 10,035 units: within 12 % in three runs); the collector's do not: V8
 * schedules collections partly by time, and under cachegrind, ~50× slower than native, the schedule
 * differs from run to run (letter, 10,035 units: 1,800 to 7,700 instructions per unit in four runs) and
 * from a native run's. `--predictable-gc-schedule` makes them repeat but schedules otherwise (19,000 per
 * unit), so it is not used: the timed bench's GC pauses are the figure for the collector. Node runs
 * `--single-threaded`: no concurrent marking or compiling on other threads. The cache model is
 * cachegrind's: two levels, LRU, no prefetch, no TLB, no page faults — it counts misses, not how long
 * they wait. `--keep` keeps the `.out` files (for `cg_annotate`, `cg_diff`) and prints where.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import type { Workload } from "../samples/synthetic";

const WORKLOADS: readonly Workload[] = ["letter", "portal"];
const SIZES = [700, 3_000, 10_035] as const;
const REFERENCE = 700;
const WHATS = ["build", "baseline"] as const;
/** Issue 8: cost per unit at 10,035 within 1.2× that at 700. */
const PER_UNIT_TARGET = 1.2;
/** The simulated caches, pinned (valgrind 3.19 reads them from a hypervisor's CPUID): size, ways, line. */
const CACHES = { I1: [32_768, 8, 64], D1: [49_152, 12, 64], LL: [1 << 20, 16, 64] } as const;

export type What = (typeof WHATS)[number];

/**
 * Warm-up calls, then calls counted. A build's functions must be optimised at every size before the count
 * (the compilers' share of the counted calls is printed to show it); `JSON.parse` needs little warm-up. The
 * count spans many builds, so that the full collections that come every few 10,035-unit builds average out.
 * (Fencing the count with forced collections was tried: it made the two runs of a case differ — code
 * compiled again inside the count, a collection counted in one run and not the other.)
 */
function plan(units: number, what: What): { warm: number; n: number } {
  if (units > 5000) return { warm: what === "build" ? 120 : 20, n: 24 };
  if (units > 1000) return { warm: what === "build" ? 200 : 30, n: 60 };
  return { warm: what === "build" ? 300 : 50, n: 100 };
}

/** Events of one cachegrind run: all functions, and the collector's and the compilers' own. */
interface Counts {
  ir: number;
  l1dMisses: number;
  lastLevelMisses: number;
  collectorIr: number;
  collectorLastLevelMisses: number;
  compilerIr: number;
}

export interface CountedCase {
  workload: Workload;
  units: number;
  what: What;
  calls: number;
  /** Per unit of one call. */
  instructions: number;
  collector: number;
  compilers: number;
  l1dMisses: number;
  lastLevelMisses: number;
  collectorLastLevelMisses: number;
}

/** V8's collector, by the function's own name (before its parameter list). */
const COLLECTOR = /Scaveng|MarkCompact|Marking|MarkBit|Sweep|Evacuat|Pretenur|SemiSpace|NewSpace|PagedSpace|LargeObjectSpace|RecordMigrated|PointersUpdating|ShouldBePromoted|Heap::(CollectGarbage|PerformGarbageCollection|GarbageCollection|Scavenge|MarkCompact)|heap::base::|GCTracer|RememberedSet|SlotSet|FreeList|MemoryAllocator|cppgc::/;
/** V8's parsers, interpreter generator, compilers and deoptimiser. */
const COMPILERS = /v8::internal::(compiler|maglev|interpreter|baseline)::|v8::internal::(Pre)?Parser|v8::internal::Scanner|v8::internal::Compiler::|OptimizedCompilationJob|Deoptimizer::|Runtime_Compile/;

/** Sums a cachegrind output file by kind of function; the totals are checked against its `summary:` line. */
function readCounts(file: string): Counts {
  let events: string[] = [];
  let kind: "collector" | "compiler" | "rest" = "rest";
  const sums = { rest: new Map<string, number>(), collector: new Map<string, number>(), compiler: new Map<string, number>() };
  let summary: number[] = [];
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    const line = raw.trim();
    if (line.startsWith("events:")) events = line.slice(7).trim().split(/\s+/);
    else if (line.startsWith("summary:")) summary = line.slice(8).trim().split(/\s+/).map(Number);
    else if (line.startsWith("fn=")) {
      const name = line.slice(3).split("(")[0] ?? "";
      kind = COLLECTOR.test(name) ? "collector" : COMPILERS.test(name) ? "compiler" : "rest";
    } else if (/^\d/.test(line)) {
      // A line number, then one count per event (trailing zeros may be left out).
      const values = line.split(/\s+/);
      const sum = sums[kind];
      for (let i = 1; i < values.length && i <= events.length; i++) {
        const event = events[i - 1] as string;
        sum.set(event, (sum.get(event) ?? 0) + Number(values[i]));
      }
    }
  }
  const of = (k: keyof typeof sums, e: string) => sums[k].get(e) ?? 0;
  const all = (e: string) => of("rest", e) + of("collector", e) + of("compiler", e);
  const ir = all("Ir");
  if (events.length === 0 || summary[events.indexOf("Ir")] !== ir) throw new Error(`${file}: the counts do not add up to its summary line (truncated?)`);
  const ll = (k: keyof typeof sums) => of(k, "DLmr") + of(k, "DLmw");
  return {
    ir,
    l1dMisses: all("D1mr") + all("D1mw"),
    lastLevelMisses: all("DLmr") + all("DLmw"),
    collectorIr: of("collector", "Ir"),
    collectorLastLevelMisses: ll("collector"),
    compilerIr: of("compiler", "Ir"),
  };
}

/** Children still running, killed when one run fails (Node leaves them running when it exits). */
const running = new Set<ChildProcess>();

/** One run of the bench's `--count` child under cachegrind. */
function cachegrind(bundle: string, dir: string, args: string[]): Promise<Counts> {
  const out = path.join(dir, `${args.join("-")}.out`);
  const caches = Object.entries(CACHES).map(([level, [size, ways, line]]) => `--${level}=${size},${ways},${line}`);
  const argv = ["--tool=cachegrind", "--cache-sim=yes", ...caches, `--cachegrind-out-file=${out}`, process.execPath, "--single-threaded", bundle, "--count", ...args];
  return new Promise((resolve, reject) => {
    const child = spawn("valgrind", argv, { stdio: ["ignore", "ignore", "pipe"] });
    running.add(child);
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-4000)));
    child.on("error", (e) => (running.delete(child), reject(e)));
    child.on("close", (code, signal) => {
      running.delete(child);
      if (code !== 0) return reject(new Error(`cachegrind ${args.join(" ")} failed (${signal ?? code}):\n${stderr}`));
      try {
        resolve(readCounts(out));
      } catch (e) {
        reject(e);
      }
    });
  });
}

async function countCase(bundle: string, dir: string, workload: Workload, units: number, what: What): Promise<CountedCase> {
  const { warm, n } = plan(units, what);
  const run = (calls: number) => cachegrind(bundle, dir, [workload, String(units), String(warm), String(calls), what]);
  const [before, after] = await Promise.all([run(0), run(n)]);
  const per = (k: keyof Counts) => (after[k] - before[k]) / n / units;
  return {
    workload,
    units,
    what,
    calls: n,
    instructions: per("ir"),
    collector: per("collectorIr"),
    compilers: per("compilerIr"),
    l1dMisses: per("l1dMisses"),
    lastLevelMisses: per("lastLevelMisses"),
    collectorLastLevelMisses: per("collectorLastLevelMisses"),
  };
}

export function hasValgrind(): boolean {
  return spawnSync("valgrind", ["--version"], { encoding: "utf8" }).status === 0;
}

/** Every case of the given workloads, one case (its two runs side by side) per two cores. */
export async function runCountedBench(bundle: string, workloads: readonly Workload[] = WORKLOADS, keep = false): Promise<CountedCase[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "chiso766-counted-"));
  const cases = WORKLOADS.filter((w) => workloads.includes(w)).flatMap((w) => SIZES.flatMap((u) => WHATS.map((what) => [w, u, what] as const)));
  const results: CountedCase[] = [];
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < cases.length) {
      const [w, u, what] = cases[next++] as (typeof cases)[number];
      try {
        results.push(await countCase(bundle, dir, w, u, what));
      } catch (e) {
        failed = true;
        for (const child of running) child.kill();
        throw e;
      }
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: Math.max(1, Math.floor(availableParallelism() / 2)) }, lane));
  if (keep) console.log(`cachegrind output kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
  const failure = lanes.find((l): l is PromiseRejectedResult => l.status === "rejected");
  if (failure) throw failure.reason;
  const order = (c: CountedCase) => WORKLOADS.indexOf(c.workload) * 100 + SIZES.indexOf(c.units as (typeof SIZES)[number]) * 10 + WHATS.indexOf(c.what);
  return results.sort((a, b) => order(a) - order(b));
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
/** What the engine's code itself executed: all but the collector's and the compilers' functions. */
const own = (c: CountedCase) => c.instructions - c.collector - c.compilers;

export function printCountedBench(cases: readonly CountedCase[]): void {
  const caches = Object.entries(CACHES).map(([level, [size, ways]]) => `${level} ${size >= 1 << 20 ? `${size >> 20} MB` : `${size >> 10} KB`} ${ways}-way`);
  console.log(`\nchiso766 engine counted (cachegrind, Node ${process.version} --single-threaded; per unit of one call; ${caches.join(", ")})`);
  console.table(
    cases.map((c) => ({
      workload: c.workload,
      units: c.units,
      what: c.what,
      "instructions / unit": Math.round(c.instructions),
      "engine's own": Math.round(own(c)),
      "collector's": Math.round(c.collector),
      "compilers'": Math.round(c.compilers),
      "L1d misses / unit": round(c.l1dMisses, 1),
      "LL misses / unit": round(c.lastLevelMisses, 1),
      "LL misses, collector's": round(c.collectorLastLevelMisses, 1),
      "calls counted": c.calls,
    })),
  );
  for (const w of WORKLOADS) {
    const at = (units: number, what: What) => cases.find((c) => c.workload === w && c.units === units && c.what === what);
    const a = at(REFERENCE, "build");
    const ba = at(REFERENCE, "baseline");
    if (!a || !ba) continue;
    for (const units of SIZES.filter((u) => u !== REFERENCE)) {
      const b = at(units, "build");
      const bb = at(units, "baseline");
      if (!b || !bb) continue;
      const growth = own(b) / own(a);
      console.log(
        `${w}: the engine's own instructions per unit at ${units} = ${round(growth)}× those at ${REFERENCE} (within ${PER_UNIT_TARGET}×: ${growth <= PER_UNIT_TARGET ? "yes" : "NO"}); ` +
          `all instructions ${round(b.instructions / a.instructions)}× (the collector's ${Math.round(a.collector)} → ${Math.round(b.collector)} per unit: a schedule that does not repeat under cachegrind, see the timed GC pauses); ` +
          `L1d misses ${round(b.l1dMisses / a.l1dMisses)}×, LL misses ${round(a.lastLevelMisses, 1)} → ${round(b.lastLevelMisses, 1)} per unit (the collector's ${round(a.collectorLastLevelMisses, 1)} → ${round(b.collectorLastLevelMisses, 1)}); ` +
          `the baseline's instructions ${round(bb.instructions / ba.instructions)}×`,
      );
    }
  }
}

/** `counted` of bench/results.json: the cases just counted replace the same cases, the others stay. */
export function mergeCounted(previous: unknown, cases: readonly CountedCase[]): { date: string; node: string; cases: CountedCase[] } {
  const old = (previous as { cases?: CountedCase[] } | undefined)?.cases ?? [];
  const key = (c: CountedCase) => `${c.workload}/${c.units}/${c.what}`;
  const fresh = new Set(cases.map(key));
  return { date: new Date().toISOString(), node: process.version, cases: [...old.filter((c) => !fresh.has(key(c))), ...cases] };
}
