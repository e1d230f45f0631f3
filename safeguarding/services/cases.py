"""What safeguarding leads do with a case: look, acknowledge, work on it, note, resolve.

Every step writes a CaseHistory row, looking included, and tells the other
leads' dashboards after commit. Nobody sees or works on a case about themselves
(safeguarding/permissions.py).
"""

from django.db import transaction
from django.utils import timezone

from config.realtime import send_event_on_commit
from config.text import clean_text

from ..models import Case, CaseHistory
from ..permissions import can_work_on_case, can_work_on_cases, cases_visible_to
from ..signals import case_acknowledged
from .escalation import LEADS_GROUP

Status = Case.Status
ABOUT_YOU = "This case is about you, so another lead or an administrator looks after it."


class CaseError(Exception):
    """A step that cannot be taken, with a message for the lead."""


def check_lead(user) -> None:
    if not can_work_on_cases(user):
        raise CaseError("Only safeguarding leads and administrators can work on cases.")


def check_can_work_on(user, case: Case) -> None:
    check_lead(user)
    if not can_work_on_case(user, case):
        raise CaseError(ABOUT_YOU)


def open_cases(viewer):
    """The viewer's queue, most serious first, then oldest: the order a lead should work in."""
    return (
        cases_visible_to(viewer, Case.objects.exclude(status=Status.RESOLVED))
        .select_related("member", "owner")
        .order_by("-level", "opened_at")
    )


def case_for(viewer, case_id: int) -> Case:
    """The case, if this viewer may work on it; Case.DoesNotExist otherwise (a case about them does not exist here)."""
    return cases_visible_to(viewer, Case.objects.select_related("member", "owner")).get(pk=case_id)


def look_at_case(lead, case_id: int) -> Case:
    case = case_for(lead, case_id)
    CaseHistory.objects.create(case=case, actor=lead, action="viewed")
    return case


@transaction.atomic
def acknowledge(lead, case: Case) -> Case:
    """The lead has seen it and owns it for now; re-alerts stop."""
    check_can_work_on(lead, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != Status.OPEN:
        return case
    case.status, case.owner, case.acknowledged_at = Status.ACKNOWLEDGED, lead, timezone.now()
    case.save(update_fields=["status", "owner", "acknowledged_at"])
    _record(case, lead, "acknowledged")
    _announce_acknowledged(case, lead)
    return case


@transaction.atomic
def start_work(lead, case: Case) -> Case:
    check_can_work_on(lead, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == Status.RESOLVED:
        raise CaseError("This case is resolved. A new concern opens a new case.")
    first_look = case.acknowledged_at is None
    if first_look:
        case.acknowledged_at = timezone.now()
    case.status, case.owner = Status.IN_PROGRESS, case.owner or lead
    case.save(update_fields=["status", "owner", "acknowledged_at"])
    _record(case, lead, "in progress")
    if first_look:
        _announce_acknowledged(case, lead)
    return case


def add_note(lead, case: Case, text: str) -> None:
    check_can_work_on(lead, case)
    text = clean_text(text).strip()
    if not text:
        raise CaseError("Please write the note before saving it.")
    _record(case, lead, "note", text)


@transaction.atomic
def resolve(lead, case: Case, outcome: str, note: str = "") -> Case:
    check_can_work_on(lead, case)
    if outcome not in Case.Outcome.values:
        raise CaseError("Please choose what the outcome was.")
    case = Case.objects.select_for_update().get(pk=case.pk)
    now = timezone.now()
    first_look = case.acknowledged_at is None
    case.status, case.outcome, case.resolved_at = Status.RESOLVED, outcome, now
    case.acknowledged_at = case.acknowledged_at or now
    case.save(update_fields=["status", "outcome", "resolved_at", "acknowledged_at"])
    _record(case, lead, "resolved", f"{Case.Outcome(outcome).label}. {clean_text(note)}".strip())
    if first_look:
        _announce_acknowledged(case, lead)
    return case


def _announce_acknowledged(case: Case, lead) -> None:
    """Tell other apps (the forum releases held posts) inside this transaction; see signals.py."""
    case_acknowledged.send(sender=Case, case=case, lead=lead)


def _record(case: Case, actor, action: str, detail: str = "") -> None:
    CaseHistory.objects.create(case=case, actor=actor, action=action, detail=detail)
    send_event_on_commit(LEADS_GROUP, {"type": "case.changed", "case": case.pk})
