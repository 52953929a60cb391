import { describe, expect, it } from "vitest";
import { normalizePaste } from "../../addin/sheets/normalize";
import { HA_NOI } from "../../shared";
import { DECEMBER_ROWS } from "../../samples/seed-000-input";

describe("Chuẩn hoá: a pasted block → an input table", () => {
  it("finds the header under title lines, reads the seed's Phụ lục 3 as pasted (dot thousands, short names)", () => {
    const block = [
      ["Phụ lục 3", "", "", "", ""],
      ["HỒ SƠ XỬ LÝ QUÁ HẠN THÁNG 12/2024", "", "", "", ""],
      ["STT", "Tên đơn vị", "Tổng", "Cấp huyện", "Cấp xã"],
      ...DECEMBER_ROWS.pl3.map((r) => [r[0], r[1], r[2], r[3] ?? "", r[4] ?? ""]),
    ];
    const n = normalizePaste(block, "overdueDossiers", HA_NOI, "2024-12-31", { row: 4, col: 1 });
    expect(n.headerRow).toBe(2);
    expect(n.rows).toHaveLength(47);
    expect(n.rows[0]).toEqual(["Sở Tư pháp", 11212, "", ""]);
    expect(n.rows[21]).toEqual(["UBND quận Tây Hồ", 146, 115, 131]);
    expect(n.rows[32]?.[0]).toBe("Sở Lao động - Thương binh và Xã hội");
    expect(n.issues).toEqual([]);
  });

  it("any column order, headers without diacritics, OCR names; problems point at the pasted cell", () => {
    const block = [
      ["so diem", "ten don vi", "tang/giam so voi thang 11"],
      ["89", "UBND quan Tay Ho", "Tang 0.92"],
      ["82,11", "UBND huyen Phu Xuyen", "Giảm 3.4"],
      ["7x", "UBND quận Hải Châu", "Tăng 1"],
    ];
    const n = normalizePaste(block, "unitScores", HA_NOI, "2024-12-31", { row: 0, col: 2 });
    expect(n.rows.map((r) => [r[0], r[1], r[8]])).toEqual([
      ["UBND quận Tây Hồ", 89, "Tang 0.92"],
      ["UBND huyện Phú Xuyên", 82.11, "Giảm 3.4"],
      ["UBND quận Hải Châu", "7x", "Tăng 1"],
    ]);
    expect(n.issues.map((i) => [i.severity, i.cell])).toEqual([
      ["warning", "C1"],
      ["error", "D4"],
      ["error", "C4"],
    ]);
    // The six group columns (and the note) had no source: said once, at the header.
    expect(n.issues[0]?.message).toContain('"Công khai, minh bạch"');
    expect(n.issues[1]?.message).toContain('Không nhận ra đơn vị "UBND quận Hải Châu"');
  });

  it("Phụ lục 4's numbering row and blank lines are skipped", () => {
    const block = [
      ["STT", "Tên đơn vị", "Tổng số", "Chưa tiếp nhận", "Chậm xử lý", "Ghi chú"],
      ["1=(2+3)", "", "2", "3", "", ""],
      ...DECEMBER_ROWS.pl4.slice(0, 3).map((r) => [r[0], r[1], r[2], r[3], r[4], ""]),
    ];
    const n = normalizePaste(block, "overduePetitions", HA_NOI, "2024-12-31");
    expect(n.rows).toEqual([
      ["Sở Tài nguyên và Môi trường", 45, 0, 45, ""],
      ["Sở Giáo dục và Đào tạo", 34, 0, 34, ""],
      ["UBND huyện Sóc Sơn", 21, 0, 21, ""],
    ]);
  });

  it("no recognisable header is one clear error, not a guess", () => {
    const n = normalizePaste([["a", "b"], ["1", "2"]], "overdueDossiers", HA_NOI, "2024-12-31");
    expect(n.rows).toEqual([]);
    expect(n.issues[0]?.message).toContain("Không tìm thấy dòng tiêu đề");
  });

  describe("merged multi-row headers (as printed in Phụ lục 3)", () => {
    // "Số hồ sơ quá hạn" merged across C:E above "Tổng / Cấp huyện / Cấp xã"; STT and "Tên đơn vị" merged down.
    const block = [
      ["STT", "Tên đơn vị", "Số hồ sơ quá hạn", "", ""],
      ["", "", "Tổng", "Cấp huyện", "Cấp xã"],
      ...DECEMBER_ROWS.pl3.slice(20, 23).map((r) => [r[0], r[1], r[2], r[3] ?? "", r[4] ?? ""]),
    ];
    // The same rows under a one-row header.
    const expected = normalizePaste([["STT", "Tên đơn vị", "Tổng", "Cấp huyện", "Cấp xã"], ...block.slice(2)], "overdueDossiers", HA_NOI, "2024-12-31").rows;

    it("inferred from blank header cells: every column found, no column lost", () => {
      const n = normalizePaste(block, "overdueDossiers", HA_NOI, "2024-12-31");
      expect(n.headerRow).toBe(1);
      expect(n.columnOf).toEqual([1, 2, 3, 4]);
      expect(expected).toHaveLength(3);
      expect(n.rows).toEqual(expected);
      expect(n.issues).toEqual([]);
    });

    it("with Excel's merged areas (ExcelApi 1.13) the same columns are found", () => {
      const merges = [
        { row: 0, col: 2, rows: 1, cols: 3 },
        { row: 0, col: 0, rows: 2, cols: 1 },
        { row: 0, col: 1, rows: 2, cols: 1 },
      ];
      const n = normalizePaste(block, "overdueDossiers", HA_NOI, "2024-12-31", { row: 0, col: 0 }, merges);
      expect(n.headerRow).toBe(1);
      expect(n.columnOf).toEqual([1, 2, 3, 4]);
    });

    it("a generic sub-heading takes the merged title above it (\"Điểm\" under \"Thanh toán trực tuyến\")", () => {
      const scores = [
        ["Tên đơn vị", "Tổng điểm", "Thanh toán trực tuyến", "", "Mức độ hài lòng"],
        ["", "", "Điểm", "Tỷ lệ", ""],
        ["UBND quận Tây Hồ", "89", "8,5", "61%", "17,2"],
      ];
      const n = normalizePaste(scores, "unitScores", HA_NOI, "2024-12-31");
      expect(n.headerRow).toBe(1);
      expect(n.rows[0]?.slice(0, 2)).toEqual(["UBND quận Tây Hồ", 89]);
      expect(n.columnOf[5]).toBe(2); // groups.TTTT ← "Thanh toán trực tuyến / Điểm"
      expect(n.columnOf[6]).toBe(4); // groups.MDHL ← merged down
    });

    it("a target column with no source is reported, not silently left blank", () => {
      const two = block.map((r) => r.slice(0, 4));
      const n = normalizePaste(two, "overdueDossiers", HA_NOI, "2024-12-31", { row: 9, col: 0 });
      expect(n.issues).toEqual([{ severity: "warning", cell: "A11", message: 'Vùng đã chọn không có cột "Cấp xã": cột này để trống trong bảng "Nhập - Hồ sơ quá hạn".' }]);
    });
  });
});

describe("Chuẩn hoá into “Nhập - Chỉ tiêu” (a pasted portal indicator table)", () => {
  const DATE = "2026-08-31";

  it("one row per unit and indicator: the indicator by code, number, numbered title or name, as its number; Vietnamese figures read", () => {
    const block = [
      ["CHỈ TIÊU CỦA CÁC ĐƠN VỊ THÁNG 8/2026", "", "", "", "", "", ""],
      ["STT", "Tên đơn vị", "Chỉ tiêu", "Điểm tối đa", "Tử số", "Mẫu số", "Điểm đạt"],
      ["1", "Sở Tư pháp", "PUBLISH_ON_TIME", "6", "12", "12", "6"],
      ["2", "So Tu phap", "2.1", "20", "1.234", "1.300", "18,98"], // without diacritics: the same unit
      ["3", "Sở Tư pháp", "3.5b. Tỷ lệ TTHC có giao dịch thanh toán trực tuyến", "2", "7", "9", "1,94"],
      ["4", "Sở Tư pháp", "Tỷ lệ TTHC cập nhật, công khai đúng hạn", "4", "30", "40", "3"],
      ["5", "Sở Tư pháp", "Tỷ lệ người dân vui vẻ", "4", "1", "2", ""],
    ];
    const n = normalizePaste(block, "indicators", HA_NOI, DATE, { row: 0, col: 0 });
    expect(n.headerRow).toBe(1);
    // "Điểm tối đa" feeds nothing: the points are "Điểm đạt".
    expect(n.columnOf).toEqual([1, 2, 4, 5, -1, 6]);
    expect(n.rows).toEqual([
      ["Sở Tư pháp", "1.1", 12, 12, "", 6],
      ["Sở Tư pháp", "2.1", 1234, 1300, "", 18.98],
      ["Sở Tư pháp", "3.5b", 7, 9, "", 1.94],
      // The portal's wording ("cập nhật" without "được") is the methodology's 1.2.
      ["Sở Tư pháp", "1.2", 30, 40, "", 3],
      ["Sở Tư pháp", "Tỷ lệ người dân vui vẻ", 1, 2, "", ""],
    ]);
    expect(n.issues.map((i) => [i.severity, i.cell, i.message])).toEqual([
      ["warning", "A2", 'Vùng đã chọn không có cột "Tỷ lệ (%)": cột này để trống trong bảng "Nhập - Chỉ tiêu".'],
      ["error", "C7", 'Không nhận ra chỉ tiêu "Tỷ lệ người dân vui vẻ" trong phương pháp tính (Cổng DVCQG 2026: điểm từng chỉ tiêu theo API báo cáo).'],
    ]);
  });

  it("the portal's wide table: indicator titles merged over Tử số / Mẫu số / Điểm, several side by side", () => {
    const block = [
      ["STT", "Đơn vị", "1.1 Tỷ lệ TTHC công bố đúng hạn", "", "", "1.4 Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG", "", ""],
      ["", "", "Tử số", "Mẫu số", "Điểm", "Tử số", "Mẫu số", "Điểm"],
      ["1", "Sở Tư pháp", "12", "12", "6", "380", "400", "5,7"],
      ["2", "Sở Xây dựng", "", "", "", "10", "20", "3"],
    ];
    const n = normalizePaste(block, "indicators", HA_NOI, DATE);
    expect(n.headerRow).toBe(1);
    expect(n.rows).toEqual([
      ["Sở Tư pháp", "1.1", 12, 12, "", 6],
      ["Sở Tư pháp", "1.4", 380, 400, "", 5.7],
      ["Sở Xây dựng", "1.4", 10, 20, "", 3],
    ]);
    expect(n.issues).toEqual([]);
    // With Excel's merged areas the same.
    const merges = [
      { row: 0, col: 2, rows: 1, cols: 3 },
      { row: 0, col: 5, rows: 1, cols: 3 },
      { row: 0, col: 1, rows: 2, cols: 1 },
    ];
    expect(normalizePaste(block, "indicators", HA_NOI, DATE, { row: 0, col: 0 }, merges).rows).toEqual(n.rows);
  });

  it("figures without any indicator to belong to: one clear error, no rows", () => {
    const n = normalizePaste([["Tên đơn vị", "Tử số", "Mẫu số"], ["Sở Tư pháp", "1", "2"]], "indicators", HA_NOI, DATE);
    expect(n.rows).toEqual([]);
    expect(n.issues.map((i) => i.message)).toEqual(['Vùng đã chọn không có cột "Mã chỉ tiêu" (hay "Chỉ tiêu"), cũng không có tên chỉ tiêu phía trên các cột "Tử số", "Mẫu số": không biết số liệu thuộc chỉ tiêu nào.']);
  });
});
