"""allauth adapter: speaks of handles, not usernames, slows password guesses instead of locking out,
and its emails come from this site.

Per-account protection is accounts/signin.py (a growing wait after several wrong
passwords, never a lockout, and none on a browser the member signed in with before);
per-address limits are allauth's own (ACCOUNT_RATE_LIMITS in config/settings.py).

Account emails (verification, password reset) are signed with settings.SITE_NAME
and link to settings.SITE_URL, the address members use, whatever host name the
request that sent them came in on (a proxy, a health check, 0.0.0.0).

A member's very first sign-in (following the verification link, usually) marks
their session as their first visit, so the home page says "Welcome" rather than
"Welcome back" until they sign in again (is_first_visit).
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings

from . import signin

FIRST_VISIT = "first_visit"  # session key


def _login(credentials: dict) -> str:
    return credentials.get("email") or credentials.get("username") or ""


def is_first_visit(request) -> bool:
    return bool(request.session.get(FIRST_VISIT))


def on_site(url: str) -> str:
    """The same page at settings.SITE_URL."""
    bits = urlsplit(url)
    return settings.SITE_URL + bits.path + (f"?{bits.query}" if bits.query else "")


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_taken": "That handle is already in use. Please choose another.",
        "username_blacklisted": "That handle is kept for the team. Please choose another.",
        "too_many_login_attempts": (
            "There have been a lot of sign-in attempts from your connection. Please wait a minute and try again."
        ),
    }

    def pre_authenticate(self, request, **credentials):
        wait = signin.seconds_to_wait(request, _login(credentials))
        if wait:
            raise forms.ValidationError(signin.wait_message(wait), code="wait")
        super().pre_authenticate(request, **credentials)

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            signin.record_success(request, _login(credentials))
        return user

    def authentication_failed(self, request, **credentials):
        signin.record_failure(request, _login(credentials))

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        if user.email:
            signin.remember_browser(request, response, user.email)
        return response

    def login(self, request, user) -> None:
        first = user.last_login is None  # signing in sets it, so read it first
        super().login(request, user)
        request.session[FIRST_VISIT] = first

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        site = SimpleNamespace(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)
        super().send_mail(template_prefix, email, {**context, "current_site": site})

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_site(super().get_reset_password_from_key_url(key))
