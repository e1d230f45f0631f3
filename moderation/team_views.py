"""The moderation team: training, duty, the team page (leads confirm training; administrators promote in one step and
choose boards and rooms), and members' concerns about a moderator."""

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.roles import Role
from community.models import Board, Room

from . import permissions as perms
from .models import REPORT_DETAIL_MAX_LENGTH, TrainingModule
from .services import care, moderators, reports, training

BAD_CHOICE = "Please choose from the lists on the team page."


def training_page(request):
    if not perms.in_moderation_team(request.user):
        raise Http404("No such page.")
    context = {"record": training.record_for(request.user), "tools_open": perms.can_use_queue(request.user)}
    return render(request, "moderation/training.html", context)


@require_POST
def read_module(request, module_id):
    """The moderator's own "I've read it": it tells a lead they are ready; it opens nothing by itself."""
    try:
        training.mark_read(request.user, module_id)
    except training.TrainingError:
        raise Http404("No such module.") from None
    messages.success(request, "Thank you. A safeguarding lead or an administrator will go through it with you.")
    return redirect("moderation:training")


@require_POST
def set_duty(request):
    if not perms.can_use_queue(request.user):
        raise Http404("No such page.")
    off_duty = request.POST.get("duty") == "off"
    care.set_off_duty(request.user, off_duty)
    messages.success(request, "You're off duty. Take care of yourself." if off_duty else "Welcome back on duty.")
    return redirect("moderation:queue")


def team_page(request):
    """Leads and administrators see and confirm everyone's training; administrators also promote and choose boards."""
    if not perms.can_confirm_training(request.user):
        raise Http404("No such page.")
    if request.method == "POST":
        return _promote(request)
    people = User.objects.filter(groups__name=Role.MODERATOR.value).order_by("handle")
    rows = [
        {
            "person": person,
            "boards": perms.board_ids_in_scope(person),
            "rooms": perms.room_ids_in_scope(person),
            "record": training.record_for(person),
            "trained": training.is_complete(person),
            "can_confirm": person.pk != request.user.pk,
        }
        for person in people
    ]
    context = {
        "rows": rows,
        "boards": Board.objects.order_by("title"),
        "rooms": Room.objects.order_by("name"),
        "modules": TrainingModule.objects.all(),
        "manages_moderators": perms.can_manage_moderators(request.user),
    }
    return render(request, "moderation/team.html", context)


def _promote(request):
    if not perms.can_manage_moderators(request.user):
        raise Http404("No such page.")
    handle = request.POST.get("handle", "").strip().lstrip("@")
    member = User.objects.filter(handle__iexact=handle).first()
    board_ids, room_ids, module_ids = (_ids(request, field) for field in ("boards", "rooms", "modules"))
    if None in (board_ids, room_ids, module_ids):
        return HttpResponseBadRequest(BAD_CHOICE)
    try:
        if member is None:
            raise moderators.ModeratorsError(f"No member is called “{handle}”.")
        moderators.promote(request.user, member, board_ids, room_ids, module_ids)
    except moderators.ModeratorsError as error:
        messages.error(request, str(error))
    else:
        if training.is_complete(member):
            messages.success(request, f"{member.handle} is now a peer moderator, and their tools are open.")
        else:
            messages.success(
                request,
                f"{member.handle} is now a peer moderator. Their tools open once a lead or an administrator "
                "has confirmed the rest of their training with them.",
            )
    return redirect("moderation:team")


@require_POST
def confirm_module(request, handle, module_id):
    """A lead or administrator confirms one module of a peer moderator's training."""
    if not perms.can_confirm_training(request.user):
        raise Http404("No such page.")
    person = get_object_or_404(User, handle__iexact=handle)
    try:
        record = training.confirm(request.user, person, module_id)
    except training.TrainingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Confirmed “{record.module.title}” for {person.handle}.")
    return redirect("moderation:team")


@require_POST
def set_scope(request, handle):
    if not perms.can_manage_moderators(request.user):
        raise Http404("No such page.")
    person = get_object_or_404(User, handle__iexact=handle)
    board_ids, room_ids = _ids(request, "boards"), _ids(request, "rooms")
    if board_ids is None or room_ids is None:
        return HttpResponseBadRequest(BAD_CHOICE)
    try:
        moderators.set_scope(request.user, person, board_ids, room_ids)
    except moderators.ModeratorsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Saved {person.handle}'s boards and rooms.")
    return redirect("moderation:team")


def _ids(request, field: str) -> list[int] | None:
    """The boxes ticked for one list on the form, or None if the form was tampered with (not numbers)."""
    try:
        return [int(value) for value in request.POST.getlist(field)]
    except ValueError:
        return None


def raise_concern(request):
    """Any member can raise a concern about a moderator with the leads."""
    about = request.POST.get("about", request.GET.get("about", "")).strip().lstrip("@")
    context = {"about": about, "max_detail": REPORT_DETAIL_MAX_LENGTH}
    if request.method == "POST":
        detail = request.POST.get("detail", "")
        moderator = User.objects.filter(handle__iexact=about, is_active=True).first()
        try:
            if moderator is None:
                raise reports.ReportError("We couldn't find a moderator with that name. Please check how it's spelled.")
            reports.raise_concern(request.user, moderator, detail)
        except reports.ReportError as error:
            context.update(error=str(error), detail=detail)
            return render(request, "moderation/concern.html", context, status=400)
        return render(request, "moderation/concern_thanks.html")
    return render(request, "moderation/concern.html", context)
