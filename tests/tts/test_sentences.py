"""A reply's speech in sentences: the same split while the text grows and once it is whole."""

from __future__ import annotations

import pytest

from polish_tutor.tts.sentences import SentenceSplitter, split_sentences

CASES = [
    ("Dzień dobry! Jak się masz?", ["Dzień dobry!", "Jak się masz?"]),
    (
        "To jest np. kawa. Lekcja 3. jest trudna… Dobrze.",
        ["To jest np. kawa.", "Lekcja 3. jest trudna…", "Dobrze."],
    ),
    ("Powiedz: „Poproszę kawę.” A teraz ty", ["Powiedz: „Poproszę kawę.”", "A teraz ty"]),
    ("Pan J. Kowalski pije kawę... Smacznego!", ["Pan J. Kowalski pije kawę...", "Smacznego!"]),
    ("Świetnie!\nCo dalej?", ["Świetnie!", "Co dalej?"]),
    ("   ", []),
]


@pytest.mark.parametrize(("text", "sentences"), CASES)
def test_whole_texts_split_into_sentences(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


@pytest.mark.parametrize(("text", "sentences"), CASES)
def test_a_growing_text_gives_each_sentence_once_as_soon_as_it_is_complete(
    text: str, sentences: list[str]
) -> None:
    splitter = SentenceSplitter()
    seen: list[str] = []
    for end, char in enumerate(text):
        for sentence in splitter.feed(char):
            seen.append(sentence)
            # Complete at the white space after it, not later.
            assert text[end].isspace()
    last = splitter.rest()
    assert [*seen, *([last] if last else [])] == sentences
