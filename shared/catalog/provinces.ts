/**
 * The 34 provinces and centrally-run cities after 1/7/2025, as the 2026 portal lists them
 * (`../shared/data/provinces-2026.csv`, portal-api-details.md §5): portal code (H01…), the portal's own
 * name ("UBND tỉnh An Giang"), the root department of the 2026 reporting API, and the short code the
 * API uses in its paths (HN, PT, …).
 *
 * Short codes (README "Danh mục 34 tỉnh, thành phố"): the initials of the name without "Tỉnh"/"Thành
 * phố", folded to A–Z (Hà Nội → HN, Hồ Chí Minh → HCM). A one-word name is the whole word (Huế → HUE).
 * When two provinces share initials, neither keeps them: each takes the first word's initial plus the
 * first and last letters of the last word (Đà Nẵng DNG / Đồng Nai DNI, Lai Châu LCU / Lào Cai LCI,
 * Quảng Ngãi QNI / Quảng Ninh QNH, Tây Ninh TNH / Thái Nguyên TNN), so "DN" never silently means one
 * of them: it is ambiguous and the lookup says so.
 *
 * The official name is the portal name without "UBND", its first word capitalised ("UBND thành phố Bắc
 * Ninh" → "Thành phố Bắc Ninh"). Note: the 2026 portal names Bắc Ninh, Đồng Nai and Quảng Ninh "thành
 * phố" where the portal's 2025 list said "tỉnh" (§5); the data is kept as the portal gives it.
 */
import type { UnitKind } from "../model";
import { editDistance, fold } from "../text/vn-text";

export interface Province {
  /** Short code of the API paths: "HN", "PT", "HCM". Uppercase A–Z, 2–4 letters. */
  readonly code: string;
  /** The portal's province code ("H26"), the prefix of its units' codes ("H26.12"). */
  readonly portalCode: string;
  /** Official name: "Thành phố Hà Nội", "Tỉnh An Giang". */
  readonly name: string;
  /** Without "Tỉnh"/"Thành phố": "Hà Nội". */
  readonly shortName: string;
  readonly kind: Extract<UnitKind, "tinh" | "thanh_pho_tw">;
  /** The name exactly as the 2026 portal writes it ("UBND tỉnh An Giang"). */
  readonly portalName: string;
  /** The province's root department in the 2026 reporting API (a UUID). */
  readonly rootDepartmentId: string;
  /** Other names clerks type (matched after folding). */
  readonly aliases?: readonly string[];
}

/** [portal code, short code, portal name, root department id], in portal-code order (the CSV's). */
const ROWS: readonly (readonly [string, string, string, string])[] = [
  ["H01", "AG", "UBND tỉnh An Giang", "019d2be3-6a84-779d-b3e7-e214bdb86482"],
  ["H05", "BN", "UBND thành phố Bắc Ninh", "019d2be3-6a84-779d-b3ed-9649c4f016cd"],
  ["H12", "CM", "UBND tỉnh Cà Mau", "019d2be3-6a85-74ec-a337-73acd0627180"],
  ["H13", "CT", "UBND Thành phố Cần Thơ", "019d2be3-6a85-74ec-a339-9985e7aba649"],
  ["H14", "CB", "UBND tỉnh Cao Bằng", "019d2be3-6a85-74ec-a33b-e8250c0580ce"],
  ["H15", "DL", "UBND tỉnh Đắk Lắk", "019d2be3-6a85-74ec-a33c-a7c04919ba00"],
  ["H17", "DNG", "UBND Thành phố Đà Nẵng", "019d2be3-6a85-74ec-a33d-803cf2496575"],
  ["H18", "DB", "UBND tỉnh Điện Biên", "019d2be3-6a85-74ec-a341-16615c474af4"],
  ["H19", "DNI", "UBND Thành phố Đồng Nai", "019d2be3-6a85-74ec-a342-8635701ddf34"],
  ["H20", "DT", "UBND tỉnh Đồng Tháp", "019d2be3-6a85-74ec-a344-751a7a0bbdb5"],
  ["H21", "GL", "UBND tỉnh Gia Lai", "019d2be3-6a85-74ec-a346-6489e82ae4c7"],
  ["H24", "HP", "UBND Thành phố Hải Phòng", "019d2be3-6a85-74ec-a349-88e0abf6a032"],
  ["H26", "HN", "UBND Thành phố Hà Nội", "019d2be3-6a86-70a8-a0af-76e986804225"],
  ["H27", "HT", "UBND tỉnh Hà Tĩnh", "019d2be3-6a87-7317-8557-a2fade51b5ae"],
  ["H29", "HCM", "UBND Thành phố Hồ Chí Minh", "019d2be3-6a87-7317-855a-9a81af57b106"],
  ["H31", "HY", "UBND tỉnh Hưng Yên", "019d2be3-6a88-732b-8b0b-a4fad4f39fbc"],
  ["H32", "KH", "UBND tỉnh Khánh Hòa", "019d2be3-6a88-732b-8b0b-eac587d5c164"],
  ["H35", "LCU", "UBND tỉnh Lai Châu", "019d2be3-6a88-732b-8b10-4fd42fc9139b"],
  ["H36", "LD", "UBND tỉnh Lâm Đồng", "019d2be3-6a88-732b-8b10-c1c15a42daee"],
  ["H37", "LS", "UBND tỉnh Lạng Sơn", "019d2be3-6a81-771b-b671-9078297c4a7b"],
  ["H38", "LCI", "UBND tỉnh Lào Cai", "019d2be3-6a88-732b-8b12-58410ba7b5df"],
  ["H41", "NA", "UBND tỉnh Nghệ An", "019d2be3-6a88-732b-8b14-23b0bf40ce58"],
  ["H42", "NB", "UBND tỉnh Ninh Bình", "019d2be3-6a88-732b-8b15-828ae2e74c00"],
  ["H44", "PT", "UBND tỉnh Phú Thọ", "019d2be3-6a88-732b-8b17-b68020c8553a"],
  ["H48", "QNI", "UBND tỉnh Quảng Ngãi", "019d2be3-6a88-732b-8b1a-b8df51d5f6bf"],
  ["H49", "QNH", "UBND thành phố Quảng Ninh", "019d2be3-6a88-732b-8b1c-46b23e7f2084"],
  ["H50", "QT", "UBND tỉnh Quảng Trị", "019d2be3-6a88-732b-8b20-29251b1ac762"],
  ["H52", "SL", "UBND tỉnh Sơn La", "019d2be3-6a88-732b-8b23-90f0216d78e2"],
  ["H53", "TNH", "UBND tỉnh Tây Ninh", "019d2be3-6a88-732b-8b23-f5575505c632"],
  ["H55", "TNN", "UBND tỉnh Thái Nguyên", "019d2be3-6a88-732b-8b25-68dfdcdcff0e"],
  ["H56", "TH", "UBND tỉnh Thanh Hóa", "019d2be3-6a88-732b-8b26-f3a94b76f008"],
  ["H57", "HUE", "UBND Thành phố Huế", "019d2be3-6a89-70fe-8e5d-edfb72e6be7f"],
  ["H60", "TQ", "UBND tỉnh Tuyên Quang", "019d2be3-6a89-70fe-8e60-6458eb08bfe1"],
  ["H61", "VL", "UBND tỉnh Vĩnh Long", "019d2be3-6a89-70fe-8e61-5ec4a2701203"],
];

/** Names clerks type that the portal's names do not give. */
const ALIASES: Readonly<Record<string, readonly string[]>> = { HCM: ["TPHCM", "TP.HCM", "Sài Gòn"] };

/** "UBND tỉnh An Giang" → Tỉnh, "An Giang"; "UBND Thành phố Hà Nội" → Thành phố, "Hà Nội". */
/**
 * The six centrally-run cities after 1/7/2025 (Nghị quyết 202/2025/QH15); every other unit is a tỉnh.
 * The portal's list calls Bắc Ninh, Quảng Ninh and Đồng Nai "thành phố": the official name follows the
 * law, the portal's spelling stays in `portalName` (and is found by the lookup).
 */
const CITIES = new Set(["Hà Nội", "Hải Phòng", "Huế", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"]);

function official(portalName: string): { name: string; shortName: string; kind: Province["kind"] } {
  const m = /^UBND\s+(tỉnh|thành phố)\s+(.+)$/iu.exec(portalName.normalize("NFC").trim());
  if (!m?.[1] || !m[2]) throw new Error(`Tên tỉnh không đúng dạng "UBND tỉnh|thành phố …": ${portalName}`);
  const city = CITIES.has(m[2]);
  return { name: `${city ? "Thành phố" : "Tỉnh"} ${m[2]}`, shortName: m[2], kind: city ? "thanh_pho_tw" : "tinh" };
}

export const PROVINCES: readonly Province[] = ROWS.map(([portalCode, code, portalName, rootDepartmentId]) => {
  const aliases = ALIASES[code];
  return { code, portalCode, ...official(portalName), portalName, rootDepartmentId, ...(aliases ? { aliases } : {}) };
});

const byCode = new Map(PROVINCES.map((p) => [p.code, p]));

/** The province of a short code, exactly as the API writes it ("HN"); undefined otherwise. */
/** The day the 34 provinces took effect (Nghị quyết 202/2025/QH15). */
export const PROVINCES_FROM = "2025-07-01";

/** The 11 provinces the 2025 arrangement left as they were; the other 23 were formed by merging. */
const UNCHANGED_IN_2025 = new Set(["HN", "HUE", "LCU", "DB", "SL", "LS", "QNH", "TH", "NA", "HT", "CB"]);

/**
 * From when the province is the entity it is now: 1/7/2025 for a province formed by merging (its
 * figures before belong to another, smaller province — no change is told across that day), null for
 * the 11 left as they were and for a code not in the list.
 */
export function provinceSince(code: string): string | null {
  return PROVINCES.some((p) => p.code === code) && !UNCHANGED_IN_2025.has(code) ? PROVINCES_FROM : null;
}

export function provinceByCode(code: string): Province | undefined {
  return byCode.get(code);
}

// ------------------------------------------------------------------ what clerks type

const AUTHORITY = /^(uy ban nhan dan|ubnd) /;
const KIND = /^(tinh|thanh pho|tp) /;

/** Folded, without "UBND" and "Tỉnh"/"Thành phố"/"TP.": "UBND Thành phố Hà Nội" → "ha noi". */
function core(text: string): string {
  return fold(text).replace(AUTHORITY, "").replace(KIND, "");
}

/** First letters of the words: "ha noi" → "hn" (none for a one-word name). */
function initials(folded: string): string {
  const words = folded.split(" ").filter(Boolean);
  return words.length > 1 ? words.map((w) => w[0]).join("") : "";
}

type Index = Map<string, Set<Province>>;
function add(index: Index, key: string, p: Province): void {
  if (!key) return;
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(p);
}

/** Codes and names (one province each; test/shared/provinces.test.ts checks) … */
const NAMES: Index = new Map();
/** … then initials, which two provinces may share ("dn": Đà Nẵng, Đồng Nai). */
const INITIALS: Index = new Map();
for (const p of PROVINCES) {
  for (const key of [p.code, p.portalCode]) add(NAMES, fold(key), p);
  for (const name of [p.name, p.portalName, p.shortName, ...(p.aliases ?? [])]) {
    const c = core(name);
    add(NAMES, fold(name), p);
    add(NAMES, c, p);
    add(NAMES, c.replace(/ /g, ""), p);
  }
  add(INITIALS, initials(core(p.shortName)), p);
}

/** The keys a name is filed under, and the provinces of each (for the uniqueness test). */
export function provinceKeys(): ReadonlyMap<string, readonly Province[]> {
  return new Map([...NAMES].map(([k, set]) => [k, [...set]]));
}

export type ProvinceLookup =
  | { readonly status: "exact"; readonly province: Province; readonly candidates: readonly Province[] }
  | { readonly status: "ambiguous" | "unknown"; readonly province?: undefined; readonly candidates: readonly Province[] };

/**
 * A province from what a clerk types: short code ("HN", "hcm"), portal code ("H26", "000.00.00.H37"),
 * official or portal name, or the name without "Tỉnh"/"Thành phố"/"TP."/"UBND", with or without
 * diacritics, any case ("Hà Nội", "ha noi", "TP. Hồ Chí Minh", "Ho Chi Minh", "Huế"). Shared initials
 * ("DN") are ambiguous; an unknown name gets the closest provinces as candidates. Nothing is guessed.
 */
export function lookupProvince(text: string): ProvinceLookup {
  const folded = fold(text).replace(/^000 00 00 (?=h\d)/, "");
  if (!folded) return { status: "unknown", candidates: [] };
  const c = core(text);
  for (const key of [folded, c, c.replace(/ /g, "")]) {
    const hit = NAMES.get(key);
    if (hit?.size === 1) return { status: "exact", province: [...hit][0] as Province, candidates: [] };
  }
  const shared = INITIALS.get(c.replace(/ /g, ""));
  if (shared) {
    const list = [...shared];
    return list.length === 1 ? { status: "exact", province: list[0] as Province, candidates: [] } : { status: "ambiguous", candidates: list };
  }
  const scored = PROVINCES.map((p) => ({ p, d: Math.min(editDistance(c, core(p.shortName)), editDistance(c, fold(p.code))) })).sort((a, b) => a.d - b.d);
  const limit = Math.max(1, Math.floor(c.length / 3));
  return { status: "unknown", candidates: scored.filter((s) => s.d <= limit).slice(0, 3).map((s) => s.p) };
}

/** The province a text names, or undefined when unknown or ambiguous. */
export function findProvince(text: string): Province | undefined {
  return lookupProvince(text).province;
}

/** How to name a province, for error messages (Vietnamese). */
export const PROVINCE_NAMING_HINT = 'mã ngắn (HN, PT, HCM, … — GET /v1/provinces), mã trên Cổng (H26) hoặc tên ("Hà Nội", "ha noi", "TP. Hồ Chí Minh")';
