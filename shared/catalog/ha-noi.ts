/**
 * Hà Nội's units across the 2025 reorganisation.
 *
 * - Before 1/7/2025: 30 quận/huyện/thị xã (Phụ lục 2 of seed 000) and the sở/ban/ngành of the monthly
 *   letters (Phụ lục 3 of seed 000, plus the agencies that report on the portal but had no overdue
 *   dossiers that month).
 * - From 1/3/2025 the departments were merged (Nghị quyết của HĐND Thành phố về thành lập, tổ chức lại
 *   các sở, effective 1/3/2025; verify the list against that resolution before relying on it): the
 *   merged units are new units whose `predecessors` name the old ones, so a comparison across the date
 *   says "hợp nhất" instead of inventing a delta.
 * - From 1/7/2025: two-level local government; the districts end and 126 xã/phường begin
 *   (ha-noi-communes-2025.ts).
 */
import type { Catalog, Unit, UnitKind } from "../model";
import { fold } from "../text/vn-text";
import { HA_NOI_COMMUNES_2025 } from "./ha-noi-communes-2025";

const P = "HN";
const DEPARTMENT_MERGER = "2025-03-01";
const REFORM = "2025-07-01";

const slug = (text: string) => fold(text).replace(/ /g, "_").toUpperCase();

/** [short name, kind, former-district code of the 2025 mapping table] */
const DISTRICTS: readonly [string, UnitKind, string][] = [
  ["Ba Đình", "quan", "10101"],
  ["Hoàn Kiếm", "quan", "10105"],
  ["Tây Hồ", "quan", "10103"],
  ["Long Biên", "quan", "10106"],
  ["Cầu Giấy", "quan", "10113"],
  ["Đống Đa", "quan", "10109"],
  ["Hai Bà Trưng", "quan", "10107"],
  ["Hoàng Mai", "quan", "10108"],
  ["Thanh Xuân", "quan", "10111"],
  ["Nam Từ Liêm", "quan", "10155"],
  ["Bắc Từ Liêm", "quan", "10157"],
  ["Hà Đông", "quan", "10127"],
  ["Sơn Tây", "thi_xa", "10129"],
  ["Sóc Sơn", "huyen", "10115"],
  ["Đông Anh", "huyen", "10117"],
  ["Gia Lâm", "huyen", "10119"],
  ["Thanh Trì", "huyen", "10123"],
  ["Mê Linh", "huyen", "10125"],
  ["Ba Vì", "huyen", "10151"],
  ["Phúc Thọ", "huyen", "10131"],
  ["Đan Phượng", "huyen", "10133"],
  ["Hoài Đức", "huyen", "10137"],
  ["Quốc Oai", "huyen", "10139"],
  ["Thạch Thất", "huyen", "10135"],
  ["Chương Mỹ", "huyen", "10153"],
  ["Thanh Oai", "huyen", "10141"],
  ["Thường Tín", "huyen", "10143"],
  ["Phú Xuyên", "huyen", "10149"],
  ["Ứng Hòa", "huyen", "10147"],
  ["Mỹ Đức", "huyen", "10145"],
];

const KIND_WORD: Partial<Record<UnitKind, string>> = { quan: "quận", huyen: "huyện", thi_xa: "thị xã", xa: "xã", phuong: "phường" };

function district([shortName, kind, code]: readonly [string, UnitKind, string]): Unit {
  const word = KIND_WORD[kind] ?? "";
  return {
    id: `${P}.D.${slug(shortName)}`,
    name: `UBND ${word} ${shortName}`,
    shortName,
    kind,
    level: "district",
    parentId: P,
    code,
    validTo: REFORM,
    aliases: shortName === "Ứng Hòa" ? ["UBND huyện Ứng Hoà"] : [],
  };
}

/** [id suffix, official name, kind, aliases, validFrom, validTo, predecessors] */
type Dept = [string, string, UnitKind, string[], string?, string?, string[]?];
const DEPARTMENTS: readonly Dept[] = [
  // Unchanged by the 2025 merger.
  ["TU_PHAP", "Sở Tư pháp", "so", []],
  ["Y_TE", "Sở Y tế", "so", []],
  ["GIAO_DUC", "Sở Giáo dục và Đào tạo", "so", []],
  ["VAN_HOA", "Sở Văn hóa và Thể thao", "so", ["Sở Văn hoá và Thể thao"]],
  ["DU_LICH", "Sở Du lịch", "so", []],
  ["CONG_THUONG", "Sở Công Thương", "so", []],
  ["NGOAI_VU", "Sở Ngoại vụ", "so", []],
  ["QUY_HOACH", "Sở Quy hoạch - Kiến trúc", "so", ["Sở QHKT"]],
  ["BQL_KCN", "Ban Quản lý các khu công nghiệp và chế xuất", "ban", ["Ban Quản lý các khu công nghiệp và chế xuất Hà Nội", "BQL các KCN và CX"]],
  ["THANH_TRA", "Thanh tra Thành phố", "nganh", []],
  ["VP_UBND", "Văn phòng UBND Thành phố", "nganh", ["Văn phòng Ủy ban nhân dân Thành phố"]],
  ["CONG_AN", "Công an Thành phố", "nganh", ["Công an thành phố Hà Nội"]],
  // Ended by the merger of 1/3/2025.
  ["TAI_NGUYEN", "Sở Tài nguyên và Môi trường", "so", ["Sở TNMT"], undefined, DEPARTMENT_MERGER],
  ["GIAO_THONG", "Sở Giao thông vận tải", "so", ["Sở GTVT"], undefined, DEPARTMENT_MERGER],
  ["KE_HOACH", "Sở Kế hoạch và Đầu tư", "so", ["Sở KHĐT"], undefined, DEPARTMENT_MERGER],
  ["XAY_DUNG_2024", "Sở Xây dựng", "so", [], undefined, DEPARTMENT_MERGER],
  ["LAO_DONG", "Sở Lao động - Thương binh và Xã hội", "so", ["Sở LĐTBXH"], undefined, DEPARTMENT_MERGER],
  ["NOI_VU_2024", "Sở Nội vụ", "so", [], undefined, DEPARTMENT_MERGER],
  ["NONG_NGHIEP", "Sở Nông nghiệp và Phát triển nông thôn", "so", ["Sở NN&PTNT"], undefined, DEPARTMENT_MERGER],
  ["KHOA_HOC_2024", "Sở Khoa học và Công nghệ", "so", [], undefined, DEPARTMENT_MERGER],
  ["THONG_TIN", "Sở Thông tin và Truyền thông", "so", ["Sở TTTT"], undefined, DEPARTMENT_MERGER],
  ["TAI_CHINH_2024", "Sở Tài chính", "so", [], undefined, DEPARTMENT_MERGER],
  ["BAN_DAN_TOC", "Ban Dân tộc", "ban", [], undefined, DEPARTMENT_MERGER],
  // Formed by the merger.
  ["TAI_CHINH", "Sở Tài chính", "so", [], DEPARTMENT_MERGER, undefined, ["TAI_CHINH_2024", "KE_HOACH"]],
  ["XAY_DUNG", "Sở Xây dựng", "so", [], DEPARTMENT_MERGER, undefined, ["XAY_DUNG_2024", "GIAO_THONG"]],
  ["NONG_NGHIEP_MOI_TRUONG", "Sở Nông nghiệp và Môi trường", "so", [], DEPARTMENT_MERGER, undefined, ["NONG_NGHIEP", "TAI_NGUYEN"]],
  ["KHOA_HOC", "Sở Khoa học và Công nghệ", "so", [], DEPARTMENT_MERGER, undefined, ["KHOA_HOC_2024", "THONG_TIN"]],
  ["NOI_VU", "Sở Nội vụ", "so", [], DEPARTMENT_MERGER, undefined, ["NOI_VU_2024", "LAO_DONG"]],
  ["DAN_TOC_TON_GIAO", "Sở Dân tộc và Tôn giáo", "so", [], DEPARTMENT_MERGER, undefined, ["BAN_DAN_TOC"]],
];

function department([suffix, name, kind, aliases, validFrom, validTo, predecessors]: Dept): Unit {
  return {
    id: `${P}.S.${suffix}`,
    name,
    shortName: name.replace(/^(Sở|Ban)\s+/, ""),
    kind,
    level: "department",
    parentId: P,
    aliases,
    ...(validFrom ? { validFrom } : {}),
    ...(validTo ? { validTo } : {}),
    ...(predecessors ? { predecessors: predecessors.map((p) => `${P}.S.${p}`) } : {}),
  };
}

const districts = DISTRICTS.map(district);
const districtByCode = new Map(districts.map((d) => [d.code, d]));

const communes: Unit[] = HA_NOI_COMMUNES_2025.map(([code, name, formerDistrict]) => {
  const isWard = name.startsWith("Phường");
  const shortName = name.replace(/^(Phường|Xã)\s+/, "");
  const former = districtByCode.get(formerDistrict);
  return {
    id: `${P}.C.${code}`,
    name: `UBND ${isWard ? "phường" : "xã"} ${shortName}`,
    shortName,
    kind: isWard ? "phuong" : "xa",
    level: "commune",
    parentId: P,
    code,
    validFrom: REFORM,
    ...(former ? { formerUnits: [former.id], successionNote: `chủ yếu từ địa bàn ${former.name.replace(/^UBND /, "")} cũ` } : {}),
  };
});

export const HA_NOI: Catalog = {
  id: P,
  provinceName: "Thành phố Hà Nội",
  provinceWord: "thành phố",
  reformDate: REFORM,
  units: [
    { id: P, name: "UBND Thành phố Hà Nội", shortName: "Hà Nội", kind: "thanh_pho_tw", level: "province", code: "H26", aliases: ["Thành phố Hà Nội", "Hà Nội"] },
    ...DEPARTMENTS.map(department),
    ...districts,
    ...communes,
  ],
};
