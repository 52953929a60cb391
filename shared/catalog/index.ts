/** Built-in unit catalogs by province id. */
import type { Catalog } from "../model";
import { HA_NOI } from "./ha-noi";

export const CATALOGS: Readonly<Record<string, Catalog>> = { [HA_NOI.id]: HA_NOI };

export { HA_NOI };
