"""Pre-moderation: a new member's first posts wait for a moderator, and go live with their own time on approval."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Notification
from community.models import Post, PostHold, Thread
from community.permissions import can_read_post_text, threads_visible_to
from community.services import forum
from community.services.holds import waits_for_moderator
from evaluation.models import Participation
from moderation import permissions as perms
from moderation.models import MemberNotice, ModerationLog, PreModeration, Reason, ReviewItem
from moderation.services import gates, reports, review
from safeguarding.models import Case
from safeguarding.services import cases

pytest_plugins = ["tests.moderation_fixtures"]

State = Post.State
CRISIS = "I'm going to kill myself tonight, I can't do this any more."


@pytest.fixture(autouse=True)
def first_posts_held(settings):
    settings.MODERATION_PREMODERATE_FIRST_POSTS = 2


@pytest.fixture
def thread(board, moderator):
    """Started by a moderator, who is never pre-moderated."""
    return forum.start_thread(moderator, board, "Panic on the bus", "It happened again today.")


@pytest.fixture
def newcomer(make_member):
    return make_member("newcomer")


def approve(moderator, post):
    item = ReviewItem.objects.get(post=post, status__in=ReviewItem.OPEN)
    return review.perform(moderator, item.pk, perms.APPROVE, item.version)


def test_a_new_members_first_two_posts_are_held_and_the_third_goes_up(thread, newcomer, scoped_moderator):
    first = forum.add_reply(newcomer, thread, "Hello, I'm new here.")
    second = forum.add_reply(newcomer, thread, "Me again.")
    assert (first.state, second.state) == (State.HELD, State.HELD)
    approve(scoped_moderator, first)
    approve(scoped_moderator, second)
    third = forum.add_reply(newcomer, thread, "Thank you all.")
    assert third.state == State.PUBLISHED
    assert not ReviewItem.objects.filter(post=third).exists()


def test_setting_zero_turns_first_post_checks_off(thread, newcomer, settings):
    settings.MODERATION_PREMODERATE_FIRST_POSTS = 0
    assert forum.add_reply(newcomer, thread, "Hello.").state == State.PUBLISHED


def test_moderators_are_never_premoderated(board, moderator):
    assert forum.start_thread(moderator, board, "Welcome", "Say hello.").opening_post.state == State.PUBLISHED


def test_a_held_reply_is_seen_by_its_author_and_moderators_only_and_not_announced(
    thread, newcomer, other_member, moderator
):
    reply = forum.add_reply(newcomer, thread, "Hello, I'm new here.")
    assert can_read_post_text(newcomer, reply) and can_read_post_text(moderator, reply)
    assert not can_read_post_text(other_member, reply)
    thread.refresh_from_db()
    assert thread.reply_count == 0
    assert not Participation.objects.filter(kind=Participation.Kind.REPLY).exists()
    assert not Notification.objects.filter(recipient=thread.author).exists()


def test_the_held_post_goes_to_the_queue_with_its_reason_history_and_log(thread, newcomer):
    reply = forum.add_reply(newcomer, thread, "Hello.")
    item = ReviewItem.objects.get(post=reply)
    assert item.reason_labels == ["new member: first posts are checked"]
    assert item.history.get().action == "held"
    assert ModerationLog.objects.get(item=item).action == "held"


def test_approval_publishes_with_the_original_time_and_then_counts_and_notifies(thread, newcomer, scoped_moderator):
    reply = forum.add_reply(newcomer, thread, "Hello.")
    written = timezone.now() - timedelta(hours=3)
    Post.objects.filter(pk=reply.pk).update(created_at=written)
    approve(scoped_moderator, reply)
    reply.refresh_from_db()
    thread.refresh_from_db()
    assert (reply.state, reply.created_at) == (State.PUBLISHED, written)
    assert thread.reply_count == 1
    assert Participation.objects.filter(kind=Participation.Kind.REPLY).exists()
    assert Notification.objects.filter(recipient=thread.author, kind=Notification.Kind.REPLY).exists()
    assert MemberNotice.objects.filter(member=newcomer, headline__contains="approved").exists()
    item = ReviewItem.objects.get(post=reply)
    assert item.status == ReviewItem.Status.RESOLVED
    assert list(item.history.values_list("action", flat=True)) == ["held", "approve"]
    assert ModerationLog.objects.filter(item=item, action="approve", actor=scoped_moderator).exists()


def test_a_held_opening_post_keeps_the_whole_thread_waiting(board, newcomer, other_member, scoped_moderator):
    thread = forum.start_thread(newcomer, board, "First time here", "Hello everyone.")
    assert thread.opening_post.state == State.HELD
    assert not threads_visible_to(other_member).filter(pk=thread.pk).exists()
    assert threads_visible_to(newcomer).filter(pk=thread.pk).exists()
    assert not Participation.objects.filter(kind=Participation.Kind.THREAD).exists()
    approve(scoped_moderator, thread.opening_post)
    assert threads_visible_to(other_member).filter(pk=thread.pk).exists()
    assert Participation.objects.filter(kind=Participation.Kind.THREAD).exists()


def test_reject_removes_the_post_and_tells_the_member_why(thread, newcomer, scoped_moderator):
    reply = forum.add_reply(newcomer, thread, "Buy my course.")
    item = ReviewItem.objects.get(post=reply)
    assert perms.allowed_actions(scoped_moderator, item)[:2] == [perms.APPROVE, perms.REJECT]
    review.perform(scoped_moderator, item.pk, perms.REJECT, item.version, "Advertising isn't allowed here.")
    reply.refresh_from_db()
    assert reply.state == State.REMOVED
    notice = MemberNotice.objects.get(member=newcomer)
    assert "didn't approve" in notice.headline and notice.reason == "Advertising isn't allowed here."


def test_a_post_held_for_safeguarding_and_premoderation_needs_both_released(
    thread, newcomer, scoped_moderator, lead, settings
):
    settings.SAFEGUARDING_HOLD_CRISIS = True
    reply = forum.add_reply(newcomer, thread, CRISIS)
    assert set(reply.holds.values_list("reason", flat=True)) == {PostHold.Reason.PREMODERATION, "safeguarding"}
    approve(scoped_moderator, reply)
    reply.refresh_from_db()
    assert reply.state == State.HELD  # still waiting for the lead
    assert not MemberNotice.objects.filter(member=newcomer, headline__contains="approved").exists()
    cases.acknowledge(lead, Case.objects.get(member=newcomer))
    reply.refresh_from_db()
    assert reply.state == State.PUBLISHED


def test_a_lead_acknowledging_does_not_publish_a_post_still_waiting_for_a_moderator(
    thread, newcomer, scoped_moderator, lead, settings
):
    settings.SAFEGUARDING_HOLD_CRISIS = True
    reply = forum.add_reply(newcomer, thread, CRISIS)
    cases.acknowledge(lead, Case.objects.get(member=newcomer))
    reply.refresh_from_db()
    assert reply.state == State.HELD
    approve(scoped_moderator, reply)
    reply.refresh_from_db()
    assert reply.state == State.PUBLISHED


def test_a_safeguarding_only_hold_is_not_offered_for_approval(thread, make_member, scoped_moderator, settings):
    settings.MODERATION_PREMODERATE_FIRST_POSTS = 0
    settings.SAFEGUARDING_HOLD_CRISIS = True
    author = make_member()
    reply = forum.add_reply(author, thread, CRISIS)
    assert reply.state == State.HELD
    assert not waits_for_moderator(reply)
    assert not ReviewItem.objects.filter(post=reply).exists()


# Putting a member on pre-moderation --------------------------------------------------


@pytest.fixture
def reported_item(thread, make_member, settings):
    from moderation.services import reports

    settings.MODERATION_PREMODERATE_FIRST_POSTS = 0
    author = make_member("regular")
    reply = forum.add_reply(author, thread, "You're all fools.")
    reports.report_post(make_member(), reply, "unkind")
    settings.MODERATION_PREMODERATE_FIRST_POSTS = 2
    return ReviewItem.objects.get(post=reply)


def test_a_moderator_puts_a_member_on_premoderation_and_a_lead_takes_them_off(
    reported_item, scoped_moderator, lead, thread
):
    member = reported_item.member
    review.perform(scoped_moderator, reported_item.pk, perms.PREMODERATE, reported_item.version, "Several unkind posts")
    assert PreModeration.objects.get(member=member, ended_at__isnull=True).started_by == scoped_moderator
    assert forum.add_reply(member, thread, "Sorry.").state == State.HELD
    reported_item.refresh_from_db()
    assert perms.PREMODERATE not in perms.allowed_actions(scoped_moderator, reported_item)
    assert perms.END_PREMODERATION not in perms.allowed_actions(scoped_moderator, reported_item)
    assert perms.END_PREMODERATION in perms.allowed_actions(lead, reported_item)
    review.perform(lead, reported_item.pk, perms.END_PREMODERATION, reported_item.version)
    assert gates.active_premoderation(member) is None
    assert ModerationLog.objects.filter(action="end_premoderation", actor=lead).exists()


# Who may approve -----------------------------------------------------------------------


@pytest.fixture
def held_item(thread, newcomer):
    reply = forum.add_reply(newcomer, thread, "Hello.")
    return ReviewItem.objects.get(post=reply)


@pytest.mark.parametrize("role", ["newcomer", "other_member", "outside_moderator"])
def test_members_and_outside_moderators_cannot_approve(role, held_item, request):
    viewer = request.getfixturevalue(role)
    assert perms.allowed_actions(viewer, held_item) == []
    with pytest.raises(review.ModerationError):
        review.perform(viewer, held_item.pk, perms.APPROVE, held_item.version)
    assert Post.objects.get(pk=held_item.post_id).state == State.HELD


def test_a_moderator_in_scope_can_approve(held_item, scoped_moderator):
    review.perform(scoped_moderator, held_item.pk, perms.APPROVE, held_item.version)
    assert Post.objects.get(pk=held_item.post_id).state == State.PUBLISHED


def test_the_author_sees_waiting_for_a_moderator_on_the_thread_page(thread, newcomer, other_member, client_for):
    forum.add_reply(newcomer, thread, "Hello, I'm new here.")
    own = client_for(newcomer).get(thread.get_absolute_url())
    assert "Waiting for a moderator" in own.content.decode() and "new here" in own.content.decode()
    others = client_for(other_member).get(thread.get_absolute_url())
    assert "new here" not in others.content.decode()


def test_replying_through_the_page_tells_the_member_their_post_is_waiting(thread, newcomer, client_for):
    response = client_for(newcomer).post(thread.get_absolute_url(), {"body": "Hello."}, follow=True)
    assert "waiting for a moderator" in response.content.decode()
    assert Thread.objects.get(pk=thread.pk).reply_count == 0


def test_premoderation_is_not_offered_for_a_moderators_post(thread, make_member, lead):
    from moderation.services import reports

    reports.report_post(make_member(), thread.opening_post, "unkind")
    item = ReviewItem.objects.get(post=thread.opening_post)
    assert perms.PREMODERATE not in perms.allowed_actions(lead, item)


# Taking a held post down and restoring it never skips a hold ------------------------------


def test_rejecting_then_restoring_a_post_still_held_for_safeguarding_returns_it_to_waiting_for_the_lead(
    thread, newcomer, scoped_moderator, lead, settings
):
    settings.SAFEGUARDING_HOLD_CRISIS = True
    reply = forum.add_reply(newcomer, thread, CRISIS)
    item = ReviewItem.objects.get(post=reply)
    review.perform(scoped_moderator, item.pk, perms.REJECT, item.version, "Not yet.")
    item.refresh_from_db()
    review.perform(scoped_moderator, item.pk, perms.RESTORE, item.version)
    reply.refresh_from_db()
    assert reply.state == State.HELD
    assert list(reply.holds.filter(released_at__isnull=True).values_list("reason", flat=True)) == ["safeguarding"]
    assert Thread.objects.get(pk=thread.pk).reply_count == 0
    cases.acknowledge(lead, Case.objects.get(member=newcomer))
    reply.refresh_from_db()
    assert reply.state == State.PUBLISHED


@pytest.fixture
def held_for_the_lead(thread, make_member, lead, settings):
    """A crisis post held for a safeguarding lead only, reported by the lead (so a peer moderator decides)."""
    from moderation.services import reports

    settings.MODERATION_PREMODERATE_FIRST_POSTS = 0
    settings.SAFEGUARDING_HOLD_CRISIS = True
    reply = forum.add_reply(make_member("writer"), thread, CRISIS)
    reports.report_post(lead, reply, "spam")
    return ReviewItem.objects.get(post=reply)


def test_a_post_held_for_a_lead_can_be_removed_but_not_hidden(held_for_the_lead, scoped_moderator):
    actions = perms.allowed_actions(scoped_moderator, held_for_the_lead)
    assert perms.HIDE not in actions and perms.REMOVE in actions
    with pytest.raises(review.ModerationError):
        review.perform(scoped_moderator, held_for_the_lead.pk, perms.HIDE, held_for_the_lead.version, "Spam.")


def test_removing_then_restoring_a_post_held_for_a_lead_keeps_it_waiting(held_for_the_lead, scoped_moderator):
    item = held_for_the_lead
    review.perform(scoped_moderator, item.pk, perms.REMOVE, item.version, "Spam.")
    item.refresh_from_db()
    review.perform(scoped_moderator, item.pk, perms.RESTORE, item.version)
    assert Post.objects.get(pk=item.post_id).state == State.HELD
    assert MemberNotice.objects.filter(member=item.member, headline__contains="once it has been looked at").exists()


def test_a_post_removed_before_the_lead_acknowledged_is_published_when_restored_afterwards(
    held_for_the_lead, scoped_moderator, lead
):
    item = held_for_the_lead
    review.perform(scoped_moderator, item.pk, perms.REMOVE, item.version, "Spam.")
    cases.acknowledge(lead, Case.objects.get(member=item.member))
    item.refresh_from_db()
    review.perform(scoped_moderator, item.pk, perms.RESTORE, item.version)
    assert Post.objects.get(pk=item.post_id).state == State.PUBLISHED


def test_a_moderator_cannot_decide_a_post_they_reported(thread, make_member, scoped_moderator, settings):
    from moderation.services import reports

    settings.MODERATION_PREMODERATE_FIRST_POSTS = 0
    reply = forum.add_reply(make_member(), thread, "A post the moderator finds unkind.")
    reports.report_post(scoped_moderator, reply, "unkind")
    item = ReviewItem.objects.get(post=reply)
    assert perms.allowed_actions(scoped_moderator, item) == []
    assert not perms.items_visible_to(scoped_moderator).filter(pk=item.pk).exists()
    with pytest.raises(review.ModerationError):
        review.perform(scoped_moderator, item.pk, perms.HIDE, item.version, "Unkind.")


# Editing while waiting, and edits by a member on pre-moderation ----------------------------


def test_editing_a_post_waiting_for_a_moderator_makes_an_approval_of_the_old_text_stale(
    thread, newcomer, scoped_moderator
):
    reply = forum.add_reply(newcomer, thread, "Hello all.")
    item = ReviewItem.objects.get(post=reply)
    seen = item.version
    forum.edit_post(newcomer, reply, "Words the moderator has not seen.")
    with pytest.raises(review.StaleReviewError):
        review.perform(scoped_moderator, item.pk, perms.APPROVE, seen)
    assert Post.objects.get(pk=reply.pk).state == State.HELD
    item.refresh_from_db()
    assert item.history.filter(action="edited", note__contains="while waiting").exists()
    review.perform(scoped_moderator, item.pk, perms.APPROVE, item.version)
    assert Post.objects.get(pk=reply.pk).state == State.PUBLISHED


def test_a_member_on_premoderation_editing_a_published_post_waits_for_a_moderator_again(
    reported_item, scoped_moderator, thread
):
    member, post = reported_item.member, reported_item.post
    review.perform(scoped_moderator, reported_item.pk, perms.PREMODERATE, reported_item.version, "Unkind posts")
    reported_item.refresh_from_db()
    review.perform(scoped_moderator, reported_item.pk, perms.DISMISS, reported_item.version)
    forum.edit_post(member, post, "Something new that nobody has checked.")
    post.refresh_from_db()
    assert post.state == State.HELD and waits_for_moderator(post)
    item = ReviewItem.objects.get(post=post, status__in=ReviewItem.OPEN)
    assert item.reason_labels == ["edited by a member on pre-moderation"]
    approve(scoped_moderator, post)
    assert Post.objects.get(pk=post.pk).state == State.PUBLISHED


def test_a_new_members_edit_of_an_approved_post_goes_up_straight_away(thread, newcomer, scoped_moderator):
    reply = forum.add_reply(newcomer, thread, "Hello all.")
    approve(scoped_moderator, reply)
    forum.edit_post(newcomer, reply, "Hello all, and thank you.")
    assert Post.objects.get(pk=reply.pk).state == State.PUBLISHED


def test_private_feedback_on_a_held_first_post_keeps_it_waiting_in_the_queue(thread, newcomer, scoped_moderator):
    reply = forum.add_reply(newcomer, thread, "Hello, I'm new here.")
    item = ReviewItem.objects.get(post=reply)
    review.perform(scoped_moderator, item.pk, perms.FEEDBACK, item.version, "Welcome! A tip about titles.")
    item.refresh_from_db()
    reply.refresh_from_db()
    assert item.is_open and reply.state == State.HELD
    assert perms.APPROVE in perms.allowed_actions(scoped_moderator, item)
    assert item.history.last().action == perms.FEEDBACK and item.resolved_at is None
    assert MemberNotice.objects.filter(member=newcomer, reason="Welcome! A tip about titles.").exists()
    approve(scoped_moderator, reply)
    reply.refresh_from_db()
    assert reply.state == State.PUBLISHED


def test_a_first_post_check_is_titled_as_such_in_the_queue_and_on_its_page(
    thread, newcomer, scoped_moderator, client_for
):
    forum.add_reply(newcomer, thread, "Hello, I'm new here.")
    item = ReviewItem.objects.get()
    client = client_for(scoped_moderator)
    queue_page = client.get("/moderation/").content.decode()
    assert "First post check in “Panic on the bus” (Anxiety)" in queue_page
    item_page = client.get(f"/moderation/item/{item.pk}/").content.decode()
    assert "<h1>First post check in “Panic on the bus”</h1>" in item_page
    assert "Reported post" not in queue_page + item_page


def test_a_reported_post_is_still_titled_reported(thread, other_member, lead, client_for):
    reports.report_post(other_member, thread.opening_post, Reason.UNKIND)
    assert "Reported post in “Panic on the bus” (Anxiety)" in client_for(lead).get("/moderation/").content.decode()
