"""The free-practice question bank: open questions a tutor asks a learner about themselves
(name, city, family, work, food, hobbies, yesterday, plans, travel, health, home, weather,
opinions), at levels A1, A2 and B1, as YAML under ``lessons/practice/<topic>.yaml``.

A question the tutor addresses to "you" in a gendered form carries both forms, the masculine
first and the feminine in brackets ("Co robiłeś (robiłaś) wczoraj?"), as lesson lines do; a
sample answer in a gendered form has its feminine twin in ``sample_answer_feminine``.

:class:`PracticeBank` loads the files (by level and topic, the next question on a topic, a
question's follow-ups); :func:`validate_practice` reports every problem in them for
``polish-tutor lessons validate``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from polish_tutor.kit.yaml_files import load_yaml
from polish_tutor.language.text import LETTERS_RE, letter_runs

PracticeLevel = Literal["A1", "A2", "B1"]
LEVELS: tuple[PracticeLevel, ...] = ("A1", "A2", "B1")
TOPICS = (
    "name",
    "city",
    "family",
    "work",
    "food",
    "hobbies",
    "yesterday",
    "plans",
    "travel",
    "health",
    "home",
    "weather",
    "opinions",
)
_ID = re.compile(r"^[a-z]+-(a1|a2|b1)-\d{2}$")
_GENDER_PAIR = re.compile(r"\((?P<alt>[^()]+)\)")


def default_practice_dir() -> Path:
    """The ``practice/`` directory beside the lessons, holding the bundled question bank."""
    return Path(__file__).resolve().parent / "practice"


class Hint(BaseModel):
    """A word (or phrase) the learner may need, with its gloss."""

    model_config = ConfigDict(extra="forbid")

    pl: str = Field(min_length=1)
    en: str = Field(min_length=1)


class PracticeQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="<topic>-<level>-<nn>, e.g. food-a1-01")
    level: PracticeLevel
    topic: str = Field(min_length=1)
    pl: str = Field(min_length=1, description="the question, in natural Polish")
    en: str = Field(min_length=1, description="the question in English")
    sample_answer: str = Field(min_length=1, description="a correct answer a learner could give")
    sample_answer_feminine: str | None = Field(
        default=None, description="the sample answer as a woman says it, when it differs"
    )
    follow_ups: list[str] = Field(
        default_factory=list,
        description="what to ask next: ids of questions, or short Polish lines",
    )
    hints: list[Hint] = Field(default_factory=list, description="words the learner may need")

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("must look like <topic>-<level>-<nn>, e.g. food-a1-01")
        return value

    def sample(self, gender: str | None = None) -> str:
        """The sample answer; the feminine one for ``gender="feminine"`` when there is one."""
        if gender == "feminine" and self.sample_answer_feminine:
            return self.sample_answer_feminine
        return self.sample_answer

    def asked(self, gender: str | None = None) -> str:
        """The question as said to a learner of ``gender`` ("masculine", "feminine"), or with
        both forms when it is not known: "Co robiłeś (robiłaś)?" → "Co robiłaś?"."""
        return gendered(self.pl, gender)


def gendered(text: str, gender: str | None) -> str:
    """``"Byłeś (byłaś) w domu?"``: the masculine form, the feminine one, or both (``None``).
    The bracket holds the feminine of the words just before it, as many words as it has."""
    if gender not in ("masculine", "feminine"):
        return text
    out: list[str] = []
    last = 0
    for match in _GENDER_PAIR.finditer(text):
        before = text[last : match.start()].rstrip()
        if gender == "feminine":
            alt = match["alt"].split()
            words = before.split(" ")
            if len(words) >= len(alt):
                replaced = words[len(words) - len(alt) :]
                if replaced[0][:1].isupper():  # "Byłeś (byłaś)" at the start: "Byłaś"
                    alt[0] = alt[0][:1].upper() + alt[0][1:]
                before = " ".join(words[: len(words) - len(alt)] + alt)
        out.append(before)
        last = match.end()
    out.append(text[last:])
    return "".join(out)


class PracticeTopic(BaseModel):
    """One file: a topic's questions, in the order the tutor asks them."""

    model_config = ConfigDict(extra="forbid")

    topic: str = Field(min_length=1)
    title_pl: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    questions: list[PracticeQuestion] = Field(min_length=1)


class PracticeLoadError(ValueError):
    def __init__(self, path: Path, errors: list[str]) -> None:
        self.path = path
        self.errors = errors
        super().__init__(f"{path}: " + "; ".join(errors))


def load_practice_file(path: Path) -> PracticeTopic:
    try:
        data: Any = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PracticeLoadError(path, [f"cannot read: {exc}"]) from exc
    try:
        return PracticeTopic.model_validate(data)
    except ValidationError as exc:
        errors = [
            f"{'.'.join(str(p) for p in error['loc']) or '(top level)'}: {error['msg']}"
            for error in exc.errors()
        ]
        raise PracticeLoadError(path, errors) from exc


@dataclass(frozen=True, slots=True)
class FollowUp:
    """What to ask after a question: another question of the bank, or a short line."""

    question: PracticeQuestion | None = None
    line: str | None = None

    @property
    def text(self) -> str:
        return self.question.pl if self.question is not None else str(self.line)


class PracticeBank:
    """Every question of the bank, by id, topic and level, in the files' order."""

    def __init__(self, topics: Iterable[PracticeTopic]) -> None:
        self.topics: dict[str, PracticeTopic] = {}
        self._by_id: dict[str, PracticeQuestion] = {}
        for topic in topics:
            self.topics[topic.topic] = topic
            for question in topic.questions:
                self._by_id.setdefault(question.id, question)

    @classmethod
    def from_directory(cls, directory: Path | None = None) -> PracticeBank:
        folder = directory or default_practice_dir()
        return cls(load_practice_file(path) for path in sorted(folder.glob("*.yaml")))

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[PracticeQuestion]:
        for topic in self.topics.values():
            yield from topic.questions

    def get(self, question_id: str) -> PracticeQuestion | None:
        return self._by_id.get(question_id)

    def questions(
        self,
        *,
        level: PracticeLevel | None = None,
        topic: str | None = None,
        up_to: PracticeLevel | None = None,
    ) -> list[PracticeQuestion]:
        """Questions of one ``level`` (or of every level ``up_to`` one), of one ``topic``."""
        allowed = set(LEVELS[: LEVELS.index(up_to) + 1]) if up_to else set(LEVELS)
        return [
            q
            for q in self
            if (level is None or q.level == level)
            and q.level in allowed
            and (topic is None or q.topic == topic)
        ]

    def next_question(
        self,
        topic: str,
        *,
        level: PracticeLevel | None = None,
        up_to: PracticeLevel | None = None,
        asked: Sequence[str] = (),
    ) -> PracticeQuestion | None:
        """The first question on ``topic`` (at ``level``, or up to ``up_to``) not yet in
        ``asked``; ``None`` when the topic has no more."""
        done = set(asked)
        return next(
            (q for q in self.questions(level=level, topic=topic, up_to=up_to) if q.id not in done),
            None,
        )

    def follow_ups(self, question: PracticeQuestion) -> list[FollowUp]:
        """The question's follow-ups: bank questions for ids, lines for the rest."""
        out = []
        for item in question.follow_ups:
            found = self._by_id.get(item)
            out.append(FollowUp(question=found) if found else FollowUp(line=item))
        return out


@dataclass(frozen=True, slots=True)
class PracticeProblem:
    file: str
    message: str


def _polish_texts(q: PracticeQuestion) -> Iterator[tuple[str, str]]:
    yield "pl", q.pl
    yield "sample_answer", q.sample_answer
    if q.sample_answer_feminine:
        yield "sample_answer_feminine", q.sample_answer_feminine
    for i, line in enumerate(q.follow_ups):
        if not _ID.match(line):
            yield f"follow_ups[{i}]", line
    for i, hint in enumerate(q.hints):
        yield f"hints[{i}].pl", hint.pl


def validate_practice(
    directory: Path,
    is_known: Callable[[str], bool],
    second_person_masculine: Callable[[str], bool] | None = None,
    first_person_gendered: Callable[[str], bool] | None = None,
) -> list[PracticeProblem]:
    """Every problem in the question bank: schema errors, duplicate ids, an id whose topic or
    level is not the question's, unknown follow-up ids, unknown topics, Polish words Morfeusz
    does not know, fewer than 150 questions; with the optional checks, a question in a
    masculine 2nd-person form without its feminine twin in brackets, and a gendered sample
    answer without ``sample_answer_feminine``."""
    if not directory.is_dir():
        return [PracticeProblem(str(directory), "practice directory does not exist")]
    problems: list[PracticeProblem] = []
    topics: list[tuple[str, PracticeTopic]] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            topics.append((path.name, load_practice_file(path)))
        except PracticeLoadError as exc:
            problems.extend(PracticeProblem(path.name, message) for message in exc.errors)
    seen: dict[str, str] = {}
    for file, topic in topics:
        if topic.topic not in TOPICS:
            problems.append(PracticeProblem(file, f"unknown topic {topic.topic!r}"))
        if Path(file).stem != topic.topic:
            problems.append(PracticeProblem(file, f"topic {topic.topic!r} is not the file name"))
        for q in topic.questions:
            where = f"{q.id}"
            if q.id in seen:
                problems.append(
                    PracticeProblem(file, f"duplicate id {q.id!r} (also in {seen[q.id]})")
                )
            seen.setdefault(q.id, file)
            if q.topic != topic.topic:
                problems.append(
                    PracticeProblem(file, f"{where}: topic {q.topic!r} is not the file's")
                )
            prefix = f"{topic.topic}-{q.level.lower()}-"
            if not q.id.startswith(prefix):
                problems.append(
                    PracticeProblem(file, f"{where}: id does not start with {prefix!r}")
                )
            if q.sample_answer_feminine == q.sample_answer:
                problems.append(
                    PracticeProblem(file, f"{where}: sample_answer_feminine is the same answer")
                )
            for field, text in _polish_texts(q):
                for word in letter_runs(text):
                    if not is_known(word):
                        problems.append(
                            PracticeProblem(
                                file, f"{where}.{field}: Morfeusz does not know {word!r}"
                            )
                        )
            if second_person_masculine is not None:
                lines = [("pl", q.pl)] + [
                    (f"follow_ups[{i}]", line)
                    for i, line in enumerate(q.follow_ups)
                    if not _ID.match(line)
                ]
                for field, line in lines:
                    for match in LETTERS_RE.finditer(line):
                        paired = line[match.end() :].startswith(" (")
                        if not paired and second_person_masculine(match.group()):
                            problems.append(
                                PracticeProblem(
                                    file,
                                    f"{where}.{field}: {match.group()!r} is masculine; add the "
                                    "feminine in brackets after it",
                                )
                            )
            if (
                first_person_gendered is not None
                and q.sample_answer_feminine is None
                and any(first_person_gendered(w) for w in letter_runs(q.sample_answer))
            ):
                problems.append(
                    PracticeProblem(
                        file, f"{where}.sample_answer is gendered: add sample_answer_feminine"
                    )
                )
    ids = set(seen)
    for file, topic in topics:
        for q in topic.questions:
            for item in q.follow_ups:
                if _ID.match(item) and item not in ids:
                    problems.append(PracticeProblem(file, f"{q.id}: no question {item!r}"))
    if topics and len(ids) < 150:
        problems.append(
            PracticeProblem(str(directory), f"only {len(ids)} questions (at least 150)")
        )
    return problems


def morfeusz_gender_checks() -> tuple[Callable[[str], bool], Callable[[str], bool]]:
    """(whether a word can be a masculine 2nd-person singular past or conditional form:
    "byłeś", "zrobiłbyś"; whether it can be a 1st-person singular one of either gender:
    "byłem", "zrobiłabym")."""
    import morfeusz2

    morfeusz = morfeusz2.Morfeusz(praet="composite")

    def tags(word: str) -> list[str]:
        return [interp[2] for _i, _j, interp in morfeusz.analyse(word.lower())]

    def masculine_you(word: str) -> bool:
        return any(
            t.startswith(("praet:sg:m1.m2.m3:sec", "cond:sg:m1.m2.m3:sec")) for t in tags(word)
        )

    def gendered_me(word: str) -> bool:
        # "jadłem" is also a form of the noun "jadło": any past reading counts
        return any(t.startswith(("praet:sg:", "cond:sg:")) and ":pri" in t for t in tags(word))

    return masculine_you, gendered_me
