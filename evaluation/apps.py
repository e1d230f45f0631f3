from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "Evaluation"

    def ready(self):
        from allauth.account.signals import user_signed_up
        from django.contrib.auth.signals import user_logged_in

        from .services.participation import Kind, record

        user_signed_up.connect(lambda request, user, **kwargs: record(Kind.SIGNUP, user), weak=False)
        user_logged_in.connect(lambda sender, request, user, **kwargs: record(Kind.VISIT, user), weak=False)
