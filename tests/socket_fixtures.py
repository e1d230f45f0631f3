"""Sockets for the socket tests: each identity that may open one, signed in, and the path it opens."""

from dataclasses import dataclass, field

from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import Group
from django.test import Client

from accounts.roles import Role
from community.models import Board, Room
from community.services import forum
from config.asgi import application
from moderation.models import ModeratorScope
from moderation.services import training


@dataclass
class Opened:
    """An identity with a signed-in browser, the socket path it opens, and what else the case needs."""

    user: object
    path: str
    client: Client
    extra: dict = field(default_factory=dict)


def open_socket(opened: Opened) -> WebsocketCommunicator:
    cookie = f"sessionid={opened.client.cookies['sessionid'].value}".encode()
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost"), (b"cookie", cookie)]
    return WebsocketCommunicator(application, opened.path, headers=headers)


async def until_closed(sock, timeout: float = 3.0) -> int:
    """Read past any frames to the close; the code it closed with."""
    while True:
        output = await sock.receive_output(timeout=timeout)
        if output["type"] == "websocket.close":
            return output["code"]


def signed_in(user, path: str, **extra) -> Opened:
    client = Client()
    client.force_login(user)
    return Opened(user, path, client, extra)


# The sockets, each for the identity that may open it ----------------------------------------


def me_stream(make_member, **_):
    return signed_in(make_member("robin"), "/ws/me/")


def thread_page(make_member, **_):
    author = make_member("sky")
    thread = forum.start_thread(author, Board.objects.create(title="Anxiety", slug="anxiety"), "Hello", "Hi all.")
    return signed_in(make_member("robin"), f"/ws/forum/thread/{thread.pk}/", thread=thread, author=author)


def restricted_board(make_member, **_):
    carers = Group.objects.create(name="Carers")
    board = Board.objects.create(title="Carers' corner", slug="carers", restricted_to=carers)
    member = make_member("robin")
    member.groups.add(carers)
    return signed_in(member, f"/ws/forum/board/{board.pk}/", group=carers)


def chat_room(make_member, make_host, **_):
    room = Room.objects.create(name="Evening check-in", slug="evening", purpose="How was your day?")
    return signed_in(make_member("robin"), "/ws/rooms/evening/", room=room, host=make_host(room))


def moderators_room(make_member, admin_user, **_):
    """The moderators' debrief room, for a trained peer moderator."""
    room = Room.objects.create(name="Debrief", slug="debrief", purpose="After a shift.", audience="moderators")
    moderator = make_member("kindmod", roles=(Role.MODERATOR,))
    training.confirm_all(moderator, by=admin_user)
    return signed_in(moderator, "/ws/rooms/debrief/", room=room)


def hosted_room(make_member, make_host, **_):
    """An on-request room its host was never approved into: they are in only as its host."""
    room = Room.objects.create(name="Grief", slug="grief", purpose="Loss.", membership=Room.Membership.ON_REQUEST)
    return signed_in(make_host(room), "/ws/rooms/grief/", room=room)


def queue(make_member, admin_user, **_):
    moderator = make_member("kindmod", roles=(Role.MODERATOR,))
    training.confirm_all(moderator, by=admin_user)
    ModeratorScope.objects.create(moderator=moderator, board=Board.objects.create(title="Anxiety", slug="anxiety"))
    return signed_in(moderator, "/ws/moderation/")


def leads_dashboard(make_member, **_):
    return signed_in(make_member("lead", roles=(Role.SAFEGUARDING_LEAD,)), "/ws/safeguarding/")


SOCKETS = {
    "me": me_stream,
    "thread": thread_page,
    "board": restricted_board,
    "room": chat_room,
    "queue": queue,
    "leads": leads_dashboard,
}
