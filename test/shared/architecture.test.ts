/**
 * The engine's shape, enforced: a build's stages import only earlier ones (or the foundations), shared/
 * has no import circle, and rounding and tolerances live in rounding.ts alone.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.join(import.meta.dirname, "../../shared");

function files(dir = ROOT): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}
const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join("/");

/** Relative imports of a module (type imports included), as paths relative to shared/. */
function importsOf(file: string): string[] {
  const src = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of src.matchAll(/(?:import|export)[^'"]*?from\s+["'](\.[^"']+)["']/g)) {
    const target = path.join(path.dirname(file), m[1] as string);
    const candidates = [`${target}.ts`, path.join(target, "index.ts"), target];
    const hit = candidates.find((c) => {
      try {
        return statSync(c).isFile();
      } catch {
        return false;
      }
    });
    if (hit) out.push(rel(hit));
  }
  return out;
}

/** The level of each module: foundations 0, adapters 1, then the stages of a build in order. */
function levelOf(module: string): number {
  const stages: [RegExp, number][] = [
    [/^input\/(context|read)\.ts$/, 1],
    [/^(input|portal)\//, 1],
    [/^checks\//, 2],
    [/^rules\/score\.ts$/, 3],
    [/^rank\//, 4],
    [/^national\//, 4],
    [/^compare\//, 5],
    [/^plan\//, 6],
    [/^layout\//, 7],
    [/^narrate\//, 8],
    [/^report\.ts$/, 9],
    [/^letter\//, 10],
    [/^index\.ts$/, 11],
  ];
  for (const [re, level] of stages) if (re.test(module)) return level;
  return 0; // model, rounding, period, issues, text/, catalog/, rules/ (data and points), api-schema, xlsx/ (the .xlsx writer: imports no stage; layout/workbook.ts feeds it)
}

const all = files();
const graph = new Map(all.map((f) => [rel(f), importsOf(f)]));

describe("shared/ as a pipeline", () => {
  it("has a folder per stage, each with its stage module", () => {
    for (const m of ["input/read.ts", "checks/check.ts", "rules/score.ts", "rank/rank.ts", "compare/compare.ts", "plan/plan.ts", "layout/appendices.ts", "narrate/narrative.ts", "report.ts", "letter/letter.ts"]) expect(graph.has(m), m).toBe(true);
  });

  it("no module imports a later stage", () => {
    const breaches = [...graph].flatMap(([from, tos]) => tos.filter((to) => levelOf(to) > levelOf(from)).map((to) => `${from} (${levelOf(from)}) → ${to} (${levelOf(to)})`));
    expect(breaches).toEqual([]);
  });

  it("has no import circle", () => {
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    let circle: string[] | null = null;
    const visit = (m: string): void => {
      state.set(m, 1);
      stack.push(m);
      for (const n of graph.get(m) ?? []) {
        if (circle) return;
        if (state.get(n) === 1) circle = [...stack.slice(stack.indexOf(n)), n];
        else if (!state.has(n)) visit(n);
      }
      stack.pop();
      state.set(m, 2);
    };
    for (const m of graph.keys()) if (!state.has(m) && !circle) visit(m);
    expect(circle).toBeNull();
  });

  it("rounds and compares figures only through rounding.ts", () => {
    const offenders = all
      .filter((f) => rel(f) !== "rounding.ts")
      .flatMap((f) =>
        readFileSync(f, "utf8")
          .split("\n")
          .map((line, i) => ({ line, at: `${rel(f)}:${i + 1}` }))
          .filter(({ line }) => !/^\s*(\*|\/\/)/.test(line) && /Math\.round\(|toFixed\(|\b1e-\d+\b|\b0\.005\b/.test(line))
          .map(({ at }) => at),
      );
    expect(offenders).toEqual([]);
  });

  it("keeps a module-level cache (a map that starts empty and grows) only with a comment naming its owner", () => {
    const unowned = all.flatMap((f) => {
      const lines = readFileSync(f, "utf8").split("\n");
      return lines.flatMap((line, i) => (/^const \w+ = new (Weak)?Map(<[^(]*>)?\(\)/.test(line) && !/Owner:/.test(lines.slice(Math.max(0, i - 3), i).join("\n")) ? [`${rel(f)}:${i + 1}`] : []));
    });
    expect(unowned).toEqual([]);
  });
});
