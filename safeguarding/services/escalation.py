"""Screening what members write, and escalating risk to safeguarding leads.

screen() is called by every service that saves member text, inside that
service's transaction. At high or crisis it opens the member's case, or adds
to the one already open, in the same transaction as the content, so content
is never saved without its case. Leads hear of it after commit: live on the
dashboard, and by email through Celery. If Redis or the worker is down, the
case is still there: the dashboard shows it on load and by polling, and the
beat task sends the alert when the worker is back.
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from config.realtime import member_group, send_event_on_commit

from ..matching import Assessment, Level
from ..models import Case, CaseHistory, CaseItem, RiskSignal, SupportOffer
from ..signals import concern_found
from . import risk

logger = logging.getLogger(__name__)

LEADS_GROUP = "safeguarding-leads"
SUPPORT_HEADING_ID = "support-heading"  # the help panel's heading, in safeguarding/_support_panel.html
ESCALATE_AT = Level.HIGH


def screen(
    author, text: str, source: str, source_id: int | None = None, link: str = "", *, shown_as: str = ""
) -> Assessment:
    """Assess text as it is saved; record it for metrics, and escalate it if it shows risk.

    shown_as is the text as readers see it, when that differs from what was typed
    (Markdown emphasis inside a word, HTML character references): the more
    serious reading counts, so formatting can never hide risk.
    """
    assessment = max((risk.assess(version) for version in (text, shown_as or text)), key=lambda a: a.level)
    if assessment.level > Level.NONE:
        RiskSignal.objects.create(level=assessment.level, categories=list(assessment.categories), source=source)
    if assessment.level >= ESCALATE_AT:
        escalate(author, text, assessment, source, source_id, link)
    elif assessment.level == Level.MEDIUM:
        concern_found.send(
            sender=None, member=author, source=source, source_id=source_id, categories=list(assessment.categories)
        )
    return assessment


def should_hold(assessment: Assessment) -> bool:
    """Whether a forum post with this assessment should wait, unseen by others, until a lead has looked.

    True only at crisis level and when settings.SAFEGUARDING_HOLD_CRISIS is on.
    The caller holds the post; safeguarding.signals.case_acknowledged says when to release it.
    """
    return bool(getattr(settings, "SAFEGUARDING_HOLD_CRISIS", False)) and assessment.level >= Level.CRISIS


@transaction.atomic
def escalate(member, text: str, assessment: Assessment, source: str, source_id=None, link: str = "", by=None) -> Case:
    """Open the member's case (or join the open one) and offer them help, then alert leads after commit."""
    case, opened = _open_case_for(member, assessment, by)
    CaseItem.objects.create(
        case=case,
        source=source,
        source_id=source_id,
        link=link,
        snapshot=text,
        level=assessment.level,
        matches=[match.as_dict() for match in assessment.matches],
        categories=list(assessment.categories),
    )
    if not opened and (assessment.level > case.level or case.about_someone_else > assessment.about_someone_else):
        case.level = max(case.level, assessment.level)
        case.about_someone_else = False  # the writer is now at risk themselves
        case.save(update_fields=["level", "about_someone_else"])
    CaseHistory.objects.create(
        case=case,
        actor=by,
        action="opened" if opened else "joined",
        detail=f"{source}, {Level(assessment.level).label}",
    )
    offer_support(member, about_someone_else=assessment.about_someone_else)
    send_event_on_commit(LEADS_GROUP, {"type": "case.changed", "case": case.pk})
    transaction.on_commit(lambda: queue_alert(case.pk))
    return case


def _open_case_for(member, assessment: Assessment, by) -> tuple[Case, bool]:
    """The member's unresolved case, locked; or a new one. Safe when two posts race."""
    existing = Case.objects.select_for_update().exclude(status=Case.Status.RESOLVED).filter(member=member).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            return (
                Case.objects.create(
                    member=member, level=assessment.level, about_someone_else=assessment.about_someone_else
                ),
                True,
            )
    except IntegrityError:
        return Case.objects.select_for_update().exclude(status=Case.Status.RESOLVED).get(member=member), False


def offer_support(member, about_someone_else: bool = False) -> SupportOffer:
    """Shown privately to the member at once: on their next page, and live if they are connected.

    about_someone_else: the member is worried about someone else, so the panel says how to help them.
    """
    offer = SupportOffer.objects.create(member=member, about_someone_else=about_someone_else)
    send_event_on_commit(member_group(member.pk), {"type": "support.offer"})
    return offer


def queue_alert(case_id: int) -> None:
    """Hand the alert to Celery; if the broker is down, beat's overdue check sends it later."""
    from ..tasks import alert_leads

    try:
        alert_leads.delay(case_id)
    except Exception:
        logger.exception("Could not queue the alert for case %s; the overdue check will retry", case_id)


def has_open_case(member) -> bool:
    """Whether safeguarding is already involved: moderators may know this, never what the case holds."""
    return Case.objects.filter(member=member).exclude(status=Case.Status.RESOLVED).exists()


# Where a screened post or message stands with the leads, as moderators may be told it.
LEAD_STATUS_NOTES = {
    Case.Status.OPEN: "The safeguarding team has been alerted; a lead will pick this up.",
    Case.Status.ACKNOWLEDGED: "A safeguarding lead has this.",
    Case.Status.IN_PROGRESS: "A safeguarding lead has this.",
    Case.Status.RESOLVED: "A safeguarding lead has looked at this.",
}


def lead_status_notes(source: str, source_ids) -> dict[int, str]:
    """{source id: LEAD_STATUS_NOTES sentence} for screened writing that is in a case, in one query.

    For moderators, who may know that a lead has it, never what the case holds.
    Writing in several cases (written again after one was resolved) has its latest case's sentence.
    """
    items = CaseItem.objects.filter(source=source, source_id__in=list(source_ids)).order_by("created_at", "pk")
    latest = dict(items.values_list("source_id", "case__status"))
    return {source_id: LEAD_STATUS_NOTES[status] for source_id, status in latest.items()}


def unseen_support_offer(member) -> SupportOffer | None:
    if not member.is_authenticated:
        return None
    return member.support_offers.filter(seen_at__isnull=True).order_by("-pk").first()


def towards_support(member, url: str) -> str:
    """url, or the same page at its help panel when one is waiting for the member.

    For the redirect after a member wrote: without JavaScript the browser then opens the
    page where the panel is (beside the composer), not at the top or at their post. The
    fragment is the panel's heading, which can take focus: browsers focus a focusable
    fragment target (and Chromium takes focus away from the page for one that is not),
    so the member starts in the panel, with JavaScript or without.
    """
    if unseen_support_offer(member) is None:
        return url
    return f"{url.split('#')[0]}#{SUPPORT_HEADING_ID}"


def dismiss_support_offers(member) -> None:
    member.support_offers.filter(seen_at__isnull=True).update(seen_at=timezone.now())
