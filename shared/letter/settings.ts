/**
 * What a province's letter says that no report figure decides: the issuing body, the document symbol,
 * the place, whom it is sent to, its grounds, the standing requests, "Nơi nhận" and the signer. Plain
 * data, stored per province (the Worker keeps them in D1; Hà Nội's below, from seed 000 — văn bản
 * 193/UBND-KSTTHC of 17/01/2025 — is the example and the default).
 *
 * Texts may carry `**bold**` and `*italic*` (as the seed sets them) and these placeholders, filled from
 * the report by letterModel (letter/letter.ts): `{period}` "tháng 12/2024", `{previousPeriod}` "tháng
 * 11/2024", `{provinceWord}` "Thành phố". Nothing here is a figure: every number of the letter comes from
 * the report.
 */

/** A numbered request block: "1. Giám đốc, Thủ trưởng …" and its lettered items "a) …". */
export interface LetterRequestSection {
  /** Who is asked, after the number: "Giám đốc, Thủ trưởng các Sở, ban, ngành Thành phố, …". */
  readonly heading: string;
  /** The requests, without their letters (the model letters them a), b), … đ), e)). */
  readonly items: readonly string[];
}

export interface LetterSettings {
  /** The issuing body as printed top left, upper case, one line each: ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"]. */
  readonly issuer: readonly string[];
  /** How the appendices name the issuer: "(Kèm theo văn bản số … của UBND thành phố Hà Nội)". */
  readonly issuerName: string;
  /** The document's symbol after the number: "Số: 193/UBND-KSTTHC". */
  readonly symbol: string;
  /** The place before the date: "Hà Nội, ngày 17 tháng 01 năm 2025". */
  readonly place: string;
  /** The subject after "V/v ", with {period}. */
  readonly subject: string;
  /** "Kính gửi:" lines, without their dashes and end punctuation (the model adds "- " and ";"/"."). */
  readonly addressees: readonly string[];
  /** The grounds ("Căn cứ …"), one paragraph each; the last one leads into the figures ("cụ thể như sau:"). */
  readonly grounds: readonly string[];
  /** The paragraph that opens the requests ("Để tiếp tục phát huy … UBND {provinceWord} đề nghị:"), when the report has no plan. */
  readonly requestsOpening: string;
  /**
   * The standing requests, numbered 1., 2., … When the report has a plan, the first section's items are
   * the planner's paragraphs per weak group instead (narrative.remedial); the others stay.
   */
  readonly requests: readonly LetterRequestSection[];
  /** The closing paragraph ("Yêu cầu các đơn vị nghiêm túc triển khai thực hiện, … ./."). */
  readonly closing: string;
  /** "Nơi nhận:" lines, without dashes and end punctuation ("Như trên", …, "Lưu: VT, KSTTHC"). */
  readonly recipients: readonly string[];
  /** The signer's authority lines, upper case: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]. */
  readonly signerAuthority: readonly string[];
  /** The signer's full name: "Hà Minh Hải". */
  readonly signerName: string;
}

/**
 * Hà Nội's letter, as văn bản 193/UBND-KSTTHC (seed 000) words it, less what bound that month only (its
 * "trong năm 2025", its item 2 d) due by 31/3/2025) and with the seed's typing slips put right
 * ("đôn đốc", "nhũng nhiễu").
 */
export const HA_NOI_LETTER_SETTINGS: LetterSettings = {
  issuer: ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"],
  issuerName: "UBND thành phố Hà Nội",
  symbol: "UBND-KSTTHC",
  place: "Hà Nội",
  subject: "công khai kết quả Bộ chỉ số phục vụ người dân, doanh nghiệp {period} và các giải pháp khắc phục, cải thiện kết quả Bộ Chỉ số",
  addressees: ["Giám đốc, Thủ trưởng các Sở, ban, ngành", "Chủ tịch UBND các quận, huyện, thị xã"],
  grounds: [
    "Căn cứ Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ Chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công trực tuyến theo thời gian thực trên môi trường điện tử; Quyết định số 104/QĐ-TTg ngày 25/01/2024 của Thủ tướng Chính phủ ban hành Kế hoạch cải cách thủ tục hành chính năm 2024 và văn bản số 3855/VPCP-KSTT ngày 04/6/2024 của Văn phòng Chính phủ về đôn đốc thực hiện Đề án 06 và Kế hoạch số 32/KH-UBND về cải cách TTHC trọng tâm năm 2024.",
    "Căn cứ kết quả trên Cổng Dịch vụ công quốc gia (https://dichvucong.gov.vn) tại mục **“Kết quả đánh giá Bộ chỉ số phục vụ người dân và doanh nghiệp của bộ, ngành, địa phương”**, UBND {provinceWord} công khai kết quả Bộ Chỉ số phục vụ người dân và doanh nghiệp {period} tại các cơ quan, đơn vị, cụ thể như sau:",
  ],
  requestsOpening: "Để tiếp tục phát huy những kết quả đạt được và khắc phục những tiêu chí đạt tỷ lệ thấp, UBND {provinceWord} đề nghị:",
  requests: [
    {
      heading: "Giám đốc, Thủ trưởng các Sở, ban, ngành Thành phố, Chủ tịch UBND các quận, huyện, thị xã",
      items: [
        "Tập trung chỉ đạo, thường xuyên cập nhật, theo dõi mục “Quyết định công bố” trên Cổng dịch vụ công quốc gia, chủ động phối hợp với Bộ, ngành chủ quản trong việc thực hiện tham mưu UBND Thành phố công bố, công khai các thủ tục hành chính theo thẩm quyền quản lý của đơn vị theo đúng thời hạn quy định; không để xảy ra tình trạng chậm công bố, công khai thủ tục hành chính làm ảnh hưởng tới chỉ số công bố, công khai TTHC của Thành phố theo Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ.",
        "Quyết liệt chỉ đạo cán bộ, công chức, lãnh đạo các phòng ban, đơn vị liên quan tham gia vào quá trình tiếp nhận, giải quyết thủ tục hành chính trên Hệ thống thông tin giải quyết thủ tục hành chính của Thành phố thực hiện thao tác kết thúc các bước xử lý hồ sơ trên Hệ thống đảm bảo theo đúng quy định; thực hiện việc cấp kết quả bản điện tử, đính kèm tệp tin kết quả điện tử lên Hệ thống theo đúng quy định để cải thiện chỉ số tỷ lệ hồ sơ giải quyết đúng hạn và hồ sơ có cấp kết quả giải quyết thủ tục hành chính điện tử của Thành phố theo Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ. Chỉ đạo thường xuyên, quyết liệt, phải có giải pháp chấn chỉnh ngay để cải thiện các tỷ lệ hồ sơ xử lý trên môi trường mạng. Nếu cơ quan, đơn vị nào không đảm bảo tỷ lệ theo quy định làm ảnh hưởng trực tiếp đến kết quả đánh giá, xếp hạng Chỉ số cải cách hành chính của Thành phố thì chịu trách nhiệm trước UBND Thành phố, Chủ tịch UBND Thành phố về kết quả thực hiện của đơn vị mình.",
        "Căn cứ danh sách hồ sơ xử lý quá hạn (*tại Phụ lục 3 ban hành kèm theo*), khẩn trương rà soát, xác định nguyên nhân, xử lý dứt điểm các hồ sơ đang quá hạn tiếp nhận và xử lý; thực hiện việc xin lỗi và chấn chỉnh, xử lý nghiêm các cơ quan, đơn vị có hành vi nhũng nhiễu, tiêu cực (nếu có) làm phát sinh thêm TTHC, hồ sơ, giấy tờ, yêu cầu điều kiện không đúng quy định hoặc nhiều lần xảy ra tình trạng chậm trễ trong tiếp nhận và giải quyết TTHC theo đúng quy định tại điểm đ, khoản 1 Chỉ thị số 27/CT-TTg ngày 27/10/2023 của Thủ tướng Chính phủ. Phối hợp với các đơn vị có liên quan (*Sở Thông tin và Truyền thông, Trung tâm Phục vụ hành chính công Thành phố*) để rà soát, hiệu chỉnh nếu có vướng mắc phát sinh về kỹ thuật trong quá trình đồng bộ hồ sơ lên Cổng dịch vụ công quốc gia.",
        "Tăng cường đẩy mạnh thông tin, tuyên truyền và hướng dẫn cá nhân, tổ chức về việc nộp hồ sơ qua dịch vụ công trực tuyến khi thực hiện các thủ tục hành chính tại các cơ quan, đơn vị.",
        "Căn cứ kết quả công khai, thực hiện việc kiểm soát kết quả của các cơ quan, đơn vị trực thuộc trên Cổng Dịch vụ công quốc gia theo tài khoản đã phân quyền cho các đơn vị; trường hợp phát sinh vướng mắc thực hiện tổng hợp, báo cáo gửi UBND Thành phố (*qua Trung tâm Phục vụ hành chính công Thành phố*) để tổng hợp, báo cáo theo quy định.",
      ],
    },
    {
      heading: "Trung tâm Phục vụ hành chính công Thành phố",
      items: [
        "Thực hiện việc cập nhật, công khai thủ tục hành chính, Quyết định công bố danh mục thủ tục hành chính trên Cổng dịch vụ công quốc gia đảm bảo theo thời gian quy định.",
        "Phối hợp với Sở Thông tin và Truyền thông và các cơ quan, đơn vị rà soát, hiệu chỉnh đối với các hồ sơ nếu có vướng mắc phát sinh về kỹ thuật trong quá trình đồng bộ hồ sơ lên Cổng dịch vụ công quốc gia.",
        "Chủ trì triển khai, chỉ đạo đơn vị phát triển Hệ thống thông tin giải quyết thủ tục hành chính của Thành phố thực hiện việc đồng bộ hồ sơ, dữ liệu từ Hệ thống thông tin giải quyết thủ tục hành chính của Thành phố với Cổng dịch vụ công quốc gia đảm bảo theo đúng quy định và hướng dẫn tại văn bản số 9213/VPCP-KSTT ngày 14/12/2024 của Văn phòng Chính phủ về việc tháo gỡ khó khăn trong việc đồng bộ dữ liệu phục vụ đánh giá Bộ Chỉ số phục vụ người dân, doanh nghiệp.",
        "Rà soát, xử lý các nội dung liên quan đến Bộ chỉ số phục vụ người dân, doanh nghiệp trong thực hiện TTHC, cung cấp dịch vụ công của Thành phố để cải thiện đánh giá các chỉ số thành phần.",
        "Phối hợp với các cơ quan đơn vị triển khai các nhiệm vụ được giao.",
      ],
    },
    {
      heading: "Văn phòng UBND Thành phố",
      items: ["Chỉ đạo Trung tâm Thông tin điện tử Thành phố thực hiện việc công khai kết quả trên Cổng thông tin điện tử của Thành phố theo đúng chỉ đạo của Thủ tướng Chính phủ."],
    },
  ],
  closing: "Yêu cầu các đơn vị nghiêm túc triển khai thực hiện, báo cáo UBND Thành phố (qua Trung tâm Phục vụ hành chính công Thành phố) kết quả thực hiện theo quy định./.",
  recipients: ["Như trên", "Văn phòng Chính phủ", "Chủ tịch UBND Thành phố", "Các PCT UBND Thành phố", "VPUBTP: CVP, các PCVP, các phòng, ban, trung tâm", "Lưu: VT, KSTTHC"],
  signerAuthority: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
  signerName: "Hà Minh Hải",
};
