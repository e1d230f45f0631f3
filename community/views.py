"""Home and house-rules pages: thin over community.services."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from .services import rules


@login_not_required
def home(request):
    if not request.user.is_authenticated:
        return render(request, "community/landing.html", {"rules": rules.current_version()})
    if rules.last_accepted_version(request.user) is None and rules.current_version():
        return redirect("rules_accept")
    return render(request, "community/home.html")


@login_not_required
def house_rules(request):
    return render(request, "community/rules.html", {"version": rules.current_version()})


@require_http_methods(["GET", "POST"])
def accept_house_rules(request):
    version = rules.current_version()
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
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
