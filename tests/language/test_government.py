"""The verb government table, the aspect pairs and the preposition cases (language/data/*.tsv).

Checked against real Morfeusz (SGJP): every verb and partner with its aspect, every preposition
with exactly the cases Morfeusz tags it with, and a set of facts a teacher would check first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import morfeusz2
import pytest

from polish_tutor.language.government import (
    DATA_DIR,
    Frame,
    GovernmentDataError,
    GovernmentTable,
)

VERB_TAGS = frozenset({"inf", "fin", "praet", "impt", "bedzie", "winien"})
ASPECT_VALUES = frozenset({"imperf", "perf", "imperf.perf"})


@pytest.fixture(scope="module")
def table() -> GovernmentTable:
    return GovernmentTable.load()


@pytest.fixture(scope="module")
def morf() -> morfeusz2.Morfeusz:
    return morfeusz2.Morfeusz(praet="composite")


@pytest.fixture(scope="module")
def verb_aspects(morf: morfeusz2.Morfeusz) -> Callable[[str], set[str]]:
    """Morfeusz's aspect fields (imperf, perf, imperf.perf) of a lemma's verb forms."""
    cache: dict[str, set[str]] = {}

    def aspects(lemma: str) -> set[str]:
        if lemma not in cache:
            found: set[str] = set()
            for _form, _lemma, tag, _names, _labels in morf.generate(lemma):
                fields = tag.split(":")
                if fields[0] in VERB_TAGS:
                    found.update(f for f in fields[1:] if f in ASPECT_VALUES)
            cache[lemma] = found
        return cache[lemma]

    return aspects


def has_aspect(found: set[str], aspect: str) -> bool:
    """biasp needs Morfeusz's imperf.perf; imperf/perf may be one reading of an imperf.perf verb
    (pasować is biaspectual in SGJP, but a learner meets it as an imperfective)."""
    if aspect == "biasp":
        return "imperf.perf" in found
    return any(aspect in value.split(".") for value in found)


def base(lemma: str) -> str:
    return lemma.removesuffix(" się")


# -- the files ----------------------------------------------------------------------------------


def test_files_parse_and_are_big_enough(table: GovernmentTable) -> None:
    assert len(table.verbs) >= 400
    assert len(table.pairs) >= 300
    assert len({base(v.lemma) for v in table.verbs}) >= 400
    assert {"w", "we", "z", "ze", "na", "do", "o", "po", "za"} <= set(table.prepositions)


def test_the_default_table_is_loaded_once(table: GovernmentTable) -> None:
    assert GovernmentTable.load() is table
    again = GovernmentTable.load(DATA_DIR)  # an explicit directory is read afresh
    assert again is not table and len(again.verbs) == len(table.verbs)


def test_every_lemma_is_known_to_morfeusz_with_its_aspect(
    table: GovernmentTable, verb_aspects: Callable[[str], set[str]]
) -> None:
    wrong = [
        (v.lemma, v.aspect, sorted(verb_aspects(base(v.lemma))))
        for v in table.verbs
        if not has_aspect(verb_aspects(base(v.lemma)), v.aspect)
    ]
    assert wrong == []


def test_every_partner_has_the_other_aspect_and_agrees_with_the_pairs(
    table: GovernmentTable, verb_aspects: Callable[[str], set[str]]
) -> None:
    pairs = {(p.imperfective, p.perfective) for p in table.pairs}
    problems: list[str] = []
    for verb in table.verbs:
        if verb.partners and verb.aspect == "biasp":
            problems.append(f"{verb.lemma}: a biaspectual verb with a partner")
        other = "perf" if verb.aspect == "imperf" else "imperf"
        for partner in verb.partners:
            if partner.endswith(" się") != verb.reflexive:
                problems.append(f"{verb.lemma} ~ {partner}: reflexive and not")
            if not has_aspect(verb_aspects(base(partner)), other):
                problems.append(f"{verb.lemma} ~ {partner}: {partner} is not {other}")
            pair = (verb.lemma, partner) if verb.aspect == "imperf" else (partner, verb.lemma)
            if pair not in pairs:
                problems.append(f"{pair} is not in aspect_pairs.tsv")
            row = table.verb(partner)
            if row is not None and row.lemma == partner and verb.lemma not in row.partners:
                problems.append(f"{verb.lemma} → {partner} but {partner} → {row.partners}")
    assert problems == []


def test_every_pair_is_imperfective_then_perfective(
    table: GovernmentTable, verb_aspects: Callable[[str], set[str]]
) -> None:
    wrong = [
        (p.imperfective, p.perfective)
        for p in table.pairs
        if not has_aspect(verb_aspects(base(p.imperfective)), "imperf")
        or not has_aspect(verb_aspects(base(p.perfective)), "perf")
        or p.imperfective == p.perfective
        or p.imperfective.endswith(" się") != p.perfective.endswith(" się")
    ]
    assert wrong == []
    assert len({(p.imperfective, p.perfective) for p in table.pairs}) == len(table.pairs)
    # and the pairs come from the table: each has at least one member with a row
    assert all(p.imperfective in table or p.perfective in table for p in table.pairs)


def test_every_preposition_has_exactly_morfeuszs_cases(
    table: GovernmentTable, morf: morfeusz2.Morfeusz
) -> None:
    wrong = {}
    for prep in table.prepositions:
        ours = set(table.prep_cases(prep))
        theirs = {
            tag.split(":")[1]
            for _start, _end, (_form, _lemma, tag, _names, _labels) in morf.analyse(prep)
            if tag.startswith("prep:")
        }
        if ours != theirs:
            wrong[prep] = (sorted(ours), sorted(theirs))
    assert wrong == {}


def test_prepositional_frames_use_a_preposition_with_that_case(table: GovernmentTable) -> None:
    wrong = [
        (v.lemma, str(f))
        for v in table.verbs
        for f in v.frames
        if f.kind == "prep" and f.case not in table.prep_cases(f.preposition or "")
    ]
    assert wrong == []


def test_examples_use_their_verb(table: GovernmentTable, morf: morfeusz2.Morfeusz) -> None:
    """Each example sentence has a form of its verb (and się for a reflexive verb)."""
    lemmas_of: dict[str, set[str]] = defaultdict(set)

    def lemmas(word: str) -> set[str]:
        if word not in lemmas_of:
            for _s, _e, (_form, lemma, _tag, _n, _l) in morf.analyse(word):
                lemmas_of[word].add(lemma.split(":", 1)[0])
        return lemmas_of[word]

    wrong = []
    for verb in table.verbs:
        words = re.findall(r"\w+", verb.example.lower())
        if not any(base(verb.lemma) in lemmas(w) for w in words):
            wrong.append((verb.lemma, verb.example))
        elif verb.reflexive and "się" not in words:
            wrong.append((verb.lemma, verb.example))
    assert wrong == []


# -- what a teacher checks first -------------------------------------------------------------

OBJECT_CASES = {
    "potrzebować": {"gen"},
    "szukać": {"gen"},
    "słuchać": {"gen"},
    "używać": {"gen"},
    "uczyć się": {"gen"},
    "bać się": {"gen"},
    "nienawidzić": {"gen"},
    "unikać": {"gen"},
    "dotyczyć": {"gen"},
    "pilnować": {"gen"},
    "napić się": {"gen"},
    "pić": {"acc"},
    "mieć": {"acc"},
    "lubić": {"acc"},
    "kochać": {"acc"},
    "jeść": {"acc"},
    "kupić": {"acc", "dat"},
    "widzieć": {"acc"},
    "znać": {"acc"},
    "boleć": {"acc"},
    "pomagać": {"dat"},
    "dziękować": {"dat"},
    "podobać się": {"dat"},
    "ufać": {"dat"},
    "smakować": {"dat"},
    "interesować się": {"inst"},
    "zajmować się": {"inst"},
    "opiekować się": {"inst"},
    "być": {"inst", "nom"},
    "nazywać się": {"nom"},
    "uczyć": {"acc", "gen"},
    "dać": {"acc", "dat"},
    "życzyć": {"gen", "dat"},
    "chcieć": {"acc", "gen"},
    "czekać": set(),
    "myśleć": set(),
}


@pytest.mark.parametrize(("lemma", "cases"), sorted(OBJECT_CASES.items()))
def test_object_cases(table: GovernmentTable, lemma: str, cases: set[str]) -> None:
    assert table.case_of(lemma) == cases


FIRST_FRAME = {
    "potrzebować": "gen",
    "szukać": "gen",
    "pić": "acc",
    "pomagać": "dat",
    "interesować się": "inst",
    "czekać": "na+acc",
    "myśleć": "o+loc",
    "rozmawiać": "z+inst",
    "prosić": "o+acc",
    "mieszkać": "w+loc",
    "pochodzić": "z+gen",
    "zależeć": "od+gen",
    "tęsknić": "za+inst",
    "martwić się": "o+acc",
    "dbać": "o+acc",
    "grać": "w+acc",
    "móc": "inf",
    "musieć": "inf",
    "chcieć": "inf",
    "twierdzić": "że",
}


@pytest.mark.parametrize(("lemma", "frame"), sorted(FIRST_FRAME.items()))
def test_most_usual_frame(table: GovernmentTable, lemma: str, frame: str) -> None:
    assert str(table.frames(lemma)[0]) == frame


def test_frames_a_verb_keeps_both_of() -> None:
    table = GovernmentTable.load()
    assert [str(f) for f in table.frames("lubić")][:2] == ["acc", "inf"]
    assert {"w+acc", "na+loc"} <= {str(f) for f in table.frames("grać")}
    assert {"dat", "za+acc"} <= {str(f) for f in table.frames("dziękować")}
    assert {"do+gen", "na+acc", "inst"} <= {str(f) for f in table.frames("jechać")}
    assert table.frames("spać") == () and table.verb("spać") is not None


def test_negated_genitive_is_not_a_frame(table: GovernmentTable) -> None:
    """The treebanks show these verbs with genitive objects, all under nie: not a frame."""
    for lemma in ("mieć", "pić", "widzieć", "znać", "robić", "lubić", "jeść", "kupić", "znaleźć"):
        assert "gen" not in table.case_of(lemma), lemma


def test_reflexive_lookup(table: GovernmentTable) -> None:
    # bać exists only as bać się: the plain lemma finds it
    assert table.verb("bać") is table.verb("bać się")
    # uczyć and uczyć się differ: the flag (or the written się) picks the row
    assert table.case_of("uczyć") == {"acc", "gen"}
    assert table.case_of("uczyć", reflexive=True) == {"gen"}
    assert table.case_of("Uczyć się") == {"gen"}
    # a verb without a reflexive row keeps its own frames when się is present
    assert table.case_of("pić", reflexive=True) == {"acc"}
    assert table.frames("nie-ma-takiego") == ()
    assert table.case_of("nie-ma-takiego") == frozenset()
    assert "potrzebować" in table and "nie-ma-takiego" not in table


EVERYDAY = (
    "być mieć iść chodzić jechać jeździć pić jeść lubić kochać potrzebować szukać słuchać pomagać "
    "dziękować czekać pytać uczyć_się bać_się interesować_się zajmować_się używać chcieć móc "
    "musieć woleć grać pracować mieszkać kupować kupić czytać przeczytać pisać napisać oglądać "
    "obejrzeć brać wziąć dawać dać opiekować_się mówić powiedzieć widzieć zobaczyć"
)


def test_everyday_verbs_are_there(table: GovernmentTable) -> None:
    missing = [w.replace("_", " ") for w in EVERYDAY.split() if w.replace("_", " ") not in table]
    assert missing == []


PAIRS = {
    "czytać": ("czytać", "przeczytać"),
    "przeczytać": ("czytać", "przeczytać"),
    "pić": ("pić", "wypić"),
    "zjeść": ("jeść", "zjeść"),
    "kupić": ("kupować", "kupić"),
    "wziąć": ("brać", "wziąć"),
    "powiedzieć": ("mówić", "powiedzieć"),
    "widzieć": ("widzieć", "zobaczyć"),
    "robić": ("robić", "zrobić"),
    "pójść": ("iść", "pójść"),
    "jechać": ("jechać", "pojechać"),
    "dać": ("dawać", "dać"),
    "obejrzeć": ("oglądać", "obejrzeć"),
    "napisać": ("pisać", "napisać"),
    "uczyć się": ("uczyć się", "nauczyć się"),
}


@pytest.mark.parametrize(("lemma", "pair"), sorted(PAIRS.items()))
def test_aspect_pairs(table: GovernmentTable, lemma: str, pair: tuple[str, str]) -> None:
    assert table.pair(lemma) == pair
    other = pair[1] if lemma == pair[0] else pair[0]
    assert other in table.aspect_partner(lemma)
    assert table.same_verb(lemma, other)


def test_everyday_pairs_come_first(table: GovernmentTable) -> None:
    first = [(p.imperfective, p.perfective) for p in table.pairs[:10]]
    assert ("czytać", "przeczytać") in first and ("pić", "wypić") in first
    assert table.pair("spać") is None and table.aspect_partner("spać") == ()
    assert not table.same_verb("pić", "jeść")
    assert table.aspect("wypić") == "perf" and table.aspect("potrafić") == "biasp"


def test_preposition_meanings(table: GovernmentTable) -> None:
    w = table.prep_cases("w")
    assert set(w) == {"loc", "acc"}
    assert "where?" in w["loc"][0] and "gdzie?" in w["loc"][1]
    assert "kiedy?" in w["acc"][1]
    assert set(table.prep_cases("z")) == {"gen", "inst"}
    assert "with" in table.prep_cases("z")["inst"][0]
    assert "from" in table.prep_cases("z")["gen"][0]
    assert set(table.prep_cases("Ze")) == {"gen", "inst"}
    assert set(table.prep_cases("na")) == {"loc", "acc"}
    assert set(table.prep_cases("za")) == {"acc", "inst", "gen"}
    assert set(table.prep_cases("dzięki")) == {"dat"}
    assert table.prep_cases("kot") == {}


# -- the loader --------------------------------------------------------------------------------


def test_frame_parse_round_trips() -> None:
    for text in ("acc", "gen", "dat", "inst", "nom", "inf", "że", "na+acc", "o+loc", "z+inst"):
        assert str(Frame.parse(text)) == text
    assert Frame.parse("na+acc") == Frame("prep", case="acc", preposition="na")
    for bad in ("loc", "voc", "na", "na+voc", "+acc", "clause", ""):
        with pytest.raises(ValueError):
            Frame.parse(bad)


def write_tables(directory: Path, verbs: str, pairs: str = "", preps: str = "") -> Path:
    (directory / "verbs.tsv").write_text(
        "# comment\nlemma\taspect\tpartner\tframes\tgloss\texample\n" + verbs, encoding="utf-8"
    )
    (directory / "aspect_pairs.tsv").write_text(
        "imperfective\tperfective\tgloss\n" + pairs, encoding="utf-8"
    )
    (directory / "prepositions.tsv").write_text(
        "preposition\tcase\tmeaning_en\tmeaning_pl\texample\n" + preps, encoding="utf-8"
    )
    return directory


def test_a_small_table_loads(tmp_path: Path) -> None:
    data = write_tables(
        tmp_path,
        "pić\timperf\twypić\tacc\tdrink\tPiję kawę.\nspać\timperf\t\t-\tsleep\tŚpię.\n",
        "pić\twypić\tdrink\n",
        "w\tloc\tin\tgdzie?\tW domu.\n",
    )
    table = GovernmentTable.load(data)
    assert table.case_of("pić") == {"acc"} and table.frames("spać") == ()
    assert table.pair("wypić") == ("pić", "wypić") and table.aspect("wypić") == "perf"
    assert table.prep_cases("w") == {"loc": ("in", "gdzie?")}


@pytest.mark.parametrize(
    ("verbs", "message"),
    [
        ("pić\tnie\t\tacc\tdrink\tPiję.\n", "verbs.tsv:3: aspect"),
        ("pić\timperf\t\tacc;loc\tdrink\tPiję.\n", "verbs.tsv:3: not a frame: 'loc'"),
        ("pić\timperf\t\tna+voc\tdrink\tPiję.\n", "verbs.tsv:3: not a frame"),
        ("pić\timperf\t\t\tdrink\tPiję.\n", "verbs.tsv:3: no frames"),
        ("pić\timperf\t\tacc\tdrink\n", "verbs.tsv:3: 5 columns"),
        ("Pić\timperf\t\tacc\tdrink\tPiję.\n", "not lowercase"),
        ("pić\timperf\t\tacc\tdrink\tA.\npić\timperf\t\tacc\tdrink\tB.\n", "listed twice"),
    ],
)
def test_bad_rows_name_the_line(tmp_path: Path, verbs: str, message: str) -> None:
    with pytest.raises(GovernmentDataError, match=re.escape(message)):
        GovernmentTable.load(write_tables(tmp_path, verbs))


def test_bad_header_and_preposition_case(tmp_path: Path) -> None:
    data = write_tables(tmp_path, "", "", "w\tvoc\tin\tgdzie?\tW.\n")
    with pytest.raises(GovernmentDataError, match="prepositions.tsv:2: case 'voc'"):
        GovernmentTable.load(data)
    (tmp_path / "aspect_pairs.tsv").write_text("imperf\tperf\n", encoding="utf-8")
    with pytest.raises(GovernmentDataError, match="aspect_pairs.tsv:1: header"):
        GovernmentTable.load(data)
