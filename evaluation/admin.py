"""Administrators read the export log (nobody edits it) and edit the check-in schedule and instruments."""

from django.contrib import admin

from community.admin import ChecksMarkdown
from config.admin import ReadOnlyAdmin

from .models import CheckInStudy, ExportLog, Instrument, InstrumentItem


@admin.register(ExportLog)
class ExportLogAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "who",
        "kind",
        "figures",
        "channel",
        "first_day",
        "last_day",
        "board_slug",
        "panel",
        "rows",
        "file_format",
    ]
    list_filter = ["kind", "figures", "channel", "file_format"]
    date_hierarchy = "created_at"


class InstrumentItemInline(admin.TabularInline):
    model = InstrumentItem
    extra = 0
    fields = ["order", "key", "text", "options", "reverse_scored", "lower_is_better"]


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    """Evaluators' questionnaires as data. Members' answers are deliberately not in the admin at all."""

    list_display = ["name", "slug", "scoring", "wellbeing_measure", "active", "order"]
    list_editable = ["active", "order"]
    inlines = [InstrumentItemInline]


@admin.register(CheckInStudy)
class CheckInStudyAdmin(ChecksMarkdown, admin.ModelAdmin):
    markdown_fields = ("consent_text",)
    list_display = ["title", "wave_days", "window_days"]
