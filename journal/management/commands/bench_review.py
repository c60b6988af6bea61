"""Time the weekly review for a heavy user against a minimal view on the same stack.

Builds (once) 1,000,000 trigger logs across 100 users, one of whom has 50,000 logs and 10,000 pauses over five
years, then requests the review of that user's last full week and a view that only returns "ok", through the
same middleware as the same signed-in user, and prints the median of each and their ratio. By default both are
served by a real gunicorn worker (one sync worker, DEBUG off), as in production; `--client` uses Django's test
client in this process instead. The review is timed four ways per run:

- computed: the page not cached (the person's journal_changed_at moved, as after writing the week's note), built
  from each week's kept counts — the first look after a change that no week's counts depend on;
- after a moment is logged in the week shown: the write counted that week again when it was committed, so this
  look too reads kept counts (the time the write took is printed beside);
- with nothing kept: all eight weeks counted from the journal (the first look ever, or after `rebuild_rollups`);
- cached: shown again with the journal unchanged.

Then the same for people with 1,000, 10,000, 50,000 and 200,000 moments who all logged the same 360 moments in the
last 12 weeks and differ only in how much history lies before them (built once; `--no-scaling` to skip), to show
that the cost of a look does not grow with a person's history.

Run it on a throwaway database, never on real data:

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py bench_review
    createdb -h 127.0.0.1 -U postgres bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python manage.py bench_review
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
from journal.models import LogTag, PauseSession, Reframe, TriggerLog, UserSettings, WeekRollup

BENCH_PREFIX = "bench-user-"
SCALES = (1_000, 10_000, 50_000, 200_000)
SCALE_PREFIX = f"{BENCH_PREFIX}scale-"  # the people of the scaling comparison, kept apart from the million
RECENT_WEEKS, RECENT_MOMENTS = 12, 360  # what every person of the comparison logged lately: 30 moments a week
YEARS = 5
BATCH = 5000


class Command(BaseCommand):
    help = "Benchmark the weekly review at scale (run it on a throwaway database)."

    def add_arguments(self, parser):
        parser.add_argument("--logs", type=int, default=1_000_000, help="trigger logs in all")
        parser.add_argument("--users", type=int, default=100)
        parser.add_argument("--heavy-logs", type=int, default=50_000)
        parser.add_argument("--heavy-pauses", type=int, default=10_000)
        parser.add_argument("--runs", type=int, default=40, help="timed requests of each view")
        parser.add_argument("--rebuild", action="store_true", help="throw away the benchmark data and build it again")
        parser.add_argument("--skip-build", action="store_true", help="reuse the benchmark data without counting it")
        parser.add_argument("--yes", action="store_true", help="run even if the database name has no 'bench' in it")
        parser.add_argument("--no-scaling", action="store_true", help="skip the 1k/10k/50k/200k comparison")
        parser.add_argument("--client", action="store_true", help="time with Django's test client, not gunicorn")

    def handle(self, *args, **options):
        refuse_unless_throwaway(options["yes"], "a million rows")
        call_command("migrate", verbosity=0)
        heavy = self.build(options)
        with served(options["client"]) as base_url:
            self.describe(heavy, base_url)
            ratios = self.time_views(heavy, base_url, options["runs"])
            self.stdout.write(f"Median minimal view: {self.minimal_ms:.1f} ms ({options['runs']} runs); the review:")
            for name, ratio in ratios.items():
                self.stdout.write(f"  {name:<44} " + self.style.SUCCESS(f"median ratio {ratio:.2f}×"))
            self.stdout.write(f"Saving a moment in that week and counting the week again: {self.write_ms:.1f} ms")
            if not options["no_scaling"]:
                self.scaling(options, base_url)

    def scaling(self, options, base_url):
        self.stdout.write(
            f"\nScaling with history: people with the same last {RECENT_WEEKS} weeks ({RECENT_MOMENTS} moments) and "
            "a longer past (median ratio to the minimal view):"
        )
        columns = ("computed", "after a write", "nothing kept", "cached")
        self.stdout.write("  " + "moments".rjust(8) + "".join(name.rjust(15) for name in columns))
        for size in SCALES:
            user = self.scale_user(size)
            ratios = self.time_views(user, base_url, max(10, options["runs"] // 2))
            self.stdout.write(f"  {size:>8,}" + "".join(f"{ratios[name]:>14.2f}×" for name in columns))

    def scale_user(self, size):
        """A person with `size` moments, built once: the same recent weeks as every other person of the comparison
        (RECENT_MOMENTS over RECENT_WEEKS, a pause for every fifth), and the rest of their history over the five
        years before. Only the length of the history differs, so a growing cost would be the history's."""
        User = get_user_model()
        name = f"{SCALE_PREFIX}{size}"
        now = timezone.now()
        recent_start = now - timedelta(weeks=RECENT_WEEKS)
        user = User.objects.filter(username=name).first()
        if user and [
            TriggerLog.objects.filter(user=user).count(),
            TriggerLog.objects.filter(user=user, occurred_at__gte=recent_start).count(),
        ] == [size, RECENT_MOMENTS]:
            return user
        if user:
            user.delete()
        recent_hours, older = RECENT_WEEKS * 7 * 24, random.Random(size)
        with transaction.atomic():
            user = User.objects.create_user(name, password="bench")
            UserSettings.objects.create(user=user, time_zone="Europe/London")
            self.add_logs(user, RECENT_MOMENTS, random.Random(RECENT_MOMENTS), now, span_hours=recent_hours)
            self.add_pauses(user, RECENT_MOMENTS // 5, random.Random(RECENT_MOMENTS), now, span_hours=recent_hours)
            self.add_logs(user, size - RECENT_MOMENTS, older, recent_start)
            self.add_pauses(user, (size - RECENT_MOMENTS) // 5, older, recent_start)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return user

    def build(self, options):
        User = get_user_model()
        heavy_name = f"{BENCH_PREFIX}heavy"
        expected = options["logs"]
        if options["skip_build"] or (
            not options["rebuild"]
            and TriggerLog.objects.filter(user__username__startswith=BENCH_PREFIX)
            .exclude(user__username__startswith=SCALE_PREFIX)
            .count()
            == expected
        ):
            self.stdout.write("Reusing the benchmark data already in this database.")
            return User.objects.get(username=heavy_name)
        started = time.perf_counter()
        for old in User.objects.filter(username__startswith=BENCH_PREFIX).exclude(username__startswith=SCALE_PREFIX):
            old.delete()  # one at a time: a single delete of every bench user outgrows SQLite's query parameters
        rng = random.Random(5)
        now = timezone.now()
        with transaction.atomic():
            heavy = User.objects.create_user(heavy_name, password="bench")
            UserSettings.objects.create(user=heavy, time_zone="Europe/London")
            self.add_logs(heavy, options["heavy_logs"], rng, now)
            self.add_pauses(heavy, options["heavy_pauses"], rng, now)
            Reframe.objects.bulk_create(
                Reframe(user=heavy, anxious_thought="They are leaving.", balanced_thought="They are busy.",
                        created_at=now - timedelta(hours=rng.randrange(YEARS * 365 * 24)))
                for _ in range(2000)
            )  # fmt: skip
        others = options["users"] - 1
        per_user = (expected - options["heavy_logs"]) // others
        for number in range(others):
            with transaction.atomic():
                user = User.objects.create_user(f"{BENCH_PREFIX}{number}", password="bench")
                count = per_user + (1 if number < (expected - options["heavy_logs"]) % others else 0)
                self.add_logs(user, count, rng, now)
            if number % 10 == 9:
                self.stdout.write(f"  {number + 1} of {others} other users built")
        self.stdout.write(f"Built {expected:,} logs in {time.perf_counter() - started:.0f} s.")
        if connection.vendor == "postgresql":
            # Rebuilding leaves a million dead rows; with autovacuum off (or not yet run) the planner wades through
            # them at the ends of the indexes on every query, which costs milliseconds of planning.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        return heavy

    def add_logs(self, user, count, rng, now, span_hours=YEARS * 365 * 24):
        """`count` moments over the `span_hours` before `now` (five years); about half of them with a sensation, an
        emotion and what helped."""
        kinds, urges, acted = TriggerKind.values, Urge.values, ActedOn.values
        for start in range(0, count, BATCH):
            logs = TriggerLog.objects.bulk_create(
                TriggerLog(
                    user=user,
                    occurred_at=now - timedelta(minutes=rng.randrange(span_hours * 60)),
                    trigger_kind=rng.choice(kinds),
                    intensity=rng.randint(1, 10),
                    urge=rng.choice(urges),
                    acted_on=rng.choice(acted),
                    intensity_after=rng.choice([None, rng.randint(0, 6)]),
                )
                for _ in range(min(BATCH, count - start))
            )
            tags = [
                LogTag(log=log, kind=kind, value=rng.choice(choices))
                for log in logs
                if rng.random() < 0.5
                for kind, choices in (
                    (LogTag.Kind.SENSATION, BodySensation.values),
                    (LogTag.Kind.EMOTION, Emotion.values),
                    (LogTag.Kind.HELPED, SoothingAction.values),
                )
            ]
            LogTag.objects.bulk_create(tags, batch_size=BATCH)

    def add_pauses(self, user, count, rng, now, span_hours=YEARS * 365 * 24):
        span_minutes = span_hours * 60
        pauses = []
        for _ in range(count):
            started = now - timedelta(minutes=rng.randrange(60, span_minutes))
            before = rng.randint(3, 10)
            pauses.append(
                PauseSession(
                    user=user, minutes=20, started_at=started, ends_at=started + timedelta(minutes=20),
                    finished_at=started + timedelta(minutes=20), intensity_before=before,
                    intensity_after=max(0, before - rng.randint(0, 5)), urge_passed=rng.choice(UrgePassed.values),
                )
            )  # fmt: skip
        PauseSession.objects.bulk_create(pauses, batch_size=BATCH)

    def describe(self, heavy, base_url):
        week = self.week_for(heavy)
        self.stdout.write(
            f"Database: {connection.vendor}; heavy user: {TriggerLog.objects.filter(user=heavy).count():,} logs, "
            f"{PauseSession.objects.filter(user=heavy).count():,} pauses; {TriggerLog.objects.count():,} logs and "
            f"{LogTag.objects.count():,} tags in all."
        )
        week_logs = TriggerLog.objects.for_user(heavy).in_week(week).count()
        how = "one gunicorn sync worker, DEBUG off" if base_url else "Django's test client in this process"
        self.stdout.write(f"Review of {week.label}, {week_logs} moments that week, served by {how}.")

    @staticmethod
    def week_for(user):
        return UserSettings.for_user(user).week_containing(timezone.now() - timedelta(days=7))

    def time_views(self, user, base_url, runs):
        """Median ratios of paired runs: the review of the person's last full week, four ways, to the minimal view.
        Moving the person's journal_changed_at (as any change does) is what makes the cached page stale."""
        week = self.week_for(user)
        review_url = reverse("journal:review_week", kwargs={"week": week})
        fetch = Fetcher(user, base_url)
        times = {name: [] for name in ("computed", "after a write", "nothing kept", "cached", "minimal")}
        writes = []
        for _ in range(5):  # warm up connections, templates and the lesson library
            fetch(review_url)
            fetch(MINIMAL_PATH)
        for _ in range(runs):
            UserSettings.mark_changed(user.pk)
            times["computed"].append(fetch(review_url))
            times["cached"].append(fetch(review_url))
            started = time.perf_counter()
            written = TriggerLog.objects.create(
                user=user, occurred_at=week.starts_at + timedelta(hours=30), trigger_kind="slow_reply", intensity=6
            )
            writes.append(time.perf_counter() - started)
            times["after a write"].append(fetch(review_url))
            written.delete()
            WeekRollup.objects.filter(user=user).delete()
            UserSettings.mark_changed(user.pk)
            times["nothing kept"].append(fetch(review_url))
            times["minimal"].append(fetch(MINIMAL_PATH))
        minimal = times.pop("minimal")
        self.minimal_ms = statistics.median(minimal) * 1000
        self.write_ms = statistics.median(writes) * 1000
        return {
            name: statistics.median(t / m for t, m in zip(timed, minimal, strict=True)) for name, timed in times.items()
        }
