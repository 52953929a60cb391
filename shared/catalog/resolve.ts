/**
 * Unit catalogs and name resolution.
 *
 * A name resolves when, after folding (case, diacritics, spacing, punctuation), dropping the province
 * suffix ("- Tỉnh Phú Thọ") and the prefixes ("UBND", "quận", "huyện", "thị xã", "Sở" …), it points to
 * exactly one unit valid on the report's date. A near miss (OCR: "Tay Hoo") resolves only when one
 * candidate is clearly closest, and is then reported as a warning; an unknown or ambiguous name is an
 * error that lists the best candidates. Nothing is guessed silently.
 */
import type { Catalog, Unit, UnitKind, UnitLevel } from "../model";
import { cachedCollationKey, cleanSpaces, editDistance, fold } from "../text/vn-text";

export type ResolutionStatus = "exact" | "fuzzy" | "unknown" | "ambiguous";

export interface Resolution {
  readonly status: ResolutionStatus;
  readonly unit?: Unit;
  /** Best candidates, closest first (for unknown, ambiguous and fuzzy). */
  readonly candidates: readonly Unit[];
}

/** Kind words as they fold, longest first so "thi xa" wins over "xa". */
const KIND_WORDS: readonly [string, UnitKind][] = [
  ["thanh pho", "thanh_pho"],
  ["thi xa", "thi_xa"],
  ["thi tran", "thi_tran"],
  ["dac khu", "dac_khu"],
  ["quan", "quan"],
  ["huyen", "huyen"],
  ["phuong", "phuong"],
  ["xa", "xa"],
  ["so", "so"],
];
const AUTHORITY_PREFIXES = ["uy ban nhan dan", "ubnd"];

/** Units valid on `date` (ISO). */
export function unitsAt(catalog: Catalog, date: string): Unit[] {
  return catalog.units.filter((u) => isValidOn(u, date));
}

export function isValidOn(unit: Unit, date: string): boolean {
  return (!unit.validFrom || unit.validFrom <= date) && (!unit.validTo || date < unit.validTo);
}

/** Drop " - Tỉnh Phú Thọ", " - Thành phố Hà Nội", "(TP Hà Nội)" from a portal name. */
export function stripProvinceSuffix(name: string): string {
  const text = cleanSpaces(name);
  const parts = text.split(/\s+[-–—]\s+|\s*\(\s*/);
  if (parts.length > 1) {
    const last = fold(parts[parts.length - 1] ?? "");
    if (/^(tinh|thanh pho|tp)\b/.test(last)) return text.slice(0, text.length - (parts[parts.length - 1]?.length ?? 0)).replace(/\s*[-–—(]\s*$/, "").trim();
  }
  return text;
}

interface Parsed {
  folded: string;
  withoutAuthority: string;
  kind?: UnitKind;
  core: string;
}

function parseName(name: string): Parsed {
  const folded = fold(stripProvinceSuffix(name));
  let rest = folded;
  for (const p of AUTHORITY_PREFIXES) {
    if (rest === p) rest = "";
    else if (rest.startsWith(`${p} `)) rest = rest.slice(p.length + 1);
  }
  const withoutAuthority = rest;
  let kind: UnitKind | undefined;
  for (const [word, k] of KIND_WORDS) {
    if (rest.startsWith(`${word} `)) {
      kind = k;
      rest = rest.slice(word.length + 1);
      break;
    }
  }
  return { folded, withoutAuthority, ...(kind ? { kind } : {}), core: rest };
}

export interface Resolver {
  resolve(name: string): Resolution;
  /** The units valid on the resolver's date, in catalog order, then the extra units. */
  readonly units: readonly Unit[];
  /** How many of {@link units} come from the catalog (the rest are extra units). */
  readonly catalogUnits: number;
  byId(id: string): Unit | undefined;
  /** The unit's position in {@link units} (-1 if it is not there): a dense index for look-up tables. */
  indexOf(id: string): number;
}

// Owner: name resolution — one index per catalog and date (catalogs are immutable; building the index
// of 10,035 units costs more than a whole build).
const resolvers = new WeakMap<Catalog, Map<string, Resolver>>();

/**
 * Index the units valid on `date` (plus `extraUnits`, e.g. a commune's own row) for resolution.
 * Catalogs are immutable data, so the index (and its answers) is kept per catalog and date.
 */
export function createResolver(catalog: Catalog, date: string, extraUnits: readonly Unit[] = []): Resolver {
  if (extraUnits.length) return buildResolver(catalog, date, extraUnits);
  let byDate = resolvers.get(catalog);
  if (!byDate) resolvers.set(catalog, (byDate = new Map()));
  let r = byDate.get(date);
  if (!r) {
    if (byDate.size > 64) byDate.clear();
    byDate.set(date, (r = buildResolver(catalog, date, extraUnits)));
  }
  return r;
}

function buildResolver(catalog: Catalog, date: string, extraUnits: readonly Unit[]): Resolver {
  const own = unitsAt(catalog, date);
  const units = [...own, ...extraUnits.filter((u) => isValidOn(u, date))];
  const byId = new Map(units.map((u) => [u.id, u]));
  const positions = new Map(units.map((u, i) => [u.id, i]));
  const exact = new Map<string, Set<Unit>>();
  const core = new Map<string, Set<Unit>>();
  const add = (map: Map<string, Set<Unit>>, key: string, unit: Unit) => {
    if (!key) return;
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(unit);
  };
  const cores: [string, Unit][] = [];
  for (const u of units) {
    for (const name of [u.name, ...(u.aliases ?? [])]) {
      const p = parseName(name);
      add(exact, p.folded, u);
      add(exact, p.withoutAuthority, u);
      add(core, p.core, u);
    }
    const shortCore = parseName(u.shortName).core;
    add(core, fold(u.shortName), u);
    cores.push([shortCore || fold(u.shortName), u]);
  }
  const cache = new Map<string, Resolution>();

  function resolveUncached(name: string): Resolution {
    const direct = byId.get(name.trim());
    if (direct) return { status: "exact", unit: direct, candidates: [] };
    const p = parseName(name);
    if (!p.folded) return { status: "unknown", candidates: [] };
    for (const key of [p.folded, p.withoutAuthority]) {
      const hit = exact.get(key);
      if (hit?.size === 1) return { status: "exact", unit: first(hit), candidates: [] };
    }
    const hits = [...(core.get(p.core) ?? [])];
    const pool = p.kind ? hits.filter((u) => kindMatches(u.kind, p.kind)) : hits;
    if (pool.length === 1) return { status: "exact", unit: pool[0], candidates: [] };
    if (pool.length > 1) return { status: "ambiguous", candidates: pool.slice(0, 5) };
    // "UBND quận Ba Đình" after 1/7/2025: the name exists only at another level (phường Ba Đình).
    // That is a different unit, so it is offered as a candidate, never taken.
    if (hits.length) return { status: "unknown", candidates: hits.slice(0, 3) };
    return fuzzy(p);
  }

  function fuzzy(p: Parsed): Resolution {
    const target = p.core || p.withoutAuthority;
    const scored = cores
      .map(([c, u]) => ({ u, d: editDistance(target, c) + (p.kind && !kindMatches(u.kind, p.kind) ? 1 : 0) }))
      .sort((a, b) => a.d - b.d);
    const candidates = dedupe(scored.slice(0, 8).map((s) => s.u)).slice(0, 3);
    const best = scored[0];
    const second = scored.find((s) => s.u.id !== best?.u.id);
    const limit = Math.max(1, Math.floor(target.length / 6));
    if (best && best.d <= limit && (!second || second.d > best.d)) {
      return { status: "fuzzy", unit: best.u, candidates };
    }
    return { status: "unknown", candidates };
  }

  return {
    units,
    catalogUnits: own.length,
    byId: (id) => byId.get(id),
    indexOf: (id) => positions.get(id) ?? -1,
    resolve(name: string): Resolution {
      let r = cache.get(name);
      if (!r) {
        if (cache.size > 100_000) cache.clear();
        r = resolveUncached(name);
        cache.set(name, r);
      }
      return r;
    },
  };
}

function first<T>(set: Set<T>): T | undefined {
  for (const x of set) return x;
  return undefined;
}

function dedupe(units: Unit[]): Unit[] {
  const seen = new Set<string>();
  return units.filter((u) => (seen.has(u.id) ? false : (seen.add(u.id), true)));
}

/** "huyện Tây Hồ" still finds quận Tây Hồ; only an explicit kind of another level counts against. */
function kindMatches(unitKind: UnitKind, written: UnitKind | undefined): boolean {
  if (!written) return true;
  return levelOfKind(unitKind) === levelOfKind(written);
}

export function levelOfKind(kind: UnitKind): UnitLevel {
  switch (kind) {
    case "tinh":
    case "thanh_pho_tw":
      return "province";
    case "so":
    case "ban":
    case "nganh":
      return "department";
    case "quan":
    case "huyen":
    case "thi_xa":
    case "thanh_pho":
      return "district";
    default:
      return "commune";
  }
}

/** Guess a unit kind from a written name ("UBND xã Đại Thịnh" → xã), for units outside the catalog. */
export function kindFromName(name: string): UnitKind | undefined {
  return parseName(name).kind;
}

/** Units of a level valid on `date` (the ranked set of Phụ lục 2). */
export function unitsOfLevel(catalog: Catalog, date: string, level: UnitLevel): Unit[] {
  return unitsAt(catalog, date).filter((u) => u.level === level);
}

/** The catalog with extra aliases (clerk-added names) attached to their units. */
export function withAliases(catalog: Catalog, aliases: readonly { unitId: string; alias: string }[]): Catalog {
  if (!aliases.length) return catalog;
  const extra = new Map<string, string[]>();
  for (const a of aliases) extra.set(a.unitId, [...(extra.get(a.unitId) ?? []), a.alias]);
  return { ...catalog, units: catalog.units.map((u) => (extra.has(u.id) ? { ...u, aliases: [...(u.aliases ?? []), ...(extra.get(u.id) ?? [])] } : u)) };
}

// Owner: ranking — each catalog's names in collation order, numbered once (ties then compare integers).
const ordinalCache = new WeakMap<Catalog, ReadonlyMap<string, number>>();

/** Every unit name of the catalog (official names and aliases) in Vietnamese collation order, numbered. */
export function collationOrdinals(catalog: Catalog): ReadonlyMap<string, number> {
  let map = ordinalCache.get(catalog);
  if (!map) {
    const names = [...new Set(catalog.units.map((u) => u.name))];
    const keyed = names.map((n) => ({ n, k: cachedCollationKey(n) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    map = new Map(keyed.map((x, i) => [x.n, i]));
    ordinalCache.set(catalog, map);
  }
  return map;
}
