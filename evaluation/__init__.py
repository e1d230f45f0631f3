"""Evaluation: anonymous participation metrics and consented check-ins. Built by the evaluation issue."""
