"""Live forum updates: recording what changed, and telling each viewer in their own terms.

Services call record_post_changed() / record_thread_started() inside their
transaction. Each writes one ForumEvent row (an append-only log with a global,
increasing id) and, after commit, announces only the event's id and target to
the thread's or board's group. Every socket then renders the post or thread
for its own viewer, with the same include the page uses, so a hidden post
reaches a moderator as hidden and a member not at all, and blocks and muted
words apply.

Events are state-based ("post 12 changed: here is how it looks to you now"),
so replaying one twice, or out of order, shows the same result. A page renders
with the id of the last event before its data was read; a socket replays
everything after that id, so nothing that happened in between is lost.

Event ids follow commit order within a thread or board because recording takes
the thread's (or board's) row lock first; on SQLite every write is serialised anyway.
"""

from django.template.loader import render_to_string

from config.realtime import send_event_on_commit

from .models import Board, ForumEvent, Post, Thread
from .permissions import can_see_post
from .queries import thread_row
from .rendering import post_context

POST_CHANGED = "post"
THREAD_STARTED = "thread"
REPLAY_LIMIT = 500


def thread_group(thread_id: int) -> str:
    return f"forum-thread-{thread_id}"


def board_group(board_id: int) -> str:
    return f"forum-board-{board_id}"


def record_post_changed(post: Post) -> ForumEvent:
    """A post was added, edited, removed, restored or reacted to. Call inside the service's transaction."""
    Thread.objects.select_for_update().filter(pk=post.thread_id).exists()
    event = ForumEvent.objects.create(
        kind=POST_CHANGED, board_id=post.thread.board_id, thread_id=post.thread_id, post=post
    )
    send_event_on_commit(thread_group(post.thread_id), {"id": event.pk, "kind": POST_CHANGED, "post": post.pk})
    return event


def record_thread_started(thread: Thread) -> ForumEvent:
    Board.objects.select_for_update().filter(pk=thread.board_id).exists()
    event = ForumEvent.objects.create(kind=THREAD_STARTED, board_id=thread.board_id, thread=thread)
    send_event_on_commit(board_group(thread.board_id), {"id": event.pk, "kind": THREAD_STARTED, "thread": thread.pk})
    return event


def last_event_id() -> int:
    """Read before a page loads its data: replaying from here can only repeat, never miss."""
    latest = ForumEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    return latest or 0


def events_after(after: int, *, thread_id: int | None = None, board_id: int | None = None) -> list[dict]:
    if thread_id is not None:
        rows = ForumEvent.objects.filter(thread_id=thread_id, kind=POST_CHANGED, pk__gt=after)
    else:
        rows = ForumEvent.objects.filter(board_id=board_id, kind=THREAD_STARTED, pk__gt=after)
    rows = rows.order_by("pk").values("pk", "kind", "post_id", "thread_id")[:REPLAY_LIMIT]
    return [{"id": row["pk"], "kind": row["kind"], "post": row["post_id"], "thread": row["thread_id"]} for row in rows]


def payload_for(viewer, event: dict) -> dict:
    """What this viewer's page should do with the event: show or update something, or remove it."""
    if event["kind"] == POST_CHANGED:
        return _post_payload(viewer, event)
    return _thread_payload(viewer, event)


def _post_payload(viewer, event: dict) -> dict:
    post = Post.objects.select_related("author", "thread__board", "quoted__author").filter(pk=event["post"]).first()
    if post is None or not can_see_post(viewer, post):
        return {"type": "post.remove", "id": event["id"], "post": event["post"]}
    view = post_context(viewer, [post])[0]
    html = render_to_string("community/_post.html", {"item": view, "user": viewer, "thread": post.thread})
    return {
        "type": "post.upsert",
        "id": event["id"],
        "post": post.pk,
        "author": post.author.public_name if view.readable else None,
        "own": view.readable and post.author_id == viewer.pk,
        "html": html,
    }


def _thread_payload(viewer, event: dict) -> dict:
    thread = Thread.objects.filter(pk=event["thread"]).first()
    row = thread and thread_row(viewer, thread)
    if row is None:
        return {"type": "thread.remove", "id": event["id"], "thread": event["thread"]}
    html = render_to_string("community/_thread_row.html", {"thread": row, "user": viewer})
    return {"type": "thread.upsert", "id": event["id"], "thread": thread.pk, "html": html}
