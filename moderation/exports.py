"""What a member did and was told in moderation, for their data export (accounts.personal_data).

The reports they made, the notices and sanctions they were given and, for the
team, their own moderating record. Withheld on purpose: review items, history and
the audit log about the member, which would show who reported them and what was
said (reporters must never be revealed), and every record of moderation work on
other members (it names them). The decisions a member is told of are in
moderation_notices and sanctions.
"""

from accounts.personal_data import Section

from .models import (
    MemberNotice,
    ModeratorScope,
    ModeratorSession,
    OffDuty,
    PreModeration,
    Report,
    Suspension,
    TrainingConfirmation,
    WatchedWord,
)
from .services.reports import outcome_for


def _at(moment) -> str | None:
    return moment.isoformat() if moment else None


def export_reports_made(user) -> list[dict]:
    """What kind of thing each report was about, the member's own words and the outcome, as on "Your reports"."""
    reports = Report.objects.filter(reporter=user).select_related("item").order_by("created_at")
    return [
        {
            "about": report.item.get_target_type_display(),
            "reason": report.get_reason_display(),
            "detail": report.detail,
            "at": _at(report.created_at),
            "outcome": outcome_for(report.item),
        }
        for report in reports
    ]


def export_notices(user) -> list[dict]:
    notices = MemberNotice.objects.filter(member=user).order_by("created_at", "pk")
    return [
        {
            "headline": notice.headline,
            "rule": notice.rule,
            "reason": notice.reason,
            "link": notice.link,
            "at": _at(notice.created_at),
            "read_at": _at(notice.read_at),
        }
        for notice in notices
    ]


def export_sanctions(user) -> dict:
    """Suspensions, automatic pauses and pre-moderation of the member: when and why, never by whom."""
    return {
        "suspensions": [
            {
                "automatic_pause": suspension.automatic,
                "starts_at": _at(suspension.starts_at),
                "ends_at": _at(suspension.ends_at),
                "ended_at": _at(suspension.ended_at),
                "reason": suspension.reason,
            }
            for suspension in Suspension.objects.filter(member=user).order_by("starts_at")
        ],
        "pre_moderation": [
            {"reason": row.reason, "started_at": _at(row.started_at), "ended_at": _at(row.ended_at)}
            for row in PreModeration.objects.filter(member=user).order_by("started_at")
        ],
    }


def export_moderating(user) -> dict | None:
    """A moderator's own record: what they moderate, their training, sessions, duty and watched words they added."""
    scopes = ModeratorScope.objects.filter(moderator=user).select_related("board", "room")
    training = TrainingConfirmation.objects.filter(moderator=user).select_related("module")
    record = {
        "boards": [scope.board.title for scope in scopes if scope.board_id],
        "rooms": [scope.room.name for scope in scopes if scope.room_id],
        "training": [
            {"module": row.module.title, "read_at": _at(row.read_at), "confirmed_at": _at(row.confirmed_at)}
            for row in training
        ],
        "sessions": [
            {"started_at": _at(session.started_at), "last_seen_at": _at(session.last_seen_at)}
            for session in ModeratorSession.objects.filter(moderator=user).order_by("started_at")
        ],
        "off_duty_since": _at(OffDuty.objects.filter(moderator=user).values_list("since", flat=True).first()),
        "watched_words_added": list(WatchedWord.objects.filter(added_by=user).values_list("text", flat=True)),
    }
    return record if any(record.values()) else None


SECTIONS = [
    Section("reports_made", export_reports_made, ("moderation.Report.reporter",)),
    Section("moderation_notices", export_notices, ("moderation.MemberNotice.member",)),
    Section("sanctions", export_sanctions, ("moderation.Suspension.member", "moderation.PreModeration.member")),
    Section(
        "moderating",
        export_moderating,
        (
            "moderation.ModeratorScope.moderator",
            "moderation.TrainingConfirmation.moderator",
            "moderation.ModeratorSession.moderator",
            "moderation.OffDuty.moderator",
            "moderation.WatchedWord.added_by",
        ),
    ),
]
ABOUT_YOU = (
    "Moderation records about you would show who reported you and what they said, and reporters are never "
    "revealed; what moderators decided and told you is in moderation_notices and sanctions."
)
OTHERS_WORK = "A record of moderation work on another member's content or account: it is about them."
WITHHELD = {
    "moderation.ReviewItem.member": ABOUT_YOU,
    "moderation.ModerationLog.member": ABOUT_YOU,
    "moderation.ReviewItem.claimed_by": OTHERS_WORK,
    "moderation.ReviewHistory.actor": OTHERS_WORK,
    "moderation.ModerationLog.actor": OTHERS_WORK,
    "moderation.Suspension.by": OTHERS_WORK,
    "moderation.PreModeration.started_by": OTHERS_WORK,
    "moderation.PreModeration.ended_by": OTHERS_WORK,
    "moderation.TrainingConfirmation.confirmed_by": "Confirming another moderator's training is about them; "
    "it is in the moderation log.",
}


def declared(**kwargs) -> tuple[list[Section], dict[str, str]]:
    """This app's answer to accounts.signals.export_requested."""
    return SECTIONS, WITHHELD
