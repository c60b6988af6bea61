"""Which journal fields are encrypted at rest (django-fernet-fields-v2), and re-sealing them with the newest key."""

from django.apps import apps
from django.core.signals import setting_changed
from django.dispatch import receiver
from fernet_fields import EncryptedCharField, EncryptedField, EncryptedTextField

CACHED_KEYS = ("keys", "fernet_keys", "fernet")


class SkipsEmpty:
    """Most optional boxes stay empty: store nothing for them rather than spend a cipher on "" (a third of all
    fields in a typical journal). That a box was left empty is all it shows."""

    def get_db_prep_save(self, value, connection):
        if value == "":
            return connection.Database.Binary(b"")
        return super().get_db_prep_save(value, connection)

    def from_db_value(self, value, expression, connection, *args):
        if value is not None and len(value) == 0:
            return ""
        return super().from_db_value(value, expression, connection, *args)


class SealedCharField(SkipsEmpty, EncryptedCharField):
    pass


class SealedTextField(SkipsEmpty, EncryptedTextField):
    pass


def sealed_fields():
    """[(model, [field names])] for every model with encrypted text."""
    found = []
    for model in apps.get_app_config("journal").get_models():
        names = [field.name for field in model._meta.fields if isinstance(field, EncryptedField)]
        if names:
            found.append((model, names))
    return found


def reseal(model, names):
    """Read with any key, write with the first: after this, older keys can be removed. Returns rows touched."""
    count = 0
    for row in model.objects.only("pk", *names).iterator(chunk_size=1000):
        model.objects.filter(pk=row.pk).update(**{name: getattr(row, name) for name in names})
        count += 1
    return count


@receiver(setting_changed)
def forget_cached_keys(setting, **kwargs):
    """The fields cache their keys; a changed FERNET_KEYS (tests, rotation drills) must take effect."""
    if setting != "FERNET_KEYS":
        return
    for model, names in sealed_fields():
        for name in names:
            for cached in CACHED_KEYS:
                model._meta.get_field(name).__dict__.pop(cached, None)
