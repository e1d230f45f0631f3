"""After writing something worrying, the help panel opens where the member is looking, on a phone and a desktop.

It is a modal dialog over the page: in view, focused, clean for axe; Close or Escape dismisses
it for good and puts the member back in the composer. Without JavaScript the page opens at the
panel beside the composer.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from community.models import Room
from tests.browser.conftest import BROWSER_TEST
from tests.browser.test_accessibility import WCAG_AA

pytestmark = BROWSER_TEST

WIDTHS = [375, 1280]
RISKY = "I'm going to kill myself tonight. I can't keep going."


def panel(page):
    return page.get_by_role("dialog", name="We're here for you")


def assert_wholly_in_view(page, locator):
    box = locator.bounding_box()
    viewport = page.viewport_size
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= viewport["width"] and box["y"] + box["height"] <= viewport["height"], box


def assert_the_panel_has_the_member(page):
    dialog = panel(page)
    expect(dialog).to_be_visible()
    assert dialog.evaluate("element => element.matches(':modal')")
    assert_wholly_in_view(page, dialog)
    expect(dialog.get_by_role("heading", name="We're here for you")).to_be_focused()
    expect(dialog.get_by_role("link", name="Call 116 123")).to_be_visible()
    results = Axe().run(page, context="#support-panel", options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", WIDTHS)
def test_after_a_risky_reply_the_panel_opens_over_the_thread_and_gives_the_composer_back(
    thread, member, signed_in_page, width
):
    page = signed_in_page(member, width=width, bypass_csp=True)
    page.goto(thread.get_absolute_url())
    page.get_by_role("textbox", name="Your reply").fill(RISKY)
    page.get_by_role("button", name="Post reply").click()

    assert_the_panel_has_the_member(page)
    panel(page).get_by_role("button", name="Close this message").click()

    expect(panel(page)).to_have_count(0)
    expect(page.get_by_role("textbox", name="Your reply")).to_be_focused()
    expect(page.get_by_text("I'm going to kill myself tonight.")).to_be_visible()
    page.reload()
    expect(page.get_by_text("We're here for you")).to_have_count(0)


@pytest.mark.parametrize("width", WIDTHS)
def test_after_a_risky_new_conversation_the_panel_opens_over_it(board, member, signed_in_page, width):
    page = signed_in_page(member, width=width, bypass_csp=True)
    page.goto(f"/forum/{board.slug}/new/")
    page.get_by_label("Title").fill("Tonight")
    page.get_by_label("Your post").fill(RISKY)
    page.get_by_role("button", name="Post", exact=True).click()

    assert_the_panel_has_the_member(page)
    page.keyboard.press("Escape")
    expect(panel(page)).to_have_count(0)
    expect(page.get_by_role("textbox", name="Your reply")).to_be_focused()


@pytest.mark.parametrize("width", WIDTHS)
def test_in_a_room_the_panel_arrives_live_over_the_chat_and_escape_returns_to_the_message_box(
    member, signed_in_page, width
):
    Room.objects.create(name="Evening check-in", slug="evening", purpose="How was today?")
    page = signed_in_page(member, width=width, bypass_csp=True)
    page.goto("/rooms/evening/")
    expect(page.locator("#room[data-live='1']")).to_be_attached()
    expect(page.locator("body[data-member-stream='connected']")).to_be_attached()
    page.evaluate("window.notReloaded = true")

    page.get_by_label("Your message").fill(RISKY)
    page.get_by_label("Your message").press("Enter")

    assert_the_panel_has_the_member(page)
    assert page.evaluate("window.notReloaded") is True
    page.keyboard.press("Escape")
    expect(panel(page)).to_have_count(0)
    expect(page.get_by_label("Your message")).to_be_focused()
    expect(page.locator("#chat-log")).to_contain_text("I'm going to kill myself tonight.")
    page.reload()  # Escape dismissed it on the server too
    expect(page.locator("#room[data-live='1']")).to_be_attached()
    expect(page.get_by_text("We're here for you")).to_have_count(0)


@pytest.mark.parametrize("width", WIDTHS)
def test_without_javascript_the_page_opens_at_the_panel_beside_the_composer(thread, member, signed_in_page, width):
    page = signed_in_page(member, width=width, java_script_enabled=False)
    page.goto(thread.get_absolute_url())
    page.get_by_role("textbox", name="Your reply").fill(RISKY)
    page.get_by_role("button", name="Post reply").click()

    expect(page.get_by_role("heading", name="We're here for you")).to_be_in_viewport()
    page.get_by_role("button", name="Close this message").click()
    expect(page.get_by_text("We're here for you")).to_have_count(0)


def test_a_member_worried_about_someone_else_is_shown_how_to_help_them(thread, member, signed_in_page):
    page = signed_in_page(member, width=375, bypass_csp=True)
    page.goto(thread.get_absolute_url())
    page.get_by_role("textbox", name="Your reply").fill("My friend said she's going to take her own life this weekend.")
    page.get_by_role("button", name="Post reply").click()

    dialog = page.get_by_role("dialog", name="Helping someone who may be at risk")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name="Helping someone who may be at risk")).to_be_focused()
    expect(dialog.get_by_text("Ask them directly whether they are thinking about suicide")).to_be_visible()
    expect(dialog.get_by_role("link", name="Call 116 123")).to_be_visible()
    expect(page.get_by_role("dialog", name="We're here for you")).to_have_count(0)
    results = Axe().run(page, context="#support-panel", options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
