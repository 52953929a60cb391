/**
 * The HTTP contract, answers side: the shapes of what the Worker answers, documented in its OpenAPI
 * document (scripts/api-docs.ts) and parsed by the add-in. The Worker itself imports only their types,
 * so these schemas stay out of its bundle (issue 12's size budget).
 */
import * as z from "zod";
import { datasetSchemas, ErrorEnvelopeSchema, groupCode, LetterSettingsSchema } from "./api-schema";
import type { UnitKind, UnitLevel } from "./model";
import { GROUP_CODES } from "./rules/methodology";

/** What a stored revision may hold (GET …/periods/{period} answers it as stored: unbounded, so revisions stored before the bounds still read). */
const STORED = datasetSchemas(false);

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
    narrative: z.object({ headline: z.string().nullable(), trend: z.string().nullable().optional(), overdueLeader: z.string().nullable(), weakestGroups: z.string().nullable(), timestamp: z.string().nullable(), remedial: z.array(z.string()).optional(), sentences: z.array(z.string()) }),
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
        unitScores: z.array(
          z.object({
            unit: z.string(),
            groups: z.partialRecord(groupCode, z.number().nullable()),
            indicators: z
              .record(z.string(), z.object({ numerator: z.number().nullable(), denominator: z.number().nullable(), rate: z.number().nullable(), points: z.number().nullable() }))
              .optional()
              .meta({ description: "Tử số, mẫu số, tỷ lệ (%) và điểm Cổng công bố của từng chỉ tiêu, theo mã chỉ tiêu (dịch vụ báo cáo 2026; dịch vụ cũ không có)." }),
          }),
        ),
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


// ------------------------------------------------------------------ targets, plan, what-if (issue 13)

/** An answer as the engine's read-only values give it (the Worker checks what it sends with `satisfies DeepReadonly<…Body>`). */
export type DeepReadonly<T> = T extends readonly (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

export const TargetSchema = z
  .object({
    id: z.string().meta({ example: "HN-2562.PAY_DOSSIERS" }),
    indicator: z.string().nullable().meta({ description: "Mã chỉ số đo chỉ tiêu; null: chỉ tiêu không gắn chỉ số (không đánh giá).", example: "PAY_DOSSIERS" }),
    nameVi: z.string(),
    minRatePercent: z.number().min(0).max(100).meta({ description: "Tỷ lệ phải đạt, %." }),
    effectiveFrom: z.string().meta({ description: "Áp dụng từ ngày (tính cả ngày đó)." }),
    effectiveTo: z.string().nullable().meta({ description: "Hết áp dụng từ ngày (không tính ngày đó); null: đến khi được thay." }),
    source: z.string().meta({ description: "Văn bản, kế hoạch đặt ra chỉ tiêu." }),
    kind: z.enum(["plan", "threshold"]).meta({ description: "plan: chỉ tiêu kế hoạch của văn bản; threshold: ngưỡng tính điểm tối đa của phương pháp." }),
  })
  .meta({ description: "Một chỉ tiêu: tỷ lệ phải đạt, thời gian hiệu lực, văn bản đặt ra." });

export const TargetInForceSchema = TargetSchema.extend({
  origin: z.enum(["built-in", "province"]).meta({ description: "built-in: có sẵn (văn bản mẫu, ngưỡng của phương pháp); province: của tỉnh (PUT …/targets), thay chỉ tiêu có sẵn cùng mã hoặc thêm mới." }),
});

export type TargetJson = z.infer<typeof TargetSchema>;
export type TargetInForce = z.infer<typeof TargetInForceSchema>;

export const TargetsBodySchema = z
  .object({
    province: z.string(),
    date: z.string().meta({ description: "Ngày xét hiệu lực (?date=, ngày đầu của ?period=, mặc định hôm nay theo giờ Việt Nam)." }),
    version: z.number().int().min(0).meta({ description: "Phiên bản danh sách chỉ tiêu của tỉnh; 0: tỉnh chưa đặt, chỉ có chỉ tiêu có sẵn." }),
    etag: z.string().meta({ description: "Gửi lại trong If-Match của PUT …/targets." }),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable().meta({ description: "Tên khóa truy cập đã lưu phiên bản này." }),
    targets: z.array(TargetInForceSchema).meta({ description: "Các chỉ tiêu có hiệu lực tại ngày xét: chỉ tiêu kế hoạch trước, rồi ngưỡng tính điểm." }),
    overrides: z.array(TargetSchema).meta({ description: "Danh sách của tỉnh như đã lưu (mọi thời gian hiệu lực): sửa rồi gửi lại bằng PUT." }),
  })
  .meta({ description: "Chỉ tiêu có hiệu lực của tỉnh tại một ngày, và danh sách chỉ tiêu riêng của tỉnh." });
export type TargetsBody = z.infer<typeof TargetsBodySchema>;

const nullableCount = z.number().int().min(0).nullable();

export const IndicatorReachSchema = z.object({
  code: z.string(),
  group: z.enum(GROUP_CODES as unknown as [string, ...string[]]),
  number: z.string().meta({ example: "3.6" }),
  nameVi: z.string(),
  noun: z.string().meta({ description: "Đơn vị đếm: hồ sơ, TTHC, dịch vụ công, PAKN." }),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  rate: z.number().nullable().meta({ description: "Tỷ lệ %, 2 chữ số như Cổng hiển thị." }),
  thresholdPercent: z.number().meta({ description: "Ngưỡng đạt điểm tối đa, %." }),
  points: z.number().nullable(),
  maxPoints: z.number(),
  pointsLost: z.number(),
  needed: nullableCount.meta({ description: "Số hồ sơ tối thiểu cần xử lý đạt thêm (mẫu số giữ nguyên) để đạt ngưỡng; null: không đạt được bằng số hồ sơ." }),
  pointsPerDossier: z.number().nullable(),
  basis: z.enum(["counts", "rate", "zero-denominator", "fixed", "missing"]),
});

export const ComplianceCellSchema = z.object({
  targetId: z.string(),
  indicator: z.string(),
  minRatePercent: z.number(),
  rate: z.number().nullable(),
  status: z.enum(["dat", "chua-dat", "khong-so-lieu"]).meta({ description: "Đạt / Chưa đạt / Không có số liệu." }),
  gapPercentagePoints: z.number().nullable().meta({ description: "Còn thiếu, điểm phần trăm (0 khi đạt)." }),
  gapDossiers: nullableCount.meta({ description: "Còn thiếu, số hồ sơ (0 khi đạt; null khi không có tử số/mẫu số)." }),
});

export const UnitPlanSchema = z.object({
  key: z.string(),
  unitId: z.string().nullable(),
  name: z.string(),
  level: z.enum(UNIT_LEVELS).nullable(),
  total: z.number().nullable(),
  rank: z.number().int().nullable(),
  rankOf: z.number().int(),
  reach: z.array(IndicatorReachSchema).meta({ description: "Mọi chỉ số tính theo tỷ lệ: việc tăng nhiều điểm nhất cho mỗi hồ sơ trước." }),
  cheapest: z.array(IndicatorReachSchema).meta({ description: "Ba việc tăng nhiều điểm nhất cho mỗi hồ sơ." }),
  pointsWithinReach: z.number().meta({ description: "Tổng số điểm có thể tăng nếu mọi chỉ số đạt ngưỡng (bằng số hồ sơ)." }),
  totalWithinReach: z.number().nullable(),
  rankWithinReach: z.number().int().nullable().meta({ description: "Xếp hạng với tổng điểm đó, các đơn vị khác giữ nguyên." }),
  compliance: z.array(ComplianceCellSchema).meta({ description: "Đạt / Chưa đạt từng chỉ tiêu có hiệu lực." }),
  sourceRow: z.number().int(),
});

export const PlanBodySchema = z
  .object({
    province: z.string(),
    period: z.string(),
    revision: z.number().int().min(1).meta({ description: "Bản số liệu của kỳ đã dùng." }),
    methodologyId: z.string(),
    targetsVersion: z.number().int().min(0).meta({ description: "Phiên bản chỉ tiêu của tỉnh đã dùng (0: chỉ tiêu có sẵn)." }),
    targets: z.array(TargetInForceSchema),
    units: z.array(UnitPlanSchema).meta({ description: "Các đơn vị có số liệu từng chỉ số, nhiều điểm có thể tăng nhất trước (?unit= chỉ một đơn vị)." }),
    summary: UnitPlanSchema.nullable().meta({ description: "Dòng của tỉnh (Phụ lục 1), không xếp hạng." }),
    issues: z.array(IssueSchema).meta({ description: "Vấn đề của bước lập kế hoạch (chỉ tiêu gắn chỉ số không có trong phương pháp, kỳ không có số liệu từng chỉ số)." }),
  })
  .meta({ description: "Kế hoạch cải thiện của kỳ đã lưu: điểm có thể tăng, ba việc rẻ nhất, Đạt / Chưa đạt từng chỉ tiêu." });
export type PlanBody = z.infer<typeof PlanBodySchema>;

const beforeAfter = <T extends z.ZodType>(t: T) => z.object({ before: t, after: t });
const figures = z.object({ numerator: z.number().nullable(), denominator: z.number().nullable(), rate: z.number().nullable().meta({ description: "%, chính xác từ tử số/mẫu số (không làm tròn)." }), points: z.number().nullable() });

export const WhatIfBodySchema = z
  .object({
    period: z.string().nullable(),
    revision: z.number().int().min(1).meta({ description: "Bản số liệu của kỳ đã dùng." }),
    units: z.array(
      z.object({
        changes: z.array(z.number().int().min(0)).meta({ description: "Chỉ số (từ 0) của các thay đổi áp dụng cho đơn vị này." }),
        key: z.string(),
        unitId: z.string().nullable(),
        name: z.string(),
        level: z.enum(UNIT_LEVELS).nullable(),
        indicators: z.array(z.object({ code: z.string(), nameVi: z.string(), figures: beforeAfter(figures) })),
        total: beforeAfter(z.number().nullable()),
        rank: beforeAfter(z.number().int().nullable()),
        rankOf: z.number().int(),
      }),
    ),
    displaced: z
      .array(z.object({ key: z.string(), unitId: z.string().nullable(), name: z.string(), level: z.enum(UNIT_LEVELS).nullable(), total: z.number().nullable(), rank: beforeAfter(z.number().int().nullable()) }))
      .meta({ description: "Đơn vị không đổi số liệu nhưng tụt hạng vì bị vượt." }),
    province: z
      .object({
        total: beforeAfter(z.number().nullable()),
        nationalRank: beforeAfter(z.number().int().nullable()).nullable().meta({ description: "Hạng toàn quốc trước và sau; null khi chưa có bảng toàn quốc đã lưu của kỳ." }),
        rankOf: z.number().int().nullable(),
        complete: z.boolean().meta({ description: "false khi có thay đổi không cộng được vào số liệu của tỉnh (tỷ lệ không có tử số/mẫu số)." }),
      })
      .nullable(),
  })
  .meta({ description: "Kết quả mô phỏng: điểm, tổng điểm, hạng của đơn vị trước và sau; tổng điểm và hạng toàn quốc của tỉnh. Không lưu gì." });
export type WhatIfBody = z.infer<typeof WhatIfBodySchema>;

// ------------------------------------------------------------------ the letter

/** GET/PUT /v1/provinces/{p}/letter-settings: the settings the province's letter is written with. */
export const LetterSettingsResponseSchema = z
  .object({
    province: z.string(),
    source: z.enum(["stored", "default"]).meta({ description: "\"stored\": cài đặt tỉnh đã lưu; \"default\": chưa lưu — mặc định (Hà Nội: theo văn bản 193/UBND-KSTTHC; tỉnh khác: mẫu chung theo tên tỉnh)." }),
    version: z.number().int().meta({ description: "Phiên bản đã lưu (0: mặc định). ETag của câu trả lời là \"ls-{province}-v{version}\"; PUT gửi kèm If-Match với ETag đó." }),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable().meta({ description: "Tên khóa truy cập đã lưu." }),
    settings: LetterSettingsSchema,
  })
  .meta({ description: "Cài đặt văn bản của tỉnh: cơ quan ban hành, ký hiệu, địa danh, nơi được gửi, căn cứ, các đề nghị, nơi nhận, người ký." });
export type LetterSettingsResponse = z.infer<typeof LetterSettingsResponseSchema>;

/** POST …/periods/{period}/letter-link: a signed link to …/letter.docx, valid a few minutes, carrying no key. */
export const LetterLinkSchema = z
  .object({
    url: z.string().url().meta({ description: "Liên kết tới …/letter.docx?revision=…&expires=…&sig=… (ký HMAC-SHA-256, không chứa khóa truy cập)." }),
    expiresAt: z.string().meta({ description: "Hết hiệu lực lúc (ISO 8601, UTC): 5 phút sau khi cấp." }),
    revision: z.number().int().meta({ description: "Bản số liệu của kỳ mà liên kết gắn với." }),
  })
  .meta({ description: "Liên kết tải văn bản Word có chữ ký, hiệu lực 5 phút, gắn với tỉnh, kỳ và bản số liệu." });
export type LetterLink = z.infer<typeof LetterLinkSchema>;
