/**
 * The custom functions =CS766.DIEM, =CS766.CANTHEM, =CS766.NGUONG as plain functions
 * (addin/functions/functions.ts) — golden against the portal's recorded August 2026 answers for Phú Thọ
 * (test/fixtures/portal-2026: every metric it publishes with counts) — their Vietnamese refusals, and
 * their registration (addin/excel/custom-functions.ts) against a fake custom functions runtime: a
 * refusal reaches Excel as CustomFunctions.Error (#VALUE! or #N/A) carrying the reason.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CUSTOM_FUNCTIONS, customFunctionsRuntime, pageLoader, registerCustomFunctions, type CustomFunctionsRuntime } from "../../addin/excel/custom-functions";
import { canThem, diem, FunctionArgumentError, nguong } from "../../addin/functions/functions";
import { FUNCTION_IDS } from "../../addin/functions/ids";
import { dossiersNeeded, latestMethodology } from "../../shared";

interface Metric {
  readonly code: string;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly score: number | null;
}
interface Row {
  readonly departmentName: string;
  readonly metrics: readonly Metric[];
}
const recorded = (criterion: string) =>
  (JSON.parse(readFileSync(path.join(import.meta.dirname, `../fixtures/portal-2026/${criterion}/month-all.json`), "utf8")) as { data: { evaluation: Row[] } }).data.evaluation;
const RECORDED = ["transparency", "handling-satisfaction", "dossier-digitized"].flatMap((c) => recorded(c));

/** The refusal a call throws (fails the test when it throws none). */
function refusal(call: () => unknown): FunctionArgumentError {
  try {
    call();
  } catch (err) {
    if (err instanceof FunctionArgumentError) return err;
    throw err;
  }
  throw new Error("no refusal");
}

describe("=CS766.DIEM against the portal's published points (Phú Thọ, 08/2026)", () => {
  it("Ban quản lý các khu công nghiệp, 5.4 hài lòng tiếp nhận, giải quyết: 486/588 → 5.51, by number or by code", () => {
    const row = recorded("handling-satisfaction").find((r) => r.departmentName === "Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ");
    const metric = row?.metrics.find((m) => m.code === "DOSSIER_RECEIVING_SATISFACTION");
    expect(metric).toMatchObject({ numerator: 486, denominator: 588, score: 5.51 });
    expect(diem("5.4", 486, 588)).toBe(5.51);
    expect(diem("DOSSIER_RECEIVING_SATISFACTION", 486, 588)).toBe(5.51);
    // Counts as text, the Vietnamese way, and a code typed in lower case.
    expect(diem("dossier_receiving_satisfaction", "486", "588")).toBe(5.51);
  });

  it("every published metric with its counts: the same points (1,600+ metrics), #N/A where the portal left it unscored", () => {
    const m = latestMethodology();
    let scored = 0;
    let unscored = 0;
    let displayed = 0;
    for (const row of RECORDED) {
      for (const metric of row.metrics) {
        if (metric.numerator === null || metric.denominator === null) continue;
        const def = m.indicators.find((d) => d.code === metric.code);
        expect(def, metric.code).toBeDefined();
        const where = `${row.departmentName} ${metric.code} ${metric.numerator}/${metric.denominator}`;
        if (def?.rule.type === "display") {
          expect(refusal(() => diem(metric.code, metric.numerator, metric.denominator)).code, where).toBe("#VALUE!");
          displayed++;
        } else if (metric.score === null) {
          expect(refusal(() => diem(metric.code, metric.numerator, metric.denominator)).code, where).toBe("#N/A");
          unscored++;
        } else {
          expect(diem(metric.code, metric.numerator, metric.denominator), where).toBe(metric.score);
          scored++;
        }
      }
    }
    expect(scored).toBeGreaterThan(1600);
    expect(unscored).toBeGreaterThan(300);
    expect(displayed).toBeGreaterThan(300);
  });
});

describe("=CS766.CANTHEM and =CS766.NGUONG", () => {
  it("CANTHEM: the dossiers still to be handled well among those of the period (denominator unchanged) for the rate to reach the threshold", () => {
    // Ban quản lý các khu công nghiệp, 5.4 (6 points, threshold 90 %): 486/588. By hand: 90 % of 588 is
    // 529.2, so the numerator must reach ⌈529.2⌉ = 530 → 530 − 486 = 44; 530/588 = 90.14 %, 529/588 = 89.97 %.
    const n = canThem("5.4", 486, 588);
    expect(n).toBe(44);
    expect(diem("5.4", 486 + n, 588)).toBe(6);
    expect(((486 + n) / 588) * 100).toBeGreaterThanOrEqual(90);
    expect(((486 + n - 1) / 588) * 100).toBeLessThan(90);
    // One short of the threshold the points already round to 6.00 (6 × 89.966/90 = 5.9977): the function
    // names what reaches the rate, as the plan and the remedial sentences do (shared/plan/reach.ts).
    expect(diem("5.4", 486 + n - 1, 588)).toBe(6);
    expect(canThem("1.3", 89, 89)).toBe(0);
    // 2.1 (threshold 100 %): every dossier on time, 90 of 100 → 10 more.
    expect(canThem("2.1", 90, 100)).toBe(10);
    expect(diem("2.1", 99, 100)).toBeLessThan(20);
    // 3.5 (payment, the rate rounded to 2 decimals first, 80 %): 8/38 = 21.05 % → 31/38 = 81.58 % (30/38 = 78.95 %).
    expect(canThem("3.5", 8, 38)).toBe(23);
    expect([diem("3.5", 31, 38), diem("3.5", 30, 38)]).toEqual([2, 1.97]);
    // A fixed award is always full; a zero denominator the portal scores full needs nothing.
    expect(canThem("4.6", 0, 5)).toBe(0);
    expect(canThem("5.2", 0, 0)).toBe(0);
  });

  it("CANTHEM and the planner agree: the same N as dossiersNeeded on every recorded metric with counts", () => {
    const m = latestMethodology();
    let compared = 0;
    for (const row of RECORDED) {
      for (const metric of row.metrics) {
        const def = m.indicators.find((d) => d.code === metric.code);
        if (!def || def.rule.type !== "linear" || metric.numerator === null || metric.denominator === null || metric.denominator <= 0 || metric.numerator > metric.denominator) continue;
        expect(canThem(metric.code, metric.numerator, metric.denominator), `${row.departmentName} ${metric.code}`).toBe(dossiersNeeded(def, metric.numerator, metric.denominator));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it("NGUONG: the threshold as a fraction (0.8 is 80 %)", () => {
    expect(nguong("1.1")).toBe(1);
    expect(nguong("3.1")).toBe(0.8);
    expect(nguong("3.3")).toBe(0.5);
    expect(nguong("5.4")).toBe(0.9);
    expect(nguong("PAY_PROVISION")).toBe(0.8);
    // A code typed as a number in the cell (1.1) reads as its text.
    expect(nguong(1.1)).toBe(1);
  });

  it("refuses bad arguments with the reason in Vietnamese (#VALUE!)", () => {
    const cases: [() => unknown, string][] = [
      [() => diem("9.9", 1, 2), 'Không có chỉ tiêu "9.9"'],
      [() => diem("", 1, 2), "Thiếu mã chỉ tiêu"],
      [() => diem(null, 1, 2), "Thiếu mã chỉ tiêu"],
      [() => diem(true, 1, 2), "Mã chỉ tiêu phải là chữ"],
      [() => diem("1.1", null, 2), "Tử số đang trống"],
      [() => diem("1.1", 1, ""), "Mẫu số đang trống"],
      [() => diem("1.1", "mười", 20), 'Tử số: Không đọc được số từ "mười"'],
      [() => diem("1.1", true, 20), "Tử số là TRUE, không phải số"],
      [() => diem("1.1", -1, 20), "Tử số là số âm (-1)"],
      [() => diem("1.1", 1.5, 20), "Tử số là 1,5, không phải số nguyên"],
      [() => diem("1.1", 21, 20), "Tử số (21) lớn hơn mẫu số (20)"],
      [() => diem("1.1", [[1, 2]], 20), "Tử số: chỉ nhận một ô"],
      [() => diem("2.2", 1, 2), "Chỉ tiêu 2.2 (Thời gian giải quyết TTHC trung bình) chỉ để theo dõi, không tính điểm"],
      [() => canThem("5.1a", 1, 2), "chỉ để theo dõi"],
      [() => canThem("1.1", 3, 2), "Tử số (3) lớn hơn mẫu số (2)"],
      [() => canThem("1.1", "", 2), "Tử số đang trống"],
      [() => nguong("4.6"), "được cộng cố định 2 điểm, không có ngưỡng"],
      [() => nguong("2.2"), "không có ngưỡng"],
      [() => nguong("KHONG_CO"), 'Không có chỉ tiêu "KHONG_CO"'],
    ];
    for (const [call, text] of cases) {
      const err = refusal(call);
      expect(err.code, text).toBe("#VALUE!");
      expect(err.message, text).toContain(text);
    }
  });

  it("a zero denominator: the methodology's policy (5.2 full points, 5.4 none), #N/A where the indicator goes unscored", () => {
    expect(diem("5.2", 0, 0)).toBe(6);
    expect(diem("5.4", 0, 0)).toBe(0);
    const unscored = refusal(() => diem("1.1", 0, 0));
    expect(unscored.code).toBe("#N/A");
    expect(unscored.message).toContain("Mẫu số bằng 0");
    // CANTHEM: no dossier of the period to handle better, unless the portal already scores the indicator full.
    for (const code of ["1.1", "5.4"]) {
      const none = refusal(() => canThem(code, 0, 0));
      expect(none.code, code).toBe("#N/A");
      expect(none.message).toContain("Mẫu số bằng 0: kỳ này chưa có hồ sơ nào");
    }
  });

  it("a range holding one cell is that cell", () => {
    expect(diem([["5.4"]], [[486]], [[588]])).toBe(5.51);
  });
});

describe("registration (addin/excel/custom-functions.ts)", () => {
  class FakeError extends Error {
    constructor(
      readonly code: string,
      message?: string,
    ) {
      super(message);
    }
  }
  const runtime = (withError = true) => {
    const associated = new Map<string, (...args: unknown[]) => unknown>();
    const rt: CustomFunctionsRuntime = { associate: (id, fn) => void associated.set(id, fn), ...(withError ? { Error: FakeError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } } : {}) };
    return { rt, associated };
  };

  it("the ids are the metadata's (FUNCTION_IDS), each associated once", () => {
    expect(Object.keys(CUSTOM_FUNCTIONS)).toEqual([...FUNCTION_IDS]);
    const { rt, associated } = runtime();
    expect(registerCustomFunctions(rt)).toEqual([...FUNCTION_IDS]);
    expect([...associated.keys()]).toEqual([...FUNCTION_IDS]);
    expect(associated.get("DIEM")?.("5.4", 486, 588)).toBe(5.51);
  });

  it("a refusal reaches Excel as CustomFunctions.Error: #VALUE! or #N/A with the reason", () => {
    const { rt, associated } = runtime();
    registerCustomFunctions(rt);
    const thrown = (id: string, ...args: unknown[]) => {
      try {
        associated.get(id)?.(...args);
      } catch (err) {
        return err as FakeError;
      }
      return null;
    };
    expect(thrown("DIEM", "9.9", 1, 2)).toMatchObject({ code: "#VALUE!", message: expect.stringContaining('Không có chỉ tiêu "9.9"') });
    expect(thrown("DIEM", "1.1", 0, 0)).toMatchObject({ code: "#N/A", message: expect.stringContaining("Mẫu số bằng 0") });
    expect(thrown("NGUONG", "4.6")).toBeInstanceOf(FakeError);
  });

  it("an Excel without CustomFunctions.Error (CustomFunctionsRuntime 1.1): a plain error, still with the reason", () => {
    const { rt, associated } = runtime(false);
    registerCustomFunctions(rt);
    expect(() => associated.get("CANTHEM")?.("1.1", 3, 2)).toThrow("Tử số (3) lớn hơn mẫu số (2)");
  });

  it("with the page's loader the functions go to its stand-ins; without a runtime nothing is registered", () => {
    const { rt, associated } = runtime();
    const handed = new Map<string, unknown>();
    const scope = { CustomFunctions: rt, chiso766Loader: { registerFunction: (id: string, fn: unknown) => void handed.set(id, fn) } };
    expect(registerCustomFunctions(customFunctionsRuntime(scope), pageLoader(scope))).toEqual([...FUNCTION_IDS]);
    expect([...handed.keys()]).toEqual([...FUNCTION_IDS]);
    expect(associated.size).toBe(0);
    expect(customFunctionsRuntime({})).toBeNull();
    expect(pageLoader({})).toBeNull();
    expect(registerCustomFunctions(customFunctionsRuntime({}))).toEqual([]);
  });
});
