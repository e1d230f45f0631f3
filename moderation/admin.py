"""Administrators manage peer moderators' scopes here; the log and history are read-only."""

from django import forms
from django.contrib import admin

from config.admin import ReadOnlyAdmin

from .models import ModerationLog, ModeratorScope, ReviewHistory, ReviewItem, Suspension


class ModeratorScopeForm(forms.ModelForm):
    class Meta:
        model = ModeratorScope
        fields = ["moderator", "board", "room"]

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("board")) == bool(cleaned.get("room")):
            raise forms.ValidationError("Choose one board or one room for each row; add another row for more.")
        return cleaned


@admin.register(ModeratorScope)
class ModeratorScopeAdmin(admin.ModelAdmin):
    """One board or one room per row. A room here makes the peer moderator one of its hosts."""

    form = ModeratorScopeForm
    list_display = ["moderator", "board", "room"]
    list_filter = ["board", "room"]
    autocomplete_fields = ["moderator"]


@admin.register(ModerationLog)
class ModerationLogAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "member", "target_type", "target_id", "before", "after"]
    list_filter = ["action"]
    search_fields = ["reason", "member__handle", "actor__handle"]


@admin.register(ReviewItem)
class ReviewItemAdmin(ReadOnlyAdmin):
    list_display = ["pk", "target_type", "target_id", "status", "priority", "report_count", "created_at"]
    list_filter = ["status", "target_type"]


@admin.register(ReviewHistory)
class ReviewHistoryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "item", "actor", "action", "from_status", "to_status"]


@admin.register(Suspension)
class SuspensionAdmin(ReadOnlyAdmin):
    list_display = ["member", "number", "starts_at", "ends_at", "ended_at"]
