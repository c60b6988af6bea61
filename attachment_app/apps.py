from django.apps import AppConfig


class AttachmentAppConfig(AppConfig):
    name = "attachment_app"
    verbose_name = "Secure Base"

    def ready(self):
        from attachment_app import checks  # noqa: F401  (registers the lesson check)
