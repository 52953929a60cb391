/**
 * What Office must offer for the add-in to run: the one place the minimum is written. The manifest's
 * <Requirements> (checked by test/addin/manifest.test.ts), the ES5 loader's isSetSupported check (the
 * build hands it this value) and the README's table of supported Excel versions all follow it.
 */

/** Minimum Excel JavaScript API requirement set (manifest <Set Name="ExcelApi" MinVersion=…>). */
export const MIN_EXCEL_API = "1.7";

/** JavaScript the bundles are compiled for: the loader checks that the webview parses it first. */
export const BUNDLE_TARGET = "es2020";

/** How long the ribbon command's result dialog may stay open before the command closes it and completes. */
export const RESULT_DIALOG_TIMEOUT_MS = 5 * 60 * 1000;
