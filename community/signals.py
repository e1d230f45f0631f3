"""Signals sent by community, for the apps above it (config.signals explains the mechanism).

Community asks moderation before and after members write, and tells the
evaluation when they take part, without importing either. The senders are in
community/services/gates.py and community/participation.py; the receivers are
connected in moderation/apps.py and evaluation/apps.py.

member_checking(sender=User, user=User)
    Before a member writes a post, reacts or sends a chat message. A receiver raises
    ForumError (community.services.errors) to refuse, with the words the member sees.
    Receivers: moderation (a suspension or a pause pending review).

post_checking(sender=Post, author=User, post=Post | None, texts=tuple[str, ...])
    Before a new post (post is None) or an edit of post is saved, with the title,
    content warning and body as typed. A receiver raises ForumError to refuse (the
    member keeps their words), or answers a community.services.gates.Gate: the holds
    the post is saved with, and why, or None. Receivers: moderation (pre-moderation,
    watched words).

post_saved(sender=Post, post=Post, gate=Gate, edited=bool)
    In the transaction that saved a new post or an edit, with the combined Gate.
    Receivers: moderation (a held or flagged post goes in the review queue).

message_checking(sender=ChatMessage, author=User, room=Room, body=str)
    Before a chat message is saved. A receiver answers the words to refuse it with,
    or None. Receivers: moderation (a blocked watched word).

moderator_asked(sender=Board | Room, user=User, pk=int)
    Does user moderate the board (sender=Board) or host the room (sender=Room) with
    this id? Receivers answer True or False; any True is yes. Receivers: moderation
    (leads and administrators everywhere, trained peer moderators in their scope).

took_part(sender=None, kind=str, user=User, board_id=int, room_id=int, when=datetime | None)
    A member took part: kind is one of community.participation.Took. Sent inside the
    transaction of the change, so a rolled-back post is never counted. Receivers:
    evaluation (anonymous participation counts).
"""

from django.dispatch import Signal

member_checking = Signal()
post_checking = Signal()
post_saved = Signal()
message_checking = Signal()
moderator_asked = Signal()
took_part = Signal()
