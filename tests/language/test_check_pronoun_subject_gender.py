"""An adjective after *być* agrees with the subject *on*: the explanation names *on* masculine,
no more — it stands for a man, an animal or a thing alike (*Mam nowy samochód, ale on jest
czerwony*), so "masculine personal" would be a false rule. A noun's own gender is named as it
is (*brat*: masculine personal; *samochód*: masculine inanimate)."""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine


@pytest.mark.parametrize(
    ("text", "corrected", "named_en", "named_pl"),
    [
        (
            "Mam nowy samochód, ale on jest czerwona.",
            "Mam nowy samochód, ale on jest czerwony.",
            "(masculine)",
            "(rodzaj męski)",
        ),
        (
            "Mam psa, on jest bardzo mała.",
            "Mam psa, on jest bardzo mały.",
            "(masculine)",
            "(rodzaj męski)",
        ),
        (
            "Mój brat jest chora.",
            "Mój brat jest chory.",
            "(masculine personal)",
            "(rodzaj męskoosobowy)",
        ),
        (
            "Samochód jest czerwona.",
            "Samochód jest czerwony.",
            "(masculine inanimate)",
            "(rodzaj męskorzeczowy)",
        ),
        ("Ona jest zmęczony.", "Ona jest zmęczona.", "(feminine)", "(rodzaj żeński)"),
    ],
)
def test_the_subject_is_named_by_its_true_gender(
    engine: LanguageEngine, text: str, corrected: str, named_en: str, named_pl: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert named_en in issue.explanation
    (issue,) = engine.check(text, explain_in="pl").issues
    assert named_pl in issue.explanation


@pytest.mark.parametrize(
    ("text", "corrected", "named_en", "named_pl"),
    [
        ("On poszła do pracy.", "On poszedł do pracy.", "(masculine)", "(rodzaj męski)"),
        ("Mój pies poszła spać.", "Mój pies poszedł spać.", "(masculine animate)", None),
        ("Ona poszedł do domu.", "Ona poszła do domu.", "(feminine)", "(rodzaj żeński)"),
        (
            "Oni poszły do domu.",
            "Oni poszli do domu.",
            "(masculine personal)",
            "(rodzaj męskoosobowy)",
        ),
    ],
)
def test_a_past_verb_names_its_subjects_true_gender(
    engine: LanguageEngine, text: str, corrected: str, named_en: str, named_pl: str | None
) -> None:
    """The past tense's gender after *on* (stop 37): masculine, as for the adjective above;
    it was named "masculine personal"."""
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.rule is not None and issue.rule.id == "agreement.past_gender"
    assert named_en in issue.explanation
    if named_pl is not None:
        (issue,) = engine.check(text, explain_in="pl").issues
        assert named_pl in issue.explanation
