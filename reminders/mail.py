"""Reminder e-mail: one line and a link, never anything from the journal, and a one-click way out.

Every e-mail carries RFC 8058's List-Unsubscribe and List-Unsubscribe-Post headers, so mail apps can offer
"Unsubscribe" that works with one tap, and a link in the text that works without signing in.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse

SUBJECT = "Secure Base: a moment for you"
UNSUBSCRIBE_SALT = "reminders.unsubscribe"


def unsubscribe_token(user):
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_id_from_token(token):
    """The user an unsubscribe token was made for, or None if it was not made by us."""
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def send_reminder(user, link):
    stop_url = absolute(reverse("reminders:unsubscribe", args=[unsubscribe_token(user)]))
    body = (
        f"{SUBJECT}\n\n{absolute(link)}\n\n"
        f"You get these because you turned on reminders. To stop them, open this link "
        f"(no need to sign in):\n{stop_url}\n"
    )
    EmailMessage(
        SUBJECT,
        body,
        to=[user.email],
        headers={"List-Unsubscribe": f"<{stop_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    ).send()
