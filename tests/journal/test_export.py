"""Downloads hold everything and come back identical; a file can never write someone else's rows or break in."""

import csv
import html
import io
import json
import re
from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
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

# The session, the person, their settings (for the page, then for the file), their reminders, one read for each
# of the seven sections and one for the moments' lists.
QUERIES_FOR_A_DOWNLOAD = 13


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


def refusal(response):
    """What the page says about the file as a whole (the error beside the file field)."""
    found = re.search(r"Your JSON download</a>: (.*?)</li>", response.content.decode())
    return found and html.unescape(found.group(1))


def refused_rows(response):
    """The rows the page lists as not usable, as the person reads them."""
    section = re.search(r'id="problems-heading".*?<ul>(.*?)</ul>', response.content.decode(), re.S)
    return [html.unescape(row) for row in re.findall(r"<li>(.*?)</li>", section.group(1))] if section else []


@pytest.mark.parametrize(
    ("path", "content_type", "extension"),
    [
        ("/journal/export.json", "application/json; charset=utf-8", "json"),
        ("/journal/export.csv", "text/csv; charset=utf-8", "csv"),
    ],
)
def test_a_download_is_a_file_named_for_the_persons_own_day(owner_client, owner, path, content_type, extension):
    UserSettings.objects.filter(user=owner).update(time_zone="Pacific/Auckland")
    with time_machine.travel(datetime(2026, 2, 1, 12, 0, tzinfo=UTC), tick=False):  # already 2 February there
        response = owner_client.get(path)
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="secure-base-journal-2026-02-02.{extension}"'


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


def test_a_download_holds_every_list_of_a_moment_and_the_persons_reminders(owner_client, owner):
    log = TriggerLogFactory(user=owner)
    for kind, value in [("sensation", "tight_chest"), ("sensation", "racing_heart"), ("emotion", "fear")]:
        LogTag.objects.create(log=log, kind=kind, value=value)
    LogTag.objects.create(log=log, kind=LogTag.Kind.HELPED, value="slow_breathing")
    ReminderSettings.objects.create(user=owner, daily_check_in=True, check_in_at=time(7, 30))

    document = export(owner_client)

    lists = {name: document["moments"][0][name] for name in ("sensations", "emotions", "helped")}
    assert lists == {"sensations": ["racing_heart", "tight_chest"], "emotions": ["fear"], "helped": ["slow_breathing"]}
    assert (document["reminders"]["daily_check_in"], document["reminders"]["check_in_at"]) == (True, "07:30:00")
    spreadsheet = csv_rows(owner_client)[0]
    assert (spreadsheet["sensations"], spreadsheet["emotions"]) == ("racing_heart; tight_chest", "fear")


def test_a_journal_longer_than_one_read_from_the_database_downloads_whole(owner_client, owner):
    TriggerLog.objects.bulk_create(
        TriggerLog(
            user=owner,
            occurred_at=datetime(2026, 11, 1, tzinfo=UTC) + timedelta(minutes=n),
            intensity=n % 11,
            what_happened=f"Café, nothing since {n} ☕",
        )
        for n in range(2001)
    )
    content = body(owner_client.get("/journal/export.json"))
    document = json.loads(content)
    assert [moment["ref"] for moment in document["moments"]] == list(range(1, 2002))
    assert document["moments"][2000]["what_happened"] == "Café, nothing since 2000 ☕"
    assert "Café, nothing since 7 ☕" in content and "Café, nothing since 2000 ☕" in content, "readable in the file"


def test_a_download_takes_the_same_few_queries_however_long_the_journal(owner_client, owner, django_assert_num_queries):
    for _ in range(30):
        log = TriggerLogFactory(user=owner)
        LogTag.objects.create(log=log, kind=LogTag.Kind.EMOTION, value="fear")
        PauseSessionFactory(user=owner, log=log)
    ReframeFactory(user=owner)
    with django_assert_num_queries(QUERIES_FOR_A_DOWNLOAD):
        body(owner_client.get("/journal/export.json"))


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
        ({"intensity": 11, "urge_strength": 12}, "check intensity, urge strength"),
        ({"trigger_kind": "<script>"}, "names a trigger or urge we don't know"),
        ({"urge": "shout"}, "names a trigger or urge we don't know"),
        ({"sensations": ["not-a-sensation"]}, "lists sensations we don't know"),
        ({"helped": "a walk"}, "lists helped we don't know"),
        ({"occurred_at": "yesterday"}, "has a value of the wrong kind"),
        ({"occurred_at": "9999-12-31T23:00:00+00:00"}, "check occurred at"),
        ({"what_happened": "x" * 201}, "check what happened"),
        ({"ref": "one"}, "has no moment number"),
        ({"ref": False}, "has no moment number"),
        ({"acted_on": "maybe"}, "check acted on"),
    ],
)
def test_a_row_that_breaks_a_rule_is_refused_and_nothing_changes(owner_client, full_journal, bad_moment, reason):
    document = export(owner_client)
    document["moments"].append(export_moment(**{"ref": 2} | bad_moment))

    response = upload(owner_client, document)

    assert response.status_code == 200 and refused_rows(response) == [f"moments, row 2: {reason}"]
    assert refusal(response) == ROWS_REFUSED
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
    assert refused_rows(upload(owner_client, document)) == ["pauses, row 1: points at a moment that isn't in the file"]


ROWS_REFUSED = "Some rows could not be used, so nothing was changed."


def journal_file(**sections):
    return json.dumps({"format": "secure-base-journal", "version": 2, **sections}).encode()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not json", "This file is not a JSON download from Secure Base."),
        (b"\xff\xfe", "This file is not a JSON download from Secure Base."),
        (json.dumps({"format": "other"}).encode(), "This file is not a Secure Base journal download."),
        (json.dumps(["secure-base-journal"]).encode(), "This file is not a Secure Base journal download."),
        (
            json.dumps({"format": "secure-base-journal", "version": 4}).encode(),
            "This download comes from a newer Secure Base. It can't be read here yet.",
        ),
        (b"[" * 100_000 + b"]" * 100_000, "This file is nested more deeply than a Secure Base download ever is."),
    ],
)
def test_a_file_that_is_not_a_journal_is_refused_kindly(owner_client, full_journal, content, message):
    response = upload(owner_client, content)
    assert response.status_code == 200 and refusal(response) == message
    assert TriggerLog.objects.filter(user=full_journal).count() == 1


@pytest.mark.parametrize(
    "content, rows",
    [
        (journal_file(moments=[[[[[["deep"]]]]]]), ["moments, row 1: is not a row"]),
        (journal_file(reframes=[{"anxious_thought": [[["x"]]]}]), ["reframes, row 1: has a value of the wrong kind"]),
        (journal_file(moments="lots"), ["moments: should be a list"]),
        (journal_file(settings=[1]), ["settings: should be a set of named values"]),
        (journal_file(reminders="daily"), ["reminders: should be a set of named values"]),
        (journal_file(settings={"time_zone": "Nowhere/Land"}), ["settings: check time zone"]),
        (journal_file(settings={"country": "ZZ"}), ["settings: the country is not one we know"]),
        (journal_file(reminders={"check_in_at": "half past"}), ["reminders: has a value of the wrong kind"]),
        (
            journal_file(custom_choices=[{"list_name": "trigger", "label": "Work", "key": "work"}]),
            ["custom choices, row 1: its key should start with my-"],
        ),
    ],
)
def test_a_file_with_rows_we_cannot_use_lists_them_and_changes_nothing(owner_client, full_journal, content, rows):
    response = upload(owner_client, content)
    assert response.status_code == 200 and refusal(response) == ROWS_REFUSED
    assert refused_rows(response) == rows
    assert TriggerLog.objects.filter(user=full_journal).count() == 1
    assert UserSettings.objects.get(user=full_journal).time_zone == "Europe/London"


def test_every_refused_row_is_listed_not_only_the_first(owner_client, full_journal):
    document = export(owner_client)
    document["moments"] += [
        "a line of text",
        export_moment(ref=2, intensity=11),
        export_moment(ref=3),
        export_moment(ref=3),
        export_moment(ref=4, trigger_kind="<script>"),
        export_moment(ref=5, intensity=-1),
    ]
    assert refused_rows(upload(owner_client, document)) == [
        "moments, row 2: is not a row",
        "moments, row 3: check intensity",
        "moments, row 5: appears twice",
        "moments, row 6: names a trigger or urge we don't know",
        "moments, row 7: check intensity",
    ]


@pytest.mark.parametrize(
    "section, row",
    [
        ("custom_choices", {"list_name": "trigger", "label": "Work", "key": "my-work"}),
        ("moments", export_moment(ref=1)),
        ("reflections", {"week_start": "2026-11-30", "noticed": "", "helped": "", "intention": ""}),
        ("lessons_read", {"lesson_slug": "common-triggers", "read_at": "2026-11-20T18:00:00+00:00"}),
    ],
)
def test_a_row_that_appears_twice_is_refused(owner_client, owner, section, row):
    document = export(owner_client) | {section: [row, row]}
    response = upload(owner_client, document)
    assert refused_rows(response) == [f"{section.replace('_', ' ')}, row 2: appears twice"]


def test_a_file_over_the_size_limit_is_refused(owner_client, full_journal, monkeypatch):
    monkeypatch.setattr("journal.importing.MAX_BYTES", 3 * 1024 * 1024)
    response = upload(owner_client, export(owner_client) | {"padding": "x" * 3 * 1024 * 1024})
    assert refusal(response) == "This file is larger than 3 MB, too large to be a download."
    assert TriggerLog.objects.filter(user=full_journal).count() == 1


def test_a_file_of_exactly_the_size_limit_comes_back(owner_client, full_journal, monkeypatch):
    content = json.dumps(export(owner_client)).encode()
    monkeypatch.setattr("journal.importing.MAX_BYTES", len(content))
    assert "Your journal is back" in upload(owner_client, content).content.decode()


def test_importing_replaces_the_persons_reminders_with_the_files(owner_client, owner):
    ReminderSettings.objects.create(user=owner, daily_check_in=True, check_in_at=time(7, 30))
    document = export(owner_client)
    document["reminders"] |= {"daily_check_in": False, "check_in_at": "21:15:00"}
    assert "Your journal is back" in upload(owner_client, document).content.decode()
    reminders = ReminderSettings.objects.get(user=owner)
    assert (reminders.daily_check_in, reminders.check_in_at) == (False, time(21, 15))


def test_times_keep_their_offset_and_a_time_without_one_is_utc(owner_client, owner):
    document = export(owner_client) | {
        "moments": [
            export_moment(ref=1, occurred_at="2026-11-20T18:00:00+01:00"),
            export_moment(ref=2, occurred_at="2026-11-21T18:00:00"),
        ]
    }
    upload(owner_client, document)
    assert list(
        TriggerLog.objects.filter(user=owner).order_by("occurred_at").values_list("occurred_at", flat=True)
    ) == [
        datetime(2026, 11, 20, 17, tzinfo=UTC),
        datetime(2026, 11, 21, 18, tzinfo=UTC),
    ]


def test_a_moment_written_without_its_lists_or_its_custom_choice_comes_back(owner_client, owner):
    moment = {key: value for key, value in export_moment().items() if key not in ("sensations", "emotions", "helped")}
    document = export(owner_client) | {"moments": [moment | {"trigger_kind": "my-old-deadline"}]}
    assert "Your journal is back" in upload(owner_client, document).content.decode()
    log = TriggerLog.objects.get(user=owner)
    assert log.trigger_kind == "my-old-deadline" and not log.tags.exists()


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
    ends = PauseSession.objects.filter(user=owner).values_list("ends_at", flat=True)
    assert set(ends) == {datetime.fromisoformat(started) + timedelta(minutes=20)}, "ends when its minutes are up"


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
