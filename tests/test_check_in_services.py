"""Wellbeing check-ins: consent, the wave schedule, answering, skipping, the one reminder, withdrawal and deletion."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.services import delete_account, export_account_data
from evaluation.defaults import install_check_ins
from evaluation.models import CheckIn, CheckInAnswer, CheckInEnrolment, Instrument, InstrumentItem
from evaluation.services import checkins

JOINED = date(2026, 1, 10)


def item(instrument_slug: str, key: str) -> InstrumentItem:
    return InstrumentItem.objects.get(instrument__slug=instrument_slug, key=key)


def baseline_answers() -> dict[int, int]:
    return {item("ons4", "happiness").pk: 7, item("ons4", "anxiety").pk: 3, item("ons-loneliness", "left_out").pk: 2}


def on_day(day: int) -> date:
    return JOINED + timedelta(days=day)


@pytest.fixture
def enrolled(member):
    checkins.opt_in(member, today=JOINED)
    return member


def test_the_three_open_instruments_and_the_schedule_are_installed_once(db):
    install_check_ins()
    install_check_ins()
    assert list(Instrument.objects.values_list("slug", flat=True)) == ["ons4", "ons-loneliness", "peer-support-log"]
    assert [i.key for i in Instrument.objects.get(slug="ons4").items.all()] == [
        "life_satisfaction",
        "worthwhile",
        "happiness",
        "anxiety",
    ]
    assert item("ons4", "anxiety").lower_is_better
    assert Instrument.objects.get(slug="ons-loneliness").items.count() == 3
    assert Instrument.objects.get(slug="peer-support-log").items.count() == 6
    assert checkins.study().wave_days == [0, 30, 150, 330]


def test_an_administrators_edit_survives_the_next_migrate(db):
    Instrument.objects.filter(slug="ons4").update(name="Edited")
    item("ons4", "happiness").delete()
    install_check_ins()
    assert Instrument.objects.get(slug="ons4").name == "Edited"
    assert not InstrumentItem.objects.filter(key="happiness").exists()


def test_nobody_is_asked_without_opting_in(member):
    assert checkins.due_wave(member, on_day(0)) is None
    assert checkins.take_reminder(member, on_day(0)) is None
    with pytest.raises(checkins.CheckInError):
        checkins.answer(member, 0, baseline_answers(), on_day(0))


def test_opting_in_keeps_the_consent_text_and_makes_the_baseline_due(enrolled):
    enrolment = CheckInEnrolment.objects.get(member=enrolled)
    assert enrolment.consent_text == checkins.study().consent_text
    assert checkins.opt_in(enrolled, today=on_day(5)).consented_on == JOINED  # twice changes nothing
    assert checkins.due_wave(enrolled, on_day(0)).day == 0


def test_waves_open_on_their_day_after_opting_in_and_close_after_the_window(enrolled):
    assert checkins.due_wave(enrolled, on_day(29)).day == 0
    assert checkins.due_wave(enrolled, on_day(30)).day == 30  # the baseline closed unanswered
    states = {wave.day: wave.state for wave in checkins.waves(checkins.enrolment_of(enrolled), on_day(30))}
    assert states == {0: "missed", 30: "due", 150: "upcoming", 330: "upcoming"}
    assert checkins.due_wave(enrolled, on_day(100)) is None
    assert checkins.due_wave(enrolled, on_day(150)).day == 150
    assert checkins.due_wave(enrolled, on_day(360)) is None


def test_answering_keeps_the_answers_and_the_wave_is_not_asked_again(enrolled):
    checkins.answer(enrolled, 0, baseline_answers(), on_day(0))
    check_in = CheckIn.objects.get(enrolment__member=enrolled, wave_day=0)
    assert check_in.state == CheckIn.State.ANSWERED
    assert timezone.localtime(check_in.completed_at).date() == JOINED  # the day it was answered on
    assert sorted(check_in.answers.values_list("value", flat=True)) == [2, 3, 7]
    assert checkins.due_wave(enrolled, on_day(1)) is None
    with pytest.raises(checkins.CheckInError):
        checkins.answer(enrolled, 0, baseline_answers(), on_day(1))


@pytest.mark.parametrize("bad_value", [11, -1, None])
def test_an_answer_that_is_not_one_of_the_choices_is_refused_and_nothing_is_kept(enrolled, bad_value):
    answers = {**baseline_answers(), item("ons4", "worthwhile").pk: bad_value}
    with pytest.raises(checkins.CheckInError, match="one of the choices"):
        checkins.answer(enrolled, 0, answers, on_day(0))
    assert not CheckInAnswer.objects.exists()
    assert checkins.due_wave(enrolled, on_day(0)).day == 0


def test_an_empty_check_in_is_refused_rather_than_counted(enrolled):
    with pytest.raises(checkins.CheckInError, match="at least one"):
        checkins.answer(enrolled, 0, {}, on_day(0))


def test_a_wave_that_is_not_open_cannot_be_answered(enrolled):
    with pytest.raises(checkins.CheckInError, match="isn't open"):
        checkins.answer(enrolled, 30, baseline_answers(), on_day(0))


def test_skipping_records_the_wave_as_skipped_with_no_answers(enrolled):
    checkins.skip(enrolled, 0, on_day(0))
    check_in = CheckIn.objects.get(enrolment__member=enrolled, wave_day=0)
    assert check_in.state == CheckIn.State.SKIPPED
    assert not check_in.answers.exists()
    assert checkins.due_wave(enrolled, on_day(1)) is None
    assert checkins.due_wave(enrolled, on_day(30)).day == 30


def test_the_reminder_is_shown_once_per_wave_then_never_again(enrolled):
    assert checkins.take_reminder(enrolled, on_day(0)).day == 0
    assert checkins.take_reminder(enrolled, on_day(0)) is None
    assert checkins.take_reminder(enrolled, on_day(5)) is None
    assert checkins.take_reminder(enrolled, on_day(31)).day == 30
    assert checkins.take_reminder(enrolled, on_day(32)) is None


def test_no_reminder_once_the_wave_is_answered_or_skipped(enrolled):
    checkins.skip(enrolled, 0, on_day(0))
    assert checkins.take_reminder(enrolled, on_day(1)) is None


def test_withdrawing_deletes_every_answer_and_stops_reminders(enrolled, other_member):
    checkins.answer(enrolled, 0, baseline_answers(), on_day(0))
    checkins.answer(enrolled, 30, baseline_answers(), on_day(30))
    checkins.opt_in(other_member, today=JOINED)
    checkins.answer(other_member, 0, baseline_answers(), on_day(0))

    assert checkins.withdraw(enrolled) == 6
    assert not CheckInEnrolment.objects.filter(member=enrolled).exists()
    assert not CheckIn.objects.filter(enrolment__member=enrolled).exists()
    assert CheckInAnswer.objects.count() == 3  # the other member's stay
    assert checkins.take_reminder(enrolled, on_day(150)) is None
    assert checkins.withdraw(enrolled) == 0


def test_members_download_their_own_answers_with_their_data(enrolled):
    checkins.answer(enrolled, 0, baseline_answers(), on_day(0))
    exported = export_account_data(enrolled)["wellbeing_check_ins"]
    assert exported["consented_on"] == "2026-01-10"
    (baseline,) = exported["check_ins"]
    assert baseline["wave"] == "First check-in" and baseline["state"] == "answered"
    assert {"questionnaire": "Personal wellbeing (ONS4)", "question": item("ons4", "happiness").text,
            "answer": "7", "value": 7} in baseline["answers"]  # fmt: skip
    assert {"answer": "Some of the time", "value": 2}.items() <= baseline["answers"][2].items()


def test_members_who_never_opted_in_have_nothing_in_their_download(member):
    assert export_account_data(member)["wellbeing_check_ins"] is None


def test_deleting_the_account_deletes_the_check_in_answers(enrolled):
    checkins.answer(enrolled, 0, baseline_answers(), on_day(0))
    delete_account(enrolled)
    assert not CheckInAnswer.objects.exists()
    assert not CheckInEnrolment.objects.exists()


@pytest.mark.parametrize(
    "options",
    [
        [],
        [[1, "Only one"]],
        [[1, "One"], [1, "Again"]],
        [[2, "High"], [1, "Low"]],
        [["a", "Letter"], [2, "Two"]],
        "0-10",
    ],
)
def test_instrument_items_refuse_answers_that_cannot_be_scored(db, options):
    with pytest.raises(ValidationError, match="answers"):
        InstrumentItem(instrument=Instrument.objects.first(), key="k", text="Q", options=options).full_clean()


def test_the_shipped_items_are_valid(db):
    for shipped in InstrumentItem.objects.all():
        shipped.full_clean()
    checkins.study().full_clean()


@pytest.mark.parametrize("wave_days", [[30, 150], [0, 30, 30], [0, -5], "0, 30"])
def test_a_schedule_needs_a_baseline_and_distinct_days(db, wave_days):
    study = checkins.study()
    study.wave_days = wave_days
    with pytest.raises(ValidationError, match="wave_days"):
        study.full_clean()
