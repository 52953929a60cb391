/**
 * One wiring (addin/app/wiring.ts) for both entry points. The ribbon's “Lập phụ lục” is run as Excel
 * runs it — the real commands.ts with Office (its document settings and dialog too), Excel.run (the
 * recording fake holding the seed month's input tables), localStorage and fetch stubbed — and must
 * send the letter's number and date the clerk saved in the workbook, exactly as the task pane does;
 * with the Worker down, the local build uses them too, and the dialog says which engine computed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { build, type StatusKind, type UiPort } from "../../addin/app/controller";
import { DEFAULT_SETTINGS, saveSettings, type PaneSettings } from "../../addin/app/settings";
import { workbookStore } from "../../addin/excel/document-settings";
import { wire } from "../../addin/app/wiring";
import { buildReport, type ReportInput } from "../../shared";
import { seedReportInput } from "../../samples/seed-000-input";
import { seededContext } from "./seed-context";

const LETTER = { letterNumber: "193/UBND-KSTTHC", letterDate: "2025-01-15" };
const ATTACHED = "(Kèm theo văn bản số 193/UBND-KSTTHC ngày 15/01/2025 của UBND thành phố Hà Nội)";
const SETTINGS: PaneSettings = { ...DEFAULT_SETTINGS, workerUrl: "http://worker.test", apiKey: "c766_k", ...LETTER };

/** A Worker that builds the report from what it was sent, as POST /v1/reports does; every request kept. */
function worker(up: boolean) {
  const requests: { url: string; headers: Record<string, string>; body: ReportInput & { options?: { letter?: { number?: string; date?: string } } } }[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as (typeof requests)[number]["body"];
    requests.push({ url, headers: init.headers as Record<string, string>, body });
    if (!up) throw new TypeError("Failed to fetch");
    const { options, ...input } = body;
    return new Response(JSON.stringify(buildReport(input, options ?? {})), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { requests, fetch: fetch as unknown as typeof globalThis.fetch };
}

/** The first title line of a written sheet that names the letter. */
const attachLine = (ctx: ReturnType<typeof seededContext>, sheet: string) =>
  ctx
    .sheet(sheet)
    ?.block(0, 0, 5, 1)
    .map((r) => String(r[0]))
    .find((t) => t.startsWith("(Kèm theo"));

describe("the ribbon's “Lập phụ lục” (commands.ts, run as Excel runs it)", () => {
  let ctx = seededContext();
  const dialogs: string[] = [];
  const associated = new Map<string, (event: Office.AddinCommands.Event) => Promise<void>>();
  const storage = new Map<string, string>();
  const book = new Map<string, unknown>();
  const bag = { get: (k: string) => book.get(k), set: (k: string, v: unknown) => void book.set(k, v), saveAsync: (cb?: (r: { status: string }) => void) => cb?.({ status: "succeeded" }) };

  beforeAll(async () => {
    vi.stubGlobal("window", { localStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) }, location: { href: "https://localhost:3000/commands.html" } });
    vi.stubGlobal("Excel", { run: (work: (c: unknown) => Promise<unknown>) => work(ctx) });
    // The dialog shows, then the clerk presses "Đóng" (messageParent) a moment later.
    const dialog = () => {
      const handlers = new Map<string, () => void>();
      setTimeout(() => handlers.get("dialogMessageReceived")?.(), 0);
      return { close: () => undefined, addEventHandler: (type: string, h: () => void) => void handlers.set(type, h) };
    };
    vi.stubGlobal("Office", {
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" },
      onReady: (cb: () => void) => Promise.resolve().then(cb),
      actions: { associate: (id: string, f: (event: Office.AddinCommands.Event) => Promise<void>) => void associated.set(id, f) },
      context: {
        requirements: { isSetSupported: () => true },
        document: { settings: bag },
        ui: {
          displayDialogAsync: (url: string, _options: unknown, cb: (r: { status: string; value: unknown }) => void) => {
            dialogs.push(new URL(url).searchParams.get("text") ?? "");
            cb({ status: "succeeded", value: dialog() });
          },
        },
      },
    });
    const commands = await import("../../addin/commands/commands");
    await vi.waitFor(() => expect(associated.has(commands.BUILD_ACTION)).toBe(true));
  });
  afterAll(() => vi.unstubAllGlobals());
  beforeEach(async () => {
    ctx = seededContext();
    dialogs.length = 0;
    storage.clear();
    book.clear();
    // Worker address and key on the machine, the letter in the workbook: as the task pane saves them.
    await saveSettings(window.localStorage, workbookStore(bag), SETTINGS);
  });

  it("keeps the key on the machine and the letter in the workbook", () => {
    expect(JSON.parse(storage.get("chiso766.settings") ?? "{}")).toEqual({ workerUrl: "http://worker.test", apiKey: "c766_k" });
    expect(book.get("chiso766.workbook")).toEqual({ province: "HN", period: "2024-12", ...LETTER });
  });

  async function click(up: boolean) {
    const w = worker(up);
    vi.stubGlobal("fetch", w.fetch);
    const completed = vi.fn();
    await associated.get("buildAppendices")?.({ completed } as unknown as Office.AddinCommands.Event);
    return { requests: w.requests, completed };
  }

  it("sends the saved letter number and date to the Worker, with the key, and writes them on the appendices", async () => {
    const { requests, completed } = await click(true);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe("http://worker.test/v1/reports");
    expect(requests[0]?.headers["authorization"]).toBe("Bearer c766_k");
    expect(requests[0]?.body.options).toEqual({ letter: { number: "193/UBND-KSTTHC", date: "2025-01-15" } });
    expect(attachLine(ctx, "Phụ lục 2")).toBe(ATTACHED);
    expect(dialogs).toEqual(["Đã lập Phụ lục 1–4: 1 lỗi, 0 cảnh báo. Xem sheet “Kiểm tra dữ liệu”.\nTính trên máy chủ chiso766 tại http://worker.test."]);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("with the Worker down, the appendices built in the add-in carry the letter too; Excel is told it finished", async () => {
    const { requests, completed } = await click(false);
    expect(requests).toHaveLength(1);
    expect(attachLine(ctx, "Phụ lục 3")).toBe(ATTACHED);
    expect(dialogs[0]).toContain("Đã lập Phụ lục 1–4");
    expect(dialogs[0]).toContain("Tính ngay trên máy, không qua máy chủ (không kết nối được máy chủ).");
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("no Worker address on this machine: computed in the add-in, and the dialog says so", async () => {
    storage.set("chiso766.settings", JSON.stringify({ workerUrl: "", apiKey: "" }));
    const { requests, completed } = await click(true);
    expect(requests).toEqual([]);
    expect(attachLine(ctx, "Phụ lục 2")).toBe(ATTACHED);
    expect(dialogs).toEqual(["Đã lập Phụ lục 1–4: 1 lỗi, 0 cảnh báo. Xem sheet “Kiểm tra dữ liệu”.\nTính ngay trên máy, không qua máy chủ (chưa đặt địa chỉ máy chủ)."]);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("nothing saved on this machine (or the old http default): the build's Worker address", async () => {
    for (const saved of [null, JSON.stringify({ workerUrl: "http://127.0.0.1:8787", apiKey: "" })]) {
      if (saved) storage.set("chiso766.settings", saved);
      else storage.clear();
      const { requests } = await click(true);
      expect(requests[0]?.url).toBe(`${DEFAULT_SETTINGS.workerUrl}/v1/reports`);
      expect(dialogs.at(-1)).toContain(`Tính trên máy chủ chiso766 tại ${DEFAULT_SETTINGS.workerUrl}.`);
    }
    expect(DEFAULT_SETTINGS.workerUrl).toBe("https://localhost:8787");
  });
});

describe("the task pane's wiring is the same", () => {
  const seen = () => {
    const statuses: [string, StatusKind][] = [];
    const ui: UiPort = { progress: () => undefined, status: (text, kind) => void statuses.push([text, kind]), issues: () => undefined, preview: () => undefined };
    return { ui, statuses };
  };

  it("the preview (no workbook) sends the letter number and date with the sample month", async () => {
    const w = worker(true);
    const { ui, statuses } = seen();
    const deps = wire({ ui, settings: () => SETTINGS, inExcel: false, sample: () => seedReportInput(), fetch: w.fetch });
    expect(deps.excel).toBeNull();
    const report = await build(deps);
    expect(w.requests[0]?.body.options).toEqual({ letter: { number: "193/UBND-KSTTHC", date: "2025-01-15" } });
    expect(report?.appendices[0]?.titleLines.map((t) => t.text)).toContain(ATTACHED);
    expect(statuses.at(-1)?.[0]).toMatch(/^Đã lập 4 phụ lục \(tháng mẫu 2024-12\)/);
  });

  it("no letter filled in: no letter options are sent", async () => {
    const w = worker(true);
    await build(wire({ ui: seen().ui, settings: () => DEFAULT_SETTINGS, inExcel: false, sample: () => seedReportInput(), fetch: w.fetch }));
    expect(w.requests[0]?.body.options).toEqual({});
  });

  it("without the sample month (the ribbon's wiring) there is nothing to preview outside Excel, and it says so", async () => {
    const w = worker(true);
    const { ui, statuses } = seen();
    expect(await build(wire({ ui, settings: () => SETTINGS, inExcel: false, fetch: w.fetch }))).toBeNull();
    expect(w.requests).toEqual([]);
    expect(statuses).toEqual([["Mở trong Excel để lập phụ lục từ bảng nhập liệu.", "info"]]);
  });
});
