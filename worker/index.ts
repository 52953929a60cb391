/** chiso766 Worker entry. */
import { createApp } from "./app";

const app = createApp();

export type AppType = typeof app;
export default app;
