"""Every WebSocket route, gathered from the apps."""

from django.urls import path

from accounts.consumers import MemberStreamConsumer

websocket_urlpatterns = [
    path("ws/me/", MemberStreamConsumer.as_asgi()),
]
