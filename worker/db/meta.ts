/** The database's own state, for GET /health. */
import type { Db } from "./session";

/** How many migrations have been applied; null when the database cannot be read. */
export async function appliedMigrations(db: Db): Promise<number | null> {
  const row = await db.prepare("SELECT COUNT(*) AS n FROM d1_migrations").first<{ n: number }>().catch(() => null);
  return row?.n ?? null;
}
