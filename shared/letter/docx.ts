/**
 * The letter as a Word document (.docx), drawn with the `docx` library in the form Nghị định
 * 30/2020/NĐ-CP sets for administrative documents (Phụ lục I): A4; margins top and bottom 20 mm, left
 * 30 mm, right 15 mm; Times New Roman, body 14 pt; the header block in two borderless columns (issuing
 * body bold upper case over a short rule, "Số: …" and "V/v …" under it; national title bold upper case,
 * the motto bold and underlined, the place and date italic); page numbers centred at the top from page
 * 2; "Nơi nhận" and the signature side by side; each Phụ lục in a section of its own (landscape when
 * letter.ts chose it), numbered from its own page 2, its header rows repeated on every page.
 *
 * Pure: a Letter in, the file's bytes out (Packer.toArrayBuffer, which runs in workerd and in Node
 * alike). Sizes are twips (1/20 pt; 1 mm = 1440/25.4 twips) and half-points, as Word stores them.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from "docx";
import type { AppendixTable, CellKind } from "../layout/table";
import type { Letter, LetterAppendix, LetterParagraph, LetterRequests, PageOrientation as Orientation } from "./letter";

/** A4 in twips (210 × 297 mm). */
export const A4_TWIPS = { width: 11906, height: 16838 } as const;
/** Nghị định 30/2020's margins, in twips: top and bottom 20 mm, left 30 mm, right 15 mm. */
export const MARGIN_TWIPS = { top: 1134, bottom: 1134, left: 1701, right: 850 } as const;
/** The page number's distance from the top edge: 10 mm. */
const HEADER_TWIPS = 567;
export const FONT = "Times New Roman";
/** Font sizes in half-points: body 14 pt; the issuing body, number and tables 13 pt; the national title (on one line) 12, "V/v" 12, "Nơi nhận" 12 and its lines 11. */
export const SIZE = { body: 28, title: 26, national: 24, subject: 24, table: 26, recipientsLabel: 24, recipients: 22, note: 24 } as const;
/** First-line indent of body paragraphs: 1 cm. */
const FIRST_LINE = 567;
/** 6 pt after each body paragraph; lines at 1.15. */
const BODY_SPACING = { after: 120, line: 276 } as const;

/** The letter's .docx bytes. */
export async function letterDocx(letter: Letter): Promise<Uint8Array> {
  const doc = new Document({
    creator: "chiso766",
    title: letter.header.subject,
    styles: { default: { document: { run: { font: FONT, size: SIZE.body } } }, paragraphStyles: TABLE_STYLES },
    sections: [letterSection(letter), ...letter.appendices.map(appendixSection)],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

// ------------------------------------------------------------------ pages

/** A4 portrait or landscape, the decree's margins, the page number at the top from the section's page 2. */
function page(orientation: Orientation): Pick<ISectionOptions, "properties" | "headers"> {
  return {
    properties: {
      page: {
        size: { width: A4_TWIPS.width, height: A4_TWIPS.height, orientation: orientation === "landscape" ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { ...MARGIN_TWIPS, header: HEADER_TWIPS, footer: HEADER_TWIPS },
        pageNumbers: { start: 1 },
      },
      titlePage: true,
    },
    headers: {
      default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: SIZE.title })] })] }),
      first: new Header({ children: [new Paragraph({ children: [] })] }),
    },
  };
}

/** Text width between the margins. */
function textWidth(orientation: Orientation): number {
  return (orientation === "landscape" ? A4_TWIPS.height : A4_TWIPS.width) - MARGIN_TWIPS.left - MARGIN_TWIPS.right;
}

// ------------------------------------------------------------------ the letter

function letterSection(letter: Letter): ISectionOptions {
  return {
    ...page("portrait"),
    children: [
      headerBlock(letter),
      ...salutation(letter),
      ...letter.grounds.map((p) => body(p)),
      ...letter.figures.map((p) => body(p)),
      ...(letter.dataNote ? [body(letter.dataNote, { size: SIZE.note })] : []),
      ...requests(letter.requests),
      body(letter.closing),
      signatureBlock(letter),
    ],
  };
}

interface RunLook {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly size?: number;
}

function run(text: string, look: RunLook = {}): TextRun {
  return new TextRun({
    text,
    ...(look.bold ? { bold: true } : {}),
    ...(look.italic ? { italics: true } : {}),
    ...(look.underline ? { underline: {} } : {}),
    ...(look.size ? { size: look.size } : {}),
  });
}

/** A centred line of the header or signature block. */
function centred(text: string, look: RunLook = {}, spacing: { before?: number; after?: number } = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0, ...spacing }, children: [run(text, look)] });
}

/** A justified body paragraph, its first line indented 1 cm. */
function body(p: LetterParagraph, look: RunLook = {}, indent: { left?: number; firstLine?: number } = { firstLine: FIRST_LINE }): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent,
    spacing: { before: 0, ...BODY_SPACING },
    children: p.runs.map((r) => run(r.text, { ...look, ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italic: true } : {}) })),
  });
}

const text = (s: string): LetterParagraph => ({ runs: [{ text: s }] });

/** A borderless table of two columns (left share of the width), for the header and signature blocks. */
function twoColumns(left: number, rows: readonly (readonly [Paragraph[], Paragraph[]])[]): Table {
  const width = textWidth("portrait");
  const widths = [left, width - left];
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: rows.map(
      ([l, r]) =>
        new TableRow({
          children: [l, r].map((children, i) => new TableCell({ children, width: { size: widths[i] ?? 0, type: WidthType.DXA }, borders: TableBorders.NONE, margins: { left: 0, right: 0 } })),
        }),
    ),
  });
}

/**
 * The header block: issuing body over a short centred rule | national title and underlined motto;
 * then "Số: …" and "V/v …" | the place and date (the decree puts number and date on one line).
 */
function headerBlock(letter: Letter): Table {
  const h = letter.header;
  const left = 3685; // 65 mm: the issuing body's column; the rest keeps the national title on one line
  const issuer = h.issuer.map((line) => centred(line, { bold: true, size: SIZE.title }));
  // The rule under the issuing body: a third of its column, centred.
  const rule = new Paragraph({ indent: { left: 1228, right: 1228 }, spacing: { before: 0, after: 200 }, border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } }, run: { size: 8 }, children: [] });
  const national = [centred(h.nationalTitle, { bold: true, size: SIZE.national }), centred(h.motto, { bold: true, underline: true, size: SIZE.body }, { after: 240 })];
  const number = [centred(h.number, { size: SIZE.title }), centred(h.subject, { size: SIZE.subject }, { before: 60 })];
  const date = [centred(h.placeDate, { italic: true, size: SIZE.body })];
  return twoColumns(left, [
    [[...issuer, rule], national],
    [number, date],
  ]);
}

/** "Kính gửi:" and the addressees, one a line (or on the label's line when there is one). */
function salutation(letter: Letter): Paragraph[] {
  const { label, addressees } = letter.salutation;
  const spacing = { before: 240, after: 120 };
  if (addressees.length === 1) return [new Paragraph({ alignment: AlignmentType.CENTER, spacing, children: [run(`${label} ${addressees[0]}`)] })];
  return [
    new Paragraph({ indent: { left: 1701 }, spacing: { before: 240, after: 0 }, children: [run(label)] }),
    ...addressees.map((a, i) => new Paragraph({ indent: { left: 2835 }, spacing: { before: 0, after: i === addressees.length - 1 ? 240 : 0 }, children: [run(a)] })),
  ];
}

function requests(r: LetterRequests): Paragraph[] {
  return [body(text(r.opening)), ...r.blocks.flatMap((b) => [...(b.heading ? [body(text(b.heading))] : []), ...b.items.map((p) => body(p))])];
}

/** "Nơi nhận:" (bold italic 12) and its lines (11) | the signer's authority (bold upper case), room to sign, the name (bold). */
function signatureBlock(letter: Letter): Table {
  const { recipients, signature } = letter;
  const lines = [
    new Paragraph({ spacing: { before: 240, after: 0 }, children: [run(recipients.label, { bold: true, italic: true, size: SIZE.recipientsLabel })] }),
    ...recipients.lines.map((l) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(l, { size: SIZE.recipients })] })),
  ];
  const signer = [
    ...signature.authority.map((a, i) => centred(a, { bold: true, size: SIZE.body }, i === 0 ? { before: 240 } : {})),
    ...[1, 2, 3, 4].map(() => centred("")),
    centred(signature.name, { bold: true, size: SIZE.body }),
  ];
  return twoColumns(4536, [[lines, signer]]);
}

// ------------------------------------------------------------------ appendices

function appendixSection(a: LetterAppendix): ISectionOptions {
  const t = a.table;
  return {
    ...page(a.orientation),
    children: [
      ...t.titleLines.map((l, i) => centred(l.text, { ...(l.bold ? { bold: true } : {}), ...(l.italic ? { italic: true } : {}) }, i === t.titleLines.length - 1 ? { after: 240 } : {})),
      appendixTable(t, textWidth(a.orientation)),
      ...t.notes.map((n) => new Paragraph({ spacing: { before: 120, after: 0 }, children: [run(n, { italic: true, size: SIZE.note })] })),
    ],
  };
}

/**
 * The tables' paragraph styles (13 pt, no spacing): left for names, centred for figures, bold centred for
 * headers. A style per kind of cell instead of the same properties on each of some 600 cells keeps the
 * document small and quick to write (issue 14: ≤ 200 ms).
 */
const TABLE_STYLES = [
  { id: "BangTrai", name: "Bảng (trái)", run: { size: SIZE.table }, paragraph: { spacing: { before: 0, after: 0 } } },
  { id: "BangGiua", name: "Bảng (giữa)", run: { size: SIZE.table }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 } } },
  { id: "BangTieuDe", name: "Bảng (tiêu đề)", run: { size: SIZE.table, bold: true }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 } } },
] as const;

type TableStyle = (typeof TABLE_STYLES)[number]["id"];

/** Names and labels left, figures (and STT) centred. */
const STYLE_OF: Record<CellKind, TableStyle> = { index: "BangGiua", text: "BangTrai", count: "BangGiua", points: "BangGiua", percent: "BangGiua", delta: "BangGiua", composite: "BangGiua" };

/** Cell margins of the appendix tables (once, on the table). */
const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 } as const;

/** Column widths in twips, shared out by the columns' widths in characters over the text width. */
export function columnTwips(table: Pick<AppendixTable, "columns">, width: number): number[] {
  let chars = 0;
  for (const c of table.columns) chars += c.width;
  const widths = table.columns.map((c) => Math.floor((width * c.width) / Math.max(1, chars)));
  let used = 0;
  for (const w of widths) used += w;
  if (widths.length) widths[widths.length - 1] = (widths[widths.length - 1] ?? 0) + width - used;
  return widths;
}

/** The appendix as a Word table: its header rows (merged cells as the model spans them) repeated on every page, then its rows. */
function appendixTable(t: AppendixTable, width: number): Table {
  const widths = columnTwips(t, width);
  const span = (col: number, n: number) => widths.slice(col, col + n).reduce((a, b) => a + b, 0);
  const header = Array.from({ length: t.headerRowCount }, (_, r) => {
    const cells = t.header.filter((h) => h.row === r).sort((a, b) => a.col - b.col);
    return new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: cells.map(
        (h) =>
          new TableCell({
            children: [new Paragraph({ style: "BangTieuDe", children: [new TextRun(h.text)] })],
            ...(h.colSpan > 1 ? { columnSpan: h.colSpan } : {}),
            ...(h.rowSpan > 1 ? { rowSpan: h.rowSpan } : {}),
            width: { size: span(h.col, h.colSpan), type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
          }),
      ),
    });
  });
  // Body cells carry no width of their own: the fixed layout takes the grid's (w:tblGrid).
  const rows = t.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: row.cells.map((c, i) => new TableCell({ children: [new Paragraph({ style: i === 0 ? "BangGiua" : STYLE_OF[c.kind], children: [row.bold || c.bold ? new TextRun({ text: c.text, bold: true }) : new TextRun(c.text)] })] })),
      }),
  );
  return new Table({ width: { size: width, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, margins: CELL_MARGINS, rows: [...header, ...rows] });
}
