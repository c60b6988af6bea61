import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from journal.factories import (
    CustomChoiceFactory,
    PauseSessionFactory,
    ReframeFactory,
    TriggerLogFactory,
    UserFactory,
    WeeklyReflectionFactory,
)
from journal.models import LogTag, TriggerLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_journal(owner):
    log = TriggerLogFactory(user=owner, what_happened="No reply all evening", trigger_kind="my-work-deadline")
    LogTag.objects.create(log=log, kind=LogTag.Kind.SENSATION, value="tight_chest")
    PauseSessionFactory(user=owner, log=log, finished=True)
    ReframeFactory(user=owner, log=log, pinned=True)
    WeeklyReflectionFactory(user=owner)
    CustomChoiceFactory(user=owner, label="Work deadline")
    return owner


def export(client):
    response = client.get("/journal/export.json")
    assert response["Content-Disposition"].startswith("attachment;")
    return response.json()


def test_export_holds_everything(owner_client, full_journal):
    document = export(owner_client)
    assert document["moments"][0]["what_happened"] == "No reply all evening"
    assert document["moments"][0]["sensations"] == ["tight_chest"]
    assert document["pauses"][0]["moment"] == document["moments"][0]["ref"]
    assert document["reframes"][0]["pinned"] is True
    assert len(document["reflections"]) == 1
    assert document["custom_choices"][0]["label"] == "Work deadline"
    assert document["settings"]["time_zone"] == "Europe/London"


def test_csv_export_has_a_row_per_record(owner_client, full_journal):
    response = owner_client.get("/journal/export.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["record"] for row in rows] == ["moment", "pause", "reframe", "reflection"]
    assert rows[0]["what_happened"] == "No reply all evening"


def test_import_round_trip_is_identical(owner_client, full_journal, client):
    document = export(owner_client)
    newcomer = UserFactory(username="carol")
    client.force_login(newcomer)
    upload = SimpleUploadedFile("journal.json", json.dumps(document).encode(), content_type="application/json")
    response = client.post("/journal/import/", {"file": upload, "confirm": "on"})
    assert response.status_code == 302
    assert export(client) == document


def test_import_rejects_a_wrong_file_and_changes_nothing(owner_client, full_journal):
    for content in (
        b"not json",
        json.dumps({"format": "other"}).encode(),
        json.dumps({"format": "secure-base-journal", "version": 1, "moments": [{"ref": 1}]}).encode(),
    ):
        upload = SimpleUploadedFile("journal.json", content, content_type="application/json")
        response = owner_client.post("/journal/import/", {"file": upload, "confirm": "on"})
        assert response.status_code == 200
        assert "Please check the form" in response.content.decode()
    assert TriggerLog.objects.filter(user=full_journal).count() == 1


def test_import_needs_confirmation(owner_client, full_journal):
    upload = SimpleUploadedFile("journal.json", json.dumps(export(owner_client)).encode())
    response = owner_client.post("/journal/import/", {"file": upload})
    assert response.status_code == 200
    assert TriggerLog.objects.filter(user=full_journal).count() == 1
