"""Posts remember what screening made of them, so readers of a post at high or crisis risk see a calm note.

Posts already screened into a safeguarding case get the level of their latest case
item, when that item holds the post as it reads now (a later, calmer edit makes no
case item, so an older item is not taken as the post's level).
"""

from django.db import migrations, models


def levels_from_case_items(apps, schema_editor):
    CaseItem = apps.get_model("safeguarding", "CaseItem")
    Post = apps.get_model("community", "Post")
    latest = {}
    items = CaseItem.objects.filter(source="forum post", source_id__isnull=False).order_by("created_at", "pk")
    for post_id, level, snapshot in items.values_list("source_id", "level", "snapshot").iterator():
        latest[post_id] = (level, snapshot)
    for post in Post.objects.filter(pk__in=list(latest)).only("pk", "body"):
        level, snapshot = latest[post.pk]
        if snapshot.endswith(post.body):
            Post.objects.filter(pk=post.pk).update(risk_level=level)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0007_post_moderator_note"),
        ("safeguarding", "0002_cases_and_risk_phrases"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="risk_level",
            field=models.PositiveSmallIntegerField(
                default=0,
                editable=False,
                help_text="What safeguarding's screening made of the post as last written (safeguarding.matching.Level): "
                "at high or crisis, other readers see a calm note and only gentle reactions. Never the words or the case.",
            ),
        ),
        migrations.RunPython(levels_from_case_items, migrations.RunPython.noop),
    ]
