/** A province's settings (`province_settings`): scheduled snapshots (migration 0004) and public reads. */
import type { Db } from "./session";

export interface SettingsRow {
  readonly snapshots: boolean;
  readonly publicRead: boolean;
}

/** The province's settings; both off when it has no row. */
export async function readSettings(db: Db, province: string): Promise<SettingsRow> {
  const row = await db.prepare("SELECT snapshots, public_read FROM province_settings WHERE province = ?1").bind(province).first<{ snapshots: number; public_read: number }>();
  return { snapshots: row?.snapshots === 1, publicRead: row?.public_read === 1 };
}

/** Set snapshots, and public reads when given (kept as it is otherwise); the settings as stored. */
export async function writeSettings(db: Db, province: string, snapshots: boolean, publicRead: boolean | undefined): Promise<SettingsRow> {
  const row = await db
    .prepare(
      "INSERT INTO province_settings (province, snapshots, public_read) VALUES (?1, ?2, COALESCE(?3, 0)) ON CONFLICT (province) DO UPDATE SET snapshots = excluded.snapshots, public_read = COALESCE(?3, public_read) RETURNING snapshots, public_read",
    )
    .bind(province, snapshots ? 1 : 0, publicRead === undefined ? null : publicRead ? 1 : 0)
    .first<{ snapshots: number; public_read: number }>();
  return { snapshots: row?.snapshots === 1, publicRead: row?.public_read === 1 };
}

/** The provinces that opted in to scheduled snapshots, in code order. */
export async function snapshotProvinces(db: Db): Promise<string[]> {
  const { results } = await db.prepare("SELECT province FROM province_settings WHERE snapshots = 1 ORDER BY province").all<{ province: string }>();
  return results.map((r) => r.province);
}
