"""Wellbeing check-in pages and the dashboard's analysis: members see only their own, evaluators only aggregates."""

from datetime import date, timedelta

import pytest
from django.contrib import admin
from django.utils import timezone

from accounts.roles import Role
from evaluation import checkin_analysis, suppression
from evaluation.models import (
    CheckIn,
    CheckInAnswer,
    CheckInEnrolment,
    CheckInStudy,
    ExportLog,
    Instrument,
    InstrumentItem,
)
from evaluation.services import checkins

JOINED = date(2026, 1, 10)
# Happiness at baseline and one month: changes 1, 2, 3, 4, 5 twice. Mean 3, SD sqrt(20/9), t(9) = 2.262,
# so the interval is 3 ± 1.066: +1.9 to +4.1 to one decimal place.
HAPPINESS = [(5, 6), (5, 7), (2, 5), (1, 5), (0, 5)] * 2


def item(instrument_slug: str, key: str) -> InstrumentItem:
    return InstrumentItem.objects.get(instrument__slug=instrument_slug, key=key)


def lonely(value: int) -> dict[int, int]:
    return {item.pk: value for item in Instrument.objects.get(slug="ons-loneliness").items.all()}


def take_part(member, happiness: tuple[int, int], loneliness: tuple[int, int] = (3, 2), joined: date = JOINED) -> None:
    """Baseline on the day of joining, follow-up a month later (answered on that day)."""
    happy = item("ons4", "happiness").pk
    checkins.opt_in(member, today=joined)
    checkins.answer(member, 0, {happy: happiness[0], **lonely(loneliness[0])}, joined)
    checkins.answer(member, 30, {happy: happiness[1], **lonely(loneliness[1])}, joined + timedelta(days=30))


def happiness_row(today: date):
    tables = checkin_analysis.dashboard(today=today)["tables"]
    return next(row for row in tables[0].rows if row.label.startswith("Overall, how happy"))


@pytest.fixture
def evaluator(make_member):
    return make_member("evaluator1", roles=(Role.EVALUATOR,))


# The member's pages ---------------------------------------------------------------


def test_the_consent_page_says_what_is_collected_who_sees_it_and_how_to_stop(member, client_for):
    page = client_for(member).get("/check-ins/").content.decode()
    assert "never your answers, your name or your posts" in page
    assert "Stopping deletes all your answers" in page
    assert "Personal wellbeing (ONS4): 4 questions" in page
    assert "then after about 1, 5 and 11 months" in page
    assert "Yes, I'd like to take part" in page
    assert not CheckInEnrolment.objects.exists()


def test_opting_in_leads_to_the_baseline_questions_as_radio_groups(member, client_for):
    client = client_for(member)
    response = client.post("/check-ins/join/")
    assert response.status_code == 302 and response["Location"] == "/check-ins/0/"
    page = client.get("/check-ins/0/").content.decode()
    assert "<legend>Overall, how happy did you feel yesterday?</legend>" in page
    assert page.count('type="radio"') == 4 * 11 + 3 * 3 + 6 * 4
    assert " style=" not in page and "<script>" not in page


def test_answering_thanks_the_member(member, client_for):
    client = client_for(member)
    client.post("/check-ins/join/")
    happy = item("ons4", "happiness").pk
    response = client.post("/check-ins/0/", {f"item-{happy}": "8"}, follow=True)
    assert "Thank you for checking in." in response.content.decode()
    assert CheckInAnswer.objects.get().value == 8


def test_a_made_up_answer_is_refused_kindly(member, client_for):
    client = client_for(member)
    client.post("/check-ins/join/")
    happy = item("ons4", "happiness").pk
    response = client.post("/check-ins/0/", {f"item-{happy}": "eleven"}, follow=True)
    assert "wasn&#x27;t one of the choices" in response.content.decode()
    assert not CheckInAnswer.objects.exists()


@pytest.mark.parametrize("answer", ["\N{SUPERSCRIPT TWO}", "\N{ARABIC-INDIC DIGIT THREE}", "9" * 5000, "2.0"])
def test_an_answer_that_is_not_a_plain_number_is_refused_calmly_keeping_the_others(member, client_for, answer):
    client = client_for(member)
    client.post("/check-ins/join/")
    happy, worthwhile = item("ons4", "happiness").pk, item("ons4", "worthwhile").pk
    response = client.post("/check-ins/0/", {f"item-{happy}": answer, f"item-{worthwhile}": "7"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "wasn&#x27;t one of the choices. Please try again." in page
    assert f'name="item-{worthwhile}" value="7" checked>' in page
    assert page.count(" checked>") == 1
    assert not CheckInAnswer.objects.exists()


def test_skipping_from_the_page(member, client_for):
    client = client_for(member)
    client.post("/check-ins/join/")
    response = client.post("/check-ins/0/skip/", follow=True)
    assert "we&#x27;ve skipped this one" in response.content.decode()
    assert CheckIn.objects.get().state == CheckIn.State.SKIPPED


def test_a_check_in_that_is_not_open_sends_the_member_back(member, client_for):
    client = client_for(member)
    client.post("/check-ins/join/")
    response = client.get("/check-ins/30/", follow=True)
    assert "That check-in isn&#x27;t open at the moment." in response.content.decode()


def test_stopping_asks_first_then_deletes_every_answer(member, client_for):
    take_part(member, (5, 6))
    client = client_for(member)
    assert "Stop and delete my answers" in client.get("/check-ins/stop/").content.decode()
    assert CheckInAnswer.objects.exists()
    response = client.post("/check-ins/stop/", follow=True)
    assert "all your answers have been deleted" in response.content.decode()
    assert not CheckInAnswer.objects.exists() and not CheckInEnrolment.objects.exists()


def test_the_home_page_reminds_once(member, client_for):
    checkins.opt_in(member)
    client = client_for(member)
    assert "A wellbeing check-in is ready when you are" in client.get("/").content.decode()
    assert "A wellbeing check-in is ready when you are" not in client.get("/").content.decode()
    assert "Start the check-in" in client.get("/check-ins/").content.decode()  # still findable, not pushed


def test_no_reminder_for_members_who_have_not_opted_in(member, client_for):
    assert "wellbeing check-in" not in client_for(member).get("/").content.decode()


def test_signed_out_visitors_are_sent_to_log_in(client):
    response = client.get("/check-ins/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# The analysis and who may see it ------------------------------------------------------


def test_paired_change_with_its_interval_on_the_dashboard(make_member, evaluator, client_for):
    for number, happiness in enumerate(HAPPINESS):
        take_part(make_member(f"person{number}"), happiness)
    page = client_for(evaluator).get("/evaluation/").content.decode()
    row = (
        '<tr><th scope="row">Overall, how happy did you feel yesterday? (higher is better)</th>'
        '<td class="number">10</td><td class="number">+3.0</td><td class="number">+1.9 to +4.1</td></tr>'
    )
    assert row in page
    assert (
        'Total score (3 to 9) (lower is better)</th><td class="number">10</td><td class="number">\N{MINUS SIGN}3.0</td>'
        in page
    )
    as_of = checkin_analysis.changes_as_of(timezone.localdate())
    caption = f"Personal wellbeing (ONS4): change from baseline to latest follow-up, as of {as_of.day} {as_of:%B %Y}"
    assert f"<caption>{caption}</caption>" in page
    assert '<tr><th scope="row">Baseline (day 0)</th><td class="number">10</td>' in page
    for number in range(10):
        assert f"person{number}" not in page


def test_the_latest_follow_up_answered_by_the_cut_off_is_paired_with_the_baseline(member):
    take_part(member, (5, 6))
    checkins.answer(member, 150, {item("ons4", "happiness").pk: 9}, JOINED + timedelta(days=150))  # 9 June 2026
    instrument = Instrument.objects.get(slug="ons4")
    items = list(instrument.items.all())
    ((enrolment_id, per_wave),) = checkin_analysis.scores_by_member(instrument, items, date(2026, 6, 30)).items()
    assert checkin_analysis.baseline_and_latest(per_wave, "happiness") == (5, 9)
    assert checkin_analysis.baseline_and_latest(per_wave, "anxiety") is None
    before_day_150 = checkin_analysis.scores_by_member(instrument, items, date(2026, 3, 31))[enrolment_id]
    assert checkin_analysis.baseline_and_latest(before_day_150, "happiness") == (5, 6)


def test_fewer_than_five_pairs_show_only_less_than_five(make_member, evaluator, client_for):
    for number, happiness in enumerate(HAPPINESS[:4]):
        take_part(make_member(f"person{number}"), happiness)
    happiness = happiness_row(timezone.localdate())
    assert (happiness.pairs, happiness.mean, happiness.interval) == ("<5", "", "")
    page = client_for(evaluator).get("/evaluation/").content.decode()
    assert "+3.0" not in page and "+2.5" not in page


def test_completion_by_wave_counts_answered_skipped_and_missed(make_member):
    for number in range(6):
        person = make_member(f"person{number}")
        checkins.opt_in(person, today=JOINED)
        if number < 5:
            checkins.skip(person, 0, JOINED)
    taking_part, counts = checkin_analysis.completion(CheckInStudy.objects.get(), JOINED + timedelta(days=40))
    assert taking_part == 6
    assert counts[0] == {"answered": 0, "skipped": 5, "missed": 1, "not_yet": 0}
    assert counts[30] == {"answered": 0, "skipped": 0, "missed": 0, "not_yet": 6}  # still open for everyone
    assert counts[150] == {"answered": 0, "skipped": 0, "missed": 0, "not_yet": 6}  # to come


def test_the_csv_download_has_the_same_suppressed_figures_and_is_logged(make_member, evaluator, client_for):
    for number, happiness in enumerate(HAPPINESS):
        take_part(make_member(f"person{number}"), happiness)
    response = client_for(evaluator).get("/evaluation/check-ins.csv")
    assert response["Content-Disposition"].startswith('attachment; filename="kindred-check-ins-')
    text = response.content.decode()
    assert text.startswith("section,score,label,figure,value\n")
    as_of = checkin_analysis.changes_as_of(timezone.localdate()).isoformat()
    assert f"ons4,,Personal wellbeing (ONS4): follow-ups answered by,as_of,{as_of}\n" in text
    assert 'ons4,happiness,"Overall, how happy did you feel yesterday? (higher is better)",members_with_both,10' in text
    assert "mean_change,3.0\n" in text and "ci95_low,1.9\n" in text and "ci95_high,4.1\n" in text
    assert "completion,wave_30,Day 30: answered,answered,10\n" in text
    assert "completion,members,Members taking part now,taking_part,10\n" in text
    assert "ons4,anxiety," in text and "members_with_both,<5" in text
    assert "person" not in text
    log = ExportLog.objects.get()
    assert (log.who, log.figures, log.first_day) == ("evaluator1", "check_ins", JOINED)


@pytest.mark.parametrize(
    ("today", "as_of"),
    [
        (date(2026, 11, 23), date(2026, 9, 30)),
        (date(2026, 10, 1), date(2026, 9, 30)),
        (date(2026, 9, 30), date(2026, 6, 30)),
        (date(2026, 1, 1), date(2025, 12, 31)),
    ],
)
def test_change_figures_are_as_of_the_end_of_the_last_complete_quarter(today, as_of):
    assert checkin_analysis.changes_as_of(today) == as_of


def test_change_figures_stay_the_same_all_quarter_so_one_more_pair_cannot_be_differenced(make_member):
    for number, happiness in enumerate(HAPPINESS):
        take_part(make_member(f"person{number}"), happiness)
    take_part(make_member("late"), (0, 10), joined=date(2026, 3, 10))  # follow-up answered on 9 April 2026
    day_before, day_of, quarter_end = (
        happiness_row(day) for day in (date(2026, 4, 8), date(2026, 4, 9), date(2026, 6, 30))
    )
    assert day_before == day_of == quarter_end
    assert (day_of.pairs, day_of.mean, day_of.interval) == ("10", "+3.0", "+1.9 to +4.1")
    next_quarter = happiness_row(date(2026, 7, 1))
    assert (next_quarter.pairs, next_quarter.mean) == ("11", "+3.6")


def test_change_needs_ten_pairs_below_that_only_the_count_shows(make_member, evaluator, client_for):
    for number, happiness in enumerate(HAPPINESS[:9]):
        take_part(make_member(f"person{number}"), happiness)
    happiness = happiness_row(timezone.localdate())
    assert (happiness.pairs, happiness.mean, happiness.interval) == ("9", *[checkin_analysis.NOT_ENOUGH_PAIRS] * 2)
    report = checkin_analysis.build_report(timezone.localdate())
    assert report.figures()["ons4:happiness:mean"].value is None  # never computed for the page or an export
    text = client_for(evaluator).get("/evaluation/check-ins.csv").content.decode()
    assert "members_with_both,9\n" in text
    assert "mean_change,not enough pairs yet\n" in text and "ci95_high,not enough pairs yet\n" in text
    page = client_for(evaluator).get("/evaluation/").content.decode()
    assert '<td class="number">9</td><td class="number">not enough pairs yet</td>' in page


def test_the_minimum_number_of_pairs_is_a_setting(make_member, settings):
    settings.EVALUATION_CHANGE_MIN_PAIRS = 5
    for number, happiness in enumerate(HAPPINESS[:5]):
        take_part(make_member(f"person{number}"), happiness)
    assert happiness_row(timezone.localdate()).mean == "+3.0"


def test_a_suppressed_completion_count_cannot_be_worked_out_from_the_others(make_member):
    today = JOINED + timedelta(days=40)  # the baseline window has closed; the day-30 wave is open
    for number in range(15):
        person = make_member(f"person{number}")
        checkins.opt_in(person, today=JOINED)
        if number < 5:
            checkins.answer(person, 0, lonely(2), JOINED)
        elif number < 10:
            checkins.skip(person, 0, JOINED)
    checkins.opt_in(make_member("newcomer"), today=today)  # their baseline is still open
    report = checkin_analysis.build_report(today)
    figures, hidden = report.figures(), suppression.suppressed_keys(report)
    baseline = [f"wave_0:{outcome}" for outcome in checkin_analysis.WAVE_OUTCOMES]
    assert [figures[key].value for key in baseline] == [5, 5, 5, 1]
    # 16 taking part minus three fives would give away the one: a second baseline cell is hidden too.
    assert "members:taking_part" not in hidden and sum(key in hidden for key in baseline) == 2
    assert len(report.groups) == len(CheckInStudy.objects.get().wave_days)
    for total, parts in report.groups:
        assert sum(figures[part].value for part in parts) == figures[total].value
        assert sum(cell in hidden for cell in (total, *parts)) != 1
    baseline_row = checkin_analysis.dashboard(today)["waves"][0]
    assert [baseline_row.answered, baseline_row.skipped, baseline_row.missed, baseline_row.not_yet].count("<5") == 2


@pytest.mark.parametrize("path", ["/evaluation/", "/evaluation/check-ins.csv"])
def test_members_taking_part_cannot_see_the_analysis(member, client_for, path):
    take_part(member, (5, 6))
    assert client_for(member).get(path).status_code == 404
    assert not ExportLog.objects.exists()


def test_evaluators_see_only_their_own_check_ins_never_a_members_answers(member, evaluator, client_for):
    take_part(member, (5, 6))
    page = client_for(evaluator).get("/check-ins/").content.decode()
    assert "Yes, I'd like to take part" in page  # their own consent page, nothing of anyone else's
    assert client_for(evaluator).get("/check-ins/30/").status_code == 302


def test_answers_and_enrolments_are_not_in_the_admin_instruments_are():
    registered = admin.site._registry
    assert Instrument in registered and CheckInStudy in registered
    assert not {CheckIn, CheckInAnswer, CheckInEnrolment} & set(registered)
