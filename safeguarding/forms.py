"""Forms for safeguarding leads' phrase tools, the mood check-in, and private case messages."""

from django import forms

from .matching import Category, Level
from .models import MoodCheckIn

LEVELS = [(level.label, level.label.capitalize()) for level in Level if level is not Level.NONE]
CATEGORIES = [(category.value, category.value.replace("_", " ").capitalize()) for category in Category]


class PhraseForm(forms.Form):
    text = forms.CharField(
        label="Phrase",
        max_length=120,
        help_text="Words as members might write them. Spelling games, spacing and repeated letters are matched. "
        "Write {10+} for a number of at least 10, in digits or words: “took {10+} tablets”.",
    )
    is_exception = forms.BooleanField(
        label="This is an exception (a figure of speech that cancels a match, such as “killing me softly”)",
        required=False,
    )
    level = forms.ChoiceField(label="Level", choices=LEVELS, initial="high", required=False)
    category = forms.ChoiceField(label="Category", choices=[("", "Choose a category"), *CATEGORIES], required=False)


class PhraseFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False)
    category = forms.ChoiceField(label="Category", choices=[("", "Any category"), *CATEGORIES], required=False)
    level = forms.ChoiceField(label="Level", choices=[("", "Any level"), *LEVELS], required=False)
    show = forms.ChoiceField(
        label="Show", choices=[("phrases", "Risk phrases"), ("exceptions", "Exceptions")], required=False
    )


class TryForm(forms.Form):
    text = forms.CharField(
        label="Text to try",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="Nothing you paste here is saved.",
    )


class CheckInForm(forms.Form):
    colour = forms.ChoiceField(label="How are you today?", choices=MoodCheckIn.Colour.choices, widget=forms.RadioSelect)


class MessageForm(forms.Form):
    text = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
