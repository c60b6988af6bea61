"""Everything a person wrote, out as JSON or CSV, streamed so a long journal never fills a worker's memory.

One table, SECTIONS, drives the download, the spreadsheet and bringing a download back (journal/importing.py).
The JSON holds no database ids: moments are numbered in the file (`ref`) and pauses and reframes point at those
numbers, so an export imported into a fresh account exports again to the same document.

Format versions: 1 (until November 2026) had no `reminders` and no `country`; 2 adds both; 3 adds
`secure_moments`. All three import. Since December 2026 a pause also carries its unsent message and choice and a
reframe its draft mark; files without them import as before (no message, not a draft).
"""

import csv
import json
from datetime import UTC, date, datetime, time
from typing import NamedTuple

from journal.models import (
    CustomChoice,
    LessonRead,
    LogTag,
    PauseSession,
    Reframe,
    SecureMoment,
    TriggerLog,
    UserSettings,
    WeeklyReflection,
)
from reminders.models import ReminderSettings

FORMAT = "secure-base-journal"
VERSION = 3
READABLE_VERSIONS = {1, 2, 3}
CHUNK = 2000  # rows read from the database at a time


class Section(NamedTuple):
    key: str  # its list in the JSON document
    record: str  # its `record` in the CSV ("" = not in the spreadsheet)
    model: type
    fields: list
    order: tuple
    tags: bool = False  # moments carry their sensations, emotions and what helped
    points_at_moment: bool = False  # pauses and reframes may belong to a moment: "moment" holds its ref


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
TAG_LISTS = ["sensations", "emotions", "helped"]
SECTIONS = [
    Section("custom_choices", "", CustomChoice, ["list_name", "label", "key"], ("list_name", "key")),
    Section("moments", "moment", TriggerLog, LOG_FIELDS, ("occurred_at", "id"), tags=True),
    Section(
        "pauses",
        "pause",
        PauseSession,
        ["minutes", "started_at", "ends_at", "finished_at", "intensity_before", "intensity_after", "urge_passed"]
        + ["what_i_did", "unsent_message", "unsent_choice"],
        ("started_at", "id"),
        points_at_moment=True,
    ),
    Section(
        "reframes",
        "reframe",
        Reframe,
        ["lesson_slug", "anxious_thought", "alternatives", "balanced_thought", "believability_before"]
        + ["believability_after", "script_instead", "script_try", "pinned", "is_draft", "created_at"],
        ("created_at", "id"),
        points_at_moment=True,
    ),
    Section(
        "reflections", "reflection", WeeklyReflection, ["week_start", "noticed", "helped", "intention"], ("week_start",)
    ),
    Section(
        "secure_moments",
        "secure_moment",
        SecureMoment,
        ["occurred_at", "what_happened", "what_helped"],
        ("occurred_at", "id"),
    ),
    Section("lessons_read", "", LessonRead, ["lesson_slug", "read_at"], ("lesson_slug",)),
]
SETTINGS_FIELDS = ["time_zone", "week_start", "default_pause_minutes", "country"]
REMINDER_FIELDS = [
    "daily_check_in",
    "check_in_at",
    "heads_up",
    "week_ready",
    "by_email",
    "quiet_from",
    "quiet_until",
]
# What a download leaves out on purpose: database ids and owners, keys that only stop double submissions, the
# lock PIN, bookkeeping the app recomputes. A test fails when a model gains a field that is in neither list.
NOT_EXPORTED = {
    CustomChoice: {"id", "user"},
    TriggerLog: {"id", "user", "idempotency_key", "created_at", "updated_at"},
    PauseSession: {"id", "user", "log", "idempotency_key", "current"},
    Reframe: {"id", "user", "log", "idempotency_key", "updated_at"},
    WeeklyReflection: {"id", "user", "updated_at"},
    SecureMoment: {"id", "user", "idempotency_key"},
    LessonRead: {"id", "user"},
    UserSettings: {"id", "user", "journal_changed_at", "lock_pin", "lock_after_minutes"},
    ReminderSettings: {"id", "user", "changed_at"},
}


def plain(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    return value


def row(obj, fields):
    return {name: plain(getattr(obj, name)) for name in fields}


def header(user):
    reminders = ReminderSettings.objects.filter(user=user).first() or ReminderSettings(user=user)
    return {
        "format": FORMAT,
        "version": VERSION,
        "settings": row(UserSettings.for_user(user), SETTINGS_FIELDS),
        "reminders": row(reminders, REMINDER_FIELDS),
    }


def section_rows(user, section, refs):
    """The section's items in file order; numbers moments in `refs` (database id -> ref) as it goes."""
    rows = section.model.objects.filter(user=user).order_by(*section.order).iterator(chunk_size=CHUNK)
    for chunk in chunked(rows, CHUNK):
        tags = tags_of(chunk) if section.tags else {}
        for obj in chunk:
            item = row(obj, section.fields)
            if section.tags:
                refs[obj.pk] = len(refs) + 1
                item = {"ref": refs[obj.pk], **item, **{name: tags.get((obj.pk, name), []) for name in TAG_LISTS}}
            if section.points_at_moment:
                item = {"moment": refs.get(obj.log_id), **item}
            yield item


def chunked(rows, size):
    chunk = []
    for obj in rows:
        chunk.append(obj)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def tags_of(logs):
    """{(moment id, "emotions"): sorted values} for a chunk of moments, in one query."""
    list_for_kind = {LogTag.Kind.SENSATION: "sensations", LogTag.Kind.EMOTION: "emotions", LogTag.Kind.HELPED: "helped"}
    tags = {}
    found = LogTag.objects.filter(log__in=[log.pk for log in logs]).order_by("value")
    for log_id, kind, value in found.values_list("log_id", "kind", "value"):
        tags.setdefault((log_id, list_for_kind[kind]), []).append(value)
    return tags


def json_chunks(user, batch=500):
    """The download, a piece at a time (`batch` rows to a piece), never all in memory."""
    opening = json.dumps(header(user), ensure_ascii=False, indent=1)
    yield opening[: opening.rindex("}")].rstrip()
    refs = {}
    for section in SECTIONS:
        yield f',\n "{section.key}": ['
        items, separator = [], ""
        for item in section_rows(user, section, refs):
            items.append(item)
            if len(items) == batch:
                yield separator + "\n  " + json.dumps(items, ensure_ascii=False, separators=(",", ":"))[1:-1]
                items, separator = [], ","
        if items:
            yield separator + "\n  " + json.dumps(items, ensure_ascii=False, separators=(",", ":"))[1:-1]
        yield "]"
    yield "\n}\n"


CSV_COLUMNS = [
    "record",
    "moment",
    *dict.fromkeys(
        name for section in SECTIONS if section.record for name in section.fields + (TAG_LISTS if section.tags else [])
    ),
]
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, list):
        value = "; ".join(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Line:
    def write(self, text):
        return text


def csv_lines(user):
    """One spreadsheet, a line at a time: a row per moment, pause, reframe, reflection and secure moment, `record`
    saying which."""
    writer = csv.DictWriter(_Line(), fieldnames=CSV_COLUMNS, extrasaction="ignore")
    yield writer.writeheader()
    refs = {}
    for section in SECTIONS:
        for item in section_rows(user, section, refs):
            if not section.record:
                continue
            cells = {name: safe_cell(value) for name, value in item.items()}
            cells["moment"] = item.get("ref", item.get("moment"))
            yield writer.writerow({**cells, "record": section.record})
