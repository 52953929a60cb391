/** `npm start`'s check of its ports (scripts/wrangler.ts): a port another program listens on is named, with the variable that moves it. */
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { busyPorts, busyPortsMessage, portFree } from "../../scripts/wrangler";

let other: net.Server;
let taken = 0;
beforeAll(async () => {
  other = net.createServer();
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
  taken = (other.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => other.close(() => resolve())));

/** A port nobody listens on (the system's pick, released at once). */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe("npm start: ports in use", () => {
  it("tells a taken port from a free one", async () => {
    expect(await portFree(taken, "127.0.0.1")).toBe(false);
    expect(await portFree(await freePort(), "127.0.0.1")).toBe(true);
  });

  it("names each taken port, what it is for and the variable that moves it", async () => {
    const free = await freePort();
    const busy = await busyPorts([
      { port: taken, host: "127.0.0.1", what: "Worker cục bộ", variable: "PORT", suggest: taken + 1 },
      { port: free, host: "127.0.0.1", what: "xem trước add-in trên trình duyệt", variable: "PREVIEW_PORT", suggest: free + 10 },
    ]);
    expect(busy.map((u) => u.port)).toEqual([taken]);
    const message = busyPortsMessage(busy);
    expect(message).toContain(`cổng ${taken} (Worker cục bộ) đang có chương trình khác dùng; đổi bằng biến PORT`);
    expect(message).toContain(`lsof -i :${taken}`);
    expect(message).toContain(`PORT=${taken + 1} npm start`);
    expect(message).not.toContain("PREVIEW_PORT");
    // The port is still the other program's: the check only looked.
    expect(await portFree(taken, "127.0.0.1")).toBe(false);
  });

  it("suggests one value per variable", () => {
    const message = busyPortsMessage([
      { port: 8787, host: "127.0.0.1", what: "Worker cục bộ", variable: "PORT", suggest: 8788 },
      { port: 9787, host: "127.0.0.1", what: "cổng gỡ lỗi", variable: "PORT", suggest: 8788 },
      { port: 3000, host: "localhost", what: "add-in cho Excel, HTTPS", variable: "ADDIN_PORT", suggest: 3010 },
    ]);
    expect(message).toContain("  PORT=8788 ADDIN_PORT=3010 npm start");
  });
});
