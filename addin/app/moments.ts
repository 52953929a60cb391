/**
 * Stored revisions in the clerk's words (no DOM, no Office.js): who stored a revision, how it came
 * (sent from the add-in, fetched from the portal, the scheduled snapshot) and when — for the status
 * line, the list "Thời điểm số liệu" and the draft sheet. Times are Vietnam's (UTC+7, no daylight
 * saving), whatever the machine's clock zone.
 */
import { parsePeriod, periodLabel, VIETNAM_OFFSET_MS } from "../../shared";
import type { RevisionInfoBody } from "../../shared/api-responses";

/** How a revision came to be, as the clerk reads it. */
export const SOURCE_TEXT: Record<RevisionInfoBody["source"], string> = { put: "gửi lên", portal: "lấy từ Cổng", schedule: "chụp theo lịch" };

const two = (n: number) => String(n).padStart(2, "0");

/** "2026-12-05T01:00:00Z" → "08:00 05/12/2026" (Vietnam time); a text that is no date stays as it is. */
export function vnDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + VIETNAM_OFFSET_MS);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())} ${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** "09:12" (Vietnam time). */
export function vnTime(date: Date): string {
  return vnDateTime(date.toISOString()).slice(0, 5);
}

/** "12/2024", "quý 3/2026", "năm 2026": the period as a sentence names it after "kỳ". */
export function periodText(key: string): string {
  const p = parsePeriod(key);
  return p ? periodLabel(p).replace(/^tháng /, "") : key;
}

/** "Bản số 4 do «Lịch tự động» lưu lúc 08:00 05/12/2026 (chụp theo lịch)". */
export function revisionText(r: RevisionInfoBody): string {
  return `Bản số ${r.revision} do «${r.createdBy}» lưu lúc ${vnDateTime(r.createdAt)} (${SOURCE_TEXT[r.source]})`;
}

/** One choice of the list "Thời điểm số liệu" (newest first, short enough for the task pane): "Bản 4 · chụp theo lịch · 08:00 05/12/2026 · Lịch tự động". */
export function momentLabel(r: RevisionInfoBody): string {
  return `Bản ${r.revision} · ${SOURCE_TEXT[r.source]} · ${vnDateTime(r.capturedAt)} · ${r.createdBy}`;
}

/** The chosen moment as the status line and the draft sheet name it: "bản số 3 trên máy chủ (chụp theo lịch, số liệu lúc 08:00 05/12/2026)". */
export function momentText(r: RevisionInfoBody): string {
  return `bản số ${r.revision} trên máy chủ (${SOURCE_TEXT[r.source]}, số liệu lúc ${vnDateTime(r.capturedAt)}, do «${r.createdBy}» lưu)`;
}
