"""Sign-in that can't be turned against someone.

Wrong passwords pause sign-in for one name from one address (AXES_FAILURE_LIMIT), and for a whole address only
after many more across names (ADDRESS_FAILURE_LIMIT), so a flatmate or a shared office can't lock a person out
by typing their name, while one address still can't try password after password across many accounts. A full
password reset lifts the pause. Reset e-mails go out from the task worker: the page answers in the same time
whether or not an account uses the address, and an e-mail that can't be sent fails loudly in the worker's log.
"""

from urllib.parse import urlsplit

from axes.handlers.database import AxesDatabaseHandler
from axes.utils import reset as reset_sign_in_pauses
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.urls import reverse_lazy
from django_tasks import task

# How many wrong passwords one address may type across all names before it pauses too.
ADDRESS_FAILURE_LIMIT = 20


class SignInGuard(AxesDatabaseHandler):
    """Counts wrong passwords per (name, address) and per address, each against its own limit."""

    def get_failures(self, request, credentials=None):
        per_name_and_address, per_address = (
            sum(attempts.values_list("failures_since_start", flat=True))
            for attempts in self.get_user_attempts(request, credentials)
        )
        # Axes compares one number with AXES_FAILURE_LIMIT: scale the address's count to that limit.
        return max(per_name_and_address, per_address * settings.AXES_FAILURE_LIMIT // ADDRESS_FAILURE_LIMIT)

    def reset_user_attempts(self, request, credentials=None):
        """Signing in clears that name's wrong passwords from this address, not the address's count across names
        (or one working account would let an address guess on for ever)."""
        per_name_and_address = self.filter_user_attempts(request, credentials)[0]
        return per_name_and_address.delete()[0]


def visitor_address(request):
    """Each trusted proxy appends the address it saw; what a visitor writes in the header sits further left."""
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if settings.TRUSTED_PROXY_COUNT and len(forwarded) >= settings.TRUSTED_PROXY_COUNT:
        return forwarded[-settings.TRUSTED_PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")


class QueuedPasswordResetForm(PasswordResetForm):
    """Hands the address to the worker instead of sending while the person waits."""

    def save(self, **kwargs):
        send_password_reset.enqueue(self.cleaned_data["email"])


class SendingPasswordResetForm(PasswordResetForm):
    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        EmailMultiAlternatives(subject, body, from_email, [to_email]).send()  # raises: the worker logs it


@task()
def send_password_reset(email):
    """Send a reset link to every active account with this address (usually one, often none)."""
    form = SendingPasswordResetForm({"email": email})
    if form.is_valid():
        site = urlsplit(settings.SITE_URL)
        form.save(domain_override=site.netloc, use_https=site.scheme == "https")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_sign_in_pauses(username=form.user.get_username())
        return response
