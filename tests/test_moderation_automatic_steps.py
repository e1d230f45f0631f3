"""Automatic steps about a member: a pause pending review after wide reporting, and a formal warning after
repeated feedback on one rule. Both are in the queue history and the log, and tell the member plainly."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services import grant_role
from community.services import forum
from moderation import permissions as perms
from moderation.models import MemberNotice, ModerationLog, Report, ReviewItem, Suspension, TargetType
from moderation.services import queue, reports, review, sanctions

pytest_plugins = ["tests.moderation_fixtures"]

RULE = "1. Be kind"


@pytest.fixture
def posts(thread, member):
    """Four replies by robin, the member being reported."""
    return [forum.add_reply(member, thread, f"A reply, number {n}.") for n in range(4)]


@pytest.fixture
def reporters(make_member):
    """Established members: accounts older than MODERATION_AUTO_PAUSE_MIN_REPORTER_AGE_DAYS (7)."""
    people = [make_member() for _ in range(6)]
    User.objects.filter(pk__in=[person.pk for person in people]).update(date_joined=timezone.now() - timedelta(days=8))
    return people


def _member_item(member):
    return ReviewItem.objects.filter(target_type=TargetType.MEMBER, target_id=member.pk).first()


# Automatic pause -------------------------------------------------------------------------


def test_four_reporters_across_posts_do_not_pause(posts, reporters, member):
    for n, reporter in enumerate(reporters[:4]):
        reports.report_post(reporter, posts[n % 2], "unkind")
    assert sanctions.active_suspension(member) is None
    assert _member_item(member) is None


def test_the_fifth_distinct_reporter_across_different_posts_pauses_the_member(posts, reporters, member):
    for n, reporter in enumerate(reporters[:5]):
        reports.report_post(reporter, posts[n % 2], "unkind")
    pause = sanctions.active_suspension(member)
    assert pause.automatic and pause.ends_at is None and pause.by is None
    item = _member_item(member)
    assert item.is_open and item.history.get(action="auto_paused").actor is None
    assert "5 members reported 2 different posts within 1 day" in item.history.get(action="auto_paused").note
    log = ModerationLog.objects.get(action="auto_pause")
    assert log.actor is None and log.member == member and log.item == item
    assert MemberNotice.objects.filter(member=member, headline__startswith="Your account is paused for now").exists()
    with pytest.raises(sanctions.SuspendedError, match="paused for now"):
        sanctions.check_can_participate(member)


def test_reports_from_accounts_younger_than_the_minimum_age_do_not_count_towards_a_pause(posts, reporters, member):
    for n, reporter in enumerate(reporters[:4]):
        reports.report_post(reporter, posts[n % 2], "unkind")
    newcomer = reporters[4]
    User.objects.filter(pk=newcomer.pk).update(date_joined=timezone.now() - timedelta(days=6, hours=23))
    reports.report_post(newcomer, posts[0], "unkind")
    assert sanctions.active_suspension(member) is None
    reports.report_post(reporters[5], posts[1], "unkind")  # a fifth established reporter
    assert sanctions.active_suspension(member).automatic


@override_settings(MODERATION_AUTO_PAUSE_REPORTERS=2, MODERATION_AUTO_PAUSE_MIN_REPORTER_AGE_DAYS=0)
def test_the_minimum_reporter_age_is_a_setting(posts, make_member, member):
    reports.report_post(make_member(), posts[0], "unkind")
    reports.report_post(make_member(), posts[1], "unkind")
    assert sanctions.active_suspension(member).automatic


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.SAFEGUARDING_LEAD, Role.ADMINISTRATOR])
def test_the_moderation_team_is_never_paused_automatically_and_reports_still_reach_the_queue(
    role, posts, reporters, member
):
    grant_role(member, role)
    for n, reporter in enumerate(reporters[:5]):
        reports.report_post(reporter, posts[n % 2], "unkind")
    assert sanctions.active_suspension(member) is None
    assert _member_item(member) is None
    assert ReviewItem.objects.filter(post__in=posts[:2], status__in=ReviewItem.OPEN).count() == 2


@override_settings(MODERATION_AUTO_HIDE_REPORTERS=10)
def test_five_reporters_on_one_post_do_not_pause(posts, reporters, member):
    for reporter in reporters[:5]:
        reports.report_post(reporter, posts[0], "unkind")
    assert sanctions.active_suspension(member) is None


@override_settings(MODERATION_AUTO_PAUSE_REPORTERS=2, MODERATION_AUTO_PAUSE_HOURS=1)
def test_thresholds_are_settings_and_old_reports_do_not_count(posts, reporters, member):
    reports.report_post(reporters[0], posts[0], "unkind")
    Report.objects.update(created_at=timezone.now() - timedelta(hours=2))
    reports.report_post(reporters[1], posts[1], "unkind")
    assert sanctions.active_suspension(member) is None
    reports.report_post(reporters[2], posts[2], "spam")
    assert sanctions.active_suspension(member).automatic


@override_settings(MODERATION_AUTO_PAUSE_REPORTERS=2)
def test_reports_a_moderator_left_up_do_not_count(posts, reporters, member, lead):
    reports.report_post(reporters[0], posts[0], "unkind")
    first = ReviewItem.objects.get(post=posts[0])
    review.perform(lead, first.pk, "dismiss", first.version)
    reports.report_post(reporters[1], posts[1], "unkind")
    assert sanctions.active_suspension(member) is None


@pytest.fixture
def paused(posts, reporters, member):
    with override_settings(MODERATION_AUTO_PAUSE_REPORTERS=2):
        reports.report_post(reporters[0], posts[0], "unkind")
        reports.report_post(reporters[1], posts[1], "unkind")
    return _member_item(member)


def test_a_lead_lifts_the_pause_instead_of_leaving_it_up(paused, member, lead, scoped_moderator):
    assert perms.allowed_actions(scoped_moderator, paused) == []
    actions = perms.allowed_actions(lead, paused)
    assert perms.LIFT_PAUSE in actions and perms.SUSPEND in actions and perms.DISMISS not in actions
    review.perform(lead, paused.pk, perms.LIFT_PAUSE, paused.version)
    assert sanctions.active_suspension(member) is None
    paused.refresh_from_db()
    assert paused.status == ReviewItem.Status.DISMISSED
    assert ModerationLog.objects.filter(action="lift_pause", actor=lead, member=member).exists()
    assert MemberNotice.objects.filter(member=member, headline__startswith="Your pause has been lifted").exists()
    sanctions.check_can_participate(member)


def test_a_lead_confirms_the_pause_with_a_first_suspension(paused, member, lead):
    review.perform(lead, paused.pk, perms.SUSPEND, paused.version, "Several unkind replies in a day.")
    suspension = sanctions.active_suspension(member)
    assert not suspension.automatic and suspension.number == 1 and suspension.ends_at is not None
    assert Suspension.objects.get(automatic=True).ended_at is not None


def test_the_pause_is_in_the_member_history_of_their_other_items(paused, posts, lead):
    post_item = ReviewItem.objects.get(post=posts[0])
    history = queue.item_context(lead, post_item)["member_history"]
    assert [row.action for row in history] == ["auto_pause"]


def test_the_paused_member_item_shows_the_lift_button(paused, lead, client_for):
    page = client_for(lead).get(reverse("moderation:item", args=[paused.pk])).content.decode()
    assert "Lift the pause" in page and "auto_paused" in page and "the system" in page


# Formal warning --------------------------------------------------------------------------


@pytest.fixture
def feedback(posts, reporters, lead):
    """feedback(n, rule=RULE): the nth post's item gets a piece of feedback citing the rule."""

    def give(n: int, rule: str = RULE):
        reports.report_post(reporters[n], posts[n], "unkind")
        item = ReviewItem.objects.get(post=posts[n], status__in=ReviewItem.OPEN)
        review.perform(lead, item.pk, perms.FEEDBACK, item.version, "Please be gentler.", rule)
        return item

    return give


def _warnings(member):
    return ModerationLog.objects.filter(action="formal_warning", member=member)


def test_two_pieces_of_feedback_on_a_rule_give_no_warning(feedback, member):
    feedback(0)
    feedback(1)
    assert not _warnings(member).exists()


def test_the_third_piece_of_feedback_on_the_same_rule_is_a_formal_warning(feedback, member, lead):
    feedback(0)
    feedback(1)
    item = feedback(2)
    warning = _warnings(member).get()
    assert warning.actor is None and warning.rule == RULE
    notice = MemberNotice.objects.filter(member=member).first()
    assert notice.headline.startswith("Formal warning") and notice.rule == RULE
    history = queue.item_context(lead, item)["member_history"]
    assert "formal_warning" in [row.action for row in history]


def test_feedback_on_different_rules_does_not_add_up(feedback, member):
    feedback(0)
    feedback(1)
    feedback(2, rule="6. Respect difference")
    assert not _warnings(member).exists()


@pytest.mark.parametrize(("days_ago", "warned"), [(366, False), (364, True)])
def test_only_feedback_within_the_window_counts(days_ago, warned, feedback, member):
    for _ in range(2):
        ModerationLog.objects.create(
            action="feedback", member=member, rule=RULE, created_at=timezone.now() - timedelta(days=days_ago)
        )
    feedback(0)
    assert _warnings(member).exists() == warned


@override_settings(MODERATION_WARNING_FEEDBACK_COUNT=2, MODERATION_WARNING_WINDOW_DAYS=30)
def test_warning_thresholds_are_settings_and_counting_restarts_after_a_warning(feedback, member):
    feedback(0)
    feedback(1)
    assert _warnings(member).count() == 1
    feedback(2)
    assert _warnings(member).count() == 1
    feedback(3)
    assert _warnings(member).count() == 2
