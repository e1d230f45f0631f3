"""A training module is confirmed by a lead or an administrator; the moderator only marks it read."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0005_move_room_hosts_and_chat_reports"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="trainingconfirmation",
            options={"ordering": ["pk"]},
        ),
        migrations.AddField(
            model_name="trainingconfirmation",
            name="confirmed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="trainingconfirmation",
            name="read_at",
            field=models.DateTimeField(blank=True, help_text="When the moderator said they had read it.", null=True),
        ),
        migrations.AlterField(
            model_name="trainingconfirmation",
            name="confirmed_at",
            field=models.DateTimeField(blank=True, help_text="When a lead or administrator confirmed it.", null=True),
        ),
    ]
