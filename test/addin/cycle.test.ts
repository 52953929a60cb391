/**
 * Month to month in the add-in (addin/app/cycle.ts and the build in controller.ts), against the fake
 * Excel holding the seed month (Hà Nội 12/2024) and a recording Worker that keeps revisions as the real
 * one does (If-Match: 428 without, 409 when stale, a new revision on top otherwise; every answer shaped
 * by the shared schemas, which the client parses). The ETags live in a fake document settings bag
 * whose saveAsync writes into a "file", so a reopened workbook reads what was saved.
 * test/worker/addin-cycle.test.ts runs the same save and conflict against the real Worker.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { RevisionInfoBody, StoredPeriodBody } from "../../shared/api-responses";
import { buildWithEngine, type Choice, type Deps, type StatusKind } from "../../addin/app/controller";
import { refreshMoments, reloadFromServer, saveToServer, pathLocation } from "../../addin/app/cycle";
import { momentLabel, vnDateTime } from "../../addin/app/moments";
import { DEFAULT_SETTINGS, type PaneSettings } from "../../addin/app/settings";
import { workerApi } from "../../addin/app/wiring";
import { etagStore, type SettingsBag } from "../../addin/excel/document-settings";
import { fillInputTable } from "../../addin/excel/fill-inputs";
import type { ExcelPort } from "../../addin/excel/port";
import { readInputTables } from "../../addin/excel/read-inputs";
import { writeReport } from "../../addin/excel/write-report";
import { inputSheet } from "../../addin/sheets/inputs";
import { buildReport, type ReportInput } from "../../shared";
import { DECEMBER_ROWS, seedReportInput } from "../../samples/seed-000-input";
import { portWith, simulationPort } from "./fake-port";
import { fakeContext } from "./fake-excel";

const NOW = new Date("2026-12-05T02:12:00Z"); // 09:12 in Hà Nội
const SETTINGS: PaneSettings = { ...DEFAULT_SETTINGS, workerUrl: "http://worker.test", apiKey: "c766_k", province: "HN", period: "2024-12" };

// ------------------------------------------------------------------ the workbook

/** The seed month's input tables; the previous-period table empty (one blank row) unless asked. */
function workbook(previous: boolean) {
  const ctx = fakeContext();
  const seed = seedReportInput();
  const table = (id: Parameters<typeof inputSheet>[0], rows: unknown[][]) => {
    const def = inputSheet(id);
    ctx.seedTable(def.sheetName, def.tableName, "A2", def.columns.map((c) => c.header), rows.length ? rows : [def.columns.map(() => "")]);
  };
  table("unitScores", DECEMBER_ROWS.pl2.map(([, name, total, delta]) => [name, Number(total), "", "", "", "", "", "", delta]));
  table("previousUnitScores", previous ? (seed.previous?.unitScores ?? []).map((u) => [u.unit, u.total]) : []);
  table("overdueDossiers", DECEMBER_ROWS.pl3.map(([, name, total, d, c]) => [name, total, d ?? "", c ?? ""]));
  table("overduePetitions", DECEMBER_ROWS.pl4.map(([, name, total, a, b]) => [name, total, a, b, ""]));
  const port = portWith({
    read: () => readInputTables(ctx),
    write: (report, read, national = null, trends = null, sources = []) => writeReport(ctx, report, { pageLayout: true }, read, undefined, national, trends, sources),
    fill: (target, rows, replace) => fillInputTable(ctx, target, rows, replace),
    simulation: simulationPort(ctx),
  });
  /** A table's body as the sheet holds it. */
  const body = (id: Parameters<typeof inputSheet>[0]) => {
    const sheet = ctx.sheet(inputSheet(id).sheetName);
    const cols = inputSheet(id).columns.length;
    const rows: unknown[][] = [];
    for (let r = 2; ; r++) {
      const row = sheet?.block(r, 0, 1, cols)[0] ?? [];
      if (row.every((v) => v === undefined || v === "" || v === null) && r > 2) break;
      rows.push(row);
      if (r > 500) break;
    }
    return rows;
  };
  return { ctx, port, body };
}

/** Office's document settings: set() in memory, saveAsync() into the file that a reopened workbook reads. */
function documentFile() {
  const file = new Map<string, unknown>();
  const open = (): SettingsBag => {
    const memory = new Map(file);
    return {
      get: (k) => memory.get(k),
      set: (k, v) => void memory.set(k, JSON.parse(JSON.stringify(v)) as unknown),
      saveAsync: (cb) => {
        for (const [k, v] of memory) file.set(k, v);
        cb({ status: "succeeded" });
      },
    };
  };
  return { file, open };
}

// ------------------------------------------------------------------ the Worker

interface Revision extends RevisionInfoBody {
  datasets: StoredPeriodBody["datasets"];
}

/** A Worker keeping revisions per province-period as the real one does; every request recorded. */
function recordingWorker() {
  const store = new Map<string, Revision[]>();
  const requests: { method: string; path: string; ifMatch: string | null; body: unknown }[] = [];
  let up = true;
  const answer = (body: unknown, status = 200, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
  const error = (code: string, message: string, status: number, headers: Record<string, string> = {}, issues: unknown[] = []) => answer({ error: { code, message, issues, requestId: "r" } }, status, headers);
  const add = (key: string, sent: { readonly unitScores?: readonly object[]; readonly summary?: object }, who: string, source: Revision["source"], at: string): Revision => {
    const datasets = JSON.parse(JSON.stringify(sent)) as Revision["datasets"];
    const list = store.get(key) ?? [];
    const revision = list.length + 1;
    const r: Revision = {
      revision,
      etag: `"r${revision}-${key.replace(/\W/g, "")}"`,
      checksum: `c${revision}`,
      createdAt: at,
      createdBy: who,
      note: null,
      counts: { unitScores: datasets.unitScores?.length ?? 0, overdueDossiers: datasets.overdueDossiers?.length ?? 0, overduePetitions: datasets.overduePetitions?.length ?? 0 },
      dataTimestamp: null,
      source,
      capturedAt: at,
      datasets,
    };
    store.set(key, [...list, r]);
    return r;
  };
  const info = ({ datasets: _d, ...rest }: Revision) => rest;
  const fetch = (async (url: string, init: RequestInit) => {
    const u = new URL(url);
    const headers = (init.headers ?? {}) as Record<string, string>;
    const body = init.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
    requests.push({ method: init.method ?? "GET", path: `${u.pathname}${u.search}`, ifMatch: headers["if-match"] ?? null, body });
    if (!up) throw new TypeError("Failed to fetch");
    if (u.pathname === "/v1/reports") {
      const { options, ...input } = body as ReportInput & { options?: object };
      return answer(buildReport(input, options ?? {}));
    }
    if (u.pathname.startsWith("/v1/national/")) return error("NOT_FOUND", "Chưa có.", 404);
    const m = /^\/v1\/provinces\/(\w+)\/periods\/([\w-]+)(\/revisions|\/report)?$/.exec(u.pathname);
    if (!m) return error("NOT_FOUND", "Không tìm thấy.", 404);
    const [, province, period, sub] = m;
    const key = `${province}/${period}`;
    const list = store.get(key) ?? [];
    const head = list.at(-1);
    if (init.method === "PUT") {
      const ifMatch = headers["if-match"];
      if (head && !ifMatch) return error("PRECONDITION_REQUIRED", `Kỳ ${period} đã có bản số ${head.revision}.`, 428, { etag: head.etag });
      if (head && ifMatch !== head.etag) return error("CONFLICT", `Bản số ${head.revision} đã thay bản anh/chị đang sửa.`, 409, { etag: head.etag });
      if (!head && ifMatch && ifMatch !== "*") return error("CONFLICT", `Kỳ ${period} chưa có dữ liệu.`, 409);
      const units = (body as { unitScores?: { total?: unknown }[] }).unitScores ?? [];
      const bad = units.findIndex((u) => typeof u.total === "string");
      if (bad >= 0) return error("VALIDATION_FAILED", "Dữ liệu gửi lên không đúng định dạng.", 400, {}, [{ path: `body.unitScores.${bad}.total`, code: "invalid_type", message: "Sai kiểu dữ liệu (cần number)" }]);
      const r = add(key, body as Revision["datasets"], "Văn thư HN", "put", NOW.toISOString());
      return answer({ province, period, revision: r.revision, etag: r.etag, checksum: r.checksum }, head ? 200 : 201, { etag: r.etag });
    }
    if (!head) return error("NOT_FOUND", `Chưa có số liệu ${key}.`, 404);
    if (sub === "/revisions") return answer({ province, period, head: head.revision, revisions: [...list].reverse().map(info) });
    const wanted = u.searchParams.get("revision");
    const chosen = wanted ? list[Number(wanted) - 1] : head;
    if (!chosen) return error("NOT_FOUND", `Không có bản số ${wanted}.`, 404);
    if (sub === "/report") return answer(buildReport({ province: province!, period: period!, ...chosen.datasets }));
    return answer({ province, period, ...chosen }, 200, { etag: chosen.etag });
  }) as unknown as typeof globalThis.fetch;
  return { store, requests, fetch, add, down: () => void (up = false) };
}

// ------------------------------------------------------------------ the task pane, recorded

function pane(port: ExcelPort, worker: ReturnType<typeof recordingWorker>, bag: SettingsBag, extra: Partial<Deps> = {}) {
  const seen = { statuses: [] as [string, StatusKind][], issues: [] as { message: string; cell: string | null }[], choices: [] as Choice[], moments: null as unknown, why: "" };
  const deps: Deps = {
    ui: {
      progress: () => undefined,
      status: (text, kind) => void seen.statuses.push([text, kind]),
      issues: (list, cellOf) => void (seen.issues = list.map((i) => ({ message: i.message, cell: cellOf(i) }))),
      preview: () => undefined,
      choices: (list) => void (seen.choices = [...list]),
      moments: (list, why) => {
        seen.moments = list;
        seen.why = why;
      },
    },
    excel: port,
    settings: () => SETTINGS,
    ...workerApi(worker.fetch),
    etags: etagStore(bag),
    now: () => NOW,
    ...extra,
  };
  const last = () => seen.statuses.at(-1) ?? ["", "info"];
  const choose = (label: string) => {
    const c = seen.choices.find((x) => x.label === label);
    if (!c) throw new Error(`no choice “${label}” among ${seen.choices.map((x) => x.label).join(", ")}`);
    return c.run();
  };
  return { deps, seen, last, choose };
}

vi.stubGlobal("Office", { AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" } });

describe("“Lưu kỳ này lên máy chủ”", () => {
  let worker: ReturnType<typeof recordingWorker>;
  beforeEach(() => {
    worker = recordingWorker();
  });

  it("stores the period's input tables as the first revision and remembers its ETag in the workbook", async () => {
    const { port } = workbook(true);
    const doc = documentFile();
    const { deps, last } = pane(port, worker, doc.open());
    const put = await saveToServer(deps);
    expect(put?.revision).toBe(1);
    expect(last()).toEqual(["Đã lưu kỳ 12/2024 lên máy chủ (bản số 1, lúc 09:12).", "ok"]);
    const sent = worker.requests.find((r) => r.method === "PUT");
    expect(sent?.path).toBe("/v1/provinces/HN/periods/2024-12");
    expect(sent?.ifMatch).toBeNull();
    const body = sent?.body as Record<string, unknown[]>;
    // The month's own tables only: the previous-period table belongs to November.
    expect(Object.keys(body).sort()).toEqual(["overdueDossiers", "overduePetitions", "unitScores"]);
    expect(body["unitScores"]).toHaveLength(30);
    expect(body["unitScores"]?.[0]).toEqual({ unit: "UBND quận Tây Hồ", total: 89, statedDelta: "Tăng 0.92" });
    expect(doc.file.get("chiso766.etags")).toEqual({ "HN/2024-12": '"r1-HN202412"' });
  });

  it("the next save, after the workbook was closed and reopened, sends If-Match with the remembered ETag: a new revision on top", async () => {
    const { port } = workbook(true);
    const doc = documentFile();
    await saveToServer(pane(port, worker, doc.open()).deps);
    // Reopened: a fresh settings bag reading what saveAsync put into the file.
    const again = pane(port, worker, doc.open());
    const put = await saveToServer(again.deps);
    expect(worker.requests.filter((r) => r.method === "PUT").map((r) => r.ifMatch)).toEqual([null, '"r1-HN202412"']);
    expect(put?.revision).toBe(2);
    expect(again.last()).toEqual(["Đã lưu kỳ 12/2024 lên máy chủ (bản số 2, lúc 09:12).", "ok"]);
    expect(doc.file.get("chiso766.etags")).toEqual({ "HN/2024-12": '"r2-HN202412"' });
    // The list "Thời điểm số liệu" was refreshed after the save.
    expect((again.seen.moments as { head: number }).head).toBe(2);
  });

  it("409: names who stored what and when, stores nothing, and offers to reload or to store on top", async () => {
    const { port, body } = workbook(true);
    const doc = documentFile();
    await saveToServer(pane(port, worker, doc.open()).deps);
    // Meanwhile the schedule took a snapshot of the portal (two units only).
    const snapshot = worker.add("HN/2024-12", { unitScores: [{ unit: "UBND quận Tây Hồ", total: 90 }, { unit: "UBND quận Ba Đình", total: 70.5 }] }, "Lịch tự động", "schedule", "2026-12-05T01:00:00Z");
    const before = body("unitScores");
    const p = pane(port, worker, doc.open());
    expect(await saveToServer(p.deps)).toBeNull();
    expect(p.last()).toEqual([
      "Bản số 2 do «Lịch tự động» lưu lúc 08:00 05/12/2026 (chụp theo lịch) đã thay bản anh/chị đang sửa. Chưa lưu gì. Chọn “Tải bản trên máy chủ về” (bảng nhập liệu lấy theo bản đó) hoặc “Vẫn lưu thành bản mới (giữ bản kia)” (bản trên máy chủ vẫn giữ trong lịch sử).",
      "warning",
    ]);
    expect(p.seen.choices.map((c) => c.label)).toEqual(["Tải bản trên máy chủ về", "Vẫn lưu thành bản mới (giữ bản kia)"]);
    expect(worker.store.get("HN/2024-12")).toHaveLength(2);
    expect(body("unitScores")).toEqual(before);
    expect(doc.file.get("chiso766.etags")).toEqual({ "HN/2024-12": '"r1-HN202412"' });

    // “Vẫn lưu thành bản mới (giữ bản kia)”: PUT again with the head's ETag; revision 3 on top, 1 and 2 kept.
    await p.choose("Vẫn lưu thành bản mới (giữ bản kia)");
    expect(worker.requests.filter((r) => r.method === "PUT").at(-1)?.ifMatch).toBe(snapshot.etag);
    expect(worker.store.get("HN/2024-12")?.map((r) => [r.revision, r.source])).toEqual([[1, "put"], [2, "schedule"], [3, "put"]]);
    expect(p.last()).toEqual(["Đã lưu kỳ 12/2024 lên máy chủ (bản số 3, lúc 09:12).", "ok"]);
    expect(p.seen.choices).toEqual([]);
    expect(doc.file.get("chiso766.etags")).toEqual({ "HN/2024-12": '"r3-HN202412"' });
  });

  it("409 → “Tải bản trên máy chủ về”: refuses to replace a table with data unless asked, then fills the tables from the head and remembers its ETag", async () => {
    const { port, body } = workbook(true);
    const doc = documentFile();
    await saveToServer(pane(port, worker, doc.open()).deps);
    const snapshot = worker.add("HN/2024-12", { unitScores: [{ unit: "UBND quận Tây Hồ", total: 90 }, { unit: "UBND quận Ba Đình", total: 70.5 }] }, "Lịch tự động", "schedule", "2026-12-05T01:00:00Z");
    let replace = false;
    const p = pane(port, worker, doc.open(), { replaceInputs: () => replace });
    await saveToServer(p.deps);
    const before = body("unitScores");
    await p.choose("Tải bản trên máy chủ về");
    expect(p.last()).toEqual(['Bảng "Nhập - Điểm đơn vị" đã có số liệu: chọn “Thay số liệu cũ” nếu muốn thay, rồi bấm lại “Tải bản trên máy chủ về”.', "warning"]);
    expect(body("unitScores")).toEqual(before);
    // The choices stay until one completes.
    expect(p.seen.choices.map((c) => c.label)).toEqual(["Tải bản trên máy chủ về", "Vẫn lưu thành bản mới (giữ bản kia)"]);
    replace = true;
    const got = await reloadFromServer(p.deps);
    expect(got?.revision).toBe(2);
    expect(body("unitScores")).toEqual([
      ["UBND quận Tây Hồ", 90, "", "", "", "", "", "", ""],
      ["UBND quận Ba Đình", 70.5, "", "", "", "", "", "", ""],
    ]);
    expect(p.last()[0]).toBe(
      "Đã tải bản số 2 của kỳ 12/2024 (do «Lịch tự động» lưu lúc 08:00 05/12/2026) về: 2 dòng vào “Nhập - Điểm đơn vị”. Bản này không có “Nhập - Chỉ tiêu”, “Nhập - Kết quả chung”, “Nhập - Hồ sơ quá hạn”, “Nhập - PAKN quá hạn”: các bảng đó giữ nguyên. Lần lưu sau sẽ thành bản mới trên bản này.",
    );
    expect(doc.file.get("chiso766.etags")).toEqual({ "HN/2024-12": snapshot.etag });
    expect(p.seen.choices).toEqual([]);
    // The next save builds on the reloaded revision.
    await saveToServer(p.deps);
    expect(worker.requests.filter((r) => r.method === "PUT").at(-1)?.ifMatch).toBe(snapshot.etag);
    expect(worker.store.get("HN/2024-12")).toHaveLength(3);
  });

  it("no ETag known while the server has a head (428): treated as stale, with the head named", async () => {
    const { port } = workbook(true);
    worker.add("HN/2024-12", { unitScores: [{ unit: "UBND quận Tây Hồ", total: 90 }] }, "Cán bộ A", "portal", "2026-12-04T03:30:00Z");
    const p = pane(port, worker, documentFile().open());
    expect(await saveToServer(p.deps)).toBeNull();
    expect(p.last()[0]).toMatch(/^Kỳ 12\/2024 trên máy chủ đã có bản số 1 do «Cán bộ A» lưu lúc 10:30 04\/12\/2026 \(lấy từ Cổng\); sổ tính này chưa tải về hay lưu lên bản nào của kỳ này\. Chưa lưu gì\./);
    expect(worker.store.get("HN/2024-12")).toHaveLength(1);
    await p.choose("Vẫn lưu thành bản mới (giữ bản kia)");
    expect(worker.requests.filter((r) => r.method === "PUT").map((r) => r.ifMatch)).toEqual([null, '"r1-HN202412"']);
    expect(worker.store.get("HN/2024-12")).toHaveLength(2);
  });

  it("a rejected table (400 with issues): the server's issues in the list, linked to their input cells; nothing stored", async () => {
    const { ctx, port } = workbook(true);
    ctx.sheet("Nhập - Điểm đơn vị")?.grid.set("5,1", "89,5 điểm");
    const p = pane(port, worker, documentFile().open());
    expect(await saveToServer(p.deps)).toBeNull();
    expect(p.seen.issues).toEqual([{ message: "unitScores.3.total: Sai kiểu dữ liệu (cần number)", cell: "'Nhập - Điểm đơn vị'!B6" }]);
    expect(p.last()).toEqual(["Chưa lưu lên máy chủ: Dữ liệu gửi lên không đúng định dạng. Bảng nhập liệu và các bản trên máy chủ giữ nguyên.", "error"]);
    expect(worker.store.size).toBe(0);
    expect(pathLocation("body.overdueDossiers.0.districtLevel")).toEqual({ dataset: "overdueDossiers", row: 1, column: "districtLevel" });
  });

  it("a revision with indicators fills “Nhập - Chỉ tiêu”; a save sends them back inside the units, and refuses while a cell of it cannot be read", async () => {
    const { ctx, port, body } = workbook(true);
    const def = inputSheet("indicators");
    ctx.seedTable(def.sheetName, def.tableName, "A2", def.columns.map((c) => c.header), [def.columns.map(() => "")]);
    const indicators = { PROGRESS_ON_TIME: { numerator: 90, denominator: 100, rate: null, points: 18 }, PUBLISH_ON_TIME: { numerator: 5, denominator: 5, rate: null, points: 6 } };
    const head = worker.add("HN/2024-12", { unitScores: [{ unit: "UBND quận Tây Hồ", total: 90, indicators }] }, "Cán bộ A", "portal", "2026-12-04T03:30:00Z");
    const p = pane(port, worker, documentFile().open(), { replaceInputs: () => true });
    expect((await reloadFromServer(p.deps))?.revision).toBe(head.revision);
    expect(body("indicators")).toEqual([
      ["UBND quận Tây Hồ", "1.1", 5, 5, "", 6],
      ["UBND quận Tây Hồ", "2.1", 90, 100, "", 18],
    ]);
    expect(p.last()[0]).toContain("2 dòng vào “Nhập - Chỉ tiêu”");
    // Saved back: the indicators travel inside their unit.
    await saveToServer(p.deps);
    const sent = worker.requests.filter((r) => r.method === "PUT").at(-1)?.body as { unitScores: { unit: string; indicators?: unknown }[] };
    expect(sent.unitScores.find((u) => u.unit === "UBND quận Tây Hồ")?.indicators).toEqual(indicators);
    // A code the methodology does not know: nothing is stored, the cell is named.
    ctx.sheet(def.sheetName)?.grid.set("2,1", "9.9");
    const before = worker.store.get("HN/2024-12")?.length;
    expect(await saveToServer(p.deps)).toBeNull();
    expect(p.seen.issues).toEqual([{ message: expect.stringMatching(/^Sheet “Nhập - Chỉ tiêu”, ô B3: mã chỉ tiêu "9\.9"/), cell: "'Nhập - Chỉ tiêu'!B3" }]);
    expect(p.last()).toEqual(["1 ô trong bảng nhập liệu không đọc được (danh sách dưới): sửa rồi lưu lại. Chưa lưu gì.", "error"]);
    expect(worker.store.get("HN/2024-12")?.length).toBe(before);
  });

  it("the Worker unreachable: says so, changes nothing", async () => {
    const { port } = workbook(true);
    worker.down();
    const doc = documentFile();
    const p = pane(port, worker, doc.open());
    expect(await saveToServer(p.deps)).toBeNull();
    expect(p.last()).toEqual(["Chưa lưu lên máy chủ: Không kết nối được máy chủ chiso766; kiểm tra Địa chỉ máy chủ trong Cài đặt. Bảng nhập liệu và các bản trên máy chủ giữ nguyên.", "error"]);
    expect(doc.file.size).toBe(0);
  });
});

describe("“Lập phụ lục”: the previous period from the server", () => {
  let worker: ReturnType<typeof recordingWorker>;
  const november = () => seedReportInput().previous!;
  beforeEach(() => {
    worker = recordingWorker();
    worker.add("HN/2024-11", { unitScores: [{ unit: "UBND quận Tây Hồ", total: 1 }] }, "Văn thư HN", "put", "2026-11-20T02:00:00Z");
    worker.add("HN/2024-11", { unitScores: november().unitScores ?? [], ...(november().summary ? { summary: november().summary } : {}) }, "Văn thư HN", "put", "2026-12-01T02:00:00Z");
  });

  const draft = (ctx: ReturnType<typeof fakeContext>) => (ctx.sheet("Dự thảo văn bản")?.block(0, 0, 20, 1) ?? []).map((r) => r[0]).filter((v) => typeof v === "string" && v);

  it("an empty “Điểm tháng trước” table: the stored November head is the build's previous period, said on the status line and in the draft; never written into the input sheets", async () => {
    const { ctx, port, body } = workbook(false);
    const emptyBefore = body("previousUnitScores");
    const gridBefore = [...(ctx.sheet("Nhập - Điểm tháng trước")?.grid ?? [])];
    const p = pane(port, worker, documentFile().open());
    const built = await buildWithEngine(p.deps);
    expect(worker.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/national/periods/2024-12", "GET /v1/provinces/HN/history?from=2023-01&to=2024-12&include=units", "GET /v1/provinces/HN/periods/2024-11", "POST /v1/reports"]);
    const sent = worker.requests.at(-1)?.body as ReportInput;
    expect(sent.previous?.period).toBe("2024-11");
    expect(sent.previous?.unitScores).toEqual(november().unitScores);
    // The summary as the schema reads it back (a missing cell is null).
    expect(sent.previous?.summary).toMatchObject(november().summary ?? {});
    // Deltas against November, as with the clerk's own table.
    expect(built?.report.ranking.entries[0]).toMatchObject({ name: "UBND quận Tây Hồ", deltaText: "Tăng 0.92" });
    expect(p.last()[0]).toContain("Kỳ trước (11/2024) lấy từ máy chủ, bản số 2 (gửi lên) lưu lúc 09:00 01/12/2026.");
    expect(draft(ctx)).toContain("Nguồn số liệu: kỳ trước (11/2024) lấy từ máy chủ chiso766, bản số 2 (gửi lên) lưu lúc 09:00 01/12/2026 (bảng “Nhập - Điểm tháng trước” để trống).");
    expect(body("previousUnitScores")).toEqual(emptyBefore);
    // Not a cell of the sheet changed, and its table was not touched.
    expect([...(ctx.sheet("Nhập - Điểm tháng trước")?.grid ?? [])]).toEqual(gridBefore);
    expect(ctx.log.filter((l) => l.includes(inputSheet("previousUnitScores").tableName))).toEqual([]);
  });

  it("the clerk's own previous-period table wins: no request for November, the draft names the table", async () => {
    const { ctx, port } = workbook(true);
    const p = pane(port, worker, documentFile().open());
    await buildWithEngine(p.deps);
    expect(worker.requests.map((r) => r.path)).not.toContain("/v1/provinces/HN/periods/2024-11");
    expect((worker.requests.at(-1)?.body as ReportInput).previous?.unitScores).toEqual(november().unitScores);
    expect(p.last()[0]).not.toContain("lấy từ máy chủ");
    expect(draft(ctx)).toContain("Nguồn số liệu: kỳ trước (11/2024) lấy từ bảng “Nhập - Điểm tháng trước” trong sổ tính.");
  });

  it("no previous period stored (404): built without one, nothing special said", async () => {
    worker.store.clear();
    const { ctx, port } = workbook(false);
    const p = pane(port, worker, documentFile().open());
    const built = await buildWithEngine(p.deps);
    expect((worker.requests.at(-1)?.body as ReportInput).previous).toBeUndefined();
    expect(built?.report.ranking.entries[0]?.deltaText).not.toMatch(/^Tăng/);
    expect(p.last()[0]).toMatch(/^Đã lập Phụ lục 1–4, Kiểm tra dữ liệu, Dự thảo văn bản: \d+ lỗi, \d+ cảnh báo\. Không có sheet Toàn quốc/);
    expect(draft(ctx).some((l) => String(l).startsWith("Nguồn số liệu"))).toBe(false);
  });

  it("the stored previous period refused (403, a key of another province): built without it, and the status line says why as a warning", async () => {
    const { port, body } = workbook(false);
    const served = worker.fetch;
    const refusing = (async (url: string, init: RequestInit) =>
      new URL(url).pathname === "/v1/provinces/HN/periods/2024-11"
        ? new Response(JSON.stringify({ error: { code: "FORBIDDEN", message: "Khóa này không được đọc số liệu của HN.", issues: [], requestId: "r" } }), { status: 403, headers: { "content-type": "application/json" } })
        : served(url, init)) as unknown as typeof globalThis.fetch;
    const p = pane(port, { ...worker, fetch: refusing }, documentFile().open());
    const built = await buildWithEngine(p.deps);
    expect((worker.requests.at(-1)?.body as ReportInput).previous).toBeUndefined();
    expect(built?.report.previousPeriod).toBeNull();
    const [text, kind] = p.last();
    expect(text).toContain("Không lấy được kỳ trước (11/2024) từ máy chủ (Khóa này không được đọc số liệu của HN)");
    expect(kind).toBe("warning");
    expect(body("previousUnitScores")).toEqual([["", ""]]);
  });

  it("offline: as before — the local engine, the workbook's previous period (none), nothing fetched into the sheets", async () => {
    const { port, body } = workbook(false);
    worker.down();
    const p = pane(port, worker, documentFile().open());
    const built = await buildWithEngine(p.deps);
    expect(built?.engine).toEqual({ where: "local", why: "không kết nối được máy chủ" });
    expect(built?.report.previousPeriod).toBeNull();
    expect(p.last()[0]).not.toContain("Kỳ trước");
    expect(body("previousUnitScores")).toEqual([["", ""]]);
  });
});

describe("“Thời điểm số liệu”: the period's revisions and a build from one of them", () => {
  it("lists the revisions (source in Vietnamese, capture time, who) and builds the Worker's report of the chosen one", async () => {
    const worker = recordingWorker();
    const units = seedReportInput().unitScores ?? [];
    worker.add("HN/2024-12", { unitScores: units }, "Văn thư HN", "put", "2026-12-04T02:00:00Z");
    const snap = worker.add("HN/2024-12", { unitScores: units.slice(0, 5) }, "Lịch tự động", "schedule", "2026-12-05T01:00:00Z");
    const { ctx, port } = workbook(true);
    let chosen: RevisionInfoBody | null = null;
    const p = pane(port, worker, documentFile().open(), { moment: () => chosen });
    await refreshMoments(p.deps);
    const list = p.seen.moments as { head: number; revisions: RevisionInfoBody[] };
    expect(list.head).toBe(2);
    expect(list.revisions.map((r) => momentLabel(r))).toEqual(["Bản 2 · chụp theo lịch · 08:00 05/12/2026 · Lịch tự động", "Bản 1 · gửi lên · 09:00 04/12/2026 · Văn thư HN"]);

    chosen = list.revisions.find((r) => r.revision === 1) ?? null;
    const requestsBefore = worker.requests.length;
    const built = await buildWithEngine(p.deps);
    const asked = worker.requests.slice(requestsBefore).map((r) => `${r.method} ${r.path}`);
    expect(asked).toContain("GET /v1/provinces/HN/periods/2024-12/report?revision=1");
    expect(asked).not.toContain("POST /v1/reports");
    expect(built?.report.ranking.entries).toHaveLength(units.length);
    expect(p.last()[0]).toMatch(/^Đã lập Phụ lục 1–4, Kiểm tra dữ liệu, Dự thảo văn bản theo bản số 1 trên máy chủ \(gửi lên, số liệu lúc 09:00 04\/12\/2026, do «Văn thư HN» lưu\)/);
    expect(ctx.sheet("Dự thảo văn bản")).toBeDefined();

    chosen = snap;
    const second = await buildWithEngine(p.deps);
    expect(worker.requests.map((r) => r.path)).toContain("/v1/provinces/HN/periods/2024-12/report?revision=2");
    expect(second?.report.ranking.entries).toHaveLength(5);
    expect(vnDateTime(snap.capturedAt)).toBe("08:00 05/12/2026");
  });

  it("no server: the list says so and only the workbook can be built from", async () => {
    const worker = recordingWorker();
    const { port } = workbook(true);
    const p = pane(port, worker, documentFile().open(), { settings: () => ({ ...SETTINGS, workerUrl: "" }) });
    await refreshMoments(p.deps);
    expect(p.seen.moments).toBeNull();
    expect(p.seen.why).toBe("Chưa đặt địa chỉ máy chủ: chỉ lập được từ bảng nhập liệu trong sổ.");
    expect(worker.requests).toEqual([]);
  });
});
