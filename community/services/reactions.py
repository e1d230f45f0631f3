"""Supportive reactions: one of each kind per member per post, toggled on and off.

The receiver is stored with each reaction (the post's author when it was given)
because the evaluation measures support given and received per member.
"""

from django.db import IntegrityError, transaction

from ..models import Post, Reaction
from ..permissions import can_react_to, can_see_thread, reaction_kinds_for
from . import notify, rate_limits
from .errors import ForumError
from .gates import check_can_participate


def check_can_react(giver, post: Post, kind: str) -> None:
    check_can_participate(giver)
    if kind not in Reaction.Kind.values:
        raise ForumError("That isn't one of the reactions you can give.")
    if not (can_react_to(giver, post) and can_see_thread(giver, post.thread)):
        raise ForumError("You can send support to other members' posts that you can read.")
    if kind not in reaction_kinds_for(post):
        raise ForumError(
            "On a post like this only “Sending a hug” and “I hear you” are offered: "
            "they are the gentlest ways to show you have read it."
        )


@transaction.atomic
def toggle_reaction(giver, post: Post, kind: str) -> bool:
    """Give the reaction, or take it back if the member already gave it. Returns whether it is now given."""
    check_can_react(giver, post, kind)
    with rate_limits.slot(giver, rate_limits.REACT):
        if do_remove_reaction(giver, post, kind):
            return False
        do_add_reaction(giver, post, kind)
        return True


def do_add_reaction(giver, post: Post, kind: str) -> Reaction:
    """Add the reaction; a double-submitted form finds the one already there."""
    try:
        with transaction.atomic():
            reaction = Reaction.objects.create(post=post, kind=kind, giver=giver, receiver_id=post.author_id)
    except IntegrityError:
        return Reaction.objects.get(post=post, kind=kind, giver=giver)
    notify.reaction_added(reaction)
    return reaction


def do_remove_reaction(giver, post: Post, kind: str) -> bool:
    deleted, _ = Reaction.objects.filter(post=post, kind=kind, giver=giver).delete()
    if deleted:
        notify.post_changed(post)
    return bool(deleted)
