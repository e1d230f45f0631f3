"""Row-level research exports: one row per member for a period, under a pseudonym that cannot be linked.

Only for approved research, only while an administrator has switched them on
(ResearchSwitch), and every one is logged in ExportLog. A row holds a pseudonym,
an age band, the month the member joined and how many times they took part in
each way: no text, handles, emails, account ids or member keys. The age band
is the member's own optional answer in account settings, or "not given".

The pseudonym is an HMAC-SHA256 of the member key with a key made for this
export alone and then forgotten, so two exports cannot be joined row to row.
A linked panel (ResearchPanel), once an administrator approves it, keeps one key
on the server so that its exports can be joined, and only its requester uses it.

Small numbers: a join month shared by fewer than EVALUATION_SUPPRESS_BELOW
members in the export is given as its year, and a year shared by fewer as
"not shown"; an age band shared by fewer is "not shown", and so is one whose
pairing with a join month is that rare (then the month too, if still rare); an
export with fewer members than that is refused.
"""

import csv
import hashlib
import hmac
import io
import secrets
from collections import Counter, defaultdict

from django.db import transaction
from django.db.models import Min, Sum
from django.utils import timezone

from accounts import services as accounts
from accounts.roles import Role, has_role

from ..models import ExportLog, Participation, ResearchPanel, ResearchSwitch
from ..periods import Period
from ..suppression import threshold
from .participation import key_for_account

Kind = Participation.Kind
COUNTED_KINDS = [kind for kind in Kind.values if kind != Kind.SIGNUP]
COLUMNS = ["pseudonym", "period_from", "period_to", "age_band", "joined", *COUNTED_KINDS]
NOT_GIVEN = "not given"  # the age band is optional, asked in account settings
NOT_SHOWN = "not shown"
UNKNOWN = "before records"


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
    if not title.strip():
        raise ResearchError("Please name the study the panel is for.")
    return ResearchPanel.objects.create(title=title.strip(), requested_by=evaluator)


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


def member_rows(period: Period, key: bytes) -> list[dict]:
    """One row per member who took part in any way in the period, sorted by pseudonym (not by anything real)."""
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
    months = _coarsened({member_key: _month(joined.get(member_key)) for member_key in counts})
    given = {key_for_account(account_id): band for account_id, band in accounts.age_bands()}
    bands = _few_not_shown({member_key: given.get(member_key, NOT_GIVEN) for member_key in counts})
    bands, months = _rare_pairs_not_shown(bands, months)
    rows = [
        {
            "pseudonym": pseudonym(key, member_key),
            "period_from": period.first.isoformat(),
            "period_to": period.last.isoformat(),
            "age_band": bands[member_key],
            "joined": months[member_key],
            **{kind: kinds[kind] for kind in COUNTED_KINDS},
        }
        for member_key, kinds in counts.items()
    ]
    return sorted(rows, key=lambda row: row["pseudonym"])


def _month(day) -> str:
    return f"{day:%Y-%m}" if day else UNKNOWN


def _coarsened(months: dict[str, str]) -> dict[str, str]:
    """Join months shared by too few members become their year; years shared by too few are not shown."""
    below = threshold()
    per_month = Counter(months.values())
    coarse = {
        key: month if per_month[month] >= below or month == UNKNOWN else month[:4] for key, month in months.items()
    }
    return _few_not_shown(coarse)


def _few_not_shown(values: dict[str, str]) -> dict[str, str]:
    """Values shared by fewer than the threshold of the export's members become "not shown"."""
    per_value = Counter(values.values())
    return {key: value if per_value[value] >= threshold() else NOT_SHOWN for key, value in values.items()}


def _rare_pairs_not_shown(bands: dict[str, str], months: dict[str, str]) -> tuple[dict, dict]:
    """Where few members share an age band and join month together, hide the band, then if need be the month."""
    bands, months = dict(bands), dict(months)
    for hidden in (bands, months):
        pairs = Counter((bands[key], months[key]) for key in bands)
        for key in bands:
            if pairs[(bands[key], months[key])] < threshold():
                hidden[key] = NOT_SHOWN
    return bands, months


def do_research_export(*, requested_by, period: Period, panel: ResearchPanel | None = None) -> tuple[str, int]:
    """The CSV and its number of rows; logged. Refused while switched off, for another's panel, or for few members."""
    if not is_enabled():
        raise ResearchError("Research exports are switched off. An administrator can switch them on.")
    if panel is not None and not usable_panels(requested_by).filter(pk=panel.pk).exists():
        raise ResearchError("That panel is not approved for you.")
    key = bytes.fromhex(panel.key) if panel else secrets.token_bytes(32)  # forgotten after this export
    rows = member_rows(period, key)
    if len(rows) < threshold():
        raise ResearchError(f"Fewer than {threshold()} members took part in that period, so it cannot be exported.")
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
        first_day=period.first,
        last_day=period.last,
        file_format="csv",
    )
    return out.getvalue(), len(rows)
