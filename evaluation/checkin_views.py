"""The member's wellbeing check-in pages: consent, each wave's questions, skipping and withdrawing.

Thin over services/checkins.py. Every page is about the signed-in member's own
check-ins; nobody can see another member's answers here (or anywhere in the app).
"""

import re

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from community.markup import render_markdown

from .services import checkins

WHOLE_NUMBER = re.compile(r"-?[0-9]{1,6}")  # short: int() refuses strings of thousands of digits
DONE_MESSAGES = {"answered": "Thank you for checking in.", "skipped": "That's fine, we've skipped this one."}


def overview(request):
    enrolment, study = checkins.enrolment_of(request.user), checkins.study()
    context = {
        "enrolment": enrolment,
        "study": study,
        "consent_html": render_markdown(study.consent_text),
        "questions": checkins.questions(),
        "follow_up_months": _in_words([round(day / 30) for day in sorted(study.wave_days) if day]),
        "waves": checkins.waves(enrolment) if enrolment else [],
        "due": checkins.due_wave(request.user),
        "done": DONE_MESSAGES.get(request.GET.get("done", ""), ""),
    }
    return render(request, "evaluation/check_ins/overview.html", context)


def _in_words(numbers: list[int]) -> str:
    words = [str(number) for number in numbers]
    return " and ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)


@require_POST
def join(request):
    checkins.opt_in(request.user)
    due = checkins.due_wave(request.user)
    return redirect("check_in_wave", wave_day=due.day) if due else redirect("check_ins")


@require_http_methods(["GET", "POST"])
def wave(request, wave_day: int):
    due = checkins.due_wave(request.user)
    if due is None or due.day != wave_day:
        messages.info(request, "That check-in isn't open at the moment.")
        return redirect("check_ins")
    questions = checkins.questions()
    if request.method == "POST":
        chosen = _chosen_values(request.POST, questions)
        try:
            checkins.answer(request.user, wave_day, chosen)
        except checkins.CheckInError as refusal:
            messages.error(request, str(refusal))
            _keep_answers(questions, chosen)
        else:
            return redirect(f"{reverse('check_ins')}?done=answered")
    return render(request, "evaluation/check_ins/wave.html", {"wave": due, "questions": questions})


def _chosen_values(data, questions) -> dict[int, int]:
    chosen = {}
    for _instrument, items in questions:
        for item in items:
            raw = data.get(f"item-{item.pk}", "")
            if raw:
                chosen[item.pk] = _whole_number(raw)  # None is not one of the choices: the service refuses it
    return chosen


def _whole_number(raw: str) -> int | None:
    """The answer as a number, or None: only a few ASCII digits ("²" is a digit to str.isdigit, not to int)."""
    return int(raw) if WHOLE_NUMBER.fullmatch(raw) else None


def _keep_answers(questions, chosen: dict[int, int | None]) -> None:
    """Mark the member's valid answers so the page they return to still has them ticked."""
    for _instrument, items in questions:
        for item in items:
            item.chosen = chosen.get(item.pk)


@require_POST
def skip(request, wave_day: int):
    try:
        checkins.skip(request.user, wave_day)
    except checkins.CheckInError as refusal:
        messages.error(request, str(refusal))
        return redirect("check_ins")
    return redirect(f"{reverse('check_ins')}?done=skipped")


@require_http_methods(["GET", "POST"])
def withdraw(request):
    if checkins.enrolment_of(request.user) is None:
        return redirect("check_ins")
    if request.method == "POST":
        checkins.withdraw(request.user)
        messages.success(request, "You've stopped the check-ins and all your answers have been deleted.")
        return redirect("check_ins")
    return render(request, "evaluation/check_ins/withdraw.html")
