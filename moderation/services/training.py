"""Training for peer moderators: the modules are data, and their tools open once every required one is confirmed.

moderation.permissions asks is_complete(); the answer is cached on the user
object for the request, as accounts.roles caches role names. When an
administrator adds a new required module, peer moderators confirm it before
their tools open again.
"""

from django.db import transaction

from ..models import TrainingConfirmation, TrainingModule


class TrainingError(Exception):
    """A reason a module could not be confirmed."""


def record_for(person) -> list[dict]:
    """Every module in order, with this person's confirmation (or None)."""
    confirmed = {row.module_id: row for row in TrainingConfirmation.objects.filter(moderator=person)}
    return [{"module": module, "confirmation": confirmed.get(module.pk)} for module in TrainingModule.objects.all()]


def is_complete(person) -> bool:
    if not person.is_authenticated:
        return False
    if not hasattr(person, "_training_complete"):
        person._training_complete = not (
            TrainingModule.objects.filter(required=True).exclude(confirmations__moderator=person).exists()
        )
    return person._training_complete


@transaction.atomic
def confirm(person, module_id: int) -> TrainingConfirmation:
    """Record that this person has completed the module (once; confirming again keeps the first date)."""
    from ..permissions import in_moderation_team

    if not in_moderation_team(person):
        raise TrainingError("Training is for moderators.")
    module = TrainingModule.objects.filter(pk=module_id).first()
    if module is None:
        raise TrainingError("That training module no longer exists.")
    confirmation, _ = TrainingConfirmation.objects.get_or_create(moderator=person, module=module)
    if hasattr(person, "_training_complete"):
        del person._training_complete  # works through request.user's lazy wrapper, unlike __dict__
    return confirmation


def confirm_all(person) -> None:
    """Confirm every module at once: for demo people and tests, never offered in the app."""
    for module in TrainingModule.objects.all():
        confirm(person, module.pk)
