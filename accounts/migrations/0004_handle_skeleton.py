"""Every member's handle skeleton, stored and indexed, so sign-up finds a look-alike in one lookup."""

from django.db import migrations, models

from accounts.handles import skeleton


def backfill(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    batch = []
    for user in User.objects.only("pk", "handle").iterator(chunk_size=2000):
        user.handle_skeleton = skeleton(user.handle)[:30]
        batch.append(user)
        if len(batch) == 2000:
            User.objects.bulk_update(batch, ["handle_skeleton"])
            batch = []
    User.objects.bulk_update(batch, ["handle_skeleton"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_optional_age_band"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="handle_skeleton",
            field=models.CharField(db_index=True, default="", editable=False, max_length=30),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
