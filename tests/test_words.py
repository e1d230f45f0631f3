"""Times in words: one and many right everywhere, "just now" rather than "0 minutes ago"."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone

from config.words import ago, day, duration


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "1 second"),
        (30, "30 seconds"),
        (60, "1 minute"),
        (15 * 60, "15 minutes"),
        (60 * 60, "1 hour"),
        (90 * 60, "1 hour 30 minutes"),
        (24 * 60 * 60, "1 day"),
        (14 * 24 * 60 * 60, "14 days"),
        (0, "0 seconds"),
    ],
)
def test_a_duration_says_one_and_many_right(seconds, words):
    assert duration(seconds) == words


@pytest.mark.parametrize(
    ("seconds_ago", "words"),
    [
        (0, "just now"),
        (59, "just now"),
        (-5, "just now"),
        (60, "1 minute ago"),
        (5 * 60 + 20, "5 minutes ago"),
        (60 * 60, "1 hour ago"),
        (3 * 24 * 60 * 60 + 7200, "3 days ago"),
    ],
)
def test_ago_says_just_now_under_a_minute_and_one_unit_after(seconds_ago, words):
    now = timezone.now()
    assert ago(now - timedelta(seconds=seconds_ago), now) == words


def test_the_template_filters_use_the_same_words():
    template = Template('{% load words %}{{ then|ago }} · {{ 60|duration:"minutes" }} · {{ 1|duration }}')
    assert template.render(Context({"then": timezone.now()})) == "just now · 1 hour · 1 second"


def test_ago_goes_up_to_weeks_months_and_years():
    now = timezone.now()
    assert [ago(now - timedelta(days=days), now) for days in (8, 45, 400)] == [
        "1 week ago",
        "1 month ago",
        "1 year ago",
    ]


def test_every_template_says_how_long_ago_with_the_one_filter():
    from pathlib import Path

    from django.conf import settings

    templates = [path for path in Path(settings.BASE_DIR).glob("*/templates/**/*.html") if ".venv" not in path.parts]
    assert templates
    uses_timesince = [str(path) for path in templates if "|timesince" in path.read_text()]
    assert uses_timesince == []


def test_day_names_today_yesterday_then_the_date_with_the_year_once_it_is_another_year():
    now = timezone.make_aware(timezone.datetime(2026, 12, 3, 16, 0))
    assert day(now - timedelta(hours=3), now) == "Today"
    assert day(now - timedelta(days=1), now) == "Yesterday"
    assert day(now - timedelta(days=2), now) == "Tuesday 1 December"
    assert day(now - timedelta(days=365), now) == "Wednesday 3 December 2025"
