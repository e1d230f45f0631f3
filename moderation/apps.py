from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        from accounts.signals import export_requested, profile_shown
        from community import signals as community
        from config import access
        from safeguarding.signals import concern_found

        from . import exports
        from .defaults import install_training_modules
        from .models import ModeratorScope, Suspension, TrainingConfirmation, TrainingModule
        from .permissions import in_moderation_team, moderator_asked
        from .services import gates, sanctions, watched_words
        from .services.audit import log_room_action
        from .services.reports import flag_concern

        # What decides a moderator's (or a paused member's) open sockets (config/access.py).
        access.watch(ModeratorScope, "moderator_id")
        access.watch(Suspension, "member_id")
        access.watch(TrainingConfirmation, "moderator_id", fields=frozenset({"confirmed_at"}))
        access.watch(TrainingModule, None, fields=frozenset({"required"}))  # everyone's: a new required module
        community.member_checking.connect(
            lambda sender, user, **kwargs: sanctions.check_can_participate(user), weak=False
        )
        community.post_checking.connect(gates.checked, dispatch_uid="moderation.gates.checked")
        community.post_saved.connect(gates.saved, dispatch_uid="moderation.gates.saved")
        community.message_checking.connect(
            lambda sender, body, **kwargs: watched_words.blocking_message(body) or None, weak=False
        )
        community.moderator_asked.connect(moderator_asked, dispatch_uid="moderation.moderator_asked")
        concern_found.connect(flag_concern, dispatch_uid="moderation.flag_concern")
        export_requested.connect(exports.declared, dispatch_uid="moderation.exports")
        profile_shown.connect(lambda sender, member, **kwargs: {"moderates": in_moderation_team(member)}, weak=False)
        community.host_acted.connect(log_room_action, dispatch_uid="moderation.log_room_action")
        post_migrate.connect(install_training_modules, sender=self)
