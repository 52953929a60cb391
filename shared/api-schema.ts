/**
 * The HTTP contract as zod schemas: request bodies, the error envelope, response shapes. The Worker
 * validates with them and generates its OpenAPI document from them; the add-in parses responses with
 * them. Limits (rows, string lengths) live here so both sides agree.
 */
import * as z from "zod";
import { GROUP_CODES } from "./rules/methodology";

export const LIMITS = {
  /** Request body, bytes. */
  maxBodyBytes: 4 * 1024 * 1024,
  /** Rows per dataset (the largest province has about 1,100 units; the whole country 10,035 communes). */
  maxRowsPerDataset: 12_000,
  /** Characters in a cell or unit name. */
  maxCellLength: 200,
  maxIndicatorsPerUnit: 64,
} as const;

const cell = z.union([z.number(), z.string().max(LIMITS.maxCellLength), z.null()]).optional();
const text = z.string().max(LIMITS.maxCellLength);
const groupCode = z.enum(GROUP_CODES as unknown as [string, ...string[]]);

/** Indicator cells default to null, so a parsed request is already in the engine's parsed form. */
const indicatorCell = z.union([z.number(), z.string().max(LIMITS.maxCellLength), z.null()]).default(null);
export const IndicatorInputSchema = z
  .object({ numerator: indicatorCell, denominator: indicatorCell, rate: indicatorCell, points: indicatorCell })
  .strict()
  .meta({ description: "Tử số, mẫu số, tỷ lệ (%) và điểm công bố của một chỉ tiêu; số hoặc chữ như văn bản in." });

const indicators = z
  .record(z.string().max(64), IndicatorInputSchema)
  .refine((r) => Object.keys(r).length <= LIMITS.maxIndicatorsPerUnit, { message: `Tối đa ${LIMITS.maxIndicatorsPerUnit} chỉ tiêu mỗi đơn vị` });
const groups = z.partialRecord(groupCode, cell);
const rows = <T extends z.ZodType>(row: T) => z.array(row).max(LIMITS.maxRowsPerDataset);

export const UnitScoreInputSchema = z
  .object({
    unit: text.min(1),
    total: cell,
    groups: groups.optional(),
    indicators: indicators.optional(),
    statedDelta: cell,
    dataQuality: z.array(z.object({ code: text, message: z.string().max(1000), indicator: text.optional() })).max(64).optional(),
  })
  .strict();

export const OverdueDossierInputSchema = z.object({ unit: text.min(1), total: cell, districtLevel: cell, communeLevel: cell }).strict();
export const OverduePetitionInputSchema = z.object({ unit: text.min(1), total: cell, notReceived: cell, late: cell, note: text.optional() }).strict();

export const ProvinceSummaryInputSchema = z
  .object({
    total: cell,
    groups: groups.optional(),
    indicators: indicators.optional(),
    rank: cell,
    rankOf: cell,
    statedDeltas: z.record(z.string().max(64), cell).optional(),
  })
  .strict();

export const PeriodKeySchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, "Kỳ báo cáo dạng 2024-12, 2025-Q1 hoặc 2025")
  .meta({ example: "2024-12" });

export const ProvinceIdSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{1,15}$/, "Mã tỉnh, thành phố dạng HN")
  .meta({ example: "HN" });

/** One period's datasets, as stored and as sent. */
export const PeriodDatasetsSchema = z
  .object({
    dataTimestamp: z.string().max(40).optional(),
    summary: ProvinceSummaryInputSchema.optional(),
    unitScores: rows(UnitScoreInputSchema).optional(),
    overdueDossiers: rows(OverdueDossierInputSchema).optional(),
    overduePetitions: rows(OverduePetitionInputSchema).optional(),
  })
  .strict();

export const LetterStatedInputSchema = z.object({ total: cell, delta: cell, rank: cell, rankOf: cell }).strict();

export const LetterRefSchema = z.object({ number: text.optional(), date: z.iso.date().optional(), issuer: text.optional(), code: text.optional() }).strict();

export const BuildOptionsSchema = z
  .object({
    rankLevel: z.enum(["province", "department", "district", "commune"]).optional(),
    tieOrder: z.enum(["collation", "input"]).optional(),
    letter: LetterRefSchema.optional(),
    summaryPointDecimals: z.number().int().min(0).max(2).optional(),
    methodologyId: text.optional(),
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

/** PUT …/periods/{period}: the month's datasets, stored as a new revision. */
export const PutPeriodSchema = PeriodDatasetsSchema.extend({
  letter: LetterStatedInputSchema.optional(),
  note: z.string().max(500).optional(),
}).strict();
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
});

export const RankingEntrySchema = z.object({
  key: z.string(),
  rank: z.number().int().nullable(),
  position: z.number().int(),
  unitId: z.string().nullable(),
  name: z.string(),
  level: z.string().nullable(),
  total: z.number().nullable(),
  previousTotal: z.number().nullable(),
  delta: z.number().nullable(),
  deltaText: z.string().meta({ example: "Tăng 0.92" }),
  status: z.enum(["same", "new", "merged", "no-previous"]),
  sourceRow: z.number().int(),
});

export const IssueSchema = z.object({
  severity: z.enum(["error", "warning", "info"]),
  code: z.string(),
  message: z.string(),
  location: z.object({ dataset: z.string(), period: z.string().optional(), row: z.number().int().optional(), column: z.string().optional(), unit: z.string().optional() }),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const ReportResponseSchema = z
  .object({
    province: z.object({ id: z.string(), name: z.string() }),
    period: z.string().nullable(),
    previousPeriod: z.string().nullable(),
    methodology: z.object({ id: z.string(), nameVi: z.string() }).nullable(),
    dataTimestamp: z.string().nullable(),
    appendices: z.array(z.record(z.string(), z.unknown())).meta({ description: "Phụ lục 1–4: dòng tiêu đề, tiêu đề nhiều tầng (ô gộp), các dòng, chú thích." }),
    issues: z.array(IssueSchema),
    ranking: z.object({ level: z.string(), entries: z.array(RankingEntrySchema), otherLevels: z.array(z.unknown()) }),
    narrative: z.object({ headline: z.string().nullable(), overdueLeader: z.string().nullable(), weakestGroups: z.string().nullable(), timestamp: z.string().nullable(), sentences: z.array(z.string()) }),
    counts: z.object({ errors: z.number().int(), warnings: z.number().int(), infos: z.number().int() }),
  })
  .meta({ description: "Kết quả lập báo cáo: phụ lục, vấn đề phát hiện, xếp hạng, câu văn." });
