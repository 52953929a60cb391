/**
 * Row heights written into the sheet, estimated from the text, its font and the column width: Excel
 * sizes rows without a height itself, but LibreOffice keeps them at the default 15 pt when it opens an
 * .xlsx (a Times New Roman 13 row is cut, a wrapped sentence shows its first line only). The estimate
 * errs on the tall side: an approximate width per character (Times-like and Calibri-like fonts are
 * close enough at this precision) and a greedy word wrap.
 */

/** Average advance widths in em, by character class (Times New Roman; Calibri is a little narrower). */
const NARROW = new Set([..."iljtfrI.,:;'!|`"]);
const WIDE = new Set([..."mwMW%@"]);

function charEm(ch: string): number {
  const base = ch.normalize("NFD").charAt(0);
  if (base === " ") return 0.25;
  if (NARROW.has(base)) return 0.3;
  if (WIDE.has(base)) return 0.9;
  if (base >= "0" && base <= "9") return 0.5;
  if (base >= "A" && base <= "Z") return 0.7;
  if (base === "Đ") return 0.72;
  if (/[()[\]/\-"*]/.test(base)) return 0.36;
  return 0.46;
}

/** Width of a text in pixels at `sizePt` (bold is about 6 % wider). */
export function textWidthPx(text: string, sizePt: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * ((sizePt * 4) / 3) * (bold ? 1.06 : 1);
}

/** Lines a text takes in a column `widthPx` wide: wrapped at spaces (a word longer than the line breaks). */
export function wrappedLines(text: string, widthPx: number, sizePt: number, bold = false): number {
  const usable = Math.max(1, widthPx - 8);
  let lines = 0;
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    lines++;
    let line = 0;
    const space = textWidthPx(" ", sizePt, bold);
    for (const word of paragraph.split(" ")) {
      const w = textWidthPx(word, sizePt, bold);
      const next = line === 0 ? w : line + space + w;
      if (next <= usable || line === 0) {
        line = next;
        // A single word wider than the column: Excel breaks it inside.
        while (line > usable) {
          lines++;
          line -= usable;
        }
      } else {
        lines++;
        line = w;
        while (line > usable) {
          lines++;
          line -= usable;
        }
      }
    }
  }
  return lines;
}

/** Height in points of `lines` lines at `sizePt` (Excel: Times New Roman 13 → 17.25 pt a line), to the quarter point. */
export function linesHeightPt(lines: number, sizePt: number): number {
  return Math.ceil(lines * sizePt * 1.33 * 4) / 4;
}
