"""Time a download and bringing it back for a long journal, and how much memory the download needs.

Builds a person with 50,000 moments (plus a pause and a reframe for every fifth), downloads the JSON and the CSV
through the real views (streamed, as a browser would receive them), then imports the JSON into a fresh account
through the real form, and prints each time, the round trip (download + import) against the 10 s budget, and
the peak memory the JSON download allocated. Run it on a throwaway database, never on real data:

    DATABASE_URL=sqlite:////tmp/bench-port.sqlite3 python manage.py bench_portability
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python manage.py bench_portability
"""

import random
import time
import tracemalloc
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from journal.benchmarking import refuse_unless_throwaway
from journal.choices import Emotion, TriggerKind, Urge
from journal.models import LogTag, PauseSession, Reframe, TriggerLog

BUDGET_SECONDS = 10
MEMORY_BUDGET_MB = 50
BATCH = 2000


class Command(BaseCommand):
    help = "Benchmark downloading and importing a 50,000-moment journal (run it on a throwaway database)."

    def add_arguments(self, parser):
        parser.add_argument("--moments", type=int, default=50_000)
        parser.add_argument("--yes", action="store_true", help="run even if the database name has no 'bench' in it")

    def handle(self, *args, moments, yes, **options):
        refuse_unless_throwaway(yes, f"{moments:,} moments")
        call_command("migrate", verbosity=0)
        users = get_user_model().objects
        users.filter(username__startswith="bench-port-").delete()
        owner = users.create_user("bench-port-owner", password="bench-password-123")
        newcomer = users.create_user("bench-port-newcomer", password="bench-password-123")
        started = time.perf_counter()
        build_journal(owner, moments)
        self.stdout.write(f"Built {moments:,} moments in {time.perf_counter() - started:.1f} s ({connection.vendor})")

        with override_settings(ALLOWED_HOSTS=["*"]):
            client = Client()
            client.force_login(owner)
            json_seconds, document = timed(lambda: b"".join(client.get("/journal/export.json").streaming_content))
            csv_seconds, _ = timed(lambda: b"".join(client.get("/journal/export.csv").streaming_content))
            peak_mb = peak_memory_mb(lambda: drain(client.get("/journal/export.json").streaming_content))

            client.force_login(newcomer)
            upload = SimpleUploadedFile("journal.json", document, content_type="application/json")
            import_seconds, response = timed(lambda: client.post("/journal/import/", {"file": upload, "confirm": "on"}))
        if "Your journal is back" not in response.content.decode():
            raise CommandError("The import was refused: the benchmark's journal should always come back.")
        imported = TriggerLog.objects.filter(user=newcomer).count()

        round_trip = json_seconds + import_seconds
        self.stdout.write(f"JSON download: {json_seconds:.1f} s, {len(document) / 1e6:.1f} MB")
        self.stdout.write(f"CSV download: {csv_seconds:.1f} s")
        self.stdout.write(f"Import: {import_seconds:.1f} s ({imported:,} moments back)")
        self.stdout.write(
            f"Round trip: {round_trip:.1f} s = {round_trip / BUDGET_SECONDS:.2f}× the {BUDGET_SECONDS} s budget"
        )
        self.stdout.write(
            f"JSON download peak memory: {peak_mb:.1f} MB = {peak_mb / MEMORY_BUDGET_MB:.2f}× the "
            f"{MEMORY_BUDGET_MB} MB budget"
        )
        users.filter(username__startswith="bench-port-").delete()


def timed(work):
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def drain(chunks):
    for _ in chunks:
        pass


def peak_memory_mb(work):
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def build_journal(user, moments):
    rng = random.Random(7)
    now = timezone.now()
    triggers, urges, emotions = TriggerKind.values, Urge.values, Emotion.values
    for start in range(0, moments, BATCH):
        logs = TriggerLog.objects.bulk_create(
            TriggerLog(
                user=user,
                occurred_at=now - timedelta(minutes=37 * (moments - n)),
                trigger_kind=rng.choice(triggers),
                intensity=rng.randint(0, 10),
                urge=rng.choice(urges),
                what_happened=f"Moment {n}: no reply since lunch, and the story got loud.",
                story="They are pulling away." if n % 3 else "",
            )
            for n in range(start, min(start + BATCH, moments))
        )
        LogTag.objects.bulk_create(
            LogTag(log=log, kind=LogTag.Kind.EMOTION, value=rng.choice(emotions)) for log in logs
        )
        fifth = logs[::5]
        PauseSession.objects.bulk_create(
            PauseSession(
                user=user,
                log=log,
                minutes=20,
                started_at=log.occurred_at,
                ends_at=log.occurred_at + timedelta(minutes=20),
                finished_at=log.occurred_at + timedelta(minutes=20),
                intensity_before=log.intensity,
                intensity_after=max(0, log.intensity - 2),
                urge_passed="yes",
                what_i_did="Walked round the block.",
            )
            for log in fifth
        )
        Reframe.objects.bulk_create(
            Reframe(
                user=user,
                log=log,
                anxious_thought="They're losing interest.",
                balanced_thought="They're busy; they said they'd call tonight.",
                created_at=log.occurred_at,
            )
            for log in fifth
        )
