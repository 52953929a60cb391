/**
 * The custom functions as Excel knows them: the namespace (manifest.xml <Namespace>, so a formula reads
 * =CS766.DIEM(…)) and the ids of addin/functions/functions.ts (its @customfunction tags, which Microsoft's
 * custom-functions-metadata writes into functions.json). The build hands the ids to the ES5 loader, which
 * associates a stand-in for each before the bundle arrives; tests check the three agree.
 */
export const FUNCTIONS_NAMESPACE = "CS766";

export const FUNCTION_IDS = ["DIEM", "CANTHEM", "NGUONG"] as const;
export type FunctionId = (typeof FUNCTION_IDS)[number];
