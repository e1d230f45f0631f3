"""Every WebSocket route, gathered from the apps."""

from django.urls import path

from accounts.consumers import MemberStreamConsumer
from community.consumers import ForumStreamConsumer
from community.room_consumers import RoomConsumer
from moderation.consumers import ModerationQueueConsumer
from safeguarding.consumers import LeadsConsumer

websocket_urlpatterns = [
    path("ws/me/", MemberStreamConsumer.as_asgi()),
    path("ws/forum/thread/<int:thread_id>/", ForumStreamConsumer.as_asgi()),
    path("ws/forum/board/<int:board_id>/", ForumStreamConsumer.as_asgi()),
    path("ws/rooms/<slug:slug>/", RoomConsumer.as_asgi()),
    path("ws/moderation/", ModerationQueueConsumer.as_asgi()),
    path("ws/safeguarding/", LeadsConsumer.as_asgi()),
]
