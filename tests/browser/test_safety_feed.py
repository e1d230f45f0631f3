"""What other members see under a post written in crisis, and finding the daily check-in, on a phone and a desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from accounts.roles import Role
from community.services import forum
from moderation.models import ModeratorScope
from safeguarding.models import Case
from safeguarding.services import cases
from tests.browser.conftest import BROWSER_TEST
from tests.browser.test_accessibility import WCAG_AA, assert_no_sideways_scroll

pytestmark = BROWSER_TEST

WIDTHS = [375, 1280]
CRISIS = "I took 20 paracetamol an hour ago. I'm sorry everyone."
NOTE = "Someone here may be going through a very hard time. The safeguarding team has been told."


def assert_axe_clean(page):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def reaction_buttons(page, post):
    return page.locator(f"#post-{post.pk} form.reactions button")


@pytest.mark.parametrize("width", WIDTHS)
def test_another_member_sees_the_calm_note_and_only_the_two_gentle_reactions(
    thread, member, other_member, signed_in_page, width
):
    reply = forum.add_reply(member, thread, CRISIS)
    page = signed_in_page(other_member, width=width, bypass_csp=True)
    page.goto(thread.get_absolute_url())

    post = page.locator(f"#post-{reply.pk}")
    expect(post.get_by_role("note")).to_contain_text(NOTE)
    expect(reaction_buttons(page, reply)).to_have_text(["Sending a hug", "I hear you"])
    expect(post.get_by_role("button", name="Same here")).to_have_count(0)
    expect(post.get_by_role("button", name="Well done")).to_have_count(0)
    assert_axe_clean(page)
    assert_no_sideways_scroll(page, thread.get_absolute_url())

    post.get_by_role("link", name="how to respond kindly").click()
    expect(page.get_by_role("heading", name="When someone is struggling: how to respond kindly")).to_be_in_viewport()
    assert_axe_clean(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_writer_sees_no_note_under_their_own_post(thread, member, signed_in_page, width):
    reply = forum.add_reply(member, thread, CRISIS)
    page = signed_in_page(member, width=width)
    page.goto(thread.get_absolute_url())

    expect(page.locator(f"#post-{reply.pk}")).to_contain_text("I took 20 paracetamol")
    expect(page.get_by_text(NOTE)).to_have_count(0)


def test_a_post_edited_into_a_crisis_shows_the_note_live(thread, member, other_member, signed_in_page):
    reply = forum.add_reply(member, thread, "A rough week, to be honest.")
    page = signed_in_page(other_member, width=375)
    page.goto(thread.get_absolute_url())
    expect(page.locator("#posts")).to_have_attribute("data-connected", "true")
    page.evaluate("window.notReloaded = true")

    writer = signed_in_page(member, width=375)
    writer.goto(f"/forum/p/{reply.pk}/edit/")
    writer.get_by_label("Your post").fill(CRISIS)
    writer.get_by_role("button", name="Save changes").click()

    expect(page.locator(f"#post-{reply.pk}").get_by_role("note")).to_contain_text(NOTE)
    expect(reaction_buttons(page, reply)).to_have_text(["Sending a hug", "I hear you"])
    assert page.evaluate("window.notReloaded") is True


@pytest.mark.parametrize("width", WIDTHS)
def test_the_boards_moderator_reads_that_a_lead_has_it(thread, member, moderator, make_member, signed_in_page, width):
    ModeratorScope.objects.create(moderator=moderator, board=thread.board)
    reply = forum.add_reply(member, thread, CRISIS)
    cases.acknowledge(make_member("lead", roles=(Role.SAFEGUARDING_LEAD,)), Case.objects.get(member=member))
    page = signed_in_page(moderator, width=width)
    page.goto(thread.get_absolute_url())

    expect(page.locator(f"#post-{reply.pk}").get_by_role("note")).to_contain_text(
        "For moderators: A safeguarding lead has this."
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_the_daily_check_in_is_reachable_from_home(member, signed_in_page, width):
    page = signed_in_page(member, width=width, bypass_csp=True)

    page.get_by_role("link", name="Daily check-in: how are you today?").click()

    expect(page.get_by_role("heading", name="Daily check-in", exact=True)).to_be_visible()
    expect(page.get_by_text("Nobody, the safeguarding team included, can see how you answered.")).to_be_visible()
    assert_axe_clean(page)
    page.get_by_role("button", name="Yes, ask me once a day").click()
    page.goto("/")
    expect(page.get_by_role("group", name="How are you today?")).to_be_visible()
    expect(page.get_by_text("only a yes tells them")).to_be_visible()
    assert_axe_clean(page)
    assert_no_sideways_scroll(page, "/")
