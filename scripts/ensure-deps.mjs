// Runs before `npm start` and `npm test`: on a fresh clone (or after the lockfile changed) it installs
// exactly what package-lock.json pins, so both commands work with no other set-up step.
import { execSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const stamp = "node_modules/.package-lock.json";
// By content, not by file times: a fresh checkout (a clone, a git worktree) gives the lockfile a new
// mtime without changing what it pins, and reinstalling then would wipe a node_modules in use.
const fresh = !existsSync(stamp);
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

// The task-pane tests drive a real Chromium (Debian's package; Playwright's own download cannot work here).
if (process.env.npm_lifecycle_event === "pretest" && !existsSync("/usr/bin/chromium")) {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (root && existsSync("/usr/bin/apt-get")) {
    console.log("chiso766: cài Chromium cho các bài kiểm thử giao diện (apt-get install chromium)…");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
  } else {
    console.warn("chiso766: thiếu /usr/bin/chromium — cài gói chromium (Debian/Ubuntu: sudo apt-get install chromium) để chạy các bài kiểm thử giao diện.");
  }
}
