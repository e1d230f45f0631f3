"""A member looks after themselves: mutes a word, blocks someone, takes a break."""

import pytest
from playwright.sync_api import expect

from community.services import forum
from tests.browser.conftest import BROWSER_TEST

pytestmark = BROWSER_TEST


@pytest.fixture
def thread(board, other_member, make_member):
    thread = forum.start_thread(other_member, board, "Tough week", "Counting calories again, and it's wearing me down.")
    forum.add_reply(make_member("ash"), thread, "Sending you a hug.")
    return thread


def test_muted_word_folds_a_post_away_until_the_member_opens_it(member, thread, signed_in_page):
    page = signed_in_page(member)
    page.goto("/account/self-care/")
    page.get_by_label("Mute a word or phrase").fill("calories")
    page.get_by_role("button", name="Mute", exact=True).click()
    expect(page.get_by_text("“calories” is muted for you.")).to_be_visible()

    page.goto(thread.get_absolute_url())
    opening = page.locator(f"#post-{thread.opening_post_id}")
    expect(opening.get_by_text("Counting calories again")).not_to_be_visible()
    opening.get_by_text("Collapsed because it contains a word you muted.").click()
    expect(opening.get_by_text("Counting calories again")).to_be_visible()
    expect(page.get_by_text("Sending you a hug.")).to_be_visible()


def test_blocking_a_member_hides_their_posts(member, other_member, thread, signed_in_page):
    page = signed_in_page(member)
    page.goto(f"/members/{other_member.handle}/")
    page.get_by_role("button", name=f"Block {other_member.handle}").click()
    expect(page.get_by_text("They won't be told.")).to_be_visible()

    page.goto(thread.get_absolute_url())
    opening = page.locator(f"#post-{thread.opening_post_id}")
    expect(opening.get_by_text("Hidden because you blocked this member")).to_be_visible()
    expect(opening.get_by_text("Counting calories again")).not_to_be_visible()


def test_taking_a_break_and_coming_back_early(member, signed_in_page):
    page = signed_in_page(member)
    page.goto("/account/self-care/")
    page.get_by_label("A week").check()
    page.get_by_role("button", name="Start my break").click()
    expect(page.get_by_text("notifications are paused").first).to_be_visible()

    page.goto("/")
    page.get_by_role("button", name="Come back now").click()
    expect(page.get_by_text("Welcome back.")).to_be_visible()
    expect(page.get_by_text("notifications are paused")).to_have_count(0)


def test_reading_notifications_leaves_them_new_until_the_member_marks_them_read(other_member, thread, signed_in_page):
    page = signed_in_page(other_member)
    page.goto("/notifications/")
    expect(page.get_by_text("ash replied to Tough week")).to_be_visible()
    expect(page.locator("#notifications .badge")).to_have_text("1")

    page.get_by_role("button", name="Mark all as read").click()
    expect(page.locator("#notifications .count")).to_be_hidden()
    expect(page.get_by_text("ash replied to Tough week")).to_be_visible()
    expect(page.get_by_role("button", name="Mark all as read")).to_have_count(0)
