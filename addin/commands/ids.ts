/** The ribbon's ExecuteFunction names (manifest.xml <FunctionName>): the bundle, the loader and the manifest test use these. */
export const BUILD_ACTION = "buildAppendices";

export const COMMAND_IDS: readonly string[] = [BUILD_ACTION];
