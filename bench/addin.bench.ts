/**
 * Add-in benchmark (part of `npm run bench`): task-pane bundle size (minified, gzip), the number of
 * context.sync() calls per build — reading the input tables and writing the report (read, build, swap,
 * page setup) — and the largest request a write sends, at 30, 700 and 3,000 units, counted on the
 * recording fake context of the tests (Excel cannot run here; Excel on the web refuses 5 MB).
 */
import { buildAddin } from "../scripts/build-addin";
import { readInputTables } from "../addin/excel/read-inputs";
import { inputSheet } from "../addin/sheets/inputs";
import { writeReport } from "../addin/excel/write-report";
import { buildReport } from "../shared";
import { fakeContext } from "../test/addin/fake-excel";
import { syntheticCatalog, syntheticInput } from "../samples/synthetic";

const TARGETS = { gzipKiB: 150, readSyncs: 1, writeSyncs: 4, requestMB: 4 };

export async function runAddinBench(): Promise<Record<string, unknown>> {
  const bundle = await buildAddin();
  const sizes: { units: number; readSyncs: number; writeSyncs: number; requestMB: number }[] = [];
  for (const units of [30, 700, 3000]) {
    const catalog = syntheticCatalog(units);
    const input = syntheticInput(catalog, 3, "letter");
    const ctx = fakeContext();
    const def = inputSheet("unitScores");
    ctx.seedTable(def.sheetName, def.tableName, "A2", def.columns.map((c) => c.header), (input.unitScores ?? []).map((u) => [u.unit, u.total ?? "", "", "", "", "", "", "", ""]));
    await readInputTables(ctx);
    const readSyncs = ctx.syncs;
    const report = buildReport(input, { catalog, rankLevel: "commune" });
    const writeCtx = fakeContext();
    await writeReport(writeCtx, report, { pageLayout: true });
    sizes.push({ units, readSyncs, writeSyncs: writeCtx.syncs, requestMB: Math.max(...writeCtx.bytesPerSync) / 1e6 });
  }
  return { taskpaneJs: bundle.taskpaneJs, taskpaneGzipKiB: bundle.taskpaneGzipKiB, syncs: sizes, targets: TARGETS };
}

export function printAddinBench(r: Awaited<ReturnType<typeof runAddinBench>>): void {
  const syncs = r["syncs"] as { units: number; readSyncs: number; writeSyncs: number; requestMB: number }[];
  console.log("\nchiso766 add-in benchmark");
  console.table([
    { measure: "task pane JS, gzip (KiB)", value: r["taskpaneGzipKiB"], target: `≤ ${TARGETS.gzipKiB}`, ok: (r["taskpaneGzipKiB"] as number) <= TARGETS.gzipKiB ? "yes" : "NO" },
    ...syncs.map((s) => ({ measure: `${s.units} units: syncs read / write`, value: `${s.readSyncs} / ${s.writeSyncs}`, target: `${TARGETS.readSyncs} / ≤ ${TARGETS.writeSyncs}`, ok: s.readSyncs <= TARGETS.readSyncs && s.writeSyncs <= TARGETS.writeSyncs ? "yes" : "NO" })),
    ...syncs.map((s) => ({ measure: `${s.units} units: largest write request (MB)`, value: s.requestMB.toFixed(2), target: `≤ ${TARGETS.requestMB}`, ok: s.requestMB <= TARGETS.requestMB ? "yes" : "NO" })),
  ]);
}
