/** Catalogs of provinces without a built-in one, as the portal's answers named their units. */
import type { Catalog } from "../../shared";
import type { Db } from "./session";

/** The catalog the portal's answers gave a province without a built-in one. */
export async function readPortalCatalog(db: Db, province: string): Promise<Catalog | null> {
  const row = await db.prepare("SELECT province_name, units FROM portal_catalogs WHERE province = ?1").bind(province).first<{ province_name: string; units: string }>();
  return row ? { id: province, provinceName: row.province_name, provinceWord: "tỉnh", units: JSON.parse(row.units) as Catalog["units"] } : null;
}

/**
 * The statement that records a province's catalog from the portal, run in the same batch as the
 * revision. `replace: false` keeps a catalog already stored (and records this one only when there is none).
 */
export function portalCatalogStatement(db: Db, catalog: Catalog, now: string, replace = true): D1PreparedStatement {
  const onConflict = replace ? "DO UPDATE SET province_name = ?2, units = ?3, updated_at = ?4" : "DO NOTHING";
  return db
    .prepare(`INSERT INTO portal_catalogs (province, province_name, units, updated_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (province) ${onConflict}`)
    .bind(catalog.id, catalog.provinceName, JSON.stringify(catalog.units), now);
}
