"""Training moderators confirmed for themselves counts as read, not confirmed.

Until now a peer moderator confirmed their own modules, so those rows say only
that the moderator read them. They become "read" on the same date, and a lead
or an administrator confirms them on /moderation/team/ (docs/moderation.md).
A migration of its own after the schema change, as 0005 explains for PostgreSQL.
"""

from django.db import migrations
from django.db.models import F


def self_confirmations_become_read(apps, schema_editor):
    TrainingConfirmation = apps.get_model("moderation", "TrainingConfirmation")
    TrainingConfirmation.objects.filter(confirmed_by__isnull=True, confirmed_at__isnull=False).update(
        read_at=F("confirmed_at"), confirmed_at=None
    )


def read_becomes_confirmed_again(apps, schema_editor):
    TrainingConfirmation = apps.get_model("moderation", "TrainingConfirmation")
    TrainingConfirmation.objects.filter(confirmed_at__isnull=True, read_at__isnull=False).update(
        confirmed_at=F("read_at")
    )


class Migration(migrations.Migration):
    dependencies = [("moderation", "0006_training_confirmed_by_a_lead")]

    operations = [migrations.RunPython(self_confirmations_become_read, read_becomes_confirmed_again)]
