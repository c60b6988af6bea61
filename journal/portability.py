"""Everything a person wrote, out as JSON or CSV and back in from JSON.

The JSON holds no database ids: moments are numbered in the file (`ref`) and pauses and reframes point at
those numbers, so an export imported into a fresh account exports again to the same document.
"""

import csv
import io
from datetime import UTC, date, datetime

from django.db import transaction

from journal.models import (
    CustomChoice,
    LessonRead,
    LogTag,
    PauseSession,
    Reframe,
    TriggerLog,
    UserSettings,
    WeeklyReflection,
)

FORMAT = "secure-base-journal"
VERSION = 1

LOG_FIELDS = [
    "occurred_at",
    "trigger_kind",
    "intensity",
    "urge",
    "what_happened",
    "story",
    "urge_strength",
    "acted_on",
    "intensity_after",
    "notes",
]
PAUSE_FIELDS = [
    "minutes",
    "started_at",
    "ends_at",
    "finished_at",
    "intensity_before",
    "intensity_after",
    "urge_passed",
    "what_i_did",
]
REFRAME_FIELDS = [
    "lesson_slug",
    "anxious_thought",
    "alternatives",
    "balanced_thought",
    "believability_before",
    "believability_after",
    "script_instead",
    "script_try",
    "pinned",
    "created_at",
]
REFLECTION_FIELDS = ["week_start", "noticed", "helped", "intention"]
DATETIME_FIELDS = {"occurred_at", "started_at", "ends_at", "finished_at", "created_at", "read_at"}


class ImportProblem(ValueError):
    pass


def _plain(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _row(obj, fields):
    return {name: _plain(getattr(obj, name)) for name in fields}


def export_data(user):
    settings = UserSettings.for_user(user)
    logs = list(TriggerLog.objects.for_user(user).order_by("occurred_at", "id").prefetch_related("tags"))
    ref_for = {log.pk: n for n, log in enumerate(logs, start=1)}
    return {
        "format": FORMAT,
        "version": VERSION,
        "settings": _row(settings, ["time_zone", "week_start", "default_pause_minutes"]),
        "custom_choices": [
            _row(c, ["list_name", "label", "key"])
            for c in CustomChoice.objects.for_user(user).order_by("list_name", "key")
        ],
        "moments": [
            {
                "ref": ref_for[log.pk],
                **_row(log, LOG_FIELDS),
                "sensations": sorted(log.sensations),
                "emotions": sorted(log.emotions),
                "helped": sorted(log.helped),
            }
            for log in logs
        ],
        "pauses": [
            {"moment": ref_for.get(p.log_id), **_row(p, PAUSE_FIELDS)}
            for p in PauseSession.objects.for_user(user).order_by("started_at", "id")
        ],
        "reframes": [
            {"moment": ref_for.get(r.log_id), **_row(r, REFRAME_FIELDS)}
            for r in Reframe.objects.for_user(user).order_by("created_at", "id")
        ],
        "reflections": [
            _row(r, REFLECTION_FIELDS) for r in WeeklyReflection.objects.for_user(user).order_by("week_start")
        ],
        "lessons_read": [
            _row(r, ["lesson_slug", "read_at"]) for r in LessonRead.objects.filter(user=user).order_by("lesson_slug")
        ],
    }


def _fields(item, fields):
    values = {}
    for name in fields:
        value = item.get(name)
        if name in DATETIME_FIELDS and value:
            value = datetime.fromisoformat(value)
        if name == "week_start" and value:
            value = date.fromisoformat(value)
        if value is not None:
            values[name] = value
    return values


def _validated(model, user, **values):
    obj = model(user=user, **values)
    obj.full_clean(exclude=["user", "log", "idempotency_key"])
    return obj


@transaction.atomic
def import_data(user, document):
    """Replace the user's journal with `document`, an export; ImportProblem (and nothing saved) if it is not one."""
    if not isinstance(document, dict) or document.get("format") != FORMAT or document.get("version") != VERSION:
        raise ImportProblem("This file is not a Secure Base journal download.")
    try:
        for model in (TriggerLog, PauseSession, Reframe, WeeklyReflection, CustomChoice, LessonRead):
            model.objects.filter(user=user).delete()
        settings = UserSettings.for_user(user)
        for name, value in (document.get("settings") or {}).items():
            setattr(settings, name, value)
        settings.full_clean(exclude=["user"])
        settings.save()
        for item in document.get("custom_choices", []):
            _validated(CustomChoice, user, **_fields(item, ["list_name", "label", "key"])).save()
        logs = {}
        for item in document.get("moments", []):
            log = _validated(TriggerLog, user, **_fields(item, LOG_FIELDS))
            log.save()
            logs[item["ref"]] = log
            LogTag.objects.bulk_create(
                LogTag(log=log, kind=kind, value=value)
                for kind, key in (
                    (LogTag.Kind.SENSATION, "sensations"),
                    (LogTag.Kind.EMOTION, "emotions"),
                    (LogTag.Kind.HELPED, "helped"),
                )
                for value in item.get(key, [])
            )
        for item in document.get("pauses", []):
            _validated(PauseSession, user, log=logs.get(item.get("moment")), **_fields(item, PAUSE_FIELDS)).save()
        for item in document.get("reframes", []):
            _validated(Reframe, user, log=logs.get(item.get("moment")), **_fields(item, REFRAME_FIELDS)).save()
        for item in document.get("reflections", []):
            _validated(WeeklyReflection, user, **_fields(item, REFLECTION_FIELDS)).save()
        for item in document.get("lessons_read", []):
            LessonRead.objects.create(user=user, **_fields(item, ["lesson_slug", "read_at"]))
        UserSettings.mark_changed(user.pk)
    except ImportProblem:
        raise
    except Exception as error:  # noqa: BLE001  (any malformed part; the transaction saves nothing)
        raise ImportProblem(
            "Part of this file could not be read, so nothing was changed. Is it an unedited Secure Base download?"
        ) from error


CSV_COLUMNS = [
    "record",
    "moment",
    *dict.fromkeys(
        LOG_FIELDS + ["sensations", "emotions", "helped"] + PAUSE_FIELDS + REFRAME_FIELDS + REFLECTION_FIELDS
    ),
]


def export_csv(user):
    """One spreadsheet: a row per moment, pause, reframe and weekly reflection, `record` saying which."""
    document = export_data(user)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for record, key in (
        ("moment", "moments"),
        ("pause", "pauses"),
        ("reframe", "reframes"),
        ("reflection", "reflections"),
    ):
        for item in document[key]:
            row = {name: "; ".join(value) if isinstance(value, list) else value for name, value in item.items()}
            row["moment"] = item.get("ref", item.get("moment"))
            writer.writerow({"record": record, **row})
    return buffer.getvalue()
