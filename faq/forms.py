from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200
# Far longer than any password staff would set; stops a huge value from reaching the hasher.
MAX_PASSWORD_LENGTH = 256


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the Q&A"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={"max_length": _("Please use at most %(limit_value)d characters.")},
    )

    def query(self):
        """The words to look for, or "" when there is nothing (valid) to search for."""
        return self.cleaned_data["q"] if self.is_valid() else ""


class UnlockForm(forms.Form):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=MAX_PASSWORD_LENGTH,
        widget=forms.PasswordInput,
        error_messages={
            "required": _("Please enter the password."),
            "max_length": _("The password is not correct. Please check it and try again."),
        },
    )


class SetPasswordForm(forms.Form):
    """A new password, typed twice. The current one is never shown: it is stored only as a hash."""

    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        max_length=MAX_PASSWORD_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        max_length=MAX_PASSWORD_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Type the same password again, to be sure of it."),
    )
    skip_validation = forms.BooleanField(
        label=_("Accept a password that the checks above reject"),
        required=False,
        help_text=_("Only for a password agreed with the organisations beforehand."),
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first and not cleaned.get("skip_validation"):
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
