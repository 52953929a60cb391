/**
 * The HTTP contract as zod schemas, requests side: request bodies, limits, the error envelope, the
 * settings. The Worker validates with them; the response shapes are in ./api-responses.ts (the add-in
 * parses answers with them; the Worker only names their types, so its bundle carries none of them).
 * Limits (rows, string lengths) live here so both sides agree.
 *
 * `zod/mini` (the functional API of the same zod package: z.optional(x), x.check(z.maxLength(n))): a
 * classic zod schema carries every method, its JSON-schema code and the English locale into the Worker's
 * bundle (≈ 20 KiB minified), mini schemas only what is used. zod's own messages are then "Invalid input";
 * worker/validate.ts turns every issue into Vietnamese (and keeps the schemas' own Vietnamese messages).
 * Metadata for the OpenAPI document: `.register(z.globalRegistry, …)` (classic's `.meta(…)`).
 */
import * as z from "zod/mini";
import { GROUP_MAXIMA, MAX_COUNT, MAX_FIGURE, MAX_PERCENT, MAX_TOTAL_POINTS } from "./bounds";
import type { GroupCode } from "./model";
import { GROUP_CODES, METHODOLOGIES, PORTAL_GROUPS } from "./rules/methodology";

export const LIMITS = {
  /** Request body, bytes. */
  maxBodyBytes: 4 * 1024 * 1024,
  /** Rows per dataset (the largest province has about 1,100 units; the whole country 10,035 communes). */
  maxRowsPerDataset: 12_000,
  /** Characters in a cell or unit name. */
  maxCellLength: 200,
  maxIndicatorsPerUnit: 64,
} as const;

/**
 * POST /v1/reports without an API key that has write scope: what one province needs (after the
 * 2025 merger the largest has a few hundred units), so that one anonymous caller cannot occupy the
 * Worker for seconds. A key with write scope gets LIMITS.
 */
export const ANONYMOUS_LIMITS = {
  /** Request body, bytes. */
  maxBodyBytes: 1024 * 1024,
  /** Rows per dataset. */
  maxRowsPerDataset: 1_000,
} as const;

/** The parts of a report `?include=` can ask for (default: all of them). */
export const REPORT_PARTS = ["appendices", "issues", "ranking", "narrative"] as const;
export type ReportPart = (typeof REPORT_PARTS)[number];

/**
 * The longest a fetch from the portal runs (all its criteria, retries and waits): the Worker answers
 * 502 by then when the portal is down, and the add-in's time limit for a fetch is built on it.
 */
export const PORTAL_ROUND_MS = 20_000;

/** A cell or name as text; a group code. */
export const text = z.string().check(z.maxLength(LIMITS.maxCellLength));
export const groupCode = z.enum(GROUP_CODES as unknown as [string, ...string[]]);

// ------------------------------------------------------------------ bounded figures (shared/bounds.ts)

const vnInt = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

/** How a figure is bounded, and its Vietnamese name for the messages ("Tổng điểm", "Số hồ sơ quá hạn"). */
interface Bound {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** Counts and ranks: integers. */
  readonly integer?: boolean;
  /** The unit printed after the range ("điểm", "%"). */
  readonly unit?: string;
}

const points = (label: string, max = MAX_TOTAL_POINTS): Bound => ({ label, min: 0, max, unit: "điểm" });
const count = (label: string): Bound => ({ label, min: 0, max: MAX_COUNT, integer: true });
const rate = (label: string): Bound => ({ label, min: 0, max: MAX_PERCENT, unit: "%" });
const delta = (label: string, max = MAX_TOTAL_POINTS): Bound => ({ label, min: -max, max });

/** A JSON number inside the bound, with a Vietnamese message naming the field (the envelope adds the JSON path). */
function boundedNumber(b: Bound): z.ZodMiniNumber<number> {
  const range = `${vnInt(b.min)} đến ${vnInt(b.max)}${b.unit ? ` ${b.unit}` : ""}`;
  const message = b.integer ? `${b.label} phải là số nguyên từ ${range}` : `${b.label} phải từ ${range}`;
  const n = z.number({ error: message });
  // multipleOf(1), not int(): int() aborts, and the cell's union would then hide this message behind its own.
  return b.integer ? n.check(z.multipleOf(1, message), z.gte(b.min, message), z.lte(b.max, message)) : n.check(z.gte(b.min, message), z.lte(b.max, message));
}

export const PeriodKeySchema = z
  .string()
  .check(z.regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, "Kỳ báo cáo dạng 2024-12, 2025-Q1 hoặc 2025"))
  .register(z.globalRegistry, { example: "2024-12" });

export const ProvinceIdSchema = z
  .string()
  .check(z.regex(/^[A-Z][A-Z0-9]{1,15}$/, "Mã tỉnh, thành phố dạng HN"))
  .register(z.globalRegistry, { example: "HN" });

/**
 * The datasets' schemas, bounded (what a request may send) or not (what a stored revision may hold:
 * revisions stored before the bounds, issue 12, are still read back — GET answers them as stored).
 */
export function datasetSchemas(bounded: boolean) {
  /**
   * A cell: a bounded number, text as the letters print it ("62,28", "242.300 (70.87%)"; the engine reads
   * it and reports a figure beyond its bounds as an issue naming the cell), or null.
   */
  function figureCell(b: Bound) {
    if (!bounded) return z.union([z.number(), z.string().check(z.maxLength(LIMITS.maxCellLength)), z.null()]);
    return z.union([boundedNumber(b), z.string().check(z.maxLength(LIMITS.maxCellLength)), z.null()], {
      error: `${b.label}: cần một số (${vnInt(b.min)}–${vnInt(b.max)}), chữ như văn bản in (tối đa ${LIMITS.maxCellLength} ký tự) hoặc null`,
    });
  }
  const cell = (b: Bound) => z.optional(figureCell(b));

  /** Indicator cells default to null, so a parsed request is already in the engine's parsed form. */
  const indicatorCell = (b: Bound) => z._default(figureCell(b), null);
  const IndicatorInputSchema = z
    .strictObject({
      numerator: indicatorCell(count("Tử số")),
      denominator: indicatorCell(count("Mẫu số")),
      rate: indicatorCell(rate("Tỷ lệ")),
      points: indicatorCell(points("Điểm chỉ tiêu")),
    })
    .register(z.globalRegistry, { description: "Tử số, mẫu số (số nguyên 0–10⁹), tỷ lệ (0–100 %) và điểm công bố (0–100) của một chỉ tiêu; số hoặc chữ như văn bản in." });

  const key = z.string().check(z.maxLength(64));
  const indicators = z
    .record(key, IndicatorInputSchema)
    .check(z.refine((r) => Object.keys(r).length <= LIMITS.maxIndicatorsPerUnit, { message: `Tối đa ${LIMITS.maxIndicatorsPerUnit} chỉ tiêu mỗi đơn vị` }));
  /** Group points, each 0–its maximum (18/20/12/10/18/22). */
  const groups = z
    .strictObject(Object.fromEntries(PORTAL_GROUPS.map((g) => [g.code, cell(points(`Điểm nhóm “${g.nameVi}”`, GROUP_MAXIMA[g.code as GroupCode]))])) as Record<GroupCode, ReturnType<typeof cell>>)
    .register(z.globalRegistry, { description: "Điểm sáu nhóm, mỗi nhóm từ 0 đến điểm tối đa của nhóm (CKMB 18, TDGQ 20, CLGQ 12, TTTT 10, MDHL 18, MDSH 22)." });
  const rows = <T extends z.core.SomeType>(row: T) => z.optional(z.array(row).check(z.maxLength(LIMITS.maxRowsPerDataset)));
  const name = text.check(z.minLength(1));

  const UnitScoreInputSchema = z.strictObject({
    unit: name,
    total: cell(points("Tổng điểm")),
    groups: z.optional(groups),
    indicators: z.optional(indicators),
    statedDelta: cell(delta("Mức tăng/giảm điểm")),
    dataQuality: z.optional(z.array(z.object({ code: text, message: z.string().check(z.maxLength(1000)), indicator: z.optional(text) })).check(z.maxLength(64))),
  });

  const OverdueDossierInputSchema = z.strictObject({ unit: name, total: cell(count("Số hồ sơ quá hạn")), districtLevel: cell(count("Số hồ sơ quá hạn cấp huyện")), communeLevel: cell(count("Số hồ sơ quá hạn cấp xã")) });
  const OverduePetitionInputSchema = z.strictObject({ unit: name, total: cell(count("Số phản ánh, kiến nghị quá hạn")), notReceived: cell(count("Số phản ánh, kiến nghị chưa tiếp nhận")), late: cell(count("Số phản ánh, kiến nghị xử lý chậm")), note: z.optional(text) });

  const ProvinceSummaryInputSchema = z.strictObject({
    total: cell(points("Tổng điểm của tỉnh")),
    groups: z.optional(groups),
    indicators: z.optional(indicators),
    rank: cell(count("Xếp hạng")),
    rankOf: cell(count("Số tỉnh, thành phố được xếp hạng")),
    statedDeltas: z.optional(z.record(key, cell(delta("Mức tăng/giảm so với kỳ trước", MAX_FIGURE)))),
  });

  /** One period's datasets, as stored and as sent. */
  const PeriodDatasetsSchema = z.strictObject({
    dataTimestamp: z.optional(z.string().check(z.maxLength(40))),
    summary: z.optional(ProvinceSummaryInputSchema),
    unitScores: rows(UnitScoreInputSchema),
    overdueDossiers: rows(OverdueDossierInputSchema),
    overduePetitions: rows(OverduePetitionInputSchema),
  });

  const LetterStatedInputSchema = z.strictObject({ total: cell(points("Tổng điểm ghi trong văn bản")), delta: cell(delta("Mức tăng/giảm ghi trong văn bản")), rank: cell(count("Xếp hạng ghi trong văn bản")), rankOf: cell(count("Số tỉnh, thành phố ghi trong văn bản")) });

  /** PUT …/periods/{period}: the month's datasets, stored as a new revision. */
  const PutPeriodSchema = z.strictObject({
    ...PeriodDatasetsSchema.shape,
    letter: z.optional(LetterStatedInputSchema),
    note: z.optional(z.string().check(z.maxLength(500))),
  });
  return { IndicatorInputSchema, UnitScoreInputSchema, OverdueDossierInputSchema, OverduePetitionInputSchema, ProvinceSummaryInputSchema, PeriodDatasetsSchema, LetterStatedInputSchema, PutPeriodSchema };
}

/** What a request may send: every figure bounded (shared/bounds.ts). */
const SENT = datasetSchemas(true);
export const { IndicatorInputSchema, UnitScoreInputSchema, OverdueDossierInputSchema, OverduePetitionInputSchema, ProvinceSummaryInputSchema, PeriodDatasetsSchema, LetterStatedInputSchema, PutPeriodSchema } = SENT;

export const LetterRefSchema = z.strictObject({ number: z.optional(text), date: z.optional(z.iso.date()), issuer: z.optional(text), code: z.optional(text) });

export const BuildOptionsSchema = z.strictObject({
  rankLevel: z.optional(z.enum(["province", "department", "district", "commune"])),
  tieOrder: z.optional(z.enum(["collation", "input"])),
  letter: z.optional(LetterRefSchema),
  summaryPointDecimals: z.optional(z.number().check(z.int(), z.gte(0), z.lte(2))),
  methodologyId: z.optional(text),
  history: z
    .optional(z.array(z.strictObject({ period: PeriodKeySchema, total: z.nullable(boundedNumber(points("Tổng điểm kỳ đã lưu"))) })).check(z.maxLength(400)))
    .register(z.globalRegistry, { description: "Tổng điểm của tỉnh ở các kỳ đã lưu trước kỳ báo cáo (GET …/history): câu “tăng 3 tháng liên tiếp” của dự thảo." }),
});

/** POST /v1/reports: everything in the body, nothing stored. */
export const ReportRequestSchema = z.strictObject({
  ...PeriodDatasetsSchema.shape,
  province: ProvinceIdSchema,
  period: PeriodKeySchema,
  previous: z.optional(z.strictObject({ ...PeriodDatasetsSchema.shape, period: PeriodKeySchema })),
  letter: z.optional(LetterStatedInputSchema),
  options: z.optional(BuildOptionsSchema),
});
export type ReportRequest = z.infer<typeof ReportRequestSchema>;

export type PutPeriodBody = z.infer<typeof PutPeriodSchema>;

export const AliasRequestSchema = z.strictObject({ province: ProvinceIdSchema, unitId: text.check(z.minLength(1)), alias: text.check(z.minLength(2)) });

// ------------------------------------------------------------------ targets and what-if (issue 13)

/** How many targets a province may store (its overrides and additions), and changes one what-if may hold. */
export const MAX_TARGETS = 200;
export const MAX_WHAT_IF_CHANGES = 200;

/** The codes a target or a what-if change may name: every methodology version's indicators scored by a rate. */
export const RATE_INDICATOR_CODES: readonly string[] = [...new Set(METHODOLOGIES.flatMap((m) => m.indicators.filter((d) => d.rule.type === "linear" && d.maxPoints > 0).map((d) => d.code)))];

const isoDate = (label: string) => z.iso.date({ error: `${label}: ngày dạng YYYY-MM-DD có thật (2026-01-01)` });
const indicatorCode = z.enum(RATE_INDICATOR_CODES as [string, ...string[]], {
  error: (i) => `Mã chỉ số "${String(i.input).slice(0, 64)}" không có trong phương pháp tính (chỉ số tính điểm theo tỷ lệ; xem GET /v1/methodologies)`,
});
const countOf = (items: string, max: number) => z.refine<readonly unknown[]>((a) => a.length <= max, { message: `Tối đa ${max} ${items} mỗi lần gửi` });

/** One target of a province (PUT …/targets): a built-in id replaces that target, a new id adds one. */
export const TargetInputSchema = z
  .strictObject({
    id: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "Mã chỉ tiêu: 1–64 ký tự chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới (PT-2026.PAY_DOSSIERS)")),
    indicator: z.optional(z.nullable(indicatorCode)),
    nameVi: text.check(z.minLength(1)),
    minRatePercent: boundedNumber(rate("Tỷ lệ phải đạt")),
    effectiveFrom: isoDate("Ngày bắt đầu áp dụng"),
    effectiveTo: z.optional(z.nullable(isoDate("Ngày hết áp dụng"))),
    source: z.string().check(z.minLength(1), z.maxLength(500)),
    kind: z._default(z.enum(["plan", "threshold"]), "plan"),
  })
  .register(z.globalRegistry, {
    description:
      "Một chỉ tiêu: mã (trùng mã có sẵn thì thay chỉ tiêu đó, mã mới thì thêm), mã chỉ số đo nó, tên, tỷ lệ phải đạt (0–100 %), hiệu lực từ ngày (tính cả ngày đó) đến ngày (không tính ngày đó; bỏ trống: đến khi được thay), văn bản đặt ra, loại (plan: chỉ tiêu kế hoạch; threshold: ngưỡng tính điểm).",
  });

/** effectiveTo after effectiveFrom; one version of an id per effectiveFrom. Issues at targets[i].field. */
const targetListChecks = z.superRefine((list: readonly z.infer<typeof TargetInputSchema>[], ctx) => {
  if (list.length > MAX_TARGETS) return;
  const seen = new Map<string, number>();
  list.forEach((t, i) => {
    if (t.effectiveTo != null && t.effectiveTo <= t.effectiveFrom) {
      ctx.addIssue({ code: "custom", path: [i, "effectiveTo"], input: t.effectiveTo, message: `Ngày hết áp dụng ${t.effectiveTo} phải sau ngày bắt đầu ${t.effectiveFrom}` });
    }
    const key = `${t.id}@${t.effectiveFrom}`;
    const first = seen.get(key);
    if (first !== undefined) ctx.addIssue({ code: "custom", path: [i, "effectiveFrom"], input: t.effectiveFrom, message: `Chỉ tiêu ${t.id} đã có một phiên bản từ ngày ${t.effectiveFrom} (targets.${first})` });
    else seen.set(key, i);
  });
});

/** PUT /v1/provinces/{p}/targets: the province's whole list (an empty list goes back to the built-in targets). */
export const PutTargetsSchema = z.strictObject({
  targets: z.array(TargetInputSchema).check(countOf("chỉ tiêu", MAX_TARGETS), targetListChecks),
});
export type PutTargetsBody = z.infer<typeof PutTargetsSchema>;

/** One what-if change: a unit (as written, or its id), an indicator, its new numerator (wins) or rate. */
export const WhatIfChangeSchema = z
  .strictObject({
    unit: text.check(z.minLength(1)),
    indicator: z.string().check(z.minLength(1), z.maxLength(64)),
    numerator: z.optional(boundedNumber(count("Tử số mới"))),
    rate: z.optional(boundedNumber(rate("Tỷ lệ mới"))),
  })
  .register(z.globalRegistry, { description: "Đơn vị (tên như Phụ lục 2 hoặc mã), mã chỉ số, tử số mới (giữ mẫu số) hoặc tỷ lệ mới (0–100 %; có cả hai thì dùng tử số)." });

/** POST …/periods/{period}/what-if: nothing is stored. */
export const WhatIfRequestSchema = z.strictObject({
  changes: z.array(WhatIfChangeSchema).check(z.minLength(1, "Cần ít nhất một thay đổi"), countOf("thay đổi", MAX_WHAT_IF_CHANGES)),
});
export type WhatIfRequest = z.infer<typeof WhatIfRequestSchema>;

// ------------------------------------------------------------------ errors

export const ERROR_CODES = [
  "BAD_REQUEST",
  "VALIDATION_FAILED",
  "MALFORMED_JSON",
  "UNSUPPORTED_MEDIA_TYPE",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "METHOD_NOT_ALLOWED",
  "CONFLICT",
  "PRECONDITION_REQUIRED",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
  "UPSTREAM_FAILED",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string().register(z.globalRegistry, { description: "Tiếng Việt, hiển thị được cho người dùng." }),
    issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
    requestId: z.string(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

/** Default Vietnamese message per code (the Worker adds specifics). */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  BAD_REQUEST: "Yêu cầu không hợp lệ.",
  VALIDATION_FAILED: "Dữ liệu gửi lên không đúng định dạng.",
  MALFORMED_JSON: "Nội dung gửi lên không phải JSON hợp lệ.",
  UNSUPPORTED_MEDIA_TYPE: "Cần gửi nội dung dạng application/json.",
  UNAUTHORIZED: "Cần khóa truy cập (Authorization: Bearer …).",
  FORBIDDEN: "Khóa truy cập không có quyền này.",
  NOT_FOUND: "Không tìm thấy.",
  METHOD_NOT_ALLOWED: "Phương thức không được hỗ trợ.",
  CONFLICT: "Dữ liệu đã được người khác cập nhật; tải lại bản mới nhất rồi gửi lại.",
  PRECONDITION_REQUIRED: "Kỳ này đã có dữ liệu: cần gửi kèm If-Match với ETag của bản hiện tại.",
  PAYLOAD_TOO_LARGE: "Dữ liệu gửi lên vượt giới hạn.",
  RATE_LIMITED: "Quá nhiều yêu cầu; thử lại sau ít phút.",
  UPSTREAM_FAILED: "Cổng DVCQG không trả đủ số liệu; số liệu đã lưu được giữ nguyên.",
  INTERNAL: "Lỗi máy chủ; đã ghi nhận mã yêu cầu.",
};

// ------------------------------------------------------------------ snapshot schedule (GET/PUT /v1/provinces/{p}/settings)

export const ProvinceSettingsSchema = z.strictObject({
  snapshots: z.boolean().register(z.globalRegistry, { description: "Chụp số liệu theo lịch (Cron, mặc định 08:00 giờ Việt Nam) cho kỳ hiện tại và kỳ vừa kết thúc." }),
  publicRead: z.optional(z.boolean()).register(z.globalRegistry, { description: "Ai cũng đọc được số liệu đã lưu không cần khóa (chỉ đọc)." }),
});
export type ProvinceSettings = z.infer<typeof ProvinceSettingsSchema>;

// ------------------------------------------------------------------ the letter (GET/PUT /v1/provinces/{p}/letter-settings, …/letter.docx, …/letter-link)

/**
 * What a province's letter settings may hold (shared/letter/settings.ts LetterSettings): lines (issuing
 * body, addressees, "Nơi nhận", signer) and paragraphs (subject, grounds, requests, closing) bounded in
 * characters, lists bounded in entries. Hà Nội's longest paragraph has 988 characters, its longest line 48.
 */
export const LETTER_LIMITS = {
  /** Characters in a line (issuing body, an addressee, a recipient, the signer, the place). */
  lineChars: 200,
  /** Characters in a paragraph (subject, a ground, a request, the opening, the closing). */
  paragraphChars: 3000,
  /** Lines of the issuing body and of the signer's authority. */
  headerLines: 4,
  /** Addressees, recipients. */
  listLines: 20,
  /** Grounds. */
  grounds: 10,
  /** Request sections, and requests in one section (lettered a) … y)). */
  requests: 10,
  items: 20,
} as const;

/** A string of at most `max` characters, not blank unless `optional`; messages name the field in Vietnamese. */
function letterText(label: string, max: number, blank = false) {
  const s = z.string({ error: `${label} phải là chữ (chuỗi JSON)` });
  const long = z.maxLength(max, `${label} tối đa ${vnInt(max)} ký tự`);
  return blank ? s.check(long) : s.check(z.refine((v) => v.trim().length > 0, { message: `${label} không được để trống` }), long);
}

/** A list of `min`–`max` entries (refine, not maxLength: a too_big array is read as the datasets' row limit, worker/validate.ts). */
function letterList<T extends z.core.SomeType>(label: string, item: T, min: number, max: number) {
  return z
    .array(item, { error: `${label} phải là danh sách (mảng JSON)` })
    .check(
      z.refine((a) => a.length >= min, { message: `${label} cần ít nhất ${min} dòng` }),
      z.refine((a) => a.length <= max, { message: `${label} tối đa ${max} dòng` }),
    )
    .register(z.globalRegistry, { minItems: min, maxItems: max });
}

const L = LETTER_LIMITS;
const line = (label: string, blank = false) => letterText(label, L.lineChars, blank);
const paragraph = (label: string) => letterText(label, L.paragraphChars);

export const LetterRequestSectionSchema = z.strictObject({
  heading: paragraph("Đối tượng được đề nghị (heading)"),
  items: letterList("Các yêu cầu (items)", paragraph("Yêu cầu"), 1, L.items),
});

/** PUT /v1/provinces/{p}/letter-settings: the whole settings (every field; nothing is merged). */
export const LetterSettingsSchema = z
  .strictObject({
    issuer: letterList("Cơ quan ban hành (issuer)", line("Dòng tên cơ quan"), 1, L.headerLines),
    issuerName: line("Tên cơ quan trong Phụ lục (issuerName)"),
    symbol: line("Ký hiệu văn bản (symbol)").check(z.regex(/^[^\s/]+$/, "Ký hiệu văn bản (symbol) không có dấu cách hay dấu /, ví dụ UBND-KSTTHC")),
    place: line("Địa danh (place)"),
    subject: paragraph("Trích yếu (subject)"),
    addressees: letterList("Kính gửi (addressees)", line("Nơi được gửi"), 1, L.listLines),
    grounds: letterList("Căn cứ (grounds)", paragraph("Căn cứ"), 0, L.grounds),
    requestsOpening: paragraph("Câu mở đầu phần đề nghị (requestsOpening)"),
    requests: letterList("Các phần đề nghị (requests)", LetterRequestSectionSchema, 0, L.requests),
    closing: paragraph("Câu kết (closing)"),
    recipients: letterList("Nơi nhận (recipients)", line("Nơi nhận"), 1, L.listLines),
    signerAuthority: letterList("Thẩm quyền ký (signerAuthority)", line("Dòng thẩm quyền ký"), 1, L.headerLines),
    signerName: line("Họ tên người ký (signerName)", true),
  })
  .register(z.globalRegistry, {
    description:
      "Phần chữ của văn bản công khai kết quả (không có số liệu: mọi số liệu lấy từ báo cáo). Chữ đậm **…**, nghiêng *…*; {period} “tháng 12/2024”, {previousPeriod}, {provinceWord} “Thành phố”. signerName để trống: người ký điền tay.",
  });
export type LetterSettingsBody = z.infer<typeof LetterSettingsSchema>;

/** The letter's number and date (the văn thư's), as GET …/letter.docx and POST …/letter-link take them. */
export const LetterMetaSchema = z.strictObject({
  number: z.optional(line("Số văn bản (number)")),
  date: z.optional(z.iso.date({ error: "Ngày văn bản (date) dạng YYYY-MM-DD, ví dụ 2025-01-17" })),
});

/** POST …/periods/{period}/letter-link: which revision (default: the head as it is now) and the letter's number and date. */
export const LetterLinkRequestSchema = z.strictObject({
  ...LetterMetaSchema.shape,
  revision: z.optional(z.number({ error: "Bản số (revision) phải là số nguyên từ 1" }).check(z.int("Bản số (revision) phải là số nguyên từ 1"), z.gte(1, "Bản số (revision) phải là số nguyên từ 1"))),
});
export type LetterLinkRequest = z.infer<typeof LetterLinkRequestSchema>;

/** How long a signed link to …/letter.docx stays valid. */
export const LETTER_LINK_TTL_SECONDS = 300;
