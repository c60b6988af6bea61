"""The site `manage.py bench_pages` times: the app's own URLs plus a view that only says "ok", through the same
middleware, so a page's cost can be compared with the least a signed-in request costs on the same stack.

gunicorn serves it as `journal.bench_site:application()`; nothing else imports it.
"""

import os

from django.http import HttpResponse
from django.urls import include, path

MINIMAL_PATH = "/bench/minimal/"


def minimal_view(request):
    return HttpResponse("ok")


def __getattr__(name):
    # The URLconf's patterns are built when Django first asks: gunicorn imports this module before Django is set up.
    if name == "urlpatterns":
        return [path(MINIMAL_PATH.lstrip("/"), minimal_view), path("", include("attachment_app.urls"))]
    raise AttributeError(name)


def application():
    """A WSGI application for gunicorn's `module:factory()` form, with this module as the URLconf."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "attachment_app.settings")
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    wsgi = get_wsgi_application()
    settings.ROOT_URLCONF = __name__
    return wsgi
