"""A lead tries text against the phrase list; a member answers red at their check-in and asks for contact."""

from playwright.sync_api import expect

from accounts.roles import Role
from safeguarding.models import Case
from tests.browser.conftest import BROWSER_TEST

pytestmark = BROWSER_TEST


def test_a_lead_pastes_text_into_the_try_it_box_and_sees_what_matched(make_member, signed_in_page):
    lead = make_member("lead", roles=(Role.SAFEGUARDING_LEAD,))
    page = signed_in_page(lead, width=320)
    page.goto("/safeguarding/")
    page.get_by_role("link", name="Try some text").first.click()
    page.get_by_label("Text to try").fill("Honestly I just want to die.")
    page.set_default_timeout(30_000)  # the server's first assessment builds the whole list (seconds on a busy machine)
    page.get_by_role("button", name="Try it").click()
    expect(page.get_by_role("heading", name="Level: high")).to_be_visible()
    expect(page.locator("#try-result mark")).to_have_text("just want to die")
    expect(page.locator("#try-result")).to_contain_text("suicide")


def test_a_member_answers_red_sees_help_and_asks_the_team_to_check_in(member, signed_in_page):
    page = signed_in_page(member, width=320)
    page.goto("/safeguarding/check-in/")
    page.get_by_role("button", name="Yes, ask me once a day").click()
    expect(page.get_by_role("group", name="How are you today?")).to_be_visible()
    page.get_by_role("button", name="Red: I'm really struggling").click()
    expect(page.get_by_role("heading", name="We're here for you")).to_be_visible()
    expect(page.get_by_text("Call 116 123")).to_be_visible()
    page.get_by_role("button", name="Yes, please check in with me").click()
    expect(page.get_by_text("The safeguarding team has been told, and a lead will send you")).to_be_visible()
    assert Case.objects.get(member=member).get_level_display() == "high"
