"""Words that may mean someone is thinking of dying or of harming themselves: the phrase list, kept in one place.

Text is first put into one plain form (lower case, no apostrophes, spelled-out forms turned into the usual
contractions, shorthand expanded, punctuation reduced to a clause break), so each phrase is written once and
still matches "I can't", "i cant", "I cannot", "I CAN'T!!!" and "I can’t".

We lean towards noticing: a gentle line shown by mistake costs little, a missed one can cost a great deal.
So "I don't want to die" and "I'm not suicidal" still get the gentle line. The phrases stay specific enough
that everyday talk in a relationship journal ("this meeting is killing me", "no point texting him again",
"I can't go on the trip") does not set them off. Every phrase has cases in tests/journal/test_distress.py;
add a case there with any change here.
"""

import re
import unicodedata

# Spelled-out forms, slang and shorthand, turned into one form before matching. Applied in order.
PLAIN_FORMS = [
    (r"\bcan ?not\b", "cant"),
    (r"\bdo not\b", "dont"),
    (r"\bdid not\b", "didnt"),
    (r"\bwill not\b", "wont"),
    (r"\bwould not\b", "wouldnt"),
    (r"\bshould not\b", "shouldnt"),
    (r"\bis not\b", "isnt"),
    (r"\bwas not\b", "wasnt"),
    (r"\bwere not\b", "werent"),
    (r"\bi am\b", "im"),
    (r"\bi would\b", "id"),
    (r"\bi will\b", "ill"),
    (r"\bi have\b", "ive"),
    (r"\bwhat is\b", "whats"),
    (r"\b(?:wanna|wana|wnat to|wnt to|want too|want 2)\b", "want to"),
    (r"\b(?:gonna|gona|going 2)\b", "going to"),
    (r"\bu\b", "you"),
    (r"\bmy self\b", "myself"),
    (r"\bany ?more\b", "anymore"),
    (r"\bany longer\b", "anymore"),
    (r"\b(?:no one|noone|no body)\b", "nobody"),
    (r"\b(?:every one|everybody)\b", "everyone"),
    (r"\bkms\b", "kill myself"),
    (r"\bkys\b", "kill yourself"),
    (r"\bunalive\b", "kill"),
    (r"\bsewer ?slide\b", "suicide"),
    (r"\bself ?harm", "selfharm"),
]


def either(*choices):
    return "(?:" + "|".join(choices) + ")"


WANT = either("want", "wanted", "wanting", "wish", "wishing", "need")
# "I can't go on", "I can't do this anymore": a feeling too heavy to carry, not a plan that fell through.
CANT_CARRY_ON = "cant " + either(
    "go on", "keep going", "carry on", "keep doing this", "do this", "do it", "do life", "take it", "take this",
    "take anymore", "cope", "handle (?:it|this|life)", "live like this", "be here", "stand (?:it|this|being alive)",
)  # fmt: skip
# What must follow, so "I can't go on the trip" is left alone: the end of the thought, or "anymore".
ENOUGH = r" ?(?:anymore|like this|for much longer|much longer|much more|\.|$)"
# Living *with* someone, *in* a place: ordinary talk about a relationship, not about being alive.
NOT_A_PLACE = r"(?! (?:with|in|there|here|near|together|at|on|abroad|alone|apart|like that)\b)"
I_AM = either(
    "im", "i feel", "i feel like", "feel like", "feeling like", "i was", "ive become", "i become", "being",
    "ill always be", "im always", "im just", "im only", "im such", "im nothing but", "im just such",
)  # fmt: skip
HARM_MYSELF = either(
    "hurt", "hurting", "harm", "harming", "cut", "cutting", "burn", "burning", "punish", "punishing", "starve",
    "starving", "scratch", "scratching", "hit", "hitting", "punch", "punching",
)  # fmt: skip
NOT_ON_PURPOSE = r"(?! (?:shaving|cooking|chopping|by accident|accidentally|on the))"
THEMSELVES = either("himself", "herself", "themselves", "themself")
THREATENS_TO = either(
    "would", "will", "going to", "threatens? to", "threatened to", "threatening to", "hed", "shed", "theyd", "hell",
    "shell",
)  # fmt: skip
PILLS = either("pills", "tablets", "meds", "medication", "medicine", "paracetamol", "painkillers")
A_LOT_OF = either(
    "all", "all of", "a lot of", "loads of", "too many", "a bunch of", "the whole", "every one of", "the rest of"
)
SWALLOW = either("take", "took", "taking", "swallow", "swallowed", "swallowing", "down", "downed")
HIGH_PLACE = either("bridge", "building", "roof", "cliff", "balcony", "car park", "multi storey", "tower")
TRAFFIC = either("train", "bus", "car", "lorry", "truck", "traffic")
NO_POINT = either("no", "whats the", "not any", "dont see the", "cant see the", "lost the")
WORTH_LIVING_FOR = either(
    "living", "life", "going on", "being alive", "being here", "carrying on", "trying anymore", "anything", "it all",
    "any of it", "existing", "waking up",
)  # fmt: skip
THEY = either("everyone", "them", "him", "her", "you", "people", "others", "my family", "my friends", "my partner")

# (what it is about, pattern on the plain form). Patterns match anywhere in the text.
PHRASES = [
    # Wanting to die, or not to be alive
    ("wanting to die", rf"\b{WANT}(?: to)?(?: just)? (?:to )?die\b"),
    ("wanting to die", r"\bwish i (?:could|would|could just|would just) die\b"),
    ("wanting to die", r"\b(?:want|wish|wishing|hope) (?:to be|i was|i were|i could be|id be) dead\b"),
    ("wanting to die", r"\b(?:better off|rather be|be better) dead\b"),
    ("wanting to die", r"\bready to die\b"),
    ("wanting to die", rf"\b(?:dont|didnt|never) want to (?:live{NOT_A_PLACE}|be alive|exist)"),
    ("wanting to die", rf"\b(?:dont|didnt|never) want to (?:be here|be around|go on){ENOUGH}"),
    ("wanting to die", r"\bwish i (?:wasnt|werent|didnt) (?:alive|here|exist|born)\b"),
    ("wanting to die", r"\bwish(?:ed)? (?:i had|id|i was|i were) never (?:been )?born\b"),
    ("wanting to die", rf"\b(?:hate|tired of|sick of|done with|exhausted by) (?:being alive|living{NOT_A_PLACE})"),
    ("wanting to die", r"\b(?:hate|tired of|sick of|done with|exhausted by) (?:life|my life|existing)\b"),
    ("wanting to die", r"\bshouldnt (?:be alive|exist|have been born)\b"),
    ("wanting to die", r"\bend (?:my life|it all|everything(?! with)|myself|my own life)\b"),
    ("wanting to die", rf"\b(?:want|going|ready|plan|planning|about) to end it(?: all| tonight| today| now)?{ENOUGH}"),
    ("wanting to die", r"\btake my (?:own )?life\b"),
    (
        "wanting to die",
        r"\b(?:kill|killing|killed|hang|hanging|drown|drowning|shoot|shooting) myself\b(?! in the foot)",
    ),
    ("wanting to die", r"\b(?:suicid|suicd|sucid|suisid|suicde|sucide|suiside|suicied|suiced)\w*"),
    ("wanting to die", r"\bwant (?:it|everything|it all|all of it|all of this|all this|the pain) to (?:stop|end)\b"),
    ("wanting to die", r"\bwant (?:it|everything|it all|all of it|all of this) to be over\b"),
    ("wanting to die", r"\bgive up on (?:life|living|everything)\b"),
    ("wanting to die", r"\b(?:not|wont) (?:be )?(?:around|here) (?:much longer|for much longer)\b"),
    # Disappearing, not waking up, being gone
    (
        "disappearing",
        rf"\b(?:{WANT}|wish i could|if i could|i could just)(?: to)?(?: just)? (?:to )?(?:disappear|vanish)\b",
    ),
    ("disappearing", rf"\b(?:{WANT}|wish i could)(?: to)?(?: just)? (?:to )?(?:fade away|stop existing|not exist)\b"),
    ("disappearing", r"\b(?:want|wish|wishing|hope) (?:to be|i was|i were|i could be|id be) gone\b"),
    ("disappearing", r"\b(?:when|once|if) im (?:gone|dead)\b|\bif im not (?:here|around)\b"),
    ("disappearing", r"\bif i (?:was|were) (?:gone|dead)\b|\bif i (?:wasnt|werent) (?:here|around|alive)\b"),
    ("not waking up", r"\b(?:dont|didnt|never) want to wake up\b"),
    ("not waking up", r"\b(?:hope|wish|pray) (?:i )?(?:dont|wont|didnt|wouldnt|never|couldnt) wake up\b"),
    ("not waking up", r"\b(?:sleep|go to sleep|fall asleep) and (?:never|not|dont) wake up\b"),
    ("not waking up", r"\b(?:sleep|sleeping) forever\b"),
    ("not waking up", r"\bnever wake up(?: again)?(?: \.|$| again)"),
    ("not waking up", r"\bnot (?:to )?wake up(?: again| tomorrow)?(?: \.|$)"),
    # Being a burden; better off without me
    ("being a burden", rf"\b{I_AM}(?: just)?(?: such)? a (?:big |huge )?burden\b"),
    ("being a burden", rf"\bburden (?:to|on|for) {THEY}\b"),
    ("being a burden", r"\b(?:better|happier|easier)(?: off)? without me\b"),
    ("being a burden", r"\bnobody (?:would|will|is going to|going to)(?: even| really)? (?:miss|notice|care)\b"),
    ("being a burden", r"\b(?:would|will|does) (?:anyone|anybody) (?:even )?(?:miss|notice)\b"),
    ("being a burden", r"\beveryone (?:would|will|d) be (?:better|happier)\b"),
    # No point; can't go on
    ("no point going on", rf"\b{NO_POINT} point (?:in |of )?{WORTH_LIVING_FOR}\b"),
    ("no point going on", r"\bno point anymore\b"),
    ("no point going on", r"\b(?:no reason|nothing left|nothing) to live for\b"),
    ("no point going on", r"\bno reason to (?:live|go on|keep going|be alive)\b"),
    ("no point going on", r"\b(?:life|my life)(?: is| isnt| feels)?(?: not)? (?:worth living|pointless|meaningless)\b"),
    ("no point going on", r"\bnot worth living\b"),
    ("no point going on", rf"\b{CANT_CARRY_ON}{ENOUGH}"),
    ("no point going on", r"\bcant (?:do|take|handle|cope with) (?:this|it|life|any of this) anymore\b"),
    (
        "no point going on",
        r"\b(?:feel|feeling|im|it all feels|everything is|everything feels) (?:so |totally )?hopeless\b",
    ),
    ("no point going on", r"\b(?:i give up|ive given up|giving up) (?:on everything|on myself|completely)\b"),
    # Self-harm, and a partner's threats to harm themselves
    ("self-harm", r"\bselfharm\w*|\bself injur\w*|\bself mutilat\w*"),
    ("self-harm", r"\b(?:relapsed|relapse|urge to|urges to) (?:on )?sh\b"),
    ("self-harm", rf"\b{HARM_MYSELF} myself\b{NOT_ON_PURPOSE}"),
    ("self-harm", r"\bcutting (?:again|my (?:arms?|wrists?|legs?|thighs?|skin))\b"),
    ("self-harm", r"\b(?:slit|slitting|slash|slashing|cut) (?:my )?wrists?\b"),
    ("self-harm", rf"\b(?:kill|killing|harm|harming) (?:{THEMSELVES}|yourself)\b"),
    ("self-harm", rf"\b{THREATENS_TO} (?:hurt|cut) {THEMSELVES}\b"),
    # Plans and means
    ("plans or means", r"\boverdos\w*|\bod (?:on|tonight)\b"),
    ("plans or means", rf"\b{SWALLOW} {A_LOT_OF} (?:my |the |those |these )?{PILLS}\b"),
    ("plans or means", rf"\b(?:saving|saved|stockpil\w*|hoard\w*) (?:up )?(?:my |some |the )?{PILLS}\b"),
    ("plans or means", rf"\bhow (?:many|much) {PILLS} (?:would it take|to die|does it take)\b"),
    ("plans or means", r"\b(?:noose|a rope to|razor blades?|bought a gun|get a gun|my dads gun)\b"),
    ("plans or means", rf"\b(?:jump|jumping|throw myself) (?:off|from) (?:a |the |that )?{HIGH_PLACE}\b"),
    ("plans or means", rf"\b(?:jump|jumping|step|stepping|throw myself) (?:in front of|under) (?:a |the )?{TRAFFIC}\b"),
    ("plans or means", r"\b(?:crash|drive|driving) (?:my car )?(?:into|off) (?:a |the )?(?:tree|wall|bridge|cliff)\b"),
    ("plans or means", r"\b(?:suicide|goodbye) (?:note|letter)s?\b"),
    ("plans or means", r"\b(?:wrote|writing|write) (?:a |my )?(?:goodbye|last) (?:note|letter)s?\b"),
    ("plans or means", r"\b(?:giving|give|gave) away (?:all )?my (?:things|stuff|belongings|pets?)\b"),
    ("plans or means", r"\b(?:have|ive|made|making|got) a plan to (?:die|end|kill|do it)\b"),
    ("plans or means", r"\bplan(?:ning)? (?:how|when) to (?:die|end it|do it)\b"),
]

DISTRESS = re.compile("|".join(f"(?:{pattern})" for _, pattern in PHRASES))


def plain_form(text):
    """Lower case, accents and apostrophes gone, shorthand expanded, words split by single spaces.

    Punctuation between clauses becomes " . ", so a phrase can ask that a feeling ends its clause.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    text = re.sub(r"['’‘ʼ`´]", "", text)
    text = re.sub(r"(?:[.,!?;:\n—–]| - )+", " . ", text)
    text = re.sub(r"[^a-z0-9.]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    for pattern, replacement in PLAIN_FORMS:
        text = re.sub(pattern, replacement, text)
    return text


def mentions_distress(*texts):
    """True when any of `texts` has words that may mean thoughts of dying or of self-harm."""
    return any(DISTRESS.search(plain_form(text)) for text in texts if text)


def what_it_is_about(text):
    """The kinds of distress `text` speaks of ("self-harm", "being a burden", …): for tests and upkeep."""
    plain = plain_form(text or "")
    return {about for about, pattern in PHRASES if re.search(pattern, plain)}
