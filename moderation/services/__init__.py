"""Moderation services: reports, review (the dispatcher), sanctions, notices, audit log, live queue."""
