"""Nightly pre-aggregation of the participation log, so the dashboard stays fast on a year of data.

do_build_day(day) replaces one day's summaries in one transaction, so running it
again (a late night, a retried task) never double counts. It writes:

- DailySummary: per board and kind, the sum of counts and distinct members. Sums
  add up across days, so activity over a period is a sum of small rows.
- DailyRoomAttendance: per chat room, how many different members were in it.
- DailyMembers: per flag (active, gave, received, read, joined), site-wide and per board,
  a bitmap of the members (by MemberNumber) who did that on the day. Distinct
  members over a period are the bits set in the OR of its days, so counting
  members, readers, givers and returning members never reads the log.

Readers (activity_by_board, signups, member_bitmaps, room_attendance) take whole summarised days from
the summaries and every other day (today, or a night the task did not run) from the log.
"""

from collections import Counter, defaultdict
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone

from ..models import DailyMembers, DailyRoomAttendance, DailySummary, MemberNumber, Participation

Kind = Participation.Kind
FLAGS = {
    "active": (Kind.THREAD, Kind.REPLY, Kind.CHAT_MESSAGE, Kind.REACTION),
    "gave": (Kind.REPLY, Kind.REACTION),
    "received": (Kind.REPLY_RECEIVED, Kind.REACTION_RECEIVED),
    "read": (Kind.READ,),
    "joined": (Kind.SIGNUP,),  # for retention by monthly cohort (evaluation/retention.py)
}
FLAGS_OF_KIND = defaultdict(list)
for _flag, _kinds in FLAGS.items():
    for _kind in _kinds:
        FLAGS_OF_KIND[_kind].append(_flag)
FLAGGED_KINDS = list(FLAGS_OF_KIND)
ATTENDING_ROOMS = (Kind.ROOM_VISIT, Kind.CHAT_MESSAGE)
WHOLE_SITE = None


def do_build_day(day: date) -> int:
    """Summarise one day of the log, replacing any earlier summary of it. Returns the summary rows written."""
    grouped = (
        Participation.objects.filter(day=day)
        .values("board_id", "kind")
        .annotate(total=Sum("count"), members=Count("member_key", distinct=True))
        .values_list("board_id", "kind", "total", "members")
    )
    now = timezone.now()
    rows = [
        DailySummary(day=day, board_id=board_id, kind=kind, total=total, members=members, built_at=now)
        for board_id, kind, total, members in grouped
    ]
    with transaction.atomic():
        numbers = _number_members(Participation.objects.filter(day=day).values("member_key"))
        bitmaps = _bitmaps_from_log([day], numbers, by_board=True)
        DailySummary.objects.filter(day=day).delete()
        DailySummary.objects.bulk_create(rows)
        DailyMembers.objects.filter(day=day).delete()
        DailyMembers.objects.bulk_create(
            DailyMembers(day=day, board_id=board_id, flag=flag, bits=_to_bytes(bits))
            for (_day, board_id, flag), bits in bitmaps.items()
        )
        DailyRoomAttendance.objects.filter(day=day).delete()
        DailyRoomAttendance.objects.bulk_create(
            DailyRoomAttendance(day=day, room_id=room_id, members=members)
            for _day, room_id, members in _room_attendance_from_log(Participation.objects.filter(day=day))
        )
    return len(rows)


def _room_attendance_from_log(log) -> list[tuple[date, int, int]]:
    return list(
        log.filter(kind__in=ATTENDING_ROOMS, room_id__gt=0)
        .values("day", "room_id")
        .annotate(members=Count("member_key", distinct=True))
        .values_list("day", "room_id", "members")
    )


def room_attendance(first: date, last: date) -> list[tuple[date, int, int]]:
    """(day, room, distinct members in it) for each room with anyone in it: summaries where built, else the log."""
    built = summarised_days(first, last)
    stored = list(DailyRoomAttendance.objects.filter(day__in=built).values_list("day", "room_id", "members"))
    if len(built) == (last - first).days + 1:
        return stored
    return stored + _room_attendance_from_log(
        Participation.objects.filter(day__gte=first, day__lte=last).exclude(day__in=built)
    )


def _number_members(keys) -> dict[str, int]:
    """Numbers for these member keys (a queryset of member_key values), giving new keys the next numbers."""
    known = dict(MemberNumber.objects.filter(member_key__in=keys).values_list("member_key", "pk"))
    new = set(keys.values_list("member_key", flat=True).distinct()) - known.keys()
    if new:
        MemberNumber.objects.bulk_create([MemberNumber(member_key=key) for key in sorted(new)], ignore_conflicts=True)
        known.update(MemberNumber.objects.filter(member_key__in=keys).values_list("member_key", "pk"))
    return known


def _numbers_for_reading(keys) -> dict[str, int]:
    """Numbers for a read-only view: known ones, and temporary ones above the highest for keys not yet numbered."""
    known = dict(MemberNumber.objects.filter(member_key__in=keys).values_list("member_key", "pk"))
    following = (MemberNumber.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    for offset, key in enumerate(sorted(set(keys.values_list("member_key", flat=True)) - known.keys())):
        known[key] = following + offset
    return known


def _bitmaps_from_log(days, numbers: dict[str, int], *, by_board: bool, board_id: int | None = None) -> dict:
    """{(day, board or WHOLE_SITE, flag): bitmap} straight from the log for these days."""
    rows = Participation.objects.filter(day__in=days, kind__in=FLAGGED_KINDS)
    if board_id:
        rows = rows.filter(board_id=board_id)
    members = defaultdict(set)
    for day, key, kind, row_board in rows.values_list("day", "member_key", "kind", "board_id"):
        number = numbers[key]
        for flag in FLAGS_OF_KIND[kind]:
            members[(day, board_id or WHOLE_SITE, flag)].add(number)
            if by_board and row_board:
                members[(day, row_board, flag)].add(number)
    return {where: _bitmap(numbers_set) for where, numbers_set in members.items()}


def _bitmap(numbers) -> int:
    bits = bytearray(max(numbers) // 8 + 1)
    for number in numbers:
        bits[number // 8] |= 1 << (number % 8)
    return int.from_bytes(bits, "little")


def _to_bytes(bits: int) -> bytes:
    return bits.to_bytes((bits.bit_length() + 7) // 8, "little")


def summarised_days(first: date, last: date) -> set[date]:
    """Days with a summary, before today: today's log is still growing, so it is always read from the log."""
    last = min(last, timezone.localdate() - timedelta(days=1))
    return set(DailySummary.objects.filter(day__gte=first, day__lte=last).values_list("day", flat=True).distinct())


def member_bitmaps(first: date, last: date, board_id: int | None = None) -> dict[str, list[int]]:
    """For each flag, one bitmap of members per day from first to last (index 0 is first)."""
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    index = {day: position for position, day in enumerate(days)}
    result = {flag: [0] * len(days) for flag in FLAGS}
    built = summarised_days(first, last)
    stored = DailyMembers.objects.filter(day__in=built)
    stored = stored.filter(board_id=board_id) if board_id else stored.filter(board_id__isnull=True)
    for day, flag, bits in stored.values_list("day", "flag", "bits"):
        result[flag][index[day]] = int.from_bytes(bits, "little")
    missing = [day for day in days if day not in built]
    if missing:
        log = Participation.objects.filter(day__in=missing, kind__in=FLAGGED_KINDS)
        if board_id:
            log = log.filter(board_id=board_id)
        numbers = _numbers_for_reading(log.values("member_key"))
        for (day, _board, flag), bits in _bitmaps_from_log(missing, numbers, by_board=False, board_id=board_id).items():
            result[flag][index[day]] = bits
    return result


def activity_by_board(first: date, last: date) -> dict[int, Counter]:
    """{board (0: none, as for chat): sum of counts per kind} over the days first to last: summaries where
    built, the log elsewhere. One grouped query each, so every board's figures cost what the site's do."""
    built = summarised_days(first, last)
    rows = list(
        DailySummary.objects.filter(day__in=built)
        .values("board_id", "kind")
        .annotate(sum=Sum("total"))
        .values_list("board_id", "kind", "sum")
    )
    if len(built) < (last - first).days + 1:
        log = Participation.objects.filter(day__gte=first, day__lte=last).exclude(day__in=built)
        rows += log.values("board_id", "kind").annotate(sum=Sum("count")).values_list("board_id", "kind", "sum")
    totals = defaultdict(Counter)
    for board_id, kind, total in rows:
        totals[board_id or 0][kind] += total
    return totals


def signups(first: date, last: date) -> int:
    """New members: each joins once, so a day's distinct joiners add up across days."""
    built = summarised_days(first, last)
    kind = Participation.Kind.SIGNUP
    from_summaries = DailySummary.objects.filter(day__in=built, kind=kind).aggregate(n=Sum("members"))["n"] or 0
    from_log = (
        Participation.objects.filter(day__gte=first, day__lte=last, kind=kind)
        .exclude(day__in=built)
        .values("member_key")
        .distinct()
        .count()
    )
    return from_summaries + from_log


def yesterday() -> date:
    return timezone.localdate() - timedelta(days=1)
