from django.utils import timezone

from journal.models import UserSettings


class UserTimezoneMiddleware:
    """Shows and reads every time in the signed-in user's own zone; `request.journal_settings` for views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            request.journal_settings = UserSettings.for_user(request.user)
            timezone.activate(request.journal_settings.zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
