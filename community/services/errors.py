"""The forum's member-facing error, shared by the services that refuse things (forum, reactions, moderation)."""


class ForumError(Exception):
    """A member-facing reason the forum cannot do what was asked."""
