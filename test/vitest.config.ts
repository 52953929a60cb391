import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { STUB_BASE, STUB_SOURCES, portalStub } from "./portal-stub";

const root = path.join(import.meta.dirname, "..");
const migrations = await readD1Migrations(path.join(root, "worker/migrations"));

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
              bindings: { TEST_MIGRATIONS: migrations, PORTAL_BASE_URL: STUB_BASE, PORTAL_SOURCES: JSON.stringify(STUB_SOURCES) },
              // The portal is an outside system: every outbound request goes to the replaying stub.
              outboundService: portalStub,
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
