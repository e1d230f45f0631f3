"""Template context: the member's unread moderation notices, and which moderation links to show."""

from .permissions import can_manage_watched_words, can_use_queue
from .services.notices import unread_count


def notices(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_moderation_notices": unread_count(user),
        "moderator": can_use_queue(user),
        # A callable, so the scope query runs only on pages that show the moderation navigation.
        "can_manage_watched_words": lambda: can_manage_watched_words(user),
    }
