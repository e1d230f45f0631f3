"""The participation log: who took part how, by day, under a pseudonymous key and never with content.

One row per (day, kind, member key, board or room) with a count. The member key
is a keyed hash of the account id (services.member_key): evaluators can count
members, returning members and cohorts without anyone being identifiable, and
no text is ever copied here.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


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
        ROOM_VISIT = "room_visit", "Entered a chat room"

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


class ExportLog(models.Model):
    """Every export of the metrics, by download or command: who, when, and which figures. Holds no figures."""

    class Channel(models.TextChoices):
        DOWNLOAD = "download", "Download from the dashboard"
        COMMAND = "command", "Command line"

    class Kind(models.TextChoices):
        AGGREGATE = "aggregate", "Aggregate figures"
        RESEARCH = "research", "Row-level research export, unlinked"
        PANEL = "panel", "Row-level research export, linked panel"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    who = models.CharField(max_length=150, help_text='The account\'s handle, or "command line".')
    channel = models.CharField(max_length=10, choices=Channel.choices)
    first_day = models.DateField()
    last_day = models.DateField()
    board_slug = models.SlugField(blank=True, help_text="Empty: every board.")
    file_format = models.CharField(max_length=4)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.AGGREGATE)
    panel = models.ForeignKey("ResearchPanel", null=True, blank=True, on_delete=models.PROTECT, related_name="exports")
    rows = models.PositiveIntegerField(null=True, blank=True, help_text="Members in a row-level export.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        board = self.board_slug or "all boards"
        return (
            f"{self.who}: {self.get_kind_display()}, {self.file_format} of {self.first_day} to {self.last_day}, {board}"
        )


class DailySummary(models.Model):
    """One day's totals per kind and board (board 0: not in a board), built nightly from the log.

    total is the sum of counts (how many replies); members is how many distinct
    member keys took part that way that day. Totals add up across days; members
    do not (the same person on two days), so distinct members over a period still
    come from the log.
    """

    day = models.DateField()
    board_id = models.PositiveBigIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Participation.Kind.choices)
    total = models.PositiveIntegerField()
    members = models.PositiveIntegerField()
    built_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "board_id", "kind"], name="one_daily_summary")]
        indexes = [models.Index(fields=["day", "kind"], name="dailysummary_day_kind")]

    def __str__(self) -> str:
        return f"{self.kind} on {self.day}: {self.total}"


class MemberNumber(models.Model):
    """A small number (the id) for each member key, so that one day's members fit in a bitmap.

    Assigned by the nightly summary. It is as pseudonymous as the key itself and
    never leaves the server.
    """

    member_key = models.CharField(max_length=32, unique=True)

    def __str__(self) -> str:
        return f"Member number {self.pk}"


class DailyMembers(models.Model):
    """Which members were active, gave, received or read on one day, site-wide or in one board.

    Bit n stands for MemberNumber n.
    Distinct members over any period are then the bits set in the OR of its days,
    so a quarter is about 360 small rows instead of every log row.
    """

    day = models.DateField()
    board_id = models.PositiveBigIntegerField(null=True, blank=True, help_text="Empty: the whole site.")
    flag = models.CharField(max_length=10)
    bits = models.BinaryField()

    class Meta:
        indexes = [models.Index(fields=["day", "board_id"], name="dailymembers_day_board")]

    def __str__(self) -> str:
        return f"{self.flag} members on {self.day}"


class DailyRoomAttendance(models.Model):
    """How many different members were in each chat room on one day (entered while open, or chatted).

    Built nightly with the other summaries; a room's day with anyone in it is a
    session (evaluation/room_metrics.py).
    """

    day = models.DateField()
    room_id = models.PositiveBigIntegerField()
    members = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "room_id"], name="one_room_attendance_per_day")]

    def __str__(self) -> str:
        return f"{self.members} in room {self.room_id} on {self.day}"


class ResearchSwitch(models.Model):
    """Whether row-level research exports are allowed at all: one row, switched by an administrator in the app.

    Off until an administrator switches it on for approved research (docs/evaluation.md).
    """

    enabled = models.BooleanField(default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return "Research exports on" if self.enabled else "Research exports off"


class ResearchPanel(models.Model):
    """A linked panel: research exports that share one pseudonym key, so the same member can be followed across them.

    An evaluator asks for one; an administrator approves it, which creates the
    key. The key never leaves the server and is used for this panel's exports
    only; unlinked exports use a fresh key each time that is never stored.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", "Waiting for an administrator"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    title = models.CharField(max_length=120, help_text="The study, as its ethics approval names it.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    key = models.CharField(max_length=64, blank=True, editable=False, help_text="Set on approval; never shown.")

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Panel: {self.title} ({self.get_status_display()})"
