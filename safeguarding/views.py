"""Help for members, and the safeguarding leads' dashboard: thin over safeguarding.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from config.http import safe_next

from .models import Case
from .permissions import can_work_on_cases
from .services import alerts, cases, escalation, signposting


@login_not_required
def help_now(request):
    """Works signed out, suspended or deleted, and without JavaScript."""
    return render(request, "safeguarding/help.html", {"services": signposting.crisis_services()})


def support_panel(request):
    """The private help panel, for pages that learn of an offer live."""
    return render(request, "safeguarding/_support_panel.html", {"services": signposting.crisis_services()})


@require_POST
def dismiss_support(request):
    escalation.dismiss_support_offers(request.user)
    return redirect(safe_next(request))


def _lead_only(request) -> None:
    if not can_work_on_cases(request.user):
        raise Http404("No such page.")


def _queue_context(request) -> dict:
    now = timezone.now()
    rows = [
        {"case": case, "target": alerts.response_target(case.level), "overdue": alerts.is_overdue(case, now)}
        for case in cases.open_cases()
    ]
    return {"rows": rows, "now": now}


def dashboard(request):
    _lead_only(request)
    context = {
        **_queue_context(request),
        "on_duty": list(alerts.leads_on_duty()),
        "i_am_on_duty": alerts.leads_on_duty().filter(pk=request.user.pk).exists(),
    }
    return render(request, "safeguarding/dashboard.html", context)


def case_list(request):
    """The dashboard's list alone, for live refreshes and polling."""
    _lead_only(request)
    return render(request, "safeguarding/_case_list.html", _queue_context(request))


@require_POST
def set_duty(request):
    _lead_only(request)
    on_duty = request.POST.get("on_duty") == "1"
    alerts.set_on_duty(request.user, on_duty)
    messages.success(request, "You're on duty. Alerts come to you first." if on_duty else "You're off duty. Thank you.")
    return redirect("safeguarding_dashboard")


def case_page(request, case_id):
    _lead_only(request)
    try:
        case = cases.look_at_case(request.user, case_id)
    except Case.DoesNotExist:
        raise Http404("No such case.") from None
    context = {
        "case": case,
        "items": case.items.all(),
        "history": case.history.select_related("actor"),
        "outcomes": Case.Outcome.choices,
        "target": alerts.response_target(case.level),
        "overdue": alerts.is_overdue(case, timezone.now()),
    }
    return render(request, "safeguarding/case.html", context)


@require_POST
def case_action(request, case_id, action):
    _lead_only(request)
    case = get_object_or_404(Case, pk=case_id)
    steps = {
        "acknowledge": lambda: cases.acknowledge(request.user, case),
        "start": lambda: cases.start_work(request.user, case),
        "note": lambda: cases.add_note(request.user, case, request.POST.get("note", "")),
        "resolve": lambda: cases.resolve(
            request.user, case, request.POST.get("outcome", ""), request.POST.get("note", "")
        ),
    }
    if action not in steps:
        raise Http404("No such action.")
    try:
        steps[action]()
    except cases.CaseError as refusal:
        messages.error(request, str(refusal))
    return redirect("safeguarding_case", case_id=case.pk)
