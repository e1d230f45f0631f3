"""A member writes that they are in crisis: they are offered help at once; a lead sees it live and acts."""

import re

from playwright.sync_api import expect

from accounts.roles import Role
from tests.browser.conftest import BROWSER_TEST

pytestmark = BROWSER_TEST


def test_crisis_reply_reaches_a_lead_live_and_the_writer_sees_help(
    thread, member, other_member, make_member, signed_in_page
):
    lead = make_member("lead", roles=(Role.SAFEGUARDING_LEAD,))
    dashboard = signed_in_page(lead)
    dashboard.goto("/safeguarding/")
    expect(dashboard.get_by_text("No open cases.")).to_be_visible()
    expect(dashboard.locator("#case-list")).to_have_attribute("data-connected", "true")
    reader = signed_in_page(other_member)
    reader.goto(thread.get_absolute_url())
    expect(reader.locator("#posts")).to_have_attribute("data-connected", "true")

    writer = signed_in_page(member)
    writer.goto(thread.get_absolute_url())
    writer.get_by_role("textbox", name="Your reply").fill("I'm going to kill myself tonight. I can't keep going.")
    writer.get_by_role("button", name="Post reply").click()
    expect(writer.get_by_role("heading", name="We're here for you")).to_be_visible()
    expect(writer.get_by_text("Call 116 123")).to_be_visible()

    case_link = dashboard.get_by_role("link", name=re.compile(r"Case \d+: robin"))
    expect(case_link).to_be_visible()
    case_link.click()
    expect(dashboard.get_by_text("I'm going to kill myself tonight.")).to_be_visible()
    dashboard.get_by_role("button", name="Acknowledge: I'm on it").click()
    expect(dashboard.get_by_text("Acknowledged", exact=True)).to_be_visible()

    expect(reader.get_by_text("I'm going to kill myself tonight.")).to_be_visible()
    expect(reader.get_by_text("We're here for you")).to_have_count(0)
    expect(reader.get_by_role("note")).to_contain_text("The safeguarding team has been told.")
    for word in ("crisis", "case", "lead"):  # the calm note for readers, never anything of the case
        expect(reader.locator("#posts")).not_to_contain_text(word)


def test_crisis_message_in_a_room_offers_help_and_reaches_a_lead_while_others_see_no_label(
    member, other_member, make_member, signed_in_page
):
    from community.models import Room

    Room.objects.create(name="Evening check-in", slug="evening", purpose="How was today?")
    lead = make_member("lead", roles=(Role.SAFEGUARDING_LEAD,))
    dashboard = signed_in_page(lead)
    dashboard.goto("/safeguarding/")
    expect(dashboard.locator("#case-list")).to_have_attribute("data-connected", "true")
    writer, friend = signed_in_page(member), signed_in_page(other_member)
    for page in (writer, friend):
        page.goto("/rooms/evening/")
        expect(page.locator("#room[data-live='1']")).to_be_attached()

    writer.get_by_label("Your message").fill("Honestly I want to kill myself tonight.")
    writer.get_by_role("button", name="Send").click()

    expect(writer.get_by_role("heading", name="We're here for you")).to_be_visible()
    expect(friend.get_by_text("Honestly I want to kill myself tonight.")).to_be_visible()
    expect(friend.get_by_text("We're here for you")).to_have_count(0)
    expect(friend.locator("main")).not_to_contain_text("safeguarding")

    case_link = dashboard.get_by_role("link", name=re.compile(r"Case \d+: robin"))
    expect(case_link).to_be_visible()
    case_link.click()
    expect(dashboard.get_by_text("Chat message", exact=False).first).to_be_visible()
    dashboard.get_by_role("button", name="Acknowledge: I'm on it").click()
    expect(dashboard.get_by_text("Acknowledged", exact=True)).to_be_visible()
