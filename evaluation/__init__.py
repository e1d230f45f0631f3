"""Evaluation: anonymous participation metrics for evaluators and commissioners, never content or identities."""
