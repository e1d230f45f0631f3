from django.contrib import admin

from .models import RuleBook, RuleVersion
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
