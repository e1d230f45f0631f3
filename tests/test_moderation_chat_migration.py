"""Moving chat rooms' hosts and ChatReport rows into moderation's scopes and review items loses nothing."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

pytestmark = pytest.mark.django_db(transaction=True)


def _by_suffix(loader, app: str, suffix: str) -> tuple[str, str]:
    """Found by name, not number, so renumbering when merging doesn't break the test."""
    return next(key for key in loader.disk_migrations if key[0] == app and key[1].endswith(suffix))


def _before_and_after():
    loader = MigrationLoader(connection)
    moves = _by_suffix(loader, "moderation", "_move_room_hosts_and_chat_reports")
    drops = _by_suffix(loader, "community", "_room_audience_and_hidden_messages")
    before = [node.key for node in loader.graph.node_map[moves].parents if node.key[0] in ("community", "moderation")]
    return before, [moves, drops]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_hosts_become_room_scopes_and_chat_reports_become_one_review_item(make_member):
    before, after = _before_and_after()
    old = _migrate(before)
    User = old.get_model("accounts", "User")
    host, author, first, second = (User.objects.get(pk=make_member().pk) for _ in range(4))
    room = old.get_model("community", "Room").objects.create(name="Evening", slug="evening", purpose="Evenings.")
    room.hosts.add(host)
    message = old.get_model("community", "ChatMessage").objects.create(
        room=room, seq=1, author=author, body="Hmm", body_html="Hmm"
    )
    ChatReport = old.get_model("community", "ChatReport")
    ChatReport.objects.create(message=message, reporter=first, reason="Feels pointed")
    ChatReport.objects.create(message=message, reporter=second)
    try:
        new = _migrate(after)
        scope = new.get_model("moderation", "ModeratorScope").objects.get()
        assert (scope.moderator_id, scope.room_id, scope.board_id) == (host.pk, room.pk, None)
        item = new.get_model("moderation", "ReviewItem").objects.get()
        assert (item.target_type, item.target_id, item.room_id, item.member_id) == (
            "chat_message",
            message.pk,
            room.pk,
            author.pk,
        )
        assert (item.report_count, item.reasons, item.status) == (2, ["other"], "pending")
        details = sorted(item.reports.values_list("reporter_id", "reason", "detail"))
        assert details[0] == (first.pk, "other", "Feels pointed")
        assert details[1][:2] == (second.pk, "other") and details[1][2]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
