"""Verbs that share one subject agree with it together, or none is changed.

*Moja córka był chory i nie chodził do szkoły* was made *była chora i nie chodził*: the
verb after *i* shares the subject *córka*, unsaid, and was left in the learner's masculine,
a half-corrected sentence shown as the right one. Now the verbs after *i*, *a*, *ale*,
*lecz*, *więc* (but for *nie*, *się*, clitics and adverbs) in the very form of the first
verb, with no subject of their own before them, agree with its subject too, whether it is a
noun, a pronoun, a first name or two nouns joined by *i*. Real Morfeusz.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    (
        "W zeszłym tygodniu moja córka był chory i nie chodził do szkoły.",
        "W zeszłym tygodniu moja córka była chora i nie chodziła do szkoły.",
    ),
    ("Moja córka nie spał i płakał.", "Moja córka nie spała i płakała."),
    ("Moja mama gotował i sprzątał.", "Moja mama gotowała i sprzątała."),
    ("Mój brat gotowała i sprzątała.", "Mój brat gotował i sprzątał."),
    (
        "Moja córka pojechał do Warszawy i tam zamieszkał.",
        "Moja córka pojechała do Warszawy i tam zamieszkała.",
    ),
    (
        "Moja siostra przyszedł, ale nic nie powiedział.",
        "Moja siostra przyszła, ale nic nie powiedziała.",
    ),
    ("Dzieci bawi się i śpiewa.", "Dzieci bawią się i śpiewają."),
    ("Mama i tata gotował i sprzątał.", "Mama i tata gotowali i sprzątali."),
    ("Anna poszedł i kupił chleb.", "Anna poszła i kupiła chleb."),
    ("Ona poszedł i kupił chleb.", "Ona poszła i kupiła chleb."),
    ("Ona był chory i nie przyszedł.", "Ona była chora i nie przyszła."),
    ("On poszła do sklepu, ale nic nie kupiła.", "On poszedł do sklepu, ale nic nie kupił."),
    (
        "Ja mieszka w Krakowie i pracuje w banku.",
        "Ja mieszkam w Krakowie i pracuję w banku.",
    ),
    (
        "My idzie do kina i potem idzie na kolację.",
        "My idziemy do kina i potem idziemy na kolację.",
    ),
]

# the verb after the conjunction has a subject of its own, or another form, or is in a
# clause of its own
PARTLY = [
    (
        "Moja córka pojechał do Warszawy, bo tam zamieszkał jej chłopak.",
        "Moja córka pojechała do Warszawy, bo tam zamieszkał jej chłopak.",
    ),
    ("Ona poszedł do sklepu, a on kupił chleb.", "Ona poszła do sklepu, a on kupił chleb."),
    ("Ona kupił chleb, który zjadł.", "Ona kupiła chleb, który zjadł."),
]

LEFT_ALONE = [
    "Moja córka była chora i nie chodziła do szkoły.",
    "Moja córka pojechała do Warszawy i Jan tam zamieszkał.",
    "Moja mama gotowała i tata sprzątał.",
    "Kot spał, a pies szczekał.",
    "Opaski przeglądamy w lipcu i niszczymy znajdujące się tam gąsienice.",
    "Mleko kupuję w sklepie i piję rano.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS + PARTLY)
def test_verbs_sharing_a_subject_agree_together(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected


def test_the_later_verb_names_the_subject(engine: LanguageEngine) -> None:
    issues = engine.check("Moja siostra przyszedł, ale nic nie powiedział.").issues
    later = next(i for i in issues if i.got == "powiedział")
    assert later.expected == "powiedziała"
    assert "subject *siostra* (feminine)" in later.explanation


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_left_alone(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
