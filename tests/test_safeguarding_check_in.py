"""The opt-in daily "How are you today?": asked at most once a day, counted without the member."""

from datetime import timedelta

import pytest
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.utils import timezone

from safeguarding.models import Case, MoodCheckIn, MoodCheckInChoice
from safeguarding.services import mood

pytestmark = pytest.mark.django_db


def _prompt(user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template('{% include "safeguarding/_check_in_prompt.html" %}').render(RequestContext(request, {}))


def test_nobody_is_asked_without_opting_in(member, client_for):
    assert not mood.is_due(member)
    assert "How are you today?" not in _prompt(member)
    page = client_for(member).get("/safeguarding/check-in/").content.decode()
    assert "Yes, ask me once a day" in page and "Green: I'm doing OK" not in page


def test_an_opted_in_member_is_asked_once_a_day(member, client_for):
    client = client_for(member)
    client.post("/safeguarding/check-in/choice/", {"opted_in": "1"})
    assert "How are you today?" in _prompt(member)
    response = client.post("/safeguarding/check-in/", {"colour": "green"})
    assert response.status_code == 302
    assert "How are you today?" not in _prompt(member)
    assert "You've checked in today" in client.get("/safeguarding/check-in/").content.decode()
    MoodCheckInChoice.objects.filter(member=member).update(last_answered_on=timezone.localdate() - timedelta(days=1))
    assert mood.is_due(member)


def test_a_second_answer_the_same_day_is_not_counted(member):
    mood.set_opted_in(member, True)
    mood.answer(member, "green")
    with pytest.raises(mood.CheckInError, match="already checked in today"):
        mood.answer(member, "red")
    assert MoodCheckIn.objects.count() == 1


def test_answers_are_counted_without_any_link_to_the_member(member, other_member):
    for person, colour in ((member, "amber"), (other_member, "red")):
        mood.set_opted_in(person, True)
        mood.answer(person, colour)
    assert mood.counts() == {"green": 0, "amber": 1, "red": 1}
    fields = {field.name for field in MoodCheckIn._meta.get_fields()}
    assert fields == {"id", "colour", "answered_on"}


def test_opting_out_stops_the_question(member, client_for):
    mood.set_opted_in(member, True)
    client_for(member).post("/safeguarding/check-in/choice/", {"opted_in": "0"})
    assert not mood.is_due(member)
    with pytest.raises(mood.CheckInError):
        mood.answer(member, "green")


def test_amber_offers_self_care_links(member, client_for):
    mood.set_opted_in(member, True)
    client = client_for(member)
    response = client.post("/safeguarding/check-in/", {"colour": "amber"}, follow=True)
    page = response.content.decode()
    assert "/account/self-care/" in page and "/help/" in page and "Talk it through" in page
    assert not Case.objects.exists()


def test_red_shows_help_at_once_and_asks_before_telling_the_team(member, client_for):
    mood.set_opted_in(member, True)
    page = client_for(member).post("/safeguarding/check-in/", {"colour": "red"}, follow=True).content.decode()
    assert "We're here for you" in page
    assert "Would you like someone from the team to check in with you?" in page
    assert not Case.objects.exists()


def test_saying_yes_after_red_opens_a_high_case(member, client_for):
    mood.set_opted_in(member, True)
    client = client_for(member)
    client.post("/safeguarding/check-in/", {"colour": "red"})
    client.post("/safeguarding/check-in/contact/")
    case = Case.objects.get(member=member)
    assert case.get_level_display() == "high"
    item = case.items.get()
    assert (item.source, item.matches) == ("mood check-in", [])


def test_only_opted_in_members_can_ask_for_contact(member, client_for):
    client_for(member).post("/safeguarding/check-in/contact/")
    assert not Case.objects.exists()


def test_signed_out_visitors_are_not_asked():
    from django.contrib.auth.models import AnonymousUser

    assert (
        Template("{% load safeguarding_tags %}{% check_in_due as due %}{{ due }}").render(
            Context({"request": type("R", (), {"user": AnonymousUser()})()})
        )
        == "False"
    )


def test_the_question_says_only_a_yes_after_red_tells_the_team(member):
    mood.set_opted_in(member, True)
    prompt = " ".join(_prompt(member).split())
    assert "never who said what" not in prompt
    assert "nobody sees how you answered, the safeguarding team included" in prompt
    assert "only a yes tells them" in prompt


def test_after_red_the_page_says_nobody_has_been_told_and_what_a_yes_would_share(member, client_for):
    mood.set_opted_in(member, True)
    response = client_for(member).post("/safeguarding/check-in/", {"colour": "red"}, follow=True)
    page = " ".join(response.content.decode().split())
    assert "may also be in touch" not in page
    assert "Nobody has been told about your answer." in page
    assert "They will see your handle and that you asked, never your other answers." in page


def test_after_a_yes_the_member_is_told_a_lead_will_message_them_and_the_lead_reads_only_that(
    member, make_member, client_for
):
    from accounts.roles import Role

    mood.set_opted_in(member, True)
    client = client_for(member)
    client.post("/safeguarding/check-in/", {"colour": "red"})
    page = client.post("/safeguarding/check-in/contact/", follow=True).content.decode()
    assert "The safeguarding team has been told, and a lead will send you a private message here." in page
    case = Case.objects.get(member=member)
    lead_page = client_for(make_member("lead", roles=(Role.SAFEGUARDING_LEAD,))).get(f"/safeguarding/cases/{case.pk}/")
    assert member.public_name in lead_page.content.decode()
    assert [item.snapshot for item in case.items.all()] == [mood.ASKED_FOR_CONTACT]


@pytest.mark.parametrize("page", ["/", "/account/"])
def test_the_check_in_is_linked_from_home_and_the_account_page(member, client_for, page):
    assert 'href="/safeguarding/check-in/"' in client_for(member).get(page).content.decode()
