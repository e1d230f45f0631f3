// The app shell. On a phone the Menu button shows and hides the main navigation (site.css
// hides it below 1024 px only when JavaScript runs; without it the links are a plain list);
// Escape closes an open menu and returns focus to the button. At 1024 px and wider the
// sidebar's boards and rooms are fetched once (community/_places.html), so pages don't pay
// a query for a list a phone never shows.

const WIDE = window.matchMedia("(min-width: 64rem)");
const button = document.querySelector(".menu-toggle");
const nav = button && document.getElementById(button.getAttribute("aria-controls"));

function setOpen(open) {
  button.setAttribute("aria-expanded", String(open));
  nav.classList.toggle("open", open);
}

if (button && nav) {
  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  nav.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
}

const places = document.querySelector("[data-places-url]");
let fetched = false;

async function fillSidebar() {
  if (!places || fetched || !WIDE.matches) return;
  fetched = true;
  const response = await fetch(places.dataset.placesUrl, { credentials: "same-origin" });
  if (!response.ok) {
    fetched = false;
    return;
  }
  const template = document.createElement("template");
  template.innerHTML = await response.text();
  places.replaceChildren(template.content);
  const here = places.querySelector(`a[href="${CSS.escape(location.pathname)}"]`);
  if (here) here.setAttribute("aria-current", "page");
}

fillSidebar();
WIDE.addEventListener("change", fillSidebar);
