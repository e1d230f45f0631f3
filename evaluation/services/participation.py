"""Recording participation as it happens, for the anonymous metrics.

Community tells us through community.signals.took_part (took_part_receiver() below is
the receiver): its services inside their transaction, so a rolled-back post is
never counted, and its pages for reads. Sign-ups and sign-ins come from allauth's
and Django's signals (evaluation/apps.py). Reads are
recorded once per member, board and day: the cache remembers, so reading
costs nothing after the first page.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from ..models import Participation

Kind = Participation.Kind
KEY_LENGTH = 20


def member_key(user) -> str:
    """A stable pseudonym for counting: a keyed hash of the account id, not reversible without the secret."""
    return key_for_account(user.pk)


def key_for_account(account_id: int) -> str:
    secret = getattr(settings, "EVALUATION_SECRET", "") or settings.SECRET_KEY
    return salted_hmac("evaluation.member-key", str(account_id), secret=secret, algorithm="sha256").hexdigest()[
        :KEY_LENGTH
    ]


def record(kind: str, user, *, board_id: int = 0, room_id: int = 0, when=None) -> None:
    day = timezone.localdate(when) if when else timezone.localdate()
    where = {"day": day, "kind": kind, "member_key": member_key(user), "board_id": board_id, "room_id": room_id}
    if Participation.objects.filter(**where).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            Participation.objects.create(**where)
    except IntegrityError:  # another request created the row first
        Participation.objects.filter(**where).update(count=F("count") + 1)


def record_read(user, board_id: int) -> None:
    """Whether the member read this board today is all that counts: one insert, ignored if already there."""
    day, key = timezone.localdate(), member_key(user)
    if cache.add(f"evaluation:read:{key}:{board_id}:{day}", True, timeout=60 * 60 * 26):
        read = Participation(day=day, kind=Kind.READ, member_key=key, board_id=board_id)
        Participation.objects.bulk_create([read], ignore_conflicts=True)


def took_part_receiver(sender, kind: str, user, board_id: int = 0, room_id: int = 0, when=None, **kwargs) -> None:
    """The receiver of community.signals.took_part."""
    if kind == Kind.READ:
        record_read(user, board_id)
    else:
        record(kind, user, board_id=board_id, room_id=room_id, when=when)
