"""Administrators can read the export log (who exported which figures, when); nobody edits it."""

from django.contrib import admin

from config.admin import ReadOnlyAdmin

from .models import ExportLog


@admin.register(ExportLog)
class ExportLogAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "who",
        "kind",
        "channel",
        "first_day",
        "last_day",
        "board_slug",
        "panel",
        "rows",
        "file_format",
    ]
    list_filter = ["kind", "channel", "file_format"]
    date_hierarchy = "created_at"
