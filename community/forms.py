"""Forms for writing in the forum.

Length limits are validators, not max_length, so the browser never silently
cuts a pasted post short: an over-long post comes back whole with a message.
"""

from django import forms
from django.core.validators import MaxLengthValidator

from .models import CONTENT_WARNING_MAX_LENGTH, POST_MAX_LENGTH, TITLE_MAX_LENGTH, ContentWarning

OWN_WORDS = "other"
MARKDOWN_HELP = "You can use Markdown: **bold**, *italics*, lists, quotes and links. Up to 10,000 characters."


class PostForm(forms.Form):
    body = forms.CharField(
        label="Your post",
        help_text=MARKDOWN_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[
            MaxLengthValidator(
                POST_MAX_LENGTH,
                "Your post is %(show_value)s characters long and the limit is 10,000. "
                "Please shorten it, or split it over two posts. Your words are kept below.",
            )
        ],
        error_messages={"required": "Please write something before posting."},
    )
    warning = forms.ChoiceField(
        label="Content warning (optional)",
        help_text="If your post mentions something others may find hard to read, "
        "add a warning: the post is folded away until someone chooses to open it.",
        required=False,
        choices=[("", "No content warning"), *ContentWarning.choices, (OWN_WORDS, "Something else")],
    )
    warning_other = forms.CharField(
        label="Content warning in your own words",
        help_text="For example “hospital stay” or “loss of a pet”.",
        required=False,
        validators=[
            MaxLengthValidator(CONTENT_WARNING_MAX_LENGTH, "Please keep the content warning to 80 characters.")
        ],
    )

    def clean(self):
        cleaned = super().clean()
        own_words = " ".join(cleaned.get("warning_other", "").split())
        choice = cleaned.get("warning", "")
        if choice == OWN_WORDS and not own_words:
            self.add_error("warning_other", "Please describe the content warning in a few words.")
        cleaned["content_warning"] = own_words or ("" if choice == OWN_WORDS else choice)
        return cleaned

    @staticmethod
    def initial_for(content_warning: str) -> dict:
        """Form initial data that shows a stored content warning in the two fields."""
        if not content_warning or content_warning in ContentWarning.values:
            return {"warning": content_warning}
        return {"warning": OWN_WORDS, "warning_other": content_warning}


class ThreadForm(PostForm):
    title = forms.CharField(
        label="Title",
        help_text="A few words about what you'd like to talk about.",
        validators=[
            MaxLengthValidator(
                TITLE_MAX_LENGTH,
                "Your title is %(show_value)s characters long and the limit is 150. Please shorten it a little.",
            )
        ],
        error_messages={"required": "Please give your conversation a title."},
    )
    field_order = ["title", "body", "warning", "warning_other"]


class ReplyForm(PostForm):
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = "Your reply"


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search the forum",
        help_text="Searches the conversations you can read.",
        min_length=2,
        max_length=200,
        error_messages={"min_length": "Please type at least two letters to search."},
    )
