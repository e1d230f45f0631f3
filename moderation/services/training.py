"""Training for peer moderators: the modules are data, and their tools open once every required one is confirmed.

A moderator marks a module read on their training page; a safeguarding lead or
an administrator, having gone through it with them, confirms it on the team
page. Only confirmations count, and nobody confirms their own, so the gate
means that someone responsible has checked (docs/moderation.md).

moderation.permissions asks is_complete(); the answer is cached on the user
object for the request, as accounts.roles caches role names. When an
administrator adds a new required module, it is confirmed for each peer
moderator before their tools open again.
"""

from django.db import transaction
from django.utils import timezone

from ..models import TrainingConfirmation, TrainingModule
from . import audit


class TrainingError(Exception):
    """A reason a module could not be marked read or confirmed."""


def record_for(person) -> list[dict]:
    """Every module in order, with this person's record for it (or None): read_at, confirmed_at."""
    rows = TrainingConfirmation.objects.filter(moderator=person).select_related("confirmed_by")
    records = {row.module_id: row for row in rows}
    return [{"module": module, "confirmation": records.get(module.pk)} for module in TrainingModule.objects.all()]


def is_complete(person) -> bool:
    if not person.is_authenticated:
        return False
    if not hasattr(person, "_training_complete"):
        confirmed = TrainingConfirmation.objects.filter(moderator=person, confirmed_at__isnull=False)
        person._training_complete = not (
            TrainingModule.objects.filter(required=True).exclude(pk__in=confirmed.values("module_id")).exists()
        )
    return person._training_complete


def _forget(person) -> None:
    if hasattr(person, "_training_complete"):
        del person._training_complete  # works through request.user's lazy wrapper, unlike __dict__


def _module(module_id: int) -> TrainingModule:
    module = TrainingModule.objects.filter(pk=module_id).first()
    if module is None:
        raise TrainingError("That training module no longer exists.")
    return module


def check_in_team(person) -> None:
    from ..permissions import in_moderation_team

    if not in_moderation_team(person):
        raise TrainingError("Training is for moderators.")


def check_can_confirm(by, person) -> None:
    """A lead or an administrator confirms someone else's module; a peer moderator never does."""
    from ..permissions import can_confirm_training

    if not can_confirm_training(by):
        raise TrainingError("Only a safeguarding lead or an administrator can confirm training.")
    if by.pk == person.pk:
        raise TrainingError("Your own training is confirmed by someone else: another lead or an administrator.")
    check_in_team(person)


@transaction.atomic
def mark_read(person, module_id: int) -> TrainingConfirmation:
    """The moderator says they have read the module (once; the first date is kept). It opens nothing."""
    check_in_team(person)
    record, _ = TrainingConfirmation.objects.get_or_create(moderator=person, module=_module(module_id))
    if record.read_at is None:
        record.read_at = timezone.now()
        record.save(update_fields=["read_at"])
    return record


@transaction.atomic
def confirm(by, person, module_id: int) -> TrainingConfirmation:
    """A lead or administrator confirms the person's module (once; confirming again keeps the first), logged."""
    check_can_confirm(by, person)
    module = _module(module_id)
    record, _ = TrainingConfirmation.objects.select_for_update().get_or_create(moderator=person, module=module)
    if record.confirmed_at is None:
        record.confirmed_at, record.confirmed_by = timezone.now(), by
        record.save(update_fields=["confirmed_at", "confirmed_by"])
        audit.log(
            "confirm_training", by=by, member=person, target_type="member", target_id=person.pk, reason=module.title
        )
    _forget(person)
    return record


def confirm_all(person, *, by) -> None:
    """`by` confirms every module for `person` at once: for demo people and tests, never offered in the app."""
    for module in TrainingModule.objects.all():
        confirm(by, person, module.pk)
