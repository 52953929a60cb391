/**
 * A stand-in for the portal, run by Miniflare as the Worker's outbound service (Node side): it replays
 * the recorded Phú Thọ answers of the 2026 API and misbehaves on purpose for the test provinces' root
 * ids; the older service (`/jsp/rest.jsp`, report_tinh_766_service) answers what a test registered for
 * the province id with `PUT http://portal.stub/__766/{id}` (a list of answers, served in order). Nothing
 * reaches the network. `GET http://portal.stub/__calls` returns how many requests each root (or
 * older-service province id) has made. The national summary (`service-results`) answers the summary in
 * test/fixtures/national-2026 for every period, unless a test registered answers for a period with
 * `PUT http://portal.stub/__national/{period}` (a list, served in order, the last one repeated); its
 * calls count under "national".
 *
 * Two dead portals, for the provinces whose root (or older-service id) names them: "stub-refused" drops
 * the connection without an answer (what a refused or reset connection is to the Worker: its fetch
 * throws) and "stub-hang" accepts the request and never answers. Both are handled on the raw socket
 * (`portalStubNode`, Miniflare's Node outbound service), which a Response-returning stub cannot do.
 * `PUT http://portal.stub/__alive/{root}` with body "true" brings one back (it then answers like Phú
 * Thọ), "false" kills it again.
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

export const STUB_BASE = "http://portal.stub/api/v1/reporting/evaluation";
const dir = path.join(import.meta.dirname, "fixtures/portal-2026");
const CRITERIA = ["transparency", "dvc-progress-tree", "provide-online-tree", "formality-online-payment-tree", "handling-satisfaction", "dossier-digitized"];
const recorded = new Map(CRITERIA.map((c) => [c, readFileSync(path.join(dir, c, "month-all.json"), "utf8")]));
const PT_ROOT = "019d2be3-6a88-732b-8b17-b68020c8553a";
/** An Giang's root department (the directory's): answered in the recorded shape, not recorded. */
const AG_ROOT = "019d2be3-6a84-779d-b3e7-e214bdb86482";
const nationalRecorded = readFileSync(path.join(import.meta.dirname, "fixtures/national-2026/month-2026-08.json"), "utf8");
const nationalAnswers = new Map<string, LegacyAnswer[]>();

/** The national summary: the registered answers of the period asked, else the fixture. */
function nationalStub(body: { timeType?: string; year?: number; month?: number; quarter?: number }): Response {
  const period = body.timeType === "month" ? `${body.year}-${String(body.month).padStart(2, "0")}` : body.timeType === "quarter" ? `${body.year}-Q${body.quarter}` : String(body.year);
  const n = (calls.get("national") ?? 0) + 1;
  calls.set("national", n);
  const answers = nationalAnswers.get(period);
  if (!answers) return json(nationalRecorded, 200);
  const answer = answers[Math.min(n, answers.length) - 1];
  return new Response(answer?.body ?? "{}", { status: answer?.status ?? 200, headers: { "content-type": answer?.contentType ?? "application/json" } });
}

/** The provinces the Worker tests fetch, each with the misbehaviour of its root id. */
export const STUB_SOURCES = {
  PT: { rootDepartmentId: PT_ROOT, provinceName: "Tỉnh Phú Thọ" },
  QA: { rootDepartmentId: "stub-5xx-once", provinceName: "Tỉnh Thử A" },
  QB: { rootDepartmentId: "stub-429", provinceName: "Tỉnh Thử B" },
  QC: { rootDepartmentId: "stub-truncated", provinceName: "Tỉnh Thử C" },
  QD: { rootDepartmentId: "stub-renamed", provinceName: "Tỉnh Thử D" },
  QE: { rootDepartmentId: "stub-empty", provinceName: "Tỉnh Thử E" },
  QF: { rootDepartmentId: "stub-paged", provinceName: "Tỉnh Thử F" },
  QG: { rootDepartmentId: "stub-gone-after-one-month", provinceName: "Tỉnh Thử G" },
  // For the older service (periods before 2026), each with its own `legacyProvinceId`.
  QH: { rootDepartmentId: "stub-none", provinceName: "Tỉnh Thử H", legacyProvinceId: "stub-766-QH" },
  QI: { rootDepartmentId: "stub-none", provinceName: "Tỉnh Thử I", legacyProvinceId: "stub-766-QI" },
  QJ: { rootDepartmentId: PT_ROOT, provinceName: "Tỉnh Phú Thọ (thử)", legacyProvinceId: "stub-766-QJ" },
  // Dead portals: the connection dropped, or accepted and never answered (2026 API and older service).
  QK: { rootDepartmentId: "stub-refused", provinceName: "Tỉnh Thử K", legacyProvinceId: "stub-refused-766" },
  QL: { rootDepartmentId: "stub-hang", provinceName: "Tỉnh Thử L", legacyProvinceId: "stub-hang-766" },
} as const;

const calls = new Map<string, number>();

function json(text: string, status = 201): Response {
  return new Response(text, { status, headers: { "content-type": "application/json" } });
}

/** The recorded answer with its unit list emptied (a province with no units yet). */
function emptied(text: string): string {
  const a = JSON.parse(text) as { data: Record<string, unknown> };
  if (Array.isArray(a.data["evaluation"])) a.data["evaluation"] = [];
  if (Array.isArray(a.data["children"])) a.data["children"] = [];
  return JSON.stringify(a);
}

/** Page n of 2 of the recorded answer: the first half of the units, then the rest. */
function paged(text: string, page: number): string {
  const a = JSON.parse(text) as { data: Record<string, unknown> };
  const key = Array.isArray(a.data["evaluation"]) ? "evaluation" : "children";
  const list = a.data[key] as unknown[];
  const half = Math.ceil(list.length / 2);
  a.data[key] = page === 1 ? list.slice(0, half) : list.slice(half);
  a.data["pagination"] = { currentPage: page, totalPages: 2, pageSize: half, totalItems: list.length };
  return JSON.stringify(a);
}

/** The older service's answers, registered by the tests per province id: served in order, the last one repeated. */
const legacyAnswers = new Map<string, LegacyAnswer[]>();
export interface LegacyAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** The older service: one form-encoded request whose `params` field is the JSON of the query. */
async function legacyStub(request: Request): Promise<Response> {
  const type = request.headers.get("content-type") ?? "";
  const params = JSON.parse(new URLSearchParams(await request.text()).get("params") ?? "{}") as { service?: string; p_tinh_id?: string };
  if (!type.startsWith("application/x-www-form-urlencoded") || params.service !== "report_tinh_766_service") return new Response("bad request", { status: 400 });
  const id = String(params.p_tinh_id);
  const n = (calls.get(id) ?? 0) + 1;
  calls.set(id, n);
  const answers = legacyAnswers.get(id) ?? [{ status: 200, contentType: "application/json", body: "[]" }];
  const answer = answers[Math.min(n, answers.length) - 1];
  return new Response(answer?.body ?? "[]", { status: answer?.status ?? 200, headers: { "content-type": answer?.contentType ?? "application/json" } });
}

export async function portalStub(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.hostname !== "portal.stub") return new Response("no network in tests", { status: 599 });
  if (url.pathname === "/__calls") return json(JSON.stringify(Object.fromEntries(calls)), 200);
  if (url.pathname === "/jsp/rest.jsp") return legacyStub(request);
  if (url.pathname.startsWith("/__766/") && request.method === "PUT") {
    const id = decodeURIComponent(url.pathname.slice("/__766/".length));
    legacyAnswers.set(id, (await request.json()) as LegacyAnswer[]);
    calls.delete(id);
    return new Response(null, { status: 204 });
  }
  if (url.pathname.startsWith("/__national/") && request.method === "PUT") {
    nationalAnswers.set(decodeURIComponent(url.pathname.slice("/__national/".length)), (await request.json()) as LegacyAnswer[]);
    calls.delete("national");
    return new Response(null, { status: 204 });
  }
  const criterion = url.pathname.split("/").pop() ?? "";
  if (criterion === "service-results") return nationalStub((await request.json()) as Record<string, never>);
  const body = (await request.json()) as { rootDepartmentId: string; currentPage?: number };
  const root = body.rootDepartmentId;
  const n = (calls.get(root) ?? 0) + 1;
  calls.set(root, n);
  const text = recorded.get(criterion);
  if (!text) return json('{"code":"NOT_FOUND"}', 404);
  switch (root) {
    case PT_ROOT:
    case "stub-refused":
    case "stub-hang":
      // The dead portals, when a test brought them back (portalStubNode answers for them otherwise).
      return json(text);
    case AG_ROOT:
      // An Giang in the recorded shape: Phú Thọ's answer with the province renamed (synthetic units).
      return json(text.replaceAll("Phú Thọ", "An Giang"));
    case "stub-5xx-once":
      return n === 1 ? new Response("busy", { status: 503 }) : json(text);
    case "stub-429":
      return criterion === "provide-online-tree" ? new Response("slow down", { status: 429 }) : json(text);
    case "stub-truncated":
      return criterion === "handling-satisfaction" ? json(text.slice(0, 4000)) : json(text);
    case "stub-renamed":
      return criterion === "dvc-progress-tree" ? json(text.replaceAll('"totalOnTime"', '"totalOntime"')) : json(text);
    case "stub-empty":
      return json(emptied(text));
    case "stub-gone-after-one-month":
      return n <= CRITERIA.length ? json(text) : json('{"code":"NOT_FOUND"}', 404);
    case "stub-paged":
      return json(paged(text, body.currentPage ?? 1));
    default:
      return json('{"code":"NOT_FOUND"}', 404);
  }
}

/** Dead roots brought back to life by a test. */
const alive = new Set<string>();

const HOP_BY_HOP = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive", "mf-custom-node-service"]);

/** Sockets of the never-answering portal, closed when the Worker gives up (or the tests end). */
const hanging = new Set<ServerResponse>();

/**
 * The stub as Miniflare's Node outbound service: the dead portals act on the socket, everything else
 * goes to `portalStub`. The dead portals' requests count in `__calls` under their root like the others.
 */
export async function portalStubNode(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const text = body.toString("utf8");
  const url = req.url?.startsWith("http") ? req.url : `http://${req.headers.host ?? "portal.stub"}${req.url ?? "/"}`;
  const path = new URL(url).pathname;
  if (path.startsWith("/__alive/") && req.method === "PUT") {
    const root = decodeURIComponent(path.slice("/__alive/".length));
    if (text.trim() === "true") alive.add(root);
    else alive.delete(root);
    res.writeHead(204).end();
    return;
  }
  const named = /stub-refused/.test(text) ? "stub-refused" : /stub-hang/.test(text) ? "stub-hang" : null;
  const dead = named && !alive.has(named) ? named : null;
  if (dead) {
    calls.set(dead, (calls.get(dead) ?? 0) + 1);
    if (dead === "stub-refused") {
      req.socket.destroy();
      return;
    }
    hanging.add(res);
    res.on("close", () => hanging.delete(res));
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && typeof value === "string") headers.set(name, value);
  const method = req.method ?? "GET";
  const answer = await portalStub(new Request(url, { method, headers, ...(method === "GET" || method === "HEAD" ? {} : { body }) }));
  const out = Buffer.from(await answer.arrayBuffer());
  res.writeHead(answer.status, { ...Object.fromEntries(answer.headers), "content-length": String(out.length) });
  res.end(out);
}
