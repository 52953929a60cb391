/** The task pane's DOM: progress, status line, issue list, settings form, HTML preview. No Office.js. */
import type { Issue, Report } from "../../shared";
import { APPENDIX_CSS, appendixToHtml, escapeHtml } from "../render/html";
import type { StatusKind, UiPort } from "../app/controller";
import type { PaneSettings } from "../app/settings";

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
};

const SEVERITY: Record<Issue["severity"], string> = { error: "Lỗi", warning: "Cảnh báo", info: "Ghi chú" };

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
    preview(report: Report) {
      const box = $("preview");
      box.hidden = false;
      box.innerHTML = `<h2>Dự thảo văn bản</h2>${report.narrative.sentences.map((s) => `<p>${escapeHtml(s)}</p>`).join("")}${report.appendices.map(appendixToHtml).join("")}`;
    },
  };
}

export function readForm(): PaneSettings {
  const v = (id: string) => $<HTMLInputElement>(id).value.trim();
  return { workerUrl: v("worker-url"), apiKey: v("api-key"), province: v("province"), period: v("period"), letterNumber: v("letter-number"), letterDate: v("letter-date") };
}

export function fillForm(s: PaneSettings): void {
  const set = (id: string, value: string) => ($<HTMLInputElement>(id).value = value);
  set("worker-url", s.workerUrl);
  set("api-key", s.apiKey);
  set("province", s.province);
  set("period", s.period);
  set("letter-number", s.letterNumber);
  set("letter-date", s.letterDate);
}

export function showMode(inExcel: boolean): void {
  $("mode").textContent = inExcel
    ? "Đang chạy trong Excel."
    : "Đang mở ngoài Excel: đây là bản xem trước với tháng mẫu Hà Nội 12/2024 (văn bản 193/UBND-KSTTHC). Trong Excel, các nút đọc và ghi vào sổ tính.";
  $("mode").dataset["kind"] = inExcel ? "excel" : "preview";
}
