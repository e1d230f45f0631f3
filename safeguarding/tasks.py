"""Scheduled and queued safeguarding work."""

from celery import shared_task

from .services import alerts


@shared_task(autoretry_for=(Exception,), retry_backoff=5, retry_backoff_max=60, max_retries=None)
def alert_leads(case_id: int) -> bool:
    """Retried until it succeeds: an alert that fails to send (mail server down) is never dropped."""
    return alerts.send_alert_round(case_id)


@shared_task
def realert_overdue_cases() -> int:
    return alerts.realert_overdue()
