from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from allauth.account.signals import password_reset

        from config import access

        from . import exports, signin
        from .defaults import install_role_groups
        from .models import User
        from .signals import export_requested

        export_requested.connect(exports.declared, dispatch_uid="accounts.exports")
        # What decides who a member is to their open sockets (config/access.py).
        access.watch(User, "pk", fields=frozenset({"is_active", "is_staff", "is_superuser", "deleted_at", "password"}))
        access.watch_groups(User)
        access.watch_sign_outs()
        post_migrate.connect(install_role_groups, sender=self)
        password_reset.connect(signin.forget_failures_after_reset)
