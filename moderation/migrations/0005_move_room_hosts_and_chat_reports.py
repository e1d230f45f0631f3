"""Room hosts become room scopes, and ChatReport rows become review items.

A migration of its own, after the schema change: on PostgreSQL, rows written in
the same transaction as the new indexes would leave trigger events pending, and
the indexes (created at the end of a migration) could not be built.
"""

from django.db import migrations

OLD_REPORT_NOTE = "Reported from a chat room before report reasons were asked for."


def move_room_hosts_and_chat_reports(apps, schema_editor):
    """Room.hosts become room scopes, and ChatReport rows become one open review item per message.

    community's next migration drops Room.hosts and ChatReport, so nothing is lost.
    """
    Room = apps.get_model("community", "Room")
    ChatReport = apps.get_model("community", "ChatReport")
    ModeratorScope = apps.get_model("moderation", "ModeratorScope")
    ReviewItem = apps.get_model("moderation", "ReviewItem")
    Report = apps.get_model("moderation", "Report")
    for room in Room.objects.all():
        for host in room.hosts.all():
            ModeratorScope.objects.get_or_create(moderator=host, room=room)
    for chat_report in ChatReport.objects.select_related("message").order_by("created_at"):
        message = chat_report.message
        item, _ = ReviewItem.objects.get_or_create(
            target_type="chat_message",
            target_id=message.pk,
            status__in=["pending", "claimed"],
            defaults={
                "chat_message": message,
                "room_id": message.room_id,
                "member_id": message.author_id,
                "reasons": ["other"],
                "created_at": chat_report.created_at,
            },
        )
        Report.objects.get_or_create(
            item=item,
            reporter_id=chat_report.reporter_id,
            defaults={"reason": "other", "detail": chat_report.reason or OLD_REPORT_NOTE},
        )
        item.report_count = Report.objects.filter(item=item).count()
        item.priority = 20 + 10 * item.report_count  # moderation.services.reports.compute_priority for "other"
        item.save(update_fields=["report_count", "priority"])


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0005_post_holds"),
        ("moderation", "0004_chat_messages_and_room_scopes"),
    ]

    operations = [
        migrations.RunPython(move_room_hosts_and_chat_reports, migrations.RunPython.noop),
    ]
