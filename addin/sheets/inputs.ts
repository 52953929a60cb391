/**
 * Pure: the input sheets the clerk fills (one Excel table each, Vietnamese headers), and the
 * conversion of their rows into the engine's datasets. An issue's location (dataset, row, column)
 * maps back to the cell it came from, so the issue sheet can link to it.
 */
import { columnLetter, type IssueLocation, methodologyFor, parsePeriod, type PeriodDatasets, periodStart, type ProvinceSummaryInput, type ReportInput, summaryInputFromRows, summaryLayoutFor, type UnitScoreInput } from "../../shared";

export interface InputColumn {
  /** Field in the dataset row ("total", "groups.CKMB"). */
  readonly key: string;
  readonly header: string;
  /** Width in characters. */
  readonly width: number;
  readonly kind: "text" | "count" | "points" | "percent" | "delta";
}

export interface InputSheet {
  readonly id: "unitScores" | "previousUnitScores" | "overdueDossiers" | "overduePetitions" | "summary";
  readonly sheetName: string;
  readonly tableName: string;
  readonly title: string;
  readonly columns: readonly InputColumn[];
}

const unit: InputColumn = { key: "unit", header: "Tên đơn vị", width: 40, kind: "text" };

export const INPUT_SHEETS: readonly InputSheet[] = [
  {
    id: "summary",
    sheetName: "Nhập - Kết quả chung",
    tableName: "chiso766_KetQuaChung",
    title: "Phụ lục 1 như Cổng DVCQG / văn bản ghi: STT, tiêu chí, tỷ trọng, so với tháng trước",
    columns: [
      { key: "stt", header: "STT", width: 6, kind: "text" },
      { key: "label", header: "Tiêu chí", width: 50, kind: "text" },
      { key: "value", header: "Tỷ trọng", width: 24, kind: "text" },
      { key: "delta", header: "So với tháng trước", width: 20, kind: "delta" },
    ],
  },
  {
    id: "unitScores",
    sheetName: "Nhập - Điểm đơn vị",
    tableName: "chiso766_DiemDonVi",
    title: "Điểm của từng đơn vị tháng này (Phụ lục 2)",
    columns: [
      unit,
      { key: "total", header: "Tổng điểm", width: 11, kind: "points" },
      { key: "groups.CKMB", header: "Công khai, minh bạch", width: 11, kind: "points" },
      { key: "groups.TDGQ", header: "Tiến độ giải quyết", width: 11, kind: "points" },
      { key: "groups.CLGQ", header: "DVC trực tuyến", width: 11, kind: "points" },
      { key: "groups.TTTT", header: "Thanh toán trực tuyến", width: 11, kind: "points" },
      { key: "groups.MDHL", header: "Mức độ hài lòng", width: 11, kind: "points" },
      { key: "groups.MDSH", header: "Số hóa hồ sơ", width: 11, kind: "points" },
      { key: "statedDelta", header: "Tăng/giảm (văn bản ghi)", width: 16, kind: "delta" },
    ],
  },
  {
    id: "previousUnitScores",
    sheetName: "Nhập - Điểm tháng trước",
    tableName: "chiso766_DiemThangTruoc",
    title: "Tổng điểm của từng đơn vị tháng trước (để tính tăng/giảm)",
    columns: [unit, { key: "total", header: "Tổng điểm", width: 11, kind: "points" }],
  },
  {
    id: "overdueDossiers",
    sheetName: "Nhập - Hồ sơ quá hạn",
    tableName: "chiso766_HoSoQuaHan",
    title: "Hồ sơ quá hạn đang xử lý (Phụ lục 3)",
    columns: [
      unit,
      { key: "total", header: "Tổng", width: 10, kind: "count" },
      { key: "districtLevel", header: "Cấp huyện", width: 10, kind: "count" },
      { key: "communeLevel", header: "Cấp xã", width: 10, kind: "count" },
    ],
  },
  {
    id: "overduePetitions",
    sheetName: "Nhập - PAKN quá hạn",
    tableName: "chiso766_PAKNQuaHan",
    title: "PAKN quá hạn (Phụ lục 4)",
    columns: [
      unit,
      { key: "total", header: "Tổng số", width: 10, kind: "count" },
      { key: "notReceived", header: "Chưa tiếp nhận", width: 12, kind: "count" },
      { key: "late", header: "Chậm xử lý", width: 10, kind: "count" },
      { key: "note", header: "Ghi chú", width: 20, kind: "text" },
    ],
  },
];

export const inputSheet = (id: InputSheet["id"]): InputSheet => {
  const s = INPUT_SHEETS.find((x) => x.id === id);
  if (!s) throw new Error(id);
  return s;
};

/** Rows as Excel hands them back: the table's body values (numbers, text, "" for blank). */
export type TableValues = readonly (readonly unknown[])[];

const cell = (v: unknown): string | number | null => (v === "" || v === undefined || v === null ? null : typeof v === "number" ? v : String(v));
const blankRow = (row: readonly unknown[]) => row.every((v) => v === "" || v === null || v === undefined);

/** Build a dataset row from a table row, keeping the row number (1-based, within the table body). */
function toRecord(sheet: InputSheet, row: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  sheet.columns.forEach((col, i) => {
    const v = cell(row[i]);
    if (v === null) return;
    const [head, sub] = col.key.split(".");
    if (sub && head) {
      const group = (out[head] ??= {}) as Record<string, unknown>;
      group[sub] = v;
    } else if (head) out[head] = col.key === "unit" || col.key === "note" ? String(v) : v;
  });
  return out;
}

/** Dataset rows → table rows in the sheet's column order ("" for a blank cell): the inverse of toRecord. */
export function tableRows(sheet: InputSheet, records: readonly Record<string, unknown>[]): (string | number)[][] {
  return records.map((rec) =>
    sheet.columns.map((col) => {
      const [head, sub] = col.key.split(".");
      const v = head && sub ? (rec[head] as Record<string, unknown> | undefined)?.[sub] : head ? rec[head] : undefined;
      return typeof v === "number" || typeof v === "string" ? v : "";
    }),
  );
}

/**
 * Body rows → dataset rows. Blank rows are skipped, but the engine is told each kept row's position
 * in the table, so issues point at the right cell: `rowMap[i]` is the table row of dataset row i+1.
 */
export function datasetRows<T>(sheet: InputSheet, values: TableValues): { rows: T[]; rowMap: number[] } {
  const rows: T[] = [];
  const rowMap: number[] = [];
  values.forEach((r, i) => {
    if (blankRow(r)) return;
    rows.push(toRecord(sheet, r) as T);
    rowMap.push(i + 1);
  });
  return { rows, rowMap };
}

export interface InputTables {
  readonly summary?: TableValues;
  readonly unitScores?: TableValues;
  readonly previousUnitScores?: TableValues;
  readonly overdueDossiers?: TableValues;
  readonly overduePetitions?: TableValues;
}

export interface ReportSettings {
  readonly province: string;
  readonly period: string;
  readonly previousPeriod?: string;
}

export interface InputRead {
  readonly input: ReportInput;
  /** For each dataset, table row of each dataset row (to map issues back to cells). */
  readonly rowMaps: Partial<Record<InputSheet["id"], number[]>>;
}

/** The input tables as one engine input. */
export function inputFromTables(tables: InputTables, settings: ReportSettings): InputRead {
  const rowMaps: Partial<Record<InputSheet["id"], number[]>> = {};
  const take = <T>(id: InputSheet["id"]): T[] | undefined => {
    const values = tables[id];
    if (!values) return undefined;
    const { rows, rowMap } = datasetRows<T>(inputSheet(id), values);
    rowMaps[id] = rowMap;
    return rows;
  };
  let summary: ProvinceSummaryInput | undefined;
  if (tables.summary) {
    const rows = tables.summary.filter((r) => !blankRow(r)).map((r) => r.map(cell));
    // The Phụ lục 1 rows of the methodology in force for the period (the 2024 letter's, or the 2026 portal's).
    const period = parsePeriod(settings.period);
    summary = summaryInputFromRows(rows, summaryLayoutFor(methodologyFor(period ? periodStart(period) : "2024-01-01"))).summary;
  }
  const unitScores = take<UnitScoreInput>("unitScores");
  const previousScores = take<UnitScoreInput>("previousUnitScores");
  const overdueDossiers = take<NonNullable<PeriodDatasets["overdueDossiers"]>[number]>("overdueDossiers");
  const overduePetitions = take<NonNullable<PeriodDatasets["overduePetitions"]>[number]>("overduePetitions");
  const input: ReportInput = {
    province: settings.province,
    period: settings.period,
    ...(summary ? { summary } : {}),
    ...(unitScores ? { unitScores } : {}),
    ...(overdueDossiers ? { overdueDossiers } : {}),
    ...(overduePetitions ? { overduePetitions } : {}),
    ...(previousScores?.length && settings.previousPeriod ? { previous: { period: settings.previousPeriod, unitScores: previousScores } } : {}),
  };
  return { input, rowMaps };
}

const DATASET_SHEET: Partial<Record<IssueLocation["dataset"], InputSheet["id"]>> = {
  summary: "summary",
  unitScores: "unitScores",
  overdueDossiers: "overdueDossiers",
  overduePetitions: "overduePetitions",
};

/** The input cell an issue points at ("'Nhập - Hồ sơ quá hạn'!C23"), or null when it has none. */
export function issueCell(location: IssueLocation, rowMaps: InputRead["rowMaps"]): { sheet: string; address: string } | null {
  let id = DATASET_SHEET[location.dataset];
  if (!id) return null;
  if (location.period === "previous") {
    if (id !== "unitScores") return null;
    id = "previousUnitScores";
  }
  const sheet = inputSheet(id);
  const tableRow = location.row !== undefined ? rowMaps[id]?.[location.row - 1] : undefined;
  const key = location.column === "statedDelta" ? "statedDelta" : location.column?.replace(/^groups\./, "groups.");
  let col = sheet.columns.findIndex((c) => c.key === key);
  if (col < 0) col = sheet.columns.findIndex((c) => c.key === "total" || c.key === "value");
  if (col < 0) col = 0;
  // Tables start at A3 (title in row 1, header in row 2): body row n is sheet row n + 2.
  const row = tableRow !== undefined ? tableRow + 2 : 2;
  return { sheet: sheet.sheetName, address: `${columnLetter(col)}${row}` };
}

/**
 * The cell's link as one formula, in the en-US syntax the API takes (comma-separated):
 * =HYPERLINK("#'Nhập - Hồ sơ quá hạn'!C23","Nhập - Hồ sơ quá hạn!C23").
 */
export function cellLinkFormula(target: { sheet: string; address: string }): string {
  const text = (s: string) => s.replace(/"/g, '""');
  const reference = `#'${target.sheet.replace(/'/g, "''")}'!${target.address}`;
  return `=HYPERLINK("${text(reference)}","${text(`${target.sheet}!${target.address}`)}")`;
}

/** Number format of an input column: text and deltas as text ("@"), so a pasted "=…" or "-" stays what it is. */
export const COLUMN_FORMATS = { text: "@", count: "#,##0", points: "General", percent: '0.00"%"', delta: "@" } as const;

/** Where each input table sits: title in row 1, header in row 2, body from row 3. */
export const TABLE_HEADER_ROW = 2;
