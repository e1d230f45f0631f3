"""Moderation: reports, one review queue, scoped peer moderators and their training, sanctions, watched words.

Above community: it acts on posts, messages and rooms through community's services and answers community.signals."""
