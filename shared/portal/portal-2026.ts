/**
 * The 2026 reporting API's answers (portal-api.md §1) mapped to the engine's datasets.
 *
 * Six criteria, two shapes: A (`overview` + `evaluation[]`, each with `metrics[]`) and B (`parent` +
 * `children[]`, with counts). Null stays null; a field this mapping does not know is ignored here (the
 * raw answer is what the Worker stores). Units are matched across criteria by `departmentId`.
 * Pure: the fetching lives in the Worker.
 */
import { levelOfKind, stripProvinceSuffix } from "../catalog/resolve";
import type { Catalog, GroupCode, IndicatorInput, ProvinceSummaryInput, ReportInput, Unit, UnitKind, UnitScoreInput } from "../model";

export const PORTAL_2026_CRITERIA = [
  "transparency",
  "dvc-progress-tree",
  "provide-online-tree",
  "formality-online-payment-tree",
  "handling-satisfaction",
  "dossier-digitized",
] as const;
export type Portal2026Criterion = (typeof PORTAL_2026_CRITERIA)[number];

export const CRITERION_GROUP: Record<Portal2026Criterion, GroupCode> = {
  transparency: "CKMB",
  "dvc-progress-tree": "TDGQ",
  "provide-online-tree": "CLGQ",
  "formality-online-payment-tree": "TTTT",
  "handling-satisfaction": "MDHL",
  "dossier-digitized": "MDSH",
};

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const numOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Shape-B count fields → indicator numerator / denominator. */
const TREE_INDICATORS: Partial<Record<Portal2026Criterion, readonly [code: string, numerator: string | readonly string[], denominator: string][]>> = {
  "dvc-progress-tree": [["PROGRESS_ON_TIME", "totalOnTime", "totalReceived"]],
  "provide-online-tree": [
    ["ONLINE_TTHC_PROVIDED", ["partialCount", "fullCount"], "authorityCount"],
    ["ONLINE_SERVICE_WITH_DOSSIERS", "onlineDossierCount", "onlineServiceTotal"],
    ["ONLINE_SUBMISSION", "channelOnlineSum", "channelTotalSum"],
  ],
  "formality-online-payment-tree": [
    ["PAY_PROVISION", "totalFeeDossierFormality", "totalFeeFormality"],
    ["PAY_FORMALITIES", "totalDossierOnlineFormalityPaymentSuccess", "totalFeeDossierFormalityDistinct"],
    ["PAY_DOSSIERS", "totalDossierOnlinePaymentSuccess", "totalDossierFinancialObligation"],
  ],
};

export interface PortalUnitRow {
  readonly departmentId: string;
  readonly name: string;
  readonly level: string | null;
  readonly isProvince: boolean;
  readonly groups: Partial<Record<GroupCode, number | null>>;
  readonly indicators: Record<string, IndicatorInput>;
  readonly dataQuality: { code: string; message: string; indicator?: string }[];
}

function rowsOf(answer: unknown): { row: Json; isProvince: boolean }[] {
  const data = isObj(answer) && isObj(answer["data"]) ? answer["data"] : null;
  if (!data) return [];
  const head = isObj(data["overview"]) ? data["overview"] : isObj(data["parent"]) ? data["parent"] : null;
  const list = Array.isArray(data["evaluation"]) ? data["evaluation"] : Array.isArray(data["children"]) ? data["children"] : [];
  return [...(head ? [{ row: head, isProvince: true }] : []), ...list.filter(isObj).map((row) => ({ row, isProvince: false }))];
}

/** Every unit with every figure the six answers carry, keyed by departmentId, province first. */
export function mapPortal2026(answers: Partial<Record<Portal2026Criterion, unknown>>): PortalUnitRow[] {
  const units = new Map<string, PortalUnitRow>();
  for (const criterion of PORTAL_2026_CRITERIA) {
    const answer = answers[criterion];
    if (answer === undefined) continue;
    const group = CRITERION_GROUP[criterion];
    for (const { row, isProvince } of rowsOf(answer)) {
      const id = typeof row["departmentId"] === "string" ? row["departmentId"] : null;
      if (!id) continue;
      let unit = units.get(id);
      if (!unit) {
        unit = {
          departmentId: id,
          name: typeof row["departmentName"] === "string" ? row["departmentName"] : id,
          level: typeof row["departmentLevel"] === "string" ? row["departmentLevel"] : typeof row["level"] === "string" ? row["level"] : null,
          isProvince,
          groups: {},
          indicators: {},
          dataQuality: [],
        };
        units.set(id, unit);
      }
      unit.groups[group] = numOrNull(row["totalScore"]) ?? numOrNull(row["score"]);
      if (Array.isArray(row["metrics"])) {
        for (const m of row["metrics"].filter(isObj)) {
          const code = typeof m["code"] === "string" ? m["code"] : null;
          if (!code) continue;
          unit.indicators[code] = { numerator: numOrNull(m["numerator"]), denominator: numOrNull(m["denominator"]), rate: null, points: numOrNull(m["score"]) };
          if (typeof m["dataQualityStatus"] === "string") {
            unit.dataQuality.push({ code: m["dataQualityStatus"], message: typeof m["dataQualityMessage"] === "string" ? m["dataQualityMessage"] : "", indicator: code });
          }
        }
      }
      for (const [code, numField, denField] of TREE_INDICATORS[criterion] ?? []) {
        const fields = typeof numField === "string" ? [numField] : numField;
        const parts = fields.map((f) => numOrNull(row[f]));
        const denominator = numOrNull(row[denField]);
        if (parts.some((p) => p === null) || denominator === null) continue;
        unit.indicators[code] = { numerator: parts.reduce<number>((a, b) => a + (b ?? 0), 0), denominator, rate: null, points: null };
      }
    }
  }
  return [...units.values()].sort((a, b) => Number(b.isProvince) - Number(a.isProvince));
}

/** Group totals as published, and the total as their plain sum (the portal prints no grand total). */
export function portalRowToUnitScore(row: PortalUnitRow, unitName = row.name): UnitScoreInput {
  return { unit: unitName, groups: row.groups, indicators: row.indicators, dataQuality: row.dataQuality };
}

export function portalRowToSummary(row: PortalUnitRow): ProvinceSummaryInput {
  return { groups: row.groups, indicators: row.indicators };
}

/**
 * A catalog of the units a portal answer lists (for a province without a built-in catalog): one unit
 * per departmentId, named as the portal names it without the province suffix.
 */
export function catalogFromPortal(rows: readonly PortalUnitRow[], provinceId: string, provinceName: string): Catalog {
  const units: Unit[] = rows.map((r) => {
    const name = stripProvinceSuffix(r.name);
    const kind: UnitKind = r.isProvince ? "tinh" : r.level === "COMMUNE" ? (/^UBND\s+phường/i.test(name) ? "phuong" : "xa") : /^Ban\b/i.test(name) ? "ban" : /^Sở\b/i.test(name) ? "so" : "nganh";
    return { id: r.departmentId, name, shortName: name.replace(/^(UBND\s+)?(xã|phường|Sở|Ban)\s+/i, ""), kind, level: levelOfKind(kind), aliases: [r.name] };
  });
  return { id: provinceId, provinceName, provinceWord: "tỉnh", units };
}

/** The answers as one report input: the province row as Phụ lục 1's figures, every unit's scores. */
export function portalReportInput(answers: Partial<Record<Portal2026Criterion, unknown>>, province: string, period: string): { input: ReportInput; rows: PortalUnitRow[] } {
  const rows = mapPortal2026(answers);
  const head = rows.find((r) => r.isProvince);
  const input: ReportInput = {
    province,
    period,
    ...(head ? { summary: portalRowToSummary(head) } : {}),
    unitScores: rows.filter((r) => !r.isProvince).map((r) => portalRowToUnitScore(r, r.departmentId)),
  };
  return { input, rows };
}
