"""A member opts in to the wellbeing check-ins on a phone-sized screen, answers the baseline and is thanked."""

from playwright.sync_api import expect

from evaluation.models import CheckIn, CheckInAnswer
from tests.browser.conftest import BROWSER_TEST

pytestmark = BROWSER_TEST


def test_member_opts_in_answers_the_baseline_and_sees_a_thank_you(member, signed_in_page):
    page = signed_in_page(member, width=320)
    page.goto("/account/")
    page.get_by_role("link", name="Wellbeing check-ins").click()
    expect(page.get_by_role("heading", name="What you'd be agreeing to")).to_be_visible()
    page.get_by_role("button", name="Yes, I'd like to take part").click()

    expect(page.get_by_role("heading", name="First check-in")).to_be_visible()
    happiness = page.get_by_role("group", name="Overall, how happy did you feel yesterday?")
    happiness.get_by_role("radio", name="7", exact=True).check()
    page.get_by_role("group", name="How often do you feel left out?").get_by_role(
        "radio", name="Some of the time"
    ).check()
    page.get_by_role("button", name="Send my answers").click()

    expect(page.get_by_role("status").filter(has_text="Thank you for checking in.")).to_be_visible()
    expect(page.get_by_text("First check-in: done, thank you")).to_be_visible()
    assert CheckIn.objects.get().state == CheckIn.State.ANSWERED
    assert sorted(CheckInAnswer.objects.values_list("value", flat=True)) == [2, 7]
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
