"""Who may see which account pages."""


def can_view_profile(viewer, member) -> bool:
    """Profiles are for signed-in members only, and former members have none."""
    return viewer.is_authenticated and member.is_active and member.deleted_at is None
