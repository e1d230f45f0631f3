"""WCAG 2.2 AA checks with axe-core on every page, at phone width (320 px) and desktop width.

axe finds what a machine can (contrast, labels, landmarks, names); it is no substitute
for trying pages with a screen reader and a keyboard.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from community.models import Board
from community.services import forum, reactions
from tests.browser.conftest import BROWSER_TEST

pytestmark = BROWSER_TEST

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
PUBLIC_PAGES = ["/", "/rules/", "/help/", "/accounts/login/", "/accounts/signup/"]
MEMBER_PAGES = [
    "/",
    "/account/",
    "/account/delete/",
    "/account/self-care/",
    "/notifications/",
    "/members/robin/",
    "/members/sky/",
    "/rules/accept/",
]
FORUM_PAGES = [
    "/forum/",
    "/forum/anxiety/",
    "/forum/anxiety/new/",
    "/forum/latest/",
    "/forum/search/?q=bus",
    "/forum/activity/sky/",
]


def assert_accessible(page, path):
    page.goto(path)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{path}:\n{results.generate_report()}"


def assert_no_sideways_scroll(page, path):
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"


@pytest.mark.parametrize("width", [320, 1280])
def test_public_pages_meet_wcag_aa(new_page, width):
    page = new_page(width=width, bypass_csp=True)
    for path in PUBLIC_PAGES:
        assert_accessible(page, path)
        assert_no_sideways_scroll(page, path)


@pytest.mark.parametrize("width", [320, 1280])
def test_member_pages_meet_wcag_aa(member, other_member, signed_in_page, width):
    page = signed_in_page(member, width=width, bypass_csp=True)
    for path in MEMBER_PAGES:
        assert_accessible(page, path)
        assert_no_sideways_scroll(page, path)


@pytest.fixture
def lively_thread(db, member, other_member):
    board = Board.objects.create(
        title="Anxiety", slug="anxiety", description="Living with anxiety.", ground_rules="Be gentle."
    )
    thread = forum.start_thread(other_member, board, "Panic on the bus", "It happened *again* today.", "self-harm")
    quoted = forum.add_reply(member, thread, "Breathing slowly helps me.\n\n- in for four\n- out for six")
    forum.add_reply(other_member, thread, "Thank you, I'll try that.", quoted=quoted)
    reactions.toggle_reaction(member, thread.opening_post, "hug")
    return thread


@pytest.mark.parametrize("width", [320, 1280])
def test_forum_pages_meet_wcag_aa(member, lively_thread, signed_in_page, width):
    page = signed_in_page(member, width=width, bypass_csp=True)
    for path in [*FORUM_PAGES, lively_thread.get_absolute_url()]:
        assert_accessible(page, path)
        assert_no_sideways_scroll(page, path)
