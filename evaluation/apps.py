from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "Evaluation"

    def ready(self):
        from allauth.account.signals import user_signed_up
        from django.contrib.auth.signals import user_logged_in

        from accounts.signals import deletion_requested, export_requested
        from community.signals import took_part

        from . import exports
        from .defaults import install_check_ins
        from .services import checkins
        from .services.participation import Kind, record, took_part_receiver

        user_signed_up.connect(lambda request, user, **kwargs: record(Kind.SIGNUP, user), weak=False)
        user_logged_in.connect(lambda sender, request, user, **kwargs: record(Kind.VISIT, user), weak=False)
        took_part.connect(took_part_receiver, dispatch_uid="evaluation.took_part")
        export_requested.connect(exports.declared, dispatch_uid="evaluation.exports")
        deletion_requested.connect(lambda sender, user, **kwargs: checkins.withdraw(user), weak=False)
        post_migrate.connect(install_check_ins, sender=self)
