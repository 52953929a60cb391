/**
 * The letter as a Word document (issue 14):
 * - GET / PUT /v1/provinces/{province}/letter-settings: what the province's letter says that no figure
 *   decides (issuing body, symbol, place, addressees, grounds, requests, "Nơi nhận", signer). GET: read
 *   scope; without stored settings the province's default (Hà Nội's from văn bản 193/UBND-KSTTHC, others
 *   built from the name). PUT: write scope (checked before the body), the whole settings, If-Match with
 *   the ETag last read once settings are stored (428 without, 409 stale): never overwritten silently.
 * - GET …/periods/{period}/letter.docx[?revision=n][&number=…&date=YYYY-MM-DD]: the stored month's report
 *   (with the plan and the province's targets when its units have per-indicator figures: remedial requests
 *   from the planner) → letterModel → letterDocx. Read scope, or a
 *   valid signed link (`expires` and `sig`, from POST …/letter-link); ETag with the settings' version.
 * - POST …/periods/{period}/letter-link: read scope (the key in the Authorization header) → {url,
 *   expiresAt, revision}: a link to letter.docx signed for 5 minutes and bound to the province, the period
 *   and the revision (the head when none is asked), for a browser that cannot send a key.
 */
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { defaultLetterSettings, type LetterMeta, type LetterProvince, type LetterSettings, letterModel, provinceByCode } from "../../shared";
import { letterDocx } from "../../shared/letter/docx";
import { LETTER_LINK_TTL_SECONDS, LetterLinkRequestSchema, LetterMetaSchema, LetterSettingsSchema, ProvinceIdSchema } from "../../shared/api-schema";
import type { LetterLink, LetterSettingsResponse } from "../../shared/api-responses";
import { requireScope } from "../auth";
import { catalogFor } from "../catalogs";
import { readHead } from "../db/periods";
import { readRevision } from "../db/history";
import { readLetterSettings, writeLetterSettings } from "../db/letter-settings";
import type { Db } from "../db/session";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { sha256Hex } from "../hash";
import { storedReport } from "../revisions";
import { checkLink, isSignedLink, linkSecret, signLink } from "../signed-link";
import { jsonBody, params, periodPath, query } from "../validate";
import { attachment, notModified, RevisionSchema } from "./periods";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// ------------------------------------------------------------------ settings

/** The settings a province's letter is written with now, stored or default. */
interface CurrentSettings {
  readonly source: "stored" | "default";
  readonly settings: LetterSettings;
  /** 0 for the default. */
  readonly version: number;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

/** The province by its official name: the 34's list, else its catalog (404 naming what exists when it has none). */
async function letterProvince(db: Db, province: string): Promise<LetterProvince> {
  const known = provinceByCode(province);
  if (known) return { id: province, name: known.name };
  return { id: province, name: (await catalogFor(db, province)).provinceName };
}

async function currentSettings(db: Db, province: string): Promise<CurrentSettings> {
  const stored = await readLetterSettings(db, province);
  if (stored) return { source: "stored", ...stored };
  return { source: "default", settings: defaultLetterSettings(await letterProvince(db, province)), version: 0, updatedAt: null, updatedBy: null };
}

const settingsEtag = (province: string, version: number) => `"ls-${province}-v${version}"`;

function settingsBody(province: string, s: CurrentSettings): LetterSettingsResponse {
  return { province, source: s.source, version: s.version, updatedAt: s.updatedAt, updatedBy: s.updatedBy, settings: s.settings as LetterSettingsResponse["settings"] };
}

/**
 * The precondition of a PUT, as the period PUT's (worker/revisions.ts): once settings are stored, If-Match
 * must name their ETag (428 without, 409 stale; strong comparison). Before, none is needed; "*" or the
 * default's ETag (v0, what GET answered) are taken too.
 */
function checkSettingsPrecondition(province: string, stored: number | null, ifMatch: string | undefined): void {
  const given = ifMatch?.trim();
  if (stored !== null) {
    const etag = settingsEtag(province, stored);
    if (!given) throw new ApiError("PRECONDITION_REQUIRED", `Cài đặt văn bản của ${province} đã lưu (phiên bản ${stored}): gửi kèm If-Match: ${etag} (ETag của GET) để thay.`, [], { ETag: etag });
    if (given !== etag) throw new ApiError("CONFLICT", `Cài đặt văn bản của ${province} đã được lưu thành phiên bản ${stored} (${etag}) sau lần anh/chị đọc; tải lại (GET) rồi gửi lại. Chưa thay đổi gì.`, [], { ETag: etag });
  } else if (given && given !== "*" && given !== settingsEtag(province, 0)) {
    throw new ApiError("CONFLICT", `Cài đặt văn bản của ${province} chưa lưu lần nào (đang dùng mặc định, ${settingsEtag(province, 0)}), nên If-Match ${given} không khớp; bỏ If-Match để lưu lần đầu.`, [], { ETag: settingsEtag(province, 0) });
  }
}

const ProvincePathSchema = z.object({ province: ProvinceIdSchema });

export const letterSettings = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { province } = params(c, ProvincePathSchema);
    await requireScope(c, province, "read");
    const current = await currentSettings(c.env.DB, province);
    const etag = settingsEtag(province, current.version);
    const cached = notModified(c, etag);
    if (cached) return cached;
    c.header("ETag", etag);
    return c.json(settingsBody(province, current));
  })
  .put("/", async (c) => {
    const { province } = params(c, ProvincePathSchema);
    const key = await requireScope(c, province, "write");
    const body: LetterSettings = await jsonBody(c, LetterSettingsSchema);
    await letterProvince(c.env.DB, province);
    const stored = await readLetterSettings(c.env.DB, province);
    checkSettingsPrecondition(province, stored?.version ?? null, c.req.header("if-match"));
    const written = await writeLetterSettings(c.env.DB, province, body, stored?.version ?? null, key?.label ?? "?", new Date().toISOString());
    if (!written) {
      // Another write landed between the read and this one: nothing was changed; name the version that won.
      const now = await readLetterSettings(c.env.DB, province);
      throw new ApiError("CONFLICT", undefined, [], now ? { ETag: settingsEtag(province, now.version) } : {});
    }
    c.header("ETag", settingsEtag(province, written.version));
    return c.json(settingsBody(province, { source: "stored", ...written }), stored ? 200 : 201);
  });

// ------------------------------------------------------------------ the letter

/** 403 unless the request's link signature is valid now. */
async function requireLink(c: Context<AppEnv>, url: URL): Promise<void> {
  const verdict = await checkLink(linkSecret(c.env.LINK_SIGNING_SECRET), c.req.method, url, Date.now());
  if (verdict === "expired") throw new ApiError("FORBIDDEN", `Liên kết tải văn bản đã hết hạn (chỉ dùng được ${LETTER_LINK_TTL_SECONDS / 60} phút): bấm lại “Xuất văn bản (Word)” để lấy liên kết mới.`);
  if (verdict === "invalid") throw new ApiError("FORBIDDEN", "Liên kết tải văn bản không hợp lệ: đã bị sửa hoặc không do máy chủ này cấp. Bấm lại “Xuất văn bản (Word)” để lấy liên kết mới.");
}

const LetterQuerySchema = z.object({ revision: RevisionSchema, ...LetterMetaSchema.shape });

/** The letter's number and date, as letterModel takes them. */
function metaOf(q: { number?: string | undefined; date?: string | undefined }): LetterMeta {
  return { ...(q.number ? { number: q.number } : {}), ...(q.date ? { date: q.date } : {}) };
}

/** The revision a link is bound to: the one asked for (404 when the month has no such revision), else the head as it is now. */
async function revisionToLink(db: Db, province: string, period: string, asked: number | undefined): Promise<number> {
  if (asked !== undefined) {
    if (!(await readRevision(db, province, period, asked))) throw new ApiError("NOT_FOUND", `Không có bản số ${asked} của kỳ ${period}.`);
    return asked;
  }
  const head = await readHead(db, province, period);
  if (!head) throw new ApiError("NOT_FOUND", `Chưa có số liệu ${province} kỳ ${period}: lưu kỳ này lên máy chủ trước khi xuất văn bản.`);
  return head.revision;
}

export const letter = new Hono<AppEnv>()
  .get("/letter.docx", async (c) => {
    const { province, period } = periodPath(c);
    const url = new URL(c.req.url);
    if (isSignedLink(url)) await requireLink(c, url);
    else await requireScope(c, province, "read");
    const q = query(c, LetterQuerySchema);
    const meta = metaOf(q);
    // With the plan (and the province's targets) when the month's units have per-indicator figures: the
    // first request block is then the planner's paragraphs per weak group.
    const [built, current] = await Promise.all([storedReport(c.env.DB, province, period, { ...(q.revision !== undefined ? { revision: q.revision } : {}), plan: "auto" }), currentSettings(c.env.DB, province)]);
    // The settings: their stored version, or a hash of the default (a new default is a new letter).
    const settingsTag = current.source === "stored" ? `ls${current.version}` : `lsd${(await sha256Hex(JSON.stringify(current.settings))).slice(0, 12)}`;
    const metaTag = meta.number || meta.date ? `m${(await sha256Hex(JSON.stringify([meta.number ?? "", meta.date ?? ""]))).slice(0, 12)}` : "m-";
    const etag = `${built.etag.slice(0, -1)}+${settingsTag}+${metaTag}+docx"`;
    const cached = notModified(c, etag);
    if (cached) return cached;
    const bytes = await letterDocx(letterModel(built.report, current.settings, meta));
    return new Response(bytes, {
      headers: {
        "content-type": DOCX_TYPE,
        "content-disposition": attachment(`Van-ban-766-${province}-${period}.docx`, `Văn bản 766 ${province} ${period}.docx`),
        "cache-control": "private, no-cache",
        ETag: etag,
      },
    });
  })
  .post("/letter-link", async (c) => {
    const { province, period } = periodPath(c);
    await requireScope(c, province, "read");
    const body = await jsonBody(c, LetterLinkRequestSchema);
    const secret = linkSecret(c.env.LINK_SIGNING_SECRET);
    if (!secret) throw new ApiError("INTERNAL", "Máy chủ chưa có khóa ký liên kết (LINK_SIGNING_SECRET, ít nhất 32 ký tự): quản trị viên đặt bằng npx wrangler secret put LINK_SIGNING_SECRET.");
    const revision = await revisionToLink(c.env.DB, province, period, body.revision);
    const path = `/v1/provinces/${province}/periods/${period}/letter.docx`;
    const meta = metaOf(body);
    const linkParams: [string, string][] = [["revision", String(revision)], ...(meta.number ? [["number", meta.number] as [string, string]] : []), ...(meta.date ? [["date", meta.date] as [string, string]] : [])];
    const { query: signed, expiresAt } = await signLink(secret, path, linkParams, Date.now());
    c.header("Cache-Control", "no-store");
    return c.json({ url: `${new URL(c.req.url).origin}${path}?${signed}`, expiresAt: expiresAt.toISOString(), revision } satisfies LetterLink);
  });
