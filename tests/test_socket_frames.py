"""Whatever a browser sends, every consumer answers a clear error frame and stays open: never a 1011.

Each endpoint gets the same corpus of malformed frames on one open socket; a
traceback in a consumer would surface here as the exception, a crash as a close.
"""

import pytest
from asgiref.sync import async_to_sync
from django.core.validators import ProhibitNullCharactersValidator

from community.models import ChatMessage

from .socket_fixtures import SOCKETS, open_socket

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.security("sockets")]

SEND = '{"type": "send", "body": %s, "token": "t1"}'

# (frame, the answer's code in a chat room, elsewhere); bytes are sent as a binary frame.
CORPUS = [
    ("[]", "not_an_object", "not_an_object"),
    ("1", "not_an_object", "not_an_object"),
    ("null", "not_an_object", "not_an_object"),
    ('"x"', "not_an_object", "not_an_object"),
    ("{not json", "invalid_json", "invalid_json"),
    ("", "invalid_json", "invalid_json"),
    ("\ud800", "invalid_json", "invalid_json"),  # a lone surrogate, raw
    ("[" * 5000 + "]" * 5000, "invalid_json", "too_large"),  # deeper than the JSON decoder's recursion
    ("x" * 100_000, "too_large", "too_large"),
    (b"\x00\xff", "binary", "binary"),
    ('{"type": 5}', "unknown_type", "unknown_type"),
    ('{"type": "shout"}', "unknown_type", "unknown_type"),
    ('{"body": "no type"}', "unknown_type", "unknown_type"),
    ('{"type": "send"}', "bad_field", "unknown_type"),
    (SEND % "5", "bad_field", "unknown_type"),
    (SEND % "true", "bad_field", "unknown_type"),
    (SEND % '["a list"]', "bad_field", "unknown_type"),
    (SEND % '"\\ud800"', "control_characters", "unknown_type"),  # a lone surrogate, escaped
    (SEND % '"hello\\u0000"', "control_characters", "unknown_type"),  # NUL, escaped
    (SEND % '"bell\\u0007"', "control_characters", "unknown_type"),
    (SEND % '"hello\x00"', "invalid_json", "invalid_json"),  # NUL, raw: strict JSON refuses it
    ('{"type": "send", "body": "hi", "token": "\\u0000"}', "control_characters", "unknown_type"),
]


async def drain(sock) -> None:
    while not await sock.receive_nothing(timeout=0.2):
        await sock.receive_output()


async def answer(sock, frame) -> dict:
    key = "bytes" if isinstance(frame, bytes) else "text"
    await sock.send_input({"type": "websocket.receive", key: frame})  # as Daphne would, even an empty frame
    while True:  # a room may send its state (late, on a busy machine) or presence meanwhile
        reply = await sock.receive_json_from(timeout=5)
        if reply["type"] in ("error", "pong"):
            return reply


@pytest.mark.parametrize("endpoint", list(SOCKETS))
def test_malformed_frames_get_an_error_frame_and_the_socket_stays_open(endpoint, make_member, make_host, admin_user):
    opened = SOCKETS[endpoint](make_member=make_member, make_host=make_host, admin_user=admin_user)
    in_room = endpoint == "room"

    async def scenario():
        sock = open_socket(opened)
        assert (await sock.connect())[0]
        await drain(sock)
        answers = [await answer(sock, frame) for frame, *_ in CORPUS]
        still_open = await answer(sock, '{"type": "ping"}')
        await sock.disconnect()
        return answers, still_open

    answers, still_open = async_to_sync(scenario)()
    for (frame, room_code, other_code), reply in zip(CORPUS, answers, strict=True):
        expected = room_code if in_room else other_code
        assert reply["type"] == "error" and reply["code"] == expected, (frame[:40], reply)
        assert reply["message"]
    assert still_open["type"] == ("pong" if in_room else "error")
    assert not ChatMessage.objects.exists()


def test_a_nul_byte_is_refused_in_the_words_the_forms_use(make_member, make_host):
    opened = SOCKETS["room"](make_member=make_member, make_host=make_host)

    async def scenario():
        sock = open_socket(opened)
        assert (await sock.connect())[0]
        await drain(sock)
        reply = await answer(sock, SEND % '"hello\\u0000"')
        await sock.disconnect()
        return reply

    assert async_to_sync(scenario)()["message"] == ProhibitNullCharactersValidator.message
