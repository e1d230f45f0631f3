from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from allauth.account.signals import password_reset

        from . import exports, signin
        from .defaults import install_role_groups
        from .signals import export_requested

        export_requested.connect(exports.declared, dispatch_uid="accounts.exports")
        post_migrate.connect(install_role_groups, sender=self)
        password_reset.connect(signin.forget_failures_after_reset)
