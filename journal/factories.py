"""factory-boy factories for journal data, used by the tests and by `manage.py seed_demo`."""

import random
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from journal import models
from journal.choices import ActedOn, TriggerKind, Urge, UrgePassed


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("a quiet harbour 42")


class UserSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.UserSettings
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    time_zone = "Europe/London"


class TriggerLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TriggerLog

    user = factory.SubFactory(UserFactory)
    occurred_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    trigger_kind = factory.Iterator(TriggerKind.values)
    intensity = factory.LazyFunction(lambda: random.randint(3, 9))
    urge = factory.Iterator(Urge.values)
    what_happened = "No reply since lunch."
    acted_on = ActedOn.NOT_YET


class PauseSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PauseSession

    user = factory.SubFactory(UserFactory)
    log = None
    minutes = 20
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=30))
    ends_at = factory.LazyAttribute(lambda pause: pause.started_at + timedelta(minutes=pause.minutes))

    class Params:
        finished = factory.Trait(
            finished_at=factory.LazyAttribute(lambda pause: pause.ends_at),
            intensity_before=7,
            intensity_after=3,
            urge_passed=UrgePassed.YES,
        )


class ReframeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Reframe

    user = factory.SubFactory(UserFactory)
    anxious_thought = "They haven't replied, so they're losing interest."
    alternatives = "They could be busy at work or driving."
    balanced_thought = "A slow reply usually means a busy day, not a change of heart."
    believability_before = 80
    believability_after = 40


class WeeklyReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.WeeklyReflection

    user = factory.SubFactory(UserFactory)
    week_start = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=timezone.localdate().weekday()))
    noticed = "Evenings are harder."


class SecureMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SecureMoment

    user = factory.SubFactory(UserFactory)
    occurred_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))
    what_happened = "They were late and I trusted it was traffic."
    what_helped = "Remembering how often they have shown up."


class CustomChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CustomChoice

    user = factory.SubFactory(UserFactory)
    list_name = models.CustomChoice.ListName.TRIGGER
    label = factory.Sequence(lambda n: f"Work deadline {n}")
