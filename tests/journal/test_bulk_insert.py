"""Bringing a download back writes rows many at a time (`journal.bulk_insert`); they must be ordinary saved rows."""

import uuid

import pytest
from django.db import connection

from journal.bulk_insert import insert
from journal.factories import TriggerLogFactory
from journal.models import TriggerLog

pytestmark = pytest.mark.django_db


def test_rows_written_together_are_known_to_be_saved(owner):
    log = TriggerLogFactory.build(user=owner, idempotency_key=uuid.uuid4())
    insert(TriggerLog, [log])
    # A row still marked "being added" would find itself as a duplicate of its own submission.
    log.validate_constraints()
    assert TriggerLog.objects.get(pk=log.pk).idempotency_key == log.idempotency_key


def test_more_rows_than_one_statement_holds_each_get_their_own_id(owner, monkeypatch):
    fields_per_row = len([field for field in TriggerLog._meta.concrete_fields if not field.primary_key])
    monkeypatch.setattr(connection.features, "max_query_params", fields_per_row * 2)
    logs = [TriggerLogFactory.build(user=owner, what_happened=f"moment {n}") for n in range(5)]
    insert(TriggerLog, logs)
    assert {log.pk: log.what_happened for log in logs} == dict(TriggerLog.objects.values_list("pk", "what_happened"))
    assert len({log.pk for log in logs}) == 5
