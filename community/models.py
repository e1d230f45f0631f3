"""Versioned ground rules and who accepted which version, and the forum they apply to.

A RuleBook is one set of rules: the site's house rules now, each chat room's
ground rules later. Publishing never edits a version; it adds the next one, so
an acceptance always points at the exact text the member agreed to.

Below them, the forum: boards, threads, posts with explicit states, edit
history and supportive reactions.
"""

import calendar
from datetime import time

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

HOUSE_RULES = "house"


class RuleBook(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=120)

    def __str__(self) -> str:
        return self.title


class RuleVersion(models.Model):
    book = models.ForeignKey(RuleBook, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    body = models.TextField(help_text="Markdown: emphasis, lists, links and quotes.")
    body_html = models.TextField(editable=False)
    change_note = models.CharField(max_length=300, blank=True, help_text="What changed, in a sentence or two.")
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["book", "number"], name="one_number_per_rule_version")]
        ordering = ["book", "-number"]

    def __str__(self) -> str:
        return f"{self.book.title}, version {self.number}"


class RuleAcceptance(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rule_acceptances")
    version = models.ForeignKey(RuleVersion, on_delete=models.PROTECT, related_name="acceptances")
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "version"], name="accept_each_version_once")]

    def __str__(self) -> str:
        return f"{self.user} accepted {self.version}"


# The forum ---------------------------------------------------------------------
# Boards hold threads; a thread is a title and a flat, chronological list of
# posts. Every post carries an explicit state, so what each viewer may see is a
# rule about states (community/permissions.py), never a guess from other fields.

TITLE_MAX_LENGTH = 150
POST_MAX_LENGTH = 10_000
MODERATOR_NOTE_MAX_LENGTH = 200
CONTENT_WARNING_MAX_LENGTH = 80
RESERVED_BOARD_SLUGS = frozenset({"latest", "search", "activity", "preview", "t", "p"})


def not_a_reserved_board_slug(value: str) -> None:
    """Board pages live at /forum/<slug>/, beside the forum's own pages."""
    if value in RESERVED_BOARD_SLUGS:
        raise ValidationError(f"“{value}” is already a forum page address. Please choose another slug.")


class Board(models.Model):
    title = models.CharField(max_length=80)
    slug = models.SlugField(unique=True, validators=[not_a_reserved_board_slug], help_text="The board's web address.")
    description = models.CharField(max_length=300, help_text="One or two sentences shown on the boards list.")
    ground_rules = models.TextField(
        blank=True, help_text="Optional Markdown shown above the composer, on top of the house rules."
    )
    ground_rules_html = models.TextField(blank=True, editable=False)
    position = models.PositiveIntegerField(default=0, help_text="Boards are listed from the lowest number up.")
    restricted_to = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Leave empty for all members; otherwise only this group (and moderators) can see the board.",
    )

    class Meta:
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum_board", args=[self.slug])


class ContentWarning(models.TextChoices):
    SELF_HARM = "self-harm", "self-harm"
    SUICIDE = "suicide", "suicide"
    EATING = "eating", "eating and food"
    ABUSE = "abuse", "abuse"


class HasContentWarning(models.Model):
    """An optional content warning: one of ContentWarning's keys, or the writer's own words."""

    content_warning = models.CharField(max_length=CONTENT_WARNING_MAX_LENGTH, blank=True)

    class Meta:
        abstract = True

    @property
    def content_warning_label(self) -> str:
        if self.content_warning in ContentWarning.values:
            return ContentWarning(self.content_warning).label
        return self.content_warning


class Thread(HasContentWarning):
    """A conversation. Counts and last activity are kept here so list pages need no joins to posts.

    The content warning mirrors the opening post's, so lists can show it.
    """

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(max_length=60, blank=True, allow_unicode=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_threads")
    # RESTRICT, not PROTECT: the opening post can't be deleted alone, but goes with its thread.
    opening_post = models.OneToOneField(
        "Post", null=True, blank=True, on_delete=models.RESTRICT, related_name="opened_thread"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)
    last_post_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reply_count = models.PositiveIntegerField(default=0, help_text="Published replies, not counting the first post.")

    class Meta:
        indexes = [
            models.Index(fields=["board", "-last_activity_at"], name="thread_board_activity"),
            models.Index(fields=["-last_activity_at"], name="thread_activity"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.slug:
            return reverse("forum_thread_slug", args=[self.pk, self.slug])
        return reverse("forum_thread", args=[self.pk])


class Post(HasContentWarning):
    class State(models.TextChoices):
        PUBLISHED = "published", "Published"
        HELD = "held", "Waiting for a moderator"
        HIDDEN = "hidden", "Hidden by a moderator"
        REMOVED = "removed", "Removed by a moderator"
        REMOVED_BY_AUTHOR = "removed_by_author", "Removed by the author"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_posts")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PUBLISHED)
    body = models.TextField(help_text="Markdown, as the member wrote it.")
    body_html = models.TextField(editable=False)
    quoted = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The post this reply quotes; shown only while the viewer may still read it.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    moderator_note = models.CharField(
        max_length=MODERATOR_NOTE_MAX_LENGTH, blank=True, help_text="Shown under the post once a moderator edited it."
    )
    risk_level = models.PositiveSmallIntegerField(
        default=0,
        editable=False,
        help_text="What safeguarding's screening made of the post as last written (safeguarding.matching.Level): "
        "at high or crisis, other readers see a calm note and only gentle reactions. Never the words or the case.",
    )

    # What safeguarding's screening calls a post (CaseItem.source), so a case's items lead back to it.
    SCREENED_AS = "forum post"

    class Meta:
        indexes = [
            models.Index(fields=["thread", "created_at"], name="post_thread_time"),
            models.Index(fields=["author", "-created_at"], name="post_author_time"),
        ]

    def __str__(self) -> str:
        return f"Post {self.pk} in {self.thread_id}"


class PostRevision(models.Model):
    """What a post said before an edit. Moderators can read these; members only see "edited"."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True, help_text="The thread title, for opening posts.")
    body = models.TextField()
    content_warning = models.CharField(max_length=CONTENT_WARNING_MAX_LENGTH, blank=True)
    replaced_at = models.DateTimeField(default=timezone.now)
    replaced_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["post", "-replaced_at", "-pk"]

    def __str__(self) -> str:
        return f"Revision of post {self.post_id} replaced {self.replaced_at:%Y-%m-%d %H:%M}"


class PostHold(models.Model):
    """Why a post is waiting (state HELD): one row per reason, released separately.

    A post can wait for a safeguarding lead and for a moderator at once; it goes
    live only when every hold on it is released (community.services.forum).
    """

    class Reason(models.TextChoices):
        SAFEGUARDING = "safeguarding", "Waiting for a safeguarding lead"
        PREMODERATION = "premoderation", "A new or pre-moderated member's post"
        WATCHED_WORD = "watched_word", "Contains a watched word"

    MODERATOR_REASONS = (Reason.PREMODERATION, Reason.WATCHED_WORD)

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="holds")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["post", "released_at"], name="posthold_post_open")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: post {self.post_id}"


class Reaction(models.Model):
    """One supportive reaction. The receiver is recorded as it was, for measuring support given and received."""

    class Kind(models.TextChoices):
        HUG = "hug", "Sending a hug"
        HEAR = "hear", "I hear you"
        SAME = "same", "Same here"
        WELL_DONE = "well_done", "Well done"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    giver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions_given")
    receiver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions_received")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "giver", "kind"], name="one_reaction_of_a_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on post {self.post_id}"


class ForumEvent(models.Model):
    """Append-only log of forum changes, so live pages can catch up after a dropped connection.

    The id is the event id browsers track. It records only what changed (a post,
    or a new thread); how it looks is rendered for each viewer when it is sent.
    See community/live.py and docs/realtime.md.
    """

    kind = models.CharField(max_length=10)
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["thread", "kind", "id"], name="forumevent_thread"),
            models.Index(fields=["board", "kind", "id"], name="forumevent_board"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} event {self.pk}"


# Chat rooms ----------------------------------------------------------------------
# A room is a live, persistent conversation with its own ground rules (a RuleBook
# with slug "room-<slug>"), optional weekly opening hours and hosts who moderate
# it in place (peer moderators given the room in moderation.ModeratorScope, and
# safeguarding leads and administrators). Each message gets the next number in its room's sequence, under
# the room's row lock, so the numbers follow commit order: a reconnecting browser
# asks for "everything after 41" and misses nothing. See community/services/chat.py.

CHAT_MESSAGE_MAX_LENGTH = 2_000


class Room(models.Model):
    class Membership(models.TextChoices):
        OPEN = "open", "Open to all members"
        ON_REQUEST = "on_request", "On request (a host approves)"

    class Override(models.TextChoices):
        NONE = "", "Follow the opening hours"
        OPEN = "open", "Opened early by a host"
        CLOSED = "closed", "Closed early by a host"

    class Audience(models.TextChoices):
        MEMBERS = "members", "All members"
        MODERATORS = "moderators", "Moderators, safeguarding leads and administrators only"

    name = models.CharField(max_length=80)
    slug = models.SlugField(unique=True, help_text="The room's web address.")
    purpose = models.CharField(max_length=300, help_text="One or two sentences: who the room is for.")
    time_zone = models.CharField(max_length=60, default="Europe/London", help_text="For the opening hours.")
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Most members in the room at once; leave empty for no limit."
    )
    membership = models.CharField(max_length=12, choices=Membership.choices, default=Membership.OPEN)
    audience = models.CharField(
        max_length=10,
        choices=Audience.choices,
        default=Audience.MEMBERS,
        help_text="A moderators' room is not listed for members, and they can't enter it.",
    )
    slow_mode_seconds = models.PositiveIntegerField(
        default=0, help_text="Least seconds between one member's messages; 0 is off."
    )
    override = models.CharField(max_length=8, choices=Override.choices, default=Override.NONE, blank=True)
    override_until = models.DateTimeField(null=True, blank=True)
    last_seq = models.PositiveBigIntegerField(default=0, editable=False)
    position = models.PositiveIntegerField(default=0, help_text="Rooms are listed from the lowest number up.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("room", args=[self.slug])

    @property
    def rules_slug(self) -> str:
        return f"room-{self.slug}"

    @property
    def is_peer_space(self) -> bool:
        """Members' rooms count in evaluation's participation figures; the moderators' debrief room doesn't."""
        return self.audience == self.Audience.MEMBERS

    def clean(self):
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValidationError({"time_zone": "Please use a time zone name such as Europe/London."}) from error


class RoomOpening(models.Model):
    """One weekly session: the room is open from starts to ends on weekday, in the room's time zone.

    A session that ends earlier than it starts runs past midnight: Fridays 22:00-02:00 ends at 02:00 on Saturday.
    """

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Mondays"
        TUESDAY = 1, "Tuesdays"
        WEDNESDAY = 2, "Wednesdays"
        THURSDAY = 3, "Thursdays"
        FRIDAY = 4, "Fridays"
        SATURDAY = 5, "Saturdays"
        SUNDAY = 6, "Sundays"

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="openings")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    starts = models.TimeField()
    ends = models.TimeField()

    class Meta:
        ordering = ["weekday", "starts"]

    def __str__(self) -> str:
        into = f" (into {calendar.day_name[(self.weekday + 1) % 7]})" if self.overnight and self.ends != time(0) else ""
        return f"{self.get_weekday_display()} {self.starts:%H:%M}-{self.ends:%H:%M}{into}"

    @property
    def overnight(self) -> bool:
        """Ends on the next day (at or after midnight)."""
        return self.ends <= self.starts

    def clean(self):
        if self.starts is not None and self.starts == self.ends:
            raise ValidationError(
                "A session ends at another time than it starts. To run past midnight, "
                "give an end earlier than the start, such as 22:00 to 02:00."
            )


class RoomMember(models.Model):
    """A member's standing in one room: approved or waiting, muted, removed, how they appear."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Asked to join"
        APPROVED = "approved", "In the room"
        REMOVED = "removed", "Removed by a host"

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="room_memberships")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPROVED)
    muted_until = models.DateTimeField(null=True, blank=True)
    appear_anonymously = models.BooleanField(default=False, help_text='Shown as "a member" in who is here.')
    last_message_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["room", "user"], name="one_membership_per_room")]

    def __str__(self) -> str:
        return f"{self.user} in {self.room}: {self.status}"

    @property
    def is_muted(self) -> bool:
        return self.muted_until is not None and self.muted_until > timezone.now()


class RoomPresence(models.Model):
    """One open socket in a room. Rows not seen for a while (a crashed server) stop counting."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    socket = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["room", "seen_at"], name="roompresence_room_seen")]

    def __str__(self) -> str:
        return f"{self.user} in {self.room}"


class ChatMessage(models.Model):
    class State(models.TextChoices):
        PUBLISHED = "published", "Published"
        HIDDEN = "hidden", "Hidden while a moderator looks at it"
        REMOVED = "removed", "Removed by a moderator"

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveBigIntegerField(help_text="Number within the room, strictly increasing in commit order.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="chat_messages")
    body = models.TextField()
    body_html = models.TextField(editable=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PUBLISHED)
    client_token = models.CharField(max_length=40, blank=True, help_text="The browser's id for a send, for retries.")
    reply_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
        help_text="The earlier message in the room this one answers; its words show above only while it is published.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    SCREENED_AS = "chat message"  # CaseItem.source, as Post.SCREENED_AS

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["room", "seq"], name="one_seq_per_room"),
            models.UniqueConstraint(
                fields=["room", "author", "client_token"],
                condition=~models.Q(client_token=""),
                name="one_send_per_client_token",
            ),
        ]
        ordering = ["room", "seq"]

    def __str__(self) -> str:
        return f"Message {self.seq} in {self.room_id}"

    def get_absolute_url(self) -> str:
        return f"{self.room.get_absolute_url()}#m{self.seq}"


class RoomAction(models.Model):
    """Every host action in a room: who, what, to whom, why and when."""

    class Kind(models.TextChoices):
        REMOVE_MESSAGE = "remove_message", "Removed a message"
        MUTE = "mute", "Muted a member"
        UNMUTE = "unmute", "Unmuted a member"
        REMOVE_MEMBER = "remove_member", "Removed a member"
        APPROVE = "approve", "Approved a request to join"
        SLOW_MODE = "slow_mode", "Changed slow mode"
        CLOSE = "close", "Closed the room early"
        OPEN = "open", "Opened the room early"

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="actions")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    target = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.ForeignKey(ChatMessage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=500, blank=True)
    detail = models.CharField(max_length=200, blank=True, help_text="For example how long a mute lasts.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in {self.room_id}"
