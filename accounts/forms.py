"""Forms for signing up and for a member's own account settings."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms

from . import handles
from .models import User


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, with the handle explained and an 18-or-over confirmation."""

    adult = forms.BooleanField(
        label="I am 18 or over",
        error_messages={"required": "This community is for adults. Please confirm you are 18 or over."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        handle = self.fields["username"]
        handle.label = "Handle"
        handle.help_text = (
            "The name other members see. 3 to 30 letters, numbers, _ or -. "
            "Don't use your real name, email or phone number."
        )
        handle.widget.attrs.pop("placeholder", None)
        self.fields["email"].help_text = "Private: only the team can see it, and only to contact you."
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
        self.order_fields(["email", "username", "password1", "password2", "adult"])

    def clean_username(self):
        """allauth's checks (shape, reserved words, taken), then what the handle looks like."""
        value = super().clean_username()
        handles.not_like_the_team(value)
        handles.not_like_another_member(value)
        return value


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["about"]
        widgets = {"about": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"about": "Optional, up to 1,000 characters. Other members see this on your profile."}


class AgeBandForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["age_band"]
        labels = {"age_band": "Your age"}
        help_texts = {
            "age_band": "Optional. It is not shown anywhere on the site, not even to the team. It is only used, "
            "without your name, when researchers the community has approved count who uses Kindred."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["age_band"].choices = [("", "I'd rather not say"), *User._meta.get_field("age_band").choices]


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label="Type DELETE to confirm",
        help_text="Your posts stay in their conversations as 'Former member'. This cannot be undone.",
    )

    def clean_confirm(self):
        if self.cleaned_data["confirm"].strip() != "DELETE":
            raise forms.ValidationError("Please type DELETE in capital letters to confirm.")
        return "DELETE"


class NotificationPreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["notify_replies", "notify_quotes", "notify_reactions", "daily_digest"]
        help_texts = {"daily_digest": "It says how many, never what anyone wrote."}


class MuteWordForm(forms.Form):
    phrase = forms.CharField(
        label="Mute a word or phrase",
        max_length=60,
        help_text="Posts containing it are folded away for you, with the option to open them.",
    )


class BreakForm(forms.Form):
    LENGTHS = [("1", "A day"), ("3", "Three days"), ("7", "A week"), ("14", "Two weeks"), ("30", "A month")]
    days = forms.TypedChoiceField(
        label="How long would you like?", choices=LENGTHS, coerce=int, widget=forms.RadioSelect, initial="7"
    )
