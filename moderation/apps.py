from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        from accounts.personal_data import register_exports
        from community.signals import host_acted
        from safeguarding.signals import concern_found

        from . import exports
        from .defaults import install_training_modules
        from .services.audit import log_room_action
        from .services.reports import flag_concern

        concern_found.connect(flag_concern, dispatch_uid="moderation.flag_concern")
        host_acted.connect(log_room_action, dispatch_uid="moderation.log_room_action")
        register_exports(exports.SECTIONS, exports.WITHHELD)
        post_migrate.connect(install_training_modules, sender=self)
