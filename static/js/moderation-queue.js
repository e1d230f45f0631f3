// The moderation queue: the list refreshes the moment any item changes (WebSocket),
// and every 20 seconds regardless, so a broken Redis or socket never hides a report.
// The server renders the list for this moderator, so scope and blurring stay server-side.
// If the server closes the socket on purpose (the moderator left the team, or signed out), both stop.

import { stoppedForGood } from "./live-close.js";

const POLL_MS = 20000;
const list = document.getElementById("queue-list");
let poll = null;

async function refresh() {
  const response = await fetch(list.dataset.listUrl, { headers: { "X-Requested-With": "fetch" } });
  if (!response.ok) return;
  const html = await response.text();
  const openDetails = new Set([...list.querySelectorAll("[data-item-id]")]
    .filter((row) => row.querySelector("details[open]")).map((row) => row.dataset.itemId));
  list.innerHTML = html;
  for (const row of list.querySelectorAll("[data-item-id]")) {
    if (openDetails.has(row.dataset.itemId)) row.querySelector("details")?.setAttribute("open", "");
  }
}

function connect(attempt = 0) {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}/ws/moderation/`);
  socket.addEventListener("open", () => { attempt = 0; list.dataset.connected = "true"; refresh(); });
  socket.addEventListener("message", () => refresh());
  socket.addEventListener("close", (closeEvent) => {
    list.dataset.connected = "false";
    if (stoppedForGood(closeEvent)) {
      window.clearInterval(poll);
      return;
    }
    window.setTimeout(() => connect(attempt + 1), Math.min(30000, 1000 * 2 ** attempt));
  });
}

if (list) {
  connect();
  poll = window.setInterval(refresh, POLL_MS);
}
