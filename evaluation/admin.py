"""Administrators can read the export log (who exported which figures, when); nobody edits it."""

from django.contrib import admin

from .models import ExportLog


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "who", "channel", "first_day", "last_day", "board_slug", "file_format"]
    list_filter = ["channel", "file_format"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
