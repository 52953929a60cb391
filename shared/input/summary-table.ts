/**
 * Read a Phụ lục 1 as it is printed (STT, Tiêu chí, Tỷ trọng, So với tháng trước) back into a
 * {@link ProvinceSummaryInput}: "242.300 (70.87%)" gives the numerator and the rate, and the
 * remainder row under it ("99.613 (29.13%)") gives the denominator. Rows are matched to the layout by
 * their STT, or by their label when the STT is missing.
 */
import type { Cell, GroupCode, GroupDef, IndicatorInput, ProvinceSummaryInput } from "../model";
import { percent2 } from "../rounding";
import type { SummaryRow } from "../rules/summary-rows";
import { fold } from "../text/vn-text";
import { formatCountWithRate, formatPercent, formatPointsOfMax, parseCountWithRate, parsePointsOfMax } from "../text/vn-number";

export interface SummaryTableRead {
  readonly summary: ProvinceSummaryInput;
  /** Table rows (1-based) that matched no layout row. */
  readonly unmatchedRows: readonly number[];
}

export function summaryInputFromRows(rows: readonly (readonly Cell[])[], layout: readonly SummaryRow[]): SummaryTableRead {
  const byNumber = new Map(layout.filter((r) => r.number).map((r) => [r.number, r]));
  const byLabel = new Map(layout.map((r) => [fold(r.label), r]));
  const groups: Partial<Record<GroupCode, Cell>> = {};
  const indicators: Record<string, { numerator?: Cell; denominator?: Cell; rate?: Cell }> = {};
  const statedDeltas: Record<string, Cell> = {};
  const rests: { row: SummaryRow; count: number | null }[] = [];
  const unmatchedRows: number[] = [];
  let total: Cell;

  rows.forEach((cells, i) => {
    const [stt, label, value, delta] = cells;
    const row = byNumber.get(String(stt ?? "").trim()) ?? byLabel.get(fold(String(label ?? "")));
    if (!row) {
      if (cells.some((c) => c !== null && c !== undefined && String(c).trim() !== "")) unmatchedRows.push(i + 1);
      return;
    }
    if (delta !== null && delta !== undefined && String(delta).trim() !== "") statedDeltas[row.key] = delta;
    if (row.show === "total") total = value;
    else if (row.show === "group") {
      const p = parsePointsOfMax(value);
      groups[row.key as GroupCode] = p.ok && p.value ? p.value.points : value;
    } else if (row.show === "item") {
      const p = parseCountWithRate(value);
      if (p.ok && p.value) indicators[row.key] = { numerator: p.value.count, rate: p.value.rate };
      else indicators[row.key] = { rate: value };
    } else {
      const p = parseCountWithRate(value);
      rests.push({ row, count: p.ok && p.value ? p.value.count : null });
    }
  });

  // A remainder row with a count fixes the denominator of the items it completes.
  for (const { row, count } of rests) {
    if (count === null) continue;
    const parts = (row.restOf ?? []).map((k) => indicators[k]);
    const nums = parts.map((p) => (typeof p?.numerator === "number" ? p.numerator : null));
    if (nums.some((n) => n === null)) continue;
    const denominator = count + (nums as number[]).reduce((a, b) => a + b, 0);
    for (const k of row.restOf ?? []) {
      const ind = indicators[k];
      if (ind) indicators[k] = { ...ind, denominator };
    }
  }

  const summary: ProvinceSummaryInput = {
    ...(total !== undefined ? { total } : {}),
    groups,
    indicators: indicators as Record<string, IndicatorInput>,
    statedDeltas,
  };
  return { summary, unmatchedRows };
}

/**
 * The inverse of {@link summaryInputFromRows}, for filling the Phụ lục 1 input table from stored
 * figures (the portal's province row): one [STT, Tiêu chí, figure, ""] per layout row that has a figure.
 * Group points keep 2 decimals ("10.44/18 điểm"), counts their value, rates 2 decimals. The table has no
 * column for a denominator, so an item without a remainder row reads back as count and rate.
 */
export function summaryRowsFromInput(summary: ProvinceSummaryInput, layout: readonly SummaryRow[], groups: readonly GroupDef[]): (string | number)[][] {
  const num = (c: Cell): number | null => (typeof c === "number" && Number.isFinite(c) ? c : null);
  const out: (string | number)[][] = [];
  for (const row of layout) {
    let figure: string | number | null = null;
    if (row.show === "total") figure = num(summary.total);
    else if (row.show === "group") {
      const points = num(summary.groups?.[row.key as GroupCode]);
      const max = groups.find((g) => g.code === row.key)?.maxPoints;
      if (points !== null && max !== undefined) figure = formatPointsOfMax(points, max);
    } else if (row.show === "item") {
      const ind = summary.indicators?.[row.key];
      const n = num(ind?.numerator);
      const d = num(ind?.denominator);
      const rate = num(ind?.rate) ?? (n !== null && d !== null && d > 0 ? percent2(n, d) : null);
      figure = n !== null ? formatCountWithRate(n, rate) : rate !== null ? formatPercent(rate) : null;
    }
    if (figure !== null) out.push([row.number, row.label, figure, ""]);
  }
  return out;
}
