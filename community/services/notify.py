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
from safeguarding.services.escalation import screen, should_hold

from .. import live
from ..markup import shown_text
from ..models import Post, PostHold, Reaction, Thread
from ..participation import Took, record
from ..permissions import can_see_thread
from .holds import hold_post

Kind = Notification.Kind


def writing_saved(post: Post, title: str = "") -> None:
    """Every new or edited post: its title (for an opening post), content warning and body, as typed and as shown.

    The post keeps the level it was screened at, so readers of a post at high or
    crisis risk see a calm note and only gentle reactions (rendering.PostView).
    With SAFEGUARDING_HOLD_CRISIS on, a crisis-level post waits, held, until a
    lead acknowledges its case (forum.release_held_posts). Call before the
    thread's summary is refreshed.
    """
    typed = "\n".join(part for part in (title, post.content_warning, post.body) if part)
    shown = "\n".join(part for part in (title, post.content_warning, shown_text(post.body)) if part)
    assessment = screen(post.author, typed, Post.SCREENED_AS, post.pk, reply_url(post), shown_as=shown)
    if post.risk_level != assessment.level:
        post.risk_level = assessment.level
        post.save(update_fields=["risk_level"])
    if should_hold(assessment):
        hold_post(post, PostHold.Reason.SAFEGUARDING)


def thread_started(thread: Thread) -> None:
    """A new thread, or one whose held opening post was published: counted once it is up."""
    live.record_thread_started(thread)
    if thread.opening_post.state == Post.State.PUBLISHED:
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
    if can_see_thread(thread.author, thread):
        notify(thread.author, Kind.REPLY, reply.author, f"thread:{thread.pk}", url, thread.title)
    quoted = reply.quoted
    if quoted is not None and quoted.author_id != thread.author_id and can_see_thread(quoted.author, thread):
        notify(quoted.author, Kind.QUOTE, reply.author, f"quote:{quoted.pk}", url, thread.title)


def reaction_added(reaction: Reaction) -> None:
    post = reaction.post
    live.record_post_changed(post)
    record(Took.REACTION, reaction.giver, board_id=post.thread.board_id, when=reaction.created_at)
    record(Took.REACTION_RECEIVED, reaction.receiver, board_id=post.thread.board_id, when=reaction.created_at)
    if can_see_thread(post.author, post.thread):
        key, label = f"post:{post.pk}:{reaction.kind}", reaction.get_kind_display()
        notify(post.author, Kind.REACTION, reaction.giver, key, reply_url(post), post.thread.title, label)


def reply_url(post: Post) -> str:
    return reverse("forum_post", args=[post.pk])
