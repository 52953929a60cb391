/**
 * The custom functions' Office calls: CustomFunctions.associate, and CustomFunctions.Error for a refused
 * argument (#VALUE! or #N/A with the Vietnamese reason in the cell's error tooltip). The runtime is the
 * global `CustomFunctions` office.js defines where Excel runs custom functions (CustomFunctionsRuntime 1.1;
 * Error since 1.2) — @types/office-js does not describe it, hence the narrow interface here. Nothing is
 * registered where it does not exist (a browser preview, an Excel without custom functions).
 *
 * In the task pane's page (the shared runtime) the ES5 loader has already associated a stand-in for each
 * function, before this bundle arrived (a function associated late answers #VALUE! on its first
 * calculation): the real functions are handed to the loader, which serves the calls that came first. The
 * functions' own script (functions.js, for an Excel that runs custom functions without the shared
 * runtime) has no loader and associates directly.
 */
import { canThem, diem, FunctionArgumentError, nguong } from "../functions/functions";
import type { FunctionId } from "../functions/ids";

/** The part of the custom functions runtime the add-in uses. */
export interface CustomFunctionsRuntime {
  associate(id: string, fn: (...args: unknown[]) => unknown): void;
  /** CustomFunctionsRuntime 1.2; absent before (the cell then shows #VALUE! without the reason). */
  readonly Error?: new (code: string, message?: string) => Error;
  readonly ErrorCode?: { readonly invalidValue: string; readonly notAvailable: string };
}

/** The ES5 loader's hand-over (addin/loader/loader.js): it associated a stand-in per function id. */
export interface FunctionLoader {
  registerFunction(id: string, fn: (...args: unknown[]) => unknown): void;
}

/** The functions Excel calls, by id (the @customfunction tags of addin/functions/functions.ts). */
export const CUSTOM_FUNCTIONS: Readonly<Record<FunctionId, (...args: unknown[]) => number>> = {
  DIEM: (ma, tu, mau) => diem(ma, tu, mau),
  CANTHEM: (ma, tu, mau) => canThem(ma, tu, mau),
  NGUONG: (ma) => nguong(ma),
};

/** The global runtime, or null where Excel runs no custom functions. */
export function customFunctionsRuntime(scope: object = globalThis): CustomFunctionsRuntime | null {
  const runtime = (scope as { CustomFunctions?: Partial<CustomFunctionsRuntime> }).CustomFunctions;
  return runtime && typeof runtime.associate === "function" ? (runtime as CustomFunctionsRuntime) : null;
}

/** A refused argument as Excel's error: #VALUE! (or #N/A) with the reason, where the runtime has CustomFunctions.Error. */
export function excelError(runtime: CustomFunctionsRuntime, err: FunctionArgumentError): Error {
  if (!runtime.Error || !runtime.ErrorCode) return new Error(err.message);
  return new runtime.Error(err.code === "#N/A" ? runtime.ErrorCode.notAvailable : runtime.ErrorCode.invalidValue, err.message);
}

/** `fn` as Excel calls it: a refused argument becomes Excel's error, anything else is thrown as it is. */
export function forExcel(runtime: CustomFunctionsRuntime, fn: (...args: unknown[]) => number): (...args: unknown[]) => number {
  return (...args) => {
    try {
      return fn(...args);
    } catch (err) {
      throw err instanceof FunctionArgumentError ? excelError(runtime, err) : err;
    }
  };
}

/**
 * Register every custom function: with the loader when the page has one, else with the runtime itself.
 * Returns the ids registered (none without a runtime).
 */
export function registerCustomFunctions(runtime: CustomFunctionsRuntime | null, loader: FunctionLoader | null = null): FunctionId[] {
  if (!runtime) return [];
  const ids = Object.keys(CUSTOM_FUNCTIONS) as FunctionId[];
  for (const id of ids) {
    const fn = forExcel(runtime, CUSTOM_FUNCTIONS[id]);
    if (loader) loader.registerFunction(id, fn);
    else runtime.associate(id, fn);
  }
  return ids;
}

/** The page's loader, when the page has one (the task pane); null in functions.js's own runtime. */
export function pageLoader(scope: object = globalThis): FunctionLoader | null {
  const loader = (scope as { chiso766Loader?: Partial<FunctionLoader> }).chiso766Loader;
  return loader && typeof loader.registerFunction === "function" ? (loader as FunctionLoader) : null;
}
