"""Scheduled moderation work: ending suspensions and returning lapsed claims to the queue."""

from celery import shared_task

from .services import review, sanctions


@shared_task
def end_expired_suspensions() -> int:
    return sanctions.end_expired_suspensions()


@shared_task
def lapse_claims() -> int:
    return review.lapse_claims()
