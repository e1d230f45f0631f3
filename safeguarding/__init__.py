"""Keeping people safe: screening what members write, cases and alerts for the leads, the team on duty, crisis services.

Below community and moderation, which call its screening; it tells them of cases through safeguarding.signals."""
