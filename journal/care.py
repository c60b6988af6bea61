"""Care at the peak: a moment at its strongest, or words that hint at self-harm, get a gentle crisis link."""

import re

PEAK_INTENSITY = 9
SELF_HARM = re.compile(
    r"\b(kill(ing)? myself|hurt(ing)? myself|harm(ing)? myself|self[- ]?harm|suicid\w*|end it all|"
    r"end my life|don'?t want to (be here|live|exist)|want to die|cut(ting)? myself|better off without me)\b",
    re.IGNORECASE,
)


def needs_care(log):
    """True for a moment at 9–10, or whose words mention harming oneself."""
    if log.intensity >= PEAK_INTENSITY:
        return True
    text = " ".join(filter(None, [log.what_happened, log.story, log.notes]))
    return bool(SELF_HARM.search(text))
