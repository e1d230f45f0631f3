"""Administrators manage peer moderators' scopes and the training modules here; the log, history,
training confirmations, watched words and pre-moderation are read-only (they are changed in the
app, so every change is logged). Promoting a member is friendlier on /moderation/team/.

As in the app (moderation.permissions), nobody sees here the items, history or log rows about
themselves: a superuser who is also a member must not read a concern raised about them."""

from django import forms
from django.contrib import admin

from community.admin import RoomAdmin
from community.models import Room
from config.admin import ReadOnlyAdmin

from .models import (
    ModerationLog,
    ModeratorScope,
    PreModeration,
    ReviewHistory,
    ReviewItem,
    Suspension,
    TrainingConfirmation,
    TrainingModule,
    WatchedWord,
)


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


class NotAboutViewerAdmin(ReadOnlyAdmin):
    """Leaves out rows whose member (reached through `member_field`) is the administrator looking."""

    member_field = "member"

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(**{self.member_field: request.user})


@admin.register(ModerationLog)
class ModerationLogAdmin(NotAboutViewerAdmin):
    list_display = ["created_at", "actor", "action", "member", "target_type", "target_id", "before", "after"]
    list_filter = ["action"]
    search_fields = ["reason", "member__handle", "actor__handle"]


@admin.register(ReviewItem)
class ReviewItemAdmin(NotAboutViewerAdmin):
    list_display = ["pk", "target_type", "target_id", "status", "priority", "report_count", "created_at"]
    list_filter = ["status", "target_type"]


@admin.register(ReviewHistory)
class ReviewHistoryAdmin(NotAboutViewerAdmin):
    list_display = ["created_at", "item", "actor", "action", "from_status", "to_status"]
    member_field = "item__member"


@admin.register(Suspension)
class SuspensionAdmin(ReadOnlyAdmin):
    list_display = ["member", "number", "automatic", "starts_at", "ends_at", "ended_at"]


@admin.register(TrainingModule)
class TrainingModuleAdmin(admin.ModelAdmin):
    list_display = ["title", "required", "position"]
    list_editable = ["required", "position"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(TrainingConfirmation)
class TrainingConfirmationAdmin(ReadOnlyAdmin):
    list_display = ["moderator", "module", "read_at", "confirmed_at", "confirmed_by"]
    list_filter = ["module"]


@admin.register(PreModeration)
class PreModerationAdmin(ReadOnlyAdmin):
    list_display = ["member", "started_by", "started_at", "ended_by", "ended_at"]


@admin.register(WatchedWord)
class WatchedWordAdmin(ReadOnlyAdmin):
    list_display = ["text", "action", "added_by", "added_at"]


class RoomHostInline(admin.TabularInline):
    """A room's hosts are the peer moderators given it as a scope (moderation.ModeratorScope)."""

    model = ModeratorScope
    fk_name = "room"
    fields = ["moderator"]
    autocomplete_fields = ["moderator"]
    extra = 1
    verbose_name = "host (a peer moderator for this room)"
    verbose_name_plural = "hosts (peer moderators for this room; leads and administrators host every room)"


admin.site.unregister(Room)


@admin.register(Room)
class RoomWithHostsAdmin(RoomAdmin):
    """Community's room admin, with the room's hosts (peer moderators given it as a scope) below its hours."""

    inlines = [*RoomAdmin.inlines, RoomHostInline]
