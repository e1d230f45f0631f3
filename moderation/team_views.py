"""The moderation team: training, duty, administrators' moderator list, and members' concerns about a moderator."""

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.roles import Role
from community.models import Board

from . import permissions as perms
from .models import REPORT_DETAIL_MAX_LENGTH
from .services import care, moderators, reports, training

BAD_BOARDS = "Please choose boards from the list on the team page."


def training_page(request):
    if not perms.in_moderation_team(request.user):
        raise Http404("No such page.")
    context = {"record": training.record_for(request.user), "tools_open": perms.can_use_queue(request.user)}
    return render(request, "moderation/training.html", context)


@require_POST
def confirm_module(request, module_id):
    was_open = perms.can_use_queue(request.user)
    try:
        training.confirm(request.user, module_id)
    except training.TrainingError:
        raise Http404("No such module.") from None
    if not was_open and perms.can_use_queue(request.user):
        messages.success(request, "Thank you. Your training is complete and your moderation tools are open.")
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
    """Administrators: promote a member, choose each peer moderator's boards, see everyone's training."""
    if not perms.can_manage_moderators(request.user):
        raise Http404("No such page.")
    if request.method == "POST":
        handle = request.POST.get("handle", "").strip().lstrip("@")
        member = User.objects.filter(handle__iexact=handle).first()
        board_ids = _board_ids(request)
        if board_ids is None:
            return HttpResponseBadRequest(BAD_BOARDS)
        try:
            if member is None:
                raise moderators.ModeratorsError(f"No member is called “{handle}”.")
            moderators.promote(request.user, member, board_ids)
        except moderators.ModeratorsError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, f"{member.handle} is now a peer moderator. Their tools open after their training."
            )
        return redirect("moderation:team")
    people = User.objects.filter(groups__name=Role.MODERATOR.value).order_by("handle")
    rows = [
        {
            "person": person,
            "boards": perms.board_ids_in_scope(person),
            "record": training.record_for(person),
            "trained": training.is_complete(person),
        }
        for person in people
    ]
    return render(request, "moderation/team.html", {"rows": rows, "boards": Board.objects.order_by("title")})


@require_POST
def set_boards(request, handle):
    if not perms.can_manage_moderators(request.user):
        raise Http404("No such page.")
    person = get_object_or_404(User, handle__iexact=handle)
    board_ids = _board_ids(request)
    if board_ids is None:
        return HttpResponseBadRequest(BAD_BOARDS)
    try:
        moderators.set_boards(request.user, person, board_ids)
    except moderators.ModeratorsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Saved {person.handle}'s boards.")
    return redirect("moderation:team")


def _board_ids(request) -> list[int] | None:
    """The boards ticked on the form, or None if the form was tampered with (not board numbers)."""
    try:
        return [int(value) for value in request.POST.getlist("boards")]
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
