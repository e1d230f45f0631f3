"""Help for members, and the safeguarding leads' dashboard: thin over safeguarding.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from config.http import read_up_to, safe_next

from .forms import CheckInForm, MessageForm, PhraseFilterForm, PhraseForm, TryForm
from .models import Case
from .permissions import can_work_on_cases
from .services import alerts, cases, escalation, mood, phrases, signposting, team
from .services import messages as team_messages


@login_not_required
def help_now(request):
    """Works signed out, suspended or deleted, and without JavaScript."""
    return render(request, "safeguarding/help.html", {"services": signposting.crisis_services()})


def support_panel(request):
    """The private help panel, for pages that learn of an offer live."""
    offer = escalation.unseen_support_offer(request.user)
    context = {
        "crisis_services": signposting.crisis_services(),
        "about_someone_else": offer is not None and offer.about_someone_else,
    }
    return render(request, "safeguarding/_support_dialog.html", context)


@require_POST
def dismiss_support(request):
    escalation.dismiss_support_offers(request.user)
    return redirect(safe_next(request))


def _lead_only(request) -> None:
    if not can_work_on_cases(request.user):
        raise Http404("No such page.")


def _queue_context(request) -> dict:
    now = timezone.now()
    rows = [
        {"case": case, "target": alerts.response_target(case.level), "overdue": alerts.is_overdue(case, now)}
        for case in cases.open_cases(request.user)
    ]
    return {"rows": rows, "now": now}


def dashboard(request):
    _lead_only(request)
    context = {
        **_queue_context(request),
        "on_duty": list(team.leads_on_duty()),
        "i_am_on_duty": team.leads_on_duty().filter(pk=request.user.pk).exists(),
    }
    return render(request, "safeguarding/dashboard.html", context)


def case_list(request):
    """The dashboard's list alone, for live refreshes and polling."""
    _lead_only(request)
    return render(request, "safeguarding/_case_list.html", _queue_context(request))


@require_POST
def set_duty(request):
    _lead_only(request)
    on_duty = request.POST.get("on_duty") == "1"
    alerts.set_on_duty(request.user, on_duty)
    messages.success(request, "You're on duty. Alerts come to you first." if on_duty else "You're off duty. Thank you.")
    return redirect("safeguarding_dashboard")


def case_page(request, case_id):
    _lead_only(request)
    try:
        case = cases.look_at_case(request.user, case_id)
    except Case.DoesNotExist:
        raise Http404("No such case.") from None
    context = {
        "case": case,
        "items": case.items.all(),
        "history": case.history.select_related("actor"),
        "outcomes": Case.Outcome.choices,
        "target": alerts.response_target(case.level),
        "overdue": alerts.is_overdue(case, timezone.now()),
        "case_messages": team_messages.for_case(case),
        "message_form": MessageForm(),
    }
    return render(request, "safeguarding/case.html", context)


def _case(request, case_id) -> Case:
    """The case if this lead may work on it; a case about them is, for them, not there."""
    _lead_only(request)
    try:
        return cases.case_for(request.user, case_id)
    except Case.DoesNotExist:
        raise Http404("No such case.") from None


@require_POST
def case_action(request, case_id, action):
    case = _case(request, case_id)
    steps = {
        "acknowledge": lambda: cases.acknowledge(request.user, case),
        "start": lambda: cases.start_work(request.user, case),
        "note": lambda: cases.add_note(request.user, case, request.POST.get("note", "")),
        "resolve": lambda: cases.resolve(
            request.user, case, request.POST.get("outcome", ""), request.POST.get("note", "")
        ),
    }
    if action not in steps:
        raise Http404("No such action.")
    try:
        steps[action]()
    except cases.CaseError as refusal:
        messages.error(request, str(refusal))
    return redirect("safeguarding_case", case_id=case.pk)


# Leads' phrase tools ---------------------------------------------------------------


def phrase_list(request):
    _lead_only(request)
    filters = PhraseFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    rows = phrases.list_phrases(
        category=chosen.get("category", ""),
        level=chosen.get("level", ""),
        query=chosen.get("q", ""),
        exceptions=chosen.get("show") == "exceptions",
    )
    context = {"filters": filters, "phrases": rows[:500], "total": rows.count(), "form": PhraseForm()}
    return render(request, "safeguarding/phrases.html", context)


def phrase_add(request):
    _lead_only(request)
    form = PhraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            phrase = phrases.add_phrase(
                request.user, data["text"], data["level"], data["category"], data["is_exception"]
            )
        except phrases.PhraseError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Added “{phrase.text}”. It is used from now on.")
            return redirect("safeguarding_phrases")
    return render(request, "safeguarding/phrase_add.html", {"form": form})


@require_POST
def phrase_active(request, phrase_id):
    _lead_only(request)
    active = request.POST.get("active") == "1"
    try:
        phrase = phrases.set_active(request.user, phrase_id, active)
    except phrases.PhraseError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"“{phrase.text}” is {'back on' if active else 'switched off'}.")
    return redirect(safe_next(request, "safeguarding_phrases"))


def phrase_history(request):
    _lead_only(request)
    return render(request, "safeguarding/phrase_history.html", {"versions": phrases.history()[:200]})


def phrase_try(request):
    _lead_only(request)
    form = TryForm(request.POST or None)
    assessment = None
    if request.method == "POST" and form.is_valid():
        assessment = phrases.try_text(form.cleaned_data["text"])
    return render(request, "safeguarding/phrase_try.html", {"form": form, "assessment": assessment})


# Mood check-in ---------------------------------------------------------------------


def check_in(request):
    """Turn the daily question on or off, answer it, and see what helps after amber or red."""
    form = CheckInForm(request.POST or None)
    answered = request.GET.get("answered", "")
    if request.method == "POST" and form.is_valid():
        try:
            colour = mood.answer(request.user, form.cleaned_data["colour"])
        except mood.CheckInError as refusal:
            messages.error(request, str(refusal))
            return redirect("safeguarding_check_in")
        return redirect(f"{reverse('safeguarding_check_in')}?answered={colour}")
    context = {
        "form": form,
        "opted_in": mood.is_opted_in(request.user),
        "due": mood.is_due(request.user),
        "answered": answered if answered in ("green", "amber", "red") else "",
        "crisis_services": signposting.crisis_services(),
    }
    return render(request, "safeguarding/check_in.html", context)


@require_POST
def check_in_choice(request):
    opted_in = request.POST.get("opted_in") == "1"
    mood.set_opted_in(request.user, opted_in)
    messages.success(
        request,
        "We'll ask how you are once a day." if opted_in else "We won't ask any more. You can turn it back on here.",
    )
    return redirect(safe_next(request, "safeguarding_check_in"))


@require_POST
def check_in_contact(request):
    try:
        mood.ask_for_contact(request.user)
    except mood.CheckInError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            "Thank you for telling us. The safeguarding team has been told, and a lead will send you "
            "a private message here.",
        )
    return redirect("safeguarding_check_in")


# Private messages with the safeguarding team ---------------------------------------


def member_messages(request):
    """Reading the page marks nothing read: the member says so (mark_messages_read) or replies."""
    rows = list(team_messages.for_member(request.user))
    context = {
        "rows": rows,
        "unread": any(message.read_at is None for message in rows),
        "shown_at": timezone.now(),
        "form": MessageForm(),
    }
    return render(request, "safeguarding/messages.html", context)


@require_POST
def mark_messages_read(request):
    if team_messages.mark_read(request.user, up_to=read_up_to(request)):
        messages.success(request, "Marked as read. The messages stay here.")
    return redirect("safeguarding_messages")


@require_GET
def messages_banner(request):
    """The unread banner alone, for a page that hears of a new message live (static/js/team-messages.js)."""
    return render(request, "safeguarding/_messages_banner.html")


@require_POST
def member_reply(request, message_id):
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Please write your reply before sending it.")
        return redirect("safeguarding_messages")
    try:
        team_messages.reply(request.user, message_id, form.cleaned_data["text"])
    except team_messages.MessageError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "Sent. The safeguarding team will read it.")
    return redirect("safeguarding_messages")


@require_POST
def case_message(request, case_id):
    case = _case(request, case_id)
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Please write the message before sending it.")
    else:
        try:
            team_messages.send_to_member(request.user, case, form.cleaned_data["text"])
        except team_messages.MessageError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, "Sent. The member sees it from “the safeguarding team”.")
    return redirect("safeguarding_case", case_id=case.pk)
