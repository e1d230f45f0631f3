"""Reports, the review queue, actions, notices and the log: thin over moderation.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from community.models import Board, Post, Room, Thread
from community.permissions import can_read_post_text, can_see_post, can_see_thread
from community.room_permissions import can_enter
from community.room_views import message_or_404, room_or_404, wants_json
from community.services.rooms import MUTE_CHOICES

from . import permissions as perms
from .models import REPORT_DETAIL_MAX_LENGTH, MemberNotice, ModerationLog, Reason, ReviewItem, TargetType, WatchedWord
from .services import care, notices, queue, reports, review, training, watched_words

ACTION_LABELS = {
    perms.APPROVE: "Approve and publish",
    perms.REJECT: "Don't approve",
    perms.PREMODERATE: "Check their posts first (pre-moderation)",
    perms.END_PREMODERATION: "End pre-moderation",
    perms.DISMISS: "Leave it up",
    perms.HIDE: "Hide",
    perms.REMOVE: "Remove",
    perms.RESTORE: "Restore",
    perms.EDIT: "Edit, with the reason shown under the post",
    perms.FEEDBACK: "Send private feedback",
    perms.MUTE: "Mute in this room",
    perms.SUSPEND: "Suspend",
    perms.LIFT_PAUSE: "Lift the pause",
    perms.REFER: "Refer to safeguarding",
}


# Reporting ---------------------------------------------------------------------------


def report_post(request, post_id):
    post = get_object_or_404(Post.objects.select_related("thread__board", "author"), pk=post_id)
    if not (can_see_post(request.user, post) and can_read_post_text(request.user, post)):
        raise Http404("No such post.")
    return _report(
        request, "post", post.author, lambda reason, detail: reports.report_post(request.user, post, reason, detail)
    )


def report_thread(request, thread_id):
    thread = get_object_or_404(Thread.objects.select_related("opening_post", "board"), pk=thread_id)
    if not can_see_thread(request.user, thread):
        raise Http404("No such conversation.")
    post = thread.opening_post
    return _report(
        request,
        "conversation",
        post.author,
        lambda reason, detail: reports.report_post(request.user, post, reason, detail),
    )


@require_http_methods(["GET", "POST"])
def report_chat_message(request, slug, seq):
    """Report a chat message into the queue, with the same reasons as posts and profiles."""
    room = room_or_404(request, slug)
    message = message_or_404(room, seq)
    if not can_enter(request.user, room):
        raise PermissionDenied
    context = {"room": room, "m": message, "reasons": Reason.choices, "max_detail": REPORT_DETAIL_MAX_LENGTH}
    if request.method == "POST":
        reason, detail = request.POST.get("reason", ""), request.POST.get("detail", "")
        try:
            reports.report_chat_message(request.user, message, reason, detail)
        except reports.ReportError as error:
            if wants_json(request):
                return JsonResponse({"ok": False, "text": str(error)}, status=400)
            context.update(error=str(error), chosen=reason, detail=detail)
            return render(request, "moderation/room_report.html", context, status=400)
        if wants_json(request):
            return JsonResponse({"ok": True, "text": "Reported, thank you"})
        safety = " Our safeguarding team has been told too." if reason == Reason.SAFETY else ""
        messages.success(request, f"Reported, thank you. A moderator will look at it.{safety}")
        return redirect(message)
    return render(request, "moderation/room_report.html", context)


def report_member(request, handle):
    member = get_object_or_404(User, handle__iexact=handle, is_active=True, deleted_at__isnull=True)
    return _report(
        request, "member", member, lambda reason, detail: reports.report_member(request.user, member, reason, detail)
    )


def _report(request, noun: str, about, make_report):
    context = {"noun": noun, "about": about, "reasons": Reason.choices, "max_detail": REPORT_DETAIL_MAX_LENGTH}
    if request.method == "POST":
        reason, detail = request.POST.get("reason", ""), request.POST.get("detail", "")
        try:
            make_report(reason, detail)
        except reports.ReportError as error:
            context.update(error=str(error), chosen=reason, detail=detail)
            return render(request, "moderation/report.html", context, status=400)
        return render(request, "moderation/report_thanks.html", {"safety": reason == Reason.SAFETY})
    return render(request, "moderation/report.html", context)


def my_reports(request):
    rows = [
        {"report": report, "outcome": reports.outcome_for(report.item)}
        for report in reports.reports_by(request.user)[:100]
    ]
    return render(request, "moderation/my_reports.html", {"rows": rows})


# Notices for the member ----------------------------------------------------------------


def my_notices(request):
    page = list(MemberNotice.objects.filter(member=request.user)[:100])
    notices.mark_all_read(request.user)
    return render(request, "moderation/notices.html", {"notices": page})


# The queue ---------------------------------------------------------------------------


def _moderators_only(request) -> None:
    if not perms.can_use_queue(request.user):
        raise Http404("No such page.")


def _queue_context(request) -> dict:
    filters = {key: request.GET.get(key, "") for key in ("board", "room", "type", "reason")}
    rows = queue.open_items(
        request.user,
        board=filters["board"],
        room=filters["room"],
        target_type=filters["type"],
        reason=filters["reason"],
    )
    query = "&".join(f"{key}={value}" for key, value in filters.items() if value)
    return {"rows": rows, "filters": filters, "query": query}


def queue_page(request):
    """The queue; a peer moderator still in training sees their modules here instead."""
    if perms.needs_training(request.user):
        return render(request, "moderation/training.html", {"record": training.record_for(request.user), "gate": True})
    _moderators_only(request)
    care.record_activity(request.user)
    boards, rooms = Board.objects.all(), Room.objects.all()
    types = TargetType.choices
    if not perms.moderates_everywhere(request.user):
        boards = boards.filter(pk__in=perms.board_ids_in_scope(request.user))
        rooms = rooms.filter(pk__in=perms.room_ids_in_scope(request.user))
        types = [(value, label) for value, label in types if value != TargetType.CONCERN]
    context = {
        **_queue_context(request),
        "boards": boards,
        "rooms": rooms,
        "debrief_rooms": Room.objects.filter(audience=Room.Audience.MODERATORS),
        "types": types,
        "reasons": Reason.choices,
        "team": care.team_today(),
        "off_duty": care.is_off_duty(request.user),
        "take_break": care.should_take_break(request.user),
    }
    return render(request, "moderation/queue.html", context)


def queue_list(request):
    """The queue's list alone, for live refreshes and polling."""
    _moderators_only(request)
    return render(request, "moderation/_queue_list.html", _queue_context(request))


def _visible_item(request, item_id) -> ReviewItem:
    _moderators_only(request)
    item = (
        perms.items_visible_to(request.user)
        .select_related("post__thread__board", "member", "claimed_by", "chat_message__author", "room")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise Http404("No such item.")
    return item


def item_page(request, item_id):
    item = _visible_item(request, item_id)
    care.record_activity(request.user)
    context = queue.item_context(request.user, item)
    allowed = perms.allowed_actions(request.user, item)
    context["actions"] = [(action, ACTION_LABELS[action]) for action in allowed]
    context["action_values"] = allowed
    context["rules"] = review.rules()
    context["mute_choices"] = MUTE_CHOICES
    return render(request, "moderation/item.html", context)


@require_POST
def item_action(request, item_id):
    item = _visible_item(request, item_id)
    care.record_activity(request.user)
    action = request.POST.get("action", "")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        if action == "claim":
            review.claim(request.user, item.pk, version)
            messages.success(request, "You're looking at this now; other moderators can see that.")
        elif action == "release":
            review.release(request.user, item.pk, version)
            messages.success(request, "Released back to the queue.")
        else:
            review.perform(
                request.user,
                item.pk,
                action,
                version,
                request.POST.get("reason", ""),
                request.POST.get("rule", ""),
                minutes=_int(request.POST.get("minutes")),
                body=request.POST.get("body", ""),
            )
            messages.success(request, "Done. Thank you.")
            return redirect("moderation:queue")
    except review.ModerationError as error:
        messages.error(request, str(error))
    return redirect("moderation:item", item.pk)


# The log ------------------------------------------------------------------------------


def log_page(request):
    if not perms.can_search_log(request.user):
        raise Http404("No such page.")
    rows = perms.log_visible_to(request.user, ModerationLog.objects.select_related("actor", "member"))
    search = request.GET.get("q", "").strip()
    if search:
        rows = rows.filter(
            Q(action__icontains=search)
            | Q(reason__icontains=search)
            | Q(member__handle__iexact=search)
            | Q(actor__handle__iexact=search)
        )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "moderation/log.html", {"page": page, "search": search})


# Watched words ------------------------------------------------------------------------


def _watched_word_managers_only(request) -> None:
    if not perms.can_manage_watched_words(request.user):
        raise Http404("No such page.")


@require_http_methods(["GET", "POST"])
def watched_words_page(request):
    _watched_word_managers_only(request)
    entered = {"text": "", "action": WatchedWord.Action.HOLD, "message": ""}
    status = 200
    if request.method == "POST":
        entered = {key: request.POST.get(key, "") for key in entered}
        try:
            word = watched_words.add_word(request.user, entered["text"], entered["action"], entered["message"])
        except watched_words.WatchedWordError as error:
            messages.error(request, str(error))
            status = 400
        else:
            messages.success(request, f"“{word.text}” is on the list now.")
            return redirect("moderation:watched_words")
    context = {"words": watched_words.list_words(), "actions": WatchedWord.Action.choices, "entered": entered}
    return render(request, "moderation/watched_words.html", context, status=status)


@require_POST
def remove_watched_word(request, word_id):
    _watched_word_managers_only(request)
    try:
        watched_words.remove_word(request.user, word_id)
    except watched_words.WatchedWordError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Removed from the list.")
    return redirect("moderation:watched_words")


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
