/**
 * Pure: the input sheets the clerk fills (one Excel table each, Vietnamese headers), and the
 * conversion of their rows into the engine's datasets. An issue's location (dataset, row, column)
 * maps back to the cell it came from, so the issue sheet can link to it.
 */
import { columnLetter, findIndicator, fold, stripProvinceSuffix, type IndicatorInput, type Issue, type IssueLocation, type Methodology, methodologyFor, parseNumber, parsePeriod, type PeriodDatasets, periodStart, type ProvinceSummaryInput, type ReportInput, summaryInputFromRows, summaryLayoutFor, type UnitScoreInput } from "../../shared";

export interface InputColumn {
  /** Field in the dataset row ("total", "groups.CKMB"). */
  readonly key: string;
  readonly header: string;
  /** Width in characters. */
  readonly width: number;
  readonly kind: "text" | "count" | "points" | "percent" | "delta";
}

export interface InputSheet {
  readonly id: "unitScores" | "indicators" | "previousUnitScores" | "overdueDossiers" | "overduePetitions" | "summary";
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
    // Long format: one row per unit and indicator, as the portal publishes it. When it has rows the
    // engine scores the units from them (the group table above stays for letter-only months).
    id: "indicators",
    sheetName: "Nhập - Chỉ tiêu",
    tableName: "chiso766_ChiTieu",
    title: "Từng chỉ tiêu của từng đơn vị như Cổng DVCQG công bố (tử số, mẫu số): có dòng thì điểm được tính lại từ đây",
    columns: [
      { key: "unit", header: "Đơn vị", width: 40, kind: "text" },
      { key: "code", header: "Mã chỉ tiêu", width: 12, kind: "text" },
      { key: "numerator", header: "Tử số", width: 11, kind: "count" },
      { key: "denominator", header: "Mẫu số", width: 11, kind: "count" },
      { key: "rate", header: "Tỷ lệ (%)", width: 10, kind: "percent" },
      { key: "points", header: "Điểm công bố", width: 11, kind: "points" },
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
  readonly indicators?: TableValues;
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
  /** Where each unit's indicators came from in "Nhập - Chỉ tiêu" (to map indicator issues back to cells). */
  readonly indicatorRows?: IndicatorRows;
  /** What reading the tables found before the engine (an unknown indicator code, a cell that is no number), each naming its cell. */
  readonly problems?: readonly Issue[];
}

/**
 * For dataset row i + 1 of the unit scores: the "Nhập - Chỉ tiêu" table row of each of its indicators
 * (by code), and — for a unit that has no row in "Nhập - Điểm đơn vị" — its first row there.
 */
export type IndicatorRows = readonly ({ readonly codes: ReadonlyMap<string, number>; readonly unitRow?: number } | undefined)[];

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
  // The methodology in force for the period (the 2024 letter's, or the 2026 portal's).
  const period = parsePeriod(settings.period);
  const methodology = methodologyFor(period ? periodStart(period) : "2024-01-01");
  let summary: ProvinceSummaryInput | undefined;
  if (tables.summary) {
    const rows = tables.summary.filter((r) => !blankRow(r)).map((r) => r.map(cell));
    summary = summaryInputFromRows(rows, summaryLayoutFor(methodology)).summary;
  }
  const withIndicators = tables.indicators ? attachIndicators(take<UnitScoreInput>("unitScores") ?? [], rowMaps.unitScores ?? [], tables.indicators, methodology) : null;
  const unitScores = withIndicators ? withIndicators.unitScores : take<UnitScoreInput>("unitScores");
  if (withIndicators) rowMaps.unitScores = withIndicators.rowMap;
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
  return withIndicators ? { input, rowMaps, indicatorRows: withIndicators.indicatorRows, problems: withIndicators.problems } : { input, rowMaps };
}

// ------------------------------------------------------------------ "Nhập - Chỉ tiêu"

const INDICATOR_FIELDS = ["numerator", "denominator", "rate", "points"] as const;
type IndicatorField = (typeof INDICATOR_FIELDS)[number];

/** An issue found in an input table's own cell: its location names the sheet and cell ("Nhập - Chỉ tiêu!C5"). */
export function tableIssue(severity: Issue["severity"], sheet: InputSheet, address: string, message: string): Issue {
  return { severity, code: "INPUT_TABLE", message: `Sheet “${sheet.sheetName}”, ô ${address}: ${message}`, location: { dataset: "input", column: `${sheet.sheetName}!${address}` } };
}

/** The cell a table issue names ({@link tableIssue}), or null for any other location. */
function tableIssueCell(location: IssueLocation): { sheet: string; address: string } | null {
  if (location.dataset !== "input" || !location.column) return null;
  const m = /^(.+)!([A-Z]+\d+)$/.exec(location.column);
  if (!m || !INPUT_SHEETS.some((s) => s.sheetName === m[1])) return null;
  return { sheet: m[1] as string, address: m[2] as string };
}

/** A unit's name for joining the two tables: letter case, diacritics and a " - Tỉnh …" suffix aside. */
const unitKey = (name: string) => fold(stripProvinceSuffix(name.trim()));

/**
 * The rows of "Nhập - Chỉ tiêu" joined to the unit score rows (by the unit's name, letter case,
 * diacritics and the province suffix the portal sometimes adds aside): each unit gets its indicators, keyed by the methodology's code; a unit with
 * indicators but no row of its own is added after the others. A code the methodology does not know, a
 * row without a unit, a figure that is no number and a repeated unit-indicator pair are reported with
 * their cell and left out; nothing is guessed.
 */
function attachIndicators(
  units: readonly UnitScoreInput[],
  unitRowMap: readonly number[],
  values: TableValues,
  m: Methodology,
): { unitScores: UnitScoreInput[]; rowMap: number[]; indicatorRows: IndicatorRows; problems: Issue[] } {
  const sheet = inputSheet("indicators");
  const col = (key: string) => sheet.columns.findIndex((c) => c.key === key);
  const at = (tableRow: number, key: string) => `${columnLetter(col(key))}${tableRow + TABLE_HEADER_ROW}`;
  const problems: Issue[] = [];
  const byUnit = new Map<string, { name: string; firstRow: number; indicators: Record<string, IndicatorInput>; codes: Map<string, number> }>();
  values.forEach((row, i) => {
    if (blankRow(row)) return;
    const tableRow = i + 1;
    const name = String(row[col("unit")] ?? "").trim();
    const codeText = String(row[col("code")] ?? "").trim();
    if (!name) return void problems.push(tableIssue("error", sheet, at(tableRow, "unit"), "thiếu tên đơn vị; dòng này không được dùng."));
    if (!codeText) return void problems.push(tableIssue("error", sheet, at(tableRow, "code"), `thiếu mã chỉ tiêu của "${name}"; dòng này không được dùng.`));
    const def = findIndicator(m, codeText);
    if (!def) {
      return void problems.push(
        tableIssue("error", sheet, at(tableRow, "code"), `mã chỉ tiêu "${codeText}" không có trong phương pháp tính (${m.nameVi}); ghi số thứ tự như 1.1, 3.5b hoặc mã như PUBLISH_ON_TIME. Dòng này không được dùng.`),
      );
    }
    const key = unitKey(name);
    let unit = byUnit.get(key);
    if (!unit) byUnit.set(key, (unit = { name, firstRow: tableRow, indicators: {}, codes: new Map() }));
    const earlier = unit.codes.get(def.code);
    if (earlier !== undefined) {
      return void problems.push(tableIssue("error", sheet, at(tableRow, "code"), `chỉ tiêu ${def.number} của "${name}" đã có ở dòng ${earlier + TABLE_HEADER_ROW}; dòng này không được dùng.`));
    }
    const figures = {} as Record<IndicatorField, number | null>;
    for (const field of INDICATOR_FIELDS) {
      const c = sheet.columns[col(field)] as InputColumn;
      const parsed = parseNumber(cell(row[col(field)]), c.kind === "count" ? "count" : c.kind === "percent" ? "percent" : "points");
      if (!parsed.ok) problems.push(tableIssue("error", sheet, at(tableRow, field), `cột "${c.header}": ${parsed.message}; ô này không được dùng.`));
      else if (parsed.warning) problems.push(tableIssue("warning", sheet, at(tableRow, field), `cột "${c.header}": ${parsed.warning}.`));
      figures[field] = parsed.ok ? parsed.value : null;
    }
    unit.indicators[def.code] = figures;
    unit.codes.set(def.code, tableRow);
  });
  const unitScores: UnitScoreInput[] = [];
  const rowMap: number[] = [];
  const indicatorRows: ({ codes: ReadonlyMap<string, number>; unitRow?: number } | undefined)[] = [];
  units.forEach((u, i) => {
    const key = unitKey(String(u.unit ?? ""));
    const found = byUnit.get(key);
    byUnit.delete(key);
    unitScores.push(found ? { ...u, indicators: found.indicators } : u);
    rowMap.push(unitRowMap[i] ?? i + 1);
    indicatorRows.push(found ? { codes: found.codes } : undefined);
  });
  // Units with indicators only: added rows, which point back at their first indicator row.
  for (const u of byUnit.values()) {
    unitScores.push({ unit: u.name, indicators: u.indicators });
    rowMap.push(-1);
    indicatorRows.push({ codes: u.codes, unitRow: u.firstRow });
  }
  return { unitScores, rowMap, indicatorRows, problems };
}

/**
 * The rows of "Nhập - Chỉ tiêu" for units that come with their indicators (a portal fetch, a stored
 * revision): one row per unit and indicator in the methodology's order, the indicator by its number
 * ("1.1"), a code the methodology does not know as it is; blank for a figure the portal left out.
 */
export function indicatorTableRows(units: readonly { readonly unit: string; readonly indicators?: Readonly<Record<string, IndicatorInput>> }[], m: Methodology): (string | number)[][] {
  const order = new Map(m.indicators.map((d, i) => [d.code, i]));
  const figure = (v: unknown) => (typeof v === "number" || typeof v === "string" ? v : "");
  return units.flatMap((u) =>
    Object.entries(u.indicators ?? {})
      .sort(([a], [b]) => (order.get(a) ?? order.size) - (order.get(b) ?? order.size))
      .map(([code, ind]) => [u.unit, m.indicators.find((d) => d.code === code)?.number ?? code, figure(ind.numerator), figure(ind.denominator), figure(ind.rate), figure(ind.points)]),
  );
}

const DATASET_SHEET: Partial<Record<IssueLocation["dataset"], InputSheet["id"]>> = {
  summary: "summary",
  unitScores: "unitScores",
  overdueDossiers: "overdueDossiers",
  overduePetitions: "overduePetitions",
};

/** The cell of an indicator issue ("indicators.DOSSIER_SYNC.rate") in "Nhập - Chỉ tiêu", or of a unit only there. */
function indicatorCell(location: IssueLocation, indicatorRows: IndicatorRows | undefined): { sheet: string; address: string } | null {
  if (location.dataset !== "unitScores" || location.period === "previous" || location.row === undefined || !indicatorRows) return null;
  const rows = indicatorRows[location.row - 1];
  if (!rows) return null;
  const sheet = inputSheet("indicators");
  const m = /^indicators\.([^.]+)(?:\.(\w+))?$/.exec(location.column ?? "");
  const tableRow = (m && rows.codes.get(m[1] as string)) ?? rows.unitRow;
  if (tableRow === undefined) return null;
  const col = Math.max(0, sheet.columns.findIndex((c) => c.key === (m ? (m[2] ?? "points") : "unit")));
  return { sheet: sheet.sheetName, address: `${columnLetter(col)}${tableRow + TABLE_HEADER_ROW}` };
}

/**
 * The input cell an issue points at ("'Nhập - Hồ sơ quá hạn'!C23"), or null when it has none: an
 * indicator's figure is in "Nhập - Chỉ tiêu" (with `indicatorRows`), a table issue names its own cell.
 */
export function issueCell(location: IssueLocation, rowMaps: InputRead["rowMaps"], indicatorRows?: IndicatorRows): { sheet: string; address: string } | null {
  const own = tableIssueCell(location) ?? indicatorCell(location, indicatorRows);
  if (own) return own;
  let id = DATASET_SHEET[location.dataset];
  if (!id) return null;
  if (location.period === "previous") {
    if (id !== "unitScores") return null;
    id = "previousUnitScores";
  }
  const sheet = inputSheet(id);
  const mapped = location.row !== undefined ? rowMaps[id]?.[location.row - 1] : undefined;
  // -1: a unit that has rows in "Nhập - Chỉ tiêu" only (indicatorRows places it).
  const tableRow = mapped !== undefined && mapped > 0 ? mapped : undefined;
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
