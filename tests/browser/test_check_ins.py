"""Wellbeing check-ins in a browser: a member opts in at 320 px, answers the baseline and is thanked; axe checks.

The accessibility check covers the member's pages (with the home page reminder) and the dashboard section.
"""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from evaluation.models import CheckIn, CheckInAnswer
from evaluation.services import checkins
from tests.browser.conftest import BROWSER_TEST
from tests.browser.test_accessibility import assert_accessible, assert_no_sideways_scroll

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


@pytest.mark.parametrize("width", [320, 1280])
def test_check_in_pages_and_the_dashboard_section_meet_wcag_aa(member, make_member, signed_in_page, width):
    checkins.opt_in(member)
    page = signed_in_page(member, width=width, bypass_csp=True)  # the sign-in opens the home page's one reminder
    expect(page.get_by_role("heading", name="A wellbeing check-in is ready when you are")).to_be_visible()
    for path in ("/", "/check-ins/", "/check-ins/0/", "/check-ins/stop/"):
        assert_accessible(page, path)
        assert_no_sideways_scroll(page, path)
    evaluator = signed_in_page(make_member("evaluator", roles=(Role.EVALUATOR,)), width=width, bypass_csp=True)
    assert_accessible(evaluator, "/evaluation/")
    expect(evaluator.get_by_role("table", name="Check-ins answered, skipped and missed, by wave")).to_be_visible()
