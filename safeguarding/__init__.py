"""Keeping people safe: crisis signposting now; risk detection and cases to follow."""
