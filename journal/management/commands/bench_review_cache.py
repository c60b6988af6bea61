"""How often the cached weekly review is reused when two worker processes take turns serving one person.

Each worker is its own process with its own Django, as gunicorn's workers are; they share the database and, when
CACHE_URL is set, the cache. Requests alternate between the two (the worst case for a per-process cache, and what
a load balancer or gunicorn's accept loop often does). In each round the person logs a moment, which makes their
cached review stale, then opens the review six times: this week twice, last week twice, this week twice. A hit is
a request served without computing the review.

    python manage.py bench_review_cache                                   # per-process cache only
    python manage.py bench_review_cache --cache-url redis://127.0.0.1:6379/0   # and a shared Redis cache

It adds a throwaway user to the configured database (a file or server database: the workers must share it) and
deletes it afterwards.
"""

import multiprocessing
import os
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

BENCH_USERNAME = "bench-review-cache"
WORKERS = 2


# Model imports wait for django.setup(): the workers are fresh processes that import this module first.
def serve(connection, user_id):
    """One worker: serve the paths it is sent as the bench user, answering whether the review was computed."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from journal.views import review

    computed = []
    build_review = review.build_review

    def counting_build_review(*args, **kwargs):
        computed.append(1)
        return build_review(*args, **kwargs)

    review.build_review = counting_build_review
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(pk=user_id))
    while (path := connection.recv()) is not None:
        before = len(computed)
        started = time.perf_counter()
        response = client.get(path)
        connection.send((response.status_code, len(computed) == before, time.perf_counter() - started))


class Command(BaseCommand):
    help = "Measure the weekly review's cache hit rate with two worker processes taking turns."

    def add_arguments(self, parser):
        parser.add_argument("--cache-url", default="", help="A shared cache to compare, e.g. redis://127.0.0.1:6379/0")
        parser.add_argument("--rounds", type=int, default=20)

    def handle(self, *args, cache_url, rounds, **options):
        user = self.make_user()
        this_week = user.journal_settings.current_week()
        last_week = f"/journal/review/{this_week.previous.slug}/"
        paths = ["/journal/review/"] * 2 + [last_week] * 2 + ["/journal/review/"] * 2
        self.stdout.write(
            f"{WORKERS} worker processes taking turns; {rounds} rounds of: log a moment, then open the review "
            f"{len(paths)} times (this week ×2, last week ×2, this week ×2).\n"
        )
        try:
            for label, url in [("per-process (locmem)", ""), (f"shared ({cache_url})", cache_url)]:
                if label.startswith("shared") and not url:
                    continue
                hits, requests, hit_seconds, miss_seconds = self.measure(user, url, rounds, paths)
                self.stdout.write(
                    f"{label:<40} hits {hits:>3} of {requests} = {hits / requests:.0%}   "
                    f"median hit {median_ms(hit_seconds)}, miss {median_ms(miss_seconds)}"
                )
        finally:
            user.delete()

    def make_user(self):
        from journal.factories import TriggerLogFactory, UserFactory, UserSettingsFactory

        UserFactory._meta.model.objects.filter(username=BENCH_USERNAME).delete()
        user = UserFactory(username=BENCH_USERNAME)
        UserSettingsFactory(user=user, time_zone="Europe/London")
        now = timezone.now()
        for hours in range(0, 24 * 7 * 8, 13):  # a moment every 13 hours over eight weeks
            TriggerLogFactory(user=user, occurred_at=now - timedelta(hours=hours + 1))
        return user

    def measure(self, user, cache_url, rounds, paths):
        from journal.factories import TriggerLogFactory

        os.environ.pop("CACHE_URL", None)
        if cache_url:
            os.environ["CACHE_URL"] = cache_url
        context = multiprocessing.get_context("spawn")
        pipes, processes = [], []
        for _ in range(WORKERS):
            ours, theirs = context.Pipe()
            process = context.Process(target=serve, args=(theirs, user.pk))
            process.start()
            pipes.append(ours)
            processes.append(process)
        hits, hit_seconds, miss_seconds, turn = 0, [], [], 0
        try:
            for _ in range(rounds):
                TriggerLogFactory(user=user, occurred_at=timezone.now() - timedelta(minutes=5))
                for path in paths:
                    pipe = pipes[turn % WORKERS]
                    turn += 1
                    pipe.send(path)
                    status, hit, seconds = pipe.recv()
                    if status != 200:
                        raise RuntimeError(f"{path} answered {status}")
                    hits += hit
                    (hit_seconds if hit else miss_seconds).append(seconds)
        finally:
            for pipe, process in zip(pipes, processes, strict=True):
                pipe.send(None)
                process.join()
        return hits, rounds * len(paths), hit_seconds, miss_seconds


def median_ms(seconds):
    if not seconds:
        return "–"
    ordered = sorted(seconds)
    return f"{ordered[len(ordered) // 2] * 1000:.1f} ms"
