"""Slowing password guesses down without letting anyone lock a member out.

After LOGIN_FREE_FAILURES wrong passwords in a row for one email address, each further
wrong one makes the next try wait longer than the last (LOGIN_DELAY_SECONDS: the first wait, doubling, up to the
longest); a try made too soon is refused with how long to wait, and its password is not
even checked. The right password after the wait works, and clears the count. Nothing
ever locks an account: at worst a guesser makes a member wait the longest delay.

Not even that on a browser the member signed in with before: a successful sign-in leaves
a signed "known browser" cookie there, and a browser that is known for an account counts
its own failures instead of everyone's. So however many guesses arrive for a lead's
address, the lead signs in at once from their usual browser (OWASP's device cookies).

Per-address limits stay allauth's (ACCOUNT_RATE_LIMITS "login" and "login_failed", per
client address as config/proxy.py finds it). Addresses that do not exist are slowed
exactly like real ones, so the delay tells nobody who is a member.
"""

import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

COOKIE = "known_browser"
COOKIE_SALT = "accounts.signin.known-browser"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
COOKIE_ACCOUNTS = 5  # accounts one browser is remembered for, most recent first


def clock() -> float:
    return time.time()


def _account(email: str) -> str:
    """A keyed digest of the address: cache keys and cookies never hold the address itself."""
    return salted_hmac("accounts.signin.account", email.strip().lower()).hexdigest()[:24]


def _known_browser(request) -> dict:
    try:
        value = signing.loads(request.COOKIES.get(COOKIE, ""), salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE)
    except signing.BadSignature:
        return {}
    return value if isinstance(value, dict) and isinstance(value.get("accounts"), list) else {}


def _counter_key(request, email: str) -> str:
    """This browser's own count if it is known for the account, else the account's count from everywhere else."""
    account = _account(email)
    browser = _known_browser(request)
    if account in browser.get("accounts", []):
        return f"signin:failures:{account}:{browser['id']}"
    return f"signin:failures:{account}"


def wait_after(failures: int) -> int:
    """Seconds the next try must wait after this many failures in a row."""
    beyond = failures - settings.LOGIN_FREE_FAILURES
    if beyond <= 0:
        return 0
    first, longest = settings.LOGIN_DELAY_SECONDS
    return min(longest, first * 2 ** (beyond - 1))


def seconds_to_wait(request, email: str) -> int:
    """0 if a sign-in to this address may be tried now, else whole seconds until it may."""
    failures, last = cache.get(_counter_key(request, email), (0, 0.0))
    remaining = wait_after(failures) - (clock() - last)
    return max(0, int(remaining + 0.999))


def record_failure(request, email: str) -> None:
    key = _counter_key(request, email)
    failures, _ = cache.get(key, (0, 0.0))
    cache.set(key, (failures + 1, clock()), settings.LOGIN_FAILURES_FORGOTTEN_AFTER)


def record_success(request, email: str) -> None:
    cache.delete(_counter_key(request, email))


def forget_failures_after_reset(sender, request, user, **kwargs) -> None:
    """allauth's password_reset signal: whoever was guessing, the old password no longer matters."""
    if user.email:
        cache.delete(f"signin:failures:{_account(user.email)}")


def remember_browser(request, response, email: str) -> None:
    """Mark this browser as known for the account it just signed in to."""
    browser = _known_browser(request)
    account = _account(email)
    accounts = [account, *(each for each in browser.get("accounts", []) if each != account)][:COOKIE_ACCOUNTS]
    value = {"id": browser.get("id") or secrets.token_urlsafe(12), "accounts": accounts}
    response.set_cookie(
        COOKIE,
        signing.dumps(value, salt=COOKIE_SALT),
        max_age=COOKIE_MAX_AGE,
        path="/accounts/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def wait_message(seconds: int) -> str:
    if seconds > 90:
        minutes = (seconds + 59) // 60
        how_long = f"{minutes} minutes"
    else:
        how_long = "1 second" if seconds == 1 else f"{seconds} seconds"
    return (
        "There have been several wrong passwords for this account, so to keep it safe each try waits a little "
        f"longer. Please wait {how_long} before trying again, or reset your password."
    )
