/**
 * Vietnamese text: folding for matching, and a deterministic collation for display order.
 *
 * Matching ("fold") drops case, tone marks and vowel marks (ă â ê ô ơ ư → a a e o o u, đ → d), so
 * "UBND quan Tay Ho" (OCR without diacritics) and "UBND quận Tây Hồ" fold to the same text, and the
 * old/new tone placement "Ứng Hoà" / "Ứng Hòa" agree.
 *
 * Collation follows the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y):
 * letters first, tones (ngang, huyền, hỏi, ngã, sắc, nặng) only break ties. It does not depend on the
 * runtime's ICU data, so the Worker, the add-in and Node order ties identically.
 */

const TONE_MARKS: Record<string, number> = {
  "\u0300": 1, // huyền
  "\u0309": 2, // hỏi
  "\u0303": 3, // ngã
  "\u0301": 4, // sắc
  "\u0323": 5, // nặng
};
const BREVE = "\u0306";
const CIRCUMFLEX = "\u0302";
const HORN = "\u031B";

/** Collation rank of each base letter (with its vowel mark) in the Vietnamese alphabet. */
const ALPHABET = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"];
const LETTER_RANK = new Map(ALPHABET.map((l, i) => [l, i]));

/** NFC, trimmed, inner whitespace (including non-breaking spaces) collapsed to one space. */
export function cleanSpaces(text: string): string {
  return text.normalize("NFC").replace(/[\s\u00A0\u200B\uFEFF]+/g, " ").trim();
}

/** Lower case, no tone or vowel marks, đ → d, punctuation → space, spaces collapsed. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * A sort key whose plain string order is Vietnamese dictionary order: letters (by alphabet rank),
 * then tones, then the raw text, separated by U+0000 so that a shorter prefix sorts first.
 */
export function collationKey(text: string): string {
  let primary = "";
  let secondary = "";
  for (const ch of cleanSpaces(text).toLowerCase()) {
    const parts = ch.normalize("NFD");
    const base = parts[0] ?? "";
    let tone = 0;
    let mark = "";
    for (const m of parts.slice(1)) {
      const t = TONE_MARKS[m];
      if (t !== undefined) tone = t;
      else if (m === BREVE || m === CIRCUMFLEX || m === HORN) mark = m;
    }
    const rank = LETTER_RANK.get((base + mark).normalize("NFC"));
    let code: number;
    if (rank !== undefined) code = 200 + rank;
    else if (base >= "0" && base <= "9") code = 100 + Number(base);
    else if (base === " ") code = 1;
    // Punctuation and other symbols sort before digits and letters, by code point.
    else code = 2 + Math.min(90, base.codePointAt(0) ?? 0);
    primary += String.fromCharCode(code);
    secondary += String.fromCharCode(48 + tone);
  }
  return `${primary}\u0000${secondary}\u0000${text}`;
}

// Owner: collation — keys of names seen (names repeat across datasets and builds; unresolved names
// and names outside a catalog's ordinals are ordered by key).
const keyCache = new Map<string, string>();
/** {@link collationKey}, remembered (names repeat across datasets and builds). */
export function cachedCollationKey(text: string): string {
  let key = keyCache.get(text);
  if (key === undefined) {
    if (keyCache.size > 100_000) keyCache.clear();
    key = collationKey(text);
    keyCache.set(text, key);
  }
  return key;
}

/** Vietnamese dictionary order: letters, then tones, then the raw text (so the order is total). */
export function compareVietnamese(a: string, b: string): number {
  if (a === b) return 0;
  const ka = cachedCollationKey(a);
  const kb = cachedCollationKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Levenshtein distance, for "did you mean" candidates on OCR-damaged names. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? 0;
}
