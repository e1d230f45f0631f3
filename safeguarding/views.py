from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from . import services


@login_not_required
def help_now(request):
    """Works signed out, suspended or deleted, and without JavaScript."""
    return render(request, "safeguarding/help.html", {"services": services.crisis_services()})
