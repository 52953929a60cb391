/**
 * The older 766 service (`jsp/rest.jsp`, `report_tinh_766_service`, 2023–2025; portal-api-details.md
 * §3) — its request form and its rows mapped to the engine's datasets.
 *
 * Every value arrives as a JSON string ("19.05", "10", "91.7"); an empty or missing value stays null,
 * never 0, and a value that is not a plain decimal is a problem naming the row and field. The province's
 * own row is not in a province's unit list; `ROW_STT` numbers ties consecutively, so ranks are the
 * engine's, never the portal's. Pure: the fetching lives in the Worker.
 */
import { levelOfKind, stripProvinceSuffix } from "../catalog/resolve";
import type { Catalog, GroupCode, Period, ReportInput, Unit, UnitKind } from "../model";

export const LEGACY_766_URL = "https://dichvucong.gov.vn/jsp/rest.jsp";
export const LEGACY_766_SERVICE = "report_tinh_766_service";

/** The six group fields, in the order the portal's table shows them. */
export const LEGACY_GROUP_FIELDS: readonly GroupCode[] = ["CKMB", "TDGQ", "CLGQ", "TTTT", "MDHL", "MDSH"];

/**
 * The `params` object of one request: exactly one of `p_thang` / `p_quy` is set for a month or a
 * quarter, none for a year. pageSize 1000 so a Hà Nội-sized list is never cut at 100 (§3.7).
 */
export function legacyParams(provinceId: string, period: Period): Record<string, string | number> {
  return {
    type: "ref",
    service: LEGACY_766_SERVICE,
    p_nam: String(period.year),
    p_tinh_id: provinceId,
    p_thang: period.kind === "month" ? period.month : 0,
    p_quy: period.kind === "quarter" ? period.quarter : 0,
    p_6thang: 0,
    pageIndex: 1,
    pageSize: 1000,
    p_loaidonvi: 1,
    loaichitieu: 0,
  };
}

/** The form-encoded body: a single field `params` holding the JSON text. */
export function legacyFormBody(params: Record<string, string | number>): string {
  return `params=${encodeURIComponent(JSON.stringify(params))}`;
}

export interface LegacyUnitRow {
  readonly id: string;
  readonly name: string;
  readonly code: string | null;
  /** LOAI_COQUAN: 1 province, 2 sở/ban/ngành, 3 xã/phường/đặc khu. */
  readonly type: "province" | "department" | "commune" | null;
  readonly groups: Partial<Record<GroupCode, number | null>>;
  readonly total: number | null;
  readonly rowNo: number | null;
}

export interface LegacyProblem {
  /** JSON path into the answer, e.g. `[3].TDGQ`. */
  readonly path: string;
  readonly message: string;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** The list inside an answer: a bare list, or `{data: [...]}`, or the paged `{TOTAL, ROW: [...]}`. */
function listOf(answer: unknown): { list: unknown[]; prefix: string } | null {
  if (Array.isArray(answer)) return { list: answer, prefix: "" };
  if (isObj(answer) && Array.isArray(answer["data"])) return { list: answer["data"], prefix: "data" };
  if (isObj(answer) && Array.isArray(answer["ROW"])) return { list: answer["ROW"], prefix: "ROW" };
  return null;
}

/** Parse one answer; every problem names its JSON path and is worded in Vietnamese. */
export function parseLegacy766(answer: unknown): { rows: LegacyUnitRow[]; problems: LegacyProblem[] } {
  const found = listOf(answer);
  if (!found) return { rows: [], problems: [{ path: "", message: "Câu trả lời không phải danh sách đơn vị (cần mảng, data[] hoặc ROW[])." }] };
  const problems: LegacyProblem[] = [];
  const rows: LegacyUnitRow[] = [];
  found.list.forEach((item, i) => {
    const at = (field: string) => `${found.prefix}[${i}]${field ? `.${field}` : ""}`;
    if (!isObj(item)) {
      problems.push({ path: at(""), message: `Dòng ${i + 1} không phải đối tượng.` });
      return;
    }
    const num = (field: string): number | null => {
      const v = item[field];
      if (v === null || v === undefined || v === "") return null;
      const text = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : null;
      if (text === null || !DECIMAL.test(text)) {
        problems.push({ path: at(field), message: `${field} = ${JSON.stringify(v)} không phải số.` });
        return null;
      }
      return Number(text);
    };
    const id = typeof item["ID"] === "string" || typeof item["ID"] === "number" ? String(item["ID"]) : "";
    const name = typeof item["TEN"] === "string" ? item["TEN"].trim() : "";
    if (!id) problems.push({ path: at("ID"), message: "Thiếu mã đơn vị (ID)." });
    if (!name) problems.push({ path: at("TEN"), message: "Thiếu tên đơn vị (TEN)." });
    if (!("TONG_SCORE" in item)) problems.push({ path: at("TONG_SCORE"), message: "Thiếu trường TONG_SCORE (cấu trúc câu trả lời đã đổi?)." });
    for (const g of LEGACY_GROUP_FIELDS) if (!(g in item)) problems.push({ path: at(g), message: `Thiếu trường ${g} (cấu trúc câu trả lời đã đổi?).` });
    const type = String(item["LOAI_COQUAN"] ?? "");
    rows.push({
      id,
      name,
      code: typeof item["MA_COQUAN"] === "string" ? item["MA_COQUAN"] : null,
      type: type === "1" ? "province" : type === "2" ? "department" : type === "3" ? "commune" : null,
      groups: Object.fromEntries(LEGACY_GROUP_FIELDS.map((g) => [g, num(g)])),
      total: num("TONG_SCORE"),
      rowNo: num("ROW_STT"),
    });
  });
  // A list cut short: ROW_STT runs 1..n across the list, so its largest value must equal the row count.
  const maxRowNo = Math.max(0, ...rows.map((r) => r.rowNo ?? 0));
  if (maxRowNo > rows.length) problems.push({ path: found.prefix, message: `Danh sách có ${rows.length} dòng nhưng ROW_STT lên tới ${maxRowNo}: câu trả lời có thể bị cắt.` });
  return { rows, problems };
}

function kindOf(row: LegacyUnitRow): UnitKind {
  const name = stripProvinceSuffix(row.name);
  if (row.type === "province") return "tinh";
  if (row.type === "commune") return /^UBND\s+phường/i.test(name) ? "phuong" : "xa";
  return /^Ban\b/i.test(name) ? "ban" : /^Sở\b/i.test(name) ? "so" : "nganh";
}

/** A catalog from the rows themselves (ids are the gateway's), for a province without a built-in one. */
export function catalogFromLegacy(rows: readonly LegacyUnitRow[], provinceId: string, provinceName: string): Catalog {
  const units: Unit[] = rows
    .filter((r) => r.id && r.name)
    .map((r) => {
      const name = stripProvinceSuffix(r.name);
      const kind = kindOf(r);
      return { id: r.id, name, shortName: name.replace(/^(UBND\s+)?(xã|phường|đặc khu|Sở|Ban)\s+/i, ""), kind, level: levelOfKind(kind), aliases: [r.name] };
    });
  return { id: provinceId, provinceName, provinceWord: "tỉnh", units };
}

/** The rows as one report input: each unit's total and six group points (the engine checks their sum). */
export function legacyReportInput(rows: readonly LegacyUnitRow[], province: string, period: string): ReportInput {
  return {
    province,
    period,
    unitScores: rows.filter((r) => r.type !== "province").map((r) => ({ unit: r.id || r.name, total: r.total, groups: r.groups })),
  };
}
