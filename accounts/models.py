"""The member account.

A member is known to others only by a handle. Email is private. Deleting an
account anonymises the row in place (see services.delete_account) so that the
member's posts stay in the conversations they belong to, attributed to
"Former member", while nothing that identifies the person remains.
"""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from .handles import HANDLE_VALIDATORS, skeleton

FORMER_MEMBER = "Former member"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, handle, password=None, **extra):
        user = self.model(email=self.normalize_email(email), handle=handle, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, handle, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, handle, password, **extra)


class AgeBand(models.TextChoices):
    """Optional, asked only in account settings, used only in row-level research exports (docs/evaluation.md)."""

    FROM_18 = "18-24", "18 to 24"
    FROM_25 = "25-34", "25 to 34"
    FROM_35 = "35-44", "35 to 44"
    FROM_45 = "45-54", "45 to 54"
    FROM_55 = "55-64", "55 to 64"
    FROM_65 = "65+", "65 or over"


class User(AbstractBaseUser, PermissionsMixin):
    handle = models.CharField(max_length=30, unique=True, validators=HANDLE_VALIDATORS)
    # What the handle looks like (accounts.handles.skeleton), kept with it on every save, so a
    # look-alike of anyone's handle is found by one indexed lookup at sign-up.
    handle_skeleton = models.CharField(max_length=30, db_index=True, editable=False, default="")
    email = models.EmailField(unique=True, null=True, blank=True)
    about = models.TextField("about me", blank=True, max_length=1000)
    about_html = models.TextField(blank=True, editable=False)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    age_band = models.CharField(max_length=5, choices=AgeBand.choices, blank=True, help_text="Empty: not given.")
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Self-care and notification choices: all the member's own.
    on_break_until = models.DateTimeField(null=True, blank=True)
    notify_replies = models.BooleanField("replies to my threads", default=True)
    notify_quotes = models.BooleanField("quotes of my posts", default=True)
    notify_reactions = models.BooleanField("reactions to my posts", default=True)
    daily_digest = models.BooleanField("a daily email when I have unread notifications", default=False)
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["handle"]

    class Meta:
        constraints = [models.UniqueConstraint(Lower("handle"), name="handle_unique_ignoring_case")]

    def __str__(self) -> str:
        return self.public_name

    def save(self, *args, **kwargs):
        self.handle_skeleton = skeleton(self.handle)[:30]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "handle" in update_fields:
            kwargs["update_fields"] = {*update_fields, "handle_skeleton"}
        super().save(*args, **kwargs)

    @property
    def public_name(self) -> str:
        """What other members see: the handle, or "Former member" after deletion."""
        return FORMER_MEMBER if self.deleted_at else self.handle

    def is_on_break(self, now=None) -> bool:
        return self.on_break_until is not None and self.on_break_until > (now or timezone.now())

    @property
    def join_month(self) -> str:
        return self.date_joined.strftime("%B %Y")


class MutedWord(models.Model):
    """A word or phrase a member would rather not read: posts containing it are collapsed for them."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="muted_words")
    phrase = models.CharField(max_length=60)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "phrase"], name="mute_each_phrase_once")]
        ordering = ["phrase"]

    def __str__(self) -> str:
        return self.phrase


class Block(models.Model):
    """Two members who no longer see each other's posts or notifications (either may have asked)."""

    blocker = models.ForeignKey(User, on_delete=models.CASCADE, related_name="blocks_made")
    blocked = models.ForeignKey(User, on_delete=models.CASCADE, related_name="blocks_received")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="block_each_member_once")]

    def __str__(self) -> str:
        return f"{self.blocker} blocked {self.blocked}"


DETAIL_SEPARATOR = "\n"


class Notification(models.Model):
    """One line in a member's notifications, consolidated while unread.

    Everything that happens to the same target (every reaction to a post, a thread's
    replies) while the member has not looked is one notification with a growing set
    of actors, so "4 people sent a hug and “I hear you”" rather than four lines.
    """

    class Kind(models.TextChoices):
        REPLY = "reply", "Replies to my threads"
        QUOTE = "quote", "Quotes of my posts"
        REACTION = "reaction", "Reactions to my posts"
        TEAM_MESSAGE = "team_message", "Messages from the safeguarding team"

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    target_key = models.CharField(max_length=80, help_text="What this consolidates on, e.g. post:12:hug.")
    url = models.CharField(max_length=200)
    subject = models.CharField(max_length=200)
    detail = models.CharField(
        max_length=60, blank=True, help_text="What was done, e.g. a hug; several, one a line, once consolidated."
    )
    actors = models.ManyToManyField(User, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["recipient", "read_at", "kind", "target_key"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient}: {self.subject}"

    @property
    def details(self) -> list[str]:
        return self.detail.split(DETAIL_SEPARATOR) if self.detail else []
