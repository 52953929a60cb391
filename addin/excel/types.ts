/**
 * The part of the Excel JavaScript API the add-in uses, as a narrow structural interface. Every
 * function in addin/excel/ takes a context of this shape: Excel's real `Excel.RequestContext`
 * satisfies it (checked at compile time below), and so does the recording fake the tests use.
 */

export interface LoadableLike {
  load(props?: string | string[]): unknown;
}

export interface FontLike {
  name: string;
  size: number;
  bold: boolean;
  italic: boolean;
  color: string;
}

export interface BorderLike {
  style: string;
  weight: string;
}

export interface RangeFormatLike {
  font: FontLike;
  fill: { color: string };
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapText: boolean;
  columnWidth: number;
  rowHeight: number;
  borders: { getItem(index: string): BorderLike };
}

/** One point of a colour scale: lowest, highest, a percentile (formula "50")…, and its colour. */
export interface ColorScaleCriterionLike {
  type: string;
  formula?: string;
  color?: string;
}

export interface ConditionalFormatLike {
  textComparison: { format: { font: { color: string }; fill: { color: string } }; rule: { operator: string; text: string } };
  /** ExcelApi 1.6 (our minimum is 1.7). */
  colorScale: { criteria: { minimum: ColorScaleCriterionLike; midpoint?: ColorScaleCriterionLike; maximum: ColorScaleCriterionLike } };
}

export interface RangeLike extends LoadableLike {
  /** null for an unbounded range (whole columns or rows). */
  values: unknown[][];
  formulas: unknown[][];
  readonly isNullObject: boolean;
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly worksheet: { readonly name: string; getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeLike } & LoadableLike;
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeLike;
  getRow(row: number): RangeLike;
  getAbsoluteResizedRange(numRows: number, numColumns: number): RangeLike;
  clear(applyTo?: "Contents" | "All" | "Formats"): void;
  delete(shift: "Up" | "Left"): void;
  numberFormat: unknown[][];
  readonly address: string;
  readonly rowCount: number;
  readonly columnCount: number;
  format: RangeFormatLike;
  hyperlink: { documentReference?: string; textToDisplay?: string; screenTip?: string };
  merge(across?: boolean): void;
  select(): void;
  conditionalFormats: { add(type: "ContainsText" | "ColorScale"): ConditionalFormatLike };
}

export interface TableLike extends LoadableLike {
  readonly name: string;
  readonly isNullObject: boolean;
  rows: LoadableLike & { readonly count: number; add(index?: number, values?: (string | number | boolean)[][]): unknown };
  clearFilters(): void;
  getRange(): RangeLike;
  getHeaderRowRange(): RangeLike;
  getDataBodyRange(): RangeLike;
}

export interface ChartLike {
  title: { text: string };
  legend: { visible: boolean; position: string };
  axes: { valueAxis: { title: { text: string } }; categoryAxis: { title: { text: string } } };
  setPosition(startCell: string, endCell?: string): void;
}

export interface WorksheetLike extends LoadableLike {
  readonly id: string;
  name: string;
  readonly isNullObject: boolean;
  position: number;
  tabColor: string;
  getRange(address?: string): RangeLike;
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeLike;
  delete(): void;
  activate(): void;
  freezePanes: { freezeRows(count?: number): void };
  tables: { add(address: string, hasHeaders: boolean): TableLike & { name: string } };
  charts: { add(type: "BarClustered" | "Line", sourceData: RangeLike, seriesBy?: "Auto" | "Columns" | "Rows"): ChartLike };
}

export interface WorksheetCollectionLike extends LoadableLike {
  readonly items: WorksheetLike[];
  add(name?: string): WorksheetLike;
  getItemOrNullObject(key: string): WorksheetLike;
}

export interface SettingLike extends LoadableLike {
  readonly isNullObject: boolean;
  readonly value: unknown;
}

export interface NamedItemLike {
  readonly name: string;
  readonly formula: unknown;
  delete(): void;
}

export interface WorkbookLike {
  getSelectedRange(): RangeLike;
  worksheets: WorksheetCollectionLike;
  names: LoadableLike & { readonly items: NamedItemLike[]; add(name: string, reference: RangeLike | string, comment?: string): unknown; getItem(name: string): NamedItemLike };
  tables: { getItemOrNullObject(key: string): TableLike };
  settings: { add(key: string, value: unknown): unknown; getItemOrNullObject(key: string): SettingLike };
}

export interface ExcelContext {
  workbook: WorkbookLike;
  sync(): Promise<unknown>;
}

/** Optional features beyond ExcelApi 1.7, asked of Office before use. */
export interface Features {
  /** ExcelApi 1.9: page layout (A4, repeated header rows, fit to width). */
  readonly pageLayout: boolean;
  /** ExcelApi 1.8: data validation on the input tables. */
  readonly dataValidation?: boolean;
  /** ExcelApi 1.13: the merged areas of a pasted block (otherwise inferred from blank header cells). */
  readonly mergedAreas?: boolean;
}

/** Range.getMergedAreasOrNullObject (ExcelApi 1.13), used only when Features.mergedAreas. */
export interface MergedAreasLike {
  getMergedAreasOrNullObject(): LoadableLike & { readonly isNullObject: boolean; readonly address: string };
}

/** Range.dataValidation (ExcelApi 1.8), used only when Features.dataValidation. */
export interface DataValidationLike {
  rule: Record<string, unknown>;
  errorAlert: { showAlert: boolean; style: string; title: string; message: string };
}

export interface PageLayoutLike {
  orientation: string;
  paperSize: string;
  zoom: { scale?: number };
  centerHorizontally: boolean;
  setPrintTitleRows(rows: string): void;
  topMargin: number;
  bottomMargin: number;
  leftMargin: number;
  rightMargin: number;
}
