"""Screenshots of the main pages for the README: `python -m tests.browser.screenshots`.

Seeds the demo community (seed_demo) into a fresh SQLite database in a temporary folder,
serves it with Daphne, and saves the viewport (not the full page, to keep each file small)
of home, a board, a thread, a room, help and the moderation queue at 375 and 1280 px, in
the light and the dark theme, as docs/screenshots/<page>-<width>-<theme>.png.
"""

import os
import tempfile
from pathlib import Path

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = {375: 740, 1280: 800}
THEMES = ("light", "dark")


def pages():
    """(name, path, who) for each screenshot, from the seeded demo."""
    from community.models import Board, Room, Thread

    board = Board.objects.order_by("position").first()
    thread = Thread.objects.filter(board=board).order_by("-last_activity_at").first()
    room = Room.objects.filter(name__startswith="Creative").first() or Room.objects.first()
    return [
        ("home", "/", "peer1"),
        ("board", board.get_absolute_url(), "peer1"),
        ("thread", thread.get_absolute_url(), "peer1"),
        ("room", room.get_absolute_url(), "peer1"),
        ("help", "/help/", "peer1"),
        ("moderation", "/moderation/", "moderator"),
    ]


def main() -> None:
    var = tempfile.mkdtemp(prefix="kindred-shots-")
    os.environ.update({"VAR_DIR": var, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{var}/db.sqlite3"})
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from playwright.sync_api import sync_playwright

    from accounts.models import User
    from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, start_daphne, stop

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    from community.models import Room
    from community.services.rooms import accept_room_rules

    for room in Room.objects.filter(audience=Room.Audience.MEMBERS):  # show the room itself, not its rules
        accept_room_rules(User.objects.get(handle="peer1"), room)
    cookies = {}
    for handle in ("peer1", "moderator"):
        session = Client()
        session.force_login(User.objects.get(handle=handle), backend="django.contrib.auth.backends.ModelBackend")
        cookies[handle] = session.cookies[settings.SESSION_COOKIE_NAME].value
    shots = pages()
    server = start_daphne(Path(var) / "mail")
    SHOTS.mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for width, height in WIDTHS.items():
                for theme in THEMES:
                    for handle in ("peer1", "moderator"):
                        context = browser.new_context(
                            base_url=server.url, viewport={"width": width, "height": height}, color_scheme=theme
                        )
                        context.add_cookies(
                            [{"name": settings.SESSION_COOKIE_NAME, "value": cookies[handle], "url": server.url}]
                        )
                        page = context.new_page()
                        for name, path, who in shots:
                            if who != handle:
                                continue
                            page.goto(path)
                            page.wait_for_load_state("networkidle")
                            page.screenshot(path=SHOTS / f"{name}-{width}-{theme}.png", animations="disabled")
                        context.close()
            browser.close()
    finally:
        stop(server)
    print(f"Saved {len(shots) * len(WIDTHS) * len(THEMES)} screenshots in {SHOTS}")


if __name__ == "__main__":
    main()
