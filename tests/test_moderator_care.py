"""Moderator care: time active today from queue activity, a break suggestion, and going off duty."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from moderation.models import ModeratorSession
from moderation.services import care

pytest_plugins = ["tests.moderation_fixtures"]


@pytest.fixture
def noon():
    return timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)


def _active_for(moderator, start, minutes: int, step: int = 5):
    for offset in [*range(0, minutes, step), minutes]:
        care.record_activity(moderator, start + timedelta(minutes=offset))


def test_visits_less_than_ten_minutes_apart_join_one_session(scoped_moderator, noon):
    care.record_activity(scoped_moderator, noon)
    care.record_activity(scoped_moderator, noon + timedelta(minutes=9, seconds=59))
    assert ModeratorSession.objects.count() == 1
    care.record_activity(scoped_moderator, noon + timedelta(minutes=20))
    assert ModeratorSession.objects.count() == 2
    assert care.active_today(noon + timedelta(minutes=20))[scoped_moderator.pk] == timedelta(minutes=9, seconds=59)


def test_time_before_midnight_counts_for_yesterday(scoped_moderator, noon):
    midnight = noon.replace(hour=0)
    _active_for(scoped_moderator, midnight - timedelta(minutes=30), 60)
    assert care.active_today(midnight + timedelta(minutes=30))[scoped_moderator.pk] == timedelta(minutes=30)


@pytest.mark.parametrize(("minutes", "suggested"), [(119, False), (120, True)])
def test_a_break_is_suggested_after_two_hours_today(minutes, suggested, scoped_moderator, noon):
    _active_for(scoped_moderator, noon, minutes)
    assert care.should_take_break(scoped_moderator, noon + timedelta(minutes=minutes)) is suggested


@override_settings(MODERATION_BREAK_AFTER_MINUTES=30)
def test_the_break_length_is_a_setting(scoped_moderator, noon):
    _active_for(scoped_moderator, noon, 30)
    assert care.should_take_break(scoped_moderator, noon + timedelta(minutes=30))


def test_off_duty_moderators_are_not_told_to_take_a_break(scoped_moderator, noon):
    _active_for(scoped_moderator, noon, 150)
    care.set_off_duty(scoped_moderator, True)
    assert not care.should_take_break(scoped_moderator, noon + timedelta(minutes=150))


def test_the_team_list_shows_who_is_on_duty_and_for_how_long(scoped_moderator, lead, noon):
    _active_for(scoped_moderator, noon, 80)
    _active_for(lead, noon, 20)
    care.set_off_duty(lead, True)
    rows = {row["moderator"].handle: row for row in care.team_today(noon + timedelta(minutes=82))}
    assert rows["kindmod"]["on_duty"] and rows["kindmod"]["active_label"] == "1 h 20 min"
    assert rows["lead"]["off_duty"] and not rows["lead"]["on_duty"]
    later = {row["moderator"].handle: row for row in care.team_today(noon + timedelta(minutes=95))}
    assert not later["kindmod"]["on_duty"], "nobody is on duty after the session gap"


@pytest.mark.parametrize(
    ("spent", "label"), [(30, "under a minute"), (300, "5 min"), (7200, "2 h"), (7500, "2 h 5 min")]
)
def test_durations_read_plainly(spent, label):
    assert care.duration_label(timedelta(seconds=spent)) == label


def test_the_queue_shows_the_team_and_counts_the_visit(scoped_moderator, lead, client_for):
    care.record_activity(lead)
    page = client_for(scoped_moderator).get(reverse("moderation:queue")).content.decode()
    assert "Who's on duty" in page and "kindmod (you): on duty now" in page and "lead: on duty now" in page
    assert ModeratorSession.objects.filter(moderator=scoped_moderator).exists()


def test_the_queue_list_refresh_is_not_activity(scoped_moderator, client_for):
    client_for(scoped_moderator).get(reverse("moderation:queue_list"))
    assert not ModeratorSession.objects.exists()


def test_going_off_duty_stops_the_live_queue_and_coming_back_restarts_it(scoped_moderator, client_for):
    client = client_for(scoped_moderator)
    page = client.post(reverse("moderation:duty"), {"duty": "off"}, follow=True).content.decode()
    assert "You're off duty" in page and "moderation-queue.js" not in page and "kindmod (you): off duty" in page
    page = client.post(reverse("moderation:duty"), {"duty": "on"}, follow=True).content.decode()
    assert "Welcome back on duty" in page and "moderation-queue.js" in page


def test_only_the_moderation_team_can_go_off_duty(member, untrained_moderator, client_for):
    for person in (member, untrained_moderator):
        assert client_for(person).post(reverse("moderation:duty"), {"duty": "off"}).status_code == 404


def test_the_queue_suggests_a_break_after_two_hours(scoped_moderator, client_for):
    now = timezone.now()
    ModeratorSession.objects.create(
        moderator=scoped_moderator, started_at=max(now - timedelta(hours=2), _today(now)), last_seen_at=now
    )
    page = client_for(scoped_moderator).get(reverse("moderation:queue")).content.decode()
    expected = now - _today(now) >= timedelta(hours=2)
    assert ("This is a good moment for a break" in page) is expected


def _today(now):
    return timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
