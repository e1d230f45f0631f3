"""seed_demo builds the demo community once, and never on a live site by accident."""

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.roles import Role, has_role
from evaluation import checkin_analysis
from evaluation.models import CheckInAnswer
from moderation.permissions import can_use_queue


def test_refuses_with_debug_off_unless_forced(db):
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")


def test_is_idempotent(db):
    call_command("seed_demo", "--force")
    counts = User.objects.count()
    call_command("seed_demo", "--force")
    assert User.objects.count() == counts == 12


def test_demo_people_log_in_with_the_documented_password_and_hold_their_roles(db, client):
    call_command("seed_demo", "--force")
    assert client.login(email="peer1@example.org", password="demo-pass-2468")
    assert has_role(User.objects.get(handle="moderator"), Role.MODERATOR)
    assert can_use_queue(User.objects.get(handle="moderator")), "the demo moderator has finished training"
    assert has_role(User.objects.get(handle="safeguarding"), Role.SAFEGUARDING_LEAD)
    assert has_role(User.objects.get(handle="evaluator"), Role.EVALUATOR)
    assert User.objects.get(handle="admin").is_superuser


def test_demo_check_ins_give_the_dashboard_pairs_to_count(db):
    call_command("seed_demo", "--force")
    call_command("seed_demo", "--force")
    assert CheckInAnswer.objects.count() == 6 * 2 * 7
    ons4 = checkin_analysis.dashboard()["tables"][0]
    assert {(row.pairs, row.mean) for row in ons4.rows} == {("6", checkin_analysis.NOT_ENOUGH_PAIRS)}
