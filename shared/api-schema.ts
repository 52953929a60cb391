/**
 * The HTTP contract as zod schemas: request bodies, the error envelope, response shapes. The Worker
 * validates with them and generates its OpenAPI document from them; the add-in parses responses with
 * them. Limits (rows, string lengths) live here so both sides agree.
 */
import * as z from "zod";
import { GROUP_MAXIMA, MAX_COUNT, MAX_FIGURE, MAX_PERCENT, MAX_TOTAL_POINTS } from "./bounds";
import type { GroupCode, UnitKind, UnitLevel } from "./model";
import { GROUP_CODES, PORTAL_GROUPS } from "./rules/methodology";

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

const text = z.string().max(LIMITS.maxCellLength);
const groupCode = z.enum(GROUP_CODES as unknown as [string, ...string[]]);

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
function boundedNumber(b: Bound): z.ZodNumber {
  const range = `${vnInt(b.min)} đến ${vnInt(b.max)}${b.unit ? ` ${b.unit}` : ""}`;
  const message = b.integer ? `${b.label} phải là số nguyên từ ${range}` : `${b.label} phải từ ${range}`;
  let n = z.number({ error: message });
  // multipleOf(1), not int(): int() aborts, and the cell's union would then hide this message behind its own.
  if (b.integer) n = n.multipleOf(1, message);
  return n.min(b.min, message).max(b.max, message);
}

export const PeriodKeySchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, "Kỳ báo cáo dạng 2024-12, 2025-Q1 hoặc 2025")
  .meta({ example: "2024-12" });

export const ProvinceIdSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{1,15}$/, "Mã tỉnh, thành phố dạng HN")
  .meta({ example: "HN" });

/**
 * The datasets' schemas, bounded (what a request may send) or not (what a stored revision may hold:
 * revisions stored before the bounds, issue 12, are still read back — GET answers them as stored).
 */
function datasetSchemas(bounded: boolean) {
  /**
   * A cell: a bounded number, text as the letters print it ("62,28", "242.300 (70.87%)"; the engine reads
   * it and reports a figure beyond its bounds as an issue naming the cell), or null.
   */
  function figureCell(b: Bound) {
    if (!bounded) return z.union([z.number(), z.string().max(LIMITS.maxCellLength), z.null()]);
    return z.union([boundedNumber(b), z.string().max(LIMITS.maxCellLength), z.null()], {
      error: `${b.label}: cần một số (${vnInt(b.min)}–${vnInt(b.max)}), chữ như văn bản in (tối đa ${LIMITS.maxCellLength} ký tự) hoặc null`,
    });
  }
  const cell = (b: Bound) => figureCell(b).optional();

  /** Indicator cells default to null, so a parsed request is already in the engine's parsed form. */
  const indicatorCell = (b: Bound) => figureCell(b).default(null);
  const IndicatorInputSchema = z
    .object({
      numerator: indicatorCell(count("Tử số")),
      denominator: indicatorCell(count("Mẫu số")),
      rate: indicatorCell(rate("Tỷ lệ")),
      points: indicatorCell(points("Điểm chỉ tiêu")),
    })
    .strict()
    .meta({ description: "Tử số, mẫu số (số nguyên 0–10⁹), tỷ lệ (0–100 %) và điểm công bố (0–100) của một chỉ tiêu; số hoặc chữ như văn bản in." });

  const indicators = z
    .record(z.string().max(64), IndicatorInputSchema)
    .refine((r) => Object.keys(r).length <= LIMITS.maxIndicatorsPerUnit, { message: `Tối đa ${LIMITS.maxIndicatorsPerUnit} chỉ tiêu mỗi đơn vị` });
  /** Group points, each 0–its maximum (18/20/12/10/18/22). */
  const groups = z
    .object(Object.fromEntries(PORTAL_GROUPS.map((g) => [g.code, cell(points(`Điểm nhóm “${g.nameVi}”`, GROUP_MAXIMA[g.code as GroupCode]))])) as Record<GroupCode, ReturnType<typeof cell>>)
    .strict()
    .meta({ description: "Điểm sáu nhóm, mỗi nhóm từ 0 đến điểm tối đa của nhóm (CKMB 18, TDGQ 20, CLGQ 12, TTTT 10, MDHL 18, MDSH 22)." });
  const rows = <T extends z.ZodType>(row: T) => z.array(row).max(LIMITS.maxRowsPerDataset);

  const UnitScoreInputSchema = z
    .object({
      unit: text.min(1),
      total: cell(points("Tổng điểm")),
      groups: groups.optional(),
      indicators: indicators.optional(),
      statedDelta: cell(delta("Mức tăng/giảm điểm")),
      dataQuality: z.array(z.object({ code: text, message: z.string().max(1000), indicator: text.optional() })).max(64).optional(),
    })
    .strict();

  const OverdueDossierInputSchema = z
    .object({ unit: text.min(1), total: cell(count("Số hồ sơ quá hạn")), districtLevel: cell(count("Số hồ sơ quá hạn cấp huyện")), communeLevel: cell(count("Số hồ sơ quá hạn cấp xã")) })
    .strict();
  const OverduePetitionInputSchema = z
    .object({ unit: text.min(1), total: cell(count("Số phản ánh, kiến nghị quá hạn")), notReceived: cell(count("Số phản ánh, kiến nghị chưa tiếp nhận")), late: cell(count("Số phản ánh, kiến nghị xử lý chậm")), note: text.optional() })
    .strict();

  const ProvinceSummaryInputSchema = z
    .object({
      total: cell(points("Tổng điểm của tỉnh")),
      groups: groups.optional(),
      indicators: indicators.optional(),
      rank: cell(count("Xếp hạng")),
      rankOf: cell(count("Số tỉnh, thành phố được xếp hạng")),
      statedDeltas: z.record(z.string().max(64), cell(delta("Mức tăng/giảm so với kỳ trước", MAX_FIGURE))).optional(),
    })
    .strict();

  /** One period's datasets, as stored and as sent. */
  const PeriodDatasetsSchema = z
    .object({
      dataTimestamp: z.string().max(40).optional(),
      summary: ProvinceSummaryInputSchema.optional(),
      unitScores: rows(UnitScoreInputSchema).optional(),
      overdueDossiers: rows(OverdueDossierInputSchema).optional(),
      overduePetitions: rows(OverduePetitionInputSchema).optional(),
    })
    .strict();

  const LetterStatedInputSchema = z
    .object({ total: cell(points("Tổng điểm ghi trong văn bản")), delta: cell(delta("Mức tăng/giảm ghi trong văn bản")), rank: cell(count("Xếp hạng ghi trong văn bản")), rankOf: cell(count("Số tỉnh, thành phố ghi trong văn bản")) })
    .strict();

  /** PUT …/periods/{period}: the month's datasets, stored as a new revision. */
  const PutPeriodSchema = PeriodDatasetsSchema.extend({
    letter: LetterStatedInputSchema.optional(),
    note: z.string().max(500).optional(),
  }).strict();
  return { IndicatorInputSchema, UnitScoreInputSchema, OverdueDossierInputSchema, OverduePetitionInputSchema, ProvinceSummaryInputSchema, PeriodDatasetsSchema, LetterStatedInputSchema, PutPeriodSchema };
}

/** What a request may send: every figure bounded (shared/bounds.ts). */
const SENT = datasetSchemas(true);
export const { IndicatorInputSchema, UnitScoreInputSchema, OverdueDossierInputSchema, OverduePetitionInputSchema, ProvinceSummaryInputSchema, PeriodDatasetsSchema, LetterStatedInputSchema, PutPeriodSchema } = SENT;
/** What a stored revision may hold (GET …/periods/{period} answers it as stored). */
const STORED = datasetSchemas(false);

export const LetterRefSchema = z.object({ number: text.optional(), date: z.iso.date().optional(), issuer: text.optional(), code: text.optional() }).strict();

export const BuildOptionsSchema = z
  .object({
    rankLevel: z.enum(["province", "department", "district", "commune"]).optional(),
    tieOrder: z.enum(["collation", "input"]).optional(),
    letter: LetterRefSchema.optional(),
    summaryPointDecimals: z.number().int().min(0).max(2).optional(),
    methodologyId: text.optional(),
    history: z
      .array(z.object({ period: PeriodKeySchema, total: boundedNumber(points("Tổng điểm kỳ đã lưu")).nullable() }).strict())
      .max(400)
      .optional()
      .meta({ description: "Tổng điểm của tỉnh ở các kỳ đã lưu trước kỳ báo cáo (GET …/history): câu “tăng 3 tháng liên tiếp” của dự thảo." }),
  })
  .strict();

/** POST /v1/reports: everything in the body, nothing stored. */
export const ReportRequestSchema = PeriodDatasetsSchema.extend({
  province: ProvinceIdSchema,
  period: PeriodKeySchema,
  previous: PeriodDatasetsSchema.extend({ period: PeriodKeySchema }).strict().optional(),
  letter: LetterStatedInputSchema.optional(),
  options: BuildOptionsSchema.optional(),
}).strict();
export type ReportRequest = z.infer<typeof ReportRequestSchema>;

export type PutPeriodBody = z.infer<typeof PutPeriodSchema>;

export const AliasRequestSchema = z.object({ province: ProvinceIdSchema, unitId: text.min(1), alias: text.min(2) }).strict();

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
    message: z.string().meta({ description: "Tiếng Việt, hiển thị được cho người dùng." }),
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

// ------------------------------------------------------------------ responses (documented)

export const PutResultSchema = z.object({
  province: z.string(),
  period: z.string(),
  revision: z.number().int(),
  etag: z.string(),
  checksum: z.string().meta({ description: "SHA-256 của dữ liệu (JSON chuẩn hoá)." }),
});

export const RevisionInfoSchema = z.object({
  revision: z.number().int(),
  etag: z.string(),
  checksum: z.string(),
  createdAt: z.string(),
  createdBy: z.string().meta({ description: "Tên khóa truy cập đã ghi." }),
  note: z.string().nullable(),
  counts: z.object({ unitScores: z.number().int(), overdueDossiers: z.number().int(), overduePetitions: z.number().int() }),
  dataTimestamp: z.string().nullable(),
  source: z
    .enum(["put", "portal", "schedule"])
    .meta({ description: "Bản do ai lưu: \"put\" gửi lên (phần bổ trợ “Lưu kỳ này lên máy chủ” hoặc API), \"portal\" cán bộ lấy từ Cổng, \"schedule\" bản chụp theo lịch." }),
  capturedAt: z.string().meta({ description: "Thời điểm số liệu được lấy: giờ lấy từ Cổng (portal, schedule), hoặc thời điểm dữ liệu ghi (dataTimestamp) / giờ lưu (put)." }),
});
export type RevisionInfoBody = z.infer<typeof RevisionInfoSchema>;

export const RevisionListSchema = z
  .object({ province: z.string(), period: z.string(), head: z.number().int().meta({ description: "Bản mới nhất (bản báo cáo dùng khi không chọn)." }), revisions: z.array(RevisionInfoSchema) })
  .meta({ description: "Các bản đã lưu của một kỳ (mới nhất trước): bản gửi lên, bản lấy từ Cổng và bản chụp theo lịch, với thời điểm lấy số liệu." });

/** GET …/periods/{period} (?revision=n): a stored revision's information and its datasets (as PUT took them). */
export const StoredPeriodSchema = RevisionInfoSchema.extend({ province: z.string(), period: z.string(), datasets: STORED.PutPeriodSchema }).meta({
  description: "Một bản đã lưu của kỳ: thông tin bản (ai, lúc nào, nguồn, thời điểm số liệu) và số liệu như khi gửi lên.",
});
export type StoredPeriodBody = z.infer<typeof StoredPeriodSchema>;

const UNIT_LEVELS = ["province", "department", "district", "commune"] as const satisfies readonly UnitLevel[];

export const RankingEntrySchema = z.object({
  key: z.string().meta({ description: "Mã đơn vị, hoặc \"?\" + tên (bỏ dấu) khi danh mục không có đơn vị này." }),
  rank: z.number().int().nullable(),
  position: z.number().int(),
  unitId: z.string().nullable(),
  name: z.string(),
  level: z.enum(UNIT_LEVELS).nullable(),
  total: z.number().nullable(),
  totalSource: z.enum(["published", "groups", "recomputed", "none"]).meta({ description: "Tổng điểm lấy từ đâu: số công bố, cộng các nhóm, tính lại từ chỉ tiêu, hoặc không có." }),
  previousTotal: z.number().nullable(),
  delta: z.number().nullable(),
  deltaText: z.string().meta({ example: "Tăng 0.92" }),
  status: z.enum(["same", "new", "merged", "no-previous"]),
  sourceRow: z.number().int(),
});

export const IssueSchema = z.object({
  severity: z.enum(["error", "warning", "info"]),
  code: z.string(),
  message: z.string().meta({ description: "Tiếng Việt: nêu phụ lục, dòng, đơn vị." }),
  location: z.object({
    dataset: z.enum(["summary", "unitScores", "overdueDossiers", "overduePetitions", "letter", "input"]),
    period: z.enum(["current", "previous"]).optional(),
    row: z.number().int().optional().meta({ description: "Dòng trong bộ dữ liệu, đếm từ 1." }),
    column: z.string().optional(),
    unit: z.string().optional(),
  }),
  details: z.record(z.string(), z.unknown()).optional(),
});

const CELL_KINDS = ["index", "text", "count", "points", "percent", "delta", "composite"] as const;

export const TableCellSchema = z.object({
  value: z.union([z.number(), z.string(), z.null()]).meta({ description: "Con số (cột số) hoặc chính chữ; null khi ô trống." }),
  text: z.string().meta({ description: "Đúng như văn bản in", example: "242.300 (70.87%)" }),
  kind: z.enum(CELL_KINDS),
  tone: z.enum(["up", "down", "same", "new", "merged"]).optional().meta({ description: "Chiều tăng/giảm, để tô màu." }),
  bold: z.boolean().optional(),
});

/** One appendix as the engine's layout-neutral table model (what the add-in writes and the preview draws). */
export const AppendixTableSchema = z
  .object({
    id: z.enum(["PL1", "PL2", "PL3", "PL4"]),
    sheetName: z.string().meta({ example: "Phụ lục 2" }),
    titleLines: z.array(z.object({ text: z.string(), bold: z.boolean().optional(), italic: z.boolean().optional() })),
    columns: z.array(z.object({ key: z.string(), width: z.number().positive().meta({ description: "Độ rộng, số ký tự." }), kind: z.enum(CELL_KINDS), numberFormat: z.string() })).min(1),
    header: z.array(
      z.object({ text: z.string(), row: z.number().int().min(0), col: z.number().int().min(0), rowSpan: z.number().int().min(1), colSpan: z.number().int().min(1) }).meta({ description: "Ô tiêu đề; rowSpan/colSpan > 1 là ô gộp." }),
    ),
    headerRowCount: z.number().int().min(0),
    rows: z.array(z.object({ cells: z.array(TableCellSchema), unitId: z.string().optional(), sourceRow: z.number().int().optional(), bold: z.boolean().optional() })),
    notes: z.array(z.string()),
  })
  .superRefine((t, ctx) => {
    // What the Excel writer relies on: every row as wide as the columns, header cells inside the header block.
    t.rows.forEach((r, i) => {
      if (r.cells.length !== t.columns.length) ctx.addIssue({ code: "custom", path: ["rows", i, "cells"], message: `Dòng có ${r.cells.length} ô, bảng có ${t.columns.length} cột.` });
    });
    t.header.forEach((h, i) => {
      if (h.row + h.rowSpan > t.headerRowCount || h.col + h.colSpan > t.columns.length) ctx.addIssue({ code: "custom", path: ["header", i], message: "Ô tiêu đề nằm ngoài vùng tiêu đề." });
    });
  })
  .meta({ description: "Phụ lục: dòng tiêu đề, tiêu đề nhiều tầng (ô gộp), các dòng (giá trị, chữ in, loại ô), chú thích." });

const RankingSchema = z.object({ level: z.enum(UNIT_LEVELS), entries: z.array(RankingEntrySchema) });

export const ReportResponseSchema = z
  .object({
    province: z.object({ id: z.string(), name: z.string() }),
    period: z.string().nullable(),
    previousPeriod: z.string().nullable(),
    methodology: z.object({ id: z.string(), nameVi: z.string() }).nullable(),
    dataTimestamp: z.string().nullable(),
    appendices: z.array(AppendixTableSchema).meta({ description: "Phụ lục 1–4." }),
    issues: z.array(IssueSchema),
    ranking: RankingSchema.extend({ otherLevels: z.array(RankingSchema).meta({ description: "Xếp hạng các cấp khác có trong dữ liệu (sở, ban, ngành…)." }) }),
    narrative: z.object({ headline: z.string().nullable(), trend: z.string().nullable().optional(), overdueLeader: z.string().nullable(), weakestGroups: z.string().nullable(), timestamp: z.string().nullable(), sentences: z.array(z.string()) }),
    counts: z.object({ errors: z.number().int().min(0), warnings: z.number().int().min(0), infos: z.number().int().min(0) }),
  })
  .meta({ description: "Kết quả lập báo cáo: phụ lục, vấn đề phát hiện, xếp hạng, câu văn." });

// ------------------------------------------------------------------ provinces (GET /v1/provinces)

export const ProvinceInfoSchema = z
  .object({
    code: z.string().meta({ description: "Mã ngắn dùng trong đường dẫn API", example: "HN" }),
    portalCode: z.string().meta({ description: "Mã tỉnh trên Cổng DVCQG (tiền tố mã đơn vị)", example: "H26" }),
    name: z.string().meta({ example: "Thành phố Hà Nội" }),
    shortName: z.string().meta({ description: "Tên không có “Tỉnh”/“Thành phố”", example: "Hà Nội" }),
    kind: z.enum(["tinh", "thanh_pho_tw"]),
    rootDepartmentId: z.string().meta({ description: "Mã đơn vị gốc của tỉnh trong API báo cáo 2026 của Cổng (rootDepartmentId)", example: "019d2be3-6a86-70a8-a0af-76e986804225" }),
  })
  .meta({ description: "Một trong 34 tỉnh, thành phố (từ 1/7/2025)." });

export const ProvinceListSchema = z
  .object({ provinces: z.array(ProvinceInfoSchema) })
  .meta({ description: "34 tỉnh, thành phố theo thứ tự mã trên Cổng." });
export type ProvinceList = z.infer<typeof ProvinceListSchema>;

// ------------------------------------------------------------------ portal fetch (POST …/periods/{period}/fetch)

export const PortalCriterionOutcomeSchema = z.object({
  criterion: z.string().meta({ example: "transparency" }),
  ok: z.boolean(),
  attempts: z.number().int().min(0),
  pages: z.number().int().min(0),
  status: z.number().int().nullable().optional().meta({ description: "Mã HTTP của Cổng khi lỗi; null khi Cổng không trả lời." }),
  error: z.string().optional(),
});

export const PortalFetchResultSchema = z
  .object({
    province: z.string(),
    period: z.string(),
    revision: z.number().int().min(1),
    etag: z.string(),
    checksum: z.string(),
    fetch: z.object({ id: z.string(), cached: z.boolean().meta({ description: "Dùng lại lần hỏi Cổng trong 60 giây trước." }), criteria: z.array(PortalCriterionOutcomeSchema) }),
    inputs: z
      .object({
        unitScores: z.array(z.object({ unit: z.string(), groups: z.partialRecord(groupCode, z.number().nullable()) })),
        summary: z.array(z.array(z.union([z.string(), z.number()]))).meta({ description: "Phụ lục 1 dạng dòng của bảng nhập: STT, Tiêu chí, số liệu, so với tháng trước." }),
      })
      .meta({ description: "Các dòng cho bảng nhập liệu của add-in." }),
    report: ReportResponseSchema,
  })
  .meta({ description: "Bản số liệu mới lấy từ Cổng DVCQG, các dòng cho bảng nhập liệu và báo cáo." });

/** With `Accept: application/x-ndjson`: one line per criterion as the portal answers, then one final line. */
export const PortalStreamLineSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("criterion"), criterion: z.string(), ok: z.boolean(), attempts: z.number().int().min(0), index: z.number().int().min(0), of: z.number().int().min(1), error: z.string().optional() }),
    z.object({ type: z.literal("result"), status: z.number().int(), body: PortalFetchResultSchema }),
    z.object({ type: z.literal("error"), status: z.number().int(), error: ErrorEnvelopeSchema.shape.error }),
  ])
  .meta({ description: "Một dòng NDJSON: tiến độ một tiêu chí, hoặc dòng cuối (kết quả hay lỗi kèm mã HTTP)." });

// ------------------------------------------------------------------ national (GET /v1/national/periods/{period})

const NationalGroupRankSchema = z.object({ score: z.number().nullable(), rank: z.number().int().nullable() });

export const NationalEntrySchema = z
  .object({
    code: z.string().meta({ description: "Mã ngắn của tỉnh, thành phố (HN), hoặc mã Cổng khi danh mục không có", example: "HN" }),
    name: z.string().meta({ example: "Thành phố Hà Nội" }),
    total: z.number().nullable(),
    rank: z.number().int().nullable().meta({ description: "Hạng theo tổng điểm (1224); trước 1/7/2025 là hạng ghi trong văn bản." }),
    stated: z.boolean(),
    groups: z.partialRecord(groupCode, NationalGroupRankSchema),
    change: z.object({
      status: z.enum(["same", "no-previous", "absent", "reform"]),
      previousTotal: z.number().nullable(),
      previousRank: z.number().int().nullable(),
      points: z.number().nullable(),
      pointsText: z.string().meta({ example: "Tăng 0.92" }),
      places: z.number().int().nullable(),
      text: z.string().meta({ example: "tăng 2 bậc" }),
    }),
  })
  .meta({ description: "Một tỉnh, thành phố trong bảng xếp hạng toàn quốc." });

export const NationalBodySchema = z
  .object({
    period: z.string(),
    revision: z.number().int().min(1),
    etag: z.string(),
    fetchedAt: z.string(),
    countryTotal: z.number().nullable(),
    previous: z.object({ period: z.string(), revision: z.number().int() }).nullable(),
    denominator: z.number().int().nullable().meta({ description: "Số tỉnh, thành phố của kỳ: 34 từ 1/7/2025, 63 trước đó." }),
    entries: z.array(NationalEntrySchema),
    issues: z.array(IssueSchema),
  })
  .meta({ description: "Bảng tổng hợp toàn quốc một kỳ, xếp hạng so với kỳ trước." });
export type NationalBody = z.infer<typeof NationalBodySchema>;

// ------------------------------------------------------------------ catalog of units

const UNIT_KINDS = ["tinh", "thanh_pho_tw", "so", "ban", "nganh", "quan", "huyen", "thi_xa", "thanh_pho", "xa", "phuong", "thi_tran", "dac_khu"] as const satisfies readonly UnitKind[];

/** One unit of a province's catalog, as `GET /v1/catalog/units` answers it. */
export const CatalogUnitSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  shortName: z.string(),
  kind: z.enum(UNIT_KINDS),
  level: z.enum(UNIT_LEVELS),
  parentId: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  validFrom: z.string().optional(),
  validTo: z.string().optional(),
  code: z.string().optional(),
  predecessors: z.array(z.string()).optional(),
  formerUnits: z.array(z.string()).optional(),
  successionNote: z.string().optional(),
});

/** `GET /v1/catalog/units?province=&date=`: the units in force at a date. */
export const CatalogUnitsSchema = z.object({ province: z.string(), provinceName: z.string(), date: z.string(), units: z.array(CatalogUnitSchema) });
export type CatalogUnits = z.infer<typeof CatalogUnitsSchema>;

// ------------------------------------------------------------------ history (GET /v1/provinces/{p}/history, …/units/{unit}/history)

const groupFigures = z.object(Object.fromEntries(GROUP_CODES.map((g) => [g, z.number().nullable()])) as Record<(typeof GROUP_CODES)[number], z.ZodNullable<z.ZodNumber>>);

export const ProvinceHistoryPointSchema = z.object({
  period: z.string().meta({ example: "2026-08" }),
  revision: z.number().int().meta({ description: "Bản của kỳ đã dùng (bản mới nhất)." }),
  capturedAt: z.string(),
  total: z.number().nullable().meta({ description: "Tổng điểm của tỉnh (Phụ lục 1)." }),
  groups: groupFigures,
  nationalRank: z.number().int().nullable().meta({ description: "Xếp hạng toàn quốc khi biết (bảng toàn quốc đã lưu, hoặc Phụ lục 1 ghi)." }),
  units: z.number().int().meta({ description: "Số đơn vị được xếp hạng kỳ này." }),
});

export const UnitHistoryPointSchema = z.object({
  period: z.string(),
  total: z.number().nullable(),
  groups: groupFigures,
  rank: z.number().int().nullable(),
  rankOf: z.number().int().meta({ description: "Số đơn vị cùng cấp được xếp hạng kỳ đó." }),
  delta: z.number().nullable().meta({ description: "Tăng/giảm so với điểm trước đó trên cùng đường (cùng đơn vị); null ở điểm đầu đường — không tính qua sắp xếp 1/7/2025." }),
});

export type ProvinceHistoryPoint = z.infer<typeof ProvinceHistoryPointSchema>;
export type UnitHistoryPoint = z.infer<typeof UnitHistoryPointSchema>;

export const UnitLineSchema = z.object({
  unitId: z.string(),
  name: z.string(),
  level: z.enum(UNIT_LEVELS).nullable(),
  role: z.enum(["self", "predecessor", "successor"]).meta({ description: "Đường của chính đơn vị, của đơn vị trước sắp xếp (kết thúc 30/6/2025), hoặc của đơn vị sau sắp xếp." }),
  points: z.array(UnitHistoryPointSchema),
});

export type UnitLine = z.infer<typeof UnitLineSchema>;

export const ProvinceHistorySchema = z
  .object({
    province: z.string(),
    from: z.string(),
    to: z.string(),
    periods: z.array(ProvinceHistoryPointSchema).meta({ description: "Các kỳ đã lưu trong khoảng, cũ trước." }),
    units: z.array(UnitLineSchema).optional().meta({ description: "Với ?include=units: đường của từng đơn vị (điểm, hạng) trong khoảng." }),
  })
  .meta({ description: "Diễn biến của tỉnh: tổng điểm và sáu nhóm theo kỳ." });
export type ProvinceHistory = z.infer<typeof ProvinceHistorySchema>;

export const UnitHistorySchema = z
  .object({ province: z.string(), unit: z.object({ id: z.string(), name: z.string(), level: z.enum(UNIT_LEVELS).nullable() }), from: z.string(), to: z.string(), lines: z.array(UnitLineSchema) })
  .meta({ description: "Diễn biến một đơn vị: điểm, nhóm và hạng theo kỳ; đơn vị trước sắp xếp là đường riêng, không có tăng/giảm nối qua." });
export type UnitHistory = z.infer<typeof UnitHistorySchema>;

// ------------------------------------------------------------------ snapshot schedule (GET/PUT /v1/provinces/{p}/settings)

export const ProvinceSettingsSchema = z
  .object({
    snapshots: z.boolean().meta({ description: "Chụp số liệu theo lịch (Cron, mặc định 08:00 giờ Việt Nam) cho kỳ hiện tại và kỳ vừa kết thúc." }),
    publicRead: z.boolean().optional().meta({ description: "Ai cũng đọc được số liệu đã lưu không cần khóa (chỉ đọc)." }),
  })
  .strict();
export type ProvinceSettings = z.infer<typeof ProvinceSettingsSchema>;
