// Every composer's words survive a reload, a quote and a failed post: they are kept in this
// browser (localStorage) per composer, under the form's data-draft-key ("thread:12",
// "new-thread:anxiety", "edit:40", "room:evening"), and cleared once the post is sent.
// The page works without this module; with it, the forum's Quote link fills the composer in
// place, and a Preview button shows the words as they will look (POST data-preview-url,
// posting's own renderer and limits, community.views.preview).
//
// "Sent" is told apart from "refused" by what comes next: a refused post re-renders its form
// with the words still in the box, so the draft is kept; a sent one lands on a page whose
// composer is empty (or has none), so the draft is cleared. Going back to a page, or a send that
// never reached the server, keeps it.

const PREFIX = "kindred-draft:";
const SENDING = "kindred-draft-sending";
const SENDING_MS = 5 * 60 * 1000;
const SAVE_MS = 300;
const FIELDS = ["title", "body", "quote"];

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage switched off: composers work as before, without drafts
  }
}

function fieldsOf(form) {
  return FIELDS.map((name) => form.elements.namedItem(name)).filter((field) => field && field.name);
}

function read(key) {
  try {
    return JSON.parse(storage()?.getItem(PREFIX + key) || "null");
  } catch {
    return null;
  }
}

// The draft of one composer: save() after each change, clear() once sent, sending() before a send.
export function draftFor(form) {
  const key = form.dataset.draftKey;
  const fields = fieldsOf(form);
  return {
    save() {
      const words = Object.fromEntries(fields.map((field) => [field.name, field.value]));
      const body = form.elements.namedItem("body");
      if (!body || !body.value.trim()) storage()?.removeItem(PREFIX + key);
      else storage()?.setItem(PREFIX + key, JSON.stringify(words));
    },
    clear() {
      storage()?.removeItem(PREFIX + key);
    },
    sending() {
      this.save();
      window.sessionStorage?.setItem(SENDING, JSON.stringify({ key, at: Date.now() }));
    },
  };
}

function settleLastSend() {
  const sent = JSON.parse(window.sessionStorage?.getItem(SENDING) || "null");
  if (!sent) return;
  window.sessionStorage.removeItem(SENDING);
  const navigation = performance.getEntriesByType?.("navigation")[0];
  if (navigation && navigation.type === "back_forward") return;
  if (Date.now() - sent.at > SENDING_MS) return;
  const form = document.querySelector(`form[data-draft-key="${CSS.escape(sent.key)}"]`);
  const body = form?.elements.namedItem("body");
  if (body && body.value.trim()) return; // refused: the server gave the words back
  storage()?.removeItem(PREFIX + sent.key);
}

function restore(form) {
  const words = read(form.dataset.draftKey);
  if (!words) return false;
  let restored = false;
  for (const field of fieldsOf(form)) {
    if (field.value || !words[field.name]) continue; // the page's own words win (a refused post, a ?quote=)
    field.value = words[field.name];
    restored ||= field.name === "body";
  }
  return restored;
}

function sayRestored(form, draft) {
  const note = document.createElement("p");
  note.className = "draft-note";
  note.setAttribute("role", "status");
  note.textContent = "Your unsent words are back, as you left them. ";
  const discard = Object.assign(document.createElement("button"), { type: "button", className: "link-button", textContent: "Clear them" });
  discard.addEventListener("click", () => {
    for (const field of fieldsOf(form)) if (field.type !== "hidden") field.value = "";
    draft.clear();
    note.remove();
    form.elements.namedItem("body")?.focus();
  });
  note.append(discard);
  form.prepend(note);
}

function csrfToken(form) {
  return form.elements.namedItem("csrfmiddlewaretoken")?.value || "";
}

function addPreview(form) {
  const body = form.elements.namedItem("body");
  const submit = form.querySelector('button[type="submit"]');
  if (!body || !submit) return;
  const button = Object.assign(document.createElement("button"), { type: "button", className: "button secondary", textContent: "Preview" });
  const area = Object.assign(document.createElement("section"), { className: "composer-preview", hidden: true });
  area.setAttribute("aria-label", "How it will look once posted");
  area.setAttribute("aria-live", "polite");
  submit.after(button);
  form.append(area);
  button.addEventListener("click", async () => {
    button.disabled = true;
    const data = new FormData();
    data.append("body", body.value);
    let answer;
    try {
      const response = await fetch(form.dataset.previewUrl, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": csrfToken(form), Accept: "application/json" },
        credentials: "same-origin",
      });
      answer = await response.json();
    } catch {
      answer = { error: "The preview couldn't load just now. Your words are safe in the box; you can still post them." };
    }
    button.disabled = false;
    const heading = Object.assign(document.createElement("h3"), { className: "composer-preview-heading", textContent: "Preview" });
    const content = document.createElement("div");
    if (answer.html !== undefined) {
      content.className = "prose";
      content.innerHTML = answer.html; // sanitised by the server's renderer, as a posted post is
    } else {
      content.className = "composer-error";
      content.textContent = answer.error;
    }
    area.replaceChildren(heading, content);
    area.hidden = false;
  });
}

// The forum's Quote links (a[data-quote]) fill in the composer's quote without leaving the page.
function quoteInPlace(form) {
  const quote = form.elements.namedItem("quote");
  const box = document.getElementById("quoting");
  if (!quote || !box) return;
  const name = box.querySelector("[data-quoting-author]");
  const excerpt = box.querySelector("[data-quoting-excerpt]");
  const show = (post, author) => {
    quote.value = post;
    name.textContent = author;
    const body = document.querySelector(`#post-${CSS.escape(post)} .post-body`);
    excerpt.textContent = body ? body.textContent.trim().split(/\s+/).slice(0, 40).join(" ") : "";
    excerpt.hidden = !excerpt.textContent;
    box.hidden = false;
  };
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-quote]");
    if (!link) return;
    event.preventDefault();
    show(link.dataset.quote, link.dataset.quoteAuthor);
    draftFor(form).save();
    form.scrollIntoView({ block: "center" });
    form.elements.namedItem("body")?.focus();
  });
  box.querySelector("[data-unquote]")?.addEventListener("click", (event) => {
    event.preventDefault();
    quote.value = "";
    box.hidden = true;
    draftFor(form).save();
    form.elements.namedItem("body")?.focus();
  });
  if (quote.value && box.hidden) {
    const link = document.querySelector(`a[data-quote="${CSS.escape(quote.value)}"]`);
    if (link) show(quote.value, link.dataset.quoteAuthor);
    else quote.value = ""; // a restored quote of a post no longer quotable here
  }
}

settleLastSend();
for (const form of document.querySelectorAll("form[data-draft-key]")) {
  const draft = draftFor(form);
  if (restore(form)) sayRestored(form, draft);
  let timer = null;
  form.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => draft.save(), SAVE_MS);
  });
  window.addEventListener("pagehide", () => draft.save());
  if (!form.dataset.liveSend) form.addEventListener("submit", () => draft.sending());
  quoteInPlace(form);
}
for (const form of document.querySelectorAll("form[data-preview-url]")) addPreview(form);
