"""``check``'s agreement and syntax rules for free text (issue 15, the GEC set's ``skład``):
a verb with a person's name as its subject, a counted subject, a subject after an intransitive
verb, two adjectives that agree with each other but not with their noun, a numeral after a
preposition, a locative with no preposition. Each rule with sentences it corrects (the change,
the rule and its trigger, a true explanation in both languages) and correct sentences near it
that it must leave alone (correct ones, and wrong ones whose error is not the rule's to judge).
Real Morfeusz throughout.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

# (learner's sentence, corrected, the learner's word, the right one, rule id, trigger)
WRONG = [
    # a first name, with a title and a surname: its gender
    ("Wczoraj profesor Jan Nowak wygłosiła wykład.", "Wczoraj profesor Jan Nowak wygłosił wykład.",
     "wygłosiła", "wygłosił", "agreement.past_gender", "Jan Nowak"),
    ("Anna Nowak mają dwóch synów.", "Anna Nowak ma dwóch synów.", "mają", "ma",
     "agreement.subject_verb", "Anna Nowak"),
    # a surname shaped like an adjective
    ("Po obiedzie Kowalski wyszły z domu.", "Po obiedzie Kowalski wyszedł z domu.", "wyszły",
     "wyszedł", "agreement.subject_verb", "Kowalski"),
    ("Po obiedzie Kowalska wyszedł z domu.", "Po obiedzie Kowalska wyszła z domu.", "wyszedł",
     "wyszła", "agreement.past_gender", "Kowalska"),
    # a first name after a verb that takes no object
    ("Na ławce siedziało Marek.", "Na ławce siedział Marek.", "siedziało", "siedział",
     "agreement.past_gender", "Marek"),
    # counted subjects: plural, not masculine personal
    ("Obie siostry pracowali w szpitalu.", "Obie siostry pracowały w szpitalu.", "pracowali",
     "pracowały", "agreement.past_gender", "Obie siostry"),
    ("Dwa psy biegał po parku.", "Dwa psy biegały po parku.", "biegał", "biegały",
     "agreement.subject_verb", "Dwa psy"),
    ("Trzy kobiety śmiali się głośno.", "Trzy kobiety śmiały się głośno.", "śmiali", "śmiały",
     "agreement.past_gender", "Trzy kobiety"),
    # the subject after an intransitive verb, with its adjective, in a clause with "i"
    ("Na placu powstawał nowe domy.", "Na placu powstawały nowe domy.", "powstawał",
     "powstawały", "agreement.subject_verb", "domy"),
    ("W latach 20. i 30. na placu powstawała nowe domy.",
     "W latach 20. i 30. na placu powstawały nowe domy.", "powstawała", "powstawały",
     "agreement.subject_verb", "domy"),
    # a noun subject after its determiner, which shows it is no genitive (te: not tych)
    ("Te dzieci byli w domu.", "Te dzieci były w domu.", "byli", "były",
     "agreement.past_gender", "dzieci"),
    ("Moje koleżanki byli zmęczone.", "Moje koleżanki były zmęczone.", "byli", "były",
     "agreement.past_gender", "koleżanki"),
    # a numeral after a preposition of one case
    ("Wrócę za dwie do trzej godzin.", "Wrócę za dwie do trzech godzin.", "trzej", "trzech",
     "case.preposition", "do"),
    # a locative with no preposition
    ("Ci ludziach mieszkają obok.", "Ci ludzie mieszkają obok.", "ludziach", "ludzie",
     "agreement.adjective", "Ci"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "corrected", "got", "right", "rule", "trigger"), WRONG)
def test_each_rule_corrects_its_mistake_and_names_its_reason(
    engine: LanguageEngine,
    text: str,
    corrected: str,
    got: str,
    right: str,
    rule: str,
    trigger: str,
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    assert len(result.issues) == 1
    issue = result.issues[0]
    assert (issue.type, issue.got, issue.expected) == ("inflection", got, right)
    assert issue.rule is not None and (issue.rule.id, issue.rule.trigger) == (rule, trigger)
    assert f"*{got}* → *{right}*" in issue.explanation
    polish = engine.check(text, explain_in="pl").issues[0]
    assert (polish.got, polish.expected) == (got, right)
    assert f"*{trigger}*" in polish.explanation and polish.explanation != issue.explanation


def test_the_gender_named_is_the_persons(engine: LanguageEngine) -> None:
    """A man's name is masculine personal, not the verb form's 'masculine inanimate'; a
    counted phrase of women is non-masculine-personal."""
    man = engine.check("Wczoraj profesor Jan Nowak wygłosiła wykład.").issues[0]
    assert man.expected_value == "m1" and "(masculine personal)" in man.explanation
    women = engine.check("Trzy kobiety śmiali się głośno.", explain_in="pl").issues[0]
    assert "niemęskoosobowy" in women.explanation


def test_two_adjectives_that_agree_with_each_other_change_together(
    engine: LanguageEngine,
) -> None:
    result = engine.check("Znalazł stare, drewniane stół.")
    assert result.corrected == "Znalazł stary, drewniany stół."
    assert [(i.got, i.expected) for i in result.issues] == [
        ("stare", "stary"),
        ("drewniane", "drewniany"),
    ]
    for issue in result.issues:
        assert issue.rule is not None
        assert (issue.rule.id, issue.rule.trigger) == ("agreement.adjective", "stół")
        assert issue.explanation.startswith("This word agrees with the noun *stół*")
    polish = engine.check("Znalazł stare, drewniane stół.", explain_in="pl").issues[0]
    assert (
        polish.explanation
        == "To słowo zgadza się z rzeczownikiem *stół* (rodzaj męskorzeczowy, liczba pojedyncza): "
        "*stare* → *stary*."
    )


def test_the_bare_locative_is_explained_truly(engine: LanguageEngine) -> None:
    issue = engine.check("Ci ludziach mieszkają obok.").issues[0]
    assert issue.explanation == (
        "The Locative is used only after a preposition, and there is none here: *Ci* shows the "
        "Nominative plural: *ludziach* → *ludzie*."
    )


LEFT_ALONE = [
    # a lone name may be a woman's surname, undeclined
    "Adrian cię zostawiła.",
    # a name after a verb of naming, or joined to another
    "Nazywa się Jan Kowalski.",
    "Przyszła Anna i Jan.",
    "Jan i Anna poszli do kina.",
    "Z Anną przyszedł Jan.",
    "Pani Maria Kowalska powiedziała, że przyjdzie.",
    "Jan Kowalski przyszedł wcześnie.",
    # a capitalised adjective after a name is no surname
    "Uniwersytet Warszawski ogłosił wyniki.",
    # a counted phrase before a transitive verb may be its object
    "Trzy książki kupili wczoraj.",
    "Oba samochody sprzedali.",
    "Dwie kobiety przyszły do domu.",
    # a fronted object of a negated verb (the learner may have meant the genitive)
    "Obyczaje dobrych nie zna.",
    # a locative after a preposition, also through a conjunction
    "Mówię o tych ludziach.",
    "Chłopiec w kasku i białych goglach jeździ na sankach.",
    # both cases fit the preposition: which one was meant is not clear
    "Coś mają z tymi trójkami.",
    "Coś mają z tymi trójek.",
    # a phrase declined for the verb's other preposition: the preposition is the odd one out
    "Wyjechała przy Stanów Zjednoczonych.",
    "Wyjechała do Stanów Zjednoczonych.",
    # two adjectives after a noun they may describe
    "Dziecko małe, owalne lusterko trzyma w ręce.",
    "Kupiła małe, owalne lusterko.",
    # two subjects joined by "i"
    "Mężczyzna w kapeluszu i kobieta tańczą.",
    "Kot i pies śpią.",
    "Do czterech godzin.",
    "Potrafi te wzory zgrabnie, bez zgrzytów przeszczepić na polski grunt.",
    # the verb agrees with a nominative before it: the noun after it is no sure subject
    # (main made it "Profesor badała")
    "Profesor badał struktura własnościową firmy.",
]


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_sentences_near_the_rules_are_left_alone(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text, result.issues
    assert not result.issues


# Round 2: verb government of a real form, an adjective before a noun of another gender, a
# postposed adjective in a clause with no verb. (sentence, corrected, got, right, rule, trigger)
GOVERNED = [
    # the subject is the nominative before the verb that the verb agrees with, not the noun
    # after it (a name that could also be a genitive plural of another name: Jan, of Jana)
    ("Jan badał struktura.", "Jan badał strukturę.", "struktura", "strukturę",
     "case.verb_government", "badał"),
    ("Maria czytała gazeta.", "Maria czytała gazetę.", "gazeta", "gazetę",
     "case.verb_government", "czytała"),
    # the object of the next verb is not this one's (… i odkrył dokumenty)
    ("Profesor badał struktura własnościową i odkrył dokumenty.",
     "Profesor badał strukturę własnościową i odkrył dokumenty.", "struktura", "strukturę",
     "case.verb_government", "badał"),
    # a genitive plural after an affirmative imperfective verb that takes the accusative
    ("Wieczorem jadł pomidorów.", "Wieczorem jadł pomidory.", "pomidorów", "pomidory",
     "case.verb_government", "jadł"),
    # a singular genitive after a verb that takes no part of a thing: not partitive
    ("Krystyna łamie obcasa.", "Krystyna łamie obcas.", "obcasa", "obcas",
     "case.verb_government", "łamie"),
    # a verb with two objects: the accusative is there, the other one is the dative
    ("Dokumenty poddano analiza.", "Dokumenty poddano analizie.", "analiza", "analizie",
     "case.verb_government", "poddano"),
    ("Dałem mama książkę.", "Dałem mamie książkę.", "mama", "mamie",
     "case.verb_government", "Dałem"),
    # the future's auxiliary negated: the genitive of negation
    ("Ja nie będę miał czas.", "Ja nie będę miał czasu.", "czas", "czasu", "case.negation",
     "nie"),
    # an adjective that stands before its noun, in the noun's case, in another gender
    ("Podczas prezentacji nowej smartfona.", "Podczas prezentacji nowego smartfona.", "nowej",
     "nowego", "agreement.adjective", "smartfona"),
    # an adjective ending a clause with no verb, after its nominative noun
    ("Nie, królowa chińscy.", "Nie, królowa chińska.", "chińscy", "chińska",
     "agreement.adjective", "królowa"),
    # an infinitive's object (odczuwać in the table)
    ("Odczuwać światu, już do końca świata.", "Odczuwać świat, już do końca świata.",
     "światu", "świat", "case.verb_government", "Odczuwać"),
    # the conjunction that opens the sentence joins no subjects (zdechnąć in the table)
    ("A kozy zdechli.", "A kozy zdechły.", "zdechli", "zdechły", "agreement.past_gender",
     "kozy"),
    # an event begins, not the speaker; the infinitive after the noun is not its verb
    ("W sali rozpoczynam się bankiet mający uczcić rocznicę.",
     "W sali rozpoczyna się bankiet mający uczcić rocznicę.", "rozpoczynam", "rozpoczyna",
     "agreement.subject_verb", "bankiet"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "corrected", "got", "right", "rule", "trigger"), GOVERNED)
def test_government_and_agreement_of_real_forms(
    engine: LanguageEngine,
    text: str,
    corrected: str,
    got: str,
    right: str,
    rule: str,
    trigger: str,
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    assert len(result.issues) == 1
    issue = result.issues[0]
    assert (issue.type, issue.got, issue.expected) == ("inflection", got, right)
    assert issue.rule is not None and (issue.rule.id, issue.rule.trigger) == (rule, trigger)
    assert f"*{got}* → *{right}*" in issue.explanation
    polish = engine.check(text, explain_in="pl").issues[0]
    assert (polish.got, polish.expected) == (got, right)
    assert f"*{got}* → *{right}*" in polish.explanation
    assert polish.explanation != issue.explanation


def test_the_two_object_verb_names_the_dative(engine: LanguageEngine) -> None:
    issue = engine.check("Dokumenty poddano analiza.").issues[0]
    assert issue.explanation == (
        "The verb *poddać* (here *poddano*) takes the Dative: *analiza* → *analizie*."
    )


GOVERNED_LEFT_ALONE = [
    # a singular genitive after an eating verb is some of it (partitive)
    "Wieczorem jadł chleba.",
    "Piłem wody.",
    # a negated verb, also through the future's auxiliary
    "Nie będę jadł pomidorów.",
    "Ja nie będę sprawiał kłopotów.",
    # a noun that is a verb's form too (to gra interesów: gra the noun)
    "Przekonał się, że to gra interesów.",
    # a gerund in the accusative (żarcie), not the locative of żart
    "Kto ma żarcie w obozie, ten ma siłę.",
    # an abbreviation after the verb
    "Wątpliwości budzi sposób postępowania - mówi nadkom. Paweł Biedziak.",
    # a vocative after the verb
    "- Ma mężu, czy naprawdę będziemy mieszkać u górali?",
    # tłumaczyć się takes the instrumental
    "Właściciele aptek tłumaczą się dużą nieopłacalnością.",
    # a two-object verb with nothing to say which object the noun is
    "Poddano analiza.",
    # the accusative of another verb is not this one's
    "Wyciągamy boczek, otwieramy puszkę skondensowanego mleka.",
    # an adjective that may stand after its noun, with a genitive after it
    "Szukam pracy innej niż ta.",
    "Podczas prezentacji technicznej smartfona.",
    # an adjective after a noun it agrees with, in a clause with a verb
    "Królowa chińska przyjechała.",
    # how it was said, the subject after it
    "- Byłem z nim razem - powiedział nadnaturalnie spokojnym głosem Gaarb.",
    # a clause's "i" ends a list of subjects
    "Sześć młodych kobiet, dwie z nich z książkami w rękach, i jeden mężczyzna idą po trawie.",
    # the speaker lies down: not an event verb
    "Kładę się do łóżka.",
    "Rozpoczynam pracę o ósmej.",
    # a verb's form that is a noun, numeral or adjective as well is no sure verb
    "Chcą być wypoczęci, pełni energii, zdrowi - wyjaśnia Grażyna Zych.",
]


@pytest.mark.parametrize("text", GOVERNED_LEFT_ALONE)
def test_sentences_near_the_government_rules_are_left_alone(
    engine: LanguageEngine, text: str
) -> None:
    result = engine.check(text)
    assert result.corrected == text, result.issues
    assert not result.issues


MONTHS = [
    ("Jego premiera odbyła się na wrześniu 2014.", "Jego premiera odbyła się we wrześniu 2014.",
     "na", "we"),
    ("Na maju byłem w Polsce.", "W maju byłem w Polsce.", "Na", "W"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "corrected", "got", "right"), MONTHS)
def test_a_month_takes_w(
    engine: LanguageEngine, text: str, corrected: str, got: str, right: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    assert [(i.type, i.got, i.expected) for i in result.issues] == [("wrong_word", got, right)]
    issue = result.issues[0]
    assert issue.rule is not None and issue.rule.id == "preposition.month"
    assert issue.explanation.startswith("A month takes *w* with the Locative, not *na*")
    polish = engine.check(text, explain_in="pl").issues[0]
    assert polish.explanation.startswith("Z nazwą miesiąca używamy przyimka „w”")


@pytest.mark.parametrize(
    "text",
    [
        "Skupmy się na wrześniu.",  # skupić się na + the locative: the verb's frame
        "Pojadę na wrzesień do Polski.",  # na + the accusative: for September
        "We wrześniu pojadę do Polski.",
    ],
)
def test_na_before_a_month_left_alone(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text, result.issues


def test_a_verb_form_that_is_also_a_noun_is_no_sure_verb(engine: LanguageEngine) -> None:
    """*piec* is an infinitive and a noun (and here *pięć* misspelt): *lat* is not its object."""
    result = engine.check("Mój syn ma piec lat.")
    assert "lata" not in result.corrected
    assert all(i.got != "lat" for i in result.issues)
