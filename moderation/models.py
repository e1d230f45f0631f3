"""Moderation records: reports, one review item per reported target, its history, notices to members,
peer moderators' board and room scopes, suspensions, pre-moderation, watched words and an append-only audit log.

A ReviewItem is "something that needs a human" (Discourse's Reviewable). Its
target is generic (target_type + target_id); for forum posts the explicit
`post` foreign key is filled too and `board` records where it happened, for
chat messages `chat_message` and `room`, so peer moderators see only their
boards and rooms.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from community.models import Post

REPORT_DETAIL_MAX_LENGTH = 1_000
REASON_MAX_LENGTH = 500
FIRST_POSTS_REASON = "new member: first posts are checked"  # the reason a new member's first posts wait (gates)


class Reason(models.TextChoices):
    RULES = "rules", "Breaks the house or room rules"
    UNKIND = "unkind", "Unkind or bullying"
    SPAM = "spam", "Spam or advertising"
    SAFETY = "safety", "I'm worried about this person's safety"
    OTHER = "other", "Something else"


class TargetType(models.TextChoices):
    POST = "post", "Forum post"
    MEMBER = "member", "Member profile"
    CONCERN = "concern", "Concern about a moderator"
    CHAT_MESSAGE = "chat_message", "Chat message"


class ReviewItem(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        CLAIMED = "claimed", "Being looked at"
        RESOLVED = "resolved", "Action taken"
        DISMISSED = "dismissed", "Left up"

    OPEN = (Status.PENDING, Status.CLAIMED)

    target_type = models.CharField(max_length=12, choices=TargetType.choices)
    target_id = models.PositiveBigIntegerField()
    post = models.ForeignKey("community.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_items",
        help_text="The member whose content or profile this is.",
    )
    board = models.ForeignKey("community.Board", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    chat_message = models.ForeignKey(
        "community.ChatMessage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    room = models.ForeignKey("community.Room", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    priority = models.PositiveIntegerField(default=0)
    reasons = models.JSONField(default=list, help_text="Distinct report reasons, in the order first given.")
    report_count = models.PositiveIntegerField(default=0)
    sensitive = models.BooleanField(default=False, help_text="Blurred in the queue until a moderator opens it.")
    auto_hidden = models.BooleanField(default=False)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    first_action_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id"],
                condition=Q(status__in=["pending", "claimed"]),
                name="one_open_review_item_per_target",
            )
        ]
        indexes = [models.Index(fields=["status", "-priority", "created_at"], name="review_queue")]

    def __str__(self) -> str:
        return f"Review {self.pk}: {self.target_type} {self.target_id}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def kind_label(self) -> str:
        """What the item is, in the queue's words: "First post check", "Reported post", "Flagged message"..."""
        if self.target_type == TargetType.POST:
            if FIRST_POSTS_REASON in self.reasons:
                return "First post check"
            if self.report_count:
                return "Reported post"
            return "Post waiting for a moderator" if self.post.state == Post.State.HELD else "Flagged post"
        if self.target_type == TargetType.CHAT_MESSAGE:
            return "Reported message" if self.report_count else "Flagged message"
        return TargetType(self.target_type).label

    @property
    def reason_labels(self) -> list[str]:
        """Members' report reasons by label; automatic reasons ("watched word: …") are written as shown."""
        return [Reason(reason).label if reason in Reason.values else reason for reason in self.reasons]


class Report(models.Model):
    """One member's report. Reporters are never shown to the reported member."""

    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    detail = models.TextField(blank=True, max_length=REPORT_DETAIL_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "reporter"], name="one_report_per_member_per_item")]
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Report on review {self.item_id}"


class ReviewHistory(models.Model):
    """Every transition of a review item, human or automatic (actor empty)."""

    REPORT_ACTIONS = ("reported", "report_added")

    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="history")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=10)
    to_status = models.CharField(max_length=10)
    note = models.CharField(max_length=REASON_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "review histories"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} on review {self.item_id}"

    @property
    def by_label(self) -> str:
        """Who did it, as moderators read it: reporters stay "a member" (never named); automatic steps "the system"."""
        if self.action in self.REPORT_ACTIONS:
            return "a member"
        return self.actor.public_name if self.actor_id else "the system"


class MemberNotice(models.Model):
    """What a moderator did about a member's content, in plain words, for that member only."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_notices")
    headline = models.CharField(max_length=200)
    rule = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=REASON_MAX_LENGTH, blank=True)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.headline


class ModeratorScope(models.Model):
    """A peer moderator moderates only the boards and rooms they are given: one row each.

    A room scope makes them a host of that room (community/room_permissions.py).
    """

    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_scopes")
    board = models.ForeignKey("community.Board", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    room = models.ForeignKey(
        "community.Room", null=True, blank=True, on_delete=models.CASCADE, related_name="moderator_scopes"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["moderator", "board"], name="one_scope_per_board"),
            models.UniqueConstraint(fields=["moderator", "room"], name="one_scope_per_room"),
            models.CheckConstraint(
                condition=Q(board__isnull=False, room__isnull=True) | Q(board__isnull=True, room__isnull=False),
                name="scope_is_a_board_or_a_room",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.moderator} moderates {self.board or self.room}"


class Suspension(models.Model):
    """A pause on posting and reacting; ends_at empty means permanent."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions")
    number = models.PositiveIntegerField(help_text="1 for a first suspension, and so on; 0 for an automatic pause.")
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True, help_text="When it ended or was lifted.")
    reason = models.CharField(max_length=REASON_MAX_LENGTH)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    automatic = models.BooleanField(
        default=False, help_text="An automatic pause pending review: no end date, not counted in the graduated scale."
    )

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"Suspension {self.number} of {self.member}"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.ended_at is None and (self.ends_at is None or self.ends_at > now)


class PreModeration(models.Model):
    """A member whose posts wait for a moderator's approval, until a lead or administrator ends it.

    New members are pre-moderated automatically for their first posts
    (MODERATION_PREMODERATE_FIRST_POSTS) without a row here; a row is a moderator's decision.
    """

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="premoderations")
    reason = models.CharField(max_length=REASON_MAX_LENGTH)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "pre-moderation"
        verbose_name_plural = "pre-moderations"
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(ended_at__isnull=True), name="one_active_premoderation_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"Pre-moderation of {self.member}"


class WatchedWord(models.Model):
    """A word or phrase moderators watch for, and what happens to writing that contains it."""

    class Action(models.TextChoices):
        BLOCK = "block", "Block, with a message to the writer"
        HOLD = "hold", "Hold the post for review"
        FLAG = "flag", "Publish, and flag it to the queue"

    text = models.CharField(max_length=120, unique=True)
    action = models.CharField(max_length=5, choices=Action.choices)
    message = models.CharField(
        max_length=300, blank=True, help_text="For blocked words: what the writer is told. Their text is kept."
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["text"]

    def __str__(self) -> str:
        return self.text


class AppendOnlyError(Exception):
    """The moderation log is never edited or deleted through the app."""


class ModerationLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The moderation log cannot be changed.")

    def delete(self):
        raise AppendOnlyError("The moderation log cannot be deleted.")


class ModerationLog(models.Model):
    """Every moderation action, automatic (actor empty) or human, in the queue or by a room's host. Append-only."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20)
    target_type = models.CharField(max_length=12, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation_log"
    )
    item = models.ForeignKey(ReviewItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    room = models.ForeignKey(
        "community.Room",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The chat room it happened in, for a host's action or an item about a chat message.",
    )
    reason = models.CharField(max_length=REASON_MAX_LENGTH, blank=True)
    rule = models.CharField(max_length=200, blank=True, help_text="The rule a moderator cited, if any.")
    before = models.CharField(max_length=40, blank=True)
    after = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ModerationLogQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor or 'the system'}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("The moderation log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The moderation log cannot be deleted.")


# Moderators: training and care ------------------------------------------------------------


class TrainingModule(models.Model):
    """A module a peer moderator confirms before their tools unlock. Defaults: moderation/defaults.py."""

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="A short text, in plain words.")
    link = models.CharField(max_length=300, blank=True, help_text="Optional: where to read or watch more.")
    required = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class TrainingConfirmation(models.Model):
    """One moderator's record for one module: when they marked it read, and when a lead or administrator confirmed it.

    Only the confirmation opens tools (moderation.services.training); nobody confirms their own.
    """

    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training")
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="confirmations")
    read_at = models.DateTimeField(null=True, blank=True, help_text="When the moderator said they had read it.")
    confirmed_at = models.DateTimeField(null=True, blank=True, help_text="When a lead or administrator confirmed it.")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["moderator", "module"], name="one_confirmation_per_module")]
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.moderator}: {self.module} {'confirmed' if self.confirmed_at else 'read'}"


class ModeratorSession(models.Model):
    """A stretch of moderating: queue visits and actions less than the session gap apart."""

    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["last_seen_at"], name="moderator_session_seen")]

    def __str__(self) -> str:
        return f"{self.moderator} moderating from {self.started_at:%H:%M}"


class OffDuty(models.Model):
    """A moderator who has set themselves off duty, until they come back."""

    moderator = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "moderator off duty"
        verbose_name_plural = "moderators off duty"

    def __str__(self) -> str:
        return f"{self.moderator} off duty"
