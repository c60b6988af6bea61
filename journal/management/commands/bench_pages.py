"""Time the pages people wait on, for people with 1k, 10k, 50k and 200k moments, against a minimal view.

For each size, one person has that many moments over five years (half with tags and a line of text), a pause for
every fifth moment (a few never finished) and a few choices of their own. The quick-log page, the page of their
newest moment (where saving a moment lands), and the first and last page of the entries list are each timed
against a view that only says "ok" through the same middleware as the same signed-in person, in paired runs; the
median ratio is printed. A page whose cost does not grow with a person's history shows the same ratio in every row.

By default the pages are served by a real gunicorn worker (one sync worker, DEBUG off, static files collected),
as in production; `--client` uses Django's test client in this process instead. Run it on a throwaway database:

    DATABASE_URL=sqlite:////tmp/bench-pages.sqlite3 python manage.py bench_pages
    createdb -h 127.0.0.1 -U postgres bench_pages
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_pages python manage.py bench_pages
"""

import random
import statistics
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from journal.bench_site import MINIMAL_PATH
from journal.benchmarking import Fetcher, refuse_unless_throwaway, served
from journal.choices import ActedOn, BodySensation, Emotion, SoothingAction, TriggerKind, Urge, UrgePassed
from journal.models import CustomChoice, LogTag, PauseSession, TriggerLog, UserSettings

BENCH_PREFIX = "bench-pages-"
YEARS = 5
BATCH = 5000
MOMENTS_PER_PAUSE = 5
NEVER_FINISHED = 3


class Command(BaseCommand):
    help = "Benchmark the quick log, a moment's page and the entries list for people with long histories."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="1000,10000,50000,200000", help="moments per person, comma-separated")
        parser.add_argument("--runs", type=int, default=30, help="timed requests of each page")
        parser.add_argument("--client", action="store_true", help="time with Django's test client, not gunicorn")
        parser.add_argument("--rebuild", action="store_true", help="throw away the benchmark people and build again")
        parser.add_argument("--yes", action="store_true", help="run even if the database name has no 'bench' in it")

    def handle(self, *args, **options):
        refuse_unless_throwaway(options["yes"], "hundreds of thousands of rows")
        call_command("migrate", verbosity=0)
        sizes = [int(size) for size in options["sizes"].split(",")]
        people = [self.person_with(size, options["rebuild"]) for size in sizes]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # as autovacuum would have done by the time a journal is this long
        with served(options["client"]) as base_url:
            self.stdout.write(self.describe(base_url, options["runs"]))
            self.stdout.write(
                f"{'moments':>8} {'pauses':>7} {'minimal':>8}  "
                + "  ".join(f"{title:>15}" for title in ("quick log", "moment page", "entries first", "entries last"))
            )
            for person in people:
                self.time_pages(person, base_url, options["runs"])

    def describe(self, base_url, runs):
        base_url = base_url or ""
        how = "one gunicorn sync worker, DEBUG off" if base_url else "Django's test client in this process"
        return (
            f"Database: {connection.vendor}. Served by {how}. Median ratio to a minimal signed-in view over {runs} "
            "paired runs (the page's median time in brackets)."
        )

    def person_with(self, size, rebuild):
        User = get_user_model()
        username = f"{BENCH_PREFIX}{size}"
        person = User.objects.filter(username=username).first()
        if person and not rebuild and TriggerLog.objects.filter(user=person).count() == size:
            return person
        if person:
            person.delete()
        started = time.perf_counter()
        rng = random.Random(size)
        now = timezone.now()
        with transaction.atomic():
            person = User.objects.create_user(username, password="bench")
            UserSettings.objects.create(user=person, time_zone="Europe/London")
            CustomChoice.objects.create(user=person, list_name=CustomChoice.ListName.TRIGGER, label="A long silence")
            CustomChoice.objects.create(user=person, list_name=CustomChoice.ListName.URGE, label="Check their profile")
            logs = self.add_logs(person, size, rng, now)
            self.add_pauses(person, logs, rng)
        self.stdout.write(f"Built a person with {size:,} moments in {time.perf_counter() - started:.0f} s.")
        return person

    def add_logs(self, person, count, rng, now):
        span_minutes = YEARS * 365 * 24 * 60
        kinds, urges, acted = TriggerKind.values, Urge.values, ActedOn.values
        created = []
        for start in range(0, count, BATCH):
            logs = TriggerLog.objects.bulk_create(
                TriggerLog(
                    user=person,
                    occurred_at=now - timedelta(minutes=rng.randrange(60, span_minutes)),
                    trigger_kind=rng.choice(kinds),
                    intensity=rng.randint(1, 10),
                    urge=rng.choice(urges),
                    acted_on=rng.choice(acted),
                    intensity_after=rng.choice([None, rng.randint(0, 6)]),
                    what_happened=rng.choice(["", "No reply since this morning."]),
                )
                for _ in range(min(BATCH, count - start))
            )
            LogTag.objects.bulk_create(
                [
                    LogTag(log=log, kind=kind, value=rng.choice(choices))
                    for log in logs
                    if rng.random() < 0.5
                    for kind, choices in (
                        (LogTag.Kind.SENSATION, BodySensation.values),
                        (LogTag.Kind.EMOTION, Emotion.values),
                        (LogTag.Kind.HELPED, SoothingAction.values),
                    )
                ],
                batch_size=BATCH,
            )
            created.extend(logs)
        return created

    def add_pauses(self, person, logs, rng):
        """A pause after every fifth moment; a few, at any time in the past, were never finished (time up, nobody
        said how), so looking for an open pause can't stop at the newest ones."""
        paused = logs[::MOMENTS_PER_PAUSE]
        never_finished = set(rng.sample(range(len(paused)), min(NEVER_FINISHED, len(paused))))
        pauses = []
        for number, log in enumerate(paused):
            started = log.occurred_at + timedelta(minutes=1)
            finished = number not in never_finished
            before = rng.randint(3, 10)
            pauses.append(
                PauseSession(
                    user=person, log=log, minutes=20, started_at=started, ends_at=started + timedelta(minutes=20),
                    finished_at=started + timedelta(minutes=20) if finished else None, intensity_before=before,
                    intensity_after=max(0, before - rng.randint(0, 5)) if finished else None,
                    urge_passed=rng.choice(UrgePassed.values) if finished else "",
                )
            )  # fmt: skip
        PauseSession.objects.bulk_create(pauses, batch_size=BATCH)

    def pages(self, person):
        newest = TriggerLog.objects.for_user(person).first()
        last_edge = TriggerLog.objects.for_user(person).order_by("occurred_at", "id")[20]  # the 21st oldest
        entries = reverse("journal:entries")
        return {
            "quick log": reverse("journal:log_new"),
            "moment page": newest.get_absolute_url(),
            "entries first": entries,
            "entries last": f"{entries}?before={last_edge.pk}",
        }

    def time_pages(self, person, base_url, runs):
        fetch = Fetcher(person, base_url)
        pages = self.pages(person)
        for _ in range(3):  # warm up connections, templates and the lesson library
            for path in (*pages.values(), MINIMAL_PATH):
                fetch(path)
        cells, minimal_all = [], []
        for path in pages.values():
            times, minimal_times = [], []
            for _ in range(runs):
                times.append(fetch(path))
                minimal_times.append(fetch(MINIMAL_PATH))
            ratio = statistics.median(t / m for t, m in zip(times, minimal_times, strict=True))
            cells.append(f"{ratio:5.2f}× ({statistics.median(times) * 1000:4.1f} ms)")
            minimal_all.extend(minimal_times)
        moments = TriggerLog.objects.filter(user=person).count()
        pauses = PauseSession.objects.filter(user=person).count()
        minimal = statistics.median(minimal_all) * 1000
        self.stdout.write(f"{moments:>8,} {pauses:>7,} {minimal:>5.1f} ms  " + "  ".join(f"{c:>15}" for c in cells))
