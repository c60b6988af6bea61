"""The distress phrase list, case by case: what must get the gentle line, and everyday talk that must not."""

import re

import pytest

from journal.distress import PHRASES, either, mentions_distress, plain_form, what_it_is_about

# (words someone might write, what they are about). Spelling, apostrophes, capitals and spacing vary on purpose.
NEEDS_CARE = [
    # Wanting to die, or not to be alive
    ("I want to die", "wanting to die"),
    ("i just wanna die", "wanting to die"),
    ("I WANT TO DIE!!!", "wanting to die"),
    ("want 2 die tbh", "wanting to die"),
    ("I don’t want to die but I don’t know what to do", "wanting to die"),
    ("Sometimes I wish I could just die", "wanting to die"),
    ("I wish I was dead", "wanting to die"),
    ("everyone says I'd be better off dead", "wanting to die"),
    ("I dont want to live anymore", "wanting to die"),
    ("I don't want to be here anymore", "wanting to die"),
    ("I do not want to exist", "wanting to die"),
    ("I wish I'd never been born", "wanting to die"),
    ("I'm so tired of living", "wanting to die"),
    ("I hate my life", "wanting to die"),
    ("I want to end it all", "wanting to die"),
    ("I'm going to end it tonight", "wanting to die"),
    ("I want to end my life", "wanting to die"),
    ("thinking about how to take my own life", "wanting to die"),
    ("I want to kill myself", "wanting to die"),
    ("i could kill my self", "wanting to die"),
    ("honestly kms", "wanting to die"),
    ("i want to unalive myself", "wanting to die"),
    ("I'm not suicidal, just sad", "wanting to die"),
    ("having sucidal thoughts again", "wanting to die"),
    ("I keep thinking about suicide", "wanting to die"),
    ("I just want it all to stop", "wanting to die"),
    ("I want everything to be over", "wanting to die"),
    ("I want to give up on life", "wanting to die"),
    ("I won't be around much longer", "wanting to die"),
    ("I'm ready to die", "wanting to die"),
    ("I wish I wasn't alive", "wanting to die"),
    ("I shouldn't exist", "wanting to die"),
    # Disappearing, not waking up, being gone
    ("I want to disappear", "disappearing"),
    ("I wish I could just disappear", "disappearing"),
    ("I want to stop existing", "disappearing"),
    ("I wish I was gone", "disappearing"),
    ("it would be easier if I wasn't here", "disappearing"),
    ("when I'm gone they'll understand", "disappearing"),
    ("if im gone nobody will care", "disappearing"),
    ("I don't want to wake up tomorrow", "not waking up"),
    ("I hope I don't wake up", "not waking up"),
    ("I want to go to sleep and never wake up", "not waking up"),
    ("I just want to sleep forever", "not waking up"),
    ("I'd rather not wake up tomorrow.", "not waking up"),
    # Being a burden
    ("everyone would be better off without me", "being a burden"),
    ("Everyone’d be better off without me.", "being a burden"),
    ("they'd be happier without me", "being a burden"),
    ("I'm a burden", "being a burden"),
    ("im such a burden to everyone", "being a burden"),
    ("I feel like a burden on my family", "being a burden"),
    ("no one would miss me", "being a burden"),
    ("Nobody would even notice if I disappeared", "being a burden"),
    ("would anyone even miss me", "being a burden"),
    # No point; can't go on
    ("what's the point of living", "no point going on"),
    ("Whats the point in anything", "no point going on"),
    ("there's no point anymore", "no point going on"),
    ("I have nothing to live for", "no point going on"),
    ("there's no reason to go on", "no point going on"),
    ("life isn't worth living", "no point going on"),
    ("I can't go on like this", "no point going on"),
    ("i cant go on", "no point going on"),
    ("I can’t do this anymore", "no point going on"),
    ("I cannot do this any more.", "no point going on"),
    ("I can't   take   it   anymore!!", "no point going on"),
    ("i cant cope anymore", "no point going on"),
    ("I cant keep going", "no point going on"),
    ("I feel so hopeless", "no point going on"),
    ("it's not worth living like this", "no point going on"),
    ("I give up on everything", "no point going on"),
    # Self-harm, and a partner's threats to harm themselves
    ("I want to hurt myself", "self-harm"),
    ("I don't want to hurt myself again", "self-harm"),
    ("I self-harmed last night", "self-harm"),
    ("the urge to selfharm is back", "self-harm"),
    ("thinking about self harm", "self-harm"),
    ("I started cutting again", "self-harm"),
    ("I cut myself", "self-harm"),
    ("I want to punish myself", "self-harm"),
    ("relapsed on sh", "self-harm"),
    ("I thought about slitting my wrists", "self-harm"),
    ("he said he'd kill himself if I left", "self-harm"),
    ("She threatened to hurt herself if I go out", "self-harm"),
    # Plans and means
    ("I have been saving up my pills", "plans or means"),
    ("I could take all my tablets", "plans or means"),
    ("thinking about an overdose", "plans or means"),
    ("I looked at how many paracetamol would it take", "plans or means"),
    ("I wrote a goodbye letter", "plans or means"),
    ("I want to jump off a bridge", "plans or means"),
    ("I looked up how to tie a noose", "plans or means"),
    ("I thought about driving into a wall", "plans or means"),
    ("I thought about stepping in front of a train", "plans or means"),
    ("I have a plan to end it", "plans or means"),
    ("I've been planning when to do it", "plans or means"),
    ("I've started giving away my things", "plans or means"),
]

# Everyday words that must not set it off: a relationship journal is full of strong, ordinary language.
ORDINARY = [
    "This meeting is killing me",
    "My feet are killing me after work",
    "The suspense is killing me",
    "I could die of embarrassment",
    "I nearly died laughing at his joke",
    "He's dying to see the new film",
    "I'm dead tired tonight",
    "I'd kill for a coffee right now",
    "My phone battery died again",
    "She killed it at her presentation",
    "Killing time before the train",
    "I cut my finger cooking dinner",
    "I cut myself shaving",
    "I shot myself in the foot by saying that",
    "We cut the cake at her party",
    "There's no point texting him again tonight",
    "What's the point of the meeting?",
    "I can't go on the trip this weekend",
    "I can't do this presentation without notes",
    "He's gone for the weekend",
    "I want him to disappear from my feed",
    "He could disappear for days without texting",
    "I hate waking up early",
    "I'm over it now",
    "Took my pills at eight as usual",
    "I bought paracetamol for my headache",
    "Collecting my meds from the pharmacy",
    "The commute is a burden on my time",
    "I'm tired of waiting for his reply",
    "I don't want to live with him anymore",
    "I'm tired of living in this flat",
    "I don't want to be here at this party",
    "I want to end things with him",
    "Want to end the call sooner next time",
    "It hurt me when he said that",
    "He hurt himself playing football",
    "She hung up on me",
    "Self-care evening with a bath",
    "I'm so done with this week",
    "I can't live without coffee",
    "Nothing to wear tonight",
    "When I was gone for the weekend he didn't text",
]


@pytest.mark.parametrize(("words", "about"), NEEDS_CARE)
def test_words_of_distress_get_care(words, about):
    assert mentions_distress(words)
    assert about in what_it_is_about(words)


@pytest.mark.parametrize("words", ORDINARY)
def test_everyday_words_do_not(words):
    assert not mentions_distress(words), what_it_is_about(words)


def test_the_table_is_big_enough_to_trust():
    assert len(NEEDS_CARE) >= 60
    assert len(ORDINARY) >= 20


def test_every_kind_of_distress_has_cases():
    assert {about for about, _ in PHRASES} == {about for _, about in NEEDS_CARE}


@pytest.mark.parametrize(("about", "pattern"), PHRASES)
def test_every_phrase_is_tried_by_a_case_above(about, pattern):
    """A phrase added without a case here is a phrase nobody has seen work."""
    assert any(re.search(pattern, plain_form(words)) for words, _ in NEEDS_CARE), pattern


def test_any_of_several_texts_is_enough():
    assert mentions_distress("", None, "slow reply", "everyone would be better off without me")
    assert not mentions_distress("", None, "slow reply")


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("I CAN’T do this!!", "i cant do this ."),
        ("i   cannot,  really", "i cant . really"),
        ("I am a burden", "im a burden"),
        ("no one would  miss me", "nobody would miss me"),
        ("wanna die", "want to die"),
        ("Self-harm", "selfharm"),
        ("Naïve café", "naive cafe"),
    ],
)
def test_spelling_and_punctuation_are_put_into_one_form(written, plain):
    assert plain_form(written) == plain


def test_either_matches_one_of_its_words_as_a_whole_group():
    pattern = "i " + either("want", "need") + " help"
    assert re.fullmatch(pattern, "i need help")
    assert not re.fullmatch(pattern, "need help"), "the choice stays inside its group"
    assert not re.fullmatch(pattern, "i wantneed help")
