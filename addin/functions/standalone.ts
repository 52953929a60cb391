/**
 * functions.js, the manifest's custom functions <Script>: what an Excel that runs custom functions
 * without the shared runtime loads into its JavaScript-only runtime. It registers the three functions
 * with CustomFunctions.associate (with the page's loader if it is loaded into the task pane's page). In
 * the shared runtime Excel loads the task pane's page instead, whose bundle registers the same functions.
 */
import { customFunctionsRuntime, pageLoader, registerCustomFunctions } from "../excel/custom-functions";

registerCustomFunctions(customFunctionsRuntime(), pageLoader());
