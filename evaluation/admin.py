"""Administrators can read the export log (who exported which figures, when); nobody edits it."""

from django.contrib import admin

from config.admin import ReadOnlyAdmin

from .models import ExportLog


@admin.register(ExportLog)
class ExportLogAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "who", "channel", "first_day", "last_day", "board_slug", "file_format"]
    list_filter = ["channel", "file_format"]
    date_hierarchy = "created_at"
