/** chiso766 Worker entry: the API (fetch), the Cron Trigger (scheduled) and the snapshot queue's consumer (queue). */
import { createApp } from "./app";
import { compressResponse } from "./compress";
import { consumeSnapshots, runSchedule } from "./schedule";

const app = createApp();

export type AppType = typeof app;

export default {
  async fetch(request, env, ctx) {
    return compressResponse(request, await app.fetch(request, env, ctx));
  },
  async scheduled(controller, env) {
    await runSchedule(controller.scheduledTime, env);
  },
  async queue(batch, env) {
    await consumeSnapshots(batch, env);
  },
} satisfies ExportedHandler<Env>;
