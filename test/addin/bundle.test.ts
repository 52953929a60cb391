/**
 * The two bundles as esbuild makes them (in memory, nothing written): the ribbon command's does not
 * carry the sample month, which only the task pane's browser preview needs, and the build refuses a
 * ribbon bundle that does.
 */
import { describe, expect, it } from "vitest";
import { bundleAddin, checkRibbonBundle } from "../../scripts/build-addin";

describe("add-in bundles", () => {
  it("the ribbon's bundle has no samples/ (metafile and text); the task pane's has the sample month", async () => {
    const { taskpane, commands } = await bundleAddin();
    expect(commands.inputs.filter((f) => f.startsWith("samples/"))).toEqual([]);
    expect(taskpane.inputs).toContain("samples/seed-000-input.ts");
    // "61/63" is only in the sample letter's headline (comments are minified away).
    const text = (code: Uint8Array) => new TextDecoder().decode(code);
    expect(text(taskpane.code)).toContain("61/63");
    expect(text(commands.code)).not.toContain("61/63");
    // Both parse the Worker's answers with the shared schemas.
    for (const b of [taskpane, commands]) expect(b.inputs).toContain("shared/api-schema.ts");
  }, 60_000);

  it("a ribbon bundle carrying samples/ fails the build", () => {
    expect(() => checkRibbonBundle({ inputs: ["addin/commands/commands.ts", "samples/seeds.ts"] })).toThrow("the ribbon command's bundle carries samples/seeds.ts");
    expect(() => checkRibbonBundle({ inputs: ["addin/commands/commands.ts", "shared/report.ts"] })).not.toThrow();
  });
});
