// What every live page does when the server closes its socket on purpose (docs/realtime.md,
// "Close codes"): reconnecting would not help, so the page stops trying and says why, calmly, in
// the site notice, with a button to reload. It never reloads by itself: nothing being typed is lost.

const REASONS = {
  4401: "You've been signed out, so this page has stopped updating. Reload it to sign in again.",
  4403: "What you can see here has changed, so this page has stopped updating. Reload it to see it as it is now.",
  4429: "Live updates are paused on this page because Kindred is open in a lot of tabs or windows. Close a few, then reload this page.",
};

// True when the close means "don't reconnect" (the notice is shown); false for a dropped connection.
export function stoppedForGood(closeEvent) {
  const reason = REASONS[closeEvent.code];
  if (!reason) return false;
  const notice = document.getElementById("site-notice");
  if (notice) {
    const text = Object.assign(document.createElement("p"), { textContent: reason });
    const reload = Object.assign(document.createElement("button"), { type: "button", textContent: "Reload the page" });
    reload.addEventListener("click", () => location.reload());
    notice.replaceChildren(text, reload);
  }
  return true;
}
