"""Writing in the forum in real browsers, at a phone's width and a desktop's: drafts kept through Quote and a
reload, cleared once sent, and a preview that renders like the post will."""

import pytest
from playwright.sync_api import expect

from community.models import Board
from community.services import forum
from community.services.boards import save_board
from tests.browser.conftest import BROWSER_TEST

pytestmark = BROWSER_TEST
WIDTHS = pytest.mark.parametrize("width", [375, 1280])


def a_thread(author):
    board = save_board(Board(slug="anxiety", title="Anxiety", description="Worry and panic."))
    return forum.start_thread(author, board, "Panic on the bus", "It happened again this morning.")


@WIDTHS
def test_a_draft_survives_quote_and_a_reload_and_is_cleared_once_sent(member, other_member, signed_in_page, width):
    thread = a_thread(other_member)
    page = signed_in_page(member, width=width)
    page.goto(thread.get_absolute_url())
    reply = page.get_by_role("textbox", name="Your reply")
    reply.fill("I know that feeling, the bus is hard.")

    page.get_by_role("link", name=f"Quote {other_member.public_name}").click()
    expect(page.locator("#quoting")).to_be_visible()
    expect(page.locator("#quoting")).to_contain_text(f"You're quoting {other_member.public_name}")
    expect(page.locator("#quoting")).to_contain_text("It happened again this morning.")
    expect(reply).to_have_value("I know that feeling, the bus is hard.")
    expect(reply).to_be_focused()
    expect(reply).to_be_in_viewport()

    page.wait_for_timeout(500)  # the draft is saved a moment after typing stops
    page.reload()
    expect(page.get_by_role("textbox", name="Your reply")).to_have_value("I know that feeling, the bus is hard.")
    expect(page.get_by_text("Your unsent words are back")).to_be_visible()
    expect(page.locator("#quoting")).to_be_visible()  # the quote came back with the words

    page.get_by_role("button", name="Post reply").click()
    expect(page.locator(".post-body", has_text="I know that feeling")).to_be_visible()
    expect(page.locator(".post .quote", has_text=f"{other_member.public_name} wrote:")).to_be_visible()
    page.reload()
    expect(page.get_by_role("textbox", name="Your reply")).to_have_value("")
    expect(page.get_by_text("Your unsent words are back")).to_have_count(0)


def test_a_refused_post_keeps_its_draft(member, other_member, signed_in_page):
    thread = a_thread(other_member)
    page = signed_in_page(member)
    page.goto(thread.get_absolute_url())
    words = " ".join(["word"] * 2_100)
    page.get_by_role("textbox", name="Your reply").fill(words)
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("the limit is 10,000")).to_be_visible()
    page.goto(thread.get_absolute_url())
    assert page.get_by_role("textbox", name="Your reply").input_value() == words


@WIDTHS
def test_preview_shows_the_post_as_it_will_look(member, other_member, signed_in_page, width):
    thread = a_thread(other_member)
    page = signed_in_page(member, width=width)
    page.goto(thread.get_absolute_url())
    page.get_by_role("textbox", name="Your reply").fill("Some **gentle** words <script>nope</script>")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".composer-preview")
    expect(preview.locator("strong")).to_have_text("gentle")
    expect(preview).to_contain_text("<script>nope</script>")  # shown as text, never run
    assert not thread.posts.filter(body__contains="gentle").exists()
