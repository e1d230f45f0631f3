"""A member reports a post; a moderator already on the queue sees it arrive, hides it; the author reads why.

The queue updates over its socket at once (polling every 20 seconds is the fallback).
"""

from playwright.sync_api import expect

from moderation.models import ModeratorScope
from tests.browser.conftest import BROWSER_TEST

pytestmark = BROWSER_TEST


def test_a_report_reaches_the_queue_live_and_the_author_is_told_kindly(
    thread, board, member, other_member, moderator, signed_in_page
):
    ModeratorScope.objects.create(moderator=moderator, board=board)
    on_duty = signed_in_page(moderator)
    on_duty.goto("/moderation/")
    expect(on_duty.get_by_text("Nothing waiting")).to_be_visible()

    reporter = signed_in_page(member)
    reporter.goto(f"/moderation/report/post/{thread.opening_post_id}/")
    reporter.get_by_label("Unkind or bullying").check()
    reporter.get_by_role("button", name="Send report").click()
    expect(reporter.get_by_role("heading", name="Thank you for telling us")).to_be_visible()

    expect(on_duty.get_by_role("link", name="Post in “Panic on the bus” (Anxiety)")).to_be_visible(timeout=25_000)
    on_duty.get_by_role("link", name="Post in “Panic on the bus” (Anxiety)").click()
    on_duty.get_by_label("Reason, in plain and kind words").fill("Please keep this kind to each other.")
    on_duty.get_by_role("button", name="Hide", exact=True).click()
    expect(on_duty.get_by_text("Done. Thank you.")).to_be_visible()

    author = signed_in_page(other_member)
    author.goto("/moderation/notices/")
    expect(author.get_by_text("A moderator has hidden one of your posts.")).to_be_visible()
    expect(author.get_by_text("Please keep this kind to each other.")).to_be_visible()
    expect(author.get_by_text(member.handle)).to_have_count(0)
