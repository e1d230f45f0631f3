"""Choosing what the figures cover: a period (week, month, quarter or dates of your own) and optionally a board."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from community.models import Board

from .periods import KINDS, LONGEST_CUSTOM_DAYS, Period, containing

PERIOD_CHOICES = [("week", "Week"), ("month", "Month"), ("quarter", "Quarter"), ("custom", "Dates I choose")]
assert [value for value, _ in PERIOD_CHOICES] == list(KINDS)


class PeriodForm(forms.Form):
    period = forms.ChoiceField(choices=PERIOD_CHOICES, initial="month", label="Period")
    on = forms.DateField(
        required=False,
        label="Any day in the week, month or quarter",
        help_text="For example 15/02/2026. Leave empty for the current one.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    start = forms.DateField(
        required=False, label="From (dates I choose)", widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(required=False, label="To (dates I choose)", widget=forms.DateInput(attrs={"type": "date"}))
    board = forms.ModelChoiceField(
        queryset=Board.objects.all(), required=False, to_field_name="slug", empty_label="All boards", label="Board"
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data["period"] != "custom":
            data["range"] = containing(data["period"], data.get("on") or timezone.localdate())
            return data
        start, end = data.get("start"), data.get("end")
        if not start or not end:
            raise forms.ValidationError("For dates you choose, please give both a from and a to date.")
        if end < start:
            raise forms.ValidationError("The to date is before the from date. Please swap them.")
        if end - start > timedelta(days=LONGEST_CUSTOM_DAYS):
            raise forms.ValidationError(f"Please choose at most {LONGEST_CUSTOM_DAYS} days at a time.")
        data["range"] = Period(start, end, "custom")
        return data


def chosen(params) -> tuple[PeriodForm, Period, Board | None]:
    """The form bound to the query string, and the period and board it describes (this month, all boards if invalid)."""
    form = PeriodForm(params or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["range"], form.cleaned_data["board"]
    return form, containing("month", timezone.localdate()), None


class ResearchExportForm(PeriodForm):
    """A period for a row-level research export, and optionally an approved linked panel (no board: rows are people)."""

    board = None
    panel = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="Not linked: a new pseudonym for everyone in this export",
        label="Linked panel",
        help_text="Only panels an administrator has approved for you are listed.",
    )

    def __init__(self, *args, panels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = panels


class PanelRequestForm(forms.Form):
    title = forms.CharField(
        max_length=120, label="Study", help_text="The study the panel is for, as its ethics approval names it."
    )
