/**
 * Where the portal keeps each province, in both of its interfaces: the root department of the 2026
 * reporting API (portal-api-details.md §5) and the province id of the older service
 * `report_tinh_766_service`, which serves the periods before 2026 (§3). Built-in: the provinces whose
 * ids are known from recorded answers; a deployment adds others with the PORTAL_SOURCES variable.
 */
import { LEGACY_766_SERVICE, type Period } from "../../shared";
import { ApiError } from "../errors";

export interface PortalSource {
  /** The province's root department in the 2026 reporting API (a UUID). */
  readonly rootDepartmentId: string;
  readonly provinceName: string;
  /** The province's `p_tinh_id` in the older service (digits; Hà Nội "389181"). */
  readonly legacyProvinceId?: string;
}

export const PORTAL_SOURCES: Readonly<Record<string, PortalSource>> = {
  HN: { rootDepartmentId: "019d2be3-6a86-70a8-a0af-76e986804225", provinceName: "Thành phố Hà Nội", legacyProvinceId: "389181" },
  PT: { rootDepartmentId: "019d2be3-6a88-732b-8b17-b68020c8553a", provinceName: "Tỉnh Phú Thọ", legacyProvinceId: "422607" },
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
}

export function portalSource(env: Env, province: string): PortalSource {
  let extra: Record<string, PortalSource> = {};
  try {
    extra = env.PORTAL_SOURCES ? (JSON.parse(env.PORTAL_SOURCES) as Record<string, PortalSource>) : {};
  } catch {
    throw new ApiError("INTERNAL", "Cấu hình PORTAL_SOURCES không phải JSON hợp lệ.");
  }
  const source = extra[province] ?? PORTAL_SOURCES[province];
  if (!source) {
    const known = [...new Set([...Object.keys(PORTAL_SOURCES), ...Object.keys(extra)])].join(", ");
    throw new ApiError("NOT_FOUND", `Chưa biết mã đơn vị gốc trên Cổng DVCQG của "${province}" (đã có: ${known}); khai báo trong PORTAL_SOURCES.`);
  }
  return source;
}

/**
 * Which service to ask for a period: the 2026 API from 2026 on, the older service before. The older
 * service lives at /jsp/rest.jsp on the same host as the 2026 API (PORTAL_BASE_URL, when set).
 */
export function periodSource(env: Env, province: string, period: Period): PeriodSource {
  const source = portalSource(env, province);
  const base = env.PORTAL_BASE_URL || undefined;
  if (period.year >= REPORTING_2026_FROM_YEAR) return { service: "reporting-2026", id: source.rootDepartmentId, provinceName: source.provinceName, url: base };
  if (!source.legacyProvinceId) {
    throw new ApiError(
      "NOT_FOUND",
      `Kỳ trước năm ${REPORTING_2026_FROM_YEAR} lấy từ dịch vụ cũ của Cổng DVCQG (${LEGACY_766_SERVICE}), nhưng chưa biết mã tỉnh của "${province}" ở đó; khai báo legacyProvinceId trong PORTAL_SOURCES.`,
    );
  }
  return { service: LEGACY_766_SERVICE, id: source.legacyProvinceId, provinceName: source.provinceName, url: base ? new URL("/jsp/rest.jsp", base).href : undefined };
}
