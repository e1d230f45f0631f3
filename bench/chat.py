"""Chat fan-out under load, against the Channels tutorial pattern. Prints figures; it is not a test.

    .venv/bin/python bench/chat.py                                  # 100 members, 200 messages at 10/s, both modes
    .venv/bin/python bench/chat.py --members 1000 --messages 600    # the target load
    .venv/bin/python bench/chat.py --mode one                       # one Daphne, embedded (no Redis)
    .venv/bin/python bench/chat.py --mode two                       # two Daphne processes sharing Redis

It uses its own PostgreSQL database (created if missing; --database-url) and Redis
database 14, never the development ones. It creates the members and two rooms,
signs members in through the real login form over HTTP (the first --http-logins of
them: allauth limits logins to 30 a minute from one address, and each costs a
password hash; the rest get sessions minted the same way Django's login() does),
then starts the real server (`daphne bench.chat:application`: the site's ASGI
application plus one reference route) and, for each design in turn:

- connects every member's WebSocket to one room, spread over the server processes
  and over --client-procs client processes;
- has 50 or more members send --messages messages at --rate per second through
  their sockets (each body carries its send time);
- counts, at every socket, every message received: latency from send to receipt,
  lost (not received within 15 s of the last send) and duplicated.

"fan-out" is this project's design (community/room_consumers.py, config/fanout.py);
"reference" is the tutorial pattern (a consumer per socket in a Channels group; each
message saved with the same service, then group_send, and every consumer encodes and
sends it). docs/performance.md records the figures.
"""

import argparse
import asyncio
import json
import math
import multiprocessing
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "bench-password-2468"
REDIS_URL = "redis://127.0.0.1:6379/14"
FANOUT_ROOM, REFERENCE_ROOM = "bench-fanout", "bench-reference"
SECRET_KEY = "bench-only-" + "x" * 50  # the servers and the minted sessions must agree
BODY = re.compile(r"bench (\w+) (\d+):(\d+) ([\d.]+)")


# The server side: the site plus the reference consumer ----------------------------------


def __getattr__(name):
    """`daphne bench.chat:application` builds the application on first use (PEP 562)."""
    if name == "application":
        return _server_application()
    raise AttributeError(name)


def _server_application():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from channels.auth import AuthMiddlewareStack
    from channels.db import database_sync_to_async
    from channels.generic.websocket import AsyncWebsocketConsumer
    from channels.routing import ProtocolTypeRouter, URLRouter
    from django.urls import path

    from config.asgi import django_asgi_app
    from config.routing import websocket_urlpatterns
    from config.websocket import SameOriginOnly, SignedInOnly

    class ReferenceConsumer(AsyncWebsocketConsumer):
        """The Channels tutorial's chat consumer, saving through the same service."""

        async def connect(self):
            from community.models import Room

            self.room = await database_sync_to_async(Room.objects.get)(slug=self.scope["url_route"]["kwargs"]["slug"])
            self.group = f"reference-{self.room.pk}"
            await self.channel_layer.group_add(self.group, self.channel_name)
            await self.accept()

        async def disconnect(self, code):
            await self.channel_layer.group_discard(self.group, self.channel_name)

        async def receive(self, text_data=None, bytes_data=None):
            from community.services import chat, room_events

            data = json.loads(text_data)
            message = await database_sync_to_async(chat.send_message)(
                self.scope["user"], self.room, data["body"], data["token"]
            )
            event = await database_sync_to_async(room_events.message_event)(message)
            await self.channel_layer.group_send(self.group, {"type": "chat.message", "message": event})

        async def chat_message(self, event):
            await self.send(text_data=json.dumps(event["message"]))

    routes = [*websocket_urlpatterns, path("ws/reference/<slug:slug>/", ReferenceConsumer.as_asgi())]
    return ProtocolTypeRouter(
        {
            "http": django_asgi_app,
            "websocket": SameOriginOnly(AuthMiddlewareStack(SignedInOnly(URLRouter(routes)))),
        }
    )


# Setting up ---------------------------------------------------------------------------------


def _set_up_django(database_url: str) -> None:
    import psycopg

    parsed = urllib.parse.urlparse(database_url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "DEBUG": "1",
            "SECRET_KEY": SECRET_KEY,
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _members(count: int) -> list:
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from accounts.models import User
    from community.models import RuleAcceptance
    from community.services.rules import current_version

    existing = set(User.objects.filter(handle__startswith="bench").values_list("handle", flat=True))
    password = make_password(PASSWORD)
    new = [
        User(email=f"bench{n}@example.org", handle=f"bench{n}", password=password)
        for n in range(count)
        if f"bench{n}" not in existing
    ]
    User.objects.bulk_create(new, batch_size=1000)
    users = list(User.objects.filter(handle__in=[f"bench{n}" for n in range(count)]).order_by("pk"))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users], ignore_conflicts=True
    )
    version = current_version()
    if version:
        RuleAcceptance.objects.bulk_create(
            [RuleAcceptance(user=u, version=version) for u in users], ignore_conflicts=True
        )
    return users


def _rooms() -> None:
    from community.models import Room, RoomPresence

    for slug in (FANOUT_ROOM, REFERENCE_ROOM):
        Room.objects.get_or_create(slug=slug, defaults={"name": slug, "purpose": "Benchmark"})
    RoomPresence.objects.filter(room__slug__in=[FANOUT_ROOM, REFERENCE_ROOM]).delete()


def _http_login(base_url: str, email: str) -> str:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base_url}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD}).encode()
    request = urllib.request.Request(f"{base_url}/accounts/login/", data=form, headers={"Referer": base_url})
    opener.open(request).read()
    session = next((c.value for c in jar if c.name == "sessionid"), None)
    if not session:
        raise RuntimeError(f"Logging in {email} over HTTP failed")
    return session


def _minted_session(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _start_servers(count: int, redis_url: str, port: int) -> list[tuple[str, subprocess.Popen]]:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
        "EMAIL_URL": "console:",
    }
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    env["VAR_DIR"] = str(BASE_DIR / "var" / "bench" / "chat")  # DEBUG off serves collected, hashed static files
    manage = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"]
    subprocess.run(manage, cwd=BASE_DIR, env=env, check=True)
    servers = []
    for n in range(count):
        command = [sys.executable, "-m", "daphne", "-v", "0", "--websocket_connect_timeout", "60"]
        command += ["-p", str(port + n), "bench.chat:application"]
        process = subprocess.Popen(command, cwd=BASE_DIR, env=env)
        servers.append((f"http://127.0.0.1:{port + n}", process))
    for url, process in servers:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{url}/rules/", timeout=1).read()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError("Daphne exited; run it by hand to see why") from None
                time.sleep(0.1)
    return servers


def _stop(servers) -> None:
    for _, process in servers:
        process.terminate()
    for _, process in servers:
        process.wait(timeout=10)


# The clients --------------------------------------------------------------------------------


def _client(worker, sockets, path, quota, rate, nonce, ready, start, stop, results):
    """One client process: its share of sockets; some of them send."""
    asyncio.run(_client_main(worker, sockets, path, quota, rate, nonce, ready, start, stop, results))


async def _client_main(worker, sockets, path, quota, rate, nonce, ready, start, stop, results):
    import websockets

    latencies, counts, last_seen = [], [], []

    async def open_socket(server, cookie):
        url = server.replace("http://", "ws://") + path
        return await websockets.connect(
            url, origin=server, additional_headers={"Cookie": f"sessionid={cookie}"}, max_queue=None, open_timeout=120
        )

    limit = asyncio.Semaphore(20)

    async def connect(entry):
        async with limit:
            return await open_socket(entry[0], entry[1])

    connections = await asyncio.gather(*(connect(entry) for entry in sockets))
    received = [dict() for _ in connections]

    async def listen(index, ws):
        seen = received[index]
        try:
            async for frame in ws:
                if '"message"' not in frame[:20]:
                    continue
                match = BODY.search(frame)
                if not match or match.group(1) != nonce:
                    continue
                now = time.time()
                key = (int(match.group(2)), int(match.group(3)))
                seen[key] = seen.get(key, 0) + 1
                latencies.append(now - float(match.group(4)))
                last_seen.append(now)
        except websockets.ConnectionClosed:
            pass

    listeners = [asyncio.create_task(listen(i, ws)) for i, ws in enumerate(connections)]
    ready.put(worker)
    await asyncio.to_thread(start.wait)
    began = time.time()
    senders = [ws for ws, entry in zip(connections, sockets, strict=True) if entry[2]]
    for k in range(quota):
        delay = began + k / rate - time.time()
        if delay > 0:
            await asyncio.sleep(delay)
        body = f"bench {nonce} {worker}:{k} {time.time():.6f}"
        await senders[k % len(senders)].send(json.dumps({"type": "send", "body": body, "token": uuid.uuid4().hex}))
    results.put(("sent", worker, quota))
    await asyncio.to_thread(stop.wait)
    for ws in connections:
        await ws.close()
    for task in listeners:
        task.cancel()
    for seen in received:
        counts.append(seen)
    results.put(("done", worker, latencies, [dict(c) for c in counts], began, max(last_seen, default=began)))


def _run_load(servers, users, sessions, path, args, label) -> dict:
    """Connect every member, send the messages, and gather what each socket received."""
    procs = max(1, args.client_procs)
    senders_needed = max(50, math.ceil(args.rate * 10 / 4))
    nonce = uuid.uuid4().hex[:8]
    entries = [
        (servers[i % len(servers)][0], sessions[i], i < senders_needed) for i in range(len(users))
    ]  # (server, session, sends?)
    shares = [entries[w::procs] for w in range(procs)]
    quotas = [args.messages // procs + (1 if w < args.messages % procs else 0) for w in range(procs)]
    context = multiprocessing.get_context("spawn")
    ready, results = context.Queue(), context.Queue()
    start, stop_event = context.Event(), context.Event()
    workers = []
    for w in range(procs):
        process = context.Process(
            target=_client,
            args=(w, shares[w], path, quotas[w], args.rate / procs, nonce, ready, start, stop_event, results),
        )
        process.start()
        workers.append(process)
    for _ in range(procs):
        ready.get(timeout=300)
    time.sleep(2)  # presence updates from the connections settle
    start.set()
    sent = 0
    for _ in range(procs):
        _kind, _worker, quota = results.get(timeout=args.messages / args.rate + 120)
        sent += quota
    time.sleep(args.drain)
    stop_event.set()
    latencies, counts, began, ended = [], [], [], []
    for _ in range(procs):
        _kind, _worker, lat, cnt, b, e = results.get(timeout=120)
        latencies += lat
        counts += cnt
        began.append(b)
        ended.append(e)
    for process in workers:
        process.join(timeout=30)
    expected = {(w, k) for w in range(procs) for k in range(quotas[w])}
    deliveries = sum(sum(c.values()) for c in counts)
    lost = sum(len(expected - set(c)) for c in counts)
    duplicated = sum(sum(v - 1 for v in c.values()) for c in counts)
    elapsed = max(ended) - min(began)
    latencies.sort()

    def pct(p):
        return 1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else float("nan")

    return {
        "design": label,
        "clients": len(users),
        "messages": sent,
        "deliveries": deliveries,
        "per_s": deliveries / elapsed if elapsed else 0,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "max": 1000 * latencies[-1] if latencies else float("nan"),
        "lost": lost,
        "duplicated": duplicated,
    }


def _print(rows, mode) -> None:
    print(f"\n{mode}")
    header = "design     clients  messages  deliveries  deliveries/s   p50 ms   p95 ms   p99 ms   max ms  lost  dup"
    print(header)
    for r in rows:
        print(
            f"{r['design']:<10} {r['clients']:>7} {r['messages']:>9} {r['deliveries']:>11} {r['per_s']:>13.0f} "
            f"{r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} {r['max']:>8.1f} {r['lost']:>5} {r['duplicated']:>4}"
        )
    if len(rows) == 2 and rows[1]["per_s"]:
        print(f"fan-out / reference deliveries per second: {rows[0]['per_s'] / rows[1]['per_s']:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=100, help="Members connected to the room (default 100).")
    parser.add_argument("--messages", type=int, default=200, help="Messages sent in each run (default 200).")
    parser.add_argument("--rate", type=float, default=10, help="Messages per second (default 10).")
    parser.add_argument("--mode", choices=["one", "two", "both"], default="both", help="Server processes.")
    parser.add_argument("--client-procs", type=int, default=2, help="Client processes (default 2).")
    parser.add_argument("--http-logins", type=int, default=20, help="Members signed in over HTTP (default 20).")
    parser.add_argument("--drain", type=float, default=5, help="Seconds to wait for deliveries after the last send.")
    parser.add_argument("--port", type=int, default=8790, help="First server port (default 8790).")
    parser.add_argument("--design", choices=["fanout", "reference", "both"], default="both")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/kindred_chat_bench", help="PostgreSQL only."
    )
    args = parser.parse_args()
    _set_up_django(args.database_url)
    users = _members(args.members)
    _rooms()
    from django.db import connection

    from community.models import Room

    modes = {"one": [("one Daphne, embedded", 1, "")], "two": [("two Daphne processes, Redis", 2, REDIS_URL)]}
    modes["both"] = modes["one"] + modes["two"]
    sessions, http = None, min(args.http_logins, len(users))
    for title, count, redis_url in modes[args.mode]:
        servers = _start_servers(count, redis_url, args.port)
        try:
            if sessions is None:  # once per run: allauth allows 30 logins a minute from one address
                sessions = [_http_login(servers[0][0], u.email) for u in users[:http]]
                sessions += [_minted_session(u) for u in users[http:]]
            connection.close()
            rows = []
            if args.design in ("fanout", "both"):
                after = Room.objects.get(slug=FANOUT_ROOM).last_seq
                path = f"/ws/rooms/{FANOUT_ROOM}/?after={after}"
                rows.append(_run_load(servers, users, sessions, path, args, "fan-out"))
            if args.design in ("reference", "both"):
                rows.append(_run_load(servers, users, sessions, f"/ws/reference/{REFERENCE_ROOM}/", args, "reference"))
        finally:
            _stop(servers)
        print(f"({http} members signed in over HTTP, {len(users) - http} with minted sessions)")
        _print(rows, f"{title}: {args.members} members, {args.messages} messages at {args.rate:g}/s")


if __name__ == "__main__":
    main()
