from django.contrib import admin

from .models import HelpService


@admin.register(HelpService)
class HelpServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "how_to_contact", "phone", "sms_number", "hours", "order"]
    list_editable = ["order"]
