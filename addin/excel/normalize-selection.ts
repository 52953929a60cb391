/**
 * "Chuẩn hoá vùng đã chọn": read the part of the selection that holds values (a whole-column
 * selection has values = null, and a large one read at once passes Excel on the web's 5 MB answer),
 * in pieces of at most READ_CELLS cells, with its merged areas where Excel can say (ExcelApi 1.13);
 * normalise it for the chosen input table and write the rows into that table. A table that already
 * holds data is left alone unless the clerk asked to replace it; the pasted block itself is never changed.
 */
import type { Catalog } from "../../shared";
import { loadBody, queueRows } from "./fill-inputs";
import { inputSheet, type InputSheet } from "../sheets/inputs";
import { mergedBlocks, normalizePaste, type Normalized } from "../sheets/normalize";
import type { ExcelContext, Features, MergedAreasLike, RangeLike } from "./types";

/** Cells read per sync (about 3 MB of answer at 30 bytes a cell). */
export const READ_CELLS = 100_000;
/** The most cells a selection may hold to be normalised (ten times the largest province's tables). */
export const MAX_SELECTION_CELLS = 2_000_000;

export interface NormalizeResult {
  readonly normalized: Normalized | null;
  /** Sheet of the pasted block (issues point into it). */
  readonly sourceSheet: string;
  readonly written: number;
  readonly refused: string | null;
  readonly syncs: number;
}

export async function normalizeSelection(context: ExcelContext, target: InputSheet["id"], catalog: Catalog, date: string, replace: boolean, features: Features = { pageLayout: false }): Promise<NormalizeResult> {
  const def = inputSheet(target);
  const selected = context.workbook.getSelectedRange();
  const used = selected.getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  selected.worksheet.load("name");
  const table = context.workbook.tables.getItemOrNullObject(def.tableName);
  table.load("name");
  await context.sync();
  const sourceSheet = selected.worksheet.name;
  const refuse = (refused: string, syncs = 1): NormalizeResult => ({ normalized: null, sourceSheet, written: 0, refused, syncs });
  if (table.isNullObject) return refuse(`Chưa có bảng "${def.sheetName}": bấm “Tạo bảng nhập liệu” trước.`);
  if (sourceSheet === def.sheetName) return refuse("Vùng chọn đang ở chính bảng nhập liệu: dán số liệu vào một sheet khác rồi chọn vùng đó.");
  if (used.isNullObject) return refuse(`Vùng đã chọn trên sheet "${sourceSheet}" không có ô nào có số liệu: chọn vùng đã dán bảng (cả dòng tiêu đề).`);
  const { rowIndex, columnIndex, rowCount, columnCount } = used;
  if (rowCount * columnCount > MAX_SELECTION_CELLS) {
    return refuse(`Vùng đã chọn quá lớn (${rowCount} dòng × ${columnCount} cột có số liệu): chỉ chọn bảng đã dán, cả dòng tiêu đề.`);
  }

  // The input table and the merged areas come with the first piece; each piece is one sync.
  const body = loadBody(table);
  let merged: ReturnType<MergedAreasLike["getMergedAreasOrNullObject"]> | null = null;
  if (features.mergedAreas) {
    merged = (used as RangeLike & MergedAreasLike).getMergedAreasOrNullObject();
    merged.load("address");
  }
  const per = Math.max(1, Math.floor(READ_CELLS / columnCount));
  const block: unknown[][] = [];
  let syncs = 1;
  for (let start = 0; start < rowCount; start += per) {
    const piece = used.worksheet.getRangeByIndexes(rowIndex + start, columnIndex, Math.min(per, rowCount - start), columnCount);
    piece.load("values");
    await context.sync();
    syncs += 1;
    for (const row of piece.values) block.push(row);
  }
  const origin = { row: rowIndex, col: columnIndex };
  const merges = merged ? (merged.isNullObject ? [] : mergedBlocks(merged.address, origin)) : null;
  const normalized = normalizePaste(block, target, catalog, date, origin, merges);
  const queued = queueRows(def, table, body, normalized.rows, replace);
  if (queued.refused || !queued.written) return { normalized, sourceSheet, ...queued, syncs };
  await context.sync();
  return { normalized, sourceSheet, ...queued, syncs: syncs + 1 };
}
