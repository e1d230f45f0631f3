"""The per-process fan-out hub, without a server: one failing socket never costs the others their copy."""

import asyncio

import pytest

from config.fanout import ACCESS, ACCESS_TOPIC, CLOSE, MESSAGE, Hub, encode


class FakeSocket:
    def __init__(self, user_id: int, fails: bool = False):
        self.user_id, self.fails, self.received = user_id, fails, []

    async def fanout_push(self, text, seq, frame):
        if self.fails:
            raise ConnectionError("Attempt to send on a closed protocol")
        self.received.append((seq, frame["text"]))

    async def fanout_close(self):
        pass

    def fanout_recheck(self):
        self.rechecks = getattr(self, "rechecks", 0) + 1


def test_a_socket_that_closed_mid_delivery_does_not_stop_the_rest():
    sockets = [FakeSocket(1), FakeSocket(2, fails=True), FakeSocket(3)]

    async def run():
        hub = Hub()
        hub._ensure_running = _nothing
        for socket in sockets:
            await hub.join("room-1", socket, baseline=_zero)
        await hub.dispatch("room-1", encode(MESSAGE, '{"seq":1}', seq=1))
        await hub.dispatch("room-1", encode(MESSAGE, '{"seq":2}', seq=2))

    asyncio.run(run())
    assert sockets[0].received == [(1, '{"seq":1}'), (2, '{"seq":2}')]
    assert sockets[2].received == sockets[0].received


async def _nothing():
    return None


async def _zero():
    return 0


def test_a_removed_members_socket_is_closed_even_when_the_notice_cannot_be_written():
    closed = []

    class ClosingSocket(FakeSocket):
        async def fanout_close(self):
            closed.append(self.user_id)

    sockets = [ClosingSocket(1, fails=True), ClosingSocket(2)]

    async def run():
        hub = Hub()
        hub._ensure_running = _nothing
        for socket in sockets:
            await hub.join("room-1", socket, baseline=_zero)
        await hub.dispatch("room-1", encode(CLOSE, '{"type":"removed"}', to=1))

    asyncio.run(run())
    assert closed == [1]


@pytest.mark.security("sockets")
def test_an_access_change_reaches_only_that_members_sockets():
    sockets = [FakeSocket(1), FakeSocket(2), FakeSocket(1)]

    async def run():
        hub = Hub()
        hub._ensure_running = _nothing
        for socket in sockets:
            await hub.join(ACCESS_TOPIC, socket)
        await hub.dispatch(ACCESS_TOPIC, encode(ACCESS, to=1))

    asyncio.run(run())
    assert [getattr(socket, "rechecks", 0) for socket in sockets] == [1, 0, 1]


@pytest.mark.security("sockets")
def test_after_a_lost_redis_connection_every_socket_rechecks_its_access():
    """A push published while the connection was down is lost: every socket checks again instead."""
    sockets = [FakeSocket(1), FakeSocket(2)]

    class Reconnected:
        async def reset(self):
            pass

        async def subscribe(self, channel):
            pass

    async def run():
        hub = Hub()
        hub._ensure_running = _nothing
        hub.queue, hub.pubsub = asyncio.Queue(), None
        for socket in sockets:
            await hub.join(ACCESS_TOPIC, socket)
        hub.pubsub = Reconnected()
        await hub._resubscribe()
        while not hub.queue.empty():
            await hub.dispatch(*hub.queue.get_nowait())

    asyncio.run(run())
    assert [socket.rechecks for socket in sockets] == [1, 1]
