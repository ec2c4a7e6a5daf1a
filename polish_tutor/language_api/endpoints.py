"""The language engine over HTTP (the engine itself knows nothing of the web)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query

from polish_tutor.auth.dependencies import get_current_user
from polish_tutor.dependencies import Language
from polish_tutor.kit.errors import InvalidInput, NotFound
from polish_tutor.kit.text import LineText, shows_nothing
from polish_tutor.language import UnknownWordError
from polish_tutor.language.inflect import localise
from polish_tutor.language_api.schemas import (
    CheckIn,
    CheckOut,
    CompareIn,
    CompareOut,
    DiacriticsIn,
    DiacriticsOut,
    InflectionOut,
)

router = APIRouter(prefix="/language", tags=["language"], dependencies=[Depends(get_current_user)])


@router.post("/compare", response_model=CompareOut)
async def compare(body: CompareIn, language: Language) -> CompareOut:
    """Compare an answer with the expected sentence (or the closest of several)."""
    accepted = [text for text in body.accepted() if not shows_nothing(text)]
    if not accepted or any(len(text) > 2000 for text in accepted) or len(accepted) > 50:
        raise InvalidInput("Give 1 to 50 expected sentences of at most 2000 characters.")
    comparison = language.compare(accepted, body.answer, explain_in=body.explain_in)
    return CompareOut.model_validate(comparison.to_dict())


@router.post("/check", response_model=CheckOut)
async def check(body: CheckIn, language: Language) -> CheckOut:
    """Check a free sentence with no expected answer: the errors the engine is sure of,
    corrected and explained (spelling, Polish letters, case, agreement, aspect)."""
    if shows_nothing(body.text):
        raise InvalidInput("Give a sentence to check.")
    result = language.check(body.text, explain_in=body.explain_in)
    return CheckOut.model_validate(result.to_dict())


@router.post("/diacritics", response_model=DiacriticsOut)
async def diacritics(body: DiacriticsIn, language: Language) -> DiacriticsOut:
    """Restore ą ć ę ł ń ó ś ź ż in text typed without them."""
    return DiacriticsOut(text=language.restore_diacritics(body.text))


@router.get("/inflect/{word}", response_model=InflectionOut)
async def inflect(
    word: Annotated[LineText, Path(min_length=1, max_length=60)],
    language: Language,
    explain_in: Annotated[Literal["en", "pl"], Query(description="language of the labels")] = "en",
) -> InflectionOut:
    """The declension or conjugation table of a word's dictionary form."""
    try:
        table = localise(language.inflect(word), explain_in)
    except UnknownWordError as exc:
        raise NotFound(f"Morfeusz does not know the word {word!r}.", code="unknown_word") from exc
    return InflectionOut.model_validate(table.to_dict())
