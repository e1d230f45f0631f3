from django.contrib import admin

from .markup import validate_markdown
from .models import Board, RuleBook, RuleVersion
from .services.boards import save_board
from .services.rules import publish_rules


class ChecksMarkdown:
    """ModelAdmin mixin: the fields named in markdown_fields are held to community.markup's bounds, so text
    that would be refused shows its message on the form instead of failing on save."""

    markdown_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in self.markdown_fields:
            field.validators.append(validate_markdown)
        return field


@admin.register(RuleBook)
class RuleBookAdmin(admin.ModelAdmin):
    list_display = ["title", "slug"]


@admin.register(RuleVersion)
class RuleVersionAdmin(ChecksMarkdown, admin.ModelAdmin):
    """Publishing is adding a version; a published version is never edited."""

    markdown_fields = ("body",)
    list_display = ["book", "number", "published_at", "change_note"]
    list_filter = ["book"]
    fields = ["book", "body", "change_note"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        published = publish_rules(obj.book.slug, obj.book.title, obj.body, obj.change_note, by=request.user)
        obj.pk, obj.number = published.pk, published.number


@admin.register(Board)
class BoardAdmin(ChecksMarkdown, admin.ModelAdmin):
    """Administrators create boards and set their order; ground rules are rendered on save."""

    markdown_fields = ("ground_rules",)
    list_display = ["title", "slug", "position", "restricted_to"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "description", "ground_rules", "position", "restricted_to"]

    def save_model(self, request, obj, form, change):
        save_board(obj)


# Chat rooms ----------------------------------------------------------------------
from django import forms  # noqa: E402

from .models import Room, RoomAction, RoomOpening  # noqa: E402
from .services.rooms import publish_room_rules, rules_for  # noqa: E402


class RoomOpeningInline(admin.TabularInline):
    model = RoomOpening
    extra = 1


class RoomAdminForm(forms.ModelForm):
    ground_rules = forms.CharField(
        widget=forms.Textarea,
        required=False,
        validators=[validate_markdown],
        help_text="Markdown. Changing it publishes a new version that members accept before they next send.",
    )
    rules_change_note = forms.CharField(required=False, max_length=300, help_text="What changed, briefly.")

    class Meta:
        model = Room
        fields = [
            "name", "slug", "purpose", "audience", "membership", "capacity", "time_zone", "slow_mode_seconds",
            "position",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = rules_for(self.instance) if self.instance.pk else None
        if current is not None:
            self.fields["ground_rules"].initial = current.body


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    """Administrators create rooms, set their hours, audience and hosts, and publish their ground rules.

    Writing in "Ground rules" publishes the next version (the rule book "room-<slug>"):
    everyone is asked to accept it before they next send a message there.
    """

    form = RoomAdminForm
    list_display = ["name", "slug", "membership", "capacity", "slow_mode_seconds", "position"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoomOpeningInline]  # moderation/admin.py adds the hosts
    fields = [
        "name",
        "slug",
        "purpose",
        "ground_rules",
        "rules_change_note",
        "audience",
        "membership",
        "capacity",
        "time_zone",
        "slow_mode_seconds",
        "position",
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        body = form.cleaned_data.get("ground_rules", "").strip()
        current = rules_for(obj)
        if body and (current is None or current.body.strip() != body):
            publish_room_rules(obj, body, form.cleaned_data.get("rules_change_note", ""), by=request.user)


@admin.register(RoomAction)
class RoomActionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "room", "actor", "kind", "target", "reason"]
    list_filter = ["room", "kind"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
