"""Scheduled housekeeping for accounts."""

from celery import shared_task
from django.core import management


@shared_task
def clear_expired_sessions() -> None:
    """Expired sessions are personal data with no further use: remove them."""
    management.call_command("clearsessions")
