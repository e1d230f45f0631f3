// Loaded (not as a module) in <head>, so it runs before the first paint: marks the page as
// having JavaScript (site.css collapses the phone menu only then) and applies the theme the
// member chose with the "Dark theme" button, kept in this browser's localStorage. Without a
// choice the page follows the device (prefers-color-scheme).
(() => {
  const KEY = "kindred-theme";
  const root = document.documentElement;
  const stored = () => {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return null;
    }
  };
  const apply = (theme) => {
    if (theme === "light" || theme === "dark") root.dataset.theme = theme;
    else delete root.dataset.theme;
  };
  const isDark = () =>
    root.dataset.theme === "dark" ||
    (!root.dataset.theme && window.matchMedia("(prefers-color-scheme: dark)").matches);
  root.classList.add("js");
  apply(stored());
  document.addEventListener("DOMContentLoaded", () => {
    const button = document.querySelector(".theme-toggle");
    if (!button) return;
    const show = () => button.setAttribute("aria-pressed", String(isDark()));
    show();
    button.addEventListener("click", () => {
      const theme = isDark() ? "light" : "dark";
      apply(theme);
      try {
        localStorage.setItem(KEY, theme);
      } catch {
        // Private browsing without storage: the choice lasts for this page only.
      }
      show();
    });
  });
})();
