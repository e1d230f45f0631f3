"""The participation log: who took part how, by day, under a pseudonymous key and never with content.

One row per (day, kind, member key, board or room) with a count. The member key
is a keyed hash of the account id (services.member_key): evaluators can count
members, returning members and cohorts without anyone being identifiable, and
no text is ever copied here.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
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

    class Figures(models.TextChoices):
        METRICS = "metrics", "Participation metrics"
        CHECK_INS = "check_ins", "Wellbeing check-in analysis"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    who = models.CharField(max_length=150, help_text='The account\'s handle, or "command line".')
    channel = models.CharField(max_length=10, choices=Channel.choices)
    figures = models.CharField(max_length=10, choices=Figures.choices, default=Figures.METRICS)
    first_day = models.DateField()
    last_day = models.DateField()
    board_slug = models.SlugField(blank=True, help_text="Empty: every board.")
    file_format = models.CharField(max_length=4)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.AGGREGATE)
    panel = models.ForeignKey("ResearchPanel", null=True, blank=True, on_delete=models.PROTECT, related_name="exports")
    rows = models.PositiveIntegerField(null=True, blank=True, help_text="Members in a row-level export.")
    treatment = models.JSONField(
        default=dict,
        blank=True,
        help_text="Row-level exports: what was done to make every row look like at least k others "
        "(rows generalised at each step, rows dropped).",
    )
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
        verbose_name_plural = "daily summaries"
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
        verbose_name_plural = "daily members"
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

    class Meta:
        verbose_name_plural = "research switches"

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


# Wellbeing check-ins (docs/evaluation.md) ------------------------------------------


class CheckInStudy(models.Model):
    """The check-in schedule and the consent text members agree to. One row, installed by evaluation/defaults.py."""

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=120)
    consent_text = models.TextField(help_text="What members agree to, shown in full before they opt in.")
    wave_days = models.JSONField(
        default=list, help_text="Days after opting in when each check-in opens; the first (0) is the baseline."
    )
    window_days = models.PositiveIntegerField(default=30, help_text="How long each check-in stays open.")

    class Meta:
        verbose_name = "check-in study"
        verbose_name_plural = "check-in studies"

    def __str__(self) -> str:
        return self.title

    def clean(self):
        days = self.wave_days
        if not isinstance(days, list) or not all(isinstance(day, int) and day >= 0 for day in days):
            raise ValidationError({"wave_days": "A list of whole numbers of days, for example [0, 30, 150, 330]."})
        if 0 not in days or len(set(days)) != len(days):
            raise ValidationError({"wave_days": "Start with 0 (the baseline) and list each day once."})


class Instrument(models.Model):
    """A questionnaire defined as data: its items, how it is scored and whether higher scores are better."""

    class Scoring(models.TextChoices):
        SUM = "sum", "Total of the items"
        MEAN = "mean", "Mean of the items"
        PER_ITEM = "per_item", "Each item on its own"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    introduction = models.TextField(blank=True, help_text="Shown to members above the questions.")
    licence_note = models.TextField(blank=True, help_text="Where the instrument comes from and its licence.")
    scoring = models.CharField(max_length=10, choices=Scoring.choices, default=Scoring.SUM)
    min_answered = models.PositiveSmallIntegerField(
        default=0, help_text="Items that must be answered for a total to be scored (0: all of them)."
    )
    lower_is_better = models.BooleanField(default=False, help_text="For a total: a fall is an improvement.")
    wellbeing_measure = models.BooleanField(
        default=True, help_text="Off for descriptive question sets such as the peer support log."
    )
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Asked at check-ins from now on.")

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class InstrumentItem(models.Model):
    """One question: its wording, its answers (value and label) and whether it is reverse-scored."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="items")
    key = models.SlugField(help_text="Short name used in analysis, for example life_satisfaction.")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    options = models.JSONField(help_text='The answers, lowest value first: [[0, "Not at all"], [1, "1"], …].')
    reverse_scored = models.BooleanField(default=False)
    lower_is_better = models.BooleanField(default=False, help_text="When scored on its own: a fall is an improvement.")

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["instrument", "key"], name="one_item_key_per_instrument")]

    def __str__(self) -> str:
        return f"{self.instrument.slug}: {self.key}"

    def values(self) -> list[int]:
        return [value for value, _label in self.options]

    def clean(self):
        options = self.options
        well_formed = isinstance(options, list) and all(
            isinstance(option, list)
            and len(option) == 2
            and isinstance(option[0], int)
            and isinstance(option[1], str)
            and option[1].strip()
            for option in options
        )
        if not well_formed or len(options) < 2:
            raise ValidationError({"options": 'At least two answers, each [value, "label"] with a whole number.'})
        values = self.values()
        if values != sorted(set(values)):
            raise ValidationError({"options": "List the answers lowest value first, each value once."})


class CheckInEnrolment(models.Model):
    """A member's explicit consent to the check-ins. Withdrawing deletes it and, with it, every answer."""

    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_ins")
    study = models.ForeignKey(CheckInStudy, on_delete=models.PROTECT)
    consented_on = models.DateField()
    consent_text = models.TextField(help_text="The consent text as the member agreed to it.")

    class Meta:
        verbose_name = "check-in enrolment"
        verbose_name_plural = "check-in enrolments"

    def __str__(self) -> str:
        return f"Check-ins since {self.consented_on}"


class CheckIn(models.Model):
    """One wave for one member: reminded once, then answered or skipped (a skipped wave has no answers)."""

    class State(models.TextChoices):
        OPEN = "open", "Not answered yet"
        ANSWERED = "answered", "Answered"
        SKIPPED = "skipped", "Skipped"

    enrolment = models.ForeignKey(CheckInEnrolment, on_delete=models.CASCADE, related_name="waves")
    wave_day = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    reminded_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "check-in"
        verbose_name_plural = "check-ins"
        constraints = [models.UniqueConstraint(fields=["enrolment", "wave_day"], name="one_check_in_per_wave")]

    def __str__(self) -> str:
        return f"Day {self.wave_day} check-in: {self.state}"


class CheckInAnswer(models.Model):
    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(InstrumentItem, on_delete=models.PROTECT, related_name="+")
    value = models.SmallIntegerField()

    class Meta:
        verbose_name = "check-in answer"
        verbose_name_plural = "check-in answers"
        constraints = [models.UniqueConstraint(fields=["check_in", "item"], name="one_answer_per_item")]

    def __str__(self) -> str:
        return f"{self.item.key}: {self.value}"
