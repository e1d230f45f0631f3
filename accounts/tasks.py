"""Scheduled work for accounts."""

from celery import shared_task
from django.core import management

from . import notifications


@shared_task
def clear_expired_sessions() -> None:
    """Expired sessions are personal data with no further use: remove them."""
    management.call_command("clearsessions")


@shared_task
def send_daily_digests() -> int:
    return notifications.send_daily_digests()
