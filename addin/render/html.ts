/**
 * An appendix table as HTML: title lines, the merged multi-row header (rowspan / colspan), rows with
 * each cell's printed text, tone classes for deltas, notes. Pure string building (no DOM), so the
 * browser preview, `npm start` and tests share it.
 */
import type { AppendixTable, TableCell } from "../../shared";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const ALIGN: Record<TableCell["kind"], string> = {
  index: "center",
  text: "left",
  count: "right",
  points: "right",
  percent: "right",
  delta: "left",
  composite: "left",
};

function cellHtml(cell: TableCell): string {
  const classes = [`k-${cell.kind}`, cell.tone ? `t-${cell.tone}` : "", cell.bold ? "b" : ""].filter(Boolean).join(" ");
  return `<td class="${classes}" style="text-align:${ALIGN[cell.kind]}">${escapeHtml(cell.text)}</td>`;
}

export function appendixToHtml(table: AppendixTable): string {
  const titles = table.titleLines
    .map((t) => `<p class="title${t.bold ? " b" : ""}${t.italic ? " i" : ""}">${escapeHtml(t.text)}</p>`)
    .join("\n");
  const headRows: string[] = [];
  for (let r = 0; r < table.headerRowCount; r++) {
    const cells = table.header
      .filter((h) => h.row === r)
      .sort((a, b) => a.col - b.col)
      .map((h) => `<th${h.rowSpan > 1 ? ` rowspan="${h.rowSpan}"` : ""}${h.colSpan > 1 ? ` colspan="${h.colSpan}"` : ""}>${escapeHtml(h.text)}</th>`)
      .join("");
    headRows.push(`<tr>${cells}</tr>`);
  }
  const body = table.rows.map((row) => `<tr${row.bold ? ' class="b"' : ""}${row.unitId ? ` data-unit="${escapeHtml(row.unitId)}"` : ""}>${row.cells.map(cellHtml).join("")}</tr>`).join("\n");
  const cols = table.columns.map((c) => `<col style="width:${c.width}ch">`).join("");
  const notes = table.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("\n");
  return `<section class="appendix" id="${table.id}">
${titles}
<table><colgroup>${cols}</colgroup>
<thead>${headRows.join("\n")}</thead>
<tbody>
${body}
</tbody></table>
${notes}
</section>`;
}

export const APPENDIX_CSS = `
.appendix { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 13pt; margin: 1.5em 0 2.5em; }
.appendix .title { text-align: center; margin: 0.15em 0; }
.appendix .b { font-weight: bold; }
.appendix .i { font-style: italic; }
.appendix table { border-collapse: collapse; margin: 0.8em auto; }
.appendix th, .appendix td { border: 1px solid #000; padding: 2px 6px; vertical-align: middle; }
.appendix th { font-weight: bold; text-align: center; }
.appendix .t-up { color: #0a7a2f; }
.appendix .t-down { color: #c0161c; }
.appendix .note { font-size: 11pt; font-style: italic; margin: 0.2em 0; }
`;
