/**
 * Which portal department is each province's root in the 2026 reporting API. Built-in: the provinces
 * whose root id is known from recorded answers (portal-api-details.md §5); a deployment adds others
 * with the PORTAL_SOURCES variable.
 */
import { ApiError } from "../errors";

export interface PortalSource {
  readonly rootDepartmentId: string;
  readonly provinceName: string;
}

export const PORTAL_SOURCES: Readonly<Record<string, PortalSource>> = {
  HN: { rootDepartmentId: "019d2be3-6a86-70a8-a0af-76e986804225", provinceName: "Thành phố Hà Nội" },
  PT: { rootDepartmentId: "019d2be3-6a88-732b-8b17-b68020c8553a", provinceName: "Tỉnh Phú Thọ" },
};

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
