"""Browser tests: a real Daphne process on the test database, driven by Playwright in Chromium.

Each test module declares BROWSER_TEST as its pytestmark: a transactional database,
because the server is another process; reference data returns after each flush
through the apps' post_migrate receivers.
Chromium comes from Debian (/usr/bin/chromium, or CHROMIUM_PATH). Without it the
tests skip with a message, unless REQUIRE_BROWSER=1, where they fail.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

BROWSER_TEST = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class LiveServer:
    url: str
    mail_dir: Path
    process: subprocess.Popen

    def ws_url(self, path: str) -> str:
        return self.url.replace("http://", "ws://") + path

    def sent_mail(self) -> str:
        """Everything the server has emailed so far (file backend), oldest first."""
        files = sorted(self.mail_dir.glob("*.log"), key=lambda f: f.stat().st_mtime)
        return "\n".join(f.read_text() for f in files)


def _database_url(db: dict) -> str:
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("Daphne exited before it was ready; see var/test-daphne.log")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"Daphne did not listen on port {port} within {timeout}s")


def start_daphne(mail_dir: Path, port: int | None = None, **extra_env: str) -> LiveServer:
    port = port or _free_port()
    env = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": _database_url(connection.settings_dict),
        "EMAIL_URL": f"file://{mail_dir}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",  # the links in its emails
        "SAFEGUARDING_WARM_UP": "1",
        **extra_env,
    }
    log = open(settings.VAR_DIR / "test-daphne.log", "ab")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    _wait_for_port(port, process)
    return LiveServer(url=f"http://127.0.0.1:{port}", mail_dir=mail_dir, process=process)


def stop(server: LiveServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def daphne_server(django_db_setup, django_db_blocker, tmp_path_factory):
    server = start_daphne(tmp_path_factory.mktemp("mail"))
    yield server
    stop(server)


@pytest.fixture(scope="module")
def browser():
    """One Chromium per module: Playwright's loop must be gone before async tests run."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: install Debian's chromium or set CHROMIUM_PATH"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=10_000)  # assertions, like actions, allow for two workers on two cores

    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls must still work.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
    yield browser
    browser.close()
    playwright.stop()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def new_page(browser, daphne_server):
    """new_page(width=390) -> a page in a fresh browser context (its own cookies), closed after the test."""
    contexts = []

    def open_page(width: int = 390, **context_options):
        context = browser.new_context(
            base_url=daphne_server.url, viewport={"width": width, "height": 844}, **context_options
        )
        context.set_default_timeout(20_000)  # generous: CI runs two test workers and their servers on two cores
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    wait_for_server_to_settle()


def wait_for_server_to_settle(timeout: float = 5.0) -> None:
    """Wait until the server's database sessions are idle, so the flush after the test can lock every table.

    Closing a page closes its WebSockets, and the server's disconnect handlers still write
    (presence rows). On PostgreSQL the flush's TRUNCATE would deadlock with them and leave
    this test's rows in place for the next test. SQLite serialises writers, so it waits on its own.
    """
    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + timeout
    quiet_polls = 0
    while quiet_polls < 3 and time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')"
            )
            busy = cursor.fetchone()[0]
        quiet_polls = 0 if busy else quiet_polls + 1
        time.sleep(0.05)


@pytest.fixture
def signed_in_page(new_page, daphne_server):
    """signed_in_page(user) -> a page signed in as that member, through a real session cookie.

    The sign-in form is covered by test_joining; here many members sign in per minute
    from one address, which allauth's login rate limit would rightly refuse.
    """

    def sign_in(user, **page_options):
        page = new_page(**page_options)
        session = Client()
        session.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        cookie = session.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": daphne_server.url}])
        page.goto("/")
        return page

    return sign_in


def open_menu(page) -> None:
    """On a phone the header's links sit behind the Menu button (menu.js); at desktop width it is not shown."""
    button = page.get_by_role("button", name="Menu")
    if button.is_visible() and button.get_attribute("aria-expanded") != "true":
        button.click()
