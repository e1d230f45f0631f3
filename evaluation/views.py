"""The evaluation dashboard and its CSV download: thin over metrics, suppression and the export service.

Everyone but evaluators and administrators gets a 404, as if the pages did not exist.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from . import charts, checkin_analysis, metrics, retention, suppression
from .forms import chosen
from .periods import last_complete
from .permissions import require_metrics_access
from .services import checkin_exports, exports


def dashboard(request):
    require_metrics_access(request)
    form, period, board = chosen(request.GET)
    return _page(request, form, period, board, status=200)


def _page(request, form, period, board, status: int):
    """The dashboard for the period chosen, or, while the form has errors, for the latest month with the errors."""
    shown_period = period or last_complete("month")
    shown = metrics.build_view(shown_period, board.pk if board else None).shown()
    sections = [
        {"section": section, "figures": figures, "chart": charts.bar_chart(section.title, figures)}
        for section, figures in shown
    ]
    for item in sections:
        if item["section"].key == "retention":
            item["template"] = "evaluation/_retention.html"
            item["columns"], item["rows"] = retention.triangle(item["figures"], retention.cohort_months(shown_period))
    context = {
        "form": form,
        "period": shown_period,
        "board": board,
        "sections": sections,
        "suppress_below": suppression.threshold(),
        "download_query": request.GET.urlencode() if period else "",
        "check_ins": checkin_analysis.dashboard(),
    }
    return render(request, "evaluation/dashboard.html", context, status=status)


def download(request):
    require_metrics_access(request)
    form, period, board = chosen(request.GET)
    if period is None:  # refused: the page says why, and nothing is exported or logged
        return _page(request, form, period, board, status=400)
    text = exports.do_export(requested_by=request.user, period=period, board=board, file_format="csv")
    name = f"kindred-metrics-{period.first}-to-{period.last}{'-' + board.slug if board else ''}.csv"
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def download_check_ins(request):
    require_metrics_access(request)
    response = HttpResponse(checkin_exports.export_check_ins(requested_by=request.user), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="kindred-check-ins-{timezone.localdate()}.csv"'
    return response
