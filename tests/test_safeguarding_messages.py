"""Leads message the member privately from the case; the member reads it from "the safeguarding team"."""

import re

import pytest

from accounts.roles import Role
from safeguarding.matching import Assessment, Level
from safeguarding.models import CaseMessage
from safeguarding.services import escalation, messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(make_member):
    return make_member("leadperson", roles=(Role.SAFEGUARDING_LEAD,))


@pytest.fixture
def case(member):
    return escalation.escalate(member, "I want to die", Assessment(Level.HIGH, (), ()), source="forum post")


def test_the_member_reads_the_message_from_the_team_never_the_leads_handle(case, lead, member, client_for):
    client_for(lead).post(f"/safeguarding/cases/{case.pk}/message/", {"text": "Thinking of you. How are you?"})
    page = client_for(member).get("/safeguarding/messages/").content.decode()
    assert "Thinking of you." in page
    assert "From the safeguarding team" in page
    assert "leadperson" not in page


def test_an_unread_message_shows_a_calm_banner_until_marked_read(case, lead, member, client_for):
    messages.send_to_member(lead, case, "Hello from us.")
    client = client_for(member)
    assert "You have a message from the safeguarding team" in client.get("/help/").content.decode()
    client.post("/safeguarding/messages/read/")
    assert messages.unread_count(member) == 0
    assert "You have a message" not in client.get("/help/").content.decode()


@pytest.mark.security("state-on-get")
def test_opening_the_messages_page_shows_what_is_new_and_leaves_it_unread(case, lead, member, client_for):
    messages.send_to_member(lead, case, "Hello from us.")
    page = client_for(member).get("/safeguarding/messages/").content.decode()
    assert "Hello from us." in page and "New" in page and "Mark as read" in page
    assert messages.unread_count(member) == 1


@pytest.mark.security("state-on-get")
def test_a_message_that_arrives_after_the_page_was_shown_stays_unread(case, lead, member, client_for):
    messages.send_to_member(lead, case, "Hello from us.")
    client = client_for(member)
    shown_at = re.search(r'name="shown_at" value="([^"]+)"', client.get("/safeguarding/messages/").content.decode())
    messages.send_to_member(lead, case, "And one more thing.")
    client.post("/safeguarding/messages/read/", {"shown_at": shown_at.group(1)})
    assert list(CaseMessage.objects.filter(read_at__isnull=True).values_list("text", flat=True)) == [
        "And one more thing."
    ]


def test_replying_to_a_message_marks_it_read(case, lead, member, client_for):
    message = messages.send_to_member(lead, case, "Hello from us.")
    client_for(member).post(f"/safeguarding/messages/{message.pk}/reply/", {"text": "Thank you, a bit better."})
    assert messages.unread_count(member) == 0


def test_the_member_may_reply_once_to_each_message(case, lead, member, client_for):
    message = messages.send_to_member(lead, case, "Hello from us.")
    client = client_for(member)
    client.post(f"/safeguarding/messages/{message.pk}/reply/", {"text": "Thank you, a bit better."})
    client.post(f"/safeguarding/messages/{message.pk}/reply/", {"text": "And again."})
    assert list(CaseMessage.objects.filter(from_member=True).values_list("text", flat=True)) == [
        "Thank you, a bit better."
    ]
    assert "Thank you, a bit better." in client_for(lead).get(f"/safeguarding/cases/{case.pk}/").content.decode()


def test_nobody_else_can_read_or_reply(case, lead, other_member, moderator, client_for):
    message = messages.send_to_member(lead, case, "Private words.")
    for outsider in (other_member, moderator):
        client = client_for(outsider)
        assert "Private words." not in client.get("/safeguarding/messages/").content.decode()
        client.post(f"/safeguarding/messages/{message.pk}/reply/", {"text": "Intruding."})
        with pytest.raises(messages.MessageError):
            messages.reply(outsider, message.pk, "Intruding.")
    assert not CaseMessage.objects.filter(from_member=True).exists()


def test_only_leads_can_write_to_a_member_from_a_case(case, member, moderator, client_for):
    for outsider in (member, moderator):
        assert client_for(outsider).post(f"/safeguarding/cases/{case.pk}/message/", {"text": "Hi"}).status_code == 404
        with pytest.raises(messages.MessageError):
            messages.send_to_member(outsider, case, "Hi")
    assert not CaseMessage.objects.exists()


def test_sending_is_recorded_in_the_case_history(case, lead):
    messages.send_to_member(lead, case, "Hello from us.")
    assert case.history.filter(action="messaged member", actor=lead).exists()


def test_an_empty_message_is_refused(case, lead):
    with pytest.raises(messages.MessageError, match="Please write"):
        messages.send_to_member(lead, case, "   ")
