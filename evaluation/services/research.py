"""Row-level research exports: one row per member for a period, under a pseudonym that cannot be linked.

Only for approved research, only while an administrator has switched them on
(ResearchSwitch), only for a whole month or quarter that has ended, and every one
is logged in ExportLog. A row holds a pseudonym, an age band, the quarter the
member joined and, for each way of taking part, a band of how many times (0,
1-4, 5-19, 20 or more): no text, handles, emails, account ids, member keys or
raw counts. The age band is the member's own optional answer in account
settings, or "not given".

Raw counts would tie a row to a handle: thread and reply counts can be read off a
member's activity page, and their join month off their profile. So every column
but the pseudonym is a quasi-identifier, and the rows leave only through
suppression.k_anonymous: each row must be identical, pseudonym aside, to at least
EVALUATION_SUPPRESS_BELOW - 1 others. Rows in smaller groups are generalised
step by step (join quarter to year; bands to "0" or "1 or more"; age band not
shown; join not shown) and dropped if still rare; the export log records how
many rows ended at each step and how many were dropped.

The pseudonym is an HMAC-SHA256 of the member key with a key made for this
export alone and then forgotten, so two exports cannot be joined row to row.
A linked panel (ResearchPanel), once an administrator approves it, keeps one key
on the server so that its exports can be joined, and only its requester uses it.
"""

import csv
import hashlib
import hmac
import io
import secrets
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Min, Sum
from django.utils import timezone

from accounts import services as accounts
from accounts.roles import Role, has_role
from config.text import clean_text

from ..models import ExportLog, Participation, ResearchPanel, ResearchSwitch
from ..periods import KINDS, Period, PeriodError, check_reportable
from ..suppression import k_anonymous, threshold
from .participation import key_for_account

Kind = Participation.Kind
COUNTED_KINDS = [kind for kind in Kind.values if kind != Kind.SIGNUP]
QUASI_IDENTIFIERS = ["age_band", "joined", *COUNTED_KINDS]  # every column a reader might match to a member
COLUMNS = ["pseudonym", "period_from", "period_to", *QUASI_IDENTIFIERS]
NOT_GIVEN = "not given"  # the age band is optional, asked in account settings
NOT_SHOWN = "not shown"
UNKNOWN = "before records"
BANDS = ((20, "20 or more"), (5, "5-19"), (1, "1-4"), (0, "0"))  # lower bound, label: widest first
GENERALISATIONS = [
    "joined given as the year",
    "activity given as 0 or 1 or more",
    "age band not shown",
    "joined not shown",
]


class ResearchError(Exception):
    """A research export or panel request that cannot be done, with words for the evaluator."""


# The switch and panels -----------------------------------------------------------------


def is_enabled() -> bool:
    return ResearchSwitch.objects.filter(enabled=True).exists()


def _administrators_only(user) -> None:
    if not has_role(user, Role.ADMINISTRATOR):
        raise ResearchError("Only an administrator can do that.")


@transaction.atomic
def set_enabled(admin, enabled: bool) -> ResearchSwitch:
    _administrators_only(admin)
    switch, _created = ResearchSwitch.objects.select_for_update().get_or_create(pk=1)
    switch.enabled, switch.changed_by, switch.changed_at = enabled, admin, timezone.now()
    switch.save()
    return switch


def request_panel(evaluator, title: str) -> ResearchPanel:
    title = clean_text(title).strip()
    if not title:
        raise ResearchError("Please name the study the panel is for.")
    return ResearchPanel.objects.create(title=title, requested_by=evaluator)


@transaction.atomic
def decide_panel(admin, panel: ResearchPanel, approve: bool) -> ResearchPanel:
    _administrators_only(admin)
    panel = ResearchPanel.objects.select_for_update().get(pk=panel.pk)
    if panel.status != ResearchPanel.Status.REQUESTED:
        raise ResearchError("That panel has already been decided.")
    panel.status = ResearchPanel.Status.APPROVED if approve else ResearchPanel.Status.REFUSED
    panel.decided_by, panel.decided_at = admin, timezone.now()
    panel.key = secrets.token_hex(32) if approve else ""
    panel.save()
    return panel


def usable_panels(user):
    """The approved panels this evaluator asked for: only they export under its key."""
    return ResearchPanel.objects.filter(requested_by=user, status=ResearchPanel.Status.APPROVED)


# The export ----------------------------------------------------------------------------


def pseudonym(key: bytes, member_key: str) -> str:
    return hmac.new(key, member_key.encode(), hashlib.sha256).hexdigest()[:16]


@dataclass(frozen=True)
class Member:
    """What an export knows about one member before it is generalised."""

    age_band: str
    joined: str  # YYYY-Qn, or UNKNOWN
    counts: tuple[int, ...]  # one per COUNTED_KINDS


def band(count: int) -> str:
    return next(label for lowest, label in BANDS if count >= lowest)


def describe(member: Member, step: int) -> tuple:
    """The member's quasi-identifiers after `step` of the GENERALISATIONS (0: none)."""
    joined = member.joined if step < 1 or member.joined == UNKNOWN else member.joined[:4]
    bands = [band(count) if step < 2 else ("0" if count == 0 else "1 or more") for count in member.counts]
    return (member.age_band if step < 3 else NOT_SHOWN, joined if step < 4 else NOT_SHOWN, *bands)


def members_in(period: Period) -> dict[str, Member]:
    """Every member who took part in any way in the period (any kind but sign-up), by member key."""
    counts = defaultdict(Counter)
    taking_part = Participation.objects.filter(day__gte=period.first, day__lte=period.last, kind__in=COUNTED_KINDS)
    for member_key, kind, total in (
        taking_part.values("member_key", "kind").annotate(total=Sum("count")).values_list("member_key", "kind", "total")
    ):
        counts[member_key][kind] = total
    joined = dict(
        Participation.objects.filter(kind=Kind.SIGNUP, member_key__in=list(counts), day__lte=period.last)
        .values("member_key")
        .annotate(first=Min("day"))
        .values_list("member_key", "first")
    )
    given = {key_for_account(account_id): age for account_id, age in accounts.age_bands()}
    return {
        member_key: Member(
            age_band=given.get(member_key, NOT_GIVEN),
            joined=_quarter(joined.get(member_key)),
            counts=tuple(kinds[kind] for kind in COUNTED_KINDS),
        )
        for member_key, kinds in counts.items()
    }


def _quarter(day) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}" if day else UNKNOWN


def member_rows(period: Period, key: bytes) -> tuple[list[dict], dict]:
    """The rows that may leave, sorted by pseudonym (not by anything real), and what was done to them."""
    anonymised = k_anonymous(members_in(period), describe, GENERALISATIONS)
    rows = [
        {
            "pseudonym": pseudonym(key, member_key),
            "period_from": period.first.isoformat(),
            "period_to": period.last.isoformat(),
            **dict(zip(QUASI_IDENTIFIERS, values, strict=True)),
        }
        for member_key, values in anonymised.rows.items()
    ]
    return sorted(rows, key=lambda row: row["pseudonym"]), anonymised.treatment


def do_research_export(*, requested_by, period: Period, panel: ResearchPanel | None = None) -> tuple[str, int]:
    """The CSV and its number of rows; logged. Refused while switched off, for another's panel, for a period
    that is not a whole month or quarter that has ended, or when fewer than the threshold of rows could leave."""
    if not is_enabled():
        raise ResearchError("Research exports are switched off. An administrator can switch them on.")
    if panel is not None and not usable_panels(requested_by).filter(pk=panel.pk).exists():
        raise ResearchError("That panel is not approved for you.")
    if period.kind not in KINDS:
        raise ResearchError("Research exports are only for whole calendar months and quarters.")
    try:
        check_reportable(period)
    except PeriodError as error:
        raise ResearchError(str(error)) from None
    key = bytes.fromhex(panel.key) if panel else secrets.token_bytes(32)  # forgotten after this export
    rows, treatment = member_rows(period, key)
    if len(rows) < threshold():
        raise ResearchError(
            f"Fewer than {threshold()} members took part in that period in ways shared with at least "
            f"{threshold() - 1} others, so it cannot be exported."
        )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    ExportLog.objects.create(
        requested_by=requested_by,
        who=requested_by.handle,
        channel=ExportLog.Channel.DOWNLOAD,
        kind=ExportLog.Kind.PANEL if panel else ExportLog.Kind.RESEARCH,
        panel=panel,
        rows=len(rows),
        treatment=treatment,
        first_day=period.first,
        last_day=period.last,
        file_format="csv",
    )
    return out.getvalue(), len(rows)
