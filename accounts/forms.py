"""Forms for signing up, the profile and deleting an account. They validate input; the
services in `accounts.services` do the work."""

from __future__ import annotations

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.services import contributors

PRIVACY_URL = "/privacy/"


def _split_name(name: str) -> tuple[str, str]:
    """First and last name from the one name field, or a ValidationError for the reader."""
    first_name, last_name = contributors.split_name(name)
    if not first_name:
        raise forms.ValidationError(_("Enter your name."))
    if len(first_name) > 150 or len(last_name) > 150:
        raise forms.ValidationError(_("This name is too long."))
    return first_name, last_name


class LoginForm(AllauthLoginForm):
    """allauth's login; its field label "Login" has no Dutch translation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("E-mail address or username")


class SignupForm(AllauthSignupForm):
    """allauth's sign-up (e-mail and password twice) plus name, organisation and consent."""

    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Your first and last name, shown with the initiatives you work on."),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        help_text=_("Where you work or study, if you contribute on its behalf."),
    )
    privacy = forms.BooleanField(
        label=_("I accept the privacy statement"),
        error_messages={"required": _("Accept the privacy statement to sign up.")},
    )

    field_order = ["name", "email", "organisation", "password1", "password2", "privacy"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per request: the link text follows the active language.
        self.fields["privacy"].help_text = format_html(
            '<a href="{}">{}</a>', PRIVACY_URL, _("Read the privacy statement")
        )

    def clean_name(self) -> str:
        first_name, last_name = _split_name(self.cleaned_data["name"])
        # allauth's adapter stores these on the user and builds the username from them.
        self.cleaned_data["first_name"], self.cleaned_data["last_name"] = first_name, last_name
        return f"{first_name} {last_name}".strip()

    def signup(self, request, user) -> None:
        """Called by allauth once the user is saved."""
        contributors.record_signup(
            user=user,
            organisation=self.cleaned_data.get("organisation", ""),
            privacy_accepted=self.cleaned_data["privacy"],
        )


class ProfileForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    def clean_name(self) -> str:
        first_name, last_name = _split_name(self.cleaned_data["name"])
        return f"{first_name} {last_name}".strip()


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you who deletes this account."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password
