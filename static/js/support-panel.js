// The private help panel after a member wrote something worrying (safeguarding/_support_dialog.html).
// Without this module the panel is open in the page beside the composer, and Close posts its form.
// With it the panel is a modal dialog where the member is looking: it takes focus, Close or Escape
// dismisses it (posting the same form in the background) and focus goes back to where they were
// writing. It arrives live too: the member's stream says "support.offer" (docs/realtime.md) and the
// panel is fetched and shown, as after a message in a chat room.

const PANEL = "dialog[data-support-panel]";
let leaving = false; // a form is posting the ordinary way: the next page shows the panel itself

document.addEventListener("submit", (event) => {
  window.setTimeout(() => { // after every listener: forms sent with fetch prevent the default
    if (!event.defaultPrevented) leaving = true;
  });
});

function composerField() {
  return document.querySelector("#composer textarea, main textarea");
}

function dismiss(dialog) {
  const form = dialog.querySelector("form");
  if (form) fetch(form.action, { method: "POST", body: new FormData(form), redirect: "manual" }).catch(() => {});
}

function openPanel(dialog, returnTo) {
  if (dialog.open) dialog.close(); // rendered open, for pages without JavaScript; showModal needs it closed
  dialog.showModal();
  dialog.querySelector("h2")?.focus();
  dialog.querySelector("form")?.addEventListener("submit", (event) => {
    event.preventDefault();
    dialog.close();
  });
  dialog.addEventListener("close", function closed() {
    if (dialog.open) return; // the queued event of the close() above, fired after showModal
    dialog.removeEventListener("close", closed);
    dismiss(dialog);
    dialog.remove();
    const back = returnTo && returnTo !== document.body && returnTo.isConnected ? returnTo : composerField();
    back?.focus();
  });
}

async function showOffer() {
  const slot = document.querySelector("[data-support-slot]");
  if (!slot || leaving || document.querySelector(PANEL)) return;
  const returnTo = document.activeElement;
  const response = await fetch(slot.dataset.panelUrl);
  if (!response.ok || leaving || document.querySelector(PANEL)) return;
  slot.innerHTML = await response.text();
  const dialog = slot.querySelector(PANEL);
  if (!dialog) return;
  const next = dialog.querySelector("input[name=next]");
  if (next) next.value = location.pathname + location.search; // rendered for /help/panel/, not this page
  openPanel(dialog, returnTo);
}

document.addEventListener("member-stream", (event) => {
  if (event.detail.type === "support.offer") showOffer();
});

const rendered = document.querySelector(PANEL);
if (rendered) openPanel(rendered, null);
