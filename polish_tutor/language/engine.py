"""The language engine facade: one instance per process (Morfeusz is loaded once)."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from wordfreq import zipf_frequency

from .check import Checker
from .compare import Comparer
from .diacritics import DiacriticsRestorer
from .government import GovernmentTable
from .grammar import Grammar
from .inflect import Inflector
from .lemma_weights import LemmaWeights, read_table
from .morph import Morphology, Reading
from .text import tokenize
from .types import Check, Comparison, ExplainIn, InflectionTable, LearnerGender, SlotKind

# Comparisons remembered per engine (one per process): a few MB at most.
COMPARE_MEMO = 4096
# Words whose "English here" verdict is remembered (a word and a bool each: ~1 MB at most).
ENGLISH_MEMO = 16_384

# wordfreq's Zipf frequency of a word in a language: a pure function of both (its lists are
# fixed), which tokenises the word anew on every call; the words of answers come again.
_zipf = lru_cache(maxsize=ENGLISH_MEMO)(zipf_frequency)

# Languages whose spelling of a name a learner may keep (Wladimir, Mikhail): see _foreign_use.
_FOREIGN = ("en", "de")
_GENDERS: tuple[LearnerGender, ...] = ("feminine", "masculine")
_Synonyms = tuple[tuple[str, ...], ...] | None
_Slots = tuple[tuple[str, SlotKind], ...] | None
_Needs = tuple[tuple[str, ...], ...] | None
_Classes = tuple[tuple[str, str | tuple[str, ...]], ...] | None
_Kept = tuple[str, ...] | None


class LanguageEngine:
    """Compare answers, restore diacritics and inflect words with Morfeusz 2 + wordfreq.

    ``load()`` is the expensive step (Morfeusz dictionary + the diacritics index and its
    look-ups of frequent words, about 1.5 s); keep one engine per process. Methods are safe
    to call from several threads.
    """

    def __init__(
        self,
        morph: Morphology,
        restorer: DiacriticsRestorer,
        table: GovernmentTable | None = None,
        lemma_table: Mapping[str, float] | None = None,
    ) -> None:
        self._morph = morph
        self._restorer = restorer
        # lemma_table: weights computed at install time (lemma_weights.read_table), if any
        self._lemma_weights = LemmaWeights(morph, restorer.frequency, lemma_table)
        self.table = table or GovernmentTable.load()
        self.grammar = Grammar(morph, self.table, self._lemma_weight)
        self._comparer = Comparer(
            morph,
            self._respell,
            grammar=self.grammar,
            is_english=self.is_english_word,
            lemma_weight=self._lemma_weight,
            frequency=restorer.frequency,
        )
        self._checker = Checker(
            morph,
            self.grammar,
            self._comparer,
            respell=self._respell,
            listed=restorer.listed,
            frequency=restorer.frequency,
            known=self._comparer.is_known,
            english=lambda word: self._english_memo(word),
            foreign=lambda word: self._foreign_memo(word),
        )
        # check() is a pure function of the text and the language, and returns frozen values:
        # the lines learners type again and again (an off-topic line, a step's wrong answer)
        # are checked once. compare() asks it too (an answer that may be right in other words).
        self._check_memo = lru_cache(maxsize=COMPARE_MEMO)(self._checker.check)
        self._comparer.sounds_right = lambda text: not self._check_memo(text, "en").issues
        self._comparer.check_issues = lambda text, lang: self._check_memo(text, lang).issues
        self._inflector = Inflector(morph, restorer.frequency)
        self._lock = threading.Lock()
        # compare() is a pure function of its arguments and returns frozen values: the
        # answers learners give (a lesson step's right answers above all) come again and
        # again, and each costs Morfeusz look-ups and the alignment once.
        self._compare_memo = lru_cache(maxsize=COMPARE_MEMO)(self._compare_once)
        # The lesson's lines said to the learner, in the learner's gender (or both): every
        # turn of a lesson says one, and the same lines come again for every learner.
        self._gendered_memo = lru_cache(maxsize=COMPARE_MEMO)(self._gendered_once)
        # A step's synonym groups as a speaker of one gender (or either) says them: a pure
        # function of the groups and the gender (the gendered lines above), the same for every
        # answer to the step. Its lists are only read (Comparer.compare makes its own sets).
        self._gendered_groups = lru_cache(maxsize=COMPARE_MEMO)(self._gendered_groups_once)
        # _english_here is a pure function of the word (Morfeusz's dictionary and wordfreq's
        # lists, both fixed): an answer's words come again in other answers
        self._english_memo = lru_cache(maxsize=ENGLISH_MEMO)(self._english_here)
        # _foreign_use likewise (only capitalised words check() would give Polish letters)
        self._foreign_memo = lru_cache(maxsize=ENGLISH_MEMO)(self._foreign_use)
        self._prepared: set[str] = set()  # lemmas whose forms prepare() has analysed
        self.load_seconds = 0.0

    def _respell(self, word: str) -> list[str]:
        """Known spellings of a word typed without Polish letters (most frequent first)."""
        return [form for form, _lp in self._restorer.candidates(word)]

    @classmethod
    def load(cls, *, eager: bool = True) -> LanguageEngine:
        """Load Morfeusz and (unless ``eager=False``) the diacritics index and the lemma weights
        computed at install time (if they are there and still valid)."""
        start = time.perf_counter()
        morph = Morphology()
        restorer = DiacriticsRestorer(morph)
        lemma_table = None
        if eager:
            restorer.load()
            lemma_table = read_table(morph)
        engine = cls(morph, restorer, lemma_table=lemma_table)
        # Loading allocates a few hundred thousand long-lived objects; collect once now so
        # that the first full garbage collection does not land in the middle of a request,
        # and freeze what is left: they live as long as the process, and a full collection
        # that walks them all (0.15 s on them alone) would stall a request now and then.
        gc.collect()
        gc.freeze()
        engine.load_seconds = time.perf_counter() - start
        return engine

    def prepare(self, sentences: Iterable[str]) -> int:
        """Analyse ahead of time every form of every word of ``sentences`` (a course's
        expected answers), as ``compare`` reads a learner's words: Morfeusz's readings, the
        usual ones among them and the weight of each rival lemma. A learner's answer is
        mostly the lesson's words, in the right form or another one, so a first-time answer
        then costs the alignment, not the look-ups. Also loads the English word list
        ``compare`` consults for words Morfeusz does not know (a second, once), and wordfreq's
        default Polish list, which ``looks_english`` weighs a word against (0.3 s, once: it
        was loaded by the first wrong answer a learner typed). Returns the
        number of forms analysed; each lemma once per engine, so preparing the same
        sentences again costs nothing."""
        zipf_frequency("the", "en")
        zipf_frequency("i", "pl")
        forms = 0
        for sentence in sentences:
            for token in tokenize(sentence):
                for word in {token.text, token.text.lower()}:
                    for reading in self._morph.analyse(word):
                        if reading.full_lemma in self._prepared:
                            continue
                        self._prepared.add(reading.full_lemma)
                        for form in {g.form for g in self._morph.generate(reading.full_lemma)}:
                            self.grammar.usual(form)
                            self.grammar.everyday(form)
                            forms += 1
        return forms

    def prepare_answers(self, sentences: Iterable[str], questions: Iterable[str] = ()) -> int:
        """Work out ahead of time what ``compare`` remembers of a course's accepted answers
        alone (``sentences``: the expected answers and the words the steps accept for each
        other; ``questions``: the tutor's lines they answer): each sentence in either gender,
        its words and what they say at each place (``Comparer.prepare_expected``). The same
        values the first comparison with each would compute, so no result changes; a first
        learner's wrong answer on a step then costs about what a later learner's does (about
        1 s of CPU and 30 MB for the 48 lessons). Returns the number of sentences (in each
        gender) worked out; sentences met before cost little."""
        return self._comparer.prepare_expected(sentences, questions)

    def compare(
        self,
        expected: str | Sequence[str],
        answer: str,
        *,
        explain_in: ExplainIn = "en",
        learner_gender: LearnerGender | None = None,
        synonyms: Iterable[Sequence[str]] | None = None,
        slots: dict[str, SlotKind] | None = None,
        question: str | None = None,
        open_needs: Sequence[Sequence[str]] | None = None,
        slot_classes: Mapping[str, str | Sequence[str]] | None = None,
        kept_aspect: Sequence[str] | None = None,
    ) -> Comparison:
        """Compare ``answer`` with the expected sentence (or the closest of several).

        ``synonyms`` (groups of words accepted for each other) and ``slots`` (words of the
        expected answers that stand for the learner's own name, place, number or noun) are a
        lesson step's declarations; ``learner_gender`` makes what the learner says of
        themselves feminine or masculine (either is accepted when it is not given);
        ``question`` is the tutor's line the answer replies to (*Kiedy wyjechałeś?* asks for
        the perfective *wyjechałem*); ``open_needs`` makes the step open (what its answer
        must say, see ``open_answers``), ``slot_classes`` restricts noun slots to a class and
        ``kept_aspect`` names verbs whose aspect the step asks for (their partner is refused).
        """
        lang: ExplainIn = "pl" if explain_in == "pl" else "en"
        return self._compare_memo(
            expected if isinstance(expected, str) else tuple(expected),
            answer,
            lang,
            learner_gender,
            None if synonyms is None else tuple(tuple(group) for group in synonyms),
            None if slots is None else tuple(sorted(slots.items())),
            question,
            tuple(tuple(group) for group in open_needs) if open_needs else None,
            tuple(
                (word, spec if isinstance(spec, str) else tuple(spec))
                for word, spec in sorted(slot_classes.items())
            )
            if slot_classes
            else None,
            tuple(kept_aspect) if kept_aspect else None,
        )

    def _compare_once(
        self,
        expected: str | tuple[str, ...],
        answer: str,
        lang: ExplainIn,
        learner_gender: LearnerGender | None,
        synonyms: _Synonyms,
        slots: _Slots,
        question: str | None = None,
        open_needs: _Needs = None,
        slot_classes: _Classes = None,
        kept_aspect: _Kept = None,
    ) -> Comparison:
        return self._comparer.compare(
            expected if isinstance(expected, str) else list(expected),
            answer,
            lang,
            learner_gender=learner_gender,
            synonyms=None
            if synonyms is None
            else list(self._groups_as_said(synonyms, answer, learner_gender))
            if synonyms
            else [],
            slots=None if slots is None else dict(slots),
            question=question,
            open_needs=open_needs,
            slot_classes=None if slot_classes is None else dict(slot_classes),
            kept_aspect=kept_aspect,
        )

    def _groups_as_said(
        self,
        synonyms: tuple[tuple[str, ...], ...],
        answer: str,
        learner_gender: LearnerGender | None,
    ) -> tuple[list[str], ...]:
        """A step's synonym groups in the learner's gender, or where it is not given in the
        gender the answer's speaker says of themselves; the answer is not read for it when
        the groups are the same in every gender (no member says anything of the speaker: most
        steps)."""
        if learner_gender is not None:
            return self._gendered_groups(synonyms, learner_gender)
        either = self._gendered_groups(synonyms, None)
        if all(self._gendered_groups(synonyms, gender) == either for gender in _GENDERS):
            return either
        return self._gendered_groups(synonyms, self._speaker_gender(answer))

    def _speaker_gender(self, answer: str) -> LearnerGender | None:
        """The gender an answer's speaker says of themselves where the learner's is not given:
        the one its first-person forms are all in, or (mixed: *byłem mały, jeździłam*) the
        masculine its groups are written in, so a declared group is said in the answer's own
        gender and does not make a mixed answer whole; None where it says neither."""
        feminine = self.regender(answer, "feminine") == answer
        masculine = self.regender(answer, "masculine") == answer
        if feminine and masculine:
            return None
        return "feminine" if feminine else "masculine"

    def _gendered_groups_once(
        self, synonyms: tuple[tuple[str, ...], ...], learner_gender: LearnerGender | None
    ) -> tuple[list[str], ...]:
        return tuple(self._gendered_group(group, learner_gender) for group in synonyms)

    def _gendered_group(
        self, group: Sequence[str], learner_gender: LearnerGender | None
    ) -> list[str]:
        """A synonym group as the learner would say its members: in their gender, or in
        either when it is not given (*chodziłem do szkoły pieszo* is *chodziłam …* for a
        woman, as the step's answers are)."""
        genders: tuple[LearnerGender, ...] = (
            (learner_gender,) if learner_gender is not None else ("feminine", "masculine")
        )
        # in one gender, only its forms: a woman's *jeździłem* is no member
        out = list(group) if learner_gender is None else []
        for member in group:
            for gender in genders:
                said = self.gendered(member, gender)
                if said not in out:
                    out.append(said)
        return out

    def check(self, text: str, *, explain_in: ExplainIn = "en") -> Check:
        """Find and correct the errors the engine is sure of in a free sentence (no expected
        answer), explained in ``compare``'s vocabulary. Precision first: what is not certain
        is left alone."""
        lang: ExplainIn = "pl" if explain_in == "pl" else "en"
        return self._check_memo(text, lang)

    def regender(self, sentence: str, gender: LearnerGender, *, addressee: bool = False) -> str:
        """``sentence`` with what the speaker says of themselves (or, with ``addressee``, what
        is said to the learner) in the learner's gender: *Byłem* → *Byłam*."""
        persons = frozenset({"sec"}) if addressee else frozenset({"pri"})
        return self._comparer.regender(sentence, gender, persons)

    def gendered(
        self, sentence: str, gender: LearnerGender | None, *, addressee: bool = False
    ) -> str:
        """``sentence`` for a learner of ``gender``; with no gender given, both forms of what
        depends on it (*Byłeś (byłaś)*) — lines said to the learner (``addressee``) — or the
        sentence as written (what the learner says: either form is accepted)."""
        return self._gendered_memo(sentence, gender, addressee)

    def _gendered_once(self, sentence: str, gender: LearnerGender | None, addressee: bool) -> str:
        persons = frozenset({"sec"}) if addressee else frozenset({"pri"})
        if gender is not None:
            return self._comparer.regender(sentence, gender, persons)
        return self._comparer.both_genders(sentence, persons) if addressee else sentence

    def is_english_word(self, word: str) -> bool:
        """A common English word that is not Polish (for answers typed in English)."""
        key = word.lower()
        if self._morph.is_known(key):
            return False
        en = _zipf(key, "en")
        return en >= 3.0 and en > _zipf(key, "pl")

    def looks_english(self, text: str) -> bool:
        """Most of the words of ``text`` are English, not Polish (an answer in English)."""
        words = [t.text for t in tokenize(text) if t.text.isalpha()]
        if not words:
            return False
        english = sum(1 for w in words if self._english_memo(w))
        return english * 2 > len(words)

    def _english_here(self, word: str) -> bool:
        """In a sentence: an English word, or one far more used in English than in Polish even
        if Morfeusz knows it (*in*, *London*; not *i*, *to*, *problem*)."""
        if self.is_english_word(word):
            return True
        key = word.lower()
        en = _zipf(key, "en")
        return en >= 3.0 and en > _zipf(key, "pl") + 1.0

    @staticmethod
    def _foreign_use(word: str) -> float:
        """How often the word is written in English or German (its greater frequency): a name
        in its own spelling there (*Wladimir*, *Mikhail*) is not given Polish letters."""
        key = word.lower()
        return max(10 ** (_zipf(key, lang) - 9) if _zipf(key, lang) else 0.0 for lang in _FOREIGN)

    @property
    def lemmas_tabled(self) -> int:
        """Lemmas weighed at install time (``polish-tutor lemma-weights``); 0: each lemma is
        weighed when first met (the same weights, more work on new words)."""
        return self._lemma_weights.tabled

    def _lemma_weight(self, full_lemma: str) -> float:
        """How often a lemma is used, from the frequency of the forms only it has (so *kota*,
        a height mark, weighs little beside *kot*, whose *kotem*, *kotów* are its own)."""
        return self._lemma_weights(full_lemma)

    def restore_diacritics(self, text: str) -> str:
        """Restore ą ć ę ł ń ó ś ź ż; case, punctuation and spacing are kept exactly."""
        if not self._restorer._loaded:
            with self._lock:
                self._restorer.load()
        return "\n".join(self._restorer.restore(line) for line in text.split("\n"))

    def inflect(self, word: str) -> InflectionTable:
        """Declension/conjugation table of the word's lemma; ``UnknownWordError`` if unknown."""
        if not self._restorer._loaded:
            with self._lock:
                self._restorer.load()
        return self._inflector.table(word)

    def is_known(self, word: str) -> bool:
        """Whether Morfeusz knows the word (i.e. it is not ``ign``)."""
        word = word.strip()
        return bool(word) and self._morph.is_known(word)

    def says_what_is_asked(self, answer: str, needs: Sequence[Sequence[str]]) -> bool:
        """Does ``answer`` say what an open lesson step asks (one member of each group of
        ``needs``: a lemma or a kind of content, see ``open_answers``)?"""
        return self._comparer.says_what_is_asked(answer, needs)

    def readings(self, word: str) -> tuple[Reading, ...]:
        """Every Morfeusz interpretation of the word (empty when it is unknown)."""
        word = word.strip()
        return self._morph.analyse(word) if word else ()

    def forms(self, lemma: str) -> tuple[Reading, ...]:
        """Every form of ``lemma`` with its tags, as Morfeusz generates them (empty if unknown)."""
        lemma = lemma.strip()
        return self._morph.generate(lemma) if lemma else ()

    def lemmas(self, word: str) -> list[str]:
        """Distinct lemmas of the word (homonym markers removed), most plausible first."""
        out: list[str] = []
        for reading in self._morph.analyse(word.strip()):
            if reading.lemma not in out:
                out.append(reading.lemma)
        return out
