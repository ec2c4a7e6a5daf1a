"""A verb that takes an infinitive: the next verb is its infinitive (rule ``verb.infinitive``).

After *musieć*, *móc*, *chcieć*, *umieć*, *potrafić* …, a verb of starting or stopping (also
told to someone: *Przestań*, *Zacznij*, *Skończ*), *trzeba* and the *będę* of the future, a
verb in the governor's person and number is its infinitive: *Muszę idę* → *iść*, *Przestań
mówisz* → *mówić*. A word that is also a noun (*gram*, *dam*, *mam*) counts when its verb form
is the speaker's or the addressee's, as the governor's (*Umiem gram* → *grać*): a noun is
never in those persons. Left alone: a comma between (*Przestań, mówię!*, *Zacznij,
zobaczysz*), another person (*Umiesz gram?*: which is meant?), the 3rd person of a word that is
also a noun (*Lubi gra*: *grać* or *grę*?), a perfective after a verb of starting (*Zacznij,
zobaczysz*), and verbs that do not take an infinitive in this sense (*Spróbuj, zobaczysz*).
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Muszę idę do domu.", "Muszę iść do domu.", "Muszę"),
    ("Chcę pójdę do kina.", "Chcę pójść do kina.", "Chcę"),
    ("Przestań mówisz.", "Przestań mówić.", "Przestań"),
    ("Przestańcie krzyczycie.", "Przestańcie krzyczeć.", "Przestańcie"),
    ("Zacznij czytasz.", "Zacznij czytać.", "Zacznij"),
    ("Przestań się martwisz.", "Przestań się martwić.", "Przestań"),
    ("Umiem gram na gitarze.", "Umiem grać na gitarze.", "Umiem"),
    ("Potrafię pływam.", "Potrafię pływać.", "Potrafię"),
    ("Chcę dam ci prezent.", "Chcę dać ci prezent.", "Chcę"),
    ("Muszę mam więcej czasu.", "Muszę mieć więcej czasu.", "Muszę"),
    ("Trzeba robimy zakupy.", "Trzeba robić zakupy.", "Trzeba"),
]

# wrong, but which form is meant is not sure: left as written
WAITS = [
    "Umiesz gram na gitarze?",
    "Lubi gra w piłkę.",
    "Ona umie gra na pianinie.",
]

CORRECT = [
    "Muszę iść do domu.",
    "Chcę pójść do kina.",
    "Przestań mówić.",
    "Przestań, mówię!",
    "Zacznij, zobaczysz.",
    "Spróbuj, zobaczysz.",
    "Przestań się martwić.",
    "Umiem grać na gitarze.",
    "Ona umie grać na pianinie.",
    "Potrafię pływać.",
    "Chcę dać ci prezent.",
    "Muszę mieć więcej czasu.",
    "Trzeba robić zakupy.",
    "Mam nadzieję, że przyjdziesz.",
]


@pytest.mark.parametrize(("text", "corrected", "governor"), PAIRS)
def test_the_verb_after_its_governor_is_an_infinitive(
    engine: LanguageEngine, text: str, corrected: str, governor: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.rule is not None
    assert (issue.rule.id, issue.rule.trigger) == ("verb.infinitive", governor)
    assert issue.explanation.startswith(f"*{governor}* takes an infinitive after it, not the ")
    (issue,) = engine.check(text, explain_in="pl").issues
    assert issue.explanation.startswith(f"Po *{governor}* następuje bezokolicznik, a nie ")


def test_a_perfective_is_named_a_future(engine: LanguageEngine) -> None:
    (issue,) = engine.check("Chcę pójdę do kina.").issues
    assert issue.explanation.startswith(
        "*Chcę* takes an infinitive after it, not the simple future (perfective): "
    )
    (issue,) = engine.check("Chcę pójdę do kina.", explain_in="pl").issues
    assert issue.explanation.startswith(
        "Po *Chcę* następuje bezokolicznik, a nie czas przyszły prosty: "
    )


def test_after_bede_the_future_is_named(engine: LanguageEngine) -> None:
    (issue,) = engine.check("Będę robię to jutro.").issues
    assert issue.rule is not None and issue.rule.id == "verb.infinitive"
    assert issue.explanation.startswith(
        "After *Będę* the future takes the infinitive (or the *-ł* form: *będę robił*), not "
        "the present tense: "
    )
    (issue,) = engine.check("Będę robię to jutro.", explain_in="pl").issues
    assert issue.explanation.startswith(
        "Po *Będę* (czas przyszły) następuje bezokolicznik (albo forma na *-ł*: *będę robił*), "
        "a nie czas teraźniejszy: "
    )


@pytest.mark.parametrize("text", WAITS)
def test_unsure_forms_wait(engine: LanguageEngine, text: str) -> None:
    assert engine.check(text).corrected == text


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
