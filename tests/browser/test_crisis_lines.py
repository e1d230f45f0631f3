"""Every crisis line is a tap to call or text, at least 44 by 44 CSS px, on a phone and a desktop."""

import pytest
from playwright.sync_api import expect

from safeguarding.services import escalation
from tests.browser.conftest import BROWSER_TEST
from tests.browser.test_accessibility import assert_accessible

pytestmark = BROWSER_TEST

WIDTHS = [375, 1280]
CRISIS_LINKS = "a[href^='tel:'], a[href^='sms:']"


def assert_tappable(links, at_least: int):
    count = links.count()
    assert count >= at_least, f"only {count} crisis links"
    for index in range(count):
        link = links.nth(index)
        box = link.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, f"{link.get_attribute('href')}: {box}"


@pytest.mark.parametrize("width", WIDTHS)
def test_every_line_on_need_help_now_is_a_large_tap_to_call_or_text(new_page, db, width):
    page = new_page(width=width, bypass_csp=True)
    assert_accessible(page, "/help/")

    expect(page.get_by_role("link", name="Call 116 123")).to_have_attribute("href", "tel:116123")
    expect(page.get_by_role("link", name="Text SHOUT to 85258")).to_have_attribute("href", "sms:85258?&body=SHOUT")
    expect(page.get_by_role("link", name="Call 111 and choose option 2 for mental health")).to_have_attribute(
        "href", "tel:111"
    )
    assert_tappable(page.locator(f"main :is({CRISIS_LINKS})"), at_least=5)  # four services and "call 999"
    assert_tappable(page.locator(f"footer :is({CRISIS_LINKS})"), at_least=1)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_help_panels_lines_and_the_footer_are_large_taps_too(thread, member, signed_in_page, width):
    escalation.offer_support(member)
    page = signed_in_page(member, width=width)
    page.goto(thread.get_absolute_url())

    dialog = page.get_by_role("dialog", name="We're here for you")
    expect(dialog).to_be_visible()
    assert_tappable(dialog.locator(CRISIS_LINKS), at_least=4)
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    assert_tappable(page.locator(f"footer :is({CRISIS_LINKS})"), at_least=1)
