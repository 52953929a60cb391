/**
 * The draft letter's remedial paragraphs (shared/narrate/narrative.ts, from the plan) on the recorded
 * portal month (Phú Thọ, 08/2026): one per weak group, naming the units below target with their figures.
 */
import { describe, expect, it } from "vitest";
import { buildReport, remedialParagraphs, methodologyFor, PORTAL_GROUPS } from "../../shared";
import { PORTAL_MONTH, PORTAL_OPTIONS } from "./plan-fixture";

const report = buildReport(PORTAL_MONTH, { ...PORTAL_OPTIONS, plan: true });
const remedial = report.narrative.remedial ?? [];

describe("remedial paragraphs, Phú Thọ 08/2026", () => {
  it("only with a plan; after the data sentences, an opening and one paragraph per weak group (lowest share first)", () => {
    expect(buildReport(PORTAL_MONTH, PORTAL_OPTIONS).narrative.remedial).toBeUndefined();
    expect(remedial).toHaveLength(4);
    expect(report.narrative.sentences.slice(-4)).toEqual(remedial);
    expect(remedial[0]).toBe("Để tiếp tục phát huy những kết quả đạt được và khắc phục những tiêu chí đạt tỷ lệ thấp, UBND Tỉnh đề nghị:");
    expect(remedial.slice(1).map((p) => p.slice(0, p.indexOf(":")))).toEqual(["a) Nhóm chỉ số Số hóa hồ sơ (8.24/22 điểm, đạt 37,5%)", "b) Nhóm chỉ số Công khai, minh bạch (7.96/18 điểm, đạt 44,2%)", "c) Nhóm chỉ số Thanh toán trực tuyến (6.25/10 điểm, đạt 62,5%)"]);
  });

  it("online payment: the plan target (≥ 55%, Văn bản 2562/UBND-KSTTHC), the four units below it, lowest first", () => {
    // Hương Cần: 3 of 221 dossiers paid online (1,36%). The portal's 2-decimal rate reaches 55% when
    // round(10000·x/221) ≥ 5500, i.e. 20000·x ≥ 10999 × 221 = 2,430,779, x ≥ 122 (121/221 = 54,75%,
    // 122/221 = 55,20%): 119 more. Nhân Nghĩa: 81/215 → x ≥ ⌈10999 × 215 / 20000⌉ = 119, 38 more.
    // The province: 82,913 of 98,459 = 84,21%.
    expect(remedial[3]).toBe(
      "c) Nhóm chỉ số Thanh toán trực tuyến (6.25/10 điểm, đạt 62,5%): đề nghị Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường tập trung chỉ đạo hướng dẫn cá nhân, tổ chức thanh toán trực tuyến, thanh toán không dùng tiền mặt trên Cổng Dịch vụ công quốc gia khi thực hiện thủ tục hành chính có nghĩa vụ tài chính; đặc biệt chú trọng chỉ tiêu tỷ lệ thanh toán trực tuyến trên tổng số giao dịch thanh toán đạt tối thiểu 55% (toàn Tỉnh đạt 84,21%; 4/156 đơn vị chưa đạt, thấp nhất là UBND xã Hương Cần (1,36%, cần thêm 119 hồ sơ), UBND xã Nhân Nghĩa (37,67%, cần thêm 38 hồ sơ), UBND xã Quy Đức (37,76%, cần thêm 51 hồ sơ), Sở Nông Nghiệp và Môi Trường (48,99%, cần thêm 9 hồ sơ)).",
    );
  });

  it("digitisation: both plan targets of the group, five units named and the rest counted", () => {
    expect(remedial[1]).toContain("đặc biệt chú trọng chỉ tiêu tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 100% (toàn Tỉnh đạt 11,64%; 161/161 đơn vị chưa đạt, thấp nhất là Sở Ngoại vụ (0%, cần thêm 2 hồ sơ), UBND xã Bản Nguyên (0,25%, cần thêm 1.606 hồ sơ),");
    expect(remedial[1]).toContain("; chỉ tiêu tỷ lệ cấp kết quả giải quyết thủ tục hành chính bản điện tử đạt 100% (toàn Tỉnh đạt 72,42%; 161/161 đơn vị chưa đạt,");
    expect(remedial[1]?.match(/ và 156 đơn vị khác\)/g)).toHaveLength(2);
  });

  it("a group without a plan target names the threshold that costs the units most points", () => {
    expect(remedial[2]).toContain("đặc biệt chú trọng chỉ tiêu tỷ lệ TTHC công khai đầy đủ các bộ phận tạo thành đạt 100% (toàn Tỉnh đạt 97,75%; 163/163 đơn vị chưa đạt, thấp nhất là Ban quản lý các khu công nghiệp (97,75%, cần thêm 2 TTHC),");
  });

  it("nothing when no group is weak", () => {
    const plan = report.plan!;
    expect(remedialParagraphs({ provinceWord: "Tỉnh", groups: PORTAL_GROUPS.map((def) => ({ def, points: def.maxPoints })), plan, methodology: methodologyFor("2026-08-01") })).toEqual([]);
  });
});
