"""When the server closes a live page's socket on purpose, the page stops and says why, calmly."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER_TEST, open_menu

pytestmark = [*BROWSER_TEST, pytest.mark.security("sockets")]


def test_signing_out_in_another_tab_stops_this_tab_and_keeps_what_was_typed(thread, member, signed_in_page):
    page = signed_in_page(member)
    page.goto(thread.get_absolute_url())
    expect(page.locator("#posts")).to_have_attribute("data-connected", "true")
    page.get_by_role("textbox", name="Your reply").fill("Half a thought I don't want to lose")

    other_tab = page.context.new_page()
    other_tab.goto("/")
    open_menu(other_tab)
    other_tab.get_by_role("button", name="Sign out").click()

    notice = page.locator("#site-notice")
    expect(notice).to_contain_text("You've been signed out, so this page has stopped updating.")
    expect(notice.get_by_role("button", name="Reload the page")).to_be_visible()
    expect(page.get_by_role("textbox", name="Your reply")).to_have_value("Half a thought I don't want to lose")
