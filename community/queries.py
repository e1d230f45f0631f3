"""What forum pages read: each function returns a queryset already filtered by the visibility rule.

Views paginate these and hand posts to rendering.post_context(). Every list is
fetched with the related rows its template shows, so a page costs the same
number of queries however long the thread or board is.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, CharField, F, OuterRef, Q, QuerySet, Subquery, Value, When

from .models import Board, Post, Room, Thread
from .permissions import boards_visible_to, posts_readable_by, posts_visible_to, threads_visible_to
from .room_permissions import visible_rooms

POSTS_PER_PAGE = 50
THREADS_PER_PAGE = 30
RESULTS_PER_PAGE = 20
POST_ORDER = ("created_at", "pk")


def boards_for(viewer) -> QuerySet:
    """Boards the viewer can see, each with the time of its latest activity the viewer can see."""
    latest = threads_visible_to(viewer, Thread.objects.filter(board=OuterRef("pk"))).order_by("-last_activity_at")
    boards = boards_visible_to(viewer, Board.objects.select_related("restricted_to"))
    return boards.annotate(latest_activity_at=Subquery(latest.values("last_activity_at")[:1]))


def places_for(viewer) -> list[dict]:
    """The boards and then the rooms the viewer can see, in their listed order, in one query (the sidebar)."""
    kind = lambda name: Value(name, output_field=CharField())  # noqa: E731
    boards = boards_visible_to(viewer).order_by().annotate(kind=kind("board"))
    rooms = visible_rooms(viewer, Room.objects.order_by()).annotate(kind=kind("room"))
    rows = boards.values_list("kind", "position", "title", "slug").union(
        rooms.values_list("kind", "position", "name", "slug")
    )
    fields = ("kind", "position", "name", "slug")
    return [dict(zip(fields, row, strict=True)) for row in rows.order_by("kind", "position", "title")]


def _listed(viewer, threads: QuerySet) -> QuerySet:
    return (
        threads_visible_to(viewer, threads)
        .select_related("board", "author", "last_post_author")
        .annotate(opening_state=F("opening_post__state"))
        .order_by("-last_activity_at", "-pk")
    )


def board_threads(viewer, board: Board) -> QuerySet:
    return _listed(viewer, board.threads.all())


def latest_threads(viewer) -> QuerySet:
    """Threads across every board the viewer can see, most recently active first."""
    return _listed(viewer, Thread.objects.all())


def thread_row(viewer, thread: Thread) -> Thread | None:
    """One thread loaded as the lists load it, for rendering a single _thread_row.html; None if not visible."""
    return _listed(viewer, Thread.objects.filter(pk=thread.pk)).first()


def thread_posts(viewer, thread: Thread) -> QuerySet:
    return posts_visible_to(viewer, thread.posts.all()).select_related("author", "quoted__author").order_by(*POST_ORDER)


def page_number_of(viewer, post: Post) -> int:
    """The page of its thread that a post appears on, for links to a single post."""
    earlier = Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)
    before = posts_visible_to(viewer, Post.objects.filter(earlier, thread_id=post.thread_id)).count()
    return before // POSTS_PER_PAGE + 1


def member_posts(viewer, member) -> QuerySet:
    """A member's threads and replies that the viewer may read, newest first."""
    posts = posts_readable_by(viewer, Post.objects.filter(author=member))
    return posts.select_related("thread__board").order_by("-created_at", "-pk")


def search_posts(viewer, text: str) -> QuerySet:
    """Posts the viewer may read that match: PostgreSQL full-text search, or a plain substring match on SQLite.

    A thread's title counts as part of its opening post only, so a title match finds the conversation once.
    """
    posts = posts_readable_by(viewer).select_related("thread__board", "author")
    if connection.vendor == "postgresql":
        return _full_text_search(posts, text)
    title_match = Q(thread__opening_post=F("pk"), thread__title__icontains=text)
    return posts.filter(Q(body__icontains=text) | title_match).order_by("-created_at", "-pk")


def _full_text_search(posts: QuerySet, text: str) -> QuerySet:
    opening_title = Case(When(thread__opening_post=F("pk"), then=F("thread__title")), default=Value(""))
    vector = SearchVector(opening_title, weight="A", config="english") + SearchVector(
        "body", weight="B", config="english"
    )
    query = SearchQuery(text, search_type="websearch", config="english")
    return (
        posts.annotate(search=vector)
        .filter(search=query)
        .annotate(rank=SearchRank(vector, query))
        .order_by("-rank", "-created_at")
    )
