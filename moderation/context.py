"""Template context: the member's unread moderation notices, and whether to show the queue link.

A peer moderator still in training gets the link too: it leads to their training.
"""

from .permissions import can_use_queue, needs_training
from .services.notices import unread_count


def notices(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_moderation_notices": unread_count(user), "moderator": can_use_queue(user) or needs_training(user)}
