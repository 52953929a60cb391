/**
 * Pure: the sheet "Kế hoạch cải thiện" — the plan of plan/plan.ts — as a table of the appendices' shape,
 * then as a sheet plan (./sheet-plan.ts) the add-in and the Worker's .xlsx write:
 *
 * STT, Đơn vị, Xếp hạng ("13/15" in its level), Tổng điểm, Điểm có thể tăng (points within reach), Tổng
 * điểm nếu đạt, Xếp hạng nếu đạt, the three cheapest gains as text ("PAKN xử lý đúng hạn: cần thêm 1
 * PAKN → +6 điểm"), then the compliance matrix: one column per plan target in force ("Đạt
 * (87.79%)" green, "Chưa đạt: 70.81%, thiếu 19.19%, cần thêm 288 hồ sơ" red). Units sorted by points
 * within reach, most first (the plan's order). The notes name each target's source.
 */
import type { Target } from "../model";
import { periodLabel, parsePeriod } from "../period";
import type { PlanDatasets } from "../plan/plan";
import type { ComplianceCell, UnitPlan } from "../plan/unit-plan";
import { countNoun, shortIndicatorName, type IndicatorReach } from "../plan/reach";
import { methodologyById } from "../rules/methodology";
import { formatCount, formatIndex, formatPercent, formatPoints } from "../text/vn-number";
import { planAppendix, type Block, type PlannedTable, type SheetPlan } from "./sheet-plan";
import { blankCell, column, textCell, type ColumnDef, type HeaderCell, type TableCell } from "./table";

export const PLAN_SHEET = "Kế hoạch cải thiện";
/** The words that begin a compliance cell, and the colour each prints in (as "Tăng" / "Giảm"). */
export const COMPLIANCE_WORDS = { dat: "Đạt", "chua-dat": "Chưa đạt", "khong-so-lieu": "Không có số liệu" } as const;
export const COMPLIANCE_COLOURS = { Đạt: "#0A7A2F", "Chưa đạt": "#C0161C" } as const;
/** The fills the add-in puts under them (Excel's "green fill" and "light red fill" of its conditional formats). */
export const COMPLIANCE_FILLS = { Đạt: "#C6EFCE", "Chưa đạt": "#FFC7CE" } as const;
/** Column widths (characters). */
const WIDTH = { index: 4, name: 26, rank: 7, points: 8, gain: 30, target: 22 } as const;
/** Where the two rank columns are ("Xếp hạng", "Xếp hạng nếu đạt"). */
const RANK_COLUMNS = { rank: 2, rankWithinReach: 6 } as const;

export interface PlanSheetPlan extends SheetPlan {
  /** The three gains' columns (body rows). */
  readonly gains: Block | null;
  /** The compliance matrix (body rows × targets): "Đạt" green, "Chưa đạt" red. */
  readonly compliance: Block | null;
}

/** The province as the titles name it. */
export interface PlanProvince {
  /** "Tỉnh Phú Thọ". */
  readonly provinceName: string;
}

export interface PlanSheetOptions {
  /**
   * Which targets get a compliance column: the plan targets (default) or every target the plan judged
   * per unit (thresholds too when the plan was built with `compliance: "all"`).
   */
  readonly targets?: "plan" | "all";
}

/** "TTHC có nghĩa vụ tài chính được cung cấp thanh toán trực tuyến: cần thêm 23 TTHC → +1.47 điểm". */
export function gainText(r: IndicatorReach): string {
  return `${shortIndicatorName(r)}: cần thêm ${formatCount(r.needed ?? 0)} ${r.noun} → +${formatPoints(r.pointsLost)} điểm`;
}

/** "Đạt (87.79%)", "Chưa đạt: 70.81%, thiếu 19.19%, cần thêm 288 hồ sơ", "Không có số liệu". */
export function complianceText(c: ComplianceCell, noun = "hồ sơ"): string {
  if (c.status === "khong-so-lieu" || c.rate === null) return COMPLIANCE_WORDS["khong-so-lieu"];
  if (c.status === "dat") return `${COMPLIANCE_WORDS.dat} (${formatPercent(c.rate)})`;
  const gap = c.gapPercentagePoints !== null ? `, thiếu ${formatPercent(c.gapPercentagePoints)}` : "";
  const more = c.gapDossiers !== null ? `, cần thêm ${formatCount(c.gapDossiers)} ${noun}` : "";
  return `${COMPLIANCE_WORDS["chua-dat"]}: ${formatPercent(c.rate)}${gap}${more}`;
}

/** A target's column heading: "3.6 Thanh toán trực tuyến ≥ 55%". */
export function targetHeading(t: Target, plan: Pick<PlanDatasets, "methodologyId">): string {
  const def = t.indicator ? methodologyById(plan.methodologyId)?.indicators.find((d) => d.code === t.indicator) : undefined;
  const what = def ? `${def.number} ${shortIndicatorName(def)}` : t.nameVi;
  return `${what} ≥ ${formatPercent(t.minRatePercent)}`;
}

const points = (v: number | null): TableCell => (v === null ? blankCell("points") : { value: v, text: formatPoints(v), kind: "points" });
const rankOf = (rank: number | null, of: number): TableCell => (rank === null ? blankCell("composite") : { value: rank, text: of > 0 ? `${formatIndex(rank)}/${formatIndex(of)}` : formatIndex(rank), kind: "composite" });

/** The table of "Kế hoạch cải thiện". */
export function planTable(plan: PlanDatasets, province: PlanProvince, options: PlanSheetOptions = {}): PlannedTable {
  const targets = plan.targets.filter((t) => t.indicator !== undefined && (options.targets === "all" || t.kind !== "threshold"));
  const judged = new Set(plan.complianceTargets);
  const shown = targets.filter((t) => judged.has(t.id));
  const columns: ColumnDef[] = [
    column("index", WIDTH.index, "index"),
    column("name", WIDTH.name, "text"),
    column("rank", WIDTH.rank, "composite"),
    column("total", WIDTH.points, "points"),
    column("withinReach", WIDTH.points, "points"),
    column("totalWithinReach", WIDTH.points, "points"),
    column("rankWithinReach", WIDTH.rank, "composite"),
    ...[1, 2, 3].map((i) => column(`gain${i}`, WIDTH.gain, "text")),
    ...shown.map((t) => column(`target.${t.id}`, WIDTH.target, "text")),
  ];
  const header: HeaderCell[] = [
    ...["STT", "Đơn vị", "Xếp hạng", "Tổng điểm", "Điểm có thể tăng", "Tổng điểm nếu đạt", "Xếp hạng nếu đạt"].map((text, col) => ({ text, row: 0, col, rowSpan: 2, colSpan: 1 })),
    { text: "Ba việc tăng nhiều điểm nhất cho mỗi hồ sơ", row: 0, col: 7, rowSpan: 1, colSpan: 3 },
    ...[1, 2, 3].map((i) => ({ text: `Ưu tiên ${i}`, row: 1, col: 6 + i, rowSpan: 1, colSpan: 1 })),
    ...(shown.length ? [{ text: "Chỉ tiêu (Đạt / Chưa đạt)", row: 0, col: 10, rowSpan: 1, colSpan: shown.length }] : []),
    ...shown.map((t, i) => ({ text: targetHeading(t, plan), row: 1, col: 10 + i, rowSpan: 1, colSpan: 1 })),
  ];
  const m = methodologyById(plan.methodologyId);
  const nouns = new Map((m?.indicators ?? []).map((d) => [d.code, countNoun(d)]));
  const rows = plan.units.map((u, i) => ({ cells: unitCells(u, i, shown, nouns), unitId: u.unitId ?? undefined, sourceRow: u.sourceRow }));
  const p = parsePeriod(plan.period);
  return {
    sheetName: PLAN_SHEET,
    titleLines: [
      { text: `KẾ HOẠCH CẢI THIỆN BỘ CHỈ SỐ 766 CÁC ĐƠN VỊ CỦA ${province.provinceName.toUpperCase()}`, bold: true },
      { text: `THEO SỐ LIỆU ${p ? periodLabel(p).toUpperCase() : plan.period}`, bold: true },
      { text: "(Điểm có thể tăng: tổng số điểm đơn vị được thêm nếu các chỉ số đạt ngưỡng tính điểm tối đa, bằng cách xử lý thêm số hồ sơ ghi ở từng việc; xếp theo điểm có thể tăng, giảm dần)", italic: true },
    ],
    columns,
    header,
    headerRowCount: 2,
    rows,
    notes: [
      "“Cần thêm N hồ sơ”: số hồ sơ tối thiểu trong số hồ sơ của kỳ phải được xử lý đạt yêu cầu (thanh toán trực tuyến, số hóa, đúng hạn…) để tỷ lệ đạt ngưỡng; mẫu số giữ nguyên. Xếp hạng nếu đạt: các đơn vị khác giữ nguyên điểm.",
      ...shown.map((t) => `Chỉ tiêu “${t.nameVi}”: ${t.source}.`),
    ],
  };
}

function unitCells(u: UnitPlan, i: number, targets: readonly Target[], nouns: ReadonlyMap<string, string>): TableCell[] {
  const byTarget = new Map(u.compliance.map((c) => [c.targetId, c]));
  const cheapest = u.cheapest;
  const gain = (k: number): TableCell => {
    const r = cheapest[k];
    return r ? textCell(gainText(r)) : blankCell("text");
  };
  return [
    { value: i + 1, text: formatIndex(i + 1), kind: "index" },
    textCell(u.name),
    rankOf(u.rank, u.rankOf),
    points(u.total),
    points(u.pointsWithinReach),
    points(u.totalWithinReach),
    rankOf(u.rankWithinReach, u.rankOf),
    gain(0),
    gain(1),
    gain(2),
    ...targets.map((t) => {
      const c = byTarget.get(t.id);
      if (!c) return blankCell("text");
      const text = complianceText(c, nouns.get(c.indicator));
      return { value: text, text, kind: "text" as const, ...(c.status === "dat" ? { tone: "up" as const } : c.status === "chua-dat" ? { tone: "down" as const } : {}) };
    }),
  ];
}

/** The sheet plan of "Kế hoạch cải thiện", with the gains' and the compliance matrix's blocks. */
export function planSheet(plan: PlanDatasets, province: PlanProvince, options: PlanSheetOptions = {}): PlanSheetPlan {
  const table = planTable(plan, province, options);
  const base = planAppendix(table);
  const targets = table.columns.length - 10;
  const rows = base.body.rows;
  return {
    ...base,
    // The gains and the matrix are text; no "Tăng/Giảm" column to colour.
    deltaColumn: null,
    // The ranks ("13/15") centred, as STT.
    centred: [...base.centred, RANK_COLUMNS.rank, RANK_COLUMNS.rankWithinReach],
    gains: rows > 0 ? { row: base.body.row, col: 7, rows, cols: 3 } : null,
    compliance: rows > 0 && targets > 0 ? { row: base.body.row, col: 10, rows, cols: targets } : null,
  };
}
