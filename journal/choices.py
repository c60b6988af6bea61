"""Every choice list in the journal, defined once, each choice beside the lesson that explains it.

Trigger kinds come from the "common triggers" lesson, urges from "protest behaviours", body sensations from
"the nervous system's alarm", emotions from "what it feels like from the inside" and soothing actions from
"self-soothing". A few choices are explained better by another lesson; `LESSON_FOR` says which.
"""

from django.db import models


class TriggerKind(models.TextChoices):
    SLOW_REPLY = "slow_reply", "Slow or no reply"
    PLANS_CHANGED = "plans_changed", "Plans changed"
    ASKED_FOR_SPACE = "asked_for_space", "They wanted space"
    SEEMED_DISTANT = "seemed_distant", "They seemed distant"
    UNRESOLVED_ARGUMENT = "unresolved_argument", "Argument left open"
    SOCIAL_MEDIA = "social_media", "Social media"
    PAST_PARTNERS = "past_partners", "An ex came up"
    LEFT_OUT = "left_out", "Left out or compared"
    MILESTONE = "milestone", "A step closer"
    THEIR_STRESS = "their_stress", "Their stress"
    TIME_APART = "time_apart", "Time apart or goodbye"
    CRITICISED = "criticised", "Felt criticised"


class Urge(models.TextChoices):
    TEXT_AGAIN = "text_again", "Text or call again"
    CHECK_THEIR_PHONE = "check_their_phone", "Check their phone or profile"
    PULL_AWAY = "pull_away", "Pull away to test them"
    PICK_A_FIGHT = "pick_a_fight", "Pick a fight"
    SEEK_REASSURANCE = "seek_reassurance", "Ask for reassurance"
    THREATEN_TO_LEAVE = "threaten_to_leave", "Threaten to leave"
    OVER_EXPLAIN = "over_explain", "Over-explain or apologise"
    GIVE_IN = "give_in", "Give in to keep the peace"
    MAKE_JEALOUS = "make_jealous", "Make them jealous"
    KEEP_SCORE = "keep_score", "Ignore them back"


class BodySensation(models.TextChoices):
    TIGHT_CHEST = "tight_chest", "Tight chest"
    RACING_HEART = "racing_heart", "Racing heart"
    STOMACH_KNOT = "stomach_knot", "Knot in my stomach"
    SHALLOW_BREATH = "shallow_breath", "Shallow breathing"
    RESTLESS = "restless", "Restless"
    HOT_FACE = "hot_face", "Hot face"
    TEARFUL = "tearful", "Tearful"
    TENSE_JAW = "tense_jaw", "Tense jaw or shoulders"
    NUMB = "numb", "Numb or frozen"
    CANT_SLEEP = "cant_sleep", "Can't sleep"


class Emotion(models.TextChoices):
    FEAR = "fear", "Afraid"
    PANIC = "panic", "Panicky"
    SADNESS = "sadness", "Sad"
    ANGER = "anger", "Angry"
    SHAME = "shame", "Ashamed"
    JEALOUSY = "jealousy", "Jealous"
    LONELINESS = "loneliness", "Lonely"
    HURT = "hurt", "Hurt"
    GUILT = "guilt", "Guilty"


class SoothingAction(models.TextChoices):
    SLOW_BREATHING = "slow_breathing", "Slow breathing"
    MOVED = "moved", "A walk or moving"
    GROUNDING = "grounding", "Grounding with my senses"
    WROTE_IT_DOWN = "wrote_it_down", "Wrote it down"
    CALLED_A_FRIEND = "called_a_friend", "Called a friend"
    KIND_WORDS = "kind_words", "Kind words to myself"
    COLD_WATER = "cold_water", "Cold water"
    MUSIC = "music", "Music"
    WAITED = "waited", "Waited it out"
    CHECKED_FACTS = "checked_facts", "Checked the facts"


class ActedOn(models.TextChoices):
    NOT_YET = "not_yet", "Not yet"
    NO = "no", "No, I let it pass"
    PARTLY = "partly", "Partly"
    YES = "yes", "Yes"


class UrgePassed(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class WeekStart(models.IntegerChoices):
    MONDAY = 0, "Monday"
    SUNDAY = 6, "Sunday"


PAUSE_MINUTES = [5, 10, 20, 30]
DEFAULT_PAUSE_MINUTES = 20

LESSON_FOR = {
    TriggerKind: dict.fromkeys(TriggerKind.values, "common-triggers")
    | {TriggerKind.ASKED_FOR_SPACE: "pursuer-distancer-cycle"},
    Urge: dict.fromkeys(Urge.values, "protest-behaviours")
    | {Urge.PULL_AWAY: "pursuer-distancer-cycle", Urge.GIVE_IN: "secure-sense-of-self"},
    BodySensation: dict.fromkeys(BodySensation.values, "nervous-system-alarm"),
    Emotion: dict.fromkeys(Emotion.values, "inside-experience"),
    SoothingAction: dict.fromkeys(SoothingAction.values, "self-soothing")
    | {
        SoothingAction.WAITED: "practise-the-pause",
        SoothingAction.CHECKED_FACTS: "reframing-fear-of-abandonment",
    },
}
# Choices a person adds themselves are explained by the general lesson for that list.
LESSON_FOR_CUSTOM = {TriggerKind: "common-triggers", Urge: "protest-behaviours"}


def lesson_for(choices, value):
    """The slug of the lesson that explains `value` of the choice list `choices`."""
    return LESSON_FOR[choices].get(value) or LESSON_FOR_CUSTOM.get(choices)
