/**
 * Pure: how an appendix fits one A4 page wide, for the add-in's page setup and the Worker's .xlsx alike. Excel's documented page layout (ExcelApi 1.9) sets a
 * zoom scale or a number of pages wide *and* tall; "as many pages tall as needed" has no documented
 * value, so the width is fitted with a scale computed from the columns — portrait, or landscape when
 * portrait would shrink the print below LANDSCAPE_BELOW percent.
 */

/** A4 in points. */
const A4_SHORT = 595;
const A4_LONG = 842;
/** Left and right margins in points (0.5 inch). */
export const SIDE_MARGIN = 36;
/** Excel's allowed zoom scale. */
const MIN_SCALE = 10;
const MAX_SCALE = 100;
/** A portrait print smaller than this (percent) turns to landscape. */
export const LANDSCAPE_BELOW = 75;

export interface PageFit {
  readonly orientation: "Portrait" | "Landscape";
  readonly scale: number;
}

function scaleFor(pageWidth: number, width: number): number {
  if (width <= 0) return MAX_SCALE;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, Math.floor(((pageWidth - 2 * SIDE_MARGIN) * 100) / width)));
}

/** Orientation and whole-percent scale at which columns of these widths (points) fit between the margins. */
export function fitToWidth(columnWidths: readonly number[]): PageFit {
  const width = columnWidths.reduce((a, b) => a + b, 0);
  const portrait = scaleFor(A4_SHORT, width);
  return portrait >= LANDSCAPE_BELOW ? { orientation: "Portrait", scale: portrait } : { orientation: "Landscape", scale: scaleFor(A4_LONG, width) };
}
