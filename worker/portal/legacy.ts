/**
 * Client of the older 766 service (`jsp/rest.jsp`, `report_tinh_766_service`; portal-api-details.md
 * §3), behind the same interface and politeness policy as the 2026 client: one form-encoded request
 * per period with the minimal headers that worked in production, its answer kept raw, then parsed;
 * the fetch is complete only when the answer arrived and every row passed the checks.
 */
import { LEGACY_766_SERVICE, LEGACY_766_URL, legacyFormBody, legacyParams, type LegacyProblem, type LegacyUnitRow, parseLegacy766, type Period } from "../../shared";
import { politeCall, type MonthFetch, type PortalClientOptions, type PortalRequest } from "./client";

export type LegacyService = typeof LEGACY_766_SERVICE;

export interface LegacyFetch extends MonthFetch<LegacyService> {
  /** The parsed rows (empty when the answer did not arrive or was not a list). */
  readonly rows: readonly LegacyUnitRow[];
  readonly problems: readonly LegacyProblem[];
}

/** `provinceId` is the gateway's province ID (e.g. "389181" for Hà Nội, "398126" for An Giang). */
export async function fetchLegacy766(provinceId: string, period: Period, options: PortalClientOptions = {}): Promise<LegacyFetch> {
  const params = legacyParams(provinceId, period);
  const request: PortalRequest<LegacyService> = { criterion: LEGACY_766_SERVICE, url: options.baseUrl ?? LEGACY_766_URL, body: params };
  const call = await politeCall(
    request.url,
    { headers: { "content-type": "application/x-www-form-urlencoded; charset=UTF-8", "x-requested-with": "XMLHttpRequest", accept: "application/json" }, body: legacyFormBody(params) },
    options,
    true,
  );
  const raw = [...(call.text !== undefined ? [call.text] : []), ...(call.answer !== undefined ? [call.answer] : [])];
  const base = { criterion: LEGACY_766_SERVICE, requests: [request], raw, attempts: call.attempts } as const;
  const settled = (fetched: LegacyFetch): LegacyFetch => {
    if (fetched.results[0]) options.onCriterion?.(fetched.results[0], 0, 1);
    return fetched;
  };
  if (call.failure || call.answer === undefined) {
    const failure = call.failure ?? { status: null, error: "Cổng không trả lời." };
    return settled({ results: [{ ...base, ok: false, ...failure }], complete: false, stoppedBy: call.stop, ...(call.unreachable ? { unreachable: true } : {}), rows: [], problems: [] });
  }
  const { rows, problems } = parseLegacy766(call.answer);
  if (problems.length) {
    const error = `Dữ liệu không đúng cấu trúc đã biết: ${problems.slice(0, 10).map((p) => `${p.path || "(gốc)"}: ${p.message}`).join("; ")}`;
    return settled({ results: [{ ...base, ok: false, status: 200, error }], complete: false, stoppedBy: null, rows, problems });
  }
  return settled({ results: [{ ...base, ok: true }], complete: true, stoppedBy: null, rows, problems });
}
