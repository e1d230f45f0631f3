"""The research export page: evaluators download row-level exports and ask for linked panels; administrators
switch exports on or off and decide panels. Thin over services/research.py.

Everyone but evaluators and administrators gets a 404, like the dashboard.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.roles import Role, has_role

from .forms import PanelRequestForm, ResearchExportForm
from .models import ResearchPanel
from .permissions import require_metrics_access
from .services import research
from .suppression import threshold


def research_page(request, export_form=None, panel_form=None):
    require_metrics_access(request)
    is_admin = has_role(request.user, Role.ADMINISTRATOR)
    context = {
        "enabled": research.is_enabled(),
        "is_admin": is_admin,
        "export_form": export_form or ResearchExportForm(panels=research.usable_panels(request.user)),
        "panel_form": panel_form or PanelRequestForm(),
        "own_panels": ResearchPanel.objects.filter(requested_by=request.user),
        "panels_to_decide": ResearchPanel.objects.filter(status=ResearchPanel.Status.REQUESTED) if is_admin else [],
        "columns": research.COLUMNS,
        "suppress_below": threshold(),
    }
    return render(request, "evaluation/research.html", context, status=400 if export_form or panel_form else 200)


@require_POST
def research_export(request):
    require_metrics_access(request)
    form = ResearchExportForm(request.POST, panels=research.usable_panels(request.user))
    if not form.is_valid():
        return research_page(request, export_form=form)
    period, panel = form.cleaned_data["range"], form.cleaned_data["panel"]
    try:
        text, _rows = research.do_research_export(requested_by=request.user, period=period, panel=panel)
    except research.ResearchError as error:
        messages.error(request, str(error))
        return redirect("evaluation_research")
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    name = f"kindred-research-{period.first}-to-{period.last}{'-panel-' + str(panel.pk) if panel else ''}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def request_panel(request):
    require_metrics_access(request)
    form = PanelRequestForm(request.POST)
    if not form.is_valid():
        return research_page(request, panel_form=form)
    research.request_panel(request.user, form.cleaned_data["title"])
    messages.success(request, "Asked. An administrator will approve or refuse the panel.")
    return redirect("evaluation_research")


@require_POST
def switch(request):
    require_metrics_access(request)
    try:
        research.set_enabled(request.user, request.POST.get("enabled") == "on")
    except research.ResearchError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Research exports are now " + ("on." if research.is_enabled() else "off."))
    return redirect("evaluation_research")


@require_POST
def decide_panel(request, panel_id):
    require_metrics_access(request)
    panel = get_object_or_404(ResearchPanel, pk=panel_id)
    try:
        research.decide_panel(request.user, panel, approve=request.POST.get("decision") == "approve")
    except research.ResearchError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Decided.")
    return redirect("evaluation_research")
