from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        from safeguarding.signals import concern_found

        from .services.reports import flag_concern

        concern_found.connect(flag_concern, dispatch_uid="moderation.flag_concern")
