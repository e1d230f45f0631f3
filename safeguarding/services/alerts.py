"""Alerting safeguarding leads, and alerting again until someone acknowledges.

A case's first alert goes to the leads on duty, or to every lead when nobody is.
Once a case passes its response target unacknowledged (5 minutes for crisis,
30 for high, in settings), every lead is alerted, and again each target
interval until someone acknowledges. Nobody is alerted about a case about
themselves: a case about a lead goes to the other leads, and when there is no
other lead (or no lead at all), to the administrators. Each round is recorded once
(AlertDelivery is unique per case and round), so a retried task never sends a
round twice. Emails carry a link, never what the member wrote.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ..matching import Level
from ..models import AlertDelivery, Case, CaseHistory, LeadDuty
from .team import administrators, forget, leads, leads_on_duty


def response_target(level: int) -> timedelta:
    return timedelta(minutes=settings.SAFEGUARDING_RESPONSE_MINUTES[Level(level).label])


def is_overdue(case: Case, now: datetime) -> bool:
    return case.status == Case.Status.OPEN and now - case.opened_at > response_target(case.level)


def set_on_duty(lead, on_duty: bool) -> LeadDuty:
    duty, _ = LeadDuty.objects.update_or_create(lead=lead, defaults={"on_duty": on_duty})
    transaction.on_commit(forget)
    return duty


def responders_for(case: Case):
    """Everyone who may take the case when the leads on duty are not enough: the other leads, else administrators."""
    others = leads().exclude(pk=case.member_id)
    return others if others.exists() else administrators().exclude(pk=case.member_id)


def recipients_for(case: Case, now: datetime):
    on_duty = leads_on_duty().exclude(pk=case.member_id)
    if is_overdue(case, now) or not on_duty.exists():
        return responders_for(case)
    return on_duty


def send_alert_round(case_id: int, now: datetime | None = None) -> bool:
    """Send the case's next alert round if it still needs one. Returns whether anything was sent."""
    now = now or timezone.now()
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        if case.status != Case.Status.OPEN:
            return False
        if case.alert_rounds and not _due_again(case, now):
            return False
        recipients = list(recipients_for(case, now).exclude(email__isnull=True).values_list("email", flat=True))
        round_number = case.alert_rounds + 1
        try:
            with transaction.atomic():
                AlertDelivery.objects.create(case=case, round=round_number, recipients=len(recipients))
        except IntegrityError:
            return False
        case.alert_rounds, case.last_alerted_at = round_number, now
        case.save(update_fields=["alert_rounds", "last_alerted_at"])
        CaseHistory.objects.create(
            case=case, action="alerted", detail=f"round {round_number}, {len(recipients)} {_people(len(recipients))}"
        )
    _email(case, recipients, round_number)
    return True


def _people(count: int) -> str:
    return "person" if count == 1 else "people"


def _due_again(case: Case, now: datetime) -> bool:
    return is_overdue(case, now) and now - case.last_alerted_at >= response_target(case.level)


def realert_overdue(now: datetime | None = None) -> int:
    """Beat's check: first alerts that never left (broker down) and re-alerts for overdue cases."""
    now = now or timezone.now()
    waiting = Case.objects.filter(status=Case.Status.OPEN).values_list("pk", flat=True)
    return sum(send_alert_round(case_id, now) for case_id in waiting)


def _email(case: Case, recipients: list[str], round_number: int) -> None:
    if not recipients:
        return
    level = Level(case.level).label
    again = " (reminder: not yet acknowledged)" if round_number > 1 else ""
    link = settings.SITE_URL + reverse("safeguarding_case", args=[case.pk])
    body = (
        f"A {level} safeguarding case needs a lead{again}.\n\n"
        f"Open it here: {link}\n\n"
        "This email holds no details on purpose; everything is on the case page."
    )
    send_mail(f"[{settings.SITE_NAME}] {level.upper()} case {case.pk} needs a lead{again}", body, None, recipients)
