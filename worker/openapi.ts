/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with, and a
 * readable Vietnamese docs page rendered from it (no external scripts: works offline).
 * Generated at build time (scripts/api-docs.ts writes openapi.json and docs.html into the static assets);
 * the Worker does not bundle this module (it served the same text, ~5.6 KiB gzip of the bundle budget):
 * GET /openapi.json and /docs answer from the assets (worker/app.ts). Keep it free of Worker-only imports.
 */
import * as z from "zod/mini";
import { AliasRequestSchema, ErrorEnvelopeSchema, LetterLinkRequestSchema, LetterSettingsSchema, MAX_TARGETS, MAX_WHAT_IF_CHANGES, PeriodKeySchema, ProvinceIdSchema, ProvinceSettingsSchema, PutPeriodSchema, PutTargetsSchema, ReportRequestSchema, WhatIfRequestSchema } from "../shared/api-schema";
import { LetterLinkSchema, LetterSettingsResponseSchema, ProvinceListSchema, NationalBodySchema, PlanBodySchema, PutResultSchema, RankingEntrySchema, ReportResponseSchema, RevisionInfoSchema, RevisionListSchema, ProvinceHistorySchema, TargetsBodySchema, UnitHistorySchema, StoredPeriodSchema, WhatIfBodySchema } from "../shared/api-responses";
import { VERSION } from "./version";

const schema = (s: z.core.$ZodType, io: "input" | "output" = "output") => z.toJSONSchema(s, { target: "draft-2020-12", io, unrepresentable: "any" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ "application/json": { schema: ref(name) } });
const error = (description: string) => ({ description, content: json("ErrorEnvelope") });
const errors = {
  "400": error("Dữ liệu không hợp lệ (VALIDATION_FAILED, MALFORMED_JSON)"),
  "401": error("Thiếu hoặc sai khóa truy cập"),
  "403": error("Khóa không có quyền"),
  "404": error("Không tìm thấy"),
  "405": { ...error("Phương thức không được hỗ trợ ở đường dẫn này"), headers: { Allow: { schema: { type: "string" }, description: "Các phương thức đường dẫn nhận" } } },
  "413": error("Vượt giới hạn kích thước hoặc số dòng"),
  "415": error("Không phải application/json"),
  "429": { ...error("Quá nhiều yêu cầu"), headers: { "Retry-After": { schema: { type: "integer", minimum: 1, maximum: 60 }, description: "Số giây đến hết cửa sổ đếm hiện tại của bộ giới hạn" } } },
};
const pathParams = [
  { name: "province", in: "path", required: true, schema: schema(ProvinceIdSchema), description: "Mã tỉnh, thành phố (HN = Hà Nội)" },
  { name: "period", in: "path", required: true, schema: schema(PeriodKeySchema), description: "Kỳ báo cáo: 2024-12, 2025-Q1, 2025" },
];
const format = {
  name: "format",
  in: "query",
  schema: { type: "string", enum: ["json", "csv", "xlsx"], default: "json" },
  description: "csv: UTF-8 có BOM, dấu phẩy, dấu chấm thập phân (Google Sheets IMPORTDATA; Excel/LibreOffice đặt en-US). xlsx: một trang tính, số là số (không phụ thuộc ngôn ngữ máy): Excel Power Query Excel.Workbook(Web.Contents(…)).",
};
const locale = {
  name: "locale",
  in: "query",
  schema: { type: "string", enum: ["en", "vi"], default: "en" },
  description: "Chỉ với format=csv. vi: dấu chấm phẩy ngăn cột, dấu phẩy thập phân, không dấu phân cách hàng nghìn — cho Excel/LibreOffice đặt tiếng Việt (vi-VN) mở tệp CSV.",
};
const csv = { "text/csv": { schema: { type: "string" } }, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } } };
const revisionParam = {
  name: "revision",
  in: "query",
  schema: { type: "integer", minimum: 1 },
  description: "Lập từ bản số n của kỳ (GET …/revisions liệt kê các bản và thời điểm số liệu); kỳ trước vẫn dùng bản mới nhất. Câu “Số liệu được tính tại thời điểm …” lấy từ bản đó. Không có bản đó → 404.",
};
const monthRange = [
  { name: "from", in: "query", schema: { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])$" }, description: "Tháng đầu (2025-01). Thiếu from và to: 12 tháng đã lưu gần nhất." },
  { name: "to", in: "query", schema: { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])$" }, description: "Tháng cuối (2025-12). Chỉ có to: 12 tháng đã lưu gần nhất tính đến to. Tối đa 60 tháng." },
];
const bearer = [{ bearer: [] }];
/** ?include= of POST /v1/reports and GET …/report (worker/routes/reports.ts IncludeSchema). */
const reportInclude = {
  name: "include",
  in: "query",
  required: false,
  schema: { type: "string", example: "ranking,narrative" },
  description: "Các phần cần trả, cách nhau bởi dấu phẩy: appendices, issues, ranking, narrative (mặc định: tất cả); luôn kèm province, period, methodology, counts. Phần không có → 400.",
};

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "chiso766 API",
      version: VERSION,
      description:
        "Kiểm tra, chấm điểm, xếp hạng và lập Phụ lục 1–4 của Bộ chỉ số 766; lưu số liệu từng tháng theo các bản (revision) không ghi đè. Mọi lỗi trả về {error: {code, message, issues[], requestId}}.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Khóa truy cập c766_… (npm run keys -- create)" } },
      schemas: {
        ReportRequest: schema(ReportRequestSchema, "input"),
        ReportResponse: schema(ReportResponseSchema),
        PutPeriod: schema(PutPeriodSchema, "input"),
        PutResult: schema(PutResultSchema),
        RevisionInfo: schema(RevisionInfoSchema),
        RevisionList: schema(RevisionListSchema),
        ProvinceHistory: schema(ProvinceHistorySchema),
        UnitHistory: schema(UnitHistorySchema),
        StoredPeriod: schema(StoredPeriodSchema),
        RankingEntry: schema(RankingEntrySchema),
        AliasRequest: schema(AliasRequestSchema, "input"),
        ProvinceList: schema(ProvinceListSchema),
        ProvinceSettings: schema(ProvinceSettingsSchema),
        LetterSettings: schema(LetterSettingsSchema, "input"),
        LetterSettingsResponse: schema(LetterSettingsResponseSchema),
        LetterLinkRequest: schema(LetterLinkRequestSchema, "input"),
        LetterLink: schema(LetterLinkSchema),
        National: schema(NationalBodySchema),
        PutTargets: schema(PutTargetsSchema, "input"),
        Targets: schema(TargetsBodySchema),
        Plan: schema(PlanBodySchema),
        WhatIfRequest: schema(WhatIfRequestSchema, "input"),
        WhatIf: schema(WhatIfBodySchema),
        ErrorEnvelope: schema(ErrorEnvelopeSchema),
      },
    },
    paths: {
      "/health": { get: { summary: "Tình trạng dịch vụ", responses: { "200": { description: "OK" } } } },
      "/v1/reports": {
        post: {
          summary: "Lập báo cáo từ dữ liệu gửi kèm (không lưu)",
          description:
            "Không kèm khóa API (hoặc khóa chỉ có quyền đọc): tối đa 1 MB và 1.000 dòng mỗi bảng — đủ cho một tỉnh; khóa có quyền ghi: 4 MB và 12.000 dòng. Vượt → 413 nêu giới hạn. ?include=appendices,issues,ranking,narrative chỉ trả các phần đó (luôn kèm province, period, methodology, counts); không có include → cả báo cáo. Trả nén gzip khi Accept-Encoding có gzip.",
          parameters: [reportInclude],
          requestBody: { required: true, content: json("ReportRequest") },
          responses: { "200": { description: "Báo cáo", content: json("ReportResponse") }, ...errors },
        },
      },
      "/v1/provinces": {
        get: {
          summary: "34 tỉnh, thành phố (từ 1/7/2025): mã ngắn dùng trong đường dẫn, mã trên Cổng, tên, mã đơn vị gốc trên Cổng (JSON hoặc CSV)",
          description: "Không cần khóa. Mã ngắn: chữ cái đầu của tên không có “Tỉnh”/“Thành phố” (HN, PT, HCM, HUE); hai tỉnh trùng chữ cái đầu thì cả hai thêm chữ đầu và cuối của từ cuối (DNG/DNI, LCU/LCI, QNI/QNH, TNH/TNN).",
          parameters: [format, locale],
          responses: { "200": { description: "Danh mục", content: { ...json("ProvinceList"), ...csv } }, ...errors },
        },
      },
      "/v1/provinces/{province}/settings": {
        parameters: [pathParams[0]],
        get: { summary: "Cài đặt của tỉnh: chụp số liệu theo lịch, công khai số liệu đã lưu", security: bearer, responses: { "200": { description: "Cài đặt", content: json("ProvinceSettings") }, ...errors } },
        put: {
          summary: "Bật/tắt chụp số liệu theo lịch (08:00 giờ Việt Nam, kỳ hiện tại và kỳ vừa kết thúc; chỉ lưu bản mới khi số liệu Cổng đổi)",
          description: "Quyền ghi của tỉnh. publicRead bỏ trống thì giữ nguyên. Bật snapshots cho tỉnh Cổng không biết → 404.",
          security: bearer,
          requestBody: { required: true, content: json("ProvinceSettings") },
          responses: { "200": { description: "Cài đặt đã lưu", content: json("ProvinceSettings") }, ...errors },
        },
      },
      "/v1/provinces/{province}/targets": {
        parameters: [pathParams[0]],
        get: {
          summary: "Chỉ tiêu có hiệu lực của tỉnh tại một ngày: chỉ tiêu có sẵn (văn bản mẫu, ngưỡng tính điểm của phương pháp) và chỉ tiêu riêng của tỉnh (JSON, CSV hoặc .xlsx)",
          description:
            "Mỗi chỉ tiêu: mã, mã chỉ số, tên, tỷ lệ phải đạt, hiệu lực từ/đến, văn bản đặt ra, loại (plan/threshold), nguồn (built-in: có sẵn; province: của tỉnh). JSON kèm overrides — danh sách riêng của tỉnh như đã lưu — và etag để gửi lại trong If-Match của PUT. Quyền đọc (tỉnh công khai không cần khóa). ETag theo phiên bản, ngày và định dạng; 304.",
          security: bearer,
          parameters: [
            { name: "date", in: "query", schema: { type: "string", format: "date" }, description: "Ngày xét hiệu lực (mặc định: hôm nay, giờ Việt Nam)." },
            { name: "period", in: "query", schema: schema(PeriodKeySchema), description: "Hoặc kỳ báo cáo: ngày đầu của kỳ (như khi lập kế hoạch của kỳ). Không dùng cùng date." },
            format,
            locale,
          ],
          responses: { "200": { description: "Chỉ tiêu", content: { ...json("Targets"), ...csv } }, "304": { description: "Không đổi (If-None-Match)" }, ...errors },
        },
        put: {
          summary: "Lưu danh sách chỉ tiêu riêng của tỉnh (thay chỉ tiêu có sẵn cùng mã, thêm chỉ tiêu mới) thành phiên bản mới",
          description: `Quyền ghi của tỉnh, kiểm tra trước khi đọc dữ liệu. Cả danh sách (tối đa ${MAX_TARGETS} chỉ tiêu; [] trở về chỉ tiêu có sẵn). Khi tỉnh đã có danh sách, bắt buộc If-Match = ETag của GET …/targets (bất kỳ định dạng nào) hoặc của lần PUT trước: thiếu → 428, cũ → 409; lỗi thì không thay đổi gì. Kế hoạch cải thiện của các kỳ đã lưu (…/plan, workbook.xlsx) dùng danh sách mới nhất.`,
          security: bearer,
          parameters: [{ name: "If-Match", in: "header", schema: { type: "string" } }],
          requestBody: { required: true, content: json("PutTargets") },
          responses: { "200": { description: "Phiên bản mới", content: json("Targets") }, "201": { description: "Phiên bản đầu tiên", content: json("Targets") }, "409": error("ETag cũ"), "428": error("Thiếu If-Match"), ...errors },
          },
        },
      "/v1/provinces/{province}/letter-settings": {
        parameters: [pathParams[0]],
        get: {
          summary: "Cài đặt văn bản công khai kết quả của tỉnh: cơ quan ban hành, ký hiệu, địa danh, Kính gửi, căn cứ, các đề nghị, Nơi nhận, người ký",
          description: "Quyền đọc. Chưa lưu → mặc định (source \"default\", version 0): Hà Nội theo văn bản 193/UBND-KSTTHC, tỉnh khác mẫu chung theo tên tỉnh (người ký để trống). ETag \"ls-{province}-v{version}\", 304.",
          security: bearer,
          responses: { "200": { description: "Cài đặt", content: json("LetterSettingsResponse") }, "304": { description: "Không đổi (If-None-Match)" }, ...errors },
        },
        put: {
          summary: "Lưu cài đặt văn bản của tỉnh (cả bộ, không ghép từng trường)",
          description:
            "Quyền ghi của tỉnh (kiểm tra trước khi đọc nội dung). Đã lưu rồi thì bắt buộc If-Match = ETag của lần đọc: thiếu → 428, cũ → 409 — không bao giờ ghi đè âm thầm; lần đầu không cần (hoặc \"*\", hoặc ETag mặc định v0). Lỗi nào cũng không thay đổi gì. Giới hạn: dòng ≤ 200 ký tự, đoạn ≤ 3.000 ký tự; lỗi nêu đường dẫn JSON bằng tiếng Việt.",
          security: bearer,
          parameters: [{ name: "If-Match", in: "header", schema: { type: "string" } }],
          requestBody: { required: true, content: json("LetterSettings") },
          responses: { "200": { description: "Đã lưu (phiên bản mới)", content: json("LetterSettingsResponse") }, "201": { description: "Lưu lần đầu", content: json("LetterSettingsResponse") }, "409": error("ETag cũ"), "428": error("Thiếu If-Match"), ...errors },
        },
      },
      "/v1/national/periods/{period}": {
        parameters: [{ name: "period", in: "path", required: true, schema: { type: "string" } }],
        get: {
          summary: "Bảng tổng hợp toàn quốc của kỳ: 34 tỉnh, thành phố xếp hạng (1224) theo tổng điểm và từng nhóm, thay đổi so với kỳ trước đã lưu (điểm, bậc) — JSON hoặc CSV",
          description: "Không cần khóa (số liệu Cổng công bố). Bản mới nhất hoặc ?revision=n; ETag, 304.",
          parameters: [format, locale, { name: "revision", in: "query", schema: { type: "integer", minimum: 1 } }],
          responses: { "200": { description: "Xếp hạng toàn quốc", content: { ...json("National"), ...csv } }, "304": { description: "Không đổi (If-None-Match)" }, ...errors },
        },
      },
      "/v1/national/periods/{period}/fetch": {
        parameters: [{ name: "period", in: "path", required: true, schema: { type: "string" } }],
        post: {
          summary: "Lấy bảng tổng hợp toàn quốc của kỳ từ Cổng DVCQG (service-results) và lưu thành bản mới khi số liệu đổi",
          description: "Một yêu cầu tới Cổng (cùng quy tắc lịch sự: thử lại khi 5xx, dừng khi 403/429). Câu trả lời thô luôn được giữ kèm yêu cầu. Đúng cấu trúc (34 tỉnh, đủ 6 nhóm) và khác bản đã lưu → 201 bản mới; giống → 200, không thêm bản; sai hoặc Cổng lỗi → 502, bản đã lưu giữ nguyên. Từ năm 2026. Khóa có quyền ghi (tỉnh bất kỳ).",
          security: bearer,
          responses: { "201": { description: "Bản mới, đã xếp hạng", content: json("National") }, "200": { description: "Không đổi so với bản đã lưu", content: json("National") }, "502": { description: "Cổng lỗi hoặc sai cấu trúc" }, ...errors },
        },
      },
      "/v1/provinces/{province}/periods/{period}": {
        parameters: pathParams,
        put: {
          summary: "Lưu số liệu của kỳ thành một bản mới (không ghi đè)",
          description: "Khi kỳ đã có dữ liệu, bắt buộc If-Match = ETag của bản hiện tại: thiếu → 428, cũ → 409.",
          security: bearer,
          parameters: [{ name: "If-Match", in: "header", schema: { type: "string" } }],
          requestBody: { required: true, content: json("PutPeriod") },
          responses: { "200": { description: "Bản mới", content: json("PutResult") }, "201": { description: "Bản đầu tiên", content: json("PutResult") }, "409": error("ETag cũ"), "428": error("Thiếu If-Match"), ...errors },
        },
        get: {
          summary: "Số liệu bản mới nhất (hoặc ?revision=n)",
          security: bearer,
          parameters: [{ name: "revision", in: "query", schema: { type: "integer", minimum: 1 } }],
          responses: { "200": { description: "Số liệu và thông tin bản", content: json("StoredPeriod") }, ...errors },
        },
      },
      "/v1/provinces/{province}/periods/{period}/fetch": {
        parameters: pathParams,
        post: {
          summary: "Lấy số liệu kỳ từ Cổng DVCQG (API báo cáo 2026; kỳ trước 2026: dịch vụ cũ report_tinh_766_service) và lưu thành bản mới",
          description:
            "Từ năm 2026: hỏi lần lượt 6 tiêu chí của API báo cáo 2026. Kỳ trước 2026: một yêu cầu tới dịch vụ cũ report_tinh_766_service (điểm 6 nhóm và tổng điểm của từng đơn vị; không có dòng của tỉnh nên Phụ lục 1 nhập tay). Giữ nguyên câu trả lời thô kèm yêu cầu. Chỉ khi đủ số liệu đúng cấu trúc mới lưu bản mới (cùng quy tắc If-Match như PUT) và trả báo cáo; thiếu hoặc sai → 502 UPSTREAM_FAILED nêu từng tiêu chí, số liệu đã lưu giữ nguyên. Hai yêu cầu giống nhau trong 60 giây dùng chung một lần hỏi Cổng. Quyền ghi.",
          security: bearer,
          parameters: [{ name: "If-Match", in: "header", schema: { type: "string" } }],
          responses: { "201": { description: "Bản đầu tiên của kỳ, kèm báo cáo" }, "200": { description: "Bản mới, kèm báo cáo" }, "502": { description: "Cổng không trả đủ số liệu" }, ...errors },
        },
      },
      "/v1/provinces/{province}/periods/{period}/revisions": {
        parameters: pathParams,
        get: { summary: "Các bản đã lưu: ai, lúc nào, nguồn (gửi lên, lấy từ Cổng, chụp theo lịch), thời điểm số liệu, checksum, số dòng", security: bearer, responses: { "200": { description: "Danh sách", content: { "application/json": { schema: ref("RevisionList") } } }, ...errors } },
      },
      "/v1/provinces/{province}/periods/{period}/report": {
        parameters: pathParams,
        get: {
          summary: "Báo cáo so với kỳ trước đã lưu (bản mới nhất hoặc ?revision=n)",
          description: "Câu diễn biến trong dự thảo dùng tổng điểm của 12 tháng đã lưu trước kỳ; ETag gồm cả các bản của những tháng đó. ?include=issues,ranking… chỉ trả các phần đó, như POST /v1/reports (ETag riêng cho mỗi tập phần).",
          security: bearer,
          parameters: [revisionParam, reportInclude],
          responses: { "200": { description: "Báo cáo", content: json("ReportResponse") }, "304": { description: "Không đổi (If-None-Match)" }, ...errors },
        },
      },
      "/v1/provinces/{province}/periods/{period}/rankings": {
        parameters: pathParams,
        get: {
          summary: "Bảng xếp hạng (JSON hoặc CSV)",
          security: bearer,
          parameters: [{ name: "level", in: "query", schema: { type: "string", enum: ["department", "district", "commune"] } }, format, locale, revisionParam],
          responses: { "200": { description: "Xếp hạng", content: { "application/json": { schema: { type: "object", properties: { entries: { type: "array", items: ref("RankingEntry") } } } }, ...csv } }, ...errors },
        },
      },
      "/v1/provinces/{province}/periods/{period}/appendices/{n}": {
        parameters: [...pathParams, { name: "n", in: "path", required: true, schema: { type: "string", enum: ["1", "2", "3", "4"] } }],
        get: { summary: "Phụ lục n (JSON, CSV hoặc .xlsx)", security: bearer, parameters: [format, locale, revisionParam], responses: { "200": { description: "Phụ lục", content: { "application/json": { schema: { type: "object" } }, ...csv } }, ...errors } },
      },
      "/v1/provinces/{province}/periods/{period}/plan": {
        parameters: pathParams,
        get: {
          summary: "Kế hoạch cải thiện của kỳ đã lưu: mỗi đơn vị có số liệu từng chỉ số — điểm có thể tăng, tổng điểm và hạng nếu đạt, ba việc tăng nhiều điểm nhất cho mỗi hồ sơ, Đạt / Chưa đạt từng chỉ tiêu (JSON, CSV hoặc .xlsx)",
          description:
            "Lập từ cùng báo cáo như …/report (so với kỳ trước đã lưu) với chỉ tiêu của tỉnh (GET …/targets). “Cần thêm N hồ sơ”: số hồ sơ tối thiểu của kỳ phải được xử lý đạt thêm để tỷ lệ đạt ngưỡng, mẫu số giữ nguyên. CSV/xlsx: bảng “Kế hoạch cải thiện” (số là số, chữ như in). ETag gồm cả phiên bản chỉ tiêu của tỉnh; 304.",
          security: bearer,
          parameters: [revisionParam, { name: "unit", in: "query", schema: { type: "string" }, description: "Chỉ một đơn vị: mã đơn vị hoặc tên như Phụ lục 2 (không phân biệt hoa thường, dấu). Không có → 404." }, format, locale],
          responses: { "200": { description: "Kế hoạch", content: { ...json("Plan"), ...csv } }, "304": { description: "Không đổi (If-None-Match)" }, ...errors },
        },
      },
      "/v1/provinces/{province}/periods/{period}/what-if": {
        parameters: pathParams,
        post: {
          summary: "Mô phỏng: nếu đơn vị đạt tử số (hoặc tỷ lệ) mới ở một chỉ số thì điểm, tổng điểm, hạng của đơn vị, tổng điểm và hạng toàn quốc của tỉnh thành bao nhiêu — không lưu gì",
          description: `Quyền đọc (tỉnh công khai không cần khóa), kiểm tra trước khi đọc dữ liệu. Tính trên kỳ đã lưu (bản mới nhất hoặc ?revision=n) với bảng toàn quốc đã lưu của kỳ (hạng toàn quốc sau thay đổi; null khi chưa có). Tối đa ${MAX_WHAT_IF_CHANGES} thay đổi; tử số mới giữ mẫu số; tỷ lệ mới trên tử số/mẫu số có sẵn thành tử số nhỏ nhất đạt tỷ lệ đó. Thay đổi nêu đơn vị, chỉ số không có trong kỳ, hoặc tử số vượt mẫu số → 400 nêu body.changes.{i}.{trường}, không tính gì.`,
          security: bearer,
          parameters: [revisionParam],
          requestBody: { required: true, content: json("WhatIfRequest") },
          responses: { "200": { description: "Trước và sau", content: json("WhatIf") }, ...errors },
        },
      },
      "/v1/provinces/{province}/periods/{period}/workbook.xlsx": {
        parameters: pathParams,
        get: {
          summary: "Cả báo cáo thành một tệp Excel (.xlsx): Phụ lục 1–4, Kế hoạch cải thiện (khi kỳ có số liệu từng chỉ số của đơn vị), Kiểm tra dữ liệu, Dự thảo văn bản",
          description:
            "Cho nơi không chạy được add-in (Excel 2013, Excel 2016 MSI, Excel dùng trình duyệt nhúng EdgeHTML/Internet Explorer; LibreOffice; máy không cài được add-in): cùng bố cục và định dạng add-in ghi (Times New Roman 13, tiêu đề nhiều tầng gộp ô, kẻ khung, định dạng số, Tăng xanh / Giảm đỏ, cố định dòng tiêu đề, A4 vừa một trang ngang — khổ ngang khi khổ dọc phải thu dưới 75%, lặp dòng tiêu đề khi in). Không có biểu đồ. Báo cáo so với kỳ trước đã lưu, như …/report; ETag, 304.",
          security: bearer,
          parameters: [revisionParam],
          responses: { "200": { description: "Tệp .xlsx (Content-Disposition: attachment)", content: { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } } } }, "304": { description: "Không đổi (If-None-Match)" }, ...errors },
        },
      },
      "/v1/provinces/{province}/periods/{period}/letter.docx": {
        parameters: pathParams,
        get: {
          summary: "Dự thảo văn bản công khai kết quả thành tệp Word (.docx): văn bản theo Nghị định 30/2020/NĐ-CP và Phụ lục 1–4",
          description:
            "Báo cáo của kỳ đã lưu (so với kỳ trước đã lưu, như …/report) kèm kế hoạch cải thiện: khi kỳ có số liệu từng chỉ tiêu, phần đề nghị đầu tiên lấy từ các nhóm yếu; chữ của văn bản theo cài đặt văn bản của tỉnh (…/letter-settings). Quyền đọc — hoặc liên kết có chữ ký (expires, sig) do POST …/letter-link cấp, không cần khóa: hết hạn hay bị sửa → 403. ETag gồm phiên bản cài đặt, 304.",
          security: bearer,
          parameters: [
            revisionParam,
            { name: "number", in: "query", schema: { type: "string", maxLength: 200 }, description: "Số văn bản (193 hoặc 193/UBND-KSTTHC); không có: để trống cho văn thư." },
            { name: "date", in: "query", schema: { type: "string", format: "date" }, description: "Ngày văn bản YYYY-MM-DD; không có: để trống ngày, tháng." },
            { name: "expires", in: "query", schema: { type: "integer" }, description: "Của liên kết có chữ ký (POST …/letter-link)." },
            { name: "sig", in: "query", schema: { type: "string" }, description: "Chữ ký HMAC-SHA-256 của liên kết." },
          ],
          responses: {
            "200": { description: "Tệp .docx (Content-Disposition: attachment)", content: { "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { schema: { type: "string", format: "binary" } } } },
            "304": { description: "Không đổi (If-None-Match)" },
            ...errors,
          },
        },
      },
      "/v1/provinces/{province}/periods/{period}/letter-link": {
        parameters: pathParams,
        post: {
          summary: "Liên kết tải văn bản Word có chữ ký, hiệu lực 5 phút (cho trình duyệt không gửi được khóa)",
          description:
            "Quyền đọc, khóa gửi trong tiêu đề Authorization như mọi yêu cầu; liên kết không bao giờ chứa khóa. Gắn với tỉnh, kỳ và bản số liệu (revision; mặc định bản mới nhất lúc cấp) cùng số, ngày văn bản. Kỳ chưa lưu hoặc không có bản đó → 404.",
          security: bearer,
          requestBody: { required: true, content: json("LetterLinkRequest") },
          responses: { "200": { description: "Liên kết", content: json("LetterLink") }, ...errors },
        },
      },
      "/v1/provinces/{province}/history": {
        parameters: [pathParams[0]],
        get: {
          summary: "Diễn biến của tỉnh theo tháng: tổng điểm, sáu nhóm, xếp hạng toàn quốc, số đơn vị xếp hạng (JSON hoặc CSV); ?include=units thêm đường của từng đơn vị",
          description:
            "Mỗi tháng đã lưu trong khoảng (bản mới nhất của tháng). Tổng điểm và nhóm lấy từ Phụ lục 1 đã lưu (tổng ghi sẵn, không có thì cộng sáu nhóm); xếp hạng toàn quốc từ bảng toàn quốc đã lưu, không có thì hạng Phụ lục 1 hoặc văn bản ghi. include=units: mỗi đơn vị của cấp được xếp hạng (quận/huyện trước 1/7/2025, xã/phường từ 1/7/2025) một đường: điểm, nhóm, hạng/số đơn vị, tăng/giảm so với điểm trước trên cùng đường (null ở điểm đầu). CSV: không có include — một dòng một tháng; có include — một dòng một đơn vị một tháng. Quyền đọc (tỉnh công khai không cần khóa). ETag, 304.",
          security: bearer,
          parameters: [...monthRange, { name: "include", in: "query", schema: { type: "string", enum: ["units"] } }, format, locale],
          responses: { "200": { description: "Diễn biến", content: { ...json("ProvinceHistory"), ...csv } }, "304": { description: "Không đổi (If-None-Match)" }, ...errors },
        },
      },
      "/v1/provinces/{province}/units/{unit}/history": {
        parameters: [pathParams[0], { name: "unit", in: "path", required: true, schema: { type: "string" }, description: "Mã đơn vị trong danh mục (HN.C.10103028) hoặc mã hành chính (10103028)" }],
        get: {
          summary: "Diễn biến một đơn vị: điểm, nhóm, hạng theo tháng; qua sắp xếp 1/7/2025 có thêm đường của đơn vị trước (kết thúc 6/2025) hoặc sau (bắt đầu 7/2025)",
          description: "Đường của chính đơn vị (role self), của đơn vị cũ mà đơn vị này chủ yếu tiếp nhận địa bàn hoặc hợp nhất từ (predecessor, chỉ các tháng trước khi đơn vị thành lập), của đơn vị mới hình thành từ đơn vị này (successor). Tăng/giảm chỉ tính trong cùng một đường, không bao giờ nối qua sắp xếp. Đơn vị không có trong danh mục → 404.",
          security: bearer,
          parameters: [...monthRange, format, locale],
          responses: { "200": { description: "Diễn biến đơn vị", content: { ...json("UnitHistory"), ...csv } }, "304": { description: "Không đổi (If-None-Match)" }, ...errors },
        },
      },
      "/v1/catalog/units": {
        get: {
          summary: "Danh mục đơn vị hiệu lực tại một ngày",
          parameters: [
            { name: "province", in: "query", required: true, schema: schema(ProvinceIdSchema) },
            { name: "date", in: "query", schema: { type: "string", format: "date" } },
            { name: "level", in: "query", schema: { type: "string", enum: ["province", "department", "district", "commune"] } },
          ],
          responses: { "200": { description: "Đơn vị" }, ...errors },
        },
      },
      "/v1/catalog/aliases": {
        post: { summary: "Thêm tên gọi khác cho một đơn vị", security: bearer, requestBody: { required: true, content: json("AliasRequest") }, responses: { "201": { description: "Đã thêm" }, "409": error("Tên đã thuộc đơn vị khác"), ...errors } },
      },
      "/v1/methodologies": { get: { summary: "Các phiên bản phương pháp tính điểm", responses: { "200": { description: "Phương pháp" } } } },
    },
  };
}

const esc = (s: unknown) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

/** A plain HTML page listing every operation with its parameters and responses. */
export function docsPage(doc = openApiDocument()): string {
  const info = doc["info"] as { title: string; version: string; description: string };
  const paths = doc["paths"] as Record<string, Record<string, unknown>>;
  const ops: string[] = [];
  for (const [p, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (method === "parameters") continue;
      const o = op as { summary?: string; description?: string; security?: unknown; parameters?: { name: string; in: string; description?: string }[]; responses?: Record<string, { description: string }> };
      const params = [...((item["parameters"] as typeof o.parameters) ?? []), ...(o.parameters ?? [])];
      ops.push(`<section><h3><code>${method.toUpperCase()} ${esc(p)}</code></h3><p>${esc(o.summary)}${o.security ? " <em>(cần khóa truy cập)</em>" : ""}</p>${o.description ? `<p>${esc(o.description)}</p>` : ""}
${params.length ? `<p>Tham số: ${params.map((x) => `<code>${esc(x.name)}</code> (${esc(x.in)})${x.description ? ` — ${esc(x.description)}` : ""}`).join("; ")}</p>` : ""}
<p>Trả về: ${Object.entries(o.responses ?? {}).map(([s, r]) => `<code>${s}</code> ${esc(r.description)}`).join(" · ")}</p></section>`);
    }
  }
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(info.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .2em}section{border-top:1px solid #ddd;padding:.5rem 0}</style></head>
<body><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>Tài liệu máy đọc: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1, sinh từ chính các lược đồ zod dùng để kiểm tra dữ liệu).</p>
<p>Dùng trong Excel: <em>Data → Get Data → From Web</em> với <code>…/rankings?format=xlsx</code> (số luôn là số, máy đặt tiếng Việt cũng vậy); mở tệp CSV trong Excel/LibreOffice đặt tiếng Việt: <code>?format=csv&amp;locale=vi</code>; Google Sheets: <code>=IMPORTDATA("…/appendices/2?format=csv")</code> (tỉnh công khai).</p>
${ops.join("\n")}</body></html>`;
}
