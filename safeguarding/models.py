"""Safeguarding records: crisis services, the risk phrase list, and cases.

A Case is the one record a safeguarding lead works from, in the spirit of
Discourse's Reviewable: an explicit status, a level, the content that raised it
(snapshotted, so later edits or removals never change what the lead read), and
a history row for every step. A member has at most one case open at a time;
new concerns join it.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from .matching import Category, Level

LEVEL_CHOICES = [(level.value, level.label) for level in Level]
CATEGORY_CHOICES = [(category.value, category.value.replace("_", " ")) for category in Category]


PHONE_NUMBER = RegexValidator(r"^\+?[0-9][0-9 ]*$", "Digits and spaces only, with + first for an international number.")


class HelpService(models.Model):
    """A crisis line on "Need help now?", the help panel and the check-in.

    phone and sms_number make the line a tap to call or to text on a phone; how_to_contact
    is what the member reads (the link's words when the service has one number).
    """

    name = models.CharField(max_length=100)
    how_to_contact = models.CharField(max_length=200, help_text="For example: Call 116 123, or Text SHOUT to 85258.")
    phone = models.CharField(
        max_length=20, blank=True, validators=[PHONE_NUMBER], help_text="The number to call, e.g. 116 123."
    )
    sms_number = models.CharField(
        max_length=20, blank=True, validators=[PHONE_NUMBER], help_text="The number to text, e.g. 85258."
    )
    sms_text = models.CharField(
        max_length=40, blank=True, help_text="Words the text should start with, if the service asks, e.g. SHOUT."
    )
    hours = models.CharField(max_length=100, blank=True, help_text="For example: Free, 24 hours a day.")
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def tel_url(self) -> str:
        return f"tel:{self.phone.replace(' ', '')}" if self.phone else ""

    @property
    def sms_url(self) -> str:
        """sms:NUMBER?&body=WORDS: the "?&" form prefills the words on both Android and iOS."""
        if not self.sms_number:
            return ""
        body = f"?&body={quote(self.sms_text)}" if self.sms_text else ""
        return f"sms:{self.sms_number.replace(' ', '')}{body}"


class RiskPhrase(models.Model):
    """A phrase that signals risk, or an exception (a figure of speech that cancels a match)."""

    text = models.CharField(max_length=120)
    is_exception = models.BooleanField(default=False)
    level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES, default=Level.HIGH)
    category = models.CharField(max_length=20, choices=CATEGORY_CHOICES, blank=True)
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["text", "is_exception"], name="risk_phrase_once")]
        ordering = ["is_exception", "-level", "text"]

    def __str__(self) -> str:
        return self.text


class RiskListVersion(models.Model):
    """One row per change to the phrase list; the newest number tells every process to rebuild."""

    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    summary = models.CharField(max_length=300)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"Risk list version {self.pk}: {self.summary}"


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        IN_PROGRESS = "in_progress", "In progress"
        RESOLVED = "resolved", "Resolved"

    class Outcome(models.TextChoices):
        SIGNPOSTED = "signposted", "Signposted"
        CONTACTED_MEMBER = "contacted_member", "Contacted the member"
        EMERGENCY_SERVICES = "emergency_services", "Contacted emergency services"
        REFERRED = "referred", "Referred to another service"
        NO_ACTION = "no_action", "No action needed"
        FALSE_ALARM = "false_alarm", "False alarm"

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="safeguarding_cases")
    level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    # The member wrote of someone else at risk (a friend, family): they are not the one at risk.
    # True only while everything in the case is about someone else.
    about_someone_else = models.BooleanField(default=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    alert_rounds = models.PositiveIntegerField(default=0)
    last_alerted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=~Q(status="resolved"), name="one_unresolved_case_per_member"
            )
        ]
        indexes = [models.Index(fields=["status", "-level", "opened_at"], name="case_queue")]

    def __str__(self) -> str:
        return f"Case {self.pk} ({self.get_level_display()}, {self.get_status_display()})"


class CaseItem(models.Model):
    """What raised or joined the case, as it read at the time."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="items")
    source = models.CharField(max_length=30, help_text="What kind of writing: forum post, chat message, report...")
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    link = models.CharField(max_length=200, blank=True)
    snapshot = models.TextField()
    level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    matches = models.JSONField(default=list)
    categories = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.source} {self.source_id} in case {self.case_id}"


class CaseHistory(models.Model):
    """Every step in a case: opened, joined, alerted, acknowledged, viewed, noted, resolved."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="history")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=30)
    detail = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "case histories"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} on case {self.case_id}"


class AlertDelivery(models.Model):
    """One round of alerts for a case; unique, so a retried task never alerts twice for the same round."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="alerts")
    round = models.PositiveIntegerField()
    recipients = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "alert deliveries"
        constraints = [models.UniqueConstraint(fields=["case", "round"], name="alert_each_round_once")]

    def __str__(self) -> str:
        return f"Alert round {self.round} for case {self.case_id}"


class LeadDuty(models.Model):
    lead = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="duty")
    on_duty = models.BooleanField(default=False)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "lead duties"

    def __str__(self) -> str:
        return f"{self.lead} {'on' if self.on_duty else 'off'} duty"


class SupportOffer(models.Model):
    """A private, gentle offer of help shown to a member right after they wrote something worrying."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_offers")
    created_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(null=True, blank=True)
    # Worried about someone else: the panel says how to help them, not "are you safe".
    about_someone_else = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Support offer for {self.member}"


class RiskSignal(models.Model):
    """A counted assessment at any level above none, for anonymous metrics. Holds no text."""

    level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    categories = models.JSONField(default=list)
    source = models.CharField(max_length=30)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{Level(self.level).label} signal from {self.source}"


class MoodCheckInChoice(models.Model):
    """A member's choice to be asked "How are you today?", and the day they last answered.

    The only link between a member and the check-in: it says whether to ask, never what they said.
    """

    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mood_check_in")
    opted_in = models.BooleanField(default=False)
    last_answered_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "mood check-in choice"
        verbose_name_plural = "mood check-in choices"

    def __str__(self) -> str:
        return f"Mood check-in {'on' if self.opted_in else 'off'} for {self.member}"


class MoodCheckIn(models.Model):
    """One anonymous answer, counted for evaluation. Deliberately holds no link to the member."""

    class Colour(models.TextChoices):
        GREEN = "green", "Green: I'm doing OK"
        AMBER = "amber", "Amber: I'm finding things hard"
        RED = "red", "Red: I'm really struggling"

    colour = models.CharField(max_length=5, choices=Colour.choices)
    answered_on = models.DateField()

    class Meta:
        verbose_name = "mood check-in"
        verbose_name_plural = "mood check-ins"

    def __str__(self) -> str:
        return f"{self.colour} on {self.answered_on}"


class CaseMessage(models.Model):
    """A private message between the safeguarding team and the case's member.

    A lead writes (author set, reply_to empty); the member may answer each lead's
    message once (author is the member, reply_to the lead's message). Members see
    leads' messages as from "the safeguarding team", never a lead's handle.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    from_member = models.BooleanField(default=False)
    reply_to = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="reply", help_text="One reply each."
    )
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Message {self.pk} on case {self.case_id}"
