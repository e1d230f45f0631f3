"""allauth adapter: speaks of handles, not usernames, and slows password guesses instead of locking out.

Per-account protection is accounts/signin.py (a growing wait after several wrong
passwords, never a lockout, and none on a browser the member signed in with before);
per-address limits are allauth's own (ACCOUNT_RATE_LIMITS in config/settings.py).
"""

from allauth.account.adapter import DefaultAccountAdapter
from django import forms

from . import signin


def _login(credentials: dict) -> str:
    return credentials.get("email") or credentials.get("username") or ""


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
