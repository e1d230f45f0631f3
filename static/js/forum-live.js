// Live forum pages. The page works without this module; with it, a thread page
// shows new replies, edits, removals and reaction counts as they happen, and a
// board page shows new conversations. Protocol: docs/realtime.md.
//
// The page's [data-live-stream] element names the socket path and the id of the
// last event before the page was rendered (data-after). After a drop the socket
// reconnects with backoff and asks for everything after the last id it saw, so
// nothing is lost; events are idempotent, so a repeat changes nothing. A close on purpose (the
// member signed out, or may no longer see this) stops it instead (live-close.js).

import { stoppedForGood } from "./live-close.js";

const MAX_DELAY_MS = 30000;
const NEAR_BOTTOM_PX = 300;

const stream = document.querySelector("[data-live-stream]");
const announcer = document.getElementById("live-announcer");
const newRepliesButton = document.getElementById("new-replies");
let lastId = Number(stream?.dataset.after || 0);
let unseen = [];

function announce(text) {
  if (!announcer) return;
  announcer.textContent = "";
  window.setTimeout(() => { announcer.textContent = text; }, 50);
}

// Rendered for a socket, not a request, so its forms carry no CSRF token: use the page's.
function withPageToken(element) {
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (!token) return element;
  for (const form of element.querySelectorAll("form[method=post]")) {
    if (!form.querySelector("input[name=csrfmiddlewaretoken]")) form.prepend(token.cloneNode());
  }
  return element;
}

function fromHtml(html) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  return withPageToken(template.content.firstElementChild);
}

function nearBottom() {
  return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - NEAR_BOTTOM_PX;
}

function showUnseen() {
  if (!newRepliesButton) return;
  newRepliesButton.hidden = unseen.length === 0;
  newRepliesButton.textContent = unseen.length === 1 ? "1 new reply" : `${unseen.length} new replies`;
}

function insertInOrder(list, item, id, newestFirst) {
  const siblings = [...list.children];
  const after = siblings.find((sibling) => {
    const siblingId = Number(sibling.dataset.itemId);
    return newestFirst ? siblingId < id : siblingId > id;
  });
  list.insertBefore(item, after || null);
}

function postItem(id, html) {
  const item = document.createElement("li");
  item.dataset.itemId = String(id);
  item.append(fromHtml(html));
  return item;
}

function threadItem(id, html) {
  const item = fromHtml(html);
  item.dataset.itemId = String(id);
  return item;
}

// Replace the item if the page shows it; add it if this page is where it belongs.
function upsert(listSelector, id, item, newestFirst) {
  const list = document.querySelector(listSelector);
  const existing = list?.querySelector(`:scope > [data-item-id="${id}"]`);
  if (existing) {
    existing.replaceWith(item);
    return "updated";
  }
  if (!list || stream.dataset.lastPage === "false") return "elsewhere";
  list.querySelector(":scope > .empty")?.remove();
  insertInOrder(list, item, id, newestFirst);
  return "added";
}

function remove(listSelector, id) {
  document.querySelector(listSelector)?.querySelector(`:scope > [data-item-id="${id}"]`)?.remove();
}

const handlers = {
  "post.upsert": (event) => {
    const result = upsert("#posts", event.post, postItem(event.post, event.html), false);
    if (result === "updated" || event.own) return;
    if (result === "elsewhere") {
      unseen.push(event.post);
      showUnseen();
      return;
    }
    announce(`New reply from ${event.author}`);
    if (!nearBottom()) {
      unseen.push(event.post);
      showUnseen();
    }
  },
  "post.remove": (event) => remove("#posts", event.post),
  "thread.upsert": (event) => {
    const result = upsert("#threads", event.thread, threadItem(event.thread, event.html), true);
    if (result === "added") announce("A new conversation has started");
  },
  "thread.remove": (event) => remove("#threads", event.thread),
};

function connect(attempt = 0) {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}${stream.dataset.liveStream}?after=${lastId}`);
  socket.addEventListener("open", () => {
    attempt = 0;
    stream.dataset.connected = "true";
  });
  socket.addEventListener("message", (message) => {
    const event = JSON.parse(message.data);
    if (event.id <= lastId) return;
    lastId = event.id;
    handlers[event.type]?.(event);
  });
  socket.addEventListener("close", (closeEvent) => {
    stream.dataset.connected = "false";
    if (stoppedForGood(closeEvent)) return;
    const delay = Math.min(MAX_DELAY_MS, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
    window.setTimeout(() => connect(attempt + 1), delay);
  });
}

function sendReactionsWithoutReload() {
  document.addEventListener("submit", async (submitEvent) => {
    const form = submitEvent.target;
    if (!form.matches("form.reactions") || stream.dataset.connected !== "true") return;
    submitEvent.preventDefault();
    const body = new FormData(form, submitEvent.submitter);
    const response = await fetch(form.action, { method: "POST", body, redirect: "manual" });
    if (!response.ok && response.type !== "opaqueredirect") form.submit();
  });
}

function clearUnseenAtBottom() {
  window.addEventListener("scroll", () => {
    if (unseen.length && nearBottom() && stream.dataset.lastPage !== "false") {
      unseen = [];
      showUnseen();
    }
  }, { passive: true });
  newRepliesButton?.addEventListener("click", () => {
    const first = document.querySelector(`#posts > [data-item-id="${unseen[0]}"]`);
    if (first) {
      first.scrollIntoView({ block: "start" });
      first.querySelector("[tabindex], article")?.focus?.();
    } else if (stream.dataset.latestUrl) {
      location.href = stream.dataset.latestUrl;
    }
    unseen = [];
    showUnseen();
  });
}

if (stream) {
  connect();
  sendReactionsWithoutReload();
  clearUnseenAtBottom();
}
