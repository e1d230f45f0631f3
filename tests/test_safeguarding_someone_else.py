"""A member worried about someone else opens a case marked "about someone else" and is shown how to help."""

import pytest

from accounts.roles import Role
from community.services import forum
from safeguarding.models import Case, SupportOffer
from safeguarding.services import escalation

pytestmark = pytest.mark.django_db

THEIR_RISK = "My brother keeps saying he wants to kill himself and I don't know what to do."
MY_RISK = "I want to kill myself."


@pytest.fixture
def lead(make_member):
    return make_member("lead", roles=(Role.SAFEGUARDING_LEAD,))


def reply(thread, member, body):
    return forum.add_reply(member, thread, body)


def test_risk_to_someone_else_opens_a_case_marked_about_someone_else(thread, member):
    reply(thread, member, THEIR_RISK)

    case = Case.objects.get(member=member)
    assert case.about_someone_else
    assert SupportOffer.objects.get(member=member).about_someone_else


def test_the_writers_own_risk_opens_a_case_about_them(thread, member):
    reply(thread, member, MY_RISK)

    assert not Case.objects.get(member=member).about_someone_else
    assert not SupportOffer.objects.get(member=member).about_someone_else


def test_a_case_about_someone_else_is_about_the_member_once_they_are_at_risk_themselves(thread, member):
    reply(thread, member, THEIR_RISK)
    reply(thread, member, MY_RISK)

    assert not Case.objects.get(member=member).about_someone_else


def test_the_writers_own_risk_stays_theirs_when_they_then_write_of_someone_else(thread, member):
    reply(thread, member, MY_RISK)
    reply(thread, member, THEIR_RISK)

    assert not Case.objects.get(member=member).about_someone_else


def test_leads_see_about_someone_else_on_the_case_page_and_the_list(thread, member, lead, client_for):
    reply(thread, member, THEIR_RISK)
    case = Case.objects.get(member=member)
    client = client_for(lead)

    assert "<strong>Someone else</strong>" in client.get(f"/safeguarding/cases/{case.pk}/").content.decode()
    assert "About someone else" in client.get("/safeguarding/").content.decode()


def test_the_writer_is_shown_how_to_help_not_are_you_safe(thread, member, client_for):
    client = client_for(member)
    response = client.post(thread.get_absolute_url(), {"body": THEIR_RISK})
    page = client.get(response.url).content.decode()

    assert "Helping someone who may be at risk" in page
    assert "We&#x27;re here for you" not in page and "We're here for you" not in page
    live = client.get("/help/panel/").content.decode()
    assert "Helping someone who may be at risk" in live


def test_the_writer_at_risk_still_gets_the_are_you_safe_panel(member, client_for):
    escalation.offer_support(member)
    page = client_for(member).get("/help/panel/").content.decode()

    assert "We're here for you" in page and "Helping someone" not in page
