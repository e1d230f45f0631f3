"""allauth adapter: speaks of handles, not usernames, in its messages."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_taken": "That handle is already in use. Please choose another.",
        "username_blacklisted": "That handle is kept for the team. Please choose another.",
    }
