"""Profile pages and a member's own account settings: thin over accounts.services.

The account page itself (/account/, with the profile form) is community.account_views:
profile text is member writing, checked and screened like a post."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from config.signals import answers

from . import services
from .forms import AgeBandForm, DeleteAccountForm
from .models import User
from .permissions import can_view_profile
from .signals import profile_shown


def profile(request, handle):
    member = get_object_or_404(User, handle__iexact=handle)
    if not can_view_profile(request.user, member):
        raise Http404("No member with that handle.")
    blocked = member.blocks_received.filter(blocker=request.user).exists()
    context = {"member": member, "blocked": blocked}
    for part in answers(profile_shown, sender=User, viewer=request.user, member=member):
        context.update(part)
    return render(request, "accounts/profile.html", context)


@require_POST
def age_band(request):
    form = AgeBandForm(request.POST, instance=request.user)
    if form.is_valid():
        services.set_age_band(request.user, form.cleaned_data["age_band"])
        messages.success(request, "Saved.")
    return redirect("account_settings")


def export_data(request):
    data = services.export_account_data(request.user)
    response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.delete_account(request.user)
        logout(request)
        messages.success(request, "Your account has been deleted. Take care of yourself.")
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})
