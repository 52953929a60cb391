/** wrangler.toml against the code that relies on it: the snapshot queue's retry bound and dead letters. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.join(import.meta.dirname, "../..");
const toml = readFileSync(path.join(root, "wrangler.toml"), "utf8");
/** Read from the source (this Node-side test does not load Worker modules, which need Workers types). */
const SNAPSHOT_MAX_RETRIES = Number(/export const SNAPSHOT_MAX_RETRIES = (\d+);/.exec(readFileSync(path.join(root, "worker/schedule.ts"), "utf8"))?.[1]);
/** The [[queues.consumers]] block of the snapshot queue. */
const consumer = /\[\[queues\.consumers\]\]\s*\nqueue = "chiso766-snapshots"\n([\s\S]*?)(?=\n\[|$)/.exec(toml)?.[1] ?? "";

describe("wrangler.toml: the snapshot queue's consumer", () => {
  it("retries as many times as the consumer counts on (it acks and logs after the last attempt)", () => {
    expect(SNAPSHOT_MAX_RETRIES).toBeGreaterThan(0);
    expect(Number(/^max_retries = (\d+)/m.exec(consumer)?.[1])).toBe(SNAPSHOT_MAX_RETRIES);
  });

  it("keeps what still failed in a dead-letter queue, one message per batch", () => {
    expect(/^dead_letter_queue = "([^"]+)"/m.exec(consumer)?.[1]).toBe("chiso766-snapshots-failed");
    expect(/^max_batch_size = (\d+)/m.exec(consumer)?.[1]).toBe("1");
  });
});
