"""Admin pieces shared by apps, and the administration site itself.

The site has no sign-in form of its own: /admin/login/ sends people to the members'
sign-in (allauth's, with its per-address limits and accounts/signin.py's growing wait),
which brings them back to the page they asked for. Staff reach the admin only once
their email address is verified, as every member must be.
"""

from allauth.account.utils import has_verified_email
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .http import safe_next


class AdminSite(admin.AdminSite):
    site_header = "Community administration"

    def has_permission(self, request):
        return super().has_permission(request) and has_verified_email(request.user)

    @login_not_required
    def login(self, request, extra_context=None):
        next_url = safe_next(request, reverse("admin:index", current_app=self.name))
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
        if self.has_permission(request):
            return redirect(next_url)
        if request.user.is_active and request.user.is_staff:
            messages.info(request, "Please verify your email address to use the administration pages.")
            return redirect("account_email")
        raise Http404("No such page.")


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records nobody may change through the app: logs, histories, decisions."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
