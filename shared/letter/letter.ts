/**
 * Stage after the build — the letter. A report (any Report: the Worker's stored month, the add-in's
 * preview) and a province's settings (letter/settings.ts) → the whole draft letter as structured
 * content, in the order and form of Nghị định 30/2020/NĐ-CP and seed 000: header block (issuing body,
 * national title and motto, "Số: …", "V/v …", place and date in words), "Kính gửi", the grounds, the
 * figures, the requests, the closing, "Nơi nhận", the signature, then Phụ lục 1–4 with the letter's own
 * "(Kèm theo văn bản số … ngày … của …)". Pure and total: a report with no figures gives a letter
 * without its figure paragraphs, never an exception.
 *
 * Every figure is the report's: the narrative's sentences (narrate/narrative.ts), Phụ lục 1's group
 * rows and Phụ lục 2–4's rows as printed, the ranking's totals through text/vn-number.ts. The words
 * around them are the settings'. The .docx writer (letter/docx.ts) draws what this returns.
 */
import { CATALOGS } from "../catalog";
import { attachLineText } from "../layout/appendices";
import type { AppendixTable, TitleLine } from "../layout/table";
import type { UnitLevel } from "../model";
import { parsePeriod, periodEnd, periodLabel } from "../period";
import type { Report } from "../report";
import { formatCount, formatPoints } from "../text/vn-number";
import type { LetterSettings } from "./settings";

/** A stretch of text with one look. */
export interface LetterRun {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
}

/** A body paragraph: its runs, read left to right. */
export interface LetterParagraph {
  readonly runs: readonly LetterRun[];
}

export interface LetterHeader {
  /** The issuing body, upper case, one line each (top left, bold). */
  readonly issuer: readonly string[];
  /** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (top right, bold). */
  readonly nationalTitle: string;
  /** "Độc lập - Tự do - Hạnh phúc" (bold, underlined). */
  readonly motto: string;
  /** "Số: 193/UBND-KSTTHC"; without a number "Số:       /UBND-KSTTHC" for the clerk to fill. */
  readonly number: string;
  /** "V/v công khai kết quả … tháng 12/2024 …". */
  readonly subject: string;
  /** "Hà Nội, ngày 17 tháng 01 năm 2025" (italic). */
  readonly placeDate: string;
}

export interface LetterRequestBlock {
  /** "1. Giám đốc, Thủ trưởng các Sở, ban, ngành Thành phố, …"; empty ("") when the settings have no block for the planner's paragraphs. */
  readonly heading: string;
  /** "a) …", "b) …", …; a single request follows its heading on the same paragraph ("3. Văn phòng …: Chỉ đạo …"). */
  readonly items: readonly LetterParagraph[];
}

export interface LetterRequests {
  /** "Để tiếp tục phát huy … UBND Thành phố đề nghị:". */
  readonly opening: string;
  readonly blocks: readonly LetterRequestBlock[];
  /** True when the first block's items are the planner's paragraphs per weak group (narrative.remedial). */
  readonly fromPlan: boolean;
}

export type PageOrientation = "portrait" | "landscape";

export interface LetterAppendix {
  /** The report's table, its attach line the letter's ("Kèm theo văn bản số 193/UBND-KSTTHC ngày 17/01/2025 của …"). */
  readonly table: AppendixTable;
  readonly orientation: PageOrientation;
}

export interface Letter {
  readonly province: { readonly id: string; readonly name: string };
  /** The report's period key ("2024-12"), or null. */
  readonly period: string | null;
  readonly header: LetterHeader;
  /** "Kính gửi:" and the addressees, punctuated ("- Giám đốc, …;" … "- Chủ tịch UBND …."); one addressee is written on the label's line. */
  readonly salutation: { readonly label: string; readonly addressees: readonly string[] };
  readonly grounds: readonly LetterParagraph[];
  /** The figures, one "- …" paragraph each: headline, trend, groups, ranking, overdue dossiers, petitions. */
  readonly figures: readonly LetterParagraph[];
  /** "* Số liệu được tính tại thời điểm …" (italic), when the report has its data moment. */
  readonly dataNote: LetterParagraph | null;
  readonly requests: LetterRequests;
  readonly closing: LetterParagraph;
  /** "Nơi nhận:" and its lines, punctuated. */
  readonly recipients: { readonly label: string; readonly lines: readonly string[] };
  readonly signature: { readonly authority: readonly string[]; readonly name: string };
  readonly appendices: readonly LetterAppendix[];
}

export interface LetterMeta {
  /** The number the văn thư gives ("193") or the whole "193/UBND-KSTTHC"; absent: left blank. */
  readonly number?: string;
  /** The date of issue, ISO ("2025-01-17"); absent or not a date: day and month left blank. */
  readonly date?: string;
}

export const NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
export const MOTTO = "Độc lập - Tự do - Hạnh phúc";
/** The letters' sentence after the data moment (seeds 000, 001, 002). */
export const CUMULATIVE_NOTE = "Đối với số liệu về hồ sơ quá hạn được tính lũy kế, không phân định về giới hạn thời gian lấy số liệu như đối với các tiêu chí khác.";
/** An appendix wider than this (the sum of its columns' widths in characters) is set landscape: Phụ lục 1 (116) and 4 (106); 2 (82) and 3 (86) fit portrait. */
export const LANDSCAPE_OVER_CHARS = 100;
/** The blank the văn thư fills by hand (number, day, month). */
const BLANK = "      ";

/** The whole draft letter of a report, in the province's words. */
export function letterModel(report: Report, settings: LetterSettings, meta: LetterMeta = {}): Letter {
  const fill = placeholders(report);
  const number = documentNumber(settings.symbol, meta.number);
  const date = isoDate(meta.date);
  return {
    province: report.province,
    period: report.period,
    header: {
      issuer: settings.issuer,
      nationalTitle: NATIONAL_TITLE,
      motto: MOTTO,
      number: `Số: ${number ?? `${BLANK}/${settings.symbol}`}`,
      subject: `V/v ${fill(settings.subject)}`,
      placeDate: `${settings.place}, ${dateInWords(date, issueYear(report.period))}`,
    },
    salutation: { label: "Kính gửi:", addressees: settings.addressees.length === 1 ? [`${settings.addressees[0]}.`] : listLines(settings.addressees) },
    grounds: settings.grounds.map((g) => paragraph(fill(g))),
    figures: figureParagraphs(report),
    dataNote: report.narrative.timestamp ? { runs: [{ text: `* ${report.narrative.timestamp} ${CUMULATIVE_NOTE}`, italic: true }] } : null,
    requests: requestsOf(report, settings, fill),
    closing: paragraph(fill(settings.closing)),
    recipients: { label: "Nơi nhận:", lines: listLines(settings.recipients) },
    signature: { authority: settings.signerAuthority, name: settings.signerName },
    appendices: report.appendices.map((table) => ({
      table: withAttachLine(table, attachLineText({ ...(number ? { number } : {}), ...(date ? { date } : {}), code: settings.symbol }, settings.issuerName)),
      orientation: appendixOrientation(table),
    })),
  };
}

// ------------------------------------------------------------------ header

/** "193" → "193/UBND-KSTTHC"; "193/UBND-KSTTHC" as given; blank → null. */
export function documentNumber(symbol: string, number: string | undefined): string | null {
  const n = number?.trim();
  if (!n) return null;
  return n.includes("/") ? n : `${n}/${symbol}`;
}

/** The ISO date part of a meta date ("2025-01-17T…" → "2025-01-17"), or null when it is not a calendar date. */
function isoDate(date: string | undefined): string | null {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date.trim()) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/**
 * "ngày 17 tháng 01 năm 2025", as Nghị định 30/2020 (Phụ lục I, mục II.5) writes a date: a day below 10
 * and the months 1 and 2 with a leading zero ("ngày 05 tháng 02", "ngày 17 tháng 01", "ngày 2 tháng 4"
 * is "ngày 02 tháng 4"). Without a date, day and month are blanks for the clerk and the year is the
 * year the letter goes out (the one after the period ends).
 */
export function dateInWords(iso: string | null, blankYear: number | null = null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!m) return `ngày${BLANK}tháng${BLANK}năm ${blankYear ?? BLANK}`;
  const day = Number(m[3]);
  const month = Number(m[2]);
  return `ngày ${String(day).padStart(2, "0")} tháng ${month <= 2 ? String(month).padStart(2, "0") : String(month)} năm ${m[1]}`;
}

/** The year after the period ends (a December's letter goes out in January). */
function issueYear(period: string | null): number | null {
  const p = period ? parsePeriod(period) : null;
  if (!p) return null;
  const end = periodEnd(p);
  const next = new Date(Date.UTC(Number(end.slice(0, 4)), Number(end.slice(5, 7)) - 1, Number(end.slice(8, 10)) + 1));
  return next.getUTCFullYear();
}

/** "- A;" … "- Z." */
function listLines(items: readonly string[]): string[] {
  return items.map((s, i) => `- ${s}${i === items.length - 1 ? "." : ";"}`);
}

/** {period}, {previousPeriod}, {provinceWord} of the report. */
function placeholders(report: Report): (template: string) => string {
  const period = report.period ? parsePeriod(report.period) : null;
  const previous = report.previousPeriod ? parsePeriod(report.previousPeriod) : null;
  const word = provinceWord(report);
  const values: Record<string, string> = {
    period: period ? periodLabel(period) : `kỳ${BLANK}`,
    previousPeriod: previous ? periodLabel(previous) : "kỳ trước",
    provinceWord: word,
  };
  return (template) => template.replace(/\{(period|previousPeriod|provinceWord)\}/g, (_, key: string) => values[key] ?? "");
}

/** "Thành phố" / "Tỉnh": the catalog's word, capitalised as the letters write it ("UBND Thành phố"). */
function provinceWord(report: Report): string {
  const word = CATALOGS[report.province.id]?.provinceWord ?? (/^thành phố/i.test(report.province.name) ? "thành phố" : "tỉnh");
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Runs of a settings text: `**bold**` and `*italic*`, the rest plain. */
export function paragraph(text: string): LetterParagraph {
  const runs: LetterRun[] = [];
  const re = /\*\*([^*]+)\*\*|\*([^*]+)\*/g;
  let at = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > at) runs.push({ text: text.slice(at, m.index) });
    runs.push(m[1] !== undefined ? { text: m[1], bold: true } : { text: m[2] ?? "", italic: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) runs.push({ text: text.slice(at) });
  return { runs };
}

/** The paragraph as plain text (tests, previews). */
export function paragraphText(p: LetterParagraph): string {
  return p.runs.map((r) => r.text).join("");
}

// ------------------------------------------------------------------ figures

const LEVEL_UNITS: Record<UnitLevel, string> = {
  district: "UBND các quận, huyện, thị xã",
  commune: "UBND các xã, phường",
  department: "các sở, ban, ngành",
  province: "các tỉnh, thành phố",
};

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const detail = (appendix: number): LetterRun => ({ text: `chi tiết tại Phụ lục ${appendix} kèm theo`, italic: true });
/** "- …", without a full stop at the end, as the seed's figure lines. */
function bullet(...runs: LetterRun[]): LetterParagraph {
  const last = runs[runs.length - 1];
  const tail = last && last.text.endsWith(".") ? [...runs.slice(0, -1), { ...last, text: last.text.slice(0, -1) }] : runs;
  return { runs: [{ text: "- " }, ...tail] };
}

/** The figures as the letter lists them, every one read from the report. */
function figureParagraphs(report: Report): LetterParagraph[] {
  const n = report.narrative;
  const table = (id: AppendixTable["id"]) => report.appendices.find((a) => a.id === id);
  const out: LetterParagraph[] = [];
  if (n.headline) out.push(bullet({ text: `${n.headline}${n.timestamp ? "*" : ""}` }));
  if (n.trend) out.push(bullet({ text: n.trend }));
  const groups = groupResults(table("PL1"));
  if (groups) out.push(bullet({ text: "Các chỉ số thành phần (" }, detail(1), { text: `): ${groups}` }));
  if (n.weakestGroups) out.push(bullet({ text: n.weakestGroups }));
  const ranking = rankingSentence(report);
  if (ranking) out.push(bullet({ text: `Điểm tổng hợp, xếp hạng ${LEVEL_UNITS[report.ranking.level]} (` }, detail(2), { text: `): ${ranking}` }));
  if (n.overdueLeader) out.push(bullet({ text: "Hồ sơ xử lý quá hạn (" }, detail(3), { text: `): ${n.overdueLeader}` }));
  const petitions = petitionSentence(table("PL4"));
  if (petitions) out.push(bullet({ text: "Phản ánh, kiến nghị quá hạn tiếp nhận và xử lý (" }, detail(4), { text: `): ${petitions}` }));
  return out;
}

/**
 * Phụ lục 1's groups as a phrase: "Công khai, minh bạch 10.4/18 điểm (giảm 0.2 điểm); …" — the bold rows
 * after the total, their figure and change as the appendix prints them.
 */
function groupResults(pl1: AppendixTable | undefined): string | null {
  if (!pl1) return null;
  const groups = pl1.rows.filter((r) => r.bold).slice(1);
  const parts = groups.flatMap((r) => {
    const [, label, value, delta] = r.cells;
    if (!label || !value?.text) return [];
    return [`${label.text} ${value.text}${delta?.text ? ` (${lowerFirst(delta.text)})` : ""}`];
  });
  return parts.length ? parts.join("; ") : null;
}

/** "cao nhất là UBND quận Tây Hồ (89 điểm), thấp nhất là UBND quận Hoàn Kiếm (63.08 điểm)". */
function rankingSentence(report: Report): string | null {
  const scored = report.ranking.entries.filter((e) => e.total !== null);
  const top = scored[0];
  const bottom = scored[scored.length - 1];
  if (!top || !bottom || top.total === null || bottom.total === null) return null;
  const of = (name: string, total: number) => `${name} (${formatPoints(total)} điểm)`;
  if (scored.length === 1) return of(top.name, top.total);
  return `cao nhất là ${of(top.name, top.total)}, thấp nhất là ${of(bottom.name, bottom.total)}`;
}

/** "145 PAKN quá hạn tại 14 đơn vị, nhiều nhất là Sở Tài nguyên và Môi trường (45 PAKN)" — Phụ lục 4's totals. */
function petitionSentence(pl4: AppendixTable | undefined): string | null {
  const counted = (pl4?.rows ?? []).flatMap((r) => {
    const v = r.cells[2]?.value;
    return typeof v === "number" && v > 0 ? [{ name: r.cells[1]?.text ?? "", count: v }] : [];
  });
  const first = counted[0];
  if (!first) return null;
  let total = 0;
  for (const c of counted) total += c.count;
  return `${formatCount(total)} PAKN quá hạn tại ${formatCount(counted.length)} đơn vị, nhiều nhất là ${first.name} (${formatCount(first.count)} PAKN)`;
}

// ------------------------------------------------------------------ requests

const LETTERS = "abcdđeghiklmnopqrstuvxy";

/** The planner's paragraphs per weak group for the first block when the report has them, else the settings'; the other blocks from the settings. */
function requestsOf(report: Report, settings: LetterSettings, fill: (t: string) => string): LetterRequests {
  const remedial = report.narrative.remedial ?? [];
  const fromPlan = remedial.length > 1;
  // The planner's words are the engine's, not settings: plain text, no marks read in them.
  const planned = remedial.slice(1).map((p): LetterParagraph => ({ runs: [{ text: p }] }));
  const blocks = settings.requests.map((s, i): LetterRequestBlock => {
    const heading = `${i + 1}. ${fill(s.heading)}`;
    if (i === 0 && fromPlan) return { heading, items: planned };
    if (s.items.length === 1) return { heading: `${heading}: ${fill(s.items[0] ?? "")}`, items: [] };
    return { heading, items: s.items.map((item, k) => paragraph(`${LETTERS[k] ?? String(k + 1)}) ${fill(item)}`)) };
  });
  // Settings without request blocks still carry the planner's paragraphs, under no heading.
  if (fromPlan && !blocks.length) blocks.push({ heading: "", items: planned });
  return { opening: fromPlan ? (remedial[0] ?? "") : fill(settings.requestsOpening), blocks, fromPlan };
}

// ------------------------------------------------------------------ appendices

/** The table with its "(Kèm theo văn bản số …)" line replaced by the letter's (or added after the titles). */
function withAttachLine(table: AppendixTable, line: string): AppendixTable {
  const attach: TitleLine = { text: line, italic: true };
  const at = table.titleLines.findIndex((l) => l.text.startsWith("(Kèm theo"));
  const titleLines = at < 0 ? [...table.titleLines, attach] : table.titleLines.map((l, i) => (i === at ? attach : l));
  return { ...table, titleLines };
}

/** Landscape when the columns are wider than {@link LANDSCAPE_OVER_CHARS} characters. */
export function appendixOrientation(table: Pick<AppendixTable, "columns">): PageOrientation {
  let chars = 0;
  for (const c of table.columns) chars += c.width;
  return chars > LANDSCAPE_OVER_CHARS ? "landscape" : "portrait";
}
