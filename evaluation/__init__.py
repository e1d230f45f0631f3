"""Evaluation, the top app: anonymous participation metrics, wellbeing check-ins and research exports.

It reads every app below it and is told of participation through community.signals.took_part; never content
or identities leave it."""
