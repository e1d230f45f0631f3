// The leads' dashboard: the case list refreshes the moment a case changes (WebSocket),
// and every 20 seconds regardless, so a broken Redis or socket never hides a case.
// With the lead's permission it also plays a tone and shows a browser notification.
// If the server closes the socket on purpose (no longer a lead, or signed out), both stop.

import { stoppedForGood } from "./live-close.js";

const POLL_MS = 20000;
const list = document.getElementById("case-list");
const enableButton = document.getElementById("enable-alerts");
let alertsOn = false;
let poll = null;
let known = new Set(caseIds(list));

function caseIds(container) {
  return [...container.querySelectorAll("[data-case-id]")].map((row) => row.dataset.caseId);
}

function tone() {
  const audio = new AudioContext();
  const oscillator = audio.createOscillator();
  oscillator.frequency.value = 660;
  oscillator.connect(audio.destination);
  oscillator.start();
  oscillator.stop(audio.currentTime + 0.4);
}

function alertNewCases(ids) {
  const fresh = ids.filter((id) => !known.has(id));
  known = new Set(ids);
  if (!fresh.length || !alertsOn) return;
  tone();
  if (Notification.permission === "granted") new Notification("A safeguarding case needs a lead");
}

async function refresh() {
  const response = await fetch(list.dataset.listUrl, { headers: { "X-Requested-With": "fetch" } });
  if (!response.ok) return;
  list.innerHTML = await response.text();
  alertNewCases(caseIds(list));
}

function connect(attempt = 0) {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}/ws/safeguarding/`);
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

enableButton?.addEventListener("click", async () => {
  alertsOn = true;
  if ("Notification" in window) await Notification.requestPermission();
  enableButton.textContent = "Sound and browser alerts are on";
  enableButton.disabled = true;
});

connect();
poll = window.setInterval(refresh, POLL_MS);
