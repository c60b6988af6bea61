"""Journal text moves into encrypted columns: each field gets a sealed twin, the text is copied across (and so
encrypted), the plain column goes, and the twin takes its name. Reversible: reversing copies the text back out."""

import fernet_fields.fields
from django.db import migrations, models

# (model, field, encrypted field class, options): as they are declared in journal/models.py.
SEALED = [
    ("triggerlog", "what_happened", "char", {"max_length": 200, "blank": True, "verbose_name": "what happened"}),
    (
        "triggerlog",
        "story",
        "text",
        {"max_length": 1000, "blank": True, "verbose_name": "the story my mind is telling"},
    ),
    ("triggerlog", "notes", "text", {"max_length": 2000, "blank": True}),
    ("pausesession", "what_i_did", "char", {"max_length": 300, "blank": True, "verbose_name": "what I did"}),
    ("reframe", "anxious_thought", "char", {"max_length": 500, "verbose_name": "the anxious thought"}),
    ("reframe", "alternatives", "text", {"max_length": 1000, "blank": True, "verbose_name": "what else could be true?"}),
    ("reframe", "balanced_thought", "char", {"max_length": 500, "verbose_name": "a more balanced thought"}),
    ("reframe", "script_instead", "char", {"max_length": 300, "blank": True, "verbose_name": "instead of saying…"}),
    ("reframe", "script_try", "char", {"max_length": 300, "blank": True, "verbose_name": "try saying…"}),
    ("weeklyreflection", "noticed", "text", {"max_length": 1000, "blank": True, "verbose_name": "what I noticed"}),
    ("weeklyreflection", "helped", "text", {"max_length": 1000, "blank": True, "verbose_name": "what helped"}),
    (
        "weeklyreflection",
        "intention",
        "char",
        {"max_length": 300, "blank": True, "verbose_name": "one intention for next week"},
    ),
]
CLASSES = {"char": fernet_fields.fields.EncryptedCharField, "text": fernet_fields.fields.EncryptedTextField}
PLAIN = {"char": models.CharField, "text": models.TextField}
BATCH = 1000


def copy_between(source_suffix, target_suffix):
    # One UPDATE per row: bulk_update's CASE expression can't pass through the encrypting field.
    def copy(apps, schema_editor):
        for model_name, field, _kind, _options in SEALED:
            model = apps.get_model("journal", model_name)
            source, target = f"{field}{source_suffix}", f"{field}{target_suffix}"
            for pk, value in model.objects.values_list("pk", source).iterator(chunk_size=BATCH):
                model.objects.filter(pk=pk).update(**{target: value or ""})

    return copy


def operations():
    add, remove, rename = [], [], []
    for model_name, field, kind, options in SEALED:
        default = {} if not options.get("blank") else {"default": ""}
        add.append(
            migrations.AddField(model_name, f"{field}_sealed", CLASSES[kind](**options, **default, null=True))
        )
        # A default first, so that reversing can put the plain column back on rows that already exist.
        remove.append(migrations.AlterField(model_name, field, PLAIN[kind](**options, default="")))
        remove.append(migrations.RemoveField(model_name, field))
        rename.append(migrations.RenameField(model_name, f"{field}_sealed", field))
    alter = [
        migrations.AlterField(model_name, field, CLASSES[kind](**options))
        for model_name, field, kind, options in SEALED
    ]
    return [
        *add,
        migrations.RunPython(copy_between("", "_sealed"), copy_between("_sealed", "")),
        *remove,
        *rename,
        *alter,
    ]


class Migration(migrations.Migration):
    dependencies = [("journal", "0006_app_lock")]
    operations = operations()
