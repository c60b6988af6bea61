"""The words lesson front matter may use: its stages, topics and practice actions."""

GLOSSARY_SLUG = "glossary"

STAGES = {
    "start-here": "Start here",
    "understand": "Understand",
    "notice": "Notice",
    "respond": "Respond",
    "grow": "Grow",
    "reference": "Look things up",
}
TOPICS = {
    "basics": "The basics",
    "research": "Research",
    "childhood": "Childhood",
    "body": "Your body",
    "feelings": "Feelings",
    "thoughts": "Thoughts",
    "behaviour": "Behaviour",
    "triggers": "Triggers",
    "relationships": "Relationships",
    "communication": "Communication",
    "self-worth": "Self-worth",
    "healing": "Healing",
    "therapy": "Therapy",
    "partners": "For partners",
}
# Each practice action names the journal page a lesson's "practise this" button opens.
PRACTICE = {
    "log": ("journal:log_new", "Log a moment"),
    "pause": ("journal:pause_start", "Start a pause"),
    "reframe": ("journal:reframe_new", "Write a reframe"),
    "review": ("journal:review", "Look at your week"),
}
