"""Home, house-rules and forum pages: thin over community.services and community.queries."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.adapter import is_first_visit
from accounts.models import User
from accounts.permissions import can_view_profile
from config.http import safe_next
from safeguarding.services.escalation import towards_support

from . import live, participation, queries
from .forms import PostForm, ReplyForm, SearchForm, ThreadForm
from .markup import MarkdownRefused, render_markdown
from .models import Board, Post, Thread
from .permissions import (
    boards_visible_to,
    can_edit_post,
    can_quote,
    can_see_revisions,
    posts_visible_to,
    threads_visible_to,
)
from .rendering import post_context
from .services import forum, rate_limits, reactions, rules
from .services.rate_limits import RateLimited
from .services.rules import RulesAcceptanceRequired

HOME_LATEST_COUNT = 6


@require_GET
def places(request):
    """The desktop sidebar's boards and rooms, fetched by menu.js so no page pays a query for it."""
    places = queries.places_for(request.user)
    return render(request, "community/_places.html", {"places": places})


@login_not_required
def home(request):
    if not request.user.is_authenticated:
        return render(request, "community/landing.html", {"rules": rules.current_version()})
    if rules.last_accepted_version(request.user) is None and rules.current_version():
        return redirect("rules_accept")
    context = {
        "boards": queries.boards_for(request.user),
        "latest": queries.latest_threads(request.user)[:HOME_LATEST_COUNT],
        "first_visit": is_first_visit(request),
    }
    return render(request, "community/home.html", context)


@login_not_required
def house_rules(request):
    return render(request, "community/rules.html", {"version": rules.current_version()})


@require_http_methods(["GET", "POST"])
def accept_house_rules(request):
    version = rules.current_version()
    next_url = safe_next(request)
    if version is None:
        return redirect(next_url)
    if request.method == "POST" and str(version.pk) == request.POST.get("version"):
        rules.accept_rules(request.user, version)
        return redirect(next_url)
    previous = rules.last_accepted_version(request.user)
    context = {
        "version": version,
        "previous": previous,
        "already_accepted": previous is not None and previous.pk == version.pk,
        "changes": rules.changed_lines(previous, version),
        "next": next_url,
    }
    return render(request, "community/rules_accept.html", context)


# The forum ------------------------------------------------------------------------
# Each view finds what the viewer may see (404 otherwise), calls one service and
# renders. Refused posts re-render their form with the member's words; a member
# who must first accept the house rules has their words kept in the session and
# given back when they return.

DRAFT_SESSION_KEY = "forum_draft"
DRAFT_FIELDS = ("title", "body", "warning", "warning_other", "quote")
REFUSALS = (forum.ForumError, RateLimited)
WAITING_FOR_MODERATOR = (
    "Thank you. Your post is waiting for a moderator; only you and the moderators can see it until it is approved."
)


def forum_index(request):
    return render(request, "community/forum_index.html", {"boards": queries.boards_for(request.user)})


def board_page(request, slug):
    board = _board_or_404(request.user, slug)
    live_after = live.last_event_id()
    threads = Paginator(queries.board_threads(request.user, board), queries.THREADS_PER_PAGE)
    page = threads.get_page(request.GET.get("page"))
    return render(request, "community/board.html", {"board": board, "page": page, "live_after": live_after})


@require_http_methods(["GET", "POST"])
def new_thread(request, slug):
    board = _board_or_404(request.user, slug)
    form = ThreadForm(request.POST or None, initial=_take_draft(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            thread = forum.start_thread(request.user, board, data["title"], data["body"], data["content_warning"])
        except RulesAcceptanceRequired:
            return _accept_rules_first(request)
        except REFUSALS as refusal:
            messages.error(request, str(refusal))
        else:
            if thread.opening_post.state == Post.State.HELD:
                messages.info(request, WAITING_FOR_MODERATOR)
            else:
                messages.success(request, "Your conversation has started. Thank you for sharing.")
            return redirect(towards_support(request.user, thread.get_absolute_url()))
    return render(request, "community/thread_form.html", {"board": board, "form": form})


@require_http_methods(["GET", "POST"])
def thread_page(request, thread_id, slug=None):
    viewer = request.user
    thread = get_object_or_404(
        threads_visible_to(viewer, Thread.objects.select_related("board", "author")), pk=thread_id
    )
    initial = _take_draft(request) or {"quote": request.GET.get("quote")}
    form = ReplyForm(request.POST or None, initial=initial)
    quoting = _quotable(viewer, thread, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            post = forum.add_reply(viewer, thread, data["body"], data["content_warning"], quoting)
        except RulesAcceptanceRequired:
            return _accept_rules_first(request)
        except REFUSALS as refusal:
            messages.error(request, str(refusal))
        else:
            if post.state == Post.State.HELD:
                messages.info(request, WAITING_FOR_MODERATOR)
            return redirect(towards_support(viewer, _location_of(viewer, post)))
    page_number = request.GET.get("page") or (quoting and queries.page_number_of(viewer, quoting))
    live_after = live.last_event_id()
    participation.record_read(viewer, thread.board_id)
    page = Paginator(queries.thread_posts(viewer, thread), queries.POSTS_PER_PAGE).get_page(page_number)
    context = {
        "thread": thread,
        "board": thread.board,
        "page": page,
        "posts": post_context(viewer, page.object_list),
        "form": form,
        "quoting": quoting,
        "live_after": live_after,
    }
    return render(request, "community/thread.html", context)


def post_link(request, post_id):
    """A link to one post: the page of its thread it is on, scrolled to it."""
    return redirect(_location_of(request.user, _post_or_404(request.user, post_id)))


@require_http_methods(["GET", "POST"])
def edit_post(request, post_id):
    post = _post_or_404(request.user, post_id)
    if not can_edit_post(request.user, post):
        raise Http404("You can only change your own posts.")
    thread = post.thread
    is_opening = thread.opening_post_id == post.pk
    form_class = ThreadForm if is_opening else PostForm
    initial = _take_draft(request) or {
        "title": thread.title,
        "body": post.body,
        **PostForm.initial_for(post.content_warning),
    }
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            forum.edit_post(request.user, post, data["body"], data["content_warning"], data.get("title"))
        except RulesAcceptanceRequired:
            return _accept_rules_first(request)
        except REFUSALS as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, "Your changes are saved.")
            return redirect(towards_support(request.user, _location_of(request.user, post)))
    return render(request, "community/post_edit.html", {"post": post, "thread": thread, "form": form})


@require_http_methods(["GET", "POST"])
def remove_post(request, post_id):
    post = _post_or_404(request.user, post_id)
    if not can_edit_post(request.user, post):
        raise Http404("You can only remove your own posts.")
    if request.method == "POST":
        try:
            forum.remove_own_post(request.user, post)
        except REFUSALS as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, "Your post has been removed. It now shows as removed by you.")
        return redirect(_location_of(request.user, post))
    return render(request, "community/post_remove.html", {"post": post, "thread": post.thread})


@require_POST
def react(request, post_id):
    post = _post_or_404(request.user, post_id)
    try:
        reactions.toggle_reaction(request.user, post, request.POST.get("kind", ""))
    except REFUSALS as refusal:
        messages.error(request, str(refusal))
    return redirect(_location_of(request.user, post))


def post_history(request, post_id):
    """Earlier versions of an edited post, for moderators."""
    post = _post_or_404(request.user, post_id)
    if not can_see_revisions(request.user):
        raise Http404("No such page.")
    context = {"post": post, "thread": post.thread, "revisions": post.revisions.select_related("replaced_by")}
    return render(request, "community/post_history.html", context)


@require_POST
def preview(request):
    """A composer's words as they would show once posted, as JSON: the post's own checks and renderer.

    {"html": ...} with the sanitised HTML, or {"error": ...} with the message posting would give
    (too long, empty, beyond the Markdown bounds, or too many previews in a short while). It saves
    nothing and screens nothing: posting does both.
    """
    try:
        with rate_limits.slot(request.user, rate_limits.PREVIEW):
            body = PostForm.base_fields["body"].clean(request.POST.get("body", ""))
            html = render_markdown(body)
    except ValidationError as invalid:
        return JsonResponse({"error": " ".join(invalid.messages)}, status=400)
    except MarkdownRefused as refused:
        return JsonResponse({"error": str(refused)}, status=400)
    except RateLimited as limited:
        return JsonResponse({"error": str(limited)}, status=429)
    return JsonResponse({"html": html})


def latest(request):
    threads = Paginator(queries.latest_threads(request.user), queries.THREADS_PER_PAGE)
    return render(request, "community/latest.html", {"page": threads.get_page(request.GET.get("page"))})


def search(request):
    form = SearchForm(request.GET or None)
    page = None
    if form.is_valid():
        results = Paginator(queries.search_posts(request.user, form.cleaned_data["q"]), queries.RESULTS_PER_PAGE)
        page = results.get_page(request.GET.get("page"))
    return render(request, "community/search.html", {"form": form, "page": page})


def activity(request, handle):
    member = get_object_or_404(User, handle__iexact=handle)
    if not can_view_profile(request.user, member):
        raise Http404("No member with that handle.")
    posts = Paginator(queries.member_posts(request.user, member), queries.RESULTS_PER_PAGE)
    context = {"member": member, "page": posts.get_page(request.GET.get("page"))}
    return render(request, "community/activity.html", context)


def _board_or_404(viewer, slug) -> Board:
    return get_object_or_404(boards_visible_to(viewer), slug=slug)


def _post_or_404(viewer, post_id) -> Post:
    return get_object_or_404(posts_visible_to(viewer, Post.objects.select_related("thread__board")), pk=post_id)


def _quotable(viewer, thread: Thread, form: ReplyForm) -> Post | None:
    """The post in this thread the composer quotes, if it can be quoted."""
    quote_id = str(form["quote"].value() or "")
    if not quote_id.isdigit():
        return None
    post = posts_visible_to(viewer, thread.posts.select_related("author")).filter(pk=quote_id).first()
    return post if post and can_quote(post) else None


def _location_of(viewer, post: Post) -> str:
    page = queries.page_number_of(viewer, post)
    query = f"?page={page}" if page > 1 else ""
    return f"{post.thread.get_absolute_url()}{query}#post-{post.pk}"


def _accept_rules_first(request):
    """Keep the member's words while they read the house rules; the form gets them back on return."""
    request.session[DRAFT_SESSION_KEY] = {
        "path": request.path,
        "data": {field: request.POST.get(field, "") for field in DRAFT_FIELDS},
    }
    messages.info(request, "Please read and accept the house rules. Your words are saved and will be waiting for you.")
    return redirect(f"{reverse('rules_accept')}?{urlencode({'next': request.path})}")


def _take_draft(request) -> dict:
    draft = request.session.get(DRAFT_SESSION_KEY)
    if not draft or draft["path"] != request.path:
        return {}
    del request.session[DRAFT_SESSION_KEY]
    return draft["data"]
