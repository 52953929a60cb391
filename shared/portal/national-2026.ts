/**
 * The portal's national summary (`service-results`, portal-api-details.md §4.3) read into plain rows:
 * each province's total and six group scores, with every problem named by its JSON path. Pure; the
 * Worker fetches (worker/portal/national.ts) and keeps the raw answer whatever this reader says.
 *
 * What is relied on: `code` "OK"; `data.evaluation[]`, one row per province, each with `departmentId`,
 * `departmentCode`, `departmentName`, `totalScore` (number) and `groupScores` holding exactly the six
 * group keys (numbers). After 1/7/2025 there are 34 provinces: a 35th, a missing one or a duplicate is
 * a problem, and so is a group key the reader does not know (a renamed key would silently drop a group).
 */
import { PROVINCES } from "../catalog/provinces";
import type { GroupCode, NationalSummaryInput } from "../model";
import { GROUP_CODES } from "../rules/methodology";

/** Provinces in the national summary since the reform of 1/7/2025 (63 before). */
export const NATIONAL_PROVINCES = 34;

export interface NationalProvinceRow {
  /** The portal's province code ("H26"). */
  readonly portalCode: string;
  /** As the portal names it ("UBND Thành phố Hà Nội"). */
  readonly name: string;
  /** The province's root department in the 2026 reporting API. */
  readonly rootDepartmentId: string;
  readonly total: number;
  readonly groups: Readonly<Record<GroupCode, number>>;
  /** The portal's `scoreDelta` (what it is measured against is not documented), null when absent. */
  readonly scoreDelta: number | null;
}

export interface NationalSummary {
  /** The country's own score (`data.overview.totalScore`), null when absent. */
  readonly countryTotal: number | null;
  readonly provinces: readonly NationalProvinceRow[];
}

export interface NationalRead {
  /** null when the answer cannot be used at all. */
  readonly value: NationalSummary | null;
  /** Vietnamese, each naming the JSON path it concerns; empty when the answer is as expected. */
  readonly problems: readonly string[];
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const KNOWN_GROUPS = new Set<string>(GROUP_CODES);

/** Read a `service-results` answer. `expected` is the number of provinces the period has. */
export function readNationalSummary(raw: unknown, expected: number = NATIONAL_PROVINCES): NationalRead {
  if (!isObj(raw)) return { value: null, problems: ["câu trả lời không phải JSON đối tượng"] };
  const problems: string[] = [];
  if (raw["code"] !== "OK") problems.push(`code: "${String(raw["code"])}" khác "OK"`);
  const data = raw["data"];
  if (!isObj(data)) return { value: null, problems: [...problems, "data: thiếu"] };
  const list = data["evaluation"];
  if (!Array.isArray(list)) return { value: null, problems: [...problems, "data.evaluation: thiếu danh sách tỉnh"] };

  const provinces: NationalProvinceRow[] = [];
  const seen = new Map<string, number>();
  list.forEach((row: unknown, i) => {
    const at = `data.evaluation[${i}]`;
    if (!isObj(row)) {
      problems.push(`${at}: không phải đối tượng`);
      return;
    }
    const code = row["departmentCode"];
    const name = row["departmentName"];
    const id = row["departmentId"];
    const total = row["totalScore"];
    const groups = row["groupScores"];
    const own: string[] = [];
    if (typeof code !== "string" || !code) own.push(`${at}.departmentCode: thiếu`);
    if (typeof name !== "string" || !name) own.push(`${at}.departmentName: thiếu`);
    if (typeof id !== "string" || !id) own.push(`${at}.departmentId: thiếu`);
    if (!isNumber(total)) own.push(`${at}.totalScore: không phải số (${JSON.stringify(total ?? null)})`);
    const scores: Partial<Record<GroupCode, number>> = {};
    if (!isObj(groups)) own.push(`${at}.groupScores: thiếu`);
    else {
      for (const key of Object.keys(groups)) if (!KNOWN_GROUPS.has(key)) own.push(`${at}.groupScores.${key}: nhóm chỉ số không biết`);
      for (const g of GROUP_CODES) {
        const v = groups[g];
        if (isNumber(v)) scores[g] = v;
        else own.push(`${at}.groupScores.${g}: ${v === undefined ? "thiếu" : `không phải số (${JSON.stringify(v)})`}`);
      }
    }
    if (own.length) {
      problems.push(...own);
      return;
    }
    const portalCode = code as string;
    const first = seen.get(portalCode);
    if (first !== undefined) {
      problems.push(`${at}.departmentCode: "${portalCode}" trùng với data.evaluation[${first}]`);
      return;
    }
    seen.set(portalCode, i);
    const delta = row["scoreDelta"];
    provinces.push({ portalCode, name: name as string, rootDepartmentId: id as string, total: total as number, groups: scores as Record<GroupCode, number>, scoreDelta: isNumber(delta) ? delta : null });
  });
  if (list.length !== expected) problems.push(`data.evaluation: ${list.length} tỉnh, thành phố thay vì ${expected}`);
  const overview = data["overview"];
  const countryTotal = isObj(overview) && isNumber(overview["totalScore"]) ? overview["totalScore"] : null;
  return { value: { countryTotal, provinces }, problems: problems.slice(0, 20) };
}

const BY_PORTAL_CODE = new Map(PROVINCES.map((p) => [p.portalCode, p]));

/**
 * A national summary as the engine's input (national/ranking.ts): each province under the directory's
 * short code and official name ("HN", "Thành phố Hà Nội"); a code the directory does not know stays as
 * the portal wrote it (the ranking reports it).
 */
export function nationalInput(summary: NationalSummary, period: string): NationalSummaryInput {
  return {
    period,
    provinces: summary.provinces.map((p) => {
      const known = BY_PORTAL_CODE.get(p.portalCode);
      return { code: known?.code ?? p.portalCode, name: known?.name ?? p.name, total: p.total, groups: p.groups };
    }),
  };
}
