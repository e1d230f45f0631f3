"""A new member's first reply waits for a moderator; once approved it appears in the thread for everyone.
Also: the watched words page is usable at phone width and meets WCAG 2.2 AA.

This module runs its own server with first-post checks on (MODERATION_PREMODERATE_FIRST_POSTS=2);
the shared test server has them off so other tests' fresh members post straight away.
"""

import pytest
from playwright.sync_api import expect

from moderation.models import ModeratorScope
from moderation.services import watched_words
from tests.browser.conftest import BROWSER_TEST, start_daphne, stop
from tests.browser.test_accessibility import assert_accessible, assert_no_sideways_scroll

pytestmark = BROWSER_TEST
REPLY = "Hello, I'm new. The bus is hard for me too."


@pytest.fixture(scope="module")
def daphne_server(django_db_setup, django_db_blocker, tmp_path_factory):
    server = start_daphne(tmp_path_factory.mktemp("mail"), MODERATION_PREMODERATE_FIRST_POSTS="2")
    yield server
    stop(server)


def test_a_held_first_reply_is_approved_and_appears_in_the_thread(
    thread, board, member, other_member, moderator, signed_in_page
):
    ModeratorScope.objects.create(moderator=moderator, board=board)
    newcomer = signed_in_page(member)
    newcomer.goto(thread.get_absolute_url())
    newcomer.get_by_role("textbox", name="Your reply").fill(REPLY)
    newcomer.get_by_role("button", name="Post reply").click()
    expect(newcomer.get_by_text("Your post is waiting for a moderator")).to_be_visible()
    expect(newcomer.get_by_text(REPLY)).to_be_visible()

    reader = signed_in_page(other_member)
    reader.goto(thread.get_absolute_url())
    expect(reader.get_by_role("heading", name="Panic on the bus")).to_be_visible()
    expect(reader.get_by_text(REPLY)).to_have_count(0)

    on_duty = signed_in_page(moderator)
    on_duty.goto("/moderation/")
    on_duty.get_by_role("link", name="First post check in “Panic on the bus” (Anxiety)").click()
    expect(on_duty.get_by_text("new member: first posts are checked").first).to_be_visible()
    on_duty.get_by_role("button", name="Approve and publish").click()
    expect(on_duty.get_by_text("Done. Thank you.")).to_be_visible()

    reader.reload()
    expect(reader.get_by_text(REPLY)).to_be_visible()
    newcomer.goto("/moderation/notices/")
    expect(newcomer.get_by_text("Your post has been approved")).to_be_visible()


@pytest.mark.parametrize("width", [320, 1280])
def test_the_watched_words_page_meets_wcag_aa(admin_user, signed_in_page, width):
    watched_words.add_word(admin_user, "crypto investment", watched_words.Action.HOLD)
    page = signed_in_page(admin_user, width=width, bypass_csp=True)
    assert_accessible(page, "/moderation/watched-words/")
    assert_no_sideways_scroll(page, "/moderation/watched-words/")
    page.get_by_role("textbox", name="Word or phrase").fill("whatsapp me")
    page.get_by_label("Publish, and flag it to the queue").check()
    page.get_by_role("button", name="Add to the list").click()
    expect(page.get_by_text("“whatsapp me” is on the list now.")).to_be_visible()
    page.get_by_role("button", name="Remove “crypto investment”").click()
    expect(page.get_by_role("cell", name="crypto investment")).to_have_count(0)
