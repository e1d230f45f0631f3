"""Versioned ground rules and who accepted which version.

A RuleBook is one set of rules: the site's house rules now, each chat room's
ground rules later. Publishing never edits a version; it adds the next one, so
an acceptance always points at the exact text the member agreed to.
"""

from django.conf import settings
from django.db import models

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
