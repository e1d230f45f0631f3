"""What community asks the apps above it before and after a member writes (community.signals).

Community does not know who answers: moderation connects the receivers
(moderation/apps.py) for suspensions, pre-moderation and watched words.

- check_can_participate(): before posting, reacting or chatting; raises ForumError.
- check_new_post() / check_edit(): before a post is saved; raise ForumError to
  refuse, else return the Gate (holds and reasons) the post is saved with.
- post_saved() / edit_saved(): in the transaction that saved it.
- blocking_message(): the words a chat message is refused with, or "".
"""

from dataclasses import dataclass

from accounts.models import User
from config.signals import answers

from ..models import ChatMessage, Post
from ..signals import member_checking, message_checking, post_checking
from ..signals import post_saved as post_saved_signal


@dataclass(frozen=True)
class Gate:
    """What to do with a post about to be saved: holds to put on it, and why, for the queue."""

    holds: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    flagged: bool = False


def check_can_participate(user) -> None:
    """Raise ForumError, with a kind message, if the member may not post, react or chat now."""
    member_checking.send(sender=User, user=user)


def check_new_post(author, *texts: str) -> Gate:
    """Raise ForumError to refuse; otherwise the holds for a new post (title, warning, body)."""
    return _combined(answers(post_checking, sender=Post, author=author, post=None, texts=texts))


def check_edit(editor, post: Post, *texts: str) -> Gate:
    return _combined(answers(post_checking, sender=Post, author=editor, post=post, texts=texts))


def _combined(gates: list[Gate]) -> Gate:
    if len(gates) == 1:
        return gates[0]
    return Gate(
        tuple(hold for gate in gates for hold in gate.holds),
        tuple(reason for gate in gates for reason in gate.reasons),
        any(gate.flagged for gate in gates),
    )


def post_saved(post: Post, gate: Gate) -> None:
    """Call in the transaction that saved the new post."""
    post_saved_signal.send(sender=Post, post=post, gate=gate, edited=False)


def edit_saved(post: Post, gate: Gate) -> None:
    """Call in the transaction that saved the edit."""
    post_saved_signal.send(sender=Post, post=post, gate=gate, edited=True)


def blocking_message(author, room, body: str) -> str:
    """The words to refuse a chat message with, if something refuses it; "" otherwise."""
    return next(iter(answers(message_checking, sender=ChatMessage, author=author, room=room, body=body)), "")
