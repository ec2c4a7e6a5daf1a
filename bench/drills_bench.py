"""Form drills generated per second (issue 19), on one core.

    python bench/drills_bench.py [--drills N] [--seed S] [--lessons K]

Builds the lexicon of the first ``K`` lessons (all of them by default), then makes ``N`` drills
cycling over every cell the words can drill, as ``GET /drills`` does (``DrillGenerator.make``:
the paradigms from Morfeusz, each sentence passed through ``LanguageEngine.check``). Two
passes: *cold* (a new generator: nothing built or checked yet, as after a restart) and *warm*
(the same generator again, with a new seed: paradigms kept, most sentences new). It prints
drills per second for each, the lexicon's size and build time, and how many drills ``check``
made the generator drop.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from polish_tutor.drills.generator import DrillGenerator  # noqa: E402
from polish_tutor.drills.lexicon import Lexicon  # noqa: E402
from polish_tutor.language import LanguageEngine  # noqa: E402
from polish_tutor.lessons.catalog import LessonCatalog  # noqa: E402


def run(generator: DrillGenerator, lexicon: Lexicon, drills: int, seed: int) -> tuple[float, int]:
    """Seconds taken to make ``drills`` drills, and how many cells gave none."""
    cells = sorted(generator.cells(lexicon), key=lambda c: c.key)
    rng = random.Random(seed)
    missing = 0
    start = time.perf_counter()
    for index in range(drills):
        if generator.make(cells[index % len(cells)], lexicon, rng) is None:
            missing += 1
    return time.perf_counter() - start, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drills", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--lessons", type=int, default=0, help="the first K lessons (0: all)")
    args = parser.parse_args(argv)

    engine = LanguageEngine.load()
    lessons = list(LessonCatalog.from_directory())
    if args.lessons:
        lessons = lessons[: args.lessons]
    generator = DrillGenerator(engine)
    start = time.perf_counter()
    lexicon = generator.builder.for_lessons(lessons)
    built = time.perf_counter() - start
    cells = generator.cells(lexicon)
    kinds = Counter(cell.feature for cell in cells)
    print(
        f"lexicon of {len(lessons)} lessons: {len(lexicon.nouns)} nouns, {len(lexicon.verbs)} "
        f"verbs, {len(lexicon.adjectives)} adjectives, built in {built:.2f} s; "
        f"{len(cells)} cells ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})"
    )
    for name, seed in (("cold", args.seed), ("warm", args.seed + 1)):
        rejected = generator.rejected
        seconds, missing = run(generator, lexicon, args.drills, seed)
        print(
            f"{name}: {args.drills} drills in {seconds:.2f} s = {args.drills / seconds:.0f} "
            f"drills/s; dropped by check {generator.rejected - rejected}; cells with none "
            f"{missing}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
