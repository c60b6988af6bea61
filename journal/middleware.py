from django.conf import settings
from django.contrib import messages
from django.utils import timezone

from attachment_app.crisis_lines import COUNTRY_COOKIE
from journal.models import UserSettings

COUNTRY_COOKIE_SECONDS = 60 * 60 * 24 * 365
UNKNOWN_ZONE = "We couldn't read your time zone, so times show in UTC for now. Please choose yours in Settings."


def works_without_database(view):
    """Mark a view that must work with the database down: this middleware then leaves its request alone."""
    view.works_without_database = True
    return view


class UserTimezoneMiddleware:
    """Shows and reads every time in the signed-in user's own zone; `request.journal_settings` for views.

    It also keeps the `crisis_country` cookie in step with the person's chosen country, so /crisis/ can show
    their lines first without reading the database or the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        finally:
            timezone.deactivate()
        if hasattr(request, "journal_settings"):
            keep_country_cookie(request, response, request.journal_settings.country)
        return response

    def process_view(self, request, view, view_args, view_kwargs):
        # Reading request.user opens the session and queries the database, so a page that must survive
        # a database outage (the crisis page) is never asked to.
        if getattr(view, "works_without_database", False):
            return None
        if request.user.is_authenticated:
            request.journal_settings = UserSettings.for_user(request.user)
            timezone.activate(request.journal_settings.zone)
            if not request.journal_settings.zone_is_known and request.method == "GET":
                messages.warning(request, UNKNOWN_ZONE)
        return None


def keep_country_cookie(request, response, country):
    if request.COOKIES.get(COUNTRY_COOKIE, "") == country:
        return
    if country:
        response.set_cookie(
            COUNTRY_COOKIE,
            country,
            max_age=COUNTRY_COOKIE_SECONDS,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    else:
        response.delete_cookie(COUNTRY_COOKIE, samesite="Lax")
