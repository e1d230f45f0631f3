"""An evaluator's or administrator's own evaluation work, and a member's wellbeing check-ins, for their data
export (accounts.personal_data). Not to be confused with services/exports.py, the evaluators' figure exports."""

from accounts.personal_data import Section

from .models import ExportLog, ResearchPanel
from .services.checkins import export_answers


def _at(moment) -> str | None:
    return moment.isoformat() if moment else None


def export_evaluation_work(user) -> dict | None:
    """The exports this person downloaded and the linked panels they asked for; no figures, nobody else."""
    exports = ExportLog.objects.filter(requested_by=user).order_by("created_at")
    panels = ResearchPanel.objects.filter(requested_by=user).order_by("requested_at")
    work = {
        "exports": [
            {
                "kind": export.get_kind_display(),
                "figures": export.get_figures_display(),
                "from": _at(export.first_day),
                "to": _at(export.last_day),
                "board": export.board_slug,
                "format": export.file_format,
                "at": _at(export.created_at),
            }
            for export in exports
        ],
        "panels_requested": [
            {"title": panel.title, "status": panel.get_status_display(), "requested_at": _at(panel.requested_at)}
            for panel in panels
        ],
    }
    return work if any(work.values()) else None


SECTIONS = [
    Section("wellbeing_check_ins", export_answers, ("evaluation.CheckInEnrolment.member",)),
    Section(
        "evaluation_work",
        export_evaluation_work,
        ("evaluation.ExportLog.requested_by", "evaluation.ResearchPanel.requested_by"),
    ),
]
WITHHELD = {
    "evaluation.ResearchSwitch.changed_by": "The site's one research-exports switch: a setting about no "
    "member, recording the administrator who last changed it.",
    "evaluation.ResearchPanel.decided_by": "An administrator's decision on another person's request for a "
    "linked panel: it is about their request.",
}


def declared(**kwargs) -> tuple[list[Section], dict[str, str]]:
    """This app's answer to accounts.signals.export_requested."""
    return SECTIONS, WITHHELD
