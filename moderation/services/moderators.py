"""Administrators promoting a member to peer moderator and choosing the boards they moderate.

A promoted moderator's tools stay closed until they confirm their training
(moderation.services.training). Both changes are written to the moderation log.
"""

from django.db import transaction

from accounts.roles import Role
from accounts.services import grant_role
from community.models import Board

from .. import permissions as perms
from ..models import ModeratorScope
from . import audit


class ModeratorsError(Exception):
    """An administrator-facing reason a change could not be made."""


@transaction.atomic
def promote(admin, member, board_ids) -> None:
    _check_admin(admin)
    if not member.is_active or member.deleted_at:
        raise ModeratorsError("That account isn't active.")
    if perms.is_peer_moderator(member):
        raise ModeratorsError(f"{member.handle} is already a peer moderator.")
    grant_role(member, Role.MODERATOR)
    audit.log("promote", by=admin, member=member, target_type="member", target_id=member.pk, after="peer moderator")
    set_boards(admin, member, board_ids)


@transaction.atomic
def set_boards(admin, moderator, board_ids) -> list[Board]:
    """Replace the boards a peer moderator moderates."""
    _check_admin(admin)
    if not perms.is_peer_moderator(moderator):
        raise ModeratorsError(f"{moderator.handle} isn't a peer moderator.")
    boards = list(Board.objects.filter(pk__in=board_ids).order_by("title"))
    if {board.pk for board in boards} != perms.board_ids_in_scope(moderator):
        ModeratorScope.objects.filter(moderator=moderator, board__isnull=False).exclude(board__in=boards).delete()
        for board in boards:
            ModeratorScope.objects.get_or_create(moderator=moderator, board=board)
        titles = ", ".join(board.title for board in boards) or "none"
        audit.log(
            "set_boards",
            by=admin,
            member=moderator,
            target_type="member",
            target_id=moderator.pk,
            reason=f"Boards: {titles}",
        )
    return boards


def _check_admin(user) -> None:
    if not perms.can_manage_moderators(user):
        raise ModeratorsError("Only administrators can change moderators.")
