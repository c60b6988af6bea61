"""Bringing a download back: every row checked before anything changes, then written in short batches.

Rows are checked one by one (a row must be a set of named values, each of the kind its field holds), so a file
nested more deeply than a download is refused there, and one nested beyond the parser's reach when it is read.
Nothing in the file decides whose rows these are or which ids they get. If any row is refused, nothing changes
and the person sees which rows and why (never the text itself). Writing happens in transactions of BATCH rows,
so a long journal never holds the database for long while other people are writing.
"""

import gc
import json
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import cached_property

from attachment_app.crisis_lines import crisis_lines
from journal.bulk_insert import insert
from journal.choices import TriggerKind, Urge
from journal.models import LogTag, UserSettings
from journal.portability import FORMAT, READABLE_VERSIONS, REMINDER_FIELDS, SECTIONS, SETTINGS_FIELDS, TAG_LISTS
from journal.signals import many_changes
from reminders.models import ReminderSettings

MAX_BYTES = 64 * 1024 * 1024
BATCH = 1000
SHOWN_PROBLEMS = 20
TAG_KINDS = {"sensations": LogTag.Kind.SENSATION, "emotions": LogTag.Kind.EMOTION, "helped": LogTag.Kind.HELPED}
ALLOWED_TAGS = {name: frozenset(LogTag.CHOICES[kind].values) for name, kind in TAG_KINDS.items()}
BUILT_IN = {TriggerKind: frozenset(TriggerKind.values), Urge: frozenset(Urge.values)}
NOT_CHECKED_HERE = ["user", "log", "idempotency_key"]


class ImportProblem(ValueError):
    """The file can't be used; `problems` lists the rows refused, if that was the reason."""

    def __init__(self, message, problems=()):
        super().__init__(message)
        self.problems = list(problems)


def read_document(upload):
    if upload.size > MAX_BYTES:
        raise ImportProblem(f"This file is larger than {MAX_BYTES // 1024 // 1024} MB, too large to be a download.")
    try:
        with no_garbage_collection():
            return json.loads(upload.read().decode("utf-8"))
    except RecursionError as error:  # thousands of brackets inside each other: Python's parser gives up
        raise ImportProblem("This file is nested more deeply than a Secure Base download ever is.") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportProblem("This file is not a JSON download from Secure Base.") from error


def import_journal(user, document):
    """Replace the person's journal with `document`; returns {section: rows}. ImportProblem changes nothing."""
    with no_garbage_collection():
        plan = Plan(user, document)
        if plan.problems:
            raise ImportProblem("Some rows could not be used, so nothing was changed.", plan.problems)
        return plan.write()


@contextmanager
def no_garbage_collection():
    """A long journal is 100,000+ objects that all live until the end: Python's collector would scan them again
    and again (half the time of a big import) and free nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Plan:
    """Every row of the file as an unsaved object, or a reason it can't be one."""

    def __init__(self, user, document):
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise ImportProblem("This file is not a Secure Base journal download.")
        if document.get("version") not in READABLE_VERSIONS:
            raise ImportProblem("This download comes from a newer Secure Base. It can't be read here yet.")
        self.user, self.document, self.problems = user, document, []
        self.settings = self.checked_settings(UserSettings.for_user(user), "settings", SETTINGS_FIELDS)
        reminders = ReminderSettings.objects.filter(user=user).first() or ReminderSettings(user=user)
        self.reminders = self.checked_settings(reminders, "reminders", REMINDER_FIELDS)
        self.custom_keys = set()
        self.rows = {}
        for section in SECTIONS:  # in order: pauses and reframes check against the moments before them
            self.rows[section.key] = self.checked_section(section)

    def refuse(self, where, why):
        self.problems.append(f"{where}: {why}")

    def items(self, key):
        items = self.document.get(key, [])
        if not isinstance(items, list):
            self.refuse(key, "should be a list")
            return []
        return items

    def checked_settings(self, current, key, names):
        given = self.document.get(key) or {}
        if not isinstance(given, dict):
            self.refuse(key, "should be a set of named values")
            return current
        try:
            for name in names:  # anything else in the file (an id, a user) is ignored
                if name in given:
                    setattr(current, name, parsed(current._meta.get_field(name), given[name]))
            current.full_clean(exclude=["user"], validate_unique=False)
        except (ValidationError, TypeError, ValueError, OverflowError) as error:
            self.refuse(key, what_is_wrong(error))
        if key == "settings" and current.country and not crisis_lines().get(current.country):
            self.refuse(key, "the country is not one we know")
        return current

    def checked_section(self, section):
        objects, seen = [], set()
        for number, item in enumerate(self.items(section.key), start=1):
            where = f"{section.key.replace('_', ' ')}, row {number}"
            if not isinstance(item, dict):
                self.refuse(where, "is not a row")
                continue
            try:
                values = {
                    name: parsed(section.model._meta.get_field(name), item[name])
                    for name in section.fields
                    if name in item
                }
                obj = section.model(user_id=self.user.pk, **values)
                if section.key == "pauses" and obj.ends_at is None and obj.started_at and isinstance(obj.minutes, int):
                    obj.ends_at = obj.started_at + timedelta(minutes=obj.minutes)
                obj.full_clean(exclude=NOT_CHECKED_HERE, validate_unique=False, validate_constraints=False)
            except (ValidationError, TypeError, ValueError, OverflowError) as error:
                self.refuse(where, what_is_wrong(error))
                continue
            identity = self.identity(section, obj, item)
            if identity in seen:
                self.refuse(where, "appears twice")
                continue
            seen.add(identity)
            problem = self.check_links(section, obj, item)
            if problem:
                self.refuse(where, problem)
                continue
            objects.append((obj, item))
        return objects

    def identity(self, section, obj, item):
        if section.key == "custom_choices":
            self.custom_keys.add(obj.key)
            return (obj.list_name, obj.key)
        if section.tags:
            return ("ref", item.get("ref"))
        if section.key == "reflections":
            return obj.week_start
        if section.key == "lessons_read":
            return obj.lesson_slug
        return id(obj)

    def check_links(self, section, obj, item):
        if section.key == "custom_choices" and not obj.key.startswith("my-"):
            return "its key should start with my-"
        if section.tags:
            if not isinstance(item.get("ref"), int) or isinstance(item.get("ref"), bool):
                return "has no moment number"
            if not self.known_choice(obj.trigger_kind, TriggerKind) or (
                obj.urge and not self.known_choice(obj.urge, Urge)
            ):
                return "names a trigger or urge we don't know"
            for name in TAG_LISTS:
                values = item.get(name, [])
                if not isinstance(values, list) or not all(
                    isinstance(value, str) and value in ALLOWED_TAGS[name] for value in values
                ):
                    return f"lists {name} we don't know"
        if section.points_at_moment:
            moment = item.get("moment")
            if moment is not None and moment not in self.moment_refs:
                return "points at a moment that isn't in the file"
        return ""

    @cached_property
    def moment_refs(self):
        return {item["ref"] for _, item in self.rows["moments"]}

    def known_choice(self, value, choices):
        return value in BUILT_IN[choices] or value in self.custom_keys or value.startswith("my-")

    def write(self):
        """Out with the old journal, in with the file's, a batch at a time (the journal is marked changed once)."""
        with many_changes(self.user.pk):
            return self.replace_everything()

    def replace_everything(self):
        with transaction.atomic():
            for section in reversed(SECTIONS):
                section.model.objects.filter(user=self.user).delete()
            self.settings.save()
            self.reminders.save()
        counts, log_for_ref = {}, {}
        for section in SECTIONS:
            pairs = self.rows[section.key]
            for start in range(0, len(pairs), BATCH):
                with transaction.atomic():
                    self.write_batch(section, pairs[start : start + BATCH], log_for_ref)
            counts[section.key] = len(pairs)
        return counts

    def write_batch(self, section, pairs, log_for_ref):
        objects = [obj for obj, _ in pairs]
        for obj, item in pairs:
            if section.points_at_moment:
                obj.log_id = log_for_ref.get(item.get("moment"))
        insert(section.model, objects)
        if section.tags:
            for log, item in pairs:
                log_for_ref[item["ref"]] = log.pk
            tags = [
                LogTag(log_id=log.pk, kind=TAG_KINDS[name], value=value)
                for log, item in pairs
                for name in TAG_LISTS
                for value in item.get(name, [])
            ]
            insert(LogTag, tags)


def parsed(field, value):
    """A value from the JSON as the field holds it: times and dates from their ISO text; never a list or a set."""
    if isinstance(value, (list, dict)):
        raise TypeError(f"{field.name} holds one value")
    if value is None or not isinstance(value, str):
        return value
    internal = field.get_internal_type()
    if internal == "DateTimeField":
        moment = datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if internal == "DateField":
        return date.fromisoformat(value)
    if internal == "TimeField":
        return time.fromisoformat(value)
    return value


def what_is_wrong(error):
    """Which fields were wrong, in words that never repeat the value itself (it may be journal text)."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return "check " + ", ".join(name.replace("_", " ") for name in error.error_dict)
    return "has a value of the wrong kind"
