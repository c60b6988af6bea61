"""A demo account with twelve realistic weeks, so a newcomer sees a full weekly review at once.

The pattern in it: most moments come in the evening and at weekends, most often after a slow reply, and
pauses mostly work. Running the command again rebuilds the same account.
"""

import random
from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from journal.choices import ActedOn, UrgePassed
from journal.factories import (
    CustomChoiceFactory,
    PauseSessionFactory,
    ReframeFactory,
    SecureMomentFactory,
    TriggerLogFactory,
    UserFactory,
    UserSettingsFactory,
    WeeklyReflectionFactory,
)
from journal.models import LogTag
from journal.weeks import Week

USERNAME = "demo"
PASSWORD = "demo-password-123"
ZONE = "Europe/London"
WEEKS = 12
SEED = 2022  # chosen so the last full week shows the pattern plainly (weeks before this one never change)

# (trigger, weight in the evening, weight at other times, the urges it tends to bring)
TRIGGERS = [
    ("slow_reply", 12, 4, ["text_again", "seek_reassurance", "check_their_phone"]),
    ("seemed_distant", 3, 3, ["seek_reassurance", "over_explain", "pull_away"]),
    ("plans_changed", 2, 3, ["pick_a_fight", "text_again"]),
    ("asked_for_space", 2, 2, ["pull_away", "seek_reassurance"]),
    ("social_media", 2, 1, ["check_their_phone", "make_jealous"]),
    ("my-work-drinks", 1, 1, ["text_again"]),
    ("unresolved_argument", 1, 2, ["over_explain", "give_in"]),
]
WHAT_HAPPENED = {
    "slow_reply": ["No reply since lunch.", "Read my message, no answer.", "Two hours and nothing."],
    "seemed_distant": ["Short answers at dinner.", "Quiet on the phone tonight."],
    "plans_changed": ["They moved our Saturday plans.", "Cancelled the film tonight."],
    "asked_for_space": ["Said they needed an evening alone."],
    "social_media": ["Saw them online but not replying."],
    "my-work-drinks": ["They went to work drinks without me."],
    "unresolved_argument": ["We went to bed without making up."],
}
# (value, weight): the body and the feelings have their favourites too.
SENSATIONS = [("tight_chest", 5), ("stomach_knot", 4), ("racing_heart", 3), ("shallow_breath", 2), ("tense_jaw", 1)]
EMOTIONS = [("fear", 6), ("loneliness", 4), ("hurt", 3), ("sadness", 2), ("anger", 1), ("shame", 1)]
# (what helped, how many points it usually takes off the intensity)
HELPED = [
    ("moved", 3),
    ("slow_breathing", 3),
    ("called_a_friend", 2),
    ("grounding", 2),
    ("wrote_it_down", 2),
    ("kind_words", 1),
    ("waited", 1),
]
REFRAMES = [
    (
        "They haven't replied, so they're losing interest.",
        "They are at work. A slow reply is about their day, not about me.",
        True,
    ),
    (
        "If they wanted to see me they wouldn't cancel.",
        "Plans change. They suggested another day, which shows they want to see me.",
        True,
    ),
    (
        "Needing space means they're pulling away for good.",
        "People need time alone to recharge. It is not a verdict on us.",
        True,
    ),
    ("I'm too much for them.", "My needs are normal. I can ask for them kindly.", False),
    ("They were quiet, so something is wrong between us.", "Quiet can mean tired. I can ask how their day was.", False),
]


def demo_moment_time(rng, day, zone):
    """Mostly evenings, Sunday evenings most of all; some afternoons, a few mornings and late nights."""
    hours = [8, 13, 16, 19, 20, 21, 22, 23, 0]
    weights = [1, 1, 1, 3, 5, 6, 5, 2, 1] if day.weekday() == 6 else [1, 2, 2, 3, 4, 4, 3, 2, 1]
    hour = rng.choices(hours, weights=weights)[0]
    return datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=zone)


def moments_on(rng, day):
    """Fewer on weekdays, more at the weekend, most on Sundays."""
    if day.weekday() == 6:
        return rng.choices([1, 2, 3], weights=[3, 4, 2])[0]
    if day.weekday() == 5:
        return rng.choices([0, 1, 2], weights=[1, 4, 3])[0]
    return rng.choices([0, 1, 2], weights=[4, 4, 2])[0]


def weighted_sample(rng, choices, k):
    """`k` different values from (value, weight) pairs, heavier ones more likely."""
    values, weights = [value for value, _ in choices], [weight for _, weight in choices]
    picked = []
    while len(picked) < k:
        value = rng.choices(values, weights=weights)[0]
        if value not in picked:
            picked.append(value)
    return picked


SECURE_MOMENTS = [
    ("They replied late and I didn't send a second message. I trusted it.", "Remembering they always reply in the end"),
    ("Asked for a call instead of hinting. They said yes.", "Saying what I need, plainly"),
    ("Spent a whole evening with friends without checking my phone.", "Leaving the phone in my bag"),
    ("Said no to plans I didn't want, and nothing bad happened.", ""),
    ("Felt close and calm on our walk.", "Slowing down"),
    ("Noticed the old fear on Sunday and let it be there without acting.", "A 20-minute pause"),
]


def add_secure_moments(user, first, zone, now):
    """A few secure moments a week, more as the weeks go on: the bright side the review shows."""
    rng = random.Random(SEED + 1)  # its own sequence, so the moments above stay as they were
    for offset in range(WEEKS):
        week = first.shifted(offset)
        for _ in range(rng.randint(0, 1) + offset * 3 // WEEKS):
            day = week.start + timedelta(days=rng.randrange(7))
            occurred_at = datetime.combine(day, time(rng.randint(9, 21), rng.randrange(60)), tzinfo=zone)
            if occurred_at < now:
                what_happened, what_helped = rng.choice(SECURE_MOMENTS)
                SecureMomentFactory(
                    user=user, occurred_at=occurred_at, what_happened=what_happened, what_helped=what_helped
                )


class Command(BaseCommand):
    help = "Create (or rebuild) the demo user with twelve weeks of journal data."

    @transaction.atomic
    def handle(self, *args, **options):
        rng = random.Random(SEED)
        UserFactory._meta.model.objects.filter(username=USERNAME).delete()
        user = UserFactory(username=USERNAME, email="demo@example.org", password=PASSWORD)
        settings = UserSettingsFactory(user=user, time_zone=ZONE)
        zone = settings.zone
        CustomChoiceFactory(user=user, label="Work drinks")
        now = timezone.now()
        first = Week.current(zone).shifted(-(WEEKS - 1))
        logs = 0
        for offset in range(WEEKS):
            week = first.shifted(offset)
            calmer = offset / WEEKS  # later weeks are a little calmer: the work shows
            for day in week.days:
                for index in range(moments_on(rng, day)):
                    # Their partner goes quiet on Sunday evenings: the pattern the review should make plain.
                    quiet_sunday = day.weekday() == 6 and index == 0
                    if quiet_sunday:
                        occurred_at = datetime.combine(day, time(rng.randint(19, 21), rng.randrange(60)), tzinfo=zone)
                    else:
                        occurred_at = demo_moment_time(rng, day, zone)
                    if occurred_at >= now:
                        continue
                    self.add_moment(rng, user, occurred_at, calmer, kind="slow_reply" if quiet_sunday else None)
                    logs += 1
            if offset in (WEEKS - 3, WEEKS - 2):
                WeeklyReflectionFactory(
                    user=user,
                    week_start=week.start,
                    noticed="Sunday evenings are the hardest, especially when messages are slow.",
                    helped="Going for a walk before replying. The pause helps more than I expected.",
                    intention="Start a pause before sending a second message.",
                )
        add_secure_moments(user, first, zone, now)
        for index, (anxious, balanced, pinned) in enumerate(REFRAMES):
            ReframeFactory(
                user=user,
                anxious_thought=anxious,
                balanced_thought=balanced,
                pinned=pinned,
                lesson_slug="reframing-fear-of-abandonment",
                believability_before=rng.randint(70, 95),
                believability_after=rng.randint(25, 50),
                created_at=now - timedelta(days=7 * index + 2),
            )
        self.stdout.write(
            self.style.SUCCESS(f"Demo account ready: {logs} moments over {WEEKS} weeks.")
            + f"\nSign in at /accounts/login/ as {USERNAME} / {PASSWORD}"
        )

    def add_moment(self, rng, user, occurred_at, calmer, kind=None):
        evening = occurred_at.hour >= 19 or occurred_at.hour < 1
        trigger = rng.choices(TRIGGERS, weights=[t[1] if evening else t[2] for t in TRIGGERS])[0]
        if kind:
            trigger = next(t for t in TRIGGERS if t[0] == kind)
        kind, *_, urges = trigger
        intensity = max(2, min(10, round(rng.gauss(7 - 1.5 * calmer, 1.5))))
        paused = rng.random() < 0.55 + 0.2 * calmer and occurred_at < timezone.now() - timedelta(hours=1)
        helped = weighted_sample(rng, [(value, 6 - rank) for rank, (value, _) in enumerate(HELPED)], rng.randint(1, 2))
        relief = max(dict(HELPED)[value] for value in helped)
        after = max(0, intensity - relief - rng.randint(0, 3)) if paused else None
        urge_passed = rng.choices([UrgePassed.YES, UrgePassed.PARTLY, UrgePassed.NO], weights=[15, 3, 2])[0]
        if paused:
            acted_on = ActedOn.NO if urge_passed == UrgePassed.YES else rng.choice([ActedOn.PARTLY, ActedOn.YES])
        else:
            acted_on = rng.choices([ActedOn.YES, ActedOn.PARTLY, ActedOn.NO, ActedOn.NOT_YET], weights=[4, 2, 3, 1])[0]
        log = TriggerLogFactory(
            user=user,
            occurred_at=occurred_at,
            trigger_kind=kind,
            intensity=intensity,
            urge=rng.choice(urges),
            what_happened=rng.choice(WHAT_HAPPENED[kind]),
            acted_on=acted_on,
            intensity_after=after,
            urge_strength=max(0, intensity - rng.randint(0, 2)),
        )
        tags = [
            LogTag(log=log, kind=LogTag.Kind.SENSATION, value=value)
            for value in weighted_sample(rng, SENSATIONS, rng.randint(1, 2))
        ]
        tags += [
            LogTag(log=log, kind=LogTag.Kind.EMOTION, value=value)
            for value in weighted_sample(rng, EMOTIONS, rng.randint(1, 2))
        ]
        if paused:
            tags += [LogTag(log=log, kind=LogTag.Kind.HELPED, value=value) for value in helped]
            started = occurred_at + timedelta(minutes=rng.randint(1, 8))
            minutes = rng.choice([10, 20, 20, 20, 30])
            PauseSessionFactory(
                user=user,
                log=log,
                minutes=minutes,
                started_at=started,
                ends_at=started + timedelta(minutes=minutes),
                finished_at=started + timedelta(minutes=minutes if rng.random() < 0.8 else minutes // 2),
                intensity_before=intensity,
                intensity_after=after,
                urge_passed=urge_passed,
                what_i_did=rng.choice(["Walked round the block", "Breathing and a cup of tea", "Wrote it down", ""]),
            )
        LogTag.objects.bulk_create(tags)
