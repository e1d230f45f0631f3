// A live chat room. The page works without this module (the composer posts and
// the page reloads); with it, messages, removals, presence and the room's status
// arrive as they happen. Protocol: docs/realtime.md ("Chat").
//
// The socket asks for everything after the last message number it has shown
// (?after=), and for removals among what it shows (?since=), so a dropped
// connection or a server restart never loses or repeats a message. A refused
// message keeps its words in the box and says why. When the server closes the socket on purpose
// (the member may no longer be here, signed out, too many tabs) it stops and says why instead;
// while a dropped socket is reconnecting the room says "Reconnecting…" above the composer.
//
// It also makes the room a chat screen: day separators between days (dayOf() builds the same
// element as community/_day_separator.html), "Reply" on a message (a "reply" frame with its
// seq), and the composer's draft kept in the browser until the message is sent (composer.js).

import { draftFor } from "./composer.js";
import { stoppedForGood } from "./live-close.js";

const MAX_DELAY_MS = 30000;
const PING_MS = 30000;
const NEAR_BOTTOM_PX = 120;

const room = document.getElementById("room");
const log = document.getElementById("chat-log");
const scroller = document.getElementById("chat-scroll");
const form = document.getElementById("composer-form");
const box = document.getElementById("message-body");
const error = document.getElementById("composer-error");
const notice = document.getElementById("composer-notice");
const statusLine = document.getElementById("room-status");
const connection = document.getElementById("connection");
const olderButton = document.getElementById("load-older");
const connectionState = document.getElementById("connection-state");
const replying = document.getElementById("replying");
const replyingTo = document.getElementById("replying-to");
const replyTo = document.getElementById("reply-to");
const draft = draftFor(form);
const me = room.dataset.me;

let lastSeq = Number(room.dataset.after || 0);
let socket = null;
let attempt = 0;
let pingTimer = null;
let pending = null; // the frame ({type, token, body, reply_to?}) while a send waits for its answer
let muted = false; // both set from the server's room.state on every (re)connect
let isOpen = !form.hidden;
let stopped = false;

function firstSeq() {
  const first = log.querySelector(".chat-msg");
  return first ? Number(first.dataset.seq) : 0;
}

function markOwn(root) {
  for (const item of root.querySelectorAll(".chat-msg")) {
    if (item.dataset.author === me) item.classList.add("own");
  }
}

function fromHtml(html) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  const item = template.content.firstElementChild;
  if (item.dataset.author === me) item.classList.add("own");
  return item;
}

// A day separator before the first message of each day, as the page renders them.
function dayOf(item) {
  const day = document.createElement("li");
  day.className = "chat-day";
  day.dataset.day = item.dataset.day;
  day.append(Object.assign(document.createElement("h3"), { className: "chat-day-label", textContent: item.dataset.dayLabel }));
  return day;
}

function markDays() {
  let previous = null;
  for (const node of [...log.children]) {
    if (node.classList.contains("chat-day")) {
      node.remove();
      continue;
    }
    if (node.dataset.day && node.dataset.day !== previous) node.before(dayOf(node));
    previous = node.dataset.day || previous;
  }
}

function nearBottom() {
  return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX;
}

function addMessage(event) {
  if (event.seq <= lastSeq) return;
  lastSeq = event.seq;
  const stick = nearBottom() || event.author_id === Number(me);
  const existing = document.getElementById(`m${event.seq}`);
  const item = fromHtml(event.html);
  if (existing) existing.replaceWith(item);
  else log.append(item);
  const before = item.previousElementSibling;
  if (!before || (before.dataset.day && before.dataset.day !== item.dataset.day)) item.before(dayOf(item));
  document.getElementById("empty-note")?.remove();
  if (stick) scroller.scrollTop = scroller.scrollHeight;
}

function replaceMessage(event) {
  const existing = document.getElementById(`m${event.seq}`);
  const item = fromHtml(event.html);
  if (existing) existing.replaceWith(item);
  if (item.classList.contains("is-removed")) {
    for (const reference of log.querySelectorAll(`.chat-reply-ref[data-reply-to="${event.seq}"]`)) {
      reference.textContent = "Replying to a message that is no longer shown";
    }
    if (replyTo.value === String(event.seq)) stopReplying();
  }
}

function startReplying(button) {
  const message = document.getElementById(`m${button.dataset.reply}`);
  const words = message?.querySelector(".chat-body")?.textContent.trim() || "";
  replyTo.value = button.dataset.reply;
  replyingTo.textContent = `Replying to ${button.dataset.replyAuthor}: “${words.length > 80 ? `${words.slice(0, 79)}…` : words}”`;
  replying.hidden = false;
  box.focus();
}

function stopReplying() {
  replyTo.value = "";
  replying.hidden = true;
}

function showComposer() {
  const canSend = isOpen && !muted;
  form.hidden = !canSend;
  if (notice) notice.hidden = canSend;
}

function say(text) {
  connection.textContent = "";
  window.setTimeout(() => { connection.textContent = text; }, 50);
}

function setStatus(event) {
  isOpen = event.open;
  statusLine.textContent = event.slow_mode_text ? `${event.status} ${event.slow_mode_text}` : event.status;
  if (!isOpen && notice) notice.textContent = event.status;
  showComposer();
}

const handlers = {
  "room.state": (event) => {
    setStatus(event);
    muted = !!event.muted_until;
    if (muted && notice) notice.textContent = "A host has paused your messages here for now. You can still read along.";
    if (event.rules_required) location.reload();
    showComposer();
  },
  "room.status": setStatus,
  message: addMessage,
  "message.removed": replaceMessage,
  "message.changed": replaceMessage,
  presence: (event) => {
    document.getElementById("presence-count").textContent = String(event.count);
    const list = document.getElementById("presence-list");
    list.replaceChildren(...event.people.map((name) => Object.assign(document.createElement("li"), { textContent: name })));
  },
  notice: (event) => {
    if (event.kind === "muted") muted = true;
    if (event.kind === "unmuted") muted = false;
    if (event.kind === "removed") stopped = true;
    if (notice) {
      notice.textContent = event.text;
      notice.hidden = false;
    }
    if (event.kind !== "muted" && event.kind !== "removed") window.setTimeout(showComposer, 8000);
    else showComposer();
    if (event.kind === "removed") form.hidden = true;
  },
  sent: (event) => {
    if (pending && pending.token === event.token) {
      pending = null;
      box.value = "";
      error.textContent = "";
      draft.clear();
      stopReplying();
    }
  },
  error: (event) => {
    pending = null; // a frame the server could not read: say so, keep the words
    error.textContent = event.message;
  },
  refused: (event) => {
    if (pending && pending.token === event.token) pending = null;
    error.textContent = event.reason; // the words stay in the box
    if (event.rules_required) location.reload();
    box.focus();
  },
};

async function refusedForGood() {
  try {
    const response = await fetch(room.dataset.statusUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) return false;
    const answer = await response.json();
    if (answer.full && notice) {
      notice.textContent = answer.reason; // keep trying: someone may leave
      notice.hidden = false;
    }
    if (answer.can_enter) return false;
    stopped = true;
    if (notice) {
      notice.textContent = answer.reason;
      notice.hidden = false;
    }
    form.hidden = true;
    return true;
  } catch {
    return false;
  }
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const url = `${scheme}://${location.host}/ws/rooms/${room.dataset.slug}/?after=${lastSeq}&since=${firstSeq()}`;
  let opened = false;
  socket = new WebSocket(url);
  socket.addEventListener("open", () => {
    opened = true;
    if (attempt > 0) say("Reconnected.");
    attempt = 0;
    room.dataset.live = "1";
    connectionState.hidden = true;
    pingTimer = window.setInterval(() => socket.send(JSON.stringify({ type: "ping" })), PING_MS);
    if (pending) socket.send(JSON.stringify(pending)); // same token: never sent twice
  });
  socket.addEventListener("message", (message) => {
    const event = JSON.parse(message.data);
    handlers[event.type]?.(event);
  });
  socket.addEventListener("close", async (closeEvent) => {
    window.clearInterval(pingTimer);
    delete room.dataset.live;
    if (stopped) return;
    const noLongerHere = closeEvent.code === 4403 || closeEvent.code === 4410;
    if ((!opened || noLongerHere) && (await refusedForGood())) return; // the room says why, in its own words
    if (stoppedForGood(closeEvent)) {
      stopped = true;
      return;
    }
    connectionState.hidden = false;
    if (attempt === 1) say("Connection lost. Trying again…");
    const delay = Math.min(MAX_DELAY_MS, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
    attempt += 1;
    window.setTimeout(connect, delay);
  });
}

function send() {
  const body = box.value.trim();
  if (!body) {
    error.textContent = "Your message is empty. Write something, then send.";
    return;
  }
  if (!socket || socket.readyState !== WebSocket.OPEN) {
    draft.sending();
    form.submit(); // no live connection: post the form the ordinary way
    return;
  }
  const token = crypto.randomUUID ? crypto.randomUUID() : String(Date.now() + Math.random());
  const answering = Number(replyTo.value);
  pending = answering ? { type: "reply", token, body, reply_to: answering } : { type: "send", token, body };
  socket.send(JSON.stringify(pending));
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  send();
});

box.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    send();
  }
});

async function loadOlder() {
  const before = firstSeq();
  if (!before) return;
  olderButton.disabled = true;
  const response = await fetch(`${room.dataset.historyUrl}?before=${before}`, { headers: { Accept: "application/json" } });
  olderButton.disabled = false;
  if (!response.ok) return;
  const page = await response.json();
  const height = scroller.scrollHeight;
  const items = page.messages.filter((m) => !document.getElementById(`m${m.seq}`)).map((m) => fromHtml(m.html));
  log.prepend(...items);
  markDays();
  scroller.scrollTop += scroller.scrollHeight - height; // keep the reader's place
  document.getElementById("older").hidden = !page.more;
}

olderButton?.addEventListener("click", loadOlder);
scroller.addEventListener("scroll", () => {
  if (scroller.scrollTop === 0 && !document.getElementById("older").hidden && !olderButton.disabled) loadOlder();
});

log.addEventListener("click", (event) => {
  const button = event.target.closest(".chat-reply");
  if (button) startReplying(button);
});
document.getElementById("cancel-reply").addEventListener("click", () => {
  stopReplying();
  box.focus();
});

room.classList.add("is-live-page"); // shows "Reply", which needs this module
markOwn(log);
markDays();
scroller.scrollTop = scroller.scrollHeight;
// The composer in view with the newest message just above it (on a phone the composer is pinned to
// the bottom, over the end of the log until the page is scrolled down to it).
const composer = document.getElementById("composer");
if (composer.getBoundingClientRect().bottom > window.innerHeight) composer.scrollIntoView({ block: "end" });
const hidden = scroller.getBoundingClientRect().bottom - composer.getBoundingClientRect().top;
if (hidden > 0) window.scrollBy(0, hidden);
connect();
