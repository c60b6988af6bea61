"""The installable app: its manifest, and the root service worker that keeps a few pages for when there is no signal.

The worker's cache is named after the static files it keeps. In production whitenoise's manifest gives each file a
name with its content's hash, so a changed file means a new cache name (and the worker drops the old cache);
in development the names are plain, so the files' bytes are hashed instead.
"""

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

THEME_LIGHT = "#f7f4ef"  # the page background in light mode; base.html names the dark one for dark mode
ICONS = [
    {"src": "favicon.svg", "sizes": "any", "type": "image/svg+xml"},
    {"src": "icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
    {"src": "icons/icon-512.png", "sizes": "512x512", "type": "image/png"},
    {"src": "icons/icon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
]
# Kept on install, so the offline pages look right and the queue works with no signal.
OFFLINE_STATIC = ["css/site.css", "js/moment-queue.js", "js/offline.js", "js/quick-exit.js", "favicon.svg"]
# Pages kept on install. The two journal shells hold no journal text and are kept only for a signed-in person.
OFFLINE_PAGES = ["crisis", "journal:log_offline", "journal:pause_offline"]
WORKER_SCRIPTS = ["js/moment-queue.js", "js/sw-offline.js"]


def cache_version():
    hashed = hashlib.sha256()
    for name in OFFLINE_STATIC + WORKER_SCRIPTS + ["js/sw-push.js"]:
        hashed.update(static(name).encode())
        if settings.DEBUG:
            hashed.update(Path(finders.find(name)).read_bytes())
    return hashed.hexdigest()[:16]


@require_GET
def manifest(request):
    return JsonResponse(
        {
            "name": "Secure Base",
            "short_name": "Secure Base",
            "description": "A calm, private journal and plain-language lessons for anxious attachment.",
            "id": "/",
            "start_url": reverse("journal:log_new"),
            "scope": "/",
            "display": "standalone",
            "orientation": "portrait",
            "background_color": THEME_LIGHT,
            "theme_color": THEME_LIGHT,
            "icons": [{**icon, "src": static(icon["src"])} for icon in ICONS],
            "shortcuts": [
                {"name": "Log a moment", "short_name": "Log", "url": reverse("journal:log_new")},
                {"name": "Start a pause", "short_name": "Pause", "url": reverse("journal:pause_start")},
            ],
        },
        content_type="application/manifest+json",
        headers={"Cache-Control": "public, max-age=3600"},
    )


@require_GET
def service_worker(request):
    """The root-scoped worker: the offline pages and queue (static/js/sw-offline.js) and push (sw-push.js)."""
    setup = {
        "CACHE": f"secure-base-{cache_version()}",
        "STATIC_FILES": [static(name) for name in OFFLINE_STATIC],
        "OFFLINE_PAGES": [reverse(name) for name in OFFLINE_PAGES],
        "LOG_PAGE": reverse("journal:log_new"),
        "LOG_SHELL": reverse("journal:log_offline"),
        "PAUSE_PAGE": reverse("journal:pause_start"),
        "PAUSE_SHELL": reverse("journal:pause_offline"),
    }
    source = "".join(f"const {name} = {json.dumps(value)};\n" for name, value in setup.items())
    source += f"importScripts({', '.join(json.dumps(static(name)) for name in WORKER_SCRIPTS)});\n"
    source += f"importScripts({json.dumps(static('js/sw-push.js'))});\n"
    # The browser checks for a new worker on every visit; no-cache makes that check reach the server.
    return HttpResponse(source, content_type="text/javascript", headers={"Cache-Control": "no-cache"})
