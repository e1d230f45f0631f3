"""A case about a safeguarding lead (or an administrator) goes to the others: nobody works on a case about themselves.

Every surface a lead meets a case on is checked: the dashboard and its list, the case page, each action, the
message form, the leads' socket and the alert emails. With no other lead, administrators get it.
"""

from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.core import mail

from accounts.roles import Role
from community.services import forum
from safeguarding.models import Case, CaseHistory, CaseMessage
from safeguarding.services import alerts, cases
from safeguarding.services import messages as team_messages
from tests.test_safeguarding_escalation import CRISIS, _socket

# Real transactions: alerts and socket events leave at commit.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.security("self-review")]


@pytest.fixture
def lead(make_member):
    """The lead the case is about."""
    return make_member("leadinneed", roles=(Role.SAFEGUARDING_LEAD,))


@pytest.fixture
def other_lead(make_member):
    return make_member("otherlead", roles=(Role.SAFEGUARDING_LEAD,))


@pytest.fixture
def case_about_lead(thread, lead):
    forum.add_reply(lead, thread, CRISIS)
    return Case.objects.get(member=lead)


def test_the_dashboard_and_its_list_leave_out_a_case_about_the_viewer(case_about_lead, lead, other_lead, client_for):
    link = f"/safeguarding/cases/{case_about_lead.pk}/"
    for page in ("/safeguarding/", "/safeguarding/cases/list/"):
        assert link not in client_for(lead).get(page).content.decode()
        assert link in client_for(other_lead).get(page).content.decode()
    assert "No open cases." in client_for(lead).get("/safeguarding/cases/list/").content.decode()


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("", None),
        ("acknowledge/", {}),
        ("start/", {}),
        ("note/", {"note": "Writing about myself."}),
        ("resolve/", {"outcome": "no_action"}),
        ("message/", {"text": "A message to myself."}),
    ],
)
def test_the_lead_concerned_can_neither_open_nor_act_on_the_case(case_about_lead, lead, client_for, path, data):
    url = f"/safeguarding/cases/{case_about_lead.pk}/{path}"
    client = client_for(lead)
    response = client.get(url) if data is None else client.post(url, data)
    assert response.status_code == 404
    case_about_lead.refresh_from_db()
    assert (case_about_lead.status, case_about_lead.owner) == (Case.Status.OPEN, None)
    assert not CaseHistory.objects.filter(case=case_about_lead, actor=lead).exists()
    assert not CaseMessage.objects.filter(case=case_about_lead).exists()


@pytest.mark.parametrize("role", ["lead", "admin_user"])
def test_the_services_refuse_anyone_working_on_a_case_about_themselves(role, request, thread):
    person = request.getfixturevalue(role)
    forum.add_reply(person, thread, CRISIS)
    case = Case.objects.get(member=person)
    for step in (
        lambda: cases.look_at_case(person, case.pk),
        lambda: cases.acknowledge(person, case),
        lambda: cases.start_work(person, case),
        lambda: cases.add_note(person, case, "About me."),
        lambda: cases.resolve(person, case, "no_action"),
    ):
        with pytest.raises((cases.CaseError, Case.DoesNotExist)):
            step()
    with pytest.raises(team_messages.MessageError):
        team_messages.send_to_member(person, case, "To myself.")
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN


def test_another_lead_works_on_the_case_as_usual(case_about_lead, other_lead, client_for):
    client = client_for(other_lead)
    assert client.get(f"/safeguarding/cases/{case_about_lead.pk}/").status_code == 200
    client.post(f"/safeguarding/cases/{case_about_lead.pk}/acknowledge/")
    case_about_lead.refresh_from_db()
    assert (case_about_lead.status, case_about_lead.owner) == (Case.Status.ACKNOWLEDGED, other_lead)


def test_alerts_go_to_the_other_leads_never_the_lead_concerned(thread, lead, other_lead, admin_user):
    alerts.set_on_duty(lead, True)  # even on duty, the lead concerned is not alerted about themselves
    forum.add_reply(lead, thread, CRISIS)
    case = Case.objects.get(member=lead)
    assert [email.to for email in mail.outbox] == [[other_lead.email]]
    assert alerts.realert_overdue(now=case.opened_at + timedelta(minutes=6)) == 1
    assert mail.outbox[-1].to == [other_lead.email]
    assert case.history.filter(action="alerted").first().detail == "round 1, 1 person"


def test_with_no_other_lead_administrators_are_alerted(thread, lead, admin_user):
    forum.add_reply(lead, thread, CRISIS)
    assert [email.to for email in mail.outbox] == [[admin_user.email]]


def test_an_administrator_is_not_alerted_about_a_case_about_themselves(thread, admin_user, make_member):
    other_admin = make_member("otheradmin", roles=(Role.ADMINISTRATOR,))
    forum.add_reply(admin_user, thread, CRISIS)
    assert [email.to for email in mail.outbox] == [[other_admin.email]]


def test_the_lead_concerned_hears_nothing_of_the_case_on_the_leads_socket(thread, lead, member, client_for):
    socket = _socket(client_for, lead)

    async def run():
        assert (await socket.connect())[0]
        await database_sync_to_async(forum.add_reply)(lead, thread, CRISIS)
        await database_sync_to_async(forum.add_reply)(member, thread, CRISIS)
        event = await socket.receive_json_from(timeout=3)
        nothing_more = await socket.receive_nothing(timeout=0.5)
        await socket.disconnect()
        return event, nothing_more

    event, nothing_more = async_to_sync(run)()
    assert event == {"type": "case.changed", "case": Case.objects.get(member=member).pk}
    assert nothing_more
