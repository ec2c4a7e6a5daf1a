"""The tutor's brain: the pluggable drivers (with their prompts and grounding) that answer a
turn; the turn itself is chat/service.py's."""
