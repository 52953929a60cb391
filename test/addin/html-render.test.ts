import { describe, expect, it } from "vitest";
import { appendixToHtml, escapeHtml } from "../../addin/render/html";
import { buildReport } from "../../shared";
import { seedReportInput } from "../../samples/seed-000-input";

describe("appendix → HTML", () => {
  const report = buildReport(seedReportInput());
  const pl3 = report.appendices.find((a) => a.id === "PL3");
  if (!pl3) throw new Error("no PL3");
  const html = appendixToHtml(pl3);

  it("keeps the merged header cells", () => {
    expect(html).toContain('<th rowspan="3">STT</th>');
    expect(html).toContain('<th colspan="3">Tổng số hồ sơ quá hạn đang xử lý</th>');
    expect(html).toContain("<th>Cấp huyện</th>");
  });

  it("has one body row per unit, with the printed text", () => {
    expect(html.match(/<tr data-unit=/g)).toHaveLength(47);
    expect(html).toContain(">11.212</td>");
  });

  it("escapes what it prints", () => {
    expect(escapeHtml(`<b a="x">&'`)).toBe("&lt;b a=&quot;x&quot;&gt;&amp;&#39;");
  });
});
