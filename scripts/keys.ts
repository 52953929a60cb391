/**
 * `npm run keys -- create --province HN --scopes read,write --label "TT PVHCC"`  (prints the key once)
 * `npm run keys -- list`
 * `npm run keys -- revoke <id>`
 * Add `--remote` to act on the deployed database instead of the local one. Only SHA-256 hashes are
 * stored; a lost key cannot be recovered, only revoked and replaced.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { d1, migrate, sqlString, type Where } from "./wrangler";

const args = process.argv.slice(2);
const where: Where = args.includes("--remote") ? "--remote" : "--local";
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};

export function newKey(): { secret: string; hash: string } {
  const secret = `c766_${randomBytes(32).toString("base64url")}`;
  return { secret, hash: createHash("sha256").update(secret).digest("hex") };
}

export function createKey(label: string, province: string, scopes: string, at: Where = "--local"): { id: string; secret: string } {
  if (!/^(\*|[A-Z][A-Z0-9]{1,15})$/.test(province)) throw new Error(`tỉnh "${province}" không hợp lệ (ví dụ HN, hoặc * cho mọi tỉnh)`);
  if (!/^(read|read,write|write,read|write)$/.test(scopes)) throw new Error(`quyền "${scopes}" không hợp lệ (read hoặc read,write)`);
  const { secret, hash } = newKey();
  const id = randomUUID();
  d1(
    `INSERT INTO api_keys (id, key_hash, label, province, scopes, created_at) VALUES (${sqlString(id)}, ${sqlString(hash)}, ${sqlString(label)}, ${sqlString(province)}, ${sqlString(scopes)}, ${sqlString(new Date().toISOString())})`,
    at,
  );
  return { id, secret };
}

function main(): void {
  const command = args[0];
  if (where === "--local") migrate("--local");
  if (command === "create") {
    const { id, secret } = createKey(flag("label", "khóa mới"), flag("province", "HN"), flag("scopes", "read"), where);
    console.log(`Đã tạo khóa ${id}. Lưu lại ngay, khóa chỉ hiện một lần:\n\n  ${secret}\n`);
  } else if (command === "list") {
    const rows = d1("SELECT id, label, province, scopes, created_at, revoked_at FROM api_keys ORDER BY created_at", where);
    console.table(rows);
  } else if (command === "revoke" && args[1]) {
    d1(`UPDATE api_keys SET revoked_at = ${sqlString(new Date().toISOString())} WHERE id = ${sqlString(args[1])} AND revoked_at IS NULL`, where);
    console.log(`Đã thu hồi khóa ${args[1]} (nếu khóa tồn tại và chưa bị thu hồi).`);
  } else {
    console.log("Cách dùng: npm run keys -- create --province HN --scopes read,write --label \"tên\" | list | revoke <id> [--remote]");
    process.exitCode = 2;
  }
}

if (process.argv[1]?.endsWith("keys.ts")) main();
