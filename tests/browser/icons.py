"""Draw the app icons' PNG sizes from static/icons/icon.svg in Chromium: `python -m tests.browser.icons`.

The SVG is the one source; the PNGs (favicon, Apple touch icon, the manifest's 192 and 512)
are committed, so nothing is drawn at run time. Run again after changing the SVG.
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS

ICONS = Path(__file__).resolve().parents[2] / "static" / "icons"
SIZES = (32, 180, 192, 512)


def main() -> None:
    svg = (ICONS / "icon.svg").read_text()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for size in SIZES:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(f'<body style="margin:0">{svg.replace("<svg ", f"<svg width={size} height={size} ")}')
            page.screenshot(path=ICONS / f"icon-{size}.png", omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
