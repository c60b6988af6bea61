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
    NOT_KNOWING = "not_knowing", "Not knowing where I stand"
    FRIENDS = "friends", "Friends"
    WORK = "work", "Work"
    NOT_SURE = "not_sure", "Not sure"


class Urge(models.TextChoices):
    TEXT_AGAIN = "text_again", "Text or call again"
    CHECK_THEIR_PHONE = "check_their_phone", "Check their phone or profile"
    CHECK_MY_PHONE = "check_my_phone", "Keep checking my phone for a reply"
    PULL_AWAY = "pull_away", "Pull away to test them"
    PICK_A_FIGHT = "pick_a_fight", "Pick a fight"
    SEEK_REASSURANCE = "seek_reassurance", "Ask for reassurance"
    THREATEN_TO_LEAVE = "threaten_to_leave", "Threaten to leave"
    OVER_EXPLAIN = "over_explain", "Over-explain or apologise"
    GIVE_IN = "give_in", "Give in to keep the peace"
    MAKE_JEALOUS = "make_jealous", "Make them jealous"
    KEEP_SCORE = "keep_score", "Ignore them back"
    INSIST_ON_TALKING = "insist_on_talking", "Insist on talking now"
    CRITICISE = "criticise", "Criticise them"
    GUILT_TRIP = "guilt_trip", "Make them feel guilty"


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
    ANXIOUS = "anxious", "Anxious"
    WORRIED = "worried", "Worried"
    REJECTED = "rejected", "Rejected"
    RELIEVED = "relieved", "Relieved"
    EXHAUSTED = "exhausted", "Exhausted"


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
    MINDFUL_MOMENT = "mindful_moment", "A mindful moment"
    REST = "rest", "Rest"


class ActedOn(models.TextChoices):
    NOT_YET = "not_yet", "Not yet"
    NO = "no", "No, I held back"
    PARTLY = "partly", "Partly"
    YES = "yes", "Yes"


class UrgePassed(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class UnsentChoice(models.TextChoices):
    """What the person decided, once the pause was over, about the message they wrote instead of sending it."""

    SEND_MYSELF = "send_myself", "I'll send it myself"
    CHANGE_IT = "change_it", "I changed it first"
    LET_IT_GO = "let_it_go", "I let it go"


class WeekStart(models.IntegerChoices):
    MONDAY = 0, "Monday"
    SUNDAY = 6, "Sunday"


PAUSE_MINUTES = [5, 10, 20, 30]
DEFAULT_PAUSE_MINUTES = 20

TRIGGER_SECTIONS = {
    TriggerKind.SLOW_REPLY: "a-slow-or-missing-reply",
    TriggerKind.PLANS_CHANGED: "plans-changed-or-cancelled",
    TriggerKind.ASKED_FOR_SPACE: "they-wanted-space",
    TriggerKind.SEEMED_DISTANT: "they-seemed-distant-or-cool",
    TriggerKind.UNRESOLVED_ARGUMENT: "an-argument-left-open",
    TriggerKind.SOCIAL_MEDIA: "something-on-social-media",
    TriggerKind.PAST_PARTNERS: "an-ex-came-up",
    TriggerKind.LEFT_OUT: "feeling-left-out-or-compared",
    TriggerKind.MILESTONE: "a-step-closer",
    TriggerKind.THEIR_STRESS: "their-stress",
    TriggerKind.TIME_APART: "time-apart-or-a-goodbye",
    TriggerKind.CRITICISED: "feeling-criticised",
    TriggerKind.NOT_KNOWING: "not-knowing-where-you-stand",
    TriggerKind.FRIENDS: "friends",
    TriggerKind.WORK: "work",
    TriggerKind.NOT_SURE: "why-your-triggers-are-yours",
}
SOOTHING_SECTIONS = {
    SoothingAction.SLOW_BREATHING: "slow-breathing",
    SoothingAction.MOVED: "moving-or-a-walk",
    SoothingAction.GROUNDING: "grounding-with-your-senses",
    SoothingAction.WROTE_IT_DOWN: "writing-it-down",
    SoothingAction.CALLED_A_FRIEND: "calling-a-friend",
    SoothingAction.KIND_WORDS: "kind-words-to-yourself",
    SoothingAction.COLD_WATER: "cold-water",
    SoothingAction.MUSIC: "music",
    SoothingAction.MINDFUL_MOMENT: "a-mindful-moment",
    SoothingAction.REST: "rest",
}

# Each choice points at the lesson section that explains it, as "lesson-slug#section-anchor".
LESSON_FOR = {
    TriggerKind: {value: f"common-triggers#{anchor}" for value, anchor in TRIGGER_SECTIONS.items()},
    Urge: dict.fromkeys(Urge.values, "protest-behaviours#common-urges")
    | {
        Urge.CHECK_THEIR_PHONE: "protest-behaviours#a-word-on-checking-their-phone",
        Urge.CHECK_MY_PHONE: "signs-and-patterns#in-what-you-do",
        Urge.GIVE_IN: "secure-sense-of-self#saying-no-is-allowed",
    },
    BodySensation: dict.fromkeys(BodySensation.values, "nervous-system-alarm#what-your-body-may-be-telling-you"),
    Emotion: dict.fromkeys(Emotion.values, "inside-experience#the-feelings-that-come-with-it"),
    SoothingAction: {value: f"self-soothing#{anchor}" for value, anchor in SOOTHING_SECTIONS.items()}
    | {
        SoothingAction.WAITED: "practise-the-pause#what-to-do-during-the-pause",
        SoothingAction.CHECKED_FACTS: "reframing-fear-of-abandonment#2-ask-what-else-could-be-true",
    },
}
# Choices a person adds themselves are explained by the general lesson for that list.
LESSON_FOR_CUSTOM = {TriggerKind: "common-triggers#common-triggers", Urge: "protest-behaviours#common-urges"}


def lesson_link_for(choices, value):
    """'lesson-slug#section' for the part of a lesson that explains `value` of the choice list `choices`."""
    return LESSON_FOR[choices].get(value) or LESSON_FOR_CUSTOM.get(choices)


def lesson_for(choices, value):
    """The slug of the lesson that explains `value` of the choice list `choices`."""
    return lesson_link_for(choices, value).partition("#")[0]
