/** The API's version (GET /health, the OpenAPI document's info.version). No imports: the build reads it too. */
export const VERSION = "0.2.0";
