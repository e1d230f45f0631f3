"""Crisis services shown on the "Need help now?" page."""

from django.db import models


class HelpService(models.Model):
    name = models.CharField(max_length=100)
    how_to_contact = models.CharField(max_length=200, help_text="For example: Call 116 123, or Text SHOUT to 85258.")
    hours = models.CharField(max_length=100, blank=True, help_text="For example: Free, 24 hours a day.")
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name
