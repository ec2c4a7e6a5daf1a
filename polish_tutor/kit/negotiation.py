"""Content negotiation: whether an ``Accept`` header prefers one media type to another."""

from __future__ import annotations

NAMED = 2  # the specificity of a range that names the media type itself


def quality(accept: str, media_type: str) -> tuple[int, float]:
    """How ``accept`` weighs ``media_type``: the specificity of the most specific range that
    matches it (:data:`NAMED` for ``type/subtype``, 1 for ``type/*``, 0 for ``*/*``, -1 for
    none) and that range's ``q`` (RFC 9110 §12.5.1; 0 with no range, or a ``q`` that is not a
    number)."""
    kind = media_type.split("/", 1)[0]
    ranges = {media_type: NAMED, f"{kind}/*": 1, "*/*": 0}
    best, weight = -1, 0.0
    for item in accept.split(","):
        media_range, *params = (part.strip() for part in item.split(";"))
        specificity = ranges.get(media_range.lower(), -1)
        if specificity <= best:
            continue
        best, weight = specificity, 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
    return best, weight


def prefers(accept: str | None, offered: str, default: str) -> bool:
    """Whether ``accept`` asks for ``offered`` rather than ``default``: it must name it (a
    wildcard such as ``*/*`` or ``text/*`` never does) and weigh it more than ``default`` (a
    tie keeps the default)."""
    if not accept or offered not in accept.lower():  # the common case, without parsing
        return False
    specificity, weight = quality(accept, offered)
    return specificity == NAMED and weight > quality(accept, default)[1]
