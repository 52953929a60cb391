import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { writeApiDocs } from "../scripts/api-docs";
import { STUB_BASE, STUB_SOURCES, portalStubNode } from "./portal-stub";

const root = path.join(import.meta.dirname, "..");
const migrations = await readD1Migrations(path.join(root, "worker/migrations"));
// The Worker's static assets (wrangler.toml [assets]) for the tests: the API docs generated from this
// checkout's schemas, in a folder of their own (the add-in tests rebuild dist/addin while these run).
const testAssets = path.join(root, "dist", "test-assets");
/** The signed links' key in the tests (wrangler.toml [secrets]; a deployed Worker's is set with wrangler secret put). */
const LINK_SIGNING_SECRET_FOR_TESTS = "test-only-link-signing-secret-0123456789abcdef";
// wrangler reads [secrets] from the environment when there is no .dev.vars (and warns when one is missing).
process.env["LINK_SIGNING_SECRET"] ??= LINK_SIGNING_SECRET_FOR_TESTS;
writeApiDocs(testAssets);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "shared",
          root,
          include: ["test/shared/**/*.test.ts", "test/addin/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        plugins: [
          cloudflareTest({
            main: path.join(root, "worker/index.ts"),
            wrangler: { configPath: path.join(root, "wrangler.toml") },
            miniflare: {
              assets: { directory: testAssets, binding: "ASSETS" },
              // PORTAL_TIMEOUT_MS: a try that hangs gives up after 2.5 s (10 s in production), so the
              // never-answering portal's 502 comes within the tests' 5 s; the stub answers in milliseconds.
              bindings: { TEST_MIGRATIONS: migrations, PORTAL_BASE_URL: STUB_BASE, PORTAL_SOURCES: JSON.stringify(STUB_SOURCES), PORTAL_TIMEOUT_MS: "2500", LINK_SIGNING_SECRET: LINK_SIGNING_SECRET_FOR_TESTS },
              // The portal is an outside system: every outbound request goes to the replaying stub
              // (on the raw socket, so a dead portal can drop or hold the connection).
              outboundService: { node: portalStubNode },
            },
          }),
        ],
        test: {
          name: "worker",
          root,
          include: ["test/worker/**/*.test.ts"],
          setupFiles: ["test/worker/apply-migrations.ts"],
        },
      },
    ],
  },
});
