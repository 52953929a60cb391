/** The database's own state, for GET /health. */

/** How many migrations have been applied; null when the database cannot be read. */
export async function appliedMigrations(db: D1Database): Promise<number | null> {
  const row = await db.prepare("SELECT COUNT(*) AS n FROM d1_migrations").first<{ n: number }>().catch(() => null);
  return row?.n ?? null;
}
