"""Telling people what happened in the forum: safeguarding, open pages and members.

The do_* functions call these inside their transaction. Safeguarding screens
the writing in that same transaction, so a post is never saved without its
case; participation is counted for evaluation (never the words); live events
and unread counts leave after commit (community.live, accounts.notifications).
Nothing is announced for a held post until it is published.
"""

from django.urls import reverse

from accounts.models import Notification
from accounts.notifications import notify
from evaluation.services.participation import Kind as Took
from evaluation.services.participation import record
from safeguarding.services.escalation import screen

from .. import live
from ..models import Post, Reaction, Thread

Kind = Notification.Kind


def writing_saved(post: Post, text: str) -> None:
    """Every new or edited post (text includes the title for an opening post)."""
    screen(post.author, text, "forum post", post.pk, reply_url(post))


def thread_started(thread: Thread) -> None:
    live.record_thread_started(thread)
    record(Took.THREAD, thread.author, board_id=thread.board_id, when=thread.created_at)


def post_changed(post: Post) -> None:
    """Any change to how a post looks: an edit, a removal, a state change, a reaction count."""
    live.record_post_changed(post)


def reply_added(reply: Post) -> None:
    live.record_post_changed(reply)
    if reply.state != Post.State.PUBLISHED:
        return
    thread, url = reply.thread, reply_url(reply)
    record(Took.REPLY, reply.author, board_id=thread.board_id, when=reply.created_at)
    if thread.author_id != reply.author_id:
        record(Took.REPLY_RECEIVED, thread.author, board_id=thread.board_id, when=reply.created_at)
    notify(thread.author, Kind.REPLY, reply.author, f"thread:{thread.pk}", url, thread.title)
    if reply.quoted is not None and reply.quoted.author_id != thread.author_id:
        notify(reply.quoted.author, Kind.QUOTE, reply.author, f"quote:{reply.quoted_id}", url, thread.title)


def reaction_added(reaction: Reaction) -> None:
    post = reaction.post
    live.record_post_changed(post)
    record(Took.REACTION, reaction.giver, board_id=post.thread.board_id, when=reaction.created_at)
    record(Took.REACTION_RECEIVED, reaction.receiver, board_id=post.thread.board_id, when=reaction.created_at)
    key = f"post:{post.pk}:{reaction.kind}"
    notify(
        post.author, Kind.REACTION, reaction.giver, key, reply_url(post), post.thread.title, reaction.get_kind_display()
    )


def reply_url(post: Post) -> str:
    return reverse("forum_post", args=[post.pk])
