"""Two members on the same thread: replies, reactions and catching up, live, without reloading."""

import re

from playwright.sync_api import expect

from community.services import forum
from tests.browser.conftest import BROWSER_TEST, start_daphne, stop

pytestmark = BROWSER_TEST


def open_live_thread(page, thread, server_url=""):
    page.goto(server_url + thread.get_absolute_url())
    expect(page.locator("#posts")).to_have_attribute("data-connected", "true")
    page.evaluate("window.notReloaded = true")


def test_a_reply_appears_for_another_reader_without_reloading(thread, member, other_member, signed_in_page):
    reader, writer = signed_in_page(other_member), signed_in_page(member)
    open_live_thread(reader, thread)
    open_live_thread(writer, thread)

    writer.get_by_role("textbox", name="Your reply").fill("Sending you strength. The bus is hard for me too.")
    writer.get_by_role("button", name="Post reply").click()

    expect(reader.get_by_text("Sending you strength. The bus is hard for me too.")).to_be_visible()
    expect(reader.locator("#live-announcer")).to_have_text("New reply from robin")
    expect(reader.locator("#notifications .badge")).to_have_text("1")
    assert reader.evaluate("window.notReloaded") is True


def test_a_reaction_count_changes_live_for_the_author(thread, member, other_member, signed_in_page):
    author, supporter = signed_in_page(other_member), signed_in_page(member)
    open_live_thread(author, thread)
    open_live_thread(supporter, thread)

    supporter.get_by_role("button", name="Sending a hug").click()

    opening = author.locator(f"#post-{thread.opening_post_id}")
    expect(opening.get_by_text(re.compile(r"Sending a hug\s*1"))).to_be_visible()
    expect(supporter.get_by_role("button", name=re.compile("Sending a hug"))).to_have_attribute("aria-pressed", "true")
    assert author.evaluate("window.notReloaded") is True


def test_after_the_server_drops_the_connection_the_page_catches_up(thread, member, new_page, tmp_path):
    server = start_daphne(tmp_path)
    try:
        page = new_page()
        page.goto(f"{server.url}/accounts/login/")
        page.get_by_label("Email").fill(member.email)
        page.get_by_label("Password").fill("a-long-test-password")
        page.get_by_role("button", name="Log in").click()
        open_live_thread(page, thread, server.url)
        port = server.url.rsplit(":", 1)[1]
        stop(server)
        expect(page.locator("#posts")).to_have_attribute("data-connected", "false")

        forum.add_reply(member, thread, "Written while the server was away.")
        server = start_daphne(tmp_path, port=int(port))

        expect(page.get_by_text("Written while the server was away.")).to_be_visible(timeout=20_000)
        expect(page.get_by_text("Written while the server was away.")).to_have_count(1)
        assert page.evaluate("window.notReloaded") is True
    finally:
        stop(server)


def test_a_reply_built_to_stall_the_server_is_refused_calmly_and_the_words_stay(thread, member, signed_in_page):
    page = signed_in_page(member)
    page.goto(thread.get_absolute_url())
    bomb = "- " * 2400 + "x"

    page.get_by_role("textbox", name="Your reply").fill(bomb)
    page.get_by_role("button", name="Post reply").click()

    expect(page.get_by_text(re.compile("more than 10 levels deep"))).to_be_visible()
    expect(page.get_by_role("textbox", name="Your reply")).to_have_value(bomb)
