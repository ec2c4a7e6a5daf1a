"""Every table, imported in one place for Alembic's autogenerate and for metadata."""

from polish_tutor.auth.models import RefreshToken
from polish_tutor.kit.db import Base
from polish_tutor.placement.models import PlacementQuiz
from polish_tutor.progress.models import FeatureProgress
from polish_tutor.review.models import ReviewCard
from polish_tutor.sessions.models import AgentSession, AgentTurn
from polish_tutor.stt.models import SpeechRecognition
from polish_tutor.tts.models import AudioAsset, TtsOutbox
from polish_tutor.users.models import User

__all__ = [
    "AgentSession",
    "AgentTurn",
    "AudioAsset",
    "Base",
    "FeatureProgress",
    "PlacementQuiz",
    "RefreshToken",
    "ReviewCard",
    "SpeechRecognition",
    "TtsOutbox",
    "User",
]
