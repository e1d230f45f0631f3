"""Handles are pseudonyms: the right shape, unique ignoring case, never contact details."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from accounts.handles import HANDLE_VALIDATORS
from accounts.models import User


def validate(handle: str) -> None:
    for validator in HANDLE_VALIDATORS:
        validator(handle)


@pytest.mark.parametrize("handle", ["sky", "quiet_reader", "Tea-and-toast", "a" * 30, "robin2024"])
def test_good_handles_are_accepted(handle):
    validate(handle)


@pytest.mark.parametrize(
    ("handle", "message"),
    [
        ("ab", "3 to 30"),
        ("a" * 31, "3 to 30"),
        ("two words", "3 to 30"),
        ("me@example.org", "3 to 30"),
        ("07700900123", "phone number"),
        ("call-0770-090-0123", "phone number"),
        ("jo_smith_at_gmail_com", "email address"),
        ("jsmith-hotmail", "email address"),
        ("jo_at_example_co_uk", "email address"),
    ],
)
def test_bad_handles_are_refused_with_a_clear_message(handle, message):
    with pytest.raises(ValidationError, match=message):
        validate(handle)


def test_handles_are_unique_ignoring_case(db):
    User.objects.create_user(email="a@example.org", handle="Robin", password="x")
    with pytest.raises(IntegrityError):
        User.objects.create_user(email="b@example.org", handle="robin", password="x")
