"""Downloads hold everything and come back identical; a file can never write someone else's rows or break in."""

import csv
import io
import json
from datetime import UTC, datetime, time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import StreamingHttpResponse

from journal.factories import (
    CustomChoiceFactory,
    PauseSessionFactory,
    ReframeFactory,
    SecureMomentFactory,
    TriggerLogFactory,
    UserFactory,
    WeeklyReflectionFactory,
)
from journal.models import LessonRead, LogTag, PauseSession, Reframe, SecureMoment, TriggerLog, UserSettings
from journal.portability import NOT_EXPORTED, REMINDER_FIELDS, SECTIONS, SETTINGS_FIELDS
from reminders.models import ReminderSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_journal(owner):
    log = TriggerLogFactory(user=owner, what_happened="No reply all evening", trigger_kind="my-work-deadline")
    LogTag.objects.create(log=log, kind=LogTag.Kind.SENSATION, value="tight_chest")
    PauseSessionFactory(user=owner, log=log, finished=True, unsent_message="Are you ok?", unsent_choice="let_it_go")
    ReframeFactory(user=owner, log=log, pinned=True)
    WeeklyReflectionFactory(user=owner)
    SecureMomentFactory(user=owner, what_happened="Said what I needed, kindly", what_helped="Breathing first")
    CustomChoiceFactory(user=owner, label="Work deadline")
    return owner


@pytest.fixture
def edge_journal(owner):
    """Zeros, blanks and false values, which a careless `if value:` drops; a pause with no moment."""
    log = TriggerLogFactory(
        user=owner, intensity=0, urge="", what_happened="", story="", urge_strength=0, intensity_after=0, notes=""
    )
    LogTag.objects.create(log=log, kind=LogTag.Kind.EMOTION, value="anxious")
    PauseSessionFactory(user=owner, log=None, intensity_before=0, intensity_after=0, what_i_did="")
    ReframeFactory(
        user=owner,
        log=None,
        pinned=False,
        believability_before=0,
        believability_after=0,
        alternatives="",
        balanced_thought="",
        is_draft=True,
    )
    SecureMomentFactory(user=owner, what_happened="", what_helped="")  # the one-tap kind: no words at all
    LessonRead.objects.create(user=owner, lesson_slug="common-triggers")
    settings = UserSettings.objects.get(user=owner)
    settings.week_start, settings.country = 6, "NZ"
    settings.save()
    ReminderSettings.objects.create(user=owner, daily_check_in=True, check_in_at=time(7, 30), by_email=False)
    return owner


def body(response):
    assert isinstance(response, StreamingHttpResponse), "downloads stream"
    return b"".join(response.streaming_content).decode()


def export(client):
    response = client.get("/journal/export.json")
    assert response["Content-Disposition"].startswith("attachment;")
    return json.loads(body(response))


def upload(client, document, confirm="on"):
    content = document if isinstance(document, bytes) else json.dumps(document).encode()
    file = SimpleUploadedFile("journal.json", content, content_type="application/json")
    return client.post("/journal/import/", {"file": file, "confirm": confirm})


def test_export_holds_everything(owner_client, full_journal):
    document = export(owner_client)
    assert document["version"] == 3
    assert document["moments"][0]["what_happened"] == "No reply all evening"
    assert document["moments"][0]["sensations"] == ["tight_chest"]
    assert document["pauses"][0]["moment"] == document["moments"][0]["ref"]
    assert (document["pauses"][0]["unsent_message"], document["pauses"][0]["unsent_choice"]) == (
        "Are you ok?",
        "let_it_go",
    )
    assert document["reframes"][0]["is_draft"] is False
    assert document["reframes"][0]["pinned"] is True
    assert len(document["reflections"]) == 1
    assert document["secure_moments"] == [
        {
            "occurred_at": SecureMoment.objects.get().occurred_at.astimezone(UTC).isoformat(),
            "what_happened": "Said what I needed, kindly",
            "what_helped": "Breathing first",
        }
    ]
    assert document["custom_choices"][0]["label"] == "Work deadline"
    assert document["settings"]["time_zone"] == "Europe/London"
    assert set(document["reminders"]) == set(REMINDER_FIELDS)


def test_a_long_journal_streams_in_pieces(owner_client, owner):
    for _ in range(3):
        TriggerLogFactory(user=owner)
    response = owner_client.get("/journal/export.json")
    pieces = list(response.streaming_content)
    assert len(pieces) > 5
    assert len(json.loads(b"".join(pieces))["moments"]) == 3


@pytest.mark.parametrize("journal", ["full_journal", "edge_journal"])
def test_export_import_export_is_identical(request, owner_client, client, journal):
    request.getfixturevalue(journal)
    document = export(owner_client)
    newcomer = UserFactory(username="carol")
    client.force_login(newcomer)

    response = upload(client, document)

    assert response.status_code == 200 and "Your journal is back" in response.content.decode()
    assert export(client) == document


def test_every_field_is_either_exported_or_left_out_on_purpose():
    exported = {section.model: set(section.fields) for section in SECTIONS}
    exported[UserSettings] = set(SETTINGS_FIELDS)
    exported[ReminderSettings] = set(REMINDER_FIELDS)
    for model, fields in exported.items():
        every_field = {field.name for field in model._meta.concrete_fields}
        unaccounted = every_field - fields - NOT_EXPORTED[model]
        assert not unaccounted, f"{model.__name__}: export {unaccounted} or add them to NOT_EXPORTED"


def test_importing_replaces_the_journal_and_counts_what_came_back(owner_client, full_journal):
    document = export(owner_client)
    TriggerLogFactory(user=full_journal, what_happened="written after the download")
    response = upload(owner_client, document)
    content = response.content.decode()
    assert "1 moment<" in content and "1 pause<" in content and "1 weekly reflection<" in content
    assert "1 secure moment<" in content
    assert list(TriggerLog.objects.filter(user=full_journal).values_list("what_happened", flat=True)) == [
        "No reply all evening"
    ]


def test_a_file_cannot_touch_another_persons_settings_or_rows(owner_client, owner, stranger):
    TriggerLogFactory(user=stranger, what_happened="the stranger's words")
    theirs = UserSettings.objects.get(user=stranger)
    document = export(owner_client)
    document["settings"] |= {"id": theirs.pk, "user_id": stranger.pk, "user": stranger.pk, "time_zone": "Asia/Tokyo"}
    document["moments"] = [
        {**export_moment(), "id": TriggerLog.objects.get(user=stranger).pk, "user": stranger.pk, "user_id": stranger.pk}
    ]

    assert "Your journal is back" in upload(owner_client, document).content.decode()

    theirs.refresh_from_db()
    assert theirs.time_zone == "America/New_York"
    assert UserSettings.objects.get(user=owner).time_zone == "Asia/Tokyo"
    assert TriggerLog.objects.get(user=stranger).what_happened == "the stranger's words"
    assert TriggerLog.objects.filter(user=owner).count() == 1


def export_moment(**changes):
    return {
        "ref": 1,
        "occurred_at": "2026-11-20T18:00:00+00:00",
        "trigger_kind": "slow_reply",
        "intensity": 6,
        "urge": "text_again",
        "what_happened": "",
        "story": "",
        "urge_strength": None,
        "acted_on": "not_yet",
        "intensity_after": None,
        "notes": "",
        "sensations": [],
        "emotions": [],
        "helped": [],
        **changes,
    }


@pytest.mark.parametrize(
    "bad_moment, reason",
    [
        ({"intensity": 11}, "check intensity"),
        ({"intensity": "lots"}, "check intensity"),
        ({"trigger_kind": "<script>"}, "trigger or urge we don't know"),
        ({"sensations": ["not-a-sensation"]}, "sensations we don't know"),
        ({"helped": "a walk"}, "helped we don't know"),
        ({"occurred_at": "yesterday"}, "wrong kind"),
        ({"occurred_at": "9999-12-31T23:00:00+00:00"}, "check occurred at"),
        ({"what_happened": "x" * 201}, "check what happened"),
        ({"ref": "one"}, "no moment number"),
        ({"acted_on": "maybe"}, "check acted on"),
    ],
)
def test_a_row_that_breaks_a_rule_is_refused_and_nothing_changes(owner_client, full_journal, bad_moment, reason):
    document = export(owner_client)
    document["moments"].append(export_moment(**{"ref": 2} | bad_moment))

    response = upload(owner_client, document)

    content = response.content.decode()
    assert response.status_code == 200 and "moments, row 2" in content and reason in content.replace("&#x27;", "'")
    assert "nothing was changed" in content
    assert list(TriggerLog.objects.filter(user=full_journal).values_list("what_happened", flat=True)) == [
        "No reply all evening"
    ]


def test_refusals_never_repeat_the_text_of_the_file(owner_client, full_journal):
    document = export(owner_client)
    document["moments"].append(export_moment(ref=2, what_happened="private words " * 30))
    content = upload(owner_client, document).content.decode()
    assert "check what happened" in content and "private words" not in content


def test_pauses_must_point_at_a_moment_in_the_file(owner_client, full_journal):
    document = export(owner_client)
    document["pauses"][0]["moment"] = 99
    assert "points at a moment" in upload(owner_client, document).content.decode()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not json", "not a JSON download"),
        (b"\xff\xfe", "not a JSON download"),
        (json.dumps({"format": "other"}).encode(), "not a Secure Base journal"),
        (json.dumps({"format": "secure-base-journal", "version": 4}).encode(), "newer Secure Base"),
        (b"[" * 100_000 + b"]" * 100_000, "nested more deeply"),
        (
            json.dumps({"format": "secure-base-journal", "version": 2, "moments": [[[[[["deep"]]]]]]}).encode(),
            "not a row",
        ),
        (
            json.dumps(
                {"format": "secure-base-journal", "version": 2, "reframes": [{"anxious_thought": [[["x"]]]}]}
            ).encode(),
            "wrong kind",
        ),
        (json.dumps({"format": "secure-base-journal", "version": 2, "moments": "lots"}).encode(), "should be a list"),
        (json.dumps({"format": "secure-base-journal", "version": 2, "settings": [1]}).encode(), "named values"),
    ],
)
def test_a_file_that_is_not_a_journal_is_refused_kindly(owner_client, full_journal, content, message):
    response = upload(owner_client, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert TriggerLog.objects.filter(user=full_journal).count() == 1


def test_a_file_over_the_size_limit_is_refused(owner_client, full_journal, monkeypatch):
    monkeypatch.setattr("journal.importing.MAX_BYTES", 1000)
    response = upload(owner_client, export(owner_client) | {"padding": "x" * 2000})
    assert "larger than" in response.content.decode()


def test_version_1_downloads_still_come_back(owner_client, full_journal):
    document = export(owner_client)
    document["version"] = 1
    del document["reminders"]
    del document["settings"]["country"]
    assert "Your journal is back" in upload(owner_client, document).content.decode()
    assert TriggerLog.objects.filter(user=full_journal).count() == 1


def test_version_2_downloads_without_secure_moments_still_come_back(owner_client, full_journal):
    document = export(owner_client)
    document["version"] = 2
    del document["secure_moments"]
    assert "Your journal is back" in upload(owner_client, document).content.decode()
    assert TriggerLog.objects.filter(user=full_journal).count() == 1
    assert not SecureMoment.objects.filter(user=full_journal).exists()


def test_a_secure_moment_in_the_future_is_refused_and_nothing_changes(owner_client, full_journal):
    document = export(owner_client)
    document["secure_moments"][0]["occurred_at"] = "2999-01-01T00:00:00+00:00"
    content = upload(owner_client, document).content.decode()
    assert "secure moments, row 1: check occurred at" in content
    assert SecureMoment.objects.get(user=full_journal).what_happened == "Said what I needed, kindly"


def test_import_needs_confirmation(owner_client, full_journal):
    response = upload(owner_client, export(owner_client), confirm="")
    assert response.status_code == 200
    assert TriggerLog.objects.filter(user=full_journal).count() == 1


def test_import_closes_extra_open_pauses_so_only_one_can_run(owner_client, owner):
    document = export(owner_client)
    started = datetime.now(UTC).isoformat()
    document["pauses"] = [
        {"moment": None, "minutes": 20, "started_at": started, "ends_at": None, "finished_at": None}
        | {"intensity_before": None, "intensity_after": None, "urge_passed": "", "what_i_did": ""}
    ] * 2
    upload(owner_client, document)
    assert PauseSession.objects.filter(user=owner).count() == 2
    assert PauseSession.objects.filter(user=owner, current=True).count() == 0


def csv_rows(client):
    return list(csv.DictReader(io.StringIO(body(client.get("/journal/export.csv")))))


def test_csv_export_has_a_row_per_record(owner_client, full_journal):
    rows = csv_rows(owner_client)
    assert [row["record"] for row in rows] == ["moment", "pause", "reframe", "reflection", "secure_moment"]
    assert rows[0]["what_happened"] == "No reply all evening"
    assert (rows[4]["what_happened"], rows[4]["what_helped"]) == ("Said what I needed, kindly", "Breathing first")
    assert rows[1]["moment"] == rows[0]["moment"] == "1"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_never_run_as_spreadsheet_formulas(owner_client, owner, start):
    TriggerLogFactory(user=owner, what_happened=f'{start}HYPERLINK("http://evil.example","click")')
    ReframeFactory(user=owner, anxious_thought=f"{start}1+1")
    SecureMomentFactory(user=owner, what_helped=f"{start}2+2")
    rows = csv_rows(owner_client)
    cells = [rows[0]["what_happened"], rows[1]["anxious_thought"], rows[2]["what_helped"]]
    assert all(cell.startswith("'" + start) for cell in cells), cells
    assert rows[0]["intensity"].isdigit(), "numbers stay numbers"


def test_reframes_keep_their_moment_after_a_round_trip(owner_client, client, full_journal):
    document = export(owner_client)
    newcomer = UserFactory(username="carol")
    client.force_login(newcomer)
    upload(client, document)
    reframe = Reframe.objects.get(user=newcomer)
    assert reframe.log.what_happened == "No reply all evening"
    assert reframe.log.user == newcomer


def test_after_an_import_new_moments_save_as_usual(owner_client, full_journal):
    upload(owner_client, export(owner_client))
    imported = TriggerLog.objects.get(user=full_journal)
    response = owner_client.post("/journal/log/", {"trigger_kind": "slow_reply", "intensity": "4"})
    assert response.status_code == 302
    assert TriggerLog.objects.filter(user=full_journal).exclude(pk=imported.pk).count() == 1
    assert imported.tags.count() == 1 and imported.pauses.get().log_id == imported.pk
