from django.contrib import admin

from .models import Board, RuleBook, RuleVersion
from .services.boards import save_board
from .services.rules import publish_rules


@admin.register(RuleBook)
class RuleBookAdmin(admin.ModelAdmin):
    list_display = ["title", "slug"]


@admin.register(RuleVersion)
class RuleVersionAdmin(admin.ModelAdmin):
    """Publishing is adding a version; a published version is never edited."""

    list_display = ["book", "number", "published_at", "change_note"]
    list_filter = ["book"]
    fields = ["book", "body", "change_note"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        published = publish_rules(obj.book.slug, obj.book.title, obj.body, obj.change_note, by=request.user)
        obj.pk, obj.number = published.pk, published.number


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    """Administrators create boards and set their order; ground rules are rendered on save."""

    list_display = ["title", "slug", "position", "restricted_to"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "description", "ground_rules", "position", "restricted_to"]

    def save_model(self, request, obj, form, change):
        save_board(obj)
