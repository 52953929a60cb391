/**
 * Excel custom functions of namespace CS766 (=CS766.DIEM, =CS766.CANTHEM, =CS766.NGUONG): plain
 * functions over the shared engine — no Office.js, no network — scoring with the newest methodology
 * (shared/rules/methodology.ts). A bad argument throws a FunctionArgumentError whose Vietnamese message
 * the registration (addin/excel/custom-functions.ts) turns into CustomFunctions.Error: #VALUE! with that
 * reason in the cell's error tooltip (#N/A for an indicator the figures leave unscored).
 *
 * The JSDoc of each @customfunction is what Excel shows (function and parameter descriptions): Microsoft's
 * custom-functions-metadata reads this file at build time (scripts/build-addin.ts) into
 * dist/addin/functions.json. Parameter names are ASCII (Vietnamese without diacritics), as Excel lists
 * them in the formula bar; the three figures are typed `unknown` ("any" in the metadata) so that a text,
 * a blank or TRUE reaches the function and is refused with its reason instead of a bare #VALUE!.
 */
import { dossiersNeeded, findIndicator, indicatorPoints, indicatorThresholdPercent, latestMethodology, parseNumber, type IndicatorDef } from "../../shared";

/** A refused argument: `code` says which Excel error shows ("#VALUE!" for a bad argument, "#N/A" for no value). */
export class FunctionArgumentError extends Error {
  constructor(
    message: string,
    readonly code: "#VALUE!" | "#N/A" = "#VALUE!",
  ) {
    super(message);
    this.name = "FunctionArgumentError";
  }
}

const refuse = (message: string, code: FunctionArgumentError["code"] = "#VALUE!"): never => {
  throw new FunctionArgumentError(message, code);
};

/** A scalar argument: Excel hands a range as rows of cells, which these functions do not take. */
function scalar(value: unknown, label: string): unknown {
  if (!Array.isArray(value)) return value;
  const cells = value.flat();
  return cells.length === 1 ? cells[0] : refuse(`${label}: chỉ nhận một ô, không nhận một vùng nhiều ô.`);
}

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** "1.1", "3.5b" or a code like PUBLISH_ON_TIME (a number typed in the cell, 1.1, is its text "1.1"). */
function indicatorOf(value: unknown): IndicatorDef {
  const v = scalar(value, "Mã chỉ tiêu");
  if (isBlank(v)) return refuse("Thiếu mã chỉ tiêu: ghi số thứ tự như \"1.1\", \"3.5b\" hoặc mã như \"PUBLISH_ON_TIME\".");
  if (typeof v !== "string" && typeof v !== "number") return refuse("Mã chỉ tiêu phải là chữ như \"1.1\" hoặc \"PUBLISH_ON_TIME\".");
  const m = latestMethodology();
  const text = String(v).trim();
  return findIndicator(m, text) ?? refuse(`Không có chỉ tiêu "${text}" trong phương pháp tính (${m.nameVi}): ghi số thứ tự như "1.1", "3.5b" hoặc mã như "PUBLISH_ON_TIME".`);
}

/** A count: a whole number ≥ 0, typed or as text in the Vietnamese way ("1.234" is one thousand two hundred thirty-four). */
function countOf(value: unknown, label: string): number {
  const v = scalar(value, label);
  if (isBlank(v)) return refuse(`${label} đang trống: cần một số nguyên không âm.`);
  if (typeof v === "boolean") return refuse(`${label} là ${v ? "TRUE" : "FALSE"}, không phải số.`);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return refuse(`${label} không phải số hữu hạn.`);
    if (v < 0) return refuse(`${label} là số âm (${String(v).replace(".", ",")}): cần một số nguyên không âm.`);
    if (!Number.isInteger(v)) return refuse(`${label} là ${String(v).replace(".", ",")}, không phải số nguyên: số hồ sơ, thủ tục phải là số nguyên.`);
    return v;
  }
  const parsed = parseNumber(v, "count");
  if (!parsed.ok) return refuse(`${label}: ${parsed.message}.`);
  return parsed.value ?? refuse(`${label} đang trống: cần một số nguyên không âm.`);
}

function countsOf(numerator: unknown, denominator: unknown): { numerator: number; denominator: number } {
  const n = countOf(numerator, "Tử số");
  const d = countOf(denominator, "Mẫu số");
  if (n > d) refuse(`Tử số (${n}) lớn hơn mẫu số (${d}).`);
  return { numerator: n, denominator: d };
}

const named = (def: IndicatorDef) => `Chỉ tiêu ${def.number} (${def.nameVi})`;

/**
 * Điểm của một chỉ tiêu Bộ chỉ số 766 từ tử số và mẫu số, tính đúng như Cổng Dịch vụ công quốc gia (làm tròn 2 chữ số).
 * @customfunction DIEM
 * @param ma_chi_tieu Mã chỉ tiêu: số thứ tự như "1.1", "3.5b" hoặc mã như "PUBLISH_ON_TIME".
 * @param tu_so Tử số: số hồ sơ (thủ tục) đạt, ví dụ số hồ sơ xử lý đúng hạn.
 * @param mau_so Mẫu số: tổng số hồ sơ (thủ tục) được tính.
 * @returns Số điểm của chỉ tiêu.
 */
export function diem(ma_chi_tieu: unknown, tu_so: unknown, mau_so: unknown): number {
  const def = indicatorOf(ma_chi_tieu);
  if (def.rule.type === "display") return refuse(`${named(def)} chỉ để theo dõi, không tính điểm.`);
  const { numerator, denominator } = countsOf(tu_so, mau_so);
  const points = indicatorPoints(def, { numerator, denominator, rate: null, points: null }).points;
  return points ?? refuse(`Mẫu số bằng 0: ${named(def)} không được chấm điểm kỳ này (Cổng để trống).`, "#N/A");
}

/**
 * Số hồ sơ cần đạt thêm trong số hồ sơ đã có (mẫu số giữ nguyên) để tỷ lệ đạt ngưỡng, tính như Cổng Dịch vụ công quốc gia.
 * @customfunction CANTHEM
 * @param ma_chi_tieu Mã chỉ tiêu: số thứ tự như "2.1", "3.3" hoặc mã như "PROGRESS_ON_TIME".
 * @param tu_so Tử số hiện tại: số hồ sơ (thủ tục) đạt.
 * @param mau_so Mẫu số: tổng số hồ sơ (thủ tục) được tính, giữ nguyên.
 * @returns Số hồ sơ cần đạt thêm; 0 khi tỷ lệ đã đạt ngưỡng.
 */
export function canThem(ma_chi_tieu: unknown, tu_so: unknown, mau_so: unknown): number {
  const def = indicatorOf(ma_chi_tieu);
  if (def.rule.type === "display") return refuse(`${named(def)} chỉ để theo dõi, không tính điểm.`);
  const { numerator, denominator } = countsOf(tu_so, mau_so);
  // A fixed award is always full: nothing to reach.
  if (def.rule.type === "fixed") return 0;
  if (denominator === 0) {
    if (def.zeroDenominator === "full") return 0;
    return refuse(`Mẫu số bằng 0: kỳ này chưa có hồ sơ nào của ${named(def)}, không có hồ sơ nào để xử lý thêm (mẫu số giữ nguyên).`, "#N/A");
  }
  // The planner's definition (shared/plan/reach.ts): the numerator rises, the denominator stays; N never
  // exceeds the denominator, so only a threshold above 100 % is out of reach.
  const needed = dossiersNeeded(def, numerator, denominator, indicatorThresholdPercent(def));
  return needed ?? refuse(`${named(def)}: ngưỡng trên 100%, không đạt được dù mọi hồ sơ đều đạt.`, "#N/A");
}

/**
 * Ngưỡng tỷ lệ để chỉ tiêu được đủ điểm tối đa (0,8 là 80%; định dạng ô kiểu phần trăm để đọc).
 * @customfunction NGUONG
 * @param ma_chi_tieu Mã chỉ tiêu: số thứ tự như "3.1", "5.4" hoặc mã như "ONLINE_TTHC_PROVIDED".
 * @returns Ngưỡng dạng tỷ lệ (1 là 100%).
 */
export function nguong(ma_chi_tieu: unknown): number {
  const def = indicatorOf(ma_chi_tieu);
  if (def.rule.type === "fixed") return refuse(`${named(def)} được cộng cố định ${def.rule.points} điểm, không có ngưỡng.`);
  if (def.rule.type === "display") return refuse(`${named(def)} chỉ để theo dõi, không tính điểm, không có ngưỡng.`);
  return def.rule.threshold;
}
