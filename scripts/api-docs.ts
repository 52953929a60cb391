/**
 * The API's documentation as static files: openapi.json (OpenAPI 3.1 from the zod schemas) and docs.html,
 * written into the assets directory by the add-in build (and by the test config before the Worker tests).
 * The Worker answers GET /openapi.json and GET /docs with these files (worker/app.ts), so the generator and
 * zod's JSON-schema code paths stay out of the Worker's bundle.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { docsPage, openApiDocument } from "../worker/openapi";

/** File names inside the assets directory (the Worker's routes name the same). */
export const API_DOC_FILES = { openapi: "openapi.json", docs: "docs.html" } as const;

export function writeApiDocs(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const doc = openApiDocument();
  writeFileSync(path.join(dir, API_DOC_FILES.openapi), JSON.stringify(doc));
  writeFileSync(path.join(dir, API_DOC_FILES.docs), docsPage(doc));
}
