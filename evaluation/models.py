"""The participation log: who took part how, by day, under a pseudonymous key and never with content.

One row per (day, kind, member key, board or room) with a count. The member key
is a keyed hash of the account id (services.member_key): evaluators can count
members, returning members and cohorts without anyone being identifiable, and
no text is ever copied here.
"""

from django.db import models


class Participation(models.Model):
    class Kind(models.TextChoices):
        SIGNUP = "signup", "Joined"
        VISIT = "visit", "Signed in"
        READ = "read", "Read a conversation"
        THREAD = "thread", "Started a conversation"
        REPLY = "reply", "Replied"
        REPLY_RECEIVED = "reply_received", "Received a reply"
        REACTION = "reaction", "Gave a reaction"
        REACTION_RECEIVED = "reaction_received", "Received a reaction"
        CHAT_MESSAGE = "chat_message", "Sent a chat message"

    day = models.DateField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    member_key = models.CharField(max_length=32)
    board_id = models.PositiveBigIntegerField(default=0, help_text="0: not in a board")
    room_id = models.PositiveBigIntegerField(default=0, help_text="0: not in a room")
    count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "member_key", "board_id", "room_id"],
                name="one_participation_row",
            )
        ]
        indexes = [models.Index(fields=["kind", "day"], name="participation_kind_day")]

    def __str__(self) -> str:
        return f"{self.kind} x{self.count} on {self.day}"
