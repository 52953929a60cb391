/**
 * The task pane's DOM: progress, status line, issue list, settings form (the province a drop-down of
 * the 34, the period a month / quarter / year picker giving the engine's keys "2026-08", "2026-Q3",
 * "2026"), HTML preview. No Office.js.
 */
import { type Issue, parsePeriod, type Period, periodKey, periodLabel, PROVINCES, type Report } from "../../shared";
import { APPENDIX_CSS, appendixToHtml, escapeHtml } from "../render/html";
import type { RevisionInfoBody } from "../../shared/api-responses";
import type { RevisionList } from "../api/client";
import type { StatusKind, UiPort } from "../app/controller";
import { momentLabel } from "../app/moments";
import type { PaneSettings } from "../app/settings";

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
};

const SEVERITY: Record<Issue["severity"], string> = { error: "Lỗi", warning: "Cảnh báo", info: "Ghi chú" };

/** The revisions the list "Thời điểm số liệu" shows (the last list the Worker gave). */
let shownMoments: RevisionList | null = null;

/** The revision chosen under "Thời điểm số liệu"; null for "Bảng nhập liệu trong sổ". */
export function selectedMoment(): RevisionInfoBody | null {
  const value = $<HTMLSelectElement>("moment").value;
  return shownMoments?.revisions.find((r) => String(r.revision) === value) ?? null;
}

export function createUi(onSelectCell: (reference: string) => void): UiPort {
  const style = document.createElement("style");
  style.textContent = APPENDIX_CSS;
  document.head.append(style);
  return {
    progress(step, percent) {
      const bar = $<HTMLProgressElement>("progress");
      bar.hidden = percent <= 0 || percent >= 100;
      bar.value = percent;
      $("step").textContent = step;
    },
    status(text, kind: StatusKind) {
      const el = $("status");
      el.textContent = text;
      el.dataset["kind"] = kind;
    },
    issues(list, cellOf) {
      const box = $("issues");
      box.replaceChildren();
      $("issue-count").textContent = list.length ? `(${list.length})` : "";
      for (const issue of list) {
        const li = document.createElement("li");
        li.className = issue.severity;
        const cell = cellOf(issue);
        const content = `<b>${SEVERITY[issue.severity]}</b> ${escapeHtml(issue.message)}${cell ? ` <span class="cell">${escapeHtml(cell)}</span>` : ""}`;
        if (cell) {
          // A real button: Tab reaches it, Enter and Space press it, screen readers announce it.
          const button = document.createElement("button");
          button.type = "button";
          button.className = "issue";
          button.title = "Chọn ô dữ liệu này trong sổ tính";
          button.innerHTML = content;
          button.addEventListener("click", () => onSelectCell(cell));
          li.append(button);
        } else {
          li.innerHTML = content;
        }
        box.append(li);
      }
    },
    moments(list, why) {
      const select = $<HTMLSelectElement>("moment");
      // A chosen revision stays chosen only while the list is of the same province and period.
      const same = !!list && shownMoments?.province === list.province && shownMoments.period === list.period;
      const keep = same ? select.value : "";
      shownMoments = list;
      select.replaceChildren(option("", "Bảng nhập liệu trong sổ"), ...(list?.revisions ?? []).map((r) => option(String(r.revision), momentLabel(r))));
      select.value = [...select.options].some((o) => o.value === keep) ? keep : "";
      $("moment-note").textContent = why || `${list?.revisions.length ?? 0} bản đã lưu trên máy chủ (mới nhất trước): chọn một bản để lập phụ lục theo đúng thời điểm của bản đó.`;
    },
    choices(list) {
      const box = $("choices");
      const buttons = list.map((choice) => {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = choice.label;
        b.addEventListener("click", async () => {
          const all = [...$("choice-buttons").querySelectorAll("button")];
          all.forEach((x) => (x.disabled = true));
          try {
            await choice.run();
          } finally {
            all.forEach((x) => (x.disabled = false));
          }
        });
        return b;
      });
      $("choice-buttons").replaceChildren(...buttons);
      box.hidden = !list.length;
      // The choices sit under the status line, below the forms: bring them into view.
      if (list.length) box.scrollIntoView?.({ block: "nearest" });
    },
    link(url, text) {
      const box = $("letter-link");
      box.hidden = !url;
      $("letter-link-text").textContent = url ? text : "";
      const input = $<HTMLInputElement>("letter-link-url");
      input.value = url ?? "";
      const open = $<HTMLAnchorElement>("letter-link-open");
      if (url) open.href = url;
      else open.removeAttribute("href");
      if (url) {
        // Selected, ready to copy (Ctrl+C); shown under the form.
        input.focus();
        input.select();
        box.scrollIntoView?.({ block: "nearest" });
      }
    },
    preview(report: Report) {
      const box = $("preview");
      box.hidden = false;
      box.innerHTML = `<h2>Dự thảo văn bản</h2>${report.narrative.sentences.map((s) => `<p>${escapeHtml(s)}</p>`).join("")}${report.appendices.map(appendixToHtml).join("")}`;
    },
  };
}

/** "Xuất văn bản (Word)" enabled, or disabled with why under it (no server set, offline). */
export function showLetterAvailability(why: string | null): void {
  $<HTMLButtonElement>("export-letter").disabled = !!why;
  $("letter-note").textContent = why ?? "";
}

/** The fields of the period picker, whose changes are the period's. */
export const PERIOD_FIELDS = ["period-kind", "period-month", "period-quarter", "period-year"] as const;

function option(value: string, label: string): HTMLOptionElement {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  return o;
}

/** "Hà Nội (HN)": the name clerks use, then the short code the API and the workbook keep. */
export function provinceLabel(p: (typeof PROVINCES)[number]): string {
  return `${p.shortName} (${p.code})`;
}

/**
 * Fill the drop-downs (the 34 provinces in Vietnamese alphabetical order, months, quarters) and show
 * the month or the quarter list as the kind asks; the period's key is shown under the picker.
 */
export function setupPickers(): void {
  const province = $<HTMLSelectElement>("province");
  const collator = new Intl.Collator("vi");
  province.replaceChildren(...[...PROVINCES].sort((a, b) => collator.compare(a.shortName, b.shortName)).map((p) => option(p.code, provinceLabel(p))));
  // Read after the kind: "Tháng 8 2026", "Quý 3 2026" (each list has its own label for screen readers).
  $<HTMLSelectElement>("period-month").replaceChildren(...Array.from({ length: 12 }, (_, i) => option(String(i + 1), String(i + 1))));
  $<HTMLSelectElement>("period-quarter").replaceChildren(...Array.from({ length: 4 }, (_, i) => option(String(i + 1), String(i + 1))));
  for (const id of PERIOD_FIELDS) $(id).addEventListener("change", showPeriod);
  $("period-year").addEventListener("input", showPeriod);
  showPeriod();
}

/** The picker's period key ("2026-08", "2026-Q3", "2026"); an unusable year stays as typed, for the check to name. */
export function readPeriod(): string {
  const kind = $<HTMLSelectElement>("period-kind").value;
  const yearText = $<HTMLInputElement>("period-year").value.trim();
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText)) return kind === "year" ? yearText : `${yearText}-${kind === "quarter" ? `Q${$<HTMLSelectElement>("period-quarter").value}` : $<HTMLSelectElement>("period-month").value.padStart(2, "0")}`;
  const period: Period = kind === "quarter" ? { kind, year, quarter: Number($<HTMLSelectElement>("period-quarter").value) } : kind === "year" ? { kind: "year", year } : { kind: "month", year, month: Number($<HTMLSelectElement>("period-month").value) };
  return periodKey(period);
}

/** Set the picker to a period key; one that cannot be read leaves the picker as it is. */
function writePeriod(key: string): void {
  const p = parsePeriod(key);
  if (!p) return;
  $<HTMLSelectElement>("period-kind").value = p.kind;
  $<HTMLInputElement>("period-year").value = String(p.year);
  if (p.kind === "month") $<HTMLSelectElement>("period-month").value = String(p.month);
  if (p.kind === "quarter") $<HTMLSelectElement>("period-quarter").value = String(p.quarter);
  showPeriod();
}

function showPeriod(): void {
  const kind = $<HTMLSelectElement>("period-kind").value;
  $("period-month").hidden = kind !== "month";
  $("period-quarter").hidden = kind !== "quarter";
  const key = readPeriod();
  const p = parsePeriod(key);
  $("period-key").textContent = p ? `Kỳ ${periodLabel(p)} (mã kỳ ${key})` : "Năm chưa đúng: cần 4 chữ số, ví dụ 2026.";
}

export function readForm(): PaneSettings {
  const v = (id: string) => $<HTMLInputElement>(id).value.trim();
  return { workerUrl: v("worker-url"), apiKey: v("api-key"), province: v("province"), period: readPeriod(), letterNumber: v("letter-number"), letterDate: v("letter-date") };
}

export function fillForm(s: PaneSettings): void {
  const set = (id: string, value: string) => ($<HTMLInputElement>(id).value = value);
  set("worker-url", s.workerUrl);
  set("api-key", s.apiKey);
  // A province the list does not have (an older workbook's own code) is kept as one more choice.
  const province = $<HTMLSelectElement>("province");
  const code = s.province.trim();
  if (code && ![...province.options].some((o) => o.value === code)) province.append(option(code, `${code} (không có trong danh mục 34 tỉnh, thành phố)`));
  province.value = code;
  writePeriod(s.period);
  set("letter-number", s.letterNumber);
  set("letter-date", s.letterDate);
}

export function showMode(inExcel: boolean): void {
  $("mode").textContent = inExcel
    ? "Đang chạy trong Excel."
    : "Đang mở ngoài Excel: đây là bản xem trước với tháng mẫu Hà Nội 12/2024 (văn bản 193/UBND-KSTTHC). Trong Excel, các nút đọc và ghi vào sổ tính.";
  $("mode").dataset["kind"] = inExcel ? "excel" : "preview";
}
