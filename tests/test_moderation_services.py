"""Reports merge into one review item; actions change posts, tell members and write the log."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.models import Post
from community.services import forum
from moderation.models import (
    AppendOnlyError,
    MemberNotice,
    ModerationLog,
    Reason,
    ReviewHistory,
    ReviewItem,
    Suspension,
)
from moderation.services import reports, review, sanctions
from safeguarding.models import Case

pytest_plugins = ["tests.moderation_fixtures"]

State = Post.State


@pytest.fixture
def post(thread):
    return thread.opening_post


def _report(make_member, post, reason=Reason.UNKIND, detail=""):
    return reports.report_post(make_member(), post, reason, detail)


def test_reports_on_the_same_post_merge_into_one_item_with_count_and_reasons(post, member, make_member):
    reports.report_post(member, post, Reason.UNKIND)
    reports.report_post(make_member(), post, Reason.SPAM)
    item = ReviewItem.objects.get()
    assert item.report_count == 2
    assert item.reasons == [Reason.UNKIND, Reason.SPAM]
    assert item.priority == reports.compute_priority([Reason.UNKIND, Reason.SPAM], 2)
    assert item.history.count() == 2


def test_reporting_twice_is_refused_kindly(post, member):
    reports.report_post(member, post, Reason.UNKIND)
    with pytest.raises(reports.ReportError, match="already reported"):
        reports.report_post(member, post, Reason.SPAM)


def test_something_else_needs_a_note_and_notes_have_a_limit(post, member):
    with pytest.raises(reports.ReportError, match="tell us a little"):
        reports.report_post(member, post, Reason.OTHER, "  ")
    with pytest.raises(reports.ReportError, match="1,000"):
        reports.report_post(member, post, Reason.OTHER, "x" * 1001)


def test_members_cannot_report_their_own_post(post, other_member):
    with pytest.raises(reports.ReportError, match="your own post"):
        reports.report_post(other_member, post, Reason.SPAM)


def test_a_safety_report_opens_a_safeguarding_case_for_the_reported_member(post, member, other_member):
    reports.report_post(member, post, Reason.SAFETY, "They sounded very low")
    case = Case.objects.get()
    assert case.member == other_member
    assert "They sounded very low" in case.items.get().snapshot
    assert ReviewItem.objects.get().sensitive


def test_a_new_report_after_resolution_opens_a_new_item(post, member, make_member, scoped_moderator):
    reports.report_post(member, post, Reason.UNKIND)
    item = ReviewItem.objects.get()
    review.perform(scoped_moderator, item.pk, "dismiss", item.version)
    reports.report_post(make_member(), post, Reason.UNKIND)
    assert ReviewItem.objects.count() == 2


def test_three_distinct_reporters_hide_the_post_pending_review(post, make_member):
    for _ in range(3):
        _report(make_member, post)
    post.refresh_from_db()
    item = ReviewItem.objects.get()
    assert post.state == State.HIDDEN
    assert item.auto_hidden
    assert item.history.filter(action="auto_hidden").exists()
    assert ModerationLog.objects.get(action="auto_hide").actor is None
    assert "hidden for now" in MemberNotice.objects.get(member=post.author).headline


def test_dismissing_an_auto_hidden_post_puts_it_back(post, make_member, scoped_moderator):
    for _ in range(3):
        _report(make_member, post)
    item = ReviewItem.objects.get()
    review.perform(scoped_moderator, item.pk, "dismiss", item.version)
    post.refresh_from_db()
    assert post.state == State.PUBLISHED
    assert MemberNotice.objects.filter(member=post.author, headline__startswith="Your post is back up").exists()


def test_hiding_changes_the_post_tells_the_author_and_logs_before_and_after(
    post, member, other_member, scoped_moderator
):
    reports.report_post(member, post, Reason.UNKIND)
    item = ReviewItem.objects.get()
    review.perform(scoped_moderator, item.pk, "hide", item.version, "This could hurt someone.", review.rules()[0])
    post.refresh_from_db()
    item.refresh_from_db()
    assert post.state == State.HIDDEN
    assert item.status == ReviewItem.Status.RESOLVED
    assert item.first_action_at and item.resolved_at
    notice = MemberNotice.objects.get(member=other_member)
    assert notice.rule == review.rules()[0] and notice.reason == "This could hurt someone."
    row = ModerationLog.objects.get(action="hide")
    assert (row.actor, row.member, row.before, row.after) == (scoped_moderator, other_member, "published", "hidden")
    assert reports.outcome_for(item).startswith("We took action")


def test_a_moderator_cites_one_of_the_house_rules_that_exist(post, member, scoped_moderator, client_for):
    reports.report_post(member, post, Reason.UNKIND)
    item = ReviewItem.objects.get()
    page = client_for(scoped_moderator).get(f"/moderation/item/{item.pk}/").content.decode()
    assert '<option value="1. Be kind">1. Be kind</option>' in page
    assert '<option value="8. Look after yourself">' in page
    with pytest.raises(review.ModerationError, match="listed rules"):
        review.perform(scoped_moderator, item.pk, "hide", item.version, "Unkind.", "Stay on topic for the board")
    review.perform(scoped_moderator, item.pk, "hide", item.version, "Unkind.", "1. Be kind")
    assert MemberNotice.objects.get(member=post.author).rule == "1. Be kind"


def test_removing_a_reply_updates_the_thread_summary(thread, member, make_member, scoped_moderator):
    reply = forum.add_reply(member, thread, "A reply")
    reports.report_post(make_member(), reply, Reason.SPAM)
    item = ReviewItem.objects.get()
    review.perform(scoped_moderator, item.pk, "remove", item.version, "Advertising.")
    thread.refresh_from_db()
    assert thread.reply_count == 0


def test_restore_puts_a_hidden_post_back_and_reporters_hear_it_was_left_up(post, member, scoped_moderator):
    reports.report_post(member, post, Reason.UNKIND)
    item = ReviewItem.objects.get()
    review.perform(scoped_moderator, item.pk, "hide", item.version, "Looking into it.")
    item.refresh_from_db()
    review.perform(scoped_moderator, item.pk, "restore", item.version, "On reflection this is fine.")
    post.refresh_from_db()
    item.refresh_from_db()
    assert post.state == State.PUBLISHED
    assert reports.outcome_for(item) == "We reviewed it and left it up."


def test_a_stale_version_is_refused_so_two_moderators_cannot_both_act(post, member, scoped_moderator, lead):
    reports.report_post(member, post, Reason.UNKIND)
    item = ReviewItem.objects.get()
    seen = item.version
    review.perform(lead, item.pk, "hide", seen, "Hurtful.")
    with pytest.raises(review.StaleReviewError):
        review.perform(scoped_moderator, item.pk, "remove", seen, "Hurtful.")


def test_actions_need_a_reason_except_leaving_it_up(post, member, scoped_moderator):
    reports.report_post(member, post, Reason.UNKIND)
    item = ReviewItem.objects.get()
    with pytest.raises(review.ModerationError, match="short reason"):
        review.perform(scoped_moderator, item.pk, "hide", item.version, "")


def test_a_claim_shows_and_lapses_after_fifteen_minutes(post, member, scoped_moderator, lead):
    reports.report_post(member, post, Reason.UNKIND)
    item = ReviewItem.objects.get()
    item = review.claim(scoped_moderator, item.pk, item.version)
    with pytest.raises(review.ModerationError, match="already looking"):
        review.claim(lead, item.pk, item.version)
    later = timezone.now() + timedelta(minutes=16)
    assert not review.is_claim_active(item, later)
    assert review.lapse_claims(later) == 1
    item.refresh_from_db()
    assert item.status == ReviewItem.Status.PENDING
    assert ReviewHistory.objects.filter(item=item, action="claim_lapsed").exists()
    review.claim(lead, item.pk, item.version)


def test_suspensions_are_graduated_and_end_automatically(member):
    first = sanctions.suspend(member, "Repeated unkindness")
    assert (first.ends_at - first.starts_at).days == 14
    with pytest.raises(sanctions.SuspendedError, match="can't post or react"):
        sanctions.check_can_participate(member)
    assert sanctions.end_expired_suspensions(first.ends_at + timedelta(seconds=1)) == 1
    sanctions.check_can_participate(member)
    second = sanctions.suspend(member, "Again")
    assert (second.ends_at - second.starts_at).days == 30
    Suspension.objects.filter(pk=second.pk).update(ended_at=timezone.now())
    third = sanctions.suspend(member, "And again")
    assert third.ends_at is None
    assert sanctions.end_expired_suspensions(timezone.now() + timedelta(days=3650)) == 0
    with pytest.raises(sanctions.SuspendedError):
        sanctions.check_can_participate(member)


def test_suspended_error_is_a_forum_error_the_forum_views_already_show(member):
    assert issubclass(sanctions.SuspendedError, forum.ForumError)


def test_suspending_from_the_queue_tells_the_member(post, member, other_member, lead):
    reports.report_post(member, post, Reason.UNKIND)
    item = ReviewItem.objects.get()
    review.perform(lead, item.pk, "suspend", item.version, "Third warning")
    assert sanctions.active_suspension(other_member)
    assert MemberNotice.objects.filter(member=other_member, headline__contains="paused").exists()


def test_refer_opens_a_case_and_keeps_the_item_open(post, member, other_member, scoped_moderator):
    reports.report_post(member, post, Reason.UNKIND)
    item = ReviewItem.objects.get()
    review.perform(scoped_moderator, item.pk, "refer", item.version, "Seems in a dark place")
    item.refresh_from_db()
    assert Case.objects.get().member == other_member
    assert item.is_open


def test_the_log_cannot_be_edited_or_deleted(post, member, scoped_moderator):
    reports.report_post(member, post, Reason.UNKIND)
    item = ReviewItem.objects.get()
    review.perform(scoped_moderator, item.pk, "dismiss", item.version)
    row = ModerationLog.objects.get(action="dismiss")
    row.reason = "changed"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        ModerationLog.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        ModerationLog.objects.update(reason="x")


def test_reporting_a_member_profile(member, other_member, lead):
    reports.report_member(member, other_member, Reason.SPAM)
    item = ReviewItem.objects.get()
    assert (item.target_type, item.member, item.board) == ("member", other_member, None)
    review.perform(lead, item.pk, "feedback", item.version, "Please remove the shop link from your profile.")
    assert MemberNotice.objects.filter(member=other_member).exists()


def test_a_moderator_edit_changes_the_words_keeps_the_old_ones_and_says_so_under_the_post(
    post, member, scoped_moderator, client_for
):
    original = post.body
    item = reports.report_post(member, post, Reason.RULES).item
    review.perform(scoped_moderator, item.pk, "edit", item.version, "Took out a phone number", body="Call me (removed)")
    post.refresh_from_db()
    assert (post.body, post.moderator_note, post.state) == (
        "Call me (removed)",
        "Took out a phone number",
        State.PUBLISHED,
    )
    assert post.revisions.get().body == original
    page = client_for(member).get(post.thread.get_absolute_url()).content.decode()
    assert "Edited by a moderator: Took out a phone number" in page and original not in page
    assert MemberNotice.objects.get(member=post.author).headline.startswith("A moderator has edited")
    assert ModerationLog.objects.filter(action="edit", item=item, actor=scoped_moderator).exists()


def test_a_moderator_edit_needs_words_and_a_note(post, member, scoped_moderator):
    item = reports.report_post(member, post, Reason.RULES).item
    for reason, body in (("Took out a name", "  "), ("", "New words")):
        with pytest.raises(review.ModerationError):
            review.perform(scoped_moderator, item.pk, "edit", item.version, reason, body=body)
    post.refresh_from_db()
    assert not post.moderator_note and not post.revisions.exists()
