"""Plan the reminders that are due now; a worker sends them.

Run it every minute: from cron (`* * * * * manage.py send_reminders`), a systemd timer, or as one long-running
process with `--loop` (what `make run` does). Running it twice in the same minute plans nothing twice.
"""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from reminders.schedule import plan_due_reminders

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Plan the reminders due now, in each person's own time zone."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, once at the start of every minute.")

    def handle(self, *args, loop=False, verbosity=1, **options):
        if not loop:
            self.plan(verbosity)
            return
        while True:
            close_old_connections()
            try:
                self.plan(verbosity)
            except DatabaseError:  # a database restart: try again next minute
                logger.exception("Could not plan reminders this minute")
            time.sleep(60 - time.time() % 60)

    def plan(self, verbosity):
        planned = plan_due_reminders()
        if planned and verbosity > 0:
            self.stdout.write(f"Planned {planned} reminder{'' if planned == 1 else 's'}.")
