"""Each week's counts, kept between looks: opening the review reads one small row per week shown instead of
counting the person's whole history again, so its cost does not grow with the years they have kept a journal.

A week is counted the first time a review needs it, and kept in `WeekRollup`. `journal.signals` calls `refresh`
for any row that is saved or deleted: the kept week around it is thrown away at once and, when the change is
committed, counted again in the person's zone, so even the first look after logging a moment reads only kept rows.
Weeks nobody has looked at yet are left to be counted when someone does. `python manage.py rebuild_rollups` throws
every kept week away and counts each person's recent weeks again (older ones are counted when someone looks).
"""

from django.db import IntegrityError, transaction

from journal.models import UserSettings, WeekRollup
from journal.review.counts import count_weeks


def week_counts(user, weeks):
    """The counts of each of `weeks` (consecutive, oldest first, one zone): kept ones read in one query, the rest
    counted — one run of grouped queries per run of weeks not kept — and kept for next time."""
    zone = weeks[0].zone.key
    kept = dict(
        WeekRollup.objects.filter(
            user=user, time_zone=zone, starts_at__gte=weeks[0].starts_at, starts_at__lte=weeks[-1].starts_at
        ).values_list("starts_at", "counts")
    )
    counts = [kept.get(week.starts_at) for week in weeks]
    if None in counts:
        seen_change = _journal_changed_at(user)
        new = []
        for first, last in _runs_missing(counts):
            counted = count_weeks(user, weeks[first:last])
            counts[first:last] = counted
            new += [
                WeekRollup(user=user, time_zone=zone, starts_at=week.starts_at, ends_at=week.ends_at, counts=one_week)
                for week, one_week in zip(weeks[first:last], counted, strict=True)
            ]
        _keep(user, new, seen_change)
    return counts


def _runs_missing(counts):
    """(first, last + 1) of each run of consecutive weeks with no kept counts."""
    runs, first = [], None
    for index, kept in enumerate([*counts, True]):
        if kept is None and first is None:
            first = index
        elif kept is not None and first is not None:
            runs.append((first, index))
            first = None
    return runs


def _journal_changed_at(user):
    return UserSettings.objects.filter(user=user).values_list("journal_changed_at", flat=True).first()


def _keep(user, rollups, seen_change):
    """Keep what was counted, unless the journal changed while it was being counted (another device saved a moment
    in between): then those counts may already be out of date, and the next look counts again."""
    if _journal_changed_at(user) != seen_change:
        return
    try:
        with transaction.atomic():
            WeekRollup.objects.bulk_create(rollups, ignore_conflicts=True)
    except IntegrityError:  # the person was deleted meanwhile
        pass


def refresh(user_id, *instants):
    """Throw away this person's kept weeks that hold any of `instants`, in every zone they were counted in, and once
    the change is committed count those weeks again in the person's zone. A failed count is logged, not raised: the
    change is saved either way, and the next look counts the week."""
    forgotten = [instant for instant in dict.fromkeys(instants) if instant is not None and _forget(user_id, instant)]
    if forgotten:
        transaction.on_commit(lambda: _count_again(user_id, forgotten), robust=True)


def _forget(user_id, instant):
    deleted, _ = WeekRollup.objects.covering(user_id, instant).delete()
    return deleted


def _count_again(user_id, instants):
    person = UserSettings.objects.select_related("user").filter(user_id=user_id).first()
    if person is None:  # the account went with the change
        return
    weeks = {week.starts_at: week for week in map(person.week_containing, instants)}
    for week in weeks.values():
        week_counts(person.user, [week])


def forget_all(user_id):
    WeekRollup.objects.filter(user_id=user_id).delete()


def rebuild(user_settings, weeks):
    """Forget everything kept for this person and count their last `weeks` weeks again, up to this one."""
    forget_all(user_settings.user_id)
    current = user_settings.current_week()
    return week_counts(user_settings.user, [current.shifted(-k) for k in range(weeks - 1, -1, -1)])
