"""Journal text is encrypted at rest: a copy of the database shows none of it, and keys can be rotated."""

import io
import shutil
import subprocess

import pytest
from cryptography.fernet import InvalidToken
from django.core.management import call_command
from django.db import connection

from journal.factories import (
    CustomChoiceFactory,
    PauseSessionFactory,
    ReframeFactory,
    SecureMomentFactory,
    TriggerLogFactory,
)
from journal.models import Reframe, TriggerLog, WeeklyReflection
from journal.sealed import sealed_fields

# The custom choice label is stored in the clear (its key is derived from it): it shows the dump can be read.
CANARY = "plain-canary-label"
TEXT_FIELDS = {
    "triggerlog": ["what_happened", "story", "notes"],
    "pausesession": ["what_i_did", "unsent_message"],
    "reframe": ["anxious_thought", "alternatives", "balanced_thought", "script_instead", "script_try"],
    "weeklyreflection": ["noticed", "helped", "intention"],
    "securemoment": ["what_happened", "what_helped"],
}


def marker(field):
    return f"secret-{field.replace('_', '-')}-words"


def a_journal_with_every_text_field(owner):
    log = TriggerLogFactory(user=owner, **{f: marker(f) for f in TEXT_FIELDS["triggerlog"]})
    PauseSessionFactory(user=owner, log=log, **{f: marker(f) for f in TEXT_FIELDS["pausesession"]})
    ReframeFactory(user=owner, **{f: marker(f) for f in TEXT_FIELDS["reframe"]})
    WeeklyReflection.objects.create(
        user=owner, week_start="2026-11-16", **{f: marker(f) for f in TEXT_FIELDS["weeklyreflection"]}
    )
    SecureMomentFactory(user=owner, **{f: marker(f) for f in TEXT_FIELDS["securemoment"]})
    CustomChoiceFactory(user=owner, label=CANARY)


def database_bytes():
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return connection.connection.serialize()
    if shutil.which("pg_dump") is None:
        pytest.fail("pg_dump is needed to check what a PostgreSQL dump reveals")
    settings = connection.settings_dict
    command = ["pg_dump", "--data-only", "-h", settings["HOST"] or "127.0.0.1", "-U", settings["USER"] or "postgres"]
    dump = subprocess.run([*command, settings["NAME"]], capture_output=True, check=True, timeout=60)
    return dump.stdout


def test_every_free_text_field_is_encrypted():
    found = {model._meta.model_name: sorted(names) for model, names in sealed_fields()}
    assert found == {model: sorted(names) for model, names in TEXT_FIELDS.items()}


@pytest.mark.django_db(transaction=True)
def test_a_copy_of_the_database_reveals_no_journal_text(owner):
    a_journal_with_every_text_field(owner)

    dump = database_bytes()

    assert CANARY.encode() in dump, "the dump is readable: the clear canary is in it"
    leaked = [field for fields in TEXT_FIELDS.values() for field in fields if marker(field).encode() in dump]
    assert leaked == []
    assert TriggerLog.objects.get().story == marker("story"), "and the app still reads every word"


@pytest.mark.django_db
def test_keys_rotate_without_losing_a_word(owner, settings):
    settings.FERNET_KEYS = ["the-old-key"]
    a_journal_with_every_text_field(owner)
    sealed_with_old = raw_value(Reframe, "balanced_thought")

    settings.FERNET_KEYS = ["the-new-key", "the-old-key"]
    assert Reframe.objects.get().balanced_thought == marker("balanced_thought"), "both keys open it"
    output = io.StringIO()
    call_command("reseal_journal", stdout=output)
    assert "reframes: 1 re-sealed" in output.getvalue()
    assert raw_value(Reframe, "balanced_thought") != sealed_with_old

    settings.FERNET_KEYS = ["the-new-key"]
    assert Reframe.objects.get().balanced_thought == marker("balanced_thought")
    assert TriggerLog.objects.get().notes == marker("notes")

    settings.FERNET_KEYS = ["the-old-key"]
    with pytest.raises(InvalidToken):
        Reframe.objects.get()


def raw_value(model, field):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {field} FROM {model._meta.db_table}")  # noqa: S608 (names from the model)
        return bytes(cursor.fetchone()[0])


@pytest.mark.django_db
def test_resealing_says_how_many_rows_it_resealed(owner, settings):
    settings.FERNET_KEYS = ["the-old-key"]
    ReframeFactory.create_batch(3, user=owner)
    settings.FERNET_KEYS = ["the-new-key", "the-old-key"]
    output = io.StringIO()
    call_command("reseal_journal", stdout=output)
    assert output.getvalue().splitlines() == [
        "trigger logs: 0 re-sealed (what_happened, story, notes)",
        "secure moments: 0 re-sealed (what_happened, what_helped)",
        "pause sessions: 0 re-sealed (what_i_did, unsent_message)",
        "reframes: 3 re-sealed (anxious_thought, alternatives, balanced_thought, script_instead, script_try)",
        "weekly reflections: 0 re-sealed (noticed, helped, intention)",
        "Done. Every journal text now opens with the first key alone.",
    ]
