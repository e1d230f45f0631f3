"""allauth adapter: speaks of handles, not usernames, in its messages, and its emails come from this site.

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
from django.conf import settings

FIRST_VISIT = "first_visit"  # session key


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
    }

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
