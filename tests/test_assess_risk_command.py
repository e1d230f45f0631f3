"""python manage.py assess_risk: one JSON line out for every line in, from the leads' list or the shipped one."""

import io
import json

import pytest
from django.core.management import call_command

from safeguarding.management.commands.assess_risk import Command

pytestmark = pytest.mark.django_db


def run_assess_risk(monkeypatch, text: str, *options: str) -> list[dict]:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    out = io.StringIO()
    call_command("assess_risk", *options, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_each_input_line_gets_one_json_line_in_the_same_order(monkeypatch):
    results = run_assess_risk(monkeypatch, "Had a lovely walk today\nI want to die\n\nthis deadline is killing me\n")

    assert [result["level"] for result in results] == ["none", "high", "none", "none"]


def test_a_match_reports_phrase_level_category_and_the_words_as_written(monkeypatch):
    [result] = run_assess_risk(monkeypatch, "Honestly I\u2019m gonna k1ll myself tonite\n")

    assert result["level"] == "crisis"
    assert result["categories"] == ["suicide"]
    first = result["matches"][0]
    assert first == {
        "phrase": "going to kill myself",
        "level": "crisis",
        "category": "suicide",
        "start": 13,
        "end": 30,
        "text": "gonna k1ll myself",
    }


def test_the_last_line_needs_no_newline(monkeypatch):
    assert [result["level"] for result in run_assess_risk(monkeypatch, "he hits me")] == ["high"]


def test_help_explains_input_output_and_that_people_still_read_every_post():
    help_text = Command().create_parser("manage.py", "assess_risk").format_help()

    assert "one message per line" in help_text
    assert "python manage.py assess_risk < messages.txt > results.jsonl" in help_text
    assert "people\nstill read every post" in help_text


def test_the_leads_list_in_the_database_is_used(monkeypatch, django_capture_on_commit_callbacks):
    from safeguarding.models import RiskPhrase
    from safeguarding.services import risk

    RiskPhrase.objects.create(text="feel like a ghost", level=3, category="suicide")
    with django_capture_on_commit_callbacks(execute=True):
        risk.record_list_change(None, "Added a phrase")
    [from_database] = run_assess_risk(monkeypatch, "I feel like a ghost\n")
    [shipped] = run_assess_risk(monkeypatch, "I feel like a ghost\n", "--shipped-list")
    assert (from_database["level"], shipped["level"]) == ("high", "none")


def test_each_line_says_whether_it_is_about_the_writer_or_someone_else(monkeypatch):
    results = run_assess_risk(monkeypatch, "I want to die\nmy brother says he wants to kill himself\n")

    assert [result["about"] for result in results] == ["self", "someone else"]
