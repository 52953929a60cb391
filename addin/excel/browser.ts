/**
 * Opening a URL in the system browser from the task pane (OpenBrowserWindowApi 1.1: Excel on Windows,
 * Mac and iPad; not Excel on the web). A task pane cannot download a file reliably itself (blocked on
 * Mac, unreliable on Windows), so the letter opens in the browser, which saves it.
 */

/** Open `url` in the system browser; false when this Office cannot (then the caller shows the link). */
export function openBrowserWindow(url: string): boolean {
  // Outside Office (the browser preview) there is no Office at all.
  if (typeof Office === "undefined") return false;
  if (!Office.context?.requirements?.isSetSupported("OpenBrowserWindowApi", "1.1")) return false;
  try {
    Office.context.ui.openBrowserWindow(url);
    return true;
  } catch {
    return false;
  }
}
