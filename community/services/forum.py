"""Starting threads, replying, editing and removing your own posts.

Each public function checks that the member may do it (can see the thread,
has accepted the house rules, is within the rate limit, wrote something that
fits) and then calls its do_* partner, which performs the change and assumes
it is valid. The demo seeding calls do_* directly to back-date conversations.
Text is rendered to safe HTML once, with community.markup, before the write
transaction opens: the order is the member's checks, then a rate-limit slot
(so a flood costs no rendering), then check_markup() (Markdown built to be slow
or deep is refused with markup's message, the member keeps their words), then
the gates, and only then one short transaction that saves. Saving reuses that
render (markup keeps the last few).

Before saving, moderation looks at the writing (services/gates.py asks it): a blocked
watched word refuses it (the member keeps their words); pre-moderation or a
held watched word saves it held (PostHold rows say why), waiting for a
moderator. release_hold() publishes a post once nothing holds it any more,
with its original time, and only then is it announced, counted and notified.

Thread summaries (reply count, last activity, last poster) are denormalised
for list pages; refresh_thread_activity() recomputes them from published
posts and is called after anything that changes which posts are published.
"""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from config.text import clean_text

from ..markup import MarkdownRefused, render_markdown
from ..models import (
    CONTENT_WARNING_MAX_LENGTH,
    POST_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Board,
    Post,
    PostHold,
    PostRevision,
    Thread,
)
from ..permissions import can_edit_post, can_quote, can_see_board, can_see_thread
from . import gates, notify, rate_limits
from .errors import ForumError
from .gates import check_can_participate
from .holds import hold_post
from .rules import check_house_rules_accepted

State = Post.State


# Checks ---------------------------------------------------------------------------


def check_body(body: str) -> str:
    body = clean_text(body).strip()
    if not body:
        raise ForumError("Please write something before posting.")
    if len(body) > POST_MAX_LENGTH:
        raise ForumError(
            f"Your post is {len(body):,} characters long; the limit is {POST_MAX_LENGTH:,}. "
            "Please shorten it, or split it over two posts."
        )
    return body


def check_title(title: str) -> str:
    title = " ".join(clean_text(title).split())
    if not title:
        raise ForumError("Please give your conversation a title.")
    if len(title) > TITLE_MAX_LENGTH:
        raise ForumError(f"Titles can be up to {TITLE_MAX_LENGTH} characters; yours is {len(title)}.")
    return title


def check_content_warning(content_warning: str) -> str:
    content_warning = " ".join(clean_text(content_warning).split())
    if len(content_warning) > CONTENT_WARNING_MAX_LENGTH:
        raise ForumError(f"Please keep the content warning to {CONTENT_WARNING_MAX_LENGTH} characters.")
    return content_warning


def check_markup(*texts: str) -> None:
    """Refuse writing whose Markdown is out of community.markup's bounds; call before the write transaction."""
    for text in texts:
        try:
            render_markdown(text)
        except MarkdownRefused as refused:
            raise ForumError(str(refused)) from None


def check_can_post_in_thread(author, thread: Thread) -> None:
    if not can_see_thread(author, thread):
        raise ForumError("This conversation isn't available.")


def check_can_edit(member, post: Post) -> None:
    if not (can_edit_post(member, post) and can_see_thread(member, post.thread)):
        raise ForumError("You can only change your own posts, and only while they are up.")


# Starting a thread ----------------------------------------------------------------


def start_thread(author, board: Board, title: str, body: str, content_warning: str = "") -> Thread:
    if not can_see_board(author, board):
        raise ForumError("This board isn't available.")
    check_can_participate(author)
    check_house_rules_accepted(author)
    title, body, content_warning = check_title(title), check_body(body), check_content_warning(content_warning)
    with rate_limits.slot(author, rate_limits.THREAD):
        check_markup(title, content_warning, body)
        gate = gates.check_new_post(author, title, content_warning, body)
        with transaction.atomic():
            thread = do_start_thread(author, board, title, body, content_warning, holds=gate.holds)
            gates.post_saved(thread.opening_post, gate)
        return thread


@transaction.atomic
def do_start_thread(
    author,
    board: Board,
    title: str,
    body: str,
    content_warning: str = "",
    created_at: datetime | None = None,
    holds: Iterable[str] = (),
) -> Thread:
    """A held opening post keeps the whole thread out of lists until it is published."""
    created_at = created_at or timezone.now()
    thread = Thread.objects.create(
        board=board,
        title=title,
        slug=_slug(title),
        author=author,
        content_warning=content_warning,
        created_at=created_at,
        last_activity_at=created_at,
        last_post_author=author,
    )
    thread.opening_post = _create_post(author, thread, body, content_warning, None, created_at, holds)
    thread.save(update_fields=["opening_post"])
    notify.writing_saved(thread.opening_post, title)
    notify.thread_started(thread)
    return thread


# Replying -------------------------------------------------------------------------


def add_reply(author, thread: Thread, body: str, content_warning: str = "", quoted: Post | None = None) -> Post:
    """Reply at the end of the thread, optionally quoting a published post in it."""
    check_can_post_in_thread(author, thread)
    if quoted is not None and not (quoted.thread_id == thread.pk and can_quote(quoted)):
        raise ForumError("That post can't be quoted any more. Your reply is kept below without the quote.")
    check_can_participate(author)
    check_house_rules_accepted(author)
    body, content_warning = check_body(body), check_content_warning(content_warning)
    with rate_limits.slot(author, rate_limits.REPLY):
        check_markup(content_warning, body)
        gate = gates.check_new_post(author, content_warning, body)
        with transaction.atomic():
            post = do_add_reply(author, thread, body, content_warning, quoted, holds=gate.holds)
            gates.post_saved(post, gate)
        return post


@transaction.atomic
def do_add_reply(
    author,
    thread: Thread,
    body: str,
    content_warning: str = "",
    quoted: Post | None = None,
    created_at: datetime | None = None,
    holds: Iterable[str] = (),
) -> Post:
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    post = _create_post(author, thread, body, content_warning, quoted, created_at or timezone.now(), holds)
    notify.writing_saved(post)
    refresh_thread_activity(thread)
    notify.reply_added(post)
    return post


# Editing and removing your own posts ---------------------------------------------


def edit_post(editor, post: Post, body: str, content_warning: str = "", title: str | None = None) -> Post:
    """Change your own post, keeping what it said before as a revision; title applies to opening posts only."""
    check_can_edit(editor, post)
    check_can_participate(editor)
    check_house_rules_accepted(editor)
    thread = Thread.objects.get(pk=post.thread_id)
    is_opening = thread.opening_post_id == post.pk
    body, content_warning = check_body(body), check_content_warning(content_warning)
    title = check_title(title) if is_opening and title is not None else thread.title
    if (body, content_warning, title) == (post.body, post.content_warning, thread.title):
        return post
    with rate_limits.slot(editor, rate_limits.EDIT):
        check_markup(title if is_opening else "", content_warning, body)
        gate = gates.check_edit(editor, post, title if is_opening else "", content_warning, body)
        with transaction.atomic():
            thread = Thread.objects.select_for_update().get(pk=post.thread_id)
            post = _do_edit(editor, post, thread, body, content_warning, title, is_opening, gate.holds)
            gates.edit_saved(post, gate)
        return post


def _do_edit(
    editor,
    post: Post,
    thread: Thread,
    body: str,
    content_warning: str,
    title: str,
    is_opening: bool,
    holds: Iterable[str],
) -> Post:
    replace_text(editor, post, body, content_warning, old_title=thread.title if is_opening else "")
    if is_opening:
        thread.title, thread.slug, thread.content_warning = title, _slug(title), content_warning
        thread.save(update_fields=["title", "slug", "content_warning"])
    for reason in holds:
        hold_post(post, reason)
    notify.writing_saved(post, title if is_opening else "")
    refresh_thread_activity(thread)
    notify.post_changed(post)
    return post


def replace_text(editor, post: Post, body: str, content_warning: str, old_title: str = "", **fields) -> None:
    """Put new words in a post, keeping what it said before as a revision (moderators can read it)."""
    PostRevision.objects.create(
        post=post, title=old_title, body=post.body, content_warning=post.content_warning, replaced_by=editor
    )
    post.body, post.body_html, post.content_warning = body, render_markdown(body), content_warning
    post.edited_at = timezone.now()
    for name, value in fields.items():
        setattr(post, name, value)
    post.save(update_fields=["body", "body_html", "content_warning", "edited_at", *fields])


@transaction.atomic
def remove_own_post(author, post: Post) -> Post:
    """Soft delete: the post stays in place as "removed by the author" so replies keep their context."""
    check_can_edit(author, post)
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    post.state = State.REMOVED_BY_AUTHOR
    post.save(update_fields=["state"])
    refresh_thread_activity(thread)
    notify.post_changed(post)
    return post


# Holds ----------------------------------------------------------------------------


def release_held_posts(sender, case, lead, **kwargs) -> None:
    """Receiver for safeguarding's case_acknowledged: a lead has looked, so the case's held posts may go live.

    A post also waiting for a moderator (pre-moderation, a watched word) stays held until they approve it.
    The hold is released on posts a moderator has taken down too, so restoring one later can publish it.
    """
    post_ids = case.items.filter(source=Post.SCREENED_AS).values_list("source_id", flat=True)
    for post in Post.objects.filter(pk__in=list(post_ids)).select_related("thread"):
        release_hold(post, (PostHold.Reason.SAFEGUARDING,))


@transaction.atomic
def release_hold(post: Post, reasons: Iterable[str]) -> bool:
    """Release the post's holds for these reasons; publish it if nothing else holds it. True if it went live.

    It goes live with its original time, and is announced, counted and notified as a new post would have been.
    """
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    post.refresh_from_db(fields=["state"])
    post.holds.filter(reason__in=list(reasons), released_at__isnull=True).update(released_at=timezone.now())
    if post.state != State.HELD or post.holds.filter(released_at__isnull=True).exists():
        return False
    post.state = State.PUBLISHED
    post.save(update_fields=["state"])
    refresh_thread_activity(thread)
    if thread.opening_post_id == post.pk:
        notify.thread_started(thread)
        notify.post_changed(post)
    else:
        notify.reply_added(post)
    return True


# Thread summaries -----------------------------------------------------------------


def refresh_thread_activity(thread: Thread) -> None:
    """Recompute reply count, last activity and last poster from published posts.

    Call inside the transaction that changed a post's state, holding the thread
    row (select_for_update), so concurrent replies cannot miscount.
    """
    published = Post.objects.filter(thread=thread, state=State.PUBLISHED)
    latest = published.order_by("-created_at", "-pk").values("created_at", "author_id").first()
    thread.reply_count = published.exclude(pk=thread.opening_post_id).count()
    thread.last_activity_at = latest["created_at"] if latest else thread.created_at
    thread.last_post_author_id = latest["author_id"] if latest else None
    thread.save(update_fields=["reply_count", "last_activity_at", "last_post_author"])


def _create_post(
    author, thread: Thread, body: str, content_warning: str, quoted: Post | None, at, holds: Iterable[str] = ()
) -> Post:
    post = Post.objects.create(
        thread=thread,
        author=author,
        state=State.PUBLISHED,
        body=body,
        body_html=render_markdown(body),
        content_warning=content_warning,
        quoted=quoted,
        created_at=at,
    )
    for reason in holds:
        hold_post(post, reason)
    return post


def _slug(title: str) -> str:
    return slugify(title)[:60].strip("-")
