"""The demo account is built from a fixed seed, chosen because its weeks show the pattern plainly (see seed_demo):
it must come out the same on every machine and every run, so a change to it is one someone meant to make."""

import hashlib
import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import call_command

from journal.models import CustomChoice, LogTag, PauseSession, Reframe, SecureMoment, TriggerLog, WeeklyReflection

pytestmark = pytest.mark.django_db
A_MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)

WHAT_IS_SHOWN = {
    TriggerLog: [
        "occurred_at", "trigger_kind", "intensity", "urge", "what_happened", "acted_on", "intensity_after",
        "urge_strength",
    ],
    LogTag: ["log__occurred_at", "kind", "value"],
    PauseSession: [
        "log__occurred_at", "minutes", "started_at", "ends_at", "finished_at", "intensity_before", "intensity_after",
        "urge_passed", "what_i_did",
    ],
    Reframe: ["anxious_thought", "balanced_thought", "pinned", "believability_before", "believability_after"],
    SecureMoment: ["occurred_at", "what_happened", "what_helped"],
    WeeklyReflection: ["week_start", "noticed", "helped", "intention"],
    CustomChoice: ["list_name", "label"],
}  # fmt: skip


def demo_rows():
    return {
        model.__name__: sorted(map(repr, model.objects.filter(user__username="demo").values_list(*fields)))
        if model is not LogTag
        else sorted(map(repr, LogTag.objects.filter(log__user__username="demo").values_list(*fields)))
        for model, fields in WHAT_IS_SHOWN.items()
    }


def fingerprint(rows):
    return hashlib.sha256(repr(sorted(rows.items())).encode()).hexdigest()[:16]


def test_the_demo_is_the_same_every_time_it_is_built():
    with time_machine.travel(A_MONDAY_MORNING, tick=False):
        call_command("seed_demo", stdout=io.StringIO())
        first = demo_rows()
        call_command("seed_demo", stdout=io.StringIO())
        assert demo_rows() == first
    assert {name: len(rows) for name, rows in first.items()} == {
        "TriggerLog": 85,
        "LogTag": 317,
        "PauseSession": 51,
        "Reframe": 5,
        "SecureMoment": 14,
        "WeeklyReflection": 2,
        "CustomChoice": 1,
    }
    assert fingerprint(first) == "2659b0da3cd464fb", "the demo changed: if on purpose, check its review, then update"
