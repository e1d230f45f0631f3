"""Chat room pages: thin over community.services.rooms and .chat.

Every page works without JavaScript (sending posts the form and reloads);
static/js/room-live.js adds the live socket on top. Reporting a message is
moderation.views.report_chat_message (routed beside these pages in config/urls.py).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.words import duration
from safeguarding.services.escalation import towards_support

from .models import ChatMessage, Room, RoomAction, RoomMember
from .room_permissions import can_enter, can_moderate, can_see_room, membership_of, visible_rooms
from .services import chat, room_events, rooms


def room_or_404(request, slug: str) -> Room:
    """The room, or "not found" for a room this viewer may not even know about (a moderators' room)."""
    room = get_object_or_404(Room.objects.prefetch_related("openings"), slug=slug)
    if not can_see_room(request.user, room):
        raise Http404("No such room.")
    return room


def wants_json(request) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


@require_GET
def room_list(request):
    entries = [
        {
            "room": room,
            "status": rooms.status_text(room),
            "hours": rooms.hours(room),
            "may_enter": can_enter(request.user, room),
        }
        for room in visible_rooms(request.user, Room.objects.prefetch_related("openings"))
    ]
    return render(request, "community/room_list.html", {"entries": entries})


@require_http_methods(["GET", "POST"])
def room_page(request, slug):
    room = room_or_404(request, slug)
    membership = membership_of(request.user, room)
    if not can_enter(request.user, room, membership):
        return render(
            request,
            "community/room_door.html",
            {"room": room, "membership": membership, "reason": rooms.refusal(request.user, room, membership)},
            status=403 if membership and membership.status == RoomMember.Status.REMOVED else 200,
        )
    version = rooms.rules_to_accept(request.user, room)
    if version is not None:
        return render(request, "community/room_rules.html", {"room": room, "version": version})
    draft = ""
    if request.method == "POST":
        draft = request.POST.get("body", "")
        try:
            chat.send_message(
                request.user,
                room,
                draft,
                client_token=request.POST.get("token", ""),
                reply_to=_int(request.POST.get("reply_to")),
            )
        except rooms.RoomError as refused:
            messages.error(request, str(refused))
        else:
            return redirect(towards_support(request.user, f"{room.get_absolute_url()}#composer"))
    rooms.enter(request.user, room)
    membership = membership_of(request.user, room)
    recent = chat.recent_messages(room)
    people, count = room_events.present_people(room.pk)
    context = {
        "room": room,
        "membership": membership,
        "chat_messages": recent,
        "last_seq": room.last_seq,
        "first_seq": recent[0].seq if recent else 0,
        "is_open": rooms.is_open(room),
        "status": rooms.status_text(room),
        "slow_mode": rooms.slow_mode_text(room),
        "hours": rooms.hours(room),
        "rules": rooms.rules_for(room),
        "is_host": can_moderate(request.user, room),
        "muted_until": membership.muted_until if membership and membership.is_muted else None,
        "people": people,
        "people_count": count,
        "draft": draft,
    }
    return render(request, "community/room.html", context, status=400 if draft else 200)


@require_POST
def accept_rules(request, slug):
    room = room_or_404(request, slug)
    if not can_enter(request.user, room):
        raise PermissionDenied
    try:
        rooms.accept_room_rules(request.user, room, _int(request.POST.get("version")))
    except rooms.RoomError as error:
        messages.error(request, str(error))
    return redirect(room)


@require_POST
def ask_to_join(request, slug):
    room = room_or_404(request, slug)
    try:
        rooms.request_to_join(request.user, room)
    except rooms.RoomError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Thank you for asking. A host will look at your request soon.")
    return redirect(room)


@require_POST
def appearance(request, slug):
    room = room_or_404(request, slug)
    try:
        rooms.set_appearance(request.user, room, request.POST.get("anonymous") == "1")
    except rooms.RoomError as error:
        messages.error(request, str(error))
    return redirect(room)


@require_GET
def history(request, slug):
    """Older messages, for scrolling up: ?before=<seq>, newest page first, as JSON."""
    room = room_or_404(request, slug)
    if not can_enter(request.user, room):
        raise PermissionDenied
    page = chat.recent_messages(room, before=_int(request.GET.get("before")))
    return JsonResponse(
        {
            "messages": [{"seq": m.seq, "html": room_events.render_message(m)} for m in page],
            "more": bool(page) and page[0].seq > 1,
        }
    )


@require_GET
def status(request, slug):
    """For a socket that could not connect: may this member still come in, and if not, why."""
    room = room_or_404(request, slug)
    allowed = can_enter(request.user, room)
    if allowed and rooms.is_full_for(request.user, room):
        return JsonResponse(
            {"can_enter": True, "full": True, "reason": "The room is full just now. We'll keep trying to let you in."}
        )
    return JsonResponse({"can_enter": allowed, "reason": "" if allowed else rooms.refusal(request.user, room)})


def message_or_404(room: Room, seq: int) -> ChatMessage:
    message = ChatMessage.objects.select_related("author", "room").filter(room=room, seq=seq).first()
    if message is None:
        raise Http404("That message isn't here any more.")
    return message


@require_http_methods(["GET", "POST"])
def remove_message(request, slug, seq):
    room = room_or_404(request, slug)
    if not can_moderate(request.user, room):
        raise PermissionDenied
    message = message_or_404(room, seq)
    if request.method == "POST":
        chat.remove_message(request.user, message, request.POST.get("reason", ""))
        messages.success(request, "Message removed. Everyone in the room now sees it as removed.")
        return redirect(f"{room.get_absolute_url()}#m{seq}")
    return render(request, "community/room_remove.html", {"room": room, "m": message})


HOST_ACTIONS = {"slow_mode", "close", "open", "mute", "unmute", "remove_member", "approve"}


@require_http_methods(["GET", "POST"])
def host_tools(request, slug):
    room = room_or_404(request, slug)
    if not can_moderate(request.user, room):
        raise PermissionDenied
    if request.method == "POST":
        action = request.POST.get("action")
        reason = request.POST.get("reason", "")
        try:
            if action not in HOST_ACTIONS:
                raise rooms.RoomError("Please choose an action.")
            _do_host_action(request, room, action, reason)
        except rooms.RoomError as error:
            messages.error(request, str(error))
        return redirect(reverse("room_host", args=[room.slug]))
    context = {
        "room": room,
        "status": rooms.status_text(room),
        "is_open": rooms.is_open(room),
        "mute_choices": rooms.MUTE_CHOICES,
        "members": rooms.members_to_choose(request.user, room),
        "requests": RoomMember.objects.filter(room=room, status=RoomMember.Status.REQUESTED).select_related("user"),
        "muted": [
            m
            for m in RoomMember.objects.filter(room=room, muted_until__isnull=False).select_related("user")
            if m.is_muted
        ],
        "actions": RoomAction.objects.filter(room=room).select_related("actor", "target")[:30],
    }
    return render(request, "community/room_host.html", context)


def _do_host_action(request, room: Room, action: str, reason: str) -> None:
    host = request.user
    if action == "slow_mode":
        seconds = _int(request.POST.get("seconds")) or 0
        rooms.set_slow_mode(host, room, seconds, reason)
        messages.success(
            request, f"Slow mode is on: one message every {duration(seconds)}." if seconds else "Slow mode is off."
        )
    elif action == "close":
        rooms.close_early(host, room, reason)
        messages.success(request, "The room is closed. Members can still read along.")
    elif action == "open":
        rooms.open_early(host, room, reason)
        messages.success(request, "The room is open.")
    else:
        asking = RoomMember.Status.REQUESTED if action == "approve" else RoomMember.Status.APPROVED
        target = rooms.chosen_member(host, room, _int(request.POST.get("member")), asking)
        if action == "mute":
            rooms.mute_member(host, room, target, _int(request.POST.get("minutes")) or 0, reason)
            messages.success(request, f"{target.public_name} is muted in this room.")
        elif action == "unmute":
            rooms.unmute_member(host, room, target)
            messages.success(request, f"{target.public_name} can send messages again.")
        elif action == "remove_member":
            rooms.remove_member(host, room, target, reason)
            messages.success(request, f"{target.public_name} has been removed from the room.")
        elif action == "approve":
            rooms.approve_member(host, room, target)
            messages.success(request, f"{target.public_name} is welcome in the room now.")


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
