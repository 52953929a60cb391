/**
 * Reads the headline figures out of a letter's text, so they can be checked against the appendices:
 * "62.28/100 điểm (tăng 1.29 điểm so với tháng 11/2024), xếp hạng 61/63". Works on OCR text without
 * diacritics ("58,3/100 diem (giam 3.2 diem so voi thang 02/2025), xép hang 60/63").
 */
import type { LetterStatedInput } from "../model";

function strip(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ");
}

const NUMBER = String.raw`(\d{1,3}(?:[.,]\d{1,2})?)`;
const HEADLINE = new RegExp(
  String.raw`${NUMBER}\s*\/\s*100\s*d\S*m` + // 62.28/100 điểm
    String.raw`(?:\s*\(\s*(tang|giam|bang)\s*(?:${NUMBER}\s*)?d\S*m[^)]*\))?` + // (tăng 1.29 điểm so với …)
    String.raw`(?:[^0-9]{0,40}?x\S*p\s*h\S*ng\s*(\d{1,2})\s*\/\s*(\d{1,2}))?`, // xếp hạng 61/63
);

/** The headline figures of a letter's text, as cells for {@link LetterStatedInput}; null if absent. */
export function readLetterHeadline(text: string): LetterStatedInput | null {
  const m = HEADLINE.exec(strip(text));
  if (!m) return null;
  const [, total, word, delta, rank, rankOf] = m;
  const out: { total?: string; delta?: string; rank?: string; rankOf?: string } = {};
  if (total) out.total = total;
  if (word === "bang") out.delta = "Bằng điểm";
  else if (word && delta) out.delta = `${word === "tang" ? "Tăng" : "Giảm"} ${delta}`;
  if (rank && rankOf) {
    out.rank = rank;
    out.rankOf = rankOf;
  }
  return out;
}
