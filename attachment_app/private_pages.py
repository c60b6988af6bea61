"""What the browser may keep of private pages: nothing, and on sign-out or account deletion, clear what it has."""

from django.urls import reverse

# Journal, account and reminder pages hold a person's own words and settings; shared computers and back buttons
# must not show them again.
PRIVATE_PREFIXES = ("/journal/", "/accounts/", "/reminders/")
CLEAR_EVERYTHING = '"cache", "cookies", "storage"'


def forget_this_browser(response):
    """Ask the browser to drop its cached pages, cookies and stored data (the offline queue too) for this site."""
    response["Clear-Site-Data"] = CLEAR_EVERYTHING
    return response


class PrivatePagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(PRIVATE_PREFIXES):
            response["Cache-Control"] = "no-store"
        if request.method == "POST" and request.path == reverse("logout"):
            forget_this_browser(response)
        return response
