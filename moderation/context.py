"""Template context: the member's unread moderation notices, and which moderation links to show.

The whole moderation team gets the queue link, from roles alone (no query per page):
for a peer moderator still in training it leads to their training.
"""

from .permissions import can_confirm_training, can_manage_moderators, can_manage_watched_words, in_moderation_team
from .services.notices import unread_count


def notices(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_moderation_notices": unread_count(user),
        "moderator": in_moderation_team(user),
        # A callable, so the scope query runs only on pages that show the moderation navigation.
        "can_manage_watched_words": lambda: can_manage_watched_words(user),
        "can_manage_moderators": lambda: can_manage_moderators(user),
        "can_confirm_training": lambda: can_confirm_training(user),
    }
