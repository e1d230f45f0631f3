"""Leads message the member privately from the case; the member reads it from "the safeguarding team"."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from accounts import notifications, selfcare
from accounts.roles import Role
from community.models import Board, Room
from community.services import forum
from safeguarding.matching import Assessment, Level
from safeguarding.models import CaseMessage
from safeguarding.services import escalation, messages

pytestmark = pytest.mark.django_db

BANNER = "You have a message from the safeguarding team."


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


def test_an_unread_message_shows_a_calm_banner_on_every_page_until_marked_read(case, lead, member, client_for):
    room = Room.objects.create(name="Evening check-in", slug="evening", purpose="How was today?")
    thread = forum.start_thread(member, Board.objects.create(title="Sleep", slug="sleep"), "Nights", "Long ones.")
    messages.send_to_member(lead, case, "Hello from us.")
    client = client_for(member)
    for path in ("/", "/help/", thread.get_absolute_url(), room.get_absolute_url(), "/forum/"):
        page = client.get(path).content.decode()
        assert BANNER in page, path
        assert "Hello from us." not in page, path
    client.post("/safeguarding/messages/read/")
    assert messages.unread_count(member) == 0
    assert "You have a message" not in client.get(thread.get_absolute_url()).content.decode()


@pytest.mark.security("state-on-get")
def test_opening_the_messages_page_marks_nothing_read(case, lead, member, client_for):
    messages.send_to_member(lead, case, "Hello from us.")
    client = client_for(member)
    page = client.get("/safeguarding/messages/").content.decode()
    assert "Hello from us." in page and "I've read these: mark as read" in page and "New" in page
    client.get("/safeguarding/messages/")
    assert messages.unread_count(member) == 1
    assert client.get("/safeguarding/messages/read/").status_code == 405
    assert messages.unread_count(member) == 1


def test_the_member_is_told_without_the_words_or_who_wrote(case, lead, member, client_for):
    messages.send_to_member(lead, case, "Thinking of you tonight.")
    notification = member.notifications.get()
    assert notifications.describe(notification) == "The safeguarding team sent you a message"
    assert (notification.url, list(notification.actors.all())) == ("/safeguarding/messages/", [])
    page = client_for(member).get("/notifications/").content.decode()
    assert '<a href="/safeguarding/messages/">The safeguarding team sent you a message</a>' in page
    assert "Thinking of you" not in page and "leadperson" not in page


def test_more_messages_while_unread_are_one_notification(case, lead, member):
    messages.send_to_member(lead, case, "Hello from us.")
    messages.send_to_member(lead, case, "Still here if you need us.")
    assert notifications.unread_count(member) == 1


def test_the_team_reaches_a_member_on_a_break(case, lead, member):
    selfcare.take_break(member, timezone.now() + timedelta(days=3))
    messages.send_to_member(lead, case, "Hello from us.")
    assert notifications.unread_count(member) == 1


def test_marking_read_reads_the_notification_too_and_clears_open_pages(
    case, lead, member, client_for, django_capture_on_commit_callbacks
):
    messages.send_to_member(lead, case, "Hello from us.")
    with mock.patch("config.realtime._send_now") as send, django_capture_on_commit_callbacks(execute=True):
        client_for(member).post("/safeguarding/messages/read/")
    assert notifications.unread_count(member) == 0
    group = f"member-{member.pk}"
    assert send.call_args_list == [
        mock.call(group, {"type": "notifications.unread", "count": 0}),
        mock.call(group, {"type": "safeguarding.message", "unread": 0}),
    ]


def test_replying_reads_the_message_answered(case, lead, member, client_for):
    first = messages.send_to_member(lead, case, "Hello from us.")
    messages.send_to_member(lead, case, "And one more thing.")
    client_for(member).post(f"/safeguarding/messages/{first.pk}/reply/", {"text": "Thank you."})
    assert messages.unread_count(member) == 1
    assert notifications.unread_count(member) == 1  # one of the team's messages is still unread


def test_a_message_reaches_the_members_stream_after_commit_without_its_words(
    case, lead, member, django_capture_on_commit_callbacks
):
    with mock.patch("config.realtime._send_now") as send:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            messages.send_to_member(lead, case, "Private words.")
        send.assert_not_called()
        for callback in callbacks:
            callback()
    to_member = [call.args[1] for call in send.call_args_list if call.args[0] == f"member-{member.pk}"]
    assert to_member == [
        {"type": "notifications.unread", "count": 1},
        {"type": "safeguarding.message", "unread": 1},
    ]


def test_the_banner_fragment_is_the_members_own(case, lead, member, other_member, client_for):
    messages.send_to_member(lead, case, "Hello from us.")
    assert BANNER in client_for(member).get("/safeguarding/messages/banner/").content.decode()
    assert client_for(other_member).get("/safeguarding/messages/banner/").content.decode().strip() == ""


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
