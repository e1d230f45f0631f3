"""Choosing what the figures cover: a whole calendar month or quarter that has ended, and optionally a board.

Dates of one's own are refused with a message saying why (evaluation/periods.py):
figures for overlapping ranges could be subtracted to reveal small numbers.
"""

from django import forms

from community.models import Board

from .periods import KINDS, Period, PeriodError, check_reportable, containing, last_complete

PERIOD_CHOICES = [("month", "Month"), ("quarter", "Quarter")]
assert [value for value, _ in PERIOD_CHOICES] == list(KINDS)
WHOLE_PERIODS_ONLY = (
    "Figures are given for whole calendar months and quarters only, not for weeks or dates you choose, so that "
    "figures for overlapping dates cannot be subtracted to reveal small numbers. Please choose a month or a quarter."
)


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        choices=PERIOD_CHOICES,
        initial="month",
        label="Period",
        error_messages={"invalid_choice": WHOLE_PERIODS_ONLY},
    )
    on = forms.DateField(
        required=False,
        label="Any day in the month or quarter",
        help_text="For example 15/02/2026. Leave empty for the latest one that has ended.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    board = forms.ModelChoiceField(
        queryset=Board.objects.all(), required=False, to_field_name="slug", empty_label="All boards", label="Board"
    )

    def clean(self):
        data = super().clean()
        if self.data.get("start") or self.data.get("end"):  # a link or bookmark from before whole periods
            raise forms.ValidationError(WHOLE_PERIODS_ONLY)
        if self.errors:
            return data
        if not data.get("on"):
            data["range"] = last_complete(data["period"])
            return data
        try:
            data["range"] = check_reportable(containing(data["period"], data["on"]))
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None
        return data


def chosen(params) -> tuple[PeriodForm, Period | None, Board | None]:
    """The form bound to the query string (unbound when empty: the latest month), the period and board it chose,
    or None for the period when the form has errors."""
    form = PeriodForm(params or None)
    if not form.is_bound:
        return form, last_complete("month"), None
    if form.is_valid():
        return form, form.cleaned_data["range"], form.cleaned_data["board"]
    return form, None, None


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
