"""Safeguarding: risk in what members write opens a case with the content, alerts leads, offers help."""

from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import DatabaseError
from django.utils import timezone

from accounts.roles import Role
from community.models import Post
from community.services import forum
from community.services.profile import update_about
from safeguarding.models import Case, CaseHistory, CaseItem, RiskPhrase, RiskSignal
from safeguarding.services import alerts, cases, risk

# Real transactions: what is tested here is what happens at commit.
pytestmark = pytest.mark.django_db(transaction=True)

CRISIS = "I'm going to kill myself tonight, I can't do this any more."
HIGH = "Honestly I just want to die."


@contextmanager
def broker_down():
    """A real Celery publish to a broker nobody is listening on, as when Redis has stopped."""
    from config.celery import app

    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "task_publish_retry")}
    app.conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:9/0", task_publish_retry=False)
    app.amqp._producer_pool = None
    try:
        yield
    finally:
        app.conf.update(saved)
        app.amqp._producer_pool = None


def test_a_crisis_reply_opens_a_case_holding_what_was_written(thread, member, lead):
    reply = forum.add_reply(member, thread, CRISIS)
    case = Case.objects.get(member=member)
    assert case.get_level_display() == "crisis" and case.status == "open"
    item = case.items.get()
    assert (item.source, item.source_id, item.snapshot) == ("forum post", reply.pk, CRISIS)
    assert {match["category"] for match in item.matches} == {"suicide"}


def test_content_is_never_saved_without_its_case(thread, member):
    replies_before = Post.objects.count()
    with (
        mock.patch.object(CaseItem.objects, "create", side_effect=DatabaseError("disk full")),
        pytest.raises(DatabaseError),
    ):
        forum.add_reply(member, thread, CRISIS)
    assert Post.objects.count() == replies_before
    assert not Case.objects.exists()


def test_later_concerns_join_the_open_case_and_raise_its_level(thread, member):
    forum.add_reply(member, thread, HIGH)
    forum.add_reply(member, thread, CRISIS)
    case = Case.objects.get(member=member)
    assert case.items.count() == 2
    assert case.get_level_display() == "crisis"


def test_ordinary_writing_opens_nothing(thread, member):
    signals = RiskSignal.objects.count()
    forum.add_reply(member, thread, "This deadline is killing me, but a walk helped.")
    assert not Case.objects.exists()
    assert RiskSignal.objects.count() == signals


def test_every_assessment_above_none_is_counted_without_text(thread, member):
    forum.add_reply(member, thread, HIGH)
    signal = RiskSignal.objects.latest("pk")
    assert (signal.get_level_display(), signal.categories, signal.source) == ("high", ["suicide"], "forum post")


def test_profile_text_is_screened_too(member):
    update_about(member, "Some days I want to die.")
    item = Case.objects.get(member=member).items.get()
    assert (item.source, item.source_id, item.link) == ("profile", member.pk, "")  # handles can be reused


def test_the_writer_is_offered_help_privately_and_nobody_else_sees_a_label(thread, member, other_member, client_for):
    reply = forum.add_reply(member, thread, CRISIS)
    assert b"We're here for you" in client_for(member).get(thread.get_absolute_url()).content
    page = client_for(other_member).get(thread.get_absolute_url()).content.decode()
    assert "We're here for you" not in page
    assert f'id="post-{reply.pk}"' in page
    every_page = 'data-banner-url="/safeguarding/messages/banner/"'  # where any member's page hears of team messages
    assert "safeguarding" not in page.lower().replace("safeguarding team", "").replace(every_page, "")


def test_closing_the_help_message_keeps_it_closed(thread, member, client_for):
    forum.add_reply(member, thread, CRISIS)
    client = client_for(member)
    client.post("/help/offer/dismiss/", {"next": thread.get_absolute_url()})
    assert b"We're here for you" not in client.get(thread.get_absolute_url()).content


# Alerts -------------------------------------------------------------------------------


def test_leads_are_emailed_a_link_and_never_the_words(thread, member, lead):
    forum.add_reply(member, thread, CRISIS)
    (email,) = mail.outbox
    assert email.to == [lead.email]
    assert "CRISIS" in email.subject
    assert "/safeguarding/cases/" in email.body
    assert "kill myself" not in email.body


def test_alerts_go_to_leads_on_duty_first(thread, member, lead, make_member):
    on_duty = make_member("onduty", roles=(Role.SAFEGUARDING_LEAD,))
    alerts.set_on_duty(on_duty, True)
    forum.add_reply(member, thread, CRISIS)
    assert [email.to for email in mail.outbox] == [[on_duty.email]]


def test_a_retried_alert_never_sends_the_same_round_twice(thread, member, lead):
    forum.add_reply(member, thread, CRISIS)
    case = Case.objects.get()
    assert alerts.send_alert_round(case.pk) is False
    assert len(mail.outbox) == 1


def test_overdue_cases_alert_every_lead_again_until_acknowledged(thread, member, lead, make_member):
    on_duty = make_member("onduty", roles=(Role.SAFEGUARDING_LEAD,))
    alerts.set_on_duty(on_duty, True)
    forum.add_reply(member, thread, CRISIS)
    opened = Case.objects.get().opened_at
    assert alerts.realert_overdue(now=opened + timedelta(minutes=4)) == 0
    assert alerts.realert_overdue(now=opened + timedelta(minutes=6)) == 1
    assert sorted(mail.outbox[-1].to) == sorted([lead.email, on_duty.email])
    assert alerts.realert_overdue(now=opened + timedelta(minutes=8)) == 0
    assert alerts.realert_overdue(now=opened + timedelta(minutes=11, seconds=1)) == 1
    cases.acknowledge(lead, Case.objects.get())
    assert alerts.realert_overdue(now=opened + timedelta(minutes=30)) == 0


def test_high_cases_wait_thirty_minutes_before_re_alerting(thread, member, lead):
    forum.add_reply(member, thread, HIGH)
    opened = Case.objects.get().opened_at
    assert alerts.realert_overdue(now=opened + timedelta(minutes=29)) == 0
    assert alerts.realert_overdue(now=opened + timedelta(minutes=31)) == 1


def test_with_the_broker_down_the_post_and_case_are_saved_and_the_alert_follows_later(thread, member, lead):
    with broker_down():
        reply = forum.add_reply(member, thread, CRISIS)
    assert Post.objects.filter(pk=reply.pk).exists()
    case = Case.objects.get(member=member)
    assert mail.outbox == []
    assert alerts.realert_overdue(now=timezone.now()) == 1
    assert mail.outbox[0].to == [lead.email]
    assert case.history.filter(action="alerted").count() == 1


# Leads' work --------------------------------------------------------------------------


def test_only_leads_and_administrators_see_cases(thread, member, lead, moderator, admin_user, client_for):
    forum.add_reply(member, thread, CRISIS)
    case = Case.objects.get()
    for outsider in (member, moderator):
        assert client_for(outsider).get("/safeguarding/").status_code == 404
        assert client_for(outsider).get(f"/safeguarding/cases/{case.pk}/").status_code == 404
    for insider in (lead, admin_user):
        assert client_for(insider).get(f"/safeguarding/cases/{case.pk}/").status_code == 200


def test_every_view_of_a_case_is_logged(thread, member, lead, client_for):
    forum.add_reply(member, thread, CRISIS)
    case = Case.objects.get()
    client_for(lead).get(f"/safeguarding/cases/{case.pk}/")
    viewed = CaseHistory.objects.get(case=case, action="viewed")
    assert viewed.actor == lead


def test_a_lead_acknowledges_works_and_resolves_with_an_outcome(thread, member, lead, client_for):
    forum.add_reply(member, thread, CRISIS)
    case = Case.objects.get()
    client = client_for(lead)
    client.post(f"/safeguarding/cases/{case.pk}/acknowledge/")
    client.post(f"/safeguarding/cases/{case.pk}/note/", {"note": "Messaged them; they replied."})
    client.post(f"/safeguarding/cases/{case.pk}/resolve/", {"outcome": "contacted_member"})
    case.refresh_from_db()
    assert (case.status, case.owner, case.outcome) == ("resolved", lead, "contacted_member")
    actions = [action for action in case.history.values_list("action", flat=True) if action != "viewed"]
    assert actions == ["opened", "alerted", "acknowledged", "note", "resolved"]


def test_a_new_concern_after_resolution_opens_a_new_case(thread, member, lead):
    forum.add_reply(member, thread, CRISIS)
    cases.resolve(lead, Case.objects.get(), "signposted")
    forum.add_reply(member, thread, HIGH)
    assert Case.objects.filter(member=member).count() == 2


def test_changing_the_phrase_list_reaches_the_matcher(thread, member, lead):
    assert risk.assess("I feel like a ghost").level == 0
    RiskPhrase.objects.create(text="feel like a ghost", level=3, category="suicide")
    risk.record_list_change(lead, "Added 'feel like a ghost'")
    assert risk.assess("I feel like a ghost").level == 3


# The leads' socket ------------------------------------------------------------------


def _socket(client_for, user):
    from channels.testing import WebsocketCommunicator

    from config.asgi import application

    cookie = f"sessionid={client_for(user).cookies['sessionid'].value}".encode()
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost"), (b"cookie", cookie)]
    return WebsocketCommunicator(application, "/ws/safeguarding/", headers=headers)


def test_leads_dashboards_hear_of_a_new_case_at_once(thread, member, lead, client_for):
    from asgiref.sync import async_to_sync
    from channels.db import database_sync_to_async

    socket = _socket(client_for, lead)

    async def run():
        assert (await socket.connect())[0]
        await database_sync_to_async(forum.add_reply)(member, thread, CRISIS)
        event = await socket.receive_json_from(timeout=3)
        await socket.disconnect()
        return event

    assert async_to_sync(run)() == {"type": "case.changed", "case": Case.objects.get().pk}


def test_members_and_moderators_cannot_listen_to_the_leads_channel(member, moderator, client_for):
    from asgiref.sync import async_to_sync

    for outsider in (member, moderator):
        socket = _socket(client_for, outsider)
        assert async_to_sync(socket.connect)() == (False, 4403)


@pytest.mark.parametrize(
    "written",
    [
        "I want to k*i*ll myself tonight",
        "I want to k**il**l myself tonight",
        "I want to k&#105;ll myself tonight",
        "I want to kill my&#115;elf tonight",
        "I want to k[](x)ill myself tonight",
    ],
)
def test_formatting_cannot_hide_risk_from_screening(thread, member, written):
    forum.add_reply(member, thread, written)
    assert Case.objects.get(member=member).get_level_display() == "crisis"


def test_a_content_warning_in_the_members_own_words_is_screened(thread, member):
    forum.add_reply(member, thread, "Thanks everyone.", content_warning="I am going to kill myself tonight")
    assert Case.objects.filter(member=member).exists()


def test_with_the_hold_on_a_crisis_post_waits_until_a_lead_has_looked(thread, member, other_member, lead, settings):
    from community.permissions import can_read_post_text

    settings.SAFEGUARDING_HOLD_CRISIS = True
    reply = forum.add_reply(member, thread, CRISIS)
    reply.refresh_from_db()
    assert reply.state == Post.State.HELD
    assert not can_read_post_text(other_member, reply) and can_read_post_text(member, reply)
    cases.acknowledge(lead, Case.objects.get(member=member))
    reply.refresh_from_db()
    assert reply.state == Post.State.PUBLISHED
    thread.refresh_from_db()
    assert thread.reply_count == 1


def test_without_the_hold_a_crisis_post_stays_visible(thread, member):
    reply = forum.add_reply(member, thread, CRISIS)
    reply.refresh_from_db()
    assert reply.state == Post.State.PUBLISHED


def test_the_help_panel_lists_the_crisis_lines_for_a_member_with_no_offer_waiting(member, client_for):
    response = client_for(member).get("/help/panel/")
    assert response.status_code == 200
    assert "Samaritans" in response.content.decode()
