"""A member's access version: how open sockets learn that who the member is has changed.

A socket decides at connect who its member is (signed in, active, their roles,
scopes, training, room membership). Those can change while it is open, so every
write that could change them bumps the member's *access version* after commit:

- a token in the cache (`access:<member id>`, a random value, and
  `access:everyone` for changes that touch every member, such as a new required
  training module). Sockets note it when they connect and compare it on every
  frame the browser sends. A lost or expired key reads as a new token, which
  costs one needless re-check, never a missed one;
- a push to the member's sockets in every process, through the fan-out hub's
  `access` topic (config/fanout.py), so a socket re-checks at once rather than
  at the browser's next frame.

What counts as such a write is declared by each app in `AppConfig.ready()` with
`watch()` (a model, the field naming the member, the fields that matter) and,
for role groups and signing out, `watch_groups()` and `watch_sign_outs()`: the rows are watched, not the services, so an
administrator's edit in the Django admin counts as much as a service's.
The socket side is config.websocket.MemberSocket.
"""

import logging
import secrets

from django.contrib.auth.signals import user_logged_out
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .fanout import ACCESS, ACCESS_TOPIC, encode, hub

logger = logging.getLogger(__name__)

EVERYONE = "access:everyone"
TOKEN_SECONDS = 24 * 60 * 60  # an expired token only costs open sockets one re-check


def _key(user_id: int) -> str:
    return f"access:{user_id}"


def token(user_id: int) -> str:
    """The member's access version now (their own and everyone's), made up if the cache has none."""
    keys = [_key(user_id), EVERYONE]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, secrets.token_hex(8), TOKEN_SECONDS)
            found[key] = cache.get(key, "")
    return f"{found[keys[0]]}.{found[keys[1]]}"


def changed(user_id: int | None) -> None:
    """The member's access (None: everyone's) may have changed: tell their open sockets once this commits."""
    transaction.on_commit(lambda: _bump(user_id))


def _bump(user_id: int | None) -> None:
    try:
        cache.set(EVERYONE if user_id is None else _key(user_id), secrets.token_hex(8), TOKEN_SECONDS)
    except Exception:
        logger.exception("The access version of %s was not bumped; the push below still re-checks", user_id)
    hub.publish(ACCESS_TOPIC, encode(ACCESS, to=user_id))


def watch(model, member: str | None, fields: frozenset[str] = frozenset()) -> None:
    """Bump the access version of the member `member` names (an attribute; None: everyone) when a row
    of `model` is created or deleted, or saved with any of `fields` (all saves if no fields are given)."""

    def saved(sender, instance, created, update_fields, **kwargs):
        if created or not fields or update_fields is None or fields & set(update_fields):
            changed(getattr(instance, member) if member else None)

    def deleted(sender, instance, **kwargs):
        changed(getattr(instance, member) if member else None)

    uid = f"access.{model._meta.label}"
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"{uid}.saved")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}.deleted")


def watch_groups(user_model) -> None:
    """Bump the access version of every member added to or removed from a group, from either side."""

    def groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
        if action in ("post_add", "post_remove"):
            members = pk_set if reverse else {instance.pk}
        elif action == "pre_clear" and reverse:  # a group emptied: who was in it
            members = set(instance.user_set.values_list("pk", flat=True))
        elif action == "post_clear" and not reverse:
            members = {instance.pk}
        else:
            return
        for user_id in members:
            changed(user_id)

    m2m_changed.connect(groups_changed, sender=user_model.groups.through, weak=False, dispatch_uid="access.groups")


def watch_sign_outs() -> None:
    """Signing out ends that session: the member's sockets re-check, and the one on that session closes."""

    def signed_out(sender, request, user, **kwargs):
        if user is None:
            return
        if request is not None and hasattr(request, "session"):
            # Django's logout() ends the session just after this signal; end it first, so that a socket
            # re-checking at once (in another process) finds it gone. Ending it twice is harmless.
            request.session.flush()
        changed(user.pk)

    user_logged_out.connect(signed_out, weak=False, dispatch_uid="access.signed_out")
