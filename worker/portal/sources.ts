/**
 * Where the portal keeps each province, in both of its interfaces: the root department of the 2026
 * reporting API (portal-api-details.md §5) and the province id of the older service
 * `report_tinh_766_service`, which serves the periods before 2026 (§3). The 34 provinces' root ids and
 * names come from the province directory (shared/catalog/provinces.ts); the older service's ids are
 * built in for HN and PT only. The PORTAL_SOURCES variable (JSON, by short code) overrides any field of
 * a province or adds one outside the directory (the tests' stub provinces).
 */
import { LEGACY_766_SERVICE, lookupProvince, type Period, PROVINCE_NAMING_HINT, provinceByCode } from "../../shared";
import { ApiError } from "../errors";
import type { Bindings } from "../env";

export interface PortalSource {
  /** The province's root department in the 2026 reporting API (a UUID). */
  readonly rootDepartmentId: string;
  readonly provinceName: string;
  /** The province's `p_tinh_id` in the older service (digits; Hà Nội "389181"). */
  readonly legacyProvinceId?: string;
}

/**
 * Built-in additions to the directory: the older service's province ids known from recorded answers
 * (the directory has the 2026 root ids and names of all 34, not these).
 */
export const PORTAL_SOURCES: Readonly<Record<string, Partial<PortalSource>>> = {
  HN: { legacyProvinceId: "389181" },
  PT: { legacyProvinceId: "422607" },
};

/** The 2026 reporting API serves periods from this year on; the older service the years before. */
export const REPORTING_2026_FROM_YEAR = 2026;

export type PortalService = "reporting-2026" | typeof LEGACY_766_SERVICE;

/** The service that serves one period of a province, the province's id there, and the address asked. */
export interface PeriodSource {
  readonly service: PortalService;
  readonly id: string;
  readonly provinceName: string;
  /** The 2026 API's base, or the older service's full URL; undefined = the real portal's. */
  readonly url: string | undefined;
  /** Time limit of one try (PORTAL_TIMEOUT_MS when set, else the client's 10 s). */
  readonly timeoutMs?: number;
}

/** PORTAL_TIMEOUT_MS: a positive whole number of milliseconds, else undefined (the client's default). */
export function portalTimeout(env: Bindings): number | undefined {
  const ms = Number(env.PORTAL_TIMEOUT_MS || NaN);
  return Number.isInteger(ms) && ms > 0 ? ms : undefined;
}

export function portalSource(env: Bindings, province: string): PortalSource {
  let extra: Record<string, Partial<PortalSource>> = {};
  try {
    extra = env.PORTAL_SOURCES ? (JSON.parse(env.PORTAL_SOURCES) as Record<string, Partial<PortalSource>>) : {};
  } catch {
    throw new ApiError("INTERNAL", "Cấu hình PORTAL_SOURCES không phải JSON hợp lệ.");
  }
  const listed = provinceByCode(province);
  const directory: Partial<PortalSource> = listed ? { rootDepartmentId: listed.rootDepartmentId, provinceName: listed.name } : {};
  const source = { ...directory, ...PORTAL_SOURCES[province], ...extra[province] };
  if (source.rootDepartmentId && source.provinceName) return source as PortalSource;
  if (Object.keys(source).length) {
    throw new ApiError("INTERNAL", `Cấu hình PORTAL_SOURCES của "${province}" thiếu rootDepartmentId hoặc provinceName (tỉnh này không có trong danh mục 34 tỉnh, thành phố).`);
  }
  const meant = lookupProvince(province);
  const hint = meant.province
    ? ` Mã của ${meant.province.name} là ${meant.province.code}.`
    : meant.candidates.length
      ? ` Có phải: ${meant.candidates.map((p) => `${p.code} (${p.name})`).join(", ")}?`
      : "";
  throw new ApiError(
    "NOT_FOUND",
    `Không có tỉnh, thành phố "${province}" trong danh mục 34 tỉnh, thành phố.${hint} Gọi tỉnh bằng ${PROVINCE_NAMING_HINT}; tỉnh ngoài danh mục khai báo trong PORTAL_SOURCES.`,
  );
}

/**
 * Which service to ask for a period: the 2026 API from 2026 on, the older service before. The older
 * service lives at /jsp/rest.jsp on the same host as the 2026 API (PORTAL_BASE_URL, when set).
 */
export function periodSource(env: Bindings, province: string, period: Period): PeriodSource {
  const source = portalSource(env, province);
  const base = env.PORTAL_BASE_URL || undefined;
  const timeoutMs = portalTimeout(env);
  const limit = timeoutMs ? { timeoutMs } : {};
  if (period.year >= REPORTING_2026_FROM_YEAR) return { service: "reporting-2026", id: source.rootDepartmentId, provinceName: source.provinceName, url: base, ...limit };
  if (!source.legacyProvinceId) {
    throw new ApiError(
      "NOT_FOUND",
      `Kỳ trước năm ${REPORTING_2026_FROM_YEAR} lấy từ dịch vụ cũ của Cổng DVCQG (${LEGACY_766_SERVICE}), nhưng chưa biết mã tỉnh của "${province}" ở đó; khai báo legacyProvinceId trong PORTAL_SOURCES.`,
    );
  }
  return { service: LEGACY_766_SERVICE, id: source.legacyProvinceId, provinceName: source.provinceName, url: base ? new URL("/jsp/rest.jsp", base).href : undefined, ...limit };
}
