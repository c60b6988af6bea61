from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "journal"

    def ready(self):
        from journal import lock, sealed, signals  # noqa: F401  (connects the receivers)
