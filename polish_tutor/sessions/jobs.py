"""The RQ entry point of session summaries (runs in ``polish-tutor worker``): the job's
argument to :class:`~polish_tutor.sessions.summaries.SessionSummaries`, which the worker
process built once and bound here."""

from __future__ import annotations

from typing import Any

from polish_tutor.kit.job_context import Bound
from polish_tutor.sessions.summaries import SessionSummaries

summaries: Bound[SessionSummaries] = Bound("session summariser")


def summarise_session(session_id: str) -> dict[str, Any]:
    """Fold the turns that left a session's window into its summary."""
    return summaries.get().summarise(session_id)
