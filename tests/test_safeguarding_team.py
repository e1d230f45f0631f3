"""Who is around, holding crisis posts, and the case_acknowledged signal the forum listens to."""

import pytest
from django.template import Template
from django.template.context import Context

from safeguarding.matching import Assessment, Level
from safeguarding.models import Case
from safeguarding.services import alerts, cases, escalation
from safeguarding.signals import case_acknowledged

pytestmark = pytest.mark.django_db(transaction=True)


def _team_hours() -> str:
    return Template('{% include "safeguarding/_team_hours.html" %}').render(Context({}))


def _case(member, level=Level.CRISIS) -> Case:
    return escalation.escalate(member, "words", Assessment(level, (), ()), source="forum post")


def test_members_see_the_team_is_around_when_a_lead_is_on_duty(lead):
    alerts.set_on_duty(lead, True)
    assert "Our safeguarding team is around now." in _team_hours()


def test_otherwise_members_see_the_usual_hours_and_where_to_get_help(lead, settings):
    settings.SAFEGUARDING_TEAM_HOURS = "Mon to Fri, 9am to 9pm"
    page = _team_hours()
    assert "usually around Mon to Fri, 9am to 9pm" in page and 'href="/help/"' in page


def test_going_off_duty_shows_at_once_despite_the_cache(lead):
    alerts.set_on_duty(lead, True)
    assert "around now" in _team_hours()
    alerts.set_on_duty(lead, False)
    assert "around now" not in _team_hours()


def test_crisis_posts_are_held_only_when_the_setting_is_on(settings):
    crisis, high = Assessment(Level.CRISIS, (), ()), Assessment(Level.HIGH, (), ())
    settings.SAFEGUARDING_HOLD_CRISIS = False
    assert not escalation.should_hold(crisis)
    settings.SAFEGUARDING_HOLD_CRISIS = True
    assert escalation.should_hold(crisis)
    assert not escalation.should_hold(high)


class Heard:
    def __init__(self):
        self.calls = []

    def __call__(self, sender, case, lead, **kwargs):
        self.calls.append((case.pk, lead.pk))


@pytest.fixture
def heard():
    receiver = Heard()
    case_acknowledged.connect(receiver)
    yield receiver
    case_acknowledged.disconnect(receiver)


def test_acknowledging_a_case_tells_listeners_once(member, lead, heard):
    case = _case(member)
    cases.acknowledge(lead, case)
    cases.acknowledge(lead, case)
    cases.start_work(lead, case)
    assert heard.calls == [(case.pk, lead.pk)]


def test_a_case_taken_straight_to_work_or_resolved_counts_as_acknowledged(member, other_member, lead, heard):
    first, second = _case(member), _case(other_member)
    cases.start_work(lead, first)
    cases.resolve(lead, second, "signposted")
    assert heard.calls == [(first.pk, lead.pk), (second.pk, lead.pk)]


def test_a_failing_listener_rolls_the_acknowledgement_back(member, lead):
    def broken(**kwargs):
        raise RuntimeError("forum down")

    case = _case(member)
    case_acknowledged.connect(broken)
    try:
        with pytest.raises(RuntimeError):
            cases.acknowledge(lead, case)
    finally:
        case_acknowledged.disconnect(broken)
    case.refresh_from_db()
    assert case.status == "open"
