"""Administrators making a member a peer moderator, and choosing the boards and rooms they look after.

Promotion is one step: the role, the boards and rooms (a room makes them one of
its hosts), and any training modules the administrator has already gone through
with them, confirmed there and then (moderation.services.training; the rest is
confirmed later on the team page). Their tools stay closed until every required
module is confirmed. Every change is written to the moderation log.
"""

from django.db import transaction

from accounts.roles import Role
from accounts.services import grant_role
from community.models import Board, Room

from .. import permissions as perms
from ..models import ModeratorScope
from . import audit, training


class ModeratorsError(Exception):
    """An administrator-facing reason a change could not be made."""


@transaction.atomic
def promote(admin, member, board_ids, room_ids=(), trained_module_ids=()) -> None:
    """All or nothing: a module that can't be confirmed leaves the member as they were."""
    _check_admin(admin)
    if not member.is_active or member.deleted_at:
        raise ModeratorsError("That account isn't active.")
    if perms.is_peer_moderator(member):
        raise ModeratorsError(f"{member.handle} is already a peer moderator.")
    grant_role(member, Role.MODERATOR)
    audit.log("promote", by=admin, member=member, target_type="member", target_id=member.pk, after="peer moderator")
    set_scope(admin, member, board_ids, room_ids)
    try:
        for module_id in trained_module_ids:
            training.confirm(admin, member, module_id)
    except training.TrainingError as error:
        raise ModeratorsError(str(error)) from None


@transaction.atomic
def set_scope(admin, moderator, board_ids, room_ids) -> tuple[list[Board], list[Room]]:
    """Replace the boards and rooms a peer moderator looks after."""
    _check_admin(admin)
    if not perms.is_peer_moderator(moderator):
        raise ModeratorsError(f"{moderator.handle} isn't a peer moderator.")
    boards = list(Board.objects.filter(pk__in=board_ids).order_by("title"))
    rooms = list(Room.objects.filter(pk__in=room_ids).order_by("name"))
    board_changed = _replace(moderator, "board", boards, perms.board_ids_in_scope(moderator))
    room_changed = _replace(moderator, "room", rooms, perms.room_ids_in_scope(moderator))
    if board_changed or room_changed:
        titles = ", ".join(board.title for board in boards) or "none"
        names = ", ".join(room.name for room in rooms) or "none"
        audit.log(
            "set_scope",
            by=admin,
            member=moderator,
            target_type="member",
            target_id=moderator.pk,
            reason=f"Boards: {titles}; rooms: {names}",
        )
    return boards, rooms


def _replace(moderator, field: str, chosen: list, current: set[int]) -> bool:
    """Make the moderator's scope rows of one kind ("board" or "room") exactly `chosen`; whether anything changed."""
    if {row.pk for row in chosen} == current:
        return False
    ModeratorScope.objects.filter(moderator=moderator, **{f"{field}__isnull": False}).exclude(
        **{f"{field}__in": chosen}
    ).delete()
    for row in chosen:
        ModeratorScope.objects.get_or_create(moderator=moderator, **{field: row})
    return True


def _check_admin(user) -> None:
    if not perms.can_manage_moderators(user):
        raise ModeratorsError("Only administrators can change moderators.")
