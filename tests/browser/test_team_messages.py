"""A lead writes to a member: the member hears of it live in the thread and room they have open, never the words."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from accounts.roles import Role
from community.models import Room
from community.services import forum
from safeguarding.matching import Assessment, Level
from safeguarding.services import escalation
from tests.browser.conftest import BROWSER_TEST, open_menu
from tests.browser.test_accessibility import WCAG_AA

pytestmark = BROWSER_TEST

WIDTHS = [375, 1280]
WORDS = "We saw your post last night and wanted to check how you are doing today."
BANNER = "You have a message from the safeguarding team."


def live(page):
    expect(page.locator("body[data-member-stream='connected']")).to_be_attached()


def unread_badge(page):
    """The header's count: on the Notifications link, or on the Menu button while a phone's menu is closed."""
    return page.get_by_role("banner").locator(".badge").locator("visible=true")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_teams_message_raises_the_badge_and_banner_live_in_the_members_open_thread_and_room(
    thread, member, other_member, make_member, signed_in_page, width
):
    friend = make_member("ash")
    for n in range(12):  # a long conversation: the member is down at the composer, far from the header
        forum.add_reply((other_member, friend)[n % 2], thread, f"Reply {n}, and a few words more to take up room.")
    Room.objects.create(name="Evening check-in", slug="evening", purpose="How was today?")
    case = escalation.escalate(member, "I want to die", Assessment(Level.HIGH, (), ()), source="forum post")
    escalation.dismiss_support_offers(member)
    lead = signed_in_page(make_member("lead", roles=(Role.SAFEGUARDING_LEAD,)))
    lead.goto(f"/safeguarding/cases/{case.pk}/")

    reading = signed_in_page(member, width=width, bypass_csp=True)
    reading.goto(thread.get_absolute_url())
    reading.get_by_role("textbox", name="Your reply").scroll_into_view_if_needed()
    room = reading.context.new_page()
    room.goto("/rooms/evening/")
    for page in (reading, room):
        live(page)
        expect(unread_badge(page)).to_be_hidden()
    assert reading.evaluate("window.scrollY") > 500

    lead.get_by_label("Message to robin").fill(WORDS)
    lead.get_by_role("button", name="Send privately").click()
    expect(lead.get_by_text("Sent. The member sees it")).to_be_visible()

    for page in (reading, room):
        expect(unread_badge(page)).to_have_text("1")
        expect(unread_badge(page)).to_be_visible()
        banner = page.get_by_role("status").filter(has_text=BANNER)
        expect(banner).to_be_in_viewport()
        expect(page.locator("body")).not_to_contain_text(WORDS)
    results = Axe().run(reading, context="#team-messages", options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()

    reading.get_by_role("link", name="Read it").click()
    expect(reading.get_by_text(WORDS)).to_be_visible()
    reading.reload()  # reading the page is not marking it read
    expect(reading.get_by_text("New", exact=True)).to_be_visible()
    results = Axe().run(reading, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    reading.get_by_role("button", name="I've read these: mark as read").click()
    expect(reading.get_by_text("Marked as read.")).to_be_visible()
    expect(unread_badge(reading)).to_be_hidden()
    expect(room.get_by_text(BANNER)).to_have_count(0)  # cleared live in the room too
    expect(unread_badge(room)).to_be_hidden()


def test_the_notification_says_who_without_the_words(member, make_member, signed_in_page):
    case = escalation.escalate(member, "I want to die", Assessment(Level.HIGH, (), ()), source="forum post")
    escalation.dismiss_support_offers(member)
    lead = signed_in_page(make_member("lead", roles=(Role.SAFEGUARDING_LEAD,)))
    lead.goto(f"/safeguarding/cases/{case.pk}/")
    lead.get_by_label("Message to robin").fill(WORDS)
    lead.get_by_role("button", name="Send privately").click()

    page = signed_in_page(member, width=375)
    open_menu(page)
    page.get_by_role("link", name="Notifications").click()
    link = page.get_by_role("link", name="The safeguarding team sent you a message")
    expect(link).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(WORDS)
    expect(page.locator("main")).not_to_contain_text("lead")
    link.click()
    expect(page.get_by_text(WORDS)).to_be_visible()
