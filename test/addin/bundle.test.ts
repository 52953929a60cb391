/**
 * The two bundles as esbuild makes them (in memory, nothing written): the ribbon command's does not
 * carry the sample month, which only the task pane's browser preview needs, and the build refuses a
 * ribbon bundle that does.
 */
import { describe, expect, it } from "vitest";
import { bundleAddin, checkRibbonBundle, workerUrlFor } from "../../scripts/build-addin";

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
    // Neither writes the Word letter (the Worker does): the docx library stays out (shared/letter/docx.ts is not re-exported by shared/index.ts).
    for (const b of [taskpane, commands]) expect(b.inputs.filter((f) => f.includes("node_modules/docx/") || f === "shared/letter/docx.ts")).toEqual([]);
  }, 60_000);

  it("the Worker address is the build's: CHISO766_WORKER_URL in production, the https dev Worker otherwise", async () => {
    const { taskpane, commands } = await bundleAddin({ workerUrl: "https://chiso766.example.workers.dev" });
    for (const b of [taskpane, commands]) {
      const code = new TextDecoder().decode(b.code);
      expect(code).toContain("https://chiso766.example.workers.dev");
      // Neither the dev Worker (http://127.0.0.1:8787 only appears as the old default that means "not chosen").
      expect(code).not.toContain("https://localhost:8787");
    }
    expect(workerUrlFor({})).toBe("https://localhost:8787");
    expect(workerUrlFor({ baseUrl: "https://addin.example", workerUrl: "https://w.example/" })).toBe("https://w.example");
    expect(() => workerUrlFor({ baseUrl: "https://addin.example" })).toThrow("needs CHISO766_WORKER_URL");
    expect(() => workerUrlFor({ workerUrl: "http://w.example" })).toThrow("must be an https:// address");
  }, 60_000);

  it("a ribbon bundle carrying samples/ fails the build", () => {
    expect(() => checkRibbonBundle({ inputs: ["addin/commands/commands.ts", "samples/seeds.ts"] })).toThrow("the ribbon command's bundle carries samples/seeds.ts");
    expect(() => checkRibbonBundle({ inputs: ["addin/commands/commands.ts", "shared/report.ts"] })).not.toThrow();
  });
});
