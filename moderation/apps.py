from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        from accounts.personal_data import register_exports
        from config import access
        from safeguarding.signals import concern_found

        from . import exports
        from .defaults import install_training_modules
        from .models import ModeratorScope, Suspension, TrainingConfirmation, TrainingModule
        from .services.reports import flag_concern

        # What decides a moderator's (or a paused member's) open sockets (config/access.py).
        access.watch(ModeratorScope, "moderator_id")
        access.watch(Suspension, "member_id")
        access.watch(TrainingConfirmation, "moderator_id", fields=frozenset({"confirmed_at"}))
        access.watch(TrainingModule, None, fields=frozenset({"required"}))  # everyone's: a new required module
        concern_found.connect(flag_concern, dispatch_uid="moderation.flag_concern")
        register_exports(exports.SECTIONS, exports.WITHHELD)
        post_migrate.connect(install_training_modules, sender=self)
