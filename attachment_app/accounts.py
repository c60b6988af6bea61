"""Sign-up and account deletion; sign-in, sign-out and passwords use Django's own auth views."""

from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from attachment_app.erasure import erase
from attachment_app.private_pages import forget_this_browser
from journal.models import UserSettings, validate_time_zone


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        required=False,
        help_text="Optional. Only used if you forget your password.",
    )
    # Filled in by static/js/timezone.js from the device; without JavaScript it stays empty.
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput, validators=[validate_time_zone])

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("journal:entries")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if form.cleaned_data["time_zone"]:
            UserSettings.objects.update_or_create(user=user, defaults={"time_zone": form.cleaned_data["time_zone"]})
            messages.success(request, "Welcome. Your journal is ready, and only you can see it.")
            return redirect("journal:entries")
        messages.info(request, "Welcome. First, check your time zone so your weeks line up with your days.")
        return redirect("journal:settings")
    return render(request, "registration/signup.html", {"form": form})


class DeleteAccountForm(forms.Form):
    password = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError("That password is not right. Nothing has been deleted.")
        return self.cleaned_data["password"]


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        erase(user)
        return forget_this_browser(render(request, "registration/account_deleted.html"))
    return render(request, "registration/delete_account.html", {"form": form})
