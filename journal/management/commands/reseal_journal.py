from django.core.management.base import BaseCommand

from journal.sealed import reseal, sealed_fields


class Command(BaseCommand):
    help = "Re-encrypt all journal text with the first key in JOURNAL_ENCRYPTION_KEYS, so older keys can be retired."

    def handle(self, *args, **options):
        for model, names in sealed_fields():
            count = reseal(model, names)
            self.stdout.write(f"{model._meta.verbose_name_plural}: {count} re-sealed ({', '.join(names)})")
        self.stdout.write("Done. Every journal text now opens with the first key alone.")
