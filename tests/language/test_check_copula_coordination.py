"""``check`` on what learners' free sentences miss most (brief h27): the instrumental after być
(with a plural subject, after *chcę być*, a nationality, a noun joined to the predicate), a
predicative adjective after a subject with words of its own, *ani* after a negation, and the
word breaks *Chciała bym mieć*, *niemogę*, *popolsku*. Each rule with sentences it corrects (the
change, the rule and its trigger, a true explanation in both languages) and right sentences
near it that it must leave alone. Real Morfeusz throughout.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

# (learner's sentence, corrected, [(got, expected, rule id, trigger)])
WRONG = [
    # the instrumental after być: a plural subject (nominative or vocative)
    ("Moi rodzice są emeryci.", "Moi rodzice są emerytami.",
     [("emeryci", "emerytami", "case.copula", "są")]),
    ("Moi dziadkowie byli nauczyciele w małej szkole.",
     "Moi dziadkowie byli nauczycielami w małej szkole.",
     [("nauczyciele", "nauczycielami", "case.copula", "byli")]),
    ("Jesteśmy Polacy, ale mieszkamy w Niemczech.", "Jesteśmy Polakami, ale mieszkamy w Niemczech.",
     [("Polacy", "Polakami", "case.copula", "Jesteśmy")]),
    # a nationality is a common noun, though capitalised
    ("Jestem Amerykanin.", "Jestem Amerykaninem.",
     [("Amerykanin", "Amerykaninem", "case.copula", "Jestem")]),
    # the speaker's past być: a noun also read as accusative that is no time noun
    ("Kiedy byłem dziecko, mieszkałem na wsi.", "Kiedy byłem dzieckiem, mieszkałem na wsi.",
     [("dziecko", "dzieckiem", "case.copula", "byłem")]),
    # the infinitive być after a verb whose subject wants to be someone
    ("Kiedy byłem mały, chciałem być aktor.", "Kiedy byłem mały, chciałem być aktorem.",
     [("aktor", "aktorem", "case.copula", "być")]),
    ("Mój syn chce być piłkarz.", "Mój syn chce być piłkarzem.",
     [("piłkarz", "piłkarzem", "case.copula", "być")]),
    ("W przyszłości chciałbym być kucharz.", "W przyszłości chciałbym być kucharzem.",
     [("kucharz", "kucharzem", "case.copula", "być")]),
    # a noun joined to the predicate takes its case
    ("Jestem nauczycielem i tłumacz.", "Jestem nauczycielem i tłumaczem.",
     [("tłumacz", "tłumaczem", "case.copula", "Jestem")]),
    ("Jestem lekarz i tłumacz.", "Jestem lekarzem i tłumaczem.",
     [("lekarz", "lekarzem", "case.copula", "Jestem"),
      ("tłumacz", "tłumaczem", "case.copula", "Jestem")]),
    # a predicative adjective: the subject with a word or a phrase of its own
    ("Język polski jest trudna, ale piękna.", "Język polski jest trudny, ale piękny.",
     [("trudna", "trudny", "agreement.adjective", "Język"),
      ("piękna", "piękny", "agreement.adjective", "Język")]),
    ("Moi koledzy z pracy są bardzo miłe.", "Moi koledzy z pracy są bardzo mili.",
     [("miłe", "mili", "agreement.adjective", "koledzy")]),
    ("Dom z ogrodem jest duża.", "Dom z ogrodem jest duży.",
     [("duża", "duży", "agreement.adjective", "Dom")]),
    # a noun that is also a verbal noun (both neuter singular)
    ("Nasze mieszkanie jest mały.", "Nasze mieszkanie jest małe.",
     [("mały", "małe", "agreement.adjective", "mieszkanie")]),
    # adverbs before the adjective
    ("Zupa jest jeszcze za gorący.", "Zupa jest jeszcze za gorąca.",
     [("gorący", "gorąca", "agreement.adjective", "Zupa")]),
    ("Nasze dzieci są zwykle bardzo grzeczni.", "Nasze dzieci są zwykle bardzo grzeczne.",
     [("grzeczni", "grzeczne", "agreement.adjective", "dzieci")]),
    # two nominative nouns joined by "i" are a plural subject
    ("Mój kolega i jego żona ma nowy dom.", "Mój kolega i jego żona mają nowy dom.",
     [("ma", "mają", "agreement.subject_verb", "Mój kolega i jego żona")]),
    ("Mama i tata mieszka w Krakowie.", "Mama i tata mieszkają w Krakowie.",
     [("mieszka", "mieszkają", "agreement.subject_verb", "Mama i tata")]),
    ("Wczoraj Ania i Kasia poszli do kina.", "Wczoraj Ania i Kasia poszły do kina.",
     [("poszli", "poszły", "agreement.past_gender", "Ania i Kasia")]),
    ("Mój brat i siostra pracowały w Londynie.", "Mój brat i siostra pracowali w Londynie.",
     [("pracowały", "pracowali", "agreement.past_gender", "Mój brat i siostra")]),
    # być before a place or a time: no adjective of its own to change with it
    ("Moja mama i mój tata jest w domu.", "Moja mama i mój tata są w domu.",
     [("jest", "są", "agreement.subject_verb", "Moja mama i mój tata")]),
    ("Anna i Ola był na plaży.", "Anna i Ola były na plaży.",
     [("był", "były", "agreement.subject_verb", "Anna i Ola")]),
    ("Mama i tata był tam wczoraj.", "Mama i tata byli tam wczoraj.",
     [("był", "byli", "agreement.subject_verb", "Mama i tata")]),
    # ani joins what a negation governs
    ("Nie mam samochodu ani rower.", "Nie mam samochodu ani roweru.",
     [("rower", "roweru", "case.negation", "Nie")]),
    ("Wieczorem nie piję kawy ani herbata.", "Wieczorem nie piję kawy ani herbaty.",
     [("herbata", "herbaty", "case.negation", "nie")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "corrected", "changes"), WRONG)
def test_each_rule_corrects_its_mistake_and_names_its_reason(
    engine: LanguageEngine, text: str, corrected: str, changes: list[tuple[str, str, str, str]]
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    assert [
        (i.got, i.expected, i.rule.id if i.rule else None, i.rule.trigger if i.rule else None)
        for i in result.issues
    ] == changes
    polish = engine.check(text, explain_in="pl").issues
    for issue, pl, (got, right, _rule, trigger) in zip(result.issues, polish, changes, strict=True):
        assert f"*{got}* → *{right}*" in issue.explanation
        assert trigger in issue.explanation and trigger in pl.explanation
        assert f"*{got}* → *{right}*" in pl.explanation and pl.explanation != issue.explanation


def test_the_explanations_name_the_right_case_and_gender(engine: LanguageEngine) -> None:
    said = {
        t: engine.check(t).issues
        for t in ("Jestem nauczycielem i tłumacz.", "Dom z ogrodem jest duża.")
    }
    assert said["Jestem nauczycielem i tłumacz."][0].explanation == (
        "After *Jestem* (a form of *być*, to be) a noun that says who or what someone is takes "
        "the Instrumental: *tłumacz* → *tłumaczem*."
    )
    assert said["Dom z ogrodem jest duża."][0].explanation == (
        "The adjective agrees with the subject *Dom* (masculine inanimate): *duża* → *duży*."
    )
    joined = engine.check("Język polski jest trudna, ale piękna.").issues[1]
    assert joined.explanation == (
        "Joined to *trudny*, this adjective agrees with the same subject *Język*: "
        "*piękna* → *piękny*."
    )
    polish = engine.check("Jestem nauczycielem i tłumacz.", explain_in="pl").issues[0]
    assert polish.explanation == (
        "Po *Jestem* (formie czasownika *być*) rzeczownik, który mówi, kim lub czym ktoś jest, "
        "stoi w narzędniku: *tłumacz* → *tłumaczem*."
    )


WORD_BREAKS = [
    ("Chciała bym mieć psa.", "Chciałabym mieć psa.", "Chciała bym", "Chciałabym"),
    ("Jeśli będzie ładnie, mogli byśmy pójść na spacer.",
     "Jeśli będzie ładnie, moglibyśmy pójść na spacer.", "mogli byśmy", "moglibyśmy"),
    ("Niemogę przyjść jutro.", "Nie mogę przyjść jutro.", "Niemogę", "Nie mogę"),
    ("Jutro niemogę przyjść.", "Jutro nie mogę przyjść.", "niemogę", "nie mogę"),
    ("Mówię trochę popolsku.", "Mówię trochę po polsku.", "popolsku", "po polsku"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "corrected", "got", "right"), WORD_BREAKS)
def test_words_written_together_or_apart(
    engine: LanguageEngine, text: str, corrected: str, got: str, right: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    [issue] = result.issues
    assert (issue.got, issue.expected) == (got, right)
    assert issue.rule is not None and issue.rule.id == "spelling.word_break"


def test_po_is_explained_as_the_preposition(engine: LanguageEngine) -> None:
    en = engine.check("Mówię trochę popolsku.").issues[0].explanation
    pl = engine.check("Mówię trochę popolsku.", explain_in="pl").issues[0].explanation
    assert en == (
        "*po polsku* is written as two words, not *popolsku* (the preposition po is a separate "
        "word: po polsku, po angielsku)."
    )
    assert pl == (
        "*po polsku* piszemy osobno, nie *popolsku* (po jest tu przyimkiem, osobnym wyrazem: "
        "po polsku, po angielsku)."
    )


LEFT_ALONE = [
    # the nominative after "to"
    "To jest student.",
    "To nie jest student.",
    "To nie są przedstawiciele narodu.",
    # a question word before być, the subject after it
    "Kto są ci ludzie?",
    "Kto to są ci nauczyciele?",
    # right already
    "Oni są studentami.",
    "Jestem nauczycielem i tłumaczem.",
    "Mój syn chce być lekarzem.",
    "Dom jest duży.",
    "Mieszkanie jest tanie.",
    "Zdjęcia z wakacji są piękne.",
    "Nie piję kawy ani herbaty.",
    "Nie mam czasu ani pieniędzy.",
    # the speaker's own gender, which the text does not show
    "Jestem zmęczona.",
    "Jestem zmęczony.",
    # a name, not who someone is
    "Jestem Anna.",
    # a woman who is Polish: Polka is also a surname, so it stays
    "Moja babcia była Polką.",
    # the noun after być is its subject: nothing before wants to be anything
    "Może być problem.",
    "Tu musi być sklep.",
    "Lepsza jest teraźniejszość.",
    # how long, not who: a time noun in the accusative
    "Byłem tydzień w Krakowie.",
    "Jestem tydzień w Krakowie.",
    # the future of another verb, whose object the noun is
    "Będziemy taką inicjatywę wspierać.",
    "Sędziowie pobierać będą opłatę.",
    # the subject after the verb, an adjective before it
    "Obecny był kierownik wydziału.",
    # a passive after adverbs, its subject a name of unknown gender
    "Hilary Clinton jest coraz częściej wymieniana.",
    # another clause after "ani"
    "Nie mam samochodu ani rower nie jest mi potrzebny.",
    # a subject and an ellipsis after "i"
    "Mój brat jest lekarzem i Anna też.",
    # numerals
    "Dwaj bracia są lekarzami.",
    "Jest nas pięciu.",
    # a plural subject of two nouns, its verb right already
    "Mama i tata mieszkają w Krakowie.",
    "Ania i Kasia poszły do kina.",
    "Ania i Piotr poszli do kina.",
    "Kot i pies śpią na kanapie.",
    "Moja mama i mój tata są w domu.",
    "Anna i Ola były na plaży.",
    # być before an adjective or a noun: both would have to change, left to the comparer
    "Kawa i herbata są drogie.",
    "Mój brat i siostra są lekarzami.",
    # two objects before the verb, the subject after it
    "Chleb i masło kupił Jan.",
    # a name whose gender is not sure (Marek is also a woman's surname): the past left alone
    "Ania i Marek poszły do kina.",
    # the conjunction by before a bare infinitive; bym before a past form
    "Poszedł by kupić chleb.",
    "Chciał, bym przyszła.",
    # everyday words that start with nie or po
    "Nie celebrował nabożeństwa Niedzieli Palmowej.",
    "Potem poszedłem do domu.",
    "Niedziela była miła.",
]


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_right_sentences_near_the_rules_are_left_alone(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text
    assert result.issues == ()
