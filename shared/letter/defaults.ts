/**
 * A province's letter settings before anyone has stored its own (the Worker's GET …/letter-settings and
 * the letter it builds): Hà Nội's are văn bản 193/UBND-KSTTHC's (./settings.ts); every other province
 * gets the same letter in general words, built from its official name ("Tỉnh Phú Thọ"): issuing body,
 * place, "UBND Tỉnh", the grounds every province shares (Quyết định 766/QĐ-TTg and the portal's page)
 * and requests that name no body of one province only. The signer's name is left blank for the clerk.
 * Plain data; nothing here is a figure.
 */
import { HA_NOI_LETTER_SETTINGS, type LetterSettings } from "./settings";

/** The province as its official name gives it: "Thành phố Hà Nội", "Tỉnh Phú Thọ". */
export interface LetterProvince {
  readonly id: string;
  readonly name: string;
}

/** "Thành phố …" is a city ("thành phố"), anything else a province ("tỉnh"); as letters/letter.ts words it. */
function wordOf(name: string): "thành phố" | "tỉnh" {
  return /^thành phố\s/i.test(name.trim()) ? "thành phố" : "tỉnh";
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The name without "Tỉnh"/"Thành phố": "Phú Thọ" (the place before the date). */
function placeOf(name: string): string {
  return name.trim().replace(/^(tỉnh|thành phố)\s+/i, "");
}

/** The default settings of a province: Hà Nội's own for HN, the general ones built from the name otherwise. */
export function defaultLetterSettings(province: LetterProvince): LetterSettings {
  if (province.id === "HN") return HA_NOI_LETTER_SETTINGS;
  const word = wordOf(province.name);
  const Word = capital(word);
  const place = placeOf(province.name);
  return {
    issuer: ["ỦY BAN NHÂN DÂN", `${Word} ${place}`.toUpperCase()],
    issuerName: `UBND ${word} ${place}`,
    symbol: "UBND-KSTTHC",
    place,
    subject: "công khai kết quả Bộ chỉ số phục vụ người dân, doanh nghiệp {period} và các giải pháp khắc phục, cải thiện kết quả Bộ Chỉ số",
    addressees: ["Giám đốc, Thủ trưởng các Sở, ban, ngành", "Chủ tịch UBND các xã, phường"],
    grounds: [
      "Căn cứ Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ Chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công trực tuyến theo thời gian thực trên môi trường điện tử.",
      "Căn cứ kết quả trên Cổng Dịch vụ công quốc gia (https://dichvucong.gov.vn) tại mục **“Kết quả đánh giá Bộ chỉ số phục vụ người dân và doanh nghiệp của bộ, ngành, địa phương”**, UBND {provinceWord} công khai kết quả Bộ Chỉ số phục vụ người dân và doanh nghiệp {period} tại các cơ quan, đơn vị, cụ thể như sau:",
    ],
    requestsOpening: "Để tiếp tục phát huy những kết quả đạt được và khắc phục những tiêu chí đạt tỷ lệ thấp, UBND {provinceWord} đề nghị:",
    requests: [
      {
        heading: "Giám đốc, Thủ trưởng các Sở, ban, ngành {provinceWord}, Chủ tịch UBND các xã, phường",
        items: [
          "Thường xuyên theo dõi mục “Quyết định công bố” trên Cổng dịch vụ công quốc gia, tham mưu UBND {provinceWord} công bố, công khai các thủ tục hành chính thuộc thẩm quyền quản lý của đơn vị theo đúng thời hạn quy định.",
          "Chỉ đạo cán bộ, công chức tiếp nhận, giải quyết thủ tục hành chính kết thúc các bước xử lý hồ sơ trên Hệ thống thông tin giải quyết thủ tục hành chính của {provinceWord} đúng quy định; cấp kết quả bản điện tử, đính kèm tệp tin kết quả điện tử lên Hệ thống để cải thiện tỷ lệ hồ sơ giải quyết đúng hạn và hồ sơ có cấp kết quả điện tử.",
          "Căn cứ danh sách hồ sơ xử lý quá hạn (*tại Phụ lục 3 ban hành kèm theo*), khẩn trương rà soát, xác định nguyên nhân, xử lý dứt điểm các hồ sơ đang quá hạn; thực hiện việc xin lỗi người dân, doanh nghiệp theo quy định.",
          "Tăng cường thông tin, tuyên truyền và hướng dẫn cá nhân, tổ chức nộp hồ sơ qua dịch vụ công trực tuyến.",
        ],
      },
      {
        heading: "Văn phòng UBND {provinceWord}",
        items: ["Công khai kết quả trên Cổng thông tin điện tử của {provinceWord} theo đúng chỉ đạo của Thủ tướng Chính phủ."],
      },
    ],
    closing: "Yêu cầu các đơn vị nghiêm túc triển khai thực hiện, báo cáo UBND {provinceWord} kết quả thực hiện theo quy định./.",
    recipients: ["Như trên", "Văn phòng Chính phủ", `Chủ tịch UBND ${Word}`, `Các PCT UBND ${Word}`, "Lưu: VT, KSTTHC"],
    signerAuthority: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    signerName: "",
  };
}
