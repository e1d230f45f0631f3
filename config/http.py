"""Small HTTP helpers shared by views."""

from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, default: str = "/") -> str:
    """The ?next= or POSTed next URL if it stays on this site, else default."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return default


def read_up_to(request) -> datetime:
    """When the page a "Mark as read" form came from was shown (its shown_at field), never later than now.

    Marking read only what was there then leaves anything that arrived since unread.
    """
    now = timezone.now()
    try:
        shown = parse_datetime(request.POST.get("shown_at", ""))
    except ValueError:
        shown = None
    if shown is None or timezone.is_naive(shown):
        return now
    return min(shown, now)
