"""Moderation: reports, one review queue, scoped peer moderators, sanctions. Built by the moderation issue."""
