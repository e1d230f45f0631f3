"""Every WebSocket route, gathered from the apps."""

from django.urls import path

from accounts.consumers import MemberStreamConsumer
from community.consumers import ForumStreamConsumer
from safeguarding.consumers import LeadsConsumer

websocket_urlpatterns = [
    path("ws/me/", MemberStreamConsumer.as_asgi()),
    path("ws/forum/thread/<int:thread_id>/", ForumStreamConsumer.as_asgi()),
    path("ws/forum/board/<int:board_id>/", ForumStreamConsumer.as_asgi()),
    path("ws/safeguarding/", LeadsConsumer.as_asgi()),
]
