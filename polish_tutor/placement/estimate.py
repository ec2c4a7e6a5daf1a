"""Where a learner stands in the course, from a few right and wrong answers.

The learner's level θ is a place in the course, counted in lessons (0 = the first lesson). An
item from the lesson at place ``b`` is answered right with probability
``SLIP + (1 - 2·SLIP) · σ((θ - b) / SPREAD)``: likely well before the learner's level, unlikely
well after it, and never certain either way (a typo, a lucky guess). After each answer the
estimate is the mean of θ over a grid weighted by the prior and every answer so far (an
expected-a-posteriori estimate, stable from the first answer on), and the next item comes from
the lesson nearest it. The quiz stops after ``MAX_ITEMS`` answers, or after ``MIN_ITEMS`` once
the estimate is sure to within ``SURE_WITHIN`` lessons.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

SPREAD = 3.0  # lessons: how gradually "knows it" turns into "does not"
SLIP = 0.05
PRIOR_MEAN = 12.0  # the end of A1: a first item neither trivial nor discouraging
PRIOR_SD = 16.0
MIN_ITEMS = 10
MAX_ITEMS = 15
SURE_WITHIN = 3.0  # posterior standard deviation, in lessons
# Lessons before this far under the estimate are counted as known (right ≈ 80% of the time).
KNOWN_MARGIN = SPREAD * math.log(4)


@dataclass(frozen=True, slots=True)
class Answered:
    position: int  # the place in the course of the item's lesson
    right: bool


@dataclass(frozen=True, slots=True)
class Estimate:
    level: float  # θ, in lessons
    spread: float  # its posterior standard deviation

    def suggested_start(self, lessons: int) -> int:
        """The first lesson the learner probably does not know yet (0-based)."""
        return min(max(0, math.ceil(self.level - KNOWN_MARGIN)), lessons - 1)


def p_right(level: float, position: float) -> float:
    return SLIP + (1 - 2 * SLIP) / (1 + math.exp(-(level - position) / SPREAD))


def estimate(answers: Sequence[Answered], lessons: int) -> Estimate:
    """The expected θ (and its spread) given the answers so far."""
    grid = [x / 2 for x in range(-8, 2 * lessons + 9)]  # half-lesson steps, a little past both ends
    weights = []
    for theta in grid:
        log_w = -0.5 * ((theta - PRIOR_MEAN) / PRIOR_SD) ** 2
        for answer in answers:
            p = p_right(theta, answer.position)
            log_w += math.log(p if answer.right else 1 - p)
        weights.append(log_w)
    top = max(weights)
    probs = [math.exp(w - top) for w in weights]
    total = sum(probs)
    mean = sum(t * p for t, p in zip(grid, probs, strict=True)) / total
    var = sum((t - mean) ** 2 * p for t, p in zip(grid, probs, strict=True)) / total
    return Estimate(level=mean, spread=math.sqrt(var))


def finished(answers: Sequence[Answered], current: Estimate) -> bool:
    if len(answers) >= MAX_ITEMS:
        return True
    return len(answers) >= MIN_ITEMS and current.spread <= SURE_WITHIN
