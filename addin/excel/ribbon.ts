/**
 * The ribbon command's Office calls: registering the command, and the result dialog (DialogApi 1.1)
 * whose lifetime decides when the command completes. The dialog (result.html) sends "close" with
 * messageParent from its "Đóng" button; the clerk may also close it with its ×; after
 * RESULT_DIALOG_TIMEOUT_MS the command closes it itself — in every case exactly one outcome.
 */

/** How the result dialog ended. */
export type DialogEnd = "message" | "closed" | "timeout" | "failed";

/** Show `url` in a dialog; resolves once it has reported, been closed, timed out, or could not open. */
export function showDialog(url: string, timeoutMs: number, size: { height: number; width: number } = { height: 30, width: 35 }): Promise<DialogEnd> {
  return new Promise((resolve) => {
    let dialog: Office.Dialog | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ended = false;
    const end = (how: DialogEnd) => {
      if (ended) return;
      ended = true;
      if (timer !== undefined) clearTimeout(timer);
      if (dialog && how !== "closed") {
        try {
          dialog.close();
        } catch {
          /* already gone */
        }
      }
      resolve(how);
    };
    try {
      Office.context.ui.displayDialogAsync(url, { ...size, displayInIframe: true }, (result) => {
        if (result.status === Office.AsyncResultStatus.Failed) return end("failed");
        dialog = result.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => end("message"));
        // 12006: the clerk closed it with its ×; other codes: it could not load or went away.
        dialog.addEventHandler(Office.EventType.DialogEventReceived, () => end("closed"));
        timer = setTimeout(() => end("timeout"), timeoutMs);
      });
    } catch {
      end("failed");
    }
  });
}

type Command = (event: Office.AddinCommands.Event) => Promise<void> | void;

/**
 * Register a ribbon command: with Office.actions.associate, as a global function of the same name
 * (for hosts that call the function file's functions by name), and with the ES5 loader, which
 * associated a stand-in before this bundle arrived and hands it the clicks that came first. Nothing
 * without office.js (the task pane's page, which carries the command, previewed in a browser).
 */
export function registerCommand(id: string, command: Command): void {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office?.onReady) return;
  void office.onReady(() => {
    office.actions?.associate(id, command);
    const w = window as unknown as Record<string, unknown> & { chiso766Loader?: { register(id: string, command: Command): void } };
    w[id] = command;
    w.chiso766Loader?.register(id, command);
  });
}
