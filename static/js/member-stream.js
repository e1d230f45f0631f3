// The member's live stream (/ws/me/): the unread notification count and site-wide
// notices such as new house rules. The page works without it. Reconnects with backoff, unless
// the server closed it on purpose (signed out, for one): then live-close.js says so and it stops.
// Every event is also dispatched as a "member-stream" DOM event for other modules
// (support-panel.js, team-messages.js).

import { stoppedForGood } from "./live-close.js";

const MAX_DELAY_MS = 30000;

function showNotice(text) {
  const notice = document.getElementById("site-notice");
  if (notice) notice.textContent = text;
}

// The count shows on the Notifications link, on the Menu button (a phone's menu is collapsed) and in the sidebar.
function showUnread(count) {
  const link = document.getElementById("notifications");
  if (!link) return;
  link.dataset.unread = String(count);
  for (const holder of document.querySelectorAll("#notifications .count, .menu-count, .sidebar-unread .count")) {
    holder.querySelector(".badge").textContent = String(count);
    holder.hidden = count === 0;
  }
}

const handlers = {
  "rules.published": () =>
    showNotice("The house rules have been updated. You'll be asked to read them before you next post."),
  "notifications.unread": (event) => showUnread(event.count),
};

function connect(attempt = 0) {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}/ws/me/`);
  socket.addEventListener("open", () => {
    attempt = 0;
    document.body.dataset.memberStream = "connected";
  });
  socket.addEventListener("message", (message) => {
    const event = JSON.parse(message.data);
    const handle = handlers[event.type];
    if (handle) handle(event);
    document.dispatchEvent(new CustomEvent("member-stream", { detail: event }));
  });
  socket.addEventListener("close", (closeEvent) => {
    delete document.body.dataset.memberStream;
    if (stoppedForGood(closeEvent)) return;
    const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2);
    setTimeout(() => connect(attempt + 1), delay);
  });
}

connect();
