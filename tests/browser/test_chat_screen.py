"""A chat room as a chat screen, in real browsers at a phone's width and a desktop's: the composer and the newest
message in view, days marked, a visible "Reconnecting…" while the server is away, and replies to one message."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from community.models import Room
from community.services import chat
from tests.browser.conftest import BROWSER_TEST, start_daphne, stop

pytestmark = BROWSER_TEST
WIDTHS = pytest.mark.parametrize("width", [375, 1280])


def open_room(page, server_url=""):
    page.goto(f"{server_url}/rooms/creative-corner/")
    expect(page.locator("#room[data-live='1']")).to_be_attached()


def make_room() -> Room:
    return Room.objects.create(name="Creative corner", slug="creative-corner", purpose="Making things.")


@WIDTHS
def test_the_composer_and_the_newest_message_are_in_view_after_many_messages(
    member, other_member, signed_in_page, width, settings
):
    settings.CHAT_FLOOD_LIMIT = (10_000, 10)  # the messages below are written all at once, here
    room = make_room()
    for number in range(1, 26):
        chat.send_message(other_member if number % 2 else member, room, f"Message number {number} about knitting.")
    cache.clear()  # with Redis the server shares the cache: the seeding above is not the member's burst
    page = signed_in_page(member, width=width)
    open_room(page)

    expect(page.get_by_role("textbox", name="Your message")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Send")).to_be_in_viewport()
    expect(page.get_by_text("Message number 25 about knitting.")).to_be_in_viewport()
    expect(page.locator(".chat-day-label").first).to_have_text("Today")

    page.get_by_role("textbox", name="Your message").fill("And one more from me.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("And one more from me.")).to_be_in_viewport()
    expect(page.get_by_role("textbox", name="Your message")).to_be_in_viewport()
    expect(page.locator(".chat-day")).to_have_count(1)  # still today: no second separator


@WIDTHS
def test_replying_to_a_message_shows_the_reference_to_everyone(member, other_member, signed_in_page, width):
    room = make_room()
    chat.send_message(other_member, room, "Does anyone have a pattern for a simple scarf?")
    robin, sky = signed_in_page(member, width=width), signed_in_page(other_member, width=width)
    open_room(robin)
    open_room(sky)

    robin.get_by_role("button", name="Reply to this message from sky").click()
    expect(robin.locator("#replying")).to_contain_text(
        "Replying to sky: “Does anyone have a pattern for a simple scarf?”"
    )
    expect(robin.get_by_role("textbox", name="Your message")).to_be_focused()
    robin.get_by_role("textbox", name="Your message").fill("Yes! Garter stitch, forty stitches wide.")
    robin.get_by_role("button", name="Send").click()

    reply = sky.locator(".chat-msg", has_text="Garter stitch")
    expect(reply.locator(".chat-reply-ref")).to_contain_text("Replying to sky: Does anyone have a pattern")
    expect(reply.get_by_role("link", name="Replying to sky")).to_have_attribute("href", "#m1")
    expect(robin.locator("#replying")).to_be_hidden()

    robin.reload()
    expect(robin.locator(".chat-msg", has_text="Garter stitch").locator(".chat-reply-ref")).to_contain_text(
        "Replying to sky"
    )


def test_reconnecting_shows_while_the_server_is_away_and_clears_after(member, new_page, tmp_path):
    room = make_room()
    server = start_daphne(tmp_path)
    try:
        page = new_page(width=375)
        page.goto(f"{server.url}/accounts/login/")
        page.get_by_label("Email").fill(member.email)
        page.get_by_label("Password").fill("a-long-test-password")
        page.get_by_role("button", name="Log in").click()
        open_room(page, server.url)
        expect(page.locator("#connection-state")).to_be_hidden()
        port = server.url.rsplit(":", 1)[1]
        stop(server)

        expect(page.locator("#connection-state")).to_be_visible()
        expect(page.locator("#connection-state")).to_contain_text("Reconnecting…")
        expect(page.locator("#connection-state")).to_be_in_viewport()
        chat.send_message(member, room, "Written while the server was away.")
        server = start_daphne(tmp_path, port=int(port))

        expect(page.get_by_text("Written while the server was away.")).to_be_visible(timeout=30_000)
        expect(page.locator("#connection-state")).to_be_hidden()
    finally:
        stop(server)
