// Runs before `npm start` and `npm test`: on a fresh clone (or after the lockfile changed) it installs
// exactly what package-lock.json pins, so both commands work with no other set-up step.
import { execSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";

const stamp = "node_modules/.package-lock.json";
const fresh = !existsSync(stamp) || statSync("package-lock.json").mtimeMs > statSync(stamp).mtimeMs;
let mismatch = false;
if (!fresh) {
  const want = JSON.parse(readFileSync("package-lock.json", "utf8")).packages ?? {};
  const have = JSON.parse(readFileSync(stamp, "utf8")).packages ?? {};
  mismatch = Object.keys(want).some((k) => k && want[k]?.version && have[k]?.version !== want[k].version && !want[k].optional);
}
if (fresh || mismatch) {
  console.log("chiso766: cài đặt các gói theo package-lock.json (npm ci)…");
  execSync("npm ci --no-audit --no-fund", { stdio: "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
}
