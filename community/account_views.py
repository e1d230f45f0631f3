"""The member's account page (/account/): their profile text, age band and links to every setting.

It lives in community, not accounts, because profile text is member writing other
members read (community.services.profile); the age band is saved by accounts.views.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.forms import AgeBandForm, ProfileForm

from .services.profile import ProfileError, update_about
from .services.rules import RulesAcceptanceRequired


@require_http_methods(["GET", "POST"])
def settings_page(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            update_about(request.user, form.cleaned_data["about"])
        except RulesAcceptanceRequired:
            messages.info(request, "Please read and accept the house rules, then save your profile again.")
            return redirect(f"/rules/accept/?next={request.path}")
        except ProfileError as refusal:
            form.add_error("about", str(refusal))
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("account_settings")
    context = {"form": form, "age_form": AgeBandForm(instance=request.user)}
    return render(request, "accounts/settings.html", context)
