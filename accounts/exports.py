"""A member's self-care choices and notifications, for their data export (accounts.personal_data)."""

from accounts.personal_data import Section

from .models import Block, MutedWord, Notification


def _at(moment) -> str | None:
    return moment.isoformat() if moment else None


def export_settings(user) -> dict:
    """The member's notification and self-care choices, as on their settings and self-care pages."""
    return {
        "notify_replies": user.notify_replies,
        "notify_quotes": user.notify_quotes,
        "notify_reactions": user.notify_reactions,
        "daily_digest": user.daily_digest,
        "on_break_until": _at(user.on_break_until),
    }


def export_muted_words(user) -> list[str]:
    return list(MutedWord.objects.filter(user=user).values_list("phrase", flat=True))


def export_blocks(user) -> list[dict]:
    """Members this member blocked, by public name only."""
    blocks = Block.objects.filter(blocker=user).select_related("blocked").order_by("created_at")
    return [{"member": block.blocked.public_name, "since": _at(block.created_at)} for block in blocks]


def export_notifications(user) -> list[dict]:
    """What each notification was about and how many people it gathered, never who they were."""
    notifications = Notification.objects.filter(recipient=user).prefetch_related("actors").order_by("created_at")
    return [
        {
            "kind": notification.get_kind_display(),
            "about": notification.subject,
            "detail": notification.detail,
            "link": notification.url,
            "people": len(notification.actors.all()),
            "at": _at(notification.updated_at),
            "read_at": _at(notification.read_at),
        }
        for notification in notifications
    ]


SECTIONS = [
    Section("muted_words", export_muted_words, ("accounts.MutedWord.user",)),
    Section("blocks", export_blocks, ("accounts.Block.blocker",)),
    Section("notifications", export_notifications, ("accounts.Notification.recipient",)),
]
WITHHELD = {
    "accounts.Block.blocked": "Who blocked you is their own self-care choice; telling you could expose them "
    "to the very member they stepped away from.",
    "accounts.Notification.actors": "These are other members' notifications about what you did; what you did "
    "(your posts, replies and reactions) is in forum_posts and reactions_given.",
}


def declared(**kwargs) -> tuple[list[Section], dict[str, str]]:
    """This app's answer to accounts.signals.export_requested."""
    return SECTIONS, WITHHELD
