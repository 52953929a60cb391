/**
 * The add-in's month to month against the real Worker (workerd, D1): the task pane's code
 * (addin/app/cycle.ts, the build in controller.ts, the client in addin/api/client.ts) talks to the
 * Worker's own fetch handler; the workbook is an in-memory ExcelPort (the fake-Excel side is covered by
 * test/addin/cycle.test.ts). November is saved, someone else stores on top, the add-in's next save
 * gets the 409 naming them, stores on top when asked, reloads the head; then December is built with an
 * empty "Điểm tháng trước" table and its deltas come from the November stored on the server.
 */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildWithEngine, type Choice, type Deps, type StatusKind } from "../../addin/app/controller";
import { reloadFromServer, saveToServer } from "../../addin/app/cycle";
import { vnDateTime } from "../../addin/app/moments";
import { DEFAULT_SETTINGS, type EtagStore, type PaneSettings } from "../../addin/app/settings";
import { getPeriod, getRevisions, getStoredReport, postReport, putPeriod, type ApiConfig } from "../../addin/api/client";
import type { ExcelPort } from "../../addin/excel/port";
import type { InputTables } from "../../addin/sheets/inputs";
import { DECEMBER_ROWS, seedReportInput } from "../../samples/seed-000-input";
import { BASE, call, json, makeKey } from "./helpers";

const workerFetch = ((url: string, init: RequestInit) => exports.default.fetch(new Request(url, init))) as unknown as typeof fetch;

let clerk = "";
let other = "";
beforeAll(async () => {
  clerk = await makeKey("HN", "read,write");
  other = await makeKey("HN", "read,write");
});

const november = () => (seedReportInput().previous?.unitScores ?? []).map((u) => [u.unit, u.total]);
const december = () => DECEMBER_ROWS.pl2.map(([, name, total]) => [name, Number(total), "", "", "", "", "", "", ""]);

function addin(period: string, tables: InputTables) {
  const settings: PaneSettings = { ...DEFAULT_SETTINGS, workerUrl: BASE, apiKey: clerk, province: "HN", period };
  const config = (s: PaneSettings): ApiConfig => ({ baseUrl: s.workerUrl, apiKey: s.apiKey, fetch: workerFetch });
  const remembered = new Map<string, string>();
  const etags: EtagStore = { get: (p, k) => remembered.get(`${p}/${k}`) ?? null, set: async (p, k, e) => void remembered.set(`${p}/${k}`, e) };
  const seen = { statuses: [] as [string, StatusKind][], choices: [] as Choice[], filled: [] as { target: string; rows: unknown[][] }[], written: [] as { sources: readonly string[] }[] };
  const excel: ExcelPort = {
    read: async () => ({ tables, missing: [] }),
    write: async (_report, _read, _national, _trends, sources = []) => {
      seen.written.push({ sources });
      return { sheets: [] };
    },
    createInputs: () => Promise.reject(new Error("unused")),
    select: async () => undefined,
    normalize: () => Promise.reject(new Error("unused")),
    fill: async (target, rows) => {
      seen.filled.push({ target, rows: rows.map((r) => [...r]) });
      return { written: rows.length, refused: null, syncs: 3 };
    },
    simulation: { read: () => Promise.reject(new Error("unused")), write: () => Promise.reject(new Error("unused")), result: () => Promise.reject(new Error("unused")) },
  };
  const deps: Deps = {
    ui: { progress: () => undefined, status: (t, k) => void seen.statuses.push([t, k]), issues: () => undefined, preview: () => undefined, choices: (l) => void (seen.choices = [...l]) },
    excel,
    settings: () => settings,
    api: (input, s) => postReport(config(s), input),
    portal: () => Promise.reject(new Error("unused")),
    storedPeriod: (s, p, revision) => getPeriod(config(s), s.province, p, revision),
    revisions: (s, p) => getRevisions(config(s), s.province, p),
    save: (s, p, body, ifMatch) => putPeriod(config(s), s.province, p, body, ifMatch),
    storedReport: (s, p, revision) => getStoredReport(config(s), s.province, p, revision),
    etags,
    replaceInputs: () => true,
  };
  const choose = (label: string) => seen.choices.find((c) => c.label === label)?.run() ?? Promise.reject(new Error(`no choice ${label}`));
  return { deps, seen, remembered, choose, last: () => seen.statuses.at(-1) ?? ["", "info"] };
}

describe("the add-in's save, conflict and previous period against the real Worker", () => {
  it("save → 409 naming who stored on top → store on top → reload; then next month's build takes its previous period from the server", async () => {
    const nov = addin("2024-11", { unitScores: november().map(([unit, total]) => [unit, total, "", "", "", "", "", "", ""]), previousUnitScores: [] });
    const first = await saveToServer(nov.deps);
    expect(first?.revision).toBe(1);
    expect(nov.last()[0]).toMatch(/^Đã lưu kỳ 11\/2024 lên máy chủ \(bản số 1, lúc \d\d:\d\d\)\.$/);
    expect(nov.remembered.get("HN/2024-11")).toBe(first?.etag);

    // Someone else stores on top (with the right If-Match).
    const theirs = await call("/v1/provinces/HN/periods/2024-11", { method: "PUT", key: other, body: { unitScores: november().slice(0, 3).map(([unit, total]) => ({ unit, total })) }, headers: { "if-match": first?.etag ?? "" } });
    expect(theirs.status).toBe(200);
    const theirsBody = await json<{ revision: number; etag: string }>(theirs);

    // The add-in's next save: 409, nothing stored, the message names them.
    expect(await saveToServer(nov.deps)).toBeNull();
    const list = await json<{ revisions: { revision: number; createdBy: string; createdAt: string }[] }>(await call("/v1/provinces/HN/periods/2024-11/revisions", { key: clerk }));
    expect(list.revisions).toHaveLength(2);
    const head = list.revisions[0]!;
    expect(nov.last()).toEqual([
      `Bản số 2 do «${head.createdBy}» lưu lúc ${vnDateTime(head.createdAt)} (gửi lên) đã thay bản anh/chị đang sửa. Chưa lưu gì. Chọn “Tải bản trên máy chủ về” (bảng nhập liệu lấy theo bản đó) hoặc “Vẫn lưu thành bản mới (giữ bản kia)” (bản trên máy chủ vẫn giữ trong lịch sử).`,
      "warning",
    ]);
    expect(nov.seen.choices.map((c) => c.label)).toEqual(["Tải bản trên máy chủ về", "Vẫn lưu thành bản mới (giữ bản kia)"]);

    // “Vẫn lưu thành bản mới (giữ bản kia)”: revision 3 on top of theirs; all three kept.
    await nov.choose("Vẫn lưu thành bản mới (giữ bản kia)");
    expect(nov.last()[0]).toMatch(/^Đã lưu kỳ 11\/2024 lên máy chủ \(bản số 3, lúc /);
    const after = await json<{ head: number; revisions: { revision: number }[] }>(await call("/v1/provinces/HN/periods/2024-11/revisions", { key: clerk }));
    expect(after.revisions.map((r) => r.revision)).toEqual([3, 2, 1]);
    const r2 = await json<{ datasets: { unitScores: unknown[] } }>(await call(`/v1/provinces/HN/periods/2024-11?revision=${theirsBody.revision}`, { key: clerk }));
    expect(r2.datasets.unitScores).toHaveLength(3);

    // “Tải bản trên máy chủ về” fills the unit table from the head, and the head's ETag is the next If-Match.
    const reloaded = await reloadFromServer(nov.deps);
    expect(reloaded?.revision).toBe(3);
    expect(nov.seen.filled[0]?.target).toBe("unitScores");
    expect(nov.seen.filled[0]?.rows).toHaveLength(november().length);
    expect(nov.remembered.get("HN/2024-11")).toBe(reloaded?.etag);

    // December, "Điểm tháng trước" empty: November's head from the server gives the deltas.
    const dec = addin("2024-12", { unitScores: december(), previousUnitScores: [["", ""]] });
    const built = await buildWithEngine(dec.deps);
    expect(built?.engine.where).toBe("server");
    expect(built?.report.previousPeriod).toBe("2024-11");
    expect(built?.report.ranking.entries.find((e) => e.name === "UBND quận Tây Hồ")?.deltaText).toBe("Tăng 0.92");
    expect(dec.last()[0]).toContain("Kỳ trước (11/2024) lấy từ máy chủ, bản số 3 (gửi lên) lưu lúc");
    expect(dec.seen.written[0]?.sources[0]).toMatch(/^kỳ trước \(11\/2024\) lấy từ máy chủ chiso766, bản số 3 \(gửi lên\) lưu lúc/);
    expect(dec.seen.filled).toEqual([]);
  });
});
