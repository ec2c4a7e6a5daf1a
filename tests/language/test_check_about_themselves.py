"""What learners write about themselves (stop 33c): their days, families, likes and plans.
Each rule fixed here is tested with the learner's slip it must still correct and the right
sentences around it that it must leave alone. Real Morfeusz throughout.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

# w + a day of the week says when: the Accusative (w sobotę), never the Locative
DAYS = [
    ("W sobota sprzątam mieszkanie.", "W sobotę sprzątam mieszkanie."),
    ("W niedziela gotuję obiad.", "W niedzielę gotuję obiad."),
    ("W środa mam lekcję polskiego.", "W środę mam lekcję polskiego."),
    ("Spotkamy się w niedziela.", "Spotkamy się w niedzielę."),
    ("W niedziela idę do kościoła.", "W niedzielę idę do kościoła."),
    # a month stays the Locative
    ("W lipiec jadę na wakacje.", "W lipcu jadę na wakacje."),
    ("Mieszkam w Kraków.", "Mieszkam w Krakowie."),
]

DAYS_RIGHT = [
    "W sobotę sprzątam mieszkanie.",
    "W poniedziałek pracuję.",
    "We wtorek gram w tenisa.",
    "W piątek idę do kina.",
    "W niedzielę odwiedzam rodziców.",
    "W lipcu jadę na wakacje.",
    "W weekend śpię dłużej.",
]


@pytest.mark.parametrize(("text", "corrected"), DAYS)
def test_a_day_after_w_is_in_the_accusative(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected, result.issues
    if "use the Accusative" in result.issues[0].explanation:  # (a day's, not a place's)
        assert "Locative" not in result.issues[0].explanation


# after być a noun is the Instrumental: said so, not as a missing letter, whoever the
# subject (jestem as well as jest)
COPULA = [
    ("Ja jestem programista.", "Ja jestem programistą."),
    ("Jestem studentka.", "Jestem studentką."),
    ("Jestem nauczycielka angielskiego.", "Jestem nauczycielką angielskiego."),
    ("Ona jest nauczycielka.", "Ona jest nauczycielką."),
    ("Jestem lekarz.", "Jestem lekarzem."),
]


@pytest.mark.parametrize(("text", "corrected"), COPULA)
def test_after_byc_the_instrumental_is_named(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected, result.issues
    (issue,) = result.issues
    assert "Instrumental" in issue.explanation, issue.explanation
    assert "być" in issue.explanation


def test_a_verb_taking_the_instrumental_may_still_lack_a_letter(engine: LanguageEngine) -> None:
    # (not być: the missing letter is the likelier slip)
    assert engine.check("Czy mogę zapłacić karta?").corrected == "Czy mogę zapłacić kartą?"


# typed without Polish letters: *zeby* is żeby only where a clause with a verb follows
ZEBY_LEFT = [
    "myje zeby.",
    "Myję zeby i biorę prysznic.",
    "codziennie myje zeby",
    "bola mnie zeby",
    "umyj zeby",
]

ZEBY = [
    ("ide do sklepu zeby kupic mleko", "żeby"),
    ("chce zeby on przyszedl", "żeby"),
    ("Uczę się, zeby rozmawiać z mężem.", "żeby"),
    ("Chcę, zeby ten, kto to zrobił, przyszedł.", "żeby"),
]


@pytest.mark.parametrize("text", ZEBY_LEFT)
def test_zeby_with_no_clause_after_is_not_zeby(engine: LanguageEngine, text: str) -> None:
    assert "żeby" not in engine.check(text).corrected.lower()


@pytest.mark.parametrize(("text", "word"), ZEBY)
def test_zeby_opening_a_clause_is_zeby(engine: LanguageEngine, text: str, word: str) -> None:
    assert word in engine.check(text).corrected.split()


# *ma* before a noun without its letters is mieć's, not mój's old *mą*
MA_LEFT = ["on ma racje", "wydaje mi się, że on ma racje.", "ona ma brata"]

MA = [
    ("ma dobra prace", "ma dobrą pracę"),
    ("moja mama ma nowa prace", "moja mama ma nową pracę"),
    ("Mam dobra prace.", "Mam dobrą pracę."),
]


@pytest.mark.parametrize("text", MA_LEFT)
def test_ma_is_not_made_ma_with_a_tail(engine: LanguageEngine, text: str) -> None:
    assert "mą" not in engine.check(text).corrected.split()


@pytest.mark.parametrize(("text", "corrected"), MA)
def test_a_pair_after_ma_still_gets_its_letters(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected


@pytest.mark.parametrize("text", DAYS_RIGHT)
def test_right_days_are_left_alone(engine: LanguageEngine, text: str) -> None:
    assert not engine.check(text).issues


# a preposition's noun after modifiers that are only plural takes their number
PLURAL_MODIFIERS = [
    ("W wakacje pojechałem do moich dziadek.", "W wakacje pojechałem do moich dziadków."),
    ("Byłem u moich dziadek.", "Byłem u moich dziadków."),
    ("Poszłam do moich przyjaciel.", "Poszłam do moich przyjaciół."),
    ("Byłam u naszych sąsiad.", "Byłam u naszych sąsiadów."),
    ("Dzwonię do moich rodzice.", "Dzwonię do moich rodziców."),
    # a singular modifier keeps the singular
    ("Byłem u mojego dziadek.", "Byłem u mojego dziadka."),
    ("Idę do mojego brat.", "Idę do mojego brata."),
]

PLURAL_RIGHT = [
    "Pojechałem do moich dziadków.",
    "Byłem u mojego dziadka.",
    "Mieszkam z moimi rodzicami.",
    "Rozmawiam z moją siostrą.",
]


@pytest.mark.parametrize(("text", "corrected"), PLURAL_MODIFIERS)
def test_the_modifiers_number_after_a_preposition(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected


# *żebyś*, *gdybym* … carry the person: the past form after them has no ending of its own,
# with or without the pronoun
BY_PERSON_RIGHT = [
    "Chcę, żebyś ty przyszedł.",
    "Gdybym ja miał czas, pojechałbym do ciebie.",
    "Gdybyś ty wiedział, co się stało!",
    "Chciałbym, żebyście wy przyszli.",
    "Chcę, żebyś ty to zrobiła.",
]

BY_PERSON = [
    ("Ty przyszedł wczoraj.", "Ty przyszedłeś wczoraj."),
    ("Wczoraj ja był u babci.", "Wczoraj ja byłem u babci."),
    (
        "Kiedy byłam dzieckiem, ja mieszkała w Kijowie.",
        "Kiedy byłam dzieckiem, ja mieszkałam w Kijowie.",
    ),
]


@pytest.mark.parametrize(("text", "corrected"), BY_PERSON)
def test_a_pronoun_subject_still_gives_its_person(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected


# *Ja podoba …*: the learner means mi podoba się; neither *ja się podobam* nor a dative
# thing is taught
LIKING_LEFT = [
    "Ja się podoba polska muzyka.",
    "Ja podoba się ta książka.",
    "Ja smakuje pizza.",
    "Ja podoba Kraków.",
]

LIKING = [
    ("Ty się podoba mi.", "Ty się podobasz mi."),
    ("Ta sukienka podoba się moja mama.", "Ta sukienka podoba się mojej mamie."),
    ("Brakuje mi czas.", "Brakuje mi czasu."),
    ("Pomagam moja mama.", "Pomagam mojej mamie."),
]


@pytest.mark.parametrize("text", LIKING_LEFT)
def test_ja_with_a_verb_of_pleasing_is_not_made_its_subject(
    engine: LanguageEngine, text: str
) -> None:
    result = engine.check(text)
    assert result.corrected == text, result.issues


@pytest.mark.parametrize(("text", "corrected"), LIKING)
def test_verbs_of_pleasing_still_corrected(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected


@pytest.mark.parametrize("text", PLURAL_RIGHT + BY_PERSON_RIGHT)
def test_right_sentences_stay(engine: LanguageEngine, text: str) -> None:
    assert not engine.check(text).issues


# two subjects joined by i, each with its determiner: the adjective agrees with neither alone
PREDICATIVE_RIGHT = [
    "Mój brat i moja siostra są starsi ode mnie.",
    "Moja mama i mój tata są zmęczeni.",
    "Kraków jest jednym z najpiękniejszych miast w Polsce.",
    "Ona jest najlepszą z nas.",
    "To był jeden z najlepszych dni w moim życiu.",
    "Moi koledzy byli pijani.",
]

PREDICATIVE = [
    ("Moja siostra jest starszy ode mnie.", "Moja siostra jest starsza ode mnie."),
    ("Moja babcia jest stary.", "Moja babcia jest stara."),
    ("Kraków jest jedna z najpiękniejszych miast.", "Kraków jest jeden z najpiękniejszych miast."),
    # a participle's form stays affirmative (not SGJP's negated niepijani)
    ("Moi koledzy byli pijane.", "Moi koledzy byli pijani."),
    ("Sklep był zamknięta.", "Sklep był zamknięty."),
]


@pytest.mark.parametrize("text", PREDICATIVE_RIGHT)
def test_right_predicatives_stay(engine: LanguageEngine, text: str) -> None:
    assert not engine.check(text).issues


@pytest.mark.parametrize(("text", "corrected"), PREDICATIVE)
def test_predicatives_still_agree(engine: LanguageEngine, text: str, corrected: str) -> None:
    assert engine.check(text).corrected == corrected


# a nationality after być differs from its Instrumental only by ą: the copula's case is
# the reason given, in English and in Polish
@pytest.mark.parametrize(
    ("text", "corrected"),
    [
        ("Moja żona jest Niemka.", "Moja żona jest Niemką."),
        ("Moja mama jest Ukrainka.", "Moja mama jest Ukrainką."),
    ],
)
def test_a_nationality_after_byc_is_the_instrumental(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.type == "inflection"
    assert "Instrumental" in issue.explanation
    (polish,) = engine.check(text, explain_in="pl").issues
    assert "narzędniku" in polish.explanation


# a woman's past ending on a man's stem keeps her a woman (*poszedłam* → poszłam, not the
# man's poszedłem); a man's on a woman's stays as it was (*poszłem* → poszedłem)
MIXED_PAST = [
    ("Wczoraj poszedłam do kina.", "Wczoraj poszłam do kina.", "for a woman"),
    ("Wczoraj wszedłam do sklepu.", "Wczoraj weszłam do sklepu.", "for a woman"),
    ("Zacząłam nową pracę.", "Zaczęłam nową pracę.", "for a woman"),
    ("Wyszedłam z domu o ósmej.", "Wyszłam z domu o ósmej.", "for a woman"),
    ("Wczoraj poszedłaś do kina?", "Wczoraj poszłaś do kina?", "for a woman"),
    ("Wczoraj poszłem do kina.", "Wczoraj poszedłem do kina.", "for a man"),
    ("Zaczęłem nową pracę.", "Zacząłem nową pracę.", "for a man"),
]

MIXED_PAST_RIGHT = [
    "Wczoraj poszłam do kina.",
    "Wczoraj poszedłem do kina.",
    "Zaczęłam nową pracę.",
    "Zacząłem nową pracę.",
    "Wzięłam parasol.",
    "Wziąłem parasol.",
    "Szłam do domu.",
]


@pytest.mark.parametrize(("text", "corrected", "who"), MIXED_PAST)
def test_a_past_form_on_the_other_sexs_stem(
    engine: LanguageEngine, text: str, corrected: str, who: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert who in issue.explanation, issue.explanation


@pytest.mark.parametrize("text", MIXED_PAST_RIGHT)
def test_right_past_forms_stay(engine: LanguageEngine, text: str) -> None:
    assert not engine.check(text).issues


# a word typed without Polish letters that with them is far more often a particle or a verb
# (*tez*: też, not teza's genitive plural) is not recased as a noun
UNLETTERED_LEFT = ["Chciałabym mieć tez kota.", "Mam tez psa.", "mam tez psa"]

UNLETTERED = [
    ("Lubię kawa.", "Lubię kawę."),
    ("mam kot", "mam kota"),
    ("Mam dwa kot.", "Mam dwa koty."),
    ("Nie mam czas.", "Nie mam czasu."),
]


@pytest.mark.parametrize("text", UNLETTERED_LEFT)
def test_a_particle_without_its_letter_is_not_recased(engine: LanguageEngine, text: str) -> None:
    assert "tezy" not in engine.check(text).corrected


@pytest.mark.parametrize(("text", "corrected"), UNLETTERED)
def test_nouns_are_still_recased(engine: LanguageEngine, text: str, corrected: str) -> None:
    assert engine.check(text).corrected == corrected


# z after an adjective (zadowolony z, dumna z) is "of": a pair without its letters is not
# made the Instrumental of "with"
Z_OF_LEFT = [
    "Ja jestem zadowolony z moja praca.",
    "Jestem zadowolona z moja nowa praca.",
    "Jestem dumna z moja corka.",
]

Z_WITH = [
    ("Mieszkam z moja zona.", "Mieszkam z moją żoną."),
    ("Spędziłam wakacje z moja rodzina.", "Spędziłam wakacje z moją rodziną."),
    ("Rozmawiam z moja corka.", "Rozmawiam z moją córką."),
]


@pytest.mark.parametrize("text", Z_OF_LEFT)
def test_z_after_an_adjective_is_not_made_with(engine: LanguageEngine, text: str) -> None:
    corrected = engine.check(text).corrected
    assert "moją" not in corrected, corrected


@pytest.mark.parametrize(("text", "corrected"), Z_WITH)
def test_z_meaning_with_still_gets_its_letters(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected


# after gdybym, żebyś, … (which carry the person) the past form has no ending of its own
CONDITIONAL_PERSON = [
    ("Gdybym miałem więcej czasu, uczyłbym się więcej.", "miałem", "miał"),
    ("Chcę, żebyś przyszedłeś.", "przyszedłeś", "przyszedł"),
    ("Gdybyśmy mieliśmy pieniądze, kupilibyśmy dom.", "mieliśmy", "mieli"),
    ("Mama chce, żebym byłam lekarzem.", "byłam", "była"),
    ("Ja bym chciałem kawę.", "chciałem", "chciał"),
]

CONDITIONAL_RIGHT = [
    "Gdybym miał więcej czasu, uczyłbym się więcej.",
    "Gdybym miała pieniądze, kupiłabym samochód.",
    "Chcę, żebyś przyszedł.",
    "Gdybym wiedziała, że przyszedłeś, zostałabym.",
    "Chciałbym, żebyście przyszli.",
    "Ja bym chciała kawę.",
]


@pytest.mark.parametrize(("text", "got", "expected"), CONDITIONAL_PERSON)
def test_no_person_ending_after_a_conditional_word(
    engine: LanguageEngine, text: str, got: str, expected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == text.replace(got, expected)
    (issue,) = result.issues
    assert "already shows the person" in issue.explanation
    assert "3rd person" not in issue.explanation
    (polish,) = engine.check(text, explain_in="pl").issues
    assert "osobę pokazuje już" in polish.explanation


@pytest.mark.parametrize("text", CONDITIONAL_RIGHT)
def test_right_conditionals_stay(engine: LanguageEngine, text: str) -> None:
    assert not engine.check(text).issues


# an unknown word beside another unknown one is a name in small letters (*z brad pittem*),
# not a word that sounds like it; a slip is not made a locative with no preposition
# (*Lubię herbte*: not herbie → herb)
UNKNOWN_LEFT = [
    ("Widziałam film z brad pittem.", "brat"),
    ("Lubię herbte.", "herb"),
    ("Piję herbte.", "herb"),
    ("Wczoraj kupiłam herbte i mleko.", "herb"),
]

UNKNOWN = [
    ("Mam nowy samochut.", "Mam nowy samochód."),
    # two slips side by side are two slips, not a name
    ("Zagrała jedną z głuwnych rul.", "Zagrała jedną z głównych ról."),
    ("Strzępowaty odwrucił medalion.", "Strzępowaty odwrócił medalion."),
    ("Siedział na starym krześlu.", "Siedział na starym krześle."),
]


@pytest.mark.parametrize(("text", "wrong"), UNKNOWN_LEFT)
def test_unknown_words_not_made_other_words(engine: LanguageEngine, text: str, wrong: str) -> None:
    corrected = engine.check(text).corrected
    words = [w.strip(".,") for w in corrected.lower().split()]
    assert wrong not in words and wrong + "em" not in words, corrected


@pytest.mark.parametrize(("text", "corrected"), UNKNOWN)
def test_unknown_words_still_respelt(engine: LanguageEngine, text: str, corrected: str) -> None:
    assert engine.check(text).corrected == corrected
