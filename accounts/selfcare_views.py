"""Pages for notifications and self-care: thin over accounts.notifications and accounts.selfcare."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from config.http import read_up_to, safe_next

from . import notifications, selfcare
from .forms import BreakForm, MuteWordForm, NotificationPreferencesForm
from .models import User
from .permissions import can_view_profile


@require_http_methods(["GET", "POST"])
def notifications_page(request):
    form = NotificationPreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your notification choices are saved.")
        return redirect("notifications")
    shown_at = timezone.now()
    items = [(item, notifications.describe(item)) for item in notifications.recent(request.user)]
    unread = any(item.read_at is None for item, _ in items)
    context = {"items": items, "unread": unread, "shown_at": shown_at, "form": form}
    return render(request, "accounts/notifications.html", context)


@require_POST
def mark_notifications_read(request):
    notifications.mark_all_read(request.user, up_to=read_up_to(request))
    return redirect("notifications")


def self_care(request):
    context = {
        "mute_form": MuteWordForm(),
        "break_form": BreakForm(),
        "muted_words": request.user.muted_words.all(),
        "blocked": User.objects.filter(blocks_received__blocker=request.user),
    }
    return render(request, "accounts/self_care.html", context)


@require_POST
def mute_word(request):
    form = MuteWordForm(request.POST)
    if form.is_valid():
        try:
            selfcare.mute_word(request.user, form.cleaned_data["phrase"])
            messages.success(request, f"“{form.cleaned_data['phrase']}” is muted for you.")
        except selfcare.SelfCareError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, "Please type a word or phrase of up to 60 characters.")
    return redirect("self_care")


@require_POST
def unmute_word(request, muted_word_id):
    selfcare.unmute_word(request.user, muted_word_id)
    messages.success(request, "That word is no longer muted.")
    return redirect("self_care")


@require_POST
def take_break(request):
    form = BreakForm(request.POST)
    if form.is_valid():
        until = timezone.now() + timedelta(days=form.cleaned_data["days"])
        selfcare.take_break(request.user, until)
        messages.success(request, "Enjoy your break. Notifications are paused; come back whenever you like.")
    return redirect("self_care")


@require_POST
def come_back(request):
    selfcare.come_back(request.user)
    messages.success(request, "Welcome back.")
    return redirect(safe_next(request))


def _member(request, handle) -> User:
    member = get_object_or_404(User, handle__iexact=handle)
    if not can_view_profile(request.user, member):
        raise Http404("No member with that handle.")
    return member


@require_POST
def block(request, handle):
    member = _member(request, handle)
    try:
        selfcare.block_member(request.user, member)
    except selfcare.SelfCareError as error:
        messages.error(request, str(error))
        return redirect("profile", handle=member.handle)
    messages.success(request, f"You've blocked {member.handle}. They won't be told.")
    return redirect("profile", handle=member.handle)


@require_POST
def unblock(request, handle):
    member = _member(request, handle)
    selfcare.unblock_member(request.user, member)
    messages.success(request, f"You've unblocked {member.handle}.")
    return redirect(safe_next(request, default=reverse("self_care")))
