/**
 * The ribbon's "Lập phụ lục" and its result dialog (addin/commands/commands.ts, addin/excel/ribbon.ts),
 * with Office stubbed and fake timers: event.completed() waits for the dialog — its "Đóng" message, its
 * × (DialogEventReceived 12006) or RESULT_DIALOG_TIMEOUT_MS — and is called exactly once; when the
 * dialog cannot open, at once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { RESULT_DIALOG_TIMEOUT_MS } from "../../addin/app/requirements";

type Handler = (arg: unknown) => void;
type Command = (event: Office.AddinCommands.Event) => Promise<void>;

let open: "ok" | "failed" | "throws" = "ok";
const opened: string[] = [];
let handlers = new Map<string, Handler>();
const close = vi.fn();
const associated = new Map<string, Command>();
const globals: Record<string, unknown> = {};

beforeAll(async () => {
  vi.stubGlobal("window", { localStorage: { getItem: () => null, setItem: () => undefined }, location: { href: "https://localhost:3000/commands.html" } });
  // No workbook to read: the command's text is the failure, the dialog is what is tested here.
  vi.stubGlobal("Excel", { run: () => Promise.reject(new Error("sổ tính đang bận")) });
  vi.stubGlobal("Office", {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" },
    onReady: (cb: () => void) => Promise.resolve().then(cb),
    actions: { associate: (id: string, f: Command) => void associated.set(id, f) },
    context: {
      requirements: { isSetSupported: () => true },
      ui: {
        displayDialogAsync: (url: string, _options: unknown, cb: (r: { status: string; value?: unknown; error?: unknown }) => void) => {
          if (open === "throws") throw new Error("DialogApi not supported");
          opened.push(url);
          if (open === "failed") return cb({ status: "failed", error: { code: 12007, message: "A dialog box is already opened" } });
          cb({ status: "succeeded", value: { close, addEventHandler: (type: string, h: Handler) => void handlers.set(type, h) } });
        },
      },
    },
  });
  const commands = await import("../../addin/commands/commands");
  await vi.waitFor(() => expect(associated.has(commands.BUILD_ACTION)).toBe(true));
  globals["command"] = associated.get(commands.BUILD_ACTION);
});
afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});
beforeEach(() => {
  vi.useFakeTimers();
  open = "ok";
  opened.length = 0;
  handlers = new Map();
  close.mockClear();
});

/** Click the ribbon button; resolves once the dialog is up (or the command is over). */
async function click() {
  const completed = vi.fn();
  const done = (globals["command"] as Command)({ completed } as unknown as Office.AddinCommands.Event);
  await vi.advanceTimersByTimeAsync(0);
  return { completed, done };
}

describe("the ribbon command's result dialog", () => {
  it("shows the result in result.html and does not complete until the dialog reports; then closes it and completes once", async () => {
    const { completed, done } = await click();
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0] ?? "");
    expect(url.pathname).toBe("/result.html");
    expect(url.searchParams.get("text")).toContain("Không lập được phụ lục");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(completed).not.toHaveBeenCalled();
    handlers.get("dialogMessageReceived")?.({ message: "close" });
    await done;
    expect(close).toHaveBeenCalledTimes(1);
    expect(completed).toHaveBeenCalledTimes(1);
    // A late event changes nothing.
    handlers.get("dialogEventReceived")?.({ error: 12006 });
    await vi.advanceTimersByTimeAsync(RESULT_DIALOG_TIMEOUT_MS);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("the clerk closes it with its × (12006): completes once, without closing it again", async () => {
    const { completed, done } = await click();
    expect(completed).not.toHaveBeenCalled();
    handlers.get("dialogEventReceived")?.({ error: 12006 });
    await done;
    expect(close).not.toHaveBeenCalled();
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("nobody answers: closed and completed once, after RESULT_DIALOG_TIMEOUT_MS (5 minutes)", async () => {
    expect(RESULT_DIALOG_TIMEOUT_MS).toBe(5 * 60 * 1000);
    const { completed, done } = await click();
    await vi.advanceTimersByTimeAsync(RESULT_DIALOG_TIMEOUT_MS - 1);
    expect(completed).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(close).toHaveBeenCalledTimes(1);
    expect(completed).toHaveBeenCalledTimes(1);
    handlers.get("dialogMessageReceived")?.({ message: "close" });
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("the dialog cannot open (status failed, or DialogApi missing): completes at once", async () => {
    for (const how of ["failed", "throws"] as const) {
      open = how;
      const { completed, done } = await click();
      await done;
      expect(completed, how).toHaveBeenCalledTimes(1);
      expect(close).not.toHaveBeenCalled();
    }
  });
});
