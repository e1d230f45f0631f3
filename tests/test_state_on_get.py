"""A plain GET changes nothing: reading a page never marks, records or decides anything.

The sweep GETs every URL of the permissions matrix as every role and compares every
row of every model before and after. Reading state (notifications, the safeguarding
team's messages, moderators' notices) changes only by an explicit POST, with a button
that works without JavaScript. The few rows a GET deliberately writes are listed in
RECORDED_ON_READ with the reason.
"""

import pytest
from django.apps import apps

from accounts.models import User
from moderation.services import notices
from safeguarding.models import Case
from safeguarding.services import messages
from tests import test_url_permissions as matrix

world = matrix.world  # someone in every role and one of everything a URL can point at

pytestmark = pytest.mark.security("state-on-get")

RECORDED_ON_READ = {
    # Infrastructure, not the community's state.
    "sessions.session": "sign-in sessions and the messages they carry between pages",
    "usersessions.usersession": "allauth's list of a member's signed-in browsers",
    # The reading itself is what these record, by design; none changes what anyone else sees or may do.
    "evaluation.exportlog": "every evaluation download is logged (who, what, when): docs/evaluation.md",
    "evaluation.participation": "that someone read a board that day, by a one-way key, for anonymous figures",
    "moderation.moderatorsession": "moderator care: time on the queue, measured by visits (docs/moderation.md)",
    "safeguarding.casehistory": "a lead opening a safeguarding case is written in its history ('viewed')",
    "community.roommember": "coming into an open room makes one of its members (open rooms need nobody's decision)",
}


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every model, field by field (small: the matrix's world)."""
    rows = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in RECORDED_ON_READ:
            continue
        fields = [field.attname for field in model._meta.concrete_fields]
        rows[label] = sorted(model._default_manager.order_by().values_list(*fields), key=repr)
    return rows


def changed(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])


@pytest.fixture
def unread_world(world):
    """The world, with something unread in each place a page used to mark read: notifications, notices, messages."""
    values, clients = world
    author, lead = User.objects.get(handle="robin"), User.objects.get(handle="lead")
    messages.send_to_member(lead, Case.objects.get(pk=values["case_id"]), "Thinking of you. How are you?")
    notices.send_notice(author, "A moderator has hidden one of your posts.")
    assert User.objects.get(handle="sky").notifications.filter(read_at__isnull=True).exists()  # robin's reply
    return values, clients


def test_getting_every_page_as_every_role_changes_no_row(unread_world):
    values, clients = unread_world
    routes = matrix.project_routes()
    problems = []
    for name in sorted(matrix.ACCESS):
        url = matrix._url(name, routes[name], values)
        before = snapshot()
        for role in matrix.ROLES:
            clients[role].get(url)
        after = snapshot()
        if models := changed(before, after):
            problems.append(f"GET {url} ({name}) changed {', '.join(models)}")
    assert not problems, "\n".join(problems)
