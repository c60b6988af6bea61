from django.core.management.base import BaseCommand

from journal.models import UserSettings
from journal.review.rollups import rebuild
from journal.review.totals import MAX_WEEKS, TREND_WEEKS


class Command(BaseCommand):
    help = (
        "Throw away every person's kept weekly counts and count their recent weeks again (after a fix to how the "
        "review counts, or a change made to the database by hand). Older weeks are counted when first looked at."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--weeks", type=int, default=max(TREND_WEEKS, MAX_WEEKS + 1), help="recent weeks to count for each person"
        )

    def handle(self, *args, weeks, **options):
        people = 0
        for user_settings in UserSettings.objects.select_related("user").iterator(chunk_size=200):
            rebuild(user_settings, weeks)
            people += 1
        self.stdout.write(f"Counted the last {weeks} weeks again for {people} {'person' if people == 1 else 'people'}.")
